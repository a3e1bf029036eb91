"""Racing for the last units: several workstations (each its own engine and connections) issue at
once on one database, on SQLite and on PostgreSQL. Exactly the available number is issued, no
client twice, no request decremented twice, no bucket below zero — online and offline (reserve)."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from tests.test_gifts import GiftWorld, add_client, build_world
from workstation import errors
from workstation.domain import ApplicationKind, GiftIssueStatus
from workstation.models import GiftIssue, GiftStockMovement
from workstation.services import gifts, gifts_stock
from workstation.services.actor import Actor
from workstation.services.gifts_stock import ReserveOnlyStockAuthority, StockAuthority
from workstation.store import Store, open_store

THREADS = 8


def new_clients(w: GiftWorld, count: int) -> list[uuid.UUID]:
    with w.store.write() as session:
        return [
            add_client(session, w.branch_id, f"客户{i}", applied=ApplicationKind.NEW_ACCOUNT, clerk_id=w.clerk.staff_id)
            for i in range(count)
        ]


def race(db_url: str, jobs: list[Callable[[Store], object]]) -> list[object]:
    """Run each job on its own thread with its own store (engine, pool, connections), all at once."""
    stores = [open_store(db_url) for _ in jobs]
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = jobs[index](stores[index])
        except Exception as exc:  # collected and asserted on below
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for store in stores:
        store.dispose()
    return results


def issuing(
    actor: Actor, client: uuid.UUID, gift: uuid.UUID, request: uuid.UUID, authority: StockAuthority | None = None
) -> Callable[[Store], object]:
    def job(store: Store) -> object:
        with store.write() as session:
            return gifts.issue(session, actor, client, gift, request_id=request, authority=authority)

    return job


def assert_never_negative(w: GiftWorld, gift: uuid.UUID) -> None:
    with w.store.read() as session:
        buckets = session.execute(
            sa.select(GiftStockMovement.workstation_id, sa.func.sum(GiftStockMovement.quantity))
            .where(GiftStockMovement.gift_id == gift)
            .group_by(GiftStockMovement.workstation_id)
        ).all()
    assert all(total >= 0 for _, total in buckets), buckets


def test_racing_for_the_last_units_issues_exactly_the_stock(db_url: str) -> None:
    opened = open_store(db_url)
    w = build_world(opened, cup_stock=3)
    clients = new_clients(w, THREADS)
    actors = [w.clerk, w.clerk2, w.supervisor] * THREADS
    results = race(db_url, [issuing(actors[i], clients[i], w.cup, uuid.uuid4()) for i in range(THREADS)])
    issued = [r for r in results if isinstance(r, gifts.IssueOutcome)]
    refused = [r for r in results if isinstance(r, errors.GiftOutOfStock)]
    assert (len(issued), len(refused)) == (3, THREADS - 3), results
    with w.store.read() as session:
        rows = session.scalars(sa.select(GiftIssue).where(GiftIssue.gift_id == w.cup)).all()
        assert len(rows) == 3 and len({r.client_id for r in rows}) == 3
        assert gifts_stock.bucket_balance(session, w.branch_id, w.cup, None) == 0
    assert_never_negative(w, w.cup)
    opened.dispose()


def test_replays_racing_each_other_decrement_once(db_url: str) -> None:
    opened = open_store(db_url)
    w = build_world(opened, cup_stock=5)
    clients = new_clients(w, 3)
    requests = [uuid.uuid4() for _ in clients]
    # every request sent three times at once (lost answers, retries from the counter)
    jobs = [issuing(w.clerk, clients[i % 3], w.cup, requests[i % 3]) for i in range(9)]
    results = race(db_url, jobs)
    assert all(isinstance(r, gifts.IssueOutcome) for r in results), results
    fresh = Counter(r.issue.issue_id for r in results if isinstance(r, gifts.IssueOutcome) and not r.replayed)
    assert fresh == Counter(requests)  # each request issued once, the others were replays
    with w.store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(GiftIssue)) == 3
        assert gifts_stock.bucket_balance(session, w.branch_id, w.cup, None) == 2
    opened.dispose()


def test_one_client_racing_for_two_gifts_of_a_campaign_gets_one(db_url: str) -> None:
    opened = open_store(db_url)
    w = build_world(opened)
    jobs = [
        issuing(w.clerk, w.opened, w.cup, uuid.uuid4()),
        issuing(w.clerk2, w.opened, w.powerbank, uuid.uuid4()),
        issuing(w.supervisor, w.opened, w.cup, uuid.uuid4()),
    ]
    results = race(db_url, jobs)
    assert sum(isinstance(r, gifts.IssueOutcome) for r in results) == 1, results
    assert sum(isinstance(r, errors.GiftAlreadyIssued) for r in results) == 2, results
    with w.store.read() as session:
        live = session.scalars(sa.select(GiftIssue).where(GiftIssue.status != GiftIssueStatus.VOIDED)).all()
        taken = session.scalar(sa.select(sa.func.sum(GiftStockMovement.quantity)).where(GiftStockMovement.quantity < 0))
    assert len(live) == 1 and taken == -1
    opened.dispose()


def test_offline_workstations_never_issue_more_than_their_reserves(db_url: str) -> None:
    opened = open_store(db_url)
    w = build_world(opened, cup_stock=3)
    with w.store.write() as session:
        gifts_stock.reserve_stock(session, w.supervisor, w.cup, 2, w.ws1)
        gifts_stock.reserve_stock(session, w.supervisor, w.cup, 1, w.ws2)
    clients = new_clients(w, THREADS)
    jobs = []
    for i in range(THREADS):
        actor, ws = (w.clerk, w.ws1) if i % 2 else (w.clerk2, w.ws2)
        jobs.append(issuing(actor, clients[i], w.cup, uuid.uuid4(), ReserveOnlyStockAuthority(ws)))
    results = race(db_url, jobs)
    issued = [r for r in results if isinstance(r, gifts.IssueOutcome)]
    assert len(issued) == 3, results
    assert all(isinstance(r, gifts.IssueOutcome | errors.GiftOutOfStock) for r in results), results
    with w.store.read() as session:
        assert gifts_stock.bucket_balance(session, w.branch_id, w.cup, w.ws1) == 0
        assert gifts_stock.bucket_balance(session, w.branch_id, w.cup, w.ws2) == 0
        assert gifts_stock.bucket_balance(session, w.branch_id, w.cup, None) == 0
    assert_never_negative(w, w.cup)
    opened.dispose()


@pytest.mark.parametrize("quantity", [1, 2])
def test_reserves_racing_for_the_allocation_never_exceed_it(db_url: str, quantity: int) -> None:
    opened = open_store(db_url)
    w = build_world(opened, cup_stock=3)

    def reserving(ws: uuid.UUID) -> Callable[[Store], object]:
        def job(store: Store) -> object:
            with store.write() as session:
                return gifts_stock.reserve_stock(session, w.supervisor, w.cup, quantity, ws)

        return job

    results = race(db_url, [reserving(w.ws1 if i % 2 else w.ws2) for i in range(6)])
    granted = sum(isinstance(r, int) for r in results)
    assert granted == 3 // quantity, results
    assert all(isinstance(r, int | errors.ReserveExceedsAllocation) for r in results), results
    assert_never_negative(w, w.cup)
    opened.dispose()
