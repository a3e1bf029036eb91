"""The central link of one workstation: one back-off for the queue and the gift stock, the outbox
it carries, and the import direction services → sync (no PostgreSQL needed: a closed port)."""

from __future__ import annotations

import ast
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import records
from workstation.domain import Role, ServiceLine
from workstation.models import OutboxMessage
from workstation.services.actor import Actor
from workstation.services.branch_queue import BranchQueue
from workstation.services.gifts_central import CentralStockAuthority
from workstation.store import Store
from workstation.sync.link import Backlog, CentralLink, Timeouts, Unreachable, link_engine

ROOT = Path(__file__).resolve().parents[2] / "workstation"
SYNC_MAY_USE = {"workstation.services.identity", "workstation.services.audit", "workstation.services.actor"}
"""The leaf services the sync package may import (they import nothing of the sync)."""


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def link(sqlite_store: Store) -> Iterator[CentralLink]:
    engine = link_engine(f"postgresql://ws@127.0.0.1:{closed_port()}/central")
    made = CentralLink(engine, sqlite_store)
    yield made
    made.dispose()


def clerk(store: Store) -> Actor:
    with store.write() as session:
        branch = records.branch(session)
        staff = records.staff(session, branch, roles=["reception"])
        return Actor(staff.id, staff.staff_no, staff.name, frozenset({Role.RECEPTION}), branch.id)


def test_a_failure_seen_by_the_queue_backs_off_the_gift_stock_and_a_contact_resets_both(
    sqlite_store: Store, link: CentralLink
) -> None:
    queue = BranchQueue(sqlite_store, link)
    stock = CentralStockAuthority(link, None)
    assert queue.online and stock.offline_detail() is None
    ticket = queue.issue_walk_in(clerk(sqlite_store), ServiceLine.NEW_ACCOUNT)  # refused: done locally
    assert ticket.visit_id is not None
    assert not queue.online and stock.offline_detail() is not None
    assert stock.central_pools(uuid.uuid4()) is None  # answered by the back-off, no network
    with pytest.raises(Unreachable) as caught, link.transaction():
        pass
    assert not caught.value.tried
    link.reached()  # e.g. a completed sync cycle
    assert queue.online and stock.offline_detail() is None


def test_the_carried_outbox_is_bounded(sqlite_store: Store) -> None:
    actor = clerk(sqlite_store)
    BranchQueue(sqlite_store, None).issue_walk_in(actor, ServiceLine.NEW_ACCOUNT)
    with sqlite_store.read() as session:
        waiting = session.scalar(
            sa.select(sa.func.count()).select_from(OutboxMessage).where(OutboxMessage.acked_at.is_(None))
        )
    assert waiting
    assert len(CentralLink(None, sqlite_store).pending()) == waiting
    with sqlite_store.write() as session:  # read beside a writing transaction: what is committed
        assert len(CentralLink(None).pending(session)) == waiting
    with pytest.raises(Backlog):
        CentralLink(None, sqlite_store, timeouts=Timeouts(max_carried=waiting - 1)).pending()


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "workstation.services":
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_imports_run_services_to_sync_never_back() -> None:
    for path in sorted((ROOT / "sync").glob("*.py")):
        services = {name for name in imports_of(path) if name.startswith("workstation.services.")}
        assert services <= SYNC_MAY_USE, f"{path.name} imports {sorted(services - SYNC_MAY_USE)}"


def test_one_runtime_per_open_workstation_holds_its_link_queue_and_stock_state(sqlite_store: Store) -> None:
    from workstation.services import runtime

    mine = runtime.for_store(sqlite_store)
    try:
        assert runtime.for_store(sqlite_store) is mine  # no central configured: local only
        assert mine.link.engine is None and mine.stock_authority(None) is None
        fixed = runtime.use_central(sqlite_store, link_engine(f"postgresql://ws@127.0.0.1:{closed_port()}/c"))
        assert runtime.for_store(sqlite_store) is fixed
        first, second = (fixed.stock_authority(uuid.uuid4()) for _ in range(2))
        assert first is not None and second is not None
        assert first.link is second.link is fixed.queue.link  # one back-off for the queue and the stock
        assert first.in_doubt is second.in_doubt is fixed.in_doubt
        assert fixed.sync_lock is not mine.sync_lock
    finally:
        runtime.forget(sqlite_store)
    assert runtime.for_store(sqlite_store) is not fixed
    runtime.forget(sqlite_store)


def test_a_completed_sync_cycle_ends_the_back_off_of_the_queue_and_the_gift_stock(central, make_workstation) -> None:  # type: ignore[no-untyped-def]
    from tests.sync.test_status import actor_of, settings_for
    from workstation.services import runtime
    from workstation.services.identity import current_identity
    from workstation.sync.settings import save_settings
    from workstation.ui.sync.controller import run_cycle

    ws = make_workstation("0101", "ws1")
    save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url))
    with ws.read() as session:
        identity = current_identity(session)
    assert identity is not None
    mine = runtime.for_store(ws)
    try:
        stock = mine.stock_authority(identity.workstation_id)
        assert stock is not None and stock.link is mine.queue.link  # built from the saved settings
        mine.link.unreachable("网络中断")  # as after a failed click
        assert not mine.queue.online and stock.offline_detail() == "网络中断"
        report = run_cycle(ws)
        assert report.outcome is not None and report.outcome.completed, report
        assert mine.queue.online and stock.offline_detail() is None
    finally:
        runtime.forget(ws)
