"""One sync cycle end to end on the real PostgreSQL: push, pull, replays, outcome, status."""

from __future__ import annotations

from collections.abc import Callable

from tests.sync.conftest import Central, book
from tests.sync.helpers import add_clients, assert_agree
from workstation.store import Store
from workstation.sync.engine import SyncStatus, last_sync, run_once

MakeWorkstation = Callable[[str, str], Store]


def test_a_cycle_pushes_the_outbox_and_pulls_the_branch(central: Central, make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 5)
    book(central, "0101", 3)
    book(central, "0202", 2)
    outcome = run_once(ws, central.engine)
    assert outcome.status is SyncStatus.OK, outcome
    assert outcome.pushed == 11  # workstation row + 5 clients + 5 visits
    assert outcome.pending == 0 and outcome.quarantined == 0
    assert central.count("client") == 5 and central.count("visit") == 5
    assert central.count("sync.processed_message") == 11
    assert_agree(central, ws, "0101")
    assert last_sync(ws)["last_success"]
    again = run_once(ws, central.engine)
    assert (again.pushed, again.pulled) == (0, 0)


def test_a_workstation_without_a_branch_reports_failed_not_a_crash(central: Central, sqlite_store: Store) -> None:
    outcome = run_once(sqlite_store, central.engine)
    assert outcome.status is SyncStatus.FAILED and "尚未设置" in outcome.error
    assert outcome.summary().startswith("failed: pushed 0")
