"""Gift stock against the central PostgreSQL: several workstations of one branch (each its own SQLite
database, enrolled in one central database, connected as the branch's role) issue at once.

Online they draw on the branch's central allocation: exactly the available number is issued, none
twice, the central pool never below zero. With the network cut they issue only from their own
reserves (escrow), never more. After the network returns and a sync runs, central and local agree
and every movement and outbox message is applied exactly once. Replays of the same issue request,
including after a COMMIT whose answer was lost, never decrement twice."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from tests.sync.conftest import Central
from tests.sync.helpers import add_clients, assert_agree, outbox_ids, unacked
from tests.sync.proxy import Proxy
from workstation import errors
from workstation.clock import utcnow
from workstation.domain import StockMovementKind
from workstation.models import Branch, Gift, GiftIssue, GiftStockMovement, Staff
from workstation.services import gifts, gifts_stock
from workstation.services.actor import Actor
from workstation.services.auth import actor_for
from workstation.services.gifts_central import CentralStockAuthority, CentralStockExhausted, CentralStockInDoubt
from workstation.services.gifts_stock import OfflineReserveExhausted
from workstation.services.identity import require_identity
from workstation.store import Store
from workstation.sync.central import KEEPALIVE_ARGS, add_branch, central_url
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]
CODE = "0101"


@dataclass
class Counter:
    """One workstation: its local database, clerk and supervisor, and its stock authority."""

    store: Store
    workstation_id: uuid.UUID
    clerk: Actor
    supervisor: Actor
    gift_id: uuid.UUID
    authority: CentralStockAuthority

    def issue(self, client: uuid.UUID, request: uuid.UUID) -> object:
        try:
            with self.store.write() as session:
                return gifts.issue(
                    session, self.clerk, client, self.gift_id, request_id=request, authority=self.authority
                )
        except errors.WorkstationError as exc:
            return exc


@dataclass
class Branch0101:
    central: Central
    role_url: sa.URL
    make_workstation: MakeWorkstation
    engines: list[sa.Engine]

    def engine(self, proxy: Proxy | None = None) -> sa.Engine:
        """The branch role's engine, direct or through the proxy, with a short connect timeout."""
        url = self.role_url
        if proxy is not None:
            url = url.set(host="127.0.0.1", port=proxy.port)
        engine = sa.create_engine(
            central_url(url), poolclass=NullPool, connect_args={**KEEPALIVE_ARGS, "connect_timeout": 2}
        )
        self.engines.append(engine)
        return engine

    def counter(self, name: str, engine: sa.Engine) -> Counter:
        store = self.make_workstation(CODE, name)
        with store.read() as session:
            identity = require_identity(session)
            branch = session.get(Branch, identity.branch_id)
            staff = {s.staff_no: s for s in session.scalars(sa.select(Staff))}
            gift_id = session.scalars(sa.select(Gift.id).where(Gift.sku == f"G{CODE}")).one()
            assert branch is not None
            clerk = actor_for(staff[f"S{CODE}"], branch, identity.workstation_id)
            supervisor = actor_for(staff[f"M{CODE}"], branch, identity.workstation_id)
        authority = CentralStockAuthority(engine, identity.workstation_id, stall_s=2.0)
        return Counter(store, identity.workstation_id, clerk, supervisor, gift_id, authority)

    def allocate(self, quantity: int) -> None:
        """Head office allocates ``quantity`` units to the branch (a central movement)."""
        with self.central.session() as session, session.begin():
            gift = session.scalars(sa.select(Gift).where(Gift.sku == f"G{CODE}")).one()
            session.add(
                GiftStockMovement(
                    branch_id=self.central.branch_ids[CODE], gift_id=gift.id, kind=StockMovementKind.ALLOCATION,
                    quantity=quantity, reason="总部分配", occurred_at=utcnow(),
                )
            )  # fmt: skip


