"""The pull cursor is ordered as xid8, never as text: crossing a power of ten skips nothing (issue 10).

PostgreSQL resolves an ORDER BY name to an output column first; with ``xid::text AS xid`` the page
was sorted as text (``'10000' < '9999'``), the cursor jumped past the entries of the shorter ids
and those changes never reached the counter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

from tests.sync.conftest import Central, book, seed_central
from tests.sync.helpers import burn_xids_to, current_xid, next_power_of_ten
from workstation import pgserver as pg
from workstation.models import Appointment
from workstation.store import Store
from workstation.sync.central import central_engine, init_central
from workstation.sync.pull import load_state, pull

MakeWorkstation = Callable[[str, str], Store]


@pytest.fixture(scope="module")
def own_server() -> Iterator[pg.PgServer]:
    """A cluster of its own: its transaction counter starts near 750 whatever the rest of the run
    did, so the next power of ten is 10,000 (or 100,000) and burning up to it takes < 0.5 s."""
    server = pg.start_server()
    yield server
    server.stop()


@pytest.fixture
def central(own_server: pg.PgServer) -> Iterator[Central]:
    """This module's central database (overrides the shared one; ``make_workstation`` uses it)."""
    admin = sa.create_engine(own_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE IF EXISTS central")
        conn.exec_driver_sql("CREATE DATABASE central")
    admin.dispose()
    url = own_server.url("central")
    engine = central_engine(url)
    init_central(engine)
    yield Central(url=url, engine=engine, branch_ids=seed_central(engine))
    engine.dispose()


def test_burning_transaction_ids_really_advances_the_counter(central: Central) -> None:
    before = current_xid(central.engine)
    after = burn_xids_to(central.engine, before + 5000)
    assert after >= before + 5000


def test_appointments_on_both_sides_of_a_power_of_ten_all_arrive(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    boundary = next_power_of_ten(current_xid(central.engine), margin=50)
    burn_xids_to(central.engine, boundary - 8)
    below = [book(central, "0101", 1, start=i)[0] for i in range(3)]  # one transaction each
    assert current_xid(central.engine) < boundary, "other sessions used the margin; burn closer"
    burn_xids_to(central.engine, boundary + 2)
    above = [book(central, "0101", 1, start=10 + i)[0] for i in range(3)]
    with central.engine.connect() as conn:
        lengths = {
            len(x)
            for x in conn.exec_driver_sql(
                "SELECT xid::text FROM sync.change_log WHERE entity = 'appointment'"
            ).scalars()
        }
    assert lengths == {len(str(boundary - 1)), len(str(boundary))}, lengths

    result = pull(ws, central.engine, central.branch_ids["0101"], page_size=2)

    with ws.read() as session:
        local = set(session.scalars(sa.select(Appointment.id)))
    assert set(below) | set(above) <= local, "entries skipped by the cursor"
    assert result.pulled == 6 and not result.rejected
    cursor, _ = load_state(ws)
    assert cursor.xid >= boundary
    assert pull(ws, central.engine, central.branch_ids["0101"], page_size=2).entries == 0
