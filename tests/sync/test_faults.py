"""Real faults between a workstation and PostgreSQL: connections cut before, during and after
COMMIT, and stalled. After recovery every outbox event is applied exactly once and both sides agree."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from tests.sync.conftest import Central, book
from tests.sync.helpers import add_clients, assert_agree, outbox_ids, unacked
from tests.sync.proxy import Proxy
from workstation.store import Store
from workstation.sync.central import central_engine
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]


def via(proxy: Proxy, central: Central) -> sa.Engine:
    return central_engine(proxy.url(database=sa.engine.make_url(central.url).database or ""))


def processed(central: Central) -> set[object]:
    with central.engine.connect() as conn:
        return set(conn.exec_driver_sql("SELECT msg_id FROM sync.processed_message").scalars())


def assert_exactly_once(central: Central, *stores: Store) -> None:
    """Every outbox message of every workstation was applied, once, and nothing else was."""
    sent = set().union(*(outbox_ids(s) for s in stores))
    assert processed(central) == sent
    assert central.count("sync.processed_message") == len(sent)
    for store in stores:
        assert unacked(store) == 0


@pytest.mark.parametrize("mode", ["drop_before_commit", "drop_after_commit", "drop_after_reply"])
def test_a_cut_around_commit_loses_nothing_and_doubles_nothing(
    mode: str, central: Central, proxy: Proxy, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    run_once(ws, central.engine)
    add_clients(ws, 20)
    book(central, "0101", 5)
    engine = via(proxy, central)
    with proxy.mode_set(mode):
        outcome = run_once(ws, engine, stall_s=3)
    assert proxy.commits_seen >= 1
    if mode == "drop_after_reply":
        assert outcome.pushed == 40  # the push committed and was acknowledged before the cut
    else:
        assert outcome.status is SyncStatus.OFFLINE, outcome
        assert unacked(ws) == 40
    committed = central.count("client")
    assert committed == (0 if mode == "drop_before_commit" else 20)  # after COMMIT: applied, not acked
    log_before = central.count("sync.change_log")
    recovered = run_once(ws, engine)
    assert recovered.status is SyncStatus.OK, recovered
    assert central.count("client") == 20 and central.count("visit") == 20
    if mode != "drop_before_commit":
        assert central.count("sync.change_log") == log_before  # the replay changed no row
    assert_exactly_once(central, ws)
    assert_agree(central, ws, "0101")
    engine.dispose()


def test_a_stalled_connection_is_abandoned_in_bounded_time_and_retried(
    central: Central, proxy: Proxy, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 3)
    engine = via(proxy, central)
    with engine.connect() as conn:  # an established connection that then stalls
        conn.exec_driver_sql("SELECT 1")
    with proxy.mode_set("blackhole"):
        start = time.monotonic()
        outcome = run_once(ws, engine, stall_s=2)
        elapsed = time.monotonic() - start
    assert outcome.status is SyncStatus.OFFLINE
    assert elapsed < 10, elapsed
    recovered = run_once(ws, engine)
    assert recovered.status is SyncStatus.OK and recovered.pending == 0
    assert_exactly_once(central, ws)
    engine.dispose()


def test_a_stall_in_the_middle_of_a_batch_is_cut_by_the_watchdog(central: Central, proxy: Proxy) -> None:
    """The proxy still ACKs TCP, so only the watchdog can free the blocked call."""
    from workstation.errors import CentralStalled
    from workstation.sync.central import stall_guard

    engine = via(proxy, central)
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
        proxy.mode = "blackhole"
        start = time.monotonic()
        with pytest.raises(CentralStalled), stall_guard(conn, 1.0):
            conn.exec_driver_sql("SELECT 2")
        assert time.monotonic() - start < 5
    proxy.mode = "pass"
    engine.dispose()


def test_an_unreachable_server_is_offline_quickly(tmp_path, make_workstation: MakeWorkstation) -> None:
    from workstation.pgserver import free_port

    ws = make_workstation("0101", "ws1")
    start = time.monotonic()
    outcome = run_once(ws, f"postgresql://nobody@127.0.0.1:{free_port()}/central")
    assert outcome.status is SyncStatus.OFFLINE
    assert time.monotonic() - start < 10
    assert "离线" in outcome.error


def test_cutting_every_connection_mid_pull_keeps_the_cursor_consistent(
    central: Central, proxy: Proxy, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    book(central, "0101", 50)
    engine = via(proxy, central)
    proxy.cut_all()
    outcome = run_once(ws, engine)
    assert outcome.status is SyncStatus.OK
    assert_agree(central, ws, "0101")
    engine.dispose()
