"""Leads travel like every branch fact: pushed under the branch's own role, seen by no other
branch, exported centrally without the withdrawn ones; an appointment booked from a lead links back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests.sync.conftest import Central
from workstation.cli import main
from workstation.clock import utcnow
from workstation.domain import AppointmentStatus, LeadSource, Role
from workstation.models import Appointment, Lead, Staff
from workstation.services import leads
from workstation.services.actor import Actor
from workstation.store import Store
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]


def clerk_of(ws: Store, code: str) -> Actor:
    with ws.read() as session:
        staff = session.scalars(sa.select(Staff).where(Staff.staff_no == f"S{code}")).one()
        assert staff.branch_id is not None
        return Actor(staff.id, staff.staff_no, staff.name, frozenset({Role.CLERK}), staff.branch_id)


def register(ws: Store, actor: Actor, mobile: str) -> object:
    with ws.write() as session:
        request = leads.LeadRequest(
            mobile=mobile, source=LeadSource.BOOTH, consent_purpose="电话回访", consent_channel="扫码勾选"
        )
        return leads.register(session, actor, request).id


def test_a_lead_reaches_central_only_its_branch_sees_it_and_withdrawal_follows(
    central: Central, roles: dict[str, Engine], make_workstation: MakeWorkstation, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    ws = make_workstation("0101", "ws1")
    actor = clerk_of(ws, "0101")
    kept = register(ws, actor, "13812345678")
    gone = register(ws, actor, "13912345678")
    outcome = run_once(ws, roles["0101"])
    assert outcome.status is SyncStatus.OK, outcome
    assert central.count("lead") == 2
    assert central.count("sync.change_log", "entity = 'lead'") == 2
    with roles["0202"].connect() as conn:  # row-level security: the other branch sees nothing
        assert leads.follow_up_list(conn) == []
    with ws.write() as session:
        leads.withdraw(session, actor, gone)  # type: ignore[arg-type]
    assert run_once(ws, roles["0101"]).status is SyncStatus.OK
    with central.engine.connect() as conn:
        assert [line.lead_id for line in leads.follow_up_list(conn)] == [kept]
        assert conn.scalar(sa.select(Lead.withdrawn_at).where(Lead.id == gone)) is not None
    out = tmp_path / "leads.csv"
    assert main(["leads", "export", "--central", central.url, "--out", str(out)]) == 0
    assert "1 条" in capsys.readouterr().out
    text = out.read_bytes().decode("utf-8-sig")
    assert "13812345678" in text and "13912345678" not in text

    # The call centre books the lead into the branch: the workstation's copy links back to it.
    now = utcnow()
    with central.session() as session, session.begin():
        session.add(Appointment(
            branch_id=central.branch_ids["0101"], code="L0000001", client_name="张三", mobile="13812345678",
            slot_start=now + timedelta(hours=1), slot_end=now + timedelta(hours=2), status=AppointmentStatus.BOOKED,
            lead_id=kept,
        ))  # fmt: skip
    assert run_once(ws, roles["0101"]).status is SyncStatus.OK
    with ws.read() as session:
        assert session.scalar(sa.select(Appointment.lead_id).where(Appointment.code == "L0000001")) == kept


def test_return_visits_reach_central_where_the_agent_lists_them(
    central: Central, roles: dict[str, Engine], make_workstation: MakeWorkstation
) -> None:
    from workstation.domain import ApplicationKind, ApplicationStatus
    from workstation.models import AccountApplication, Client
    from workstation.services import return_visits

    ws = make_workstation("0101", "ws1")
    actor = clerk_of(ws, "0101")
    with ws.write() as session:
        agent = session.scalars(sa.select(Staff).where(Staff.staff_no == "T001")).one()
        client = Client(branch_id=actor.branch_id, name="张三", id_number="RV1", telesales_agent_id=agent.id)
        session.add(client)
        session.flush()
        session.add(AccountApplication(
            branch_id=actor.branch_id, kind=ApplicationKind.NEW_ACCOUNT, status=ApplicationStatus.APPROVED,
            clerk_id=actor.staff_id, client_id=client.id, reviewed_at=utcnow(),
        ))  # fmt: skip
        session.flush()
        assert len(return_visits.plan(session, actor.branch_id)) == 1
        agent_id = agent.id
    assert run_once(ws, roles["0101"]).status is SyncStatus.OK
    assert central.count("return_visit") == 1
    with sa.orm.Session(central.engine) as session:
        (task,) = return_visits.tasks_for(session, agent_id)
    assert task.client_name != "张三" and task.kind is ApplicationKind.NEW_ACCOUNT
