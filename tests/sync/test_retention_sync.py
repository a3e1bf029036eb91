"""Retention reaches the central database: the anonymised rows travel through the outbox (issue 17),
and the central run's anonymised appointments reach the workstation through the pull."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa

from tests.sync.conftest import Central, book
from tests.sync.helpers import add_clients
from workstation.clock import utcnow
from workstation.models import Appointment, Client
from workstation.services import retention
from workstation.store import Store
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]


def test_anonymised_clients_reach_the_central_database(central: Central, make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    ids = add_clients(ws, 3)
    assert run_once(ws, central.engine).status is SyncStatus.OK
    with ws.write() as session:
        assert retention.run_workstation(session, utcnow() + timedelta(days=400)).clients == 3
    outcome = run_once(ws, central.engine)
    assert outcome.status is SyncStatus.OK and outcome.quarantined == 0
    with central.session() as session:
        rows = session.execute(sa.select(Client.name, Client.id_number, Client.version).where(Client.id.in_(ids)))
        assert {(name, number.startswith("ANON-"), version) for name, number, version in rows} == {
            (retention.ANONYMISED, True, 2)
        }


def test_the_central_run_reaches_the_workstation(central: Central, make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    booked = book(central, "0101", 2)
    assert run_once(ws, central.engine).status is SyncStatus.OK
    with central.session() as session, session.begin():
        assert retention.run_central(session, utcnow() + timedelta(days=400)).appointments >= 2
    assert run_once(ws, central.engine).status is SyncStatus.OK
    with ws.read() as session:
        rows = session.execute(sa.select(Appointment.client_name, Appointment.mobile).where(Appointment.id.in_(booked)))
        assert set(rows) == {(retention.ANONYMISED, "")}
