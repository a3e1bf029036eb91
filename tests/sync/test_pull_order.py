"""The pull cursor is ordered as xid8, never as text: nothing is skipped when transaction ids change length.

PostgreSQL resolves ``ORDER BY name`` to an output column first, so ``SELECT xid::text AS xid … ORDER BY
xid`` once sorted the page as text (``'10000' < '9999'``) and the cursor jumped past entries. These tests
burn transaction ids up to just below a power of ten, write changes on both sides of it and pull with
pages smaller than the data.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests.sync.conftest import Central, book
from workstation.models import Appointment
from workstation.store import Store
from workstation.sync.engine import SyncStatus, run_once
from workstation.sync.pull import load_state, pull

MakeWorkstation = Callable[[str, str], Store]


def current_xid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar_one())


def burn_xids_to(engine: Engine, target: int) -> None:
    """Advance the cluster's transaction id counter to just below ``target`` (one committed,
    empty-handed transaction per id, inside one server-side loop: ~0.5 M ids a second)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        burn = target - int(conn.exec_driver_sql("SELECT pg_current_xact_id()::text").scalar_one()) - 1
        if burn > 0:
            conn.exec_driver_sql(
                f"DO $$ BEGIN FOR i IN 1..{burn} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$"
            )


def next_power_of_ten(n: int) -> int:
    power = 10
    while power <= n:
        power *= 10
    return power


def test_the_burn_helper_reaches_its_target(central: Central) -> None:
    target = current_xid(central.engine) + 5_000
    burn_xids_to(central.engine, target)
    assert current_xid(central.engine) == target


def test_entries_on_both_sides_of_a_power_of_ten_are_all_pulled(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    assert run_once(ws, central.engine).status is SyncStatus.OK
    boundary = next_power_of_ten(current_xid(central.engine) + 50)
    burn_xids_to(central.engine, boundary - 6)
    booked = [book(central, "0101", 1, start=i)[0] for i in range(12)]  # one transaction each
    with central.engine.connect() as conn:
        xids = [
            int(x)
            for x in conn.execute(
                sa.text("SELECT xid::text FROM sync.change_log WHERE entity = 'appointment' AND entity_id = ANY(:ids)"),
                {"ids": booked},
            ).scalars()
        ]
    assert min(xids) < boundary <= max(xids), "the test must straddle the boundary"
    assert len(str(min(xids))) < len(str(max(xids)))

    result = pull(ws, central.engine, central.branch_ids["0101"], page_size=3)

    with ws.read() as session:
        local = set(session.scalars(sa.select(Appointment.id)))
    assert set(booked) <= local, f"skipped: {len(set(booked) - local)} of {len(booked)}"
    cursor, _ = load_state(ws)
    assert cursor.xid == max(xids)
    assert result.entries >= len(booked)


def test_a_cursor_past_the_boundary_reads_only_later_entries(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    """Compared as xid8, a 5-digit cursor is after every 4-digit entry (as text it was not)."""
    ws = make_workstation("0101", "ws1")
    boundary = next_power_of_ten(current_xid(central.engine) + 50)
    burn_xids_to(central.engine, boundary - 3)
    before = book(central, "0101", 2)  # below the boundary
    burn_xids_to(central.engine, boundary + 2)
    after = [book(central, "0101", 1, start=10 + i)[0] for i in range(3)]
    first = pull(ws, central.engine, central.branch_ids["0101"], page_size=2)
    assert first.entries >= len(before) + len(after)
    again = pull(ws, central.engine, central.branch_ids["0101"], page_size=2)
    assert again.entries == 0 and again.pulled == 0
    with ws.read() as session:
        local = set(session.scalars(sa.select(Appointment.id)))
    assert set(before) | set(after) <= local