@pytest.fixture
def branch(central: Central, make_workstation: MakeWorkstation) -> Iterator[Branch0101]:
    with central.session() as session, session.begin():
        session.add(
            Staff(staff_no=f"M{CODE}", name="主管", branch_id=central.branch_ids[CODE], roles=["supervisor"],
                  password_hash="x")
        )  # fmt: skip
    with central.engine.begin() as conn:
        role, password = add_branch(conn, CODE)
    url = sa.engine.make_url(central.url).set(username=role, password=password)
    made = Branch0101(central, url, make_workstation, [])
    yield made
    for engine in made.engines:
        engine.dispose()


def race(jobs: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = jobs[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def central_buckets(central: Central) -> dict[object, int]:
    """Σ quantity per bucket (None = the branch pool, else a workstation's reserve) centrally."""
    with central.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT workstation_id, sum(quantity) FROM gift_stock_movement WHERE branch_id = %(b)s "
            "GROUP BY workstation_id",
            {"b": central.branch_ids[CODE]},
        ).all()
    return {ws: int(total) for ws, total in rows}


def issued(results: list[object]) -> list[gifts.IssueOutcome]:
    return [r for r in results if isinstance(r, gifts.IssueOutcome)]


def sync_all(central: Central, counters: list[Counter], engine: sa.Engine | None = None) -> None:
    """Two rounds (push everyone's work, then pull the siblings'); then everything agrees."""
    for _ in range(2):
        for c in counters:
            outcome = run_once(c.store, engine or central.engine)
            assert outcome.status is SyncStatus.OK and outcome.quarantined == 0, outcome
    with central.engine.connect() as conn:
        processed = set(conn.exec_driver_sql("SELECT msg_id FROM sync.processed_message").scalars())
    sent = set().union(*(outbox_ids(c.store) for c in counters))
    assert processed == sent  # every outbox message applied exactly once, nothing else
    for c in counters:
        assert unacked(c.store) == 0
        assert_agree(central, c.store, CODE)


def assert_movements_once(central: Central, counters: list[Counter], issues: int) -> None:
    """One issue movement per issue, with the id derived from it, at central and at every counter."""
    with central.engine.connect() as conn:
        ids = conn.exec_driver_sql("SELECT id FROM gift_issue").scalars().all()
        moved = conn.exec_driver_sql("SELECT gift_issue_id FROM gift_stock_movement WHERE kind = 'issue'").all()
    assert len(ids) == issues and sorted(r[0] for r in moved) == sorted(ids)
    expected = {gifts_stock.issue_movement_id(i) for i in ids}
    for c in counters:
        with c.store.read() as session:
            local = set(session.scalars(sa.select(GiftStockMovement.id).where(GiftStockMovement.kind == "issue")))
        assert local == expected


def test_workstations_racing_online_issue_exactly_the_central_allocation(branch: Branch0101) -> None:
    branch.allocate(3)
    counters = [branch.counter(f"ws{i}", branch.engine()) for i in range(4)]
    clients = [add_clients(c.store, 2, prefix=f"{i}-") for i, c in enumerate(counters)]
    jobs = [
        (lambda c=c, client=client: c.issue(client, uuid.uuid4()))
        for c, mine in zip(counters, clients, strict=True)
        for client in mine
    ]
    results = race(jobs)
    assert len(issued(results)) == 3, results
    refused = [r for r in results if isinstance(r, errors.GiftOutOfStock)]
    assert len(refused) == 5, results
    assert all(isinstance(r, CentralStockExhausted) and "营业部中心库存可用 0 件" in r.message() for r in refused)
    assert all(r.source is gifts_stock.StockSource.ALLOCATION for r in issued(results))
    assert central_buckets(branch.central) == {None: 0}
    with counters[0].store.read() as session:  # the local copy is not queued for a second push
        mine = session.scalars(sa.select(GiftIssue.id)).all()
    assert all(gifts_stock.issue_movement_id(i) not in outbox_entities(counters[0]) for i in mine)
    sync_all(branch.central, counters)
    assert_movements_once(branch.central, counters, 3)
    assert central_buckets(branch.central) == {None: 0}


def outbox_entities(counter: Counter) -> set[uuid.UUID]:
    from workstation.models import OutboxMessage

    with counter.store.read() as session:
        return set(session.scalars(sa.select(OutboxMessage.entity_id)))


def reserve(central: Central, counters: list[Counter], amounts: list[int]) -> None:
    """Each supervisor moves units of the (pulled) allocation into their workstation's reserve."""
    for c, amount in zip(counters, amounts, strict=True):
        assert run_once(c.store, central.engine).status is SyncStatus.OK
        with c.store.write() as session:
            gifts_stock.reserve_stock(session, c.supervisor, c.gift_id, amount, c.workstation_id, authority=c.authority)
        assert run_once(c.store, central.engine).status is SyncStatus.OK


def test_with_the_network_cut_workstations_issue_only_their_reserves(branch: Branch0101, proxy: Proxy) -> None:
    branch.allocate(5)
    cut = [branch.counter(f"cut{i}", branch.engine(proxy)) for i in range(2)]
    online = branch.counter("online", branch.engine())
    reserve(branch.central, cut, [2, 1])
    assert central_buckets(branch.central)[None] == 2
    clients = {id(c): add_clients(c.store, 4, prefix=c.clerk.name + str(i)) for i, c in enumerate([*cut, online])}
    proxy.mode = "blackhole"
    start = time.monotonic()
    results = race(
        [
            (lambda c=c, client=client: c.issue(client, uuid.uuid4()))
            for c in [*cut, online]
            for client in clients[id(c)]
        ]
    )
    elapsed = time.monotonic() - start
    assert elapsed < 10, elapsed  # central unreachable is found within the connect timeout (2 s here)
    by_counter = [issued(results[i * 4 : (i + 1) * 4]) for i in range(3)]
    assert [len(x) for x in by_counter] == [2, 1, 2], results
    assert all(r.source is gifts_stock.StockSource.RESERVE for x in by_counter[:2] for r in x)
    assert all(r.source is gifts_stock.StockSource.ALLOCATION for r in by_counter[2])
    assert all(isinstance(r, gifts.IssueOutcome | OfflineReserveExhausted) for r in results[:8]), results
    assert all(isinstance(r, gifts.IssueOutcome | CentralStockExhausted) for r in results[8:]), results
    for c in cut:
        with c.store.read() as session:
            assert gifts_stock.bucket_balance(session, c.clerk.branch_id, c.gift_id, c.workstation_id) == 0
    assert central_buckets(branch.central)[None] == 0  # the online counter took the pool meanwhile
    proxy.mode = "pass"
    via = branch.engine(proxy)
    sync_all(branch.central, [*cut, online], via)
    assert_movements_once(branch.central, [*cut, online], 5)
    buckets = central_buckets(branch.central)
    assert buckets == {None: 0, cut[0].workstation_id: 0, cut[1].workstation_id: 0}, buckets


def test_a_replay_never_decrements_twice_even_after_a_lost_commit(branch: Branch0101, proxy: Proxy) -> None:
    branch.allocate(4)
    ws = branch.counter("ws1", branch.engine(proxy))
    reserve(branch.central, [ws], [1])
    client, other = add_clients(ws.store, 2)
    request = uuid.uuid4()
    with proxy.mode_set("drop_after_commit"):
        lost = ws.issue(client, request)
    assert isinstance(lost, CentralStockInDoubt), lost
    assert "重试" in lost.message()
    assert central_buckets(branch.central)[None] == 2  # committed centrally, unknown at the counter
    with ws.store.read() as session:
        assert session.get(GiftIssue, request) is None  # rolled back locally
    proxy.mode = "blackhole"  # still offline: the in-doubt request must not fall back to the reserve
    again = ws.issue(client, request)
    assert isinstance(again, CentralStockInDoubt), again
    proxy.mode = "pass"
    ws.authority.link.reached()  # the network is back (skip the offline back-off)
    first = ws.issue(client, request)
    assert isinstance(first, gifts.IssueOutcome) and first.source is gifts_stock.StockSource.ALLOCATION, first
    replay = ws.issue(client, request)
    assert isinstance(replay, gifts.IssueOutcome) and replay.replayed
    second = ws.issue(other, uuid.uuid4())
    assert isinstance(second, gifts.IssueOutcome), second
    assert central_buckets(branch.central) == {None: 1, ws.workstation_id: 1}
    with ws.store.read() as session:
        assert gifts_stock.bucket_balance(session, ws.clerk.branch_id, ws.gift_id, ws.workstation_id) == 1
    sync_all(branch.central, [ws])
    assert_movements_once(branch.central, [ws], 2)
    assert central_buckets(branch.central) == {None: 1, ws.workstation_id: 1}


def test_replays_racing_each_other_online_take_one_unit(branch: Branch0101) -> None:
    branch.allocate(2)
    counters = [branch.counter(f"ws{i}", branch.engine()) for i in range(2)]
    (client,) = add_clients(counters[0].store, 1)
    request = uuid.uuid4()
    results = race([lambda: counters[0].issue(client, request) for _ in range(4)])
    assert len(issued(results)) == 4, results
    assert sum(not r.replayed for r in issued(results)) == 1
    assert central_buckets(branch.central) == {None: 1}
    sync_all(branch.central, counters)
    assert_movements_once(branch.central, counters, 1)


def test_the_runtimes_central_authority_draws_on_the_central_pool(branch: Branch0101) -> None:
    from workstation.services import runtime

    branch.allocate(1)
    ws = branch.counter("ws1", branch.engine())
    (client,) = add_clients(ws.store, 1)
    mine = runtime.use_central(ws.store, branch.engine())
    try:
        authority = mine.stock_authority(ws.workstation_id)
        assert isinstance(authority, CentralStockAuthority) and authority.link is mine.queue.link  # one back-off
        with ws.store.write() as session:
            outcome = gifts.issue(session, ws.clerk, client, ws.gift_id, request_id=uuid.uuid4(), authority=authority)
    finally:
        runtime.forget(ws.store)
    assert outcome.source is gifts_stock.StockSource.ALLOCATION
    assert central_buckets(branch.central) == {None: 0}
    assert isinstance(gifts_stock.default_authority(ws.workstation_id), gifts_stock.LocalStockAuthority)


def test_reserves_are_granted_from_the_central_pool_never_from_a_stale_local_copy(branch: Branch0101) -> None:
    branch.allocate(3)
    ws1, ws2 = (branch.counter(f"ws{i}", branch.engine()) for i in (1, 2))
    for c in (ws1, ws2):  # both hold a local copy of the pool: 3
        assert run_once(c.store, branch.central.engine).status is SyncStatus.OK

    def reserve_at(c: Counter, amount: int) -> object:
        try:
            with c.store.write() as session:
                return gifts_stock.reserve_stock(
                    session, c.supervisor, c.gift_id, amount, c.workstation_id, authority=c.authority
                )
        except errors.WorkstationError as exc:
            return exc

    assert reserve_at(ws1, 2) == 2
    refused = reserve_at(ws2, 2)  # its local pool still says 3
    assert isinstance(refused, errors.ReserveExceedsAllocation) and refused.params["available"] == 1, refused
    assert reserve_at(ws2, 1) == 1
    assert central_buckets(branch.central) == {None: 0, ws1.workstation_id: 2, ws2.workstation_id: 1}
    sync_all(branch.central, [ws1, ws2])


def test_a_workstation_with_a_central_uses_it_for_gifts_and_one_without_does_not(branch: Branch0101) -> None:
    from workstation.services import runtime

    ws = branch.counter("ws1", branch.engine())
    assert runtime.for_store(ws.store).stock_authority(ws.workstation_id) is None  # nothing configured yet
    runtime.use_central(ws.store, branch.engine())
    try:
        authority = runtime.for_store(ws.store).stock_authority(ws.workstation_id)
        assert isinstance(authority, CentralStockAuthority)
        assert runtime.for_store(ws.store).stock_authority(ws.workstation_id) is authority  # one per workstation
    finally:
        runtime.forget(ws.store)
