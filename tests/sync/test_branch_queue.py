"""The branch queue across workstations (issue 4 "call next is safe", issue 7 "nothing doubled").

Three PCs of branch 0101 (reception a1, counters a2 and a3), each with its own SQLite file, use the
central PostgreSQL database as the branch's queue through the branch's own role (row security
on), through the fault proxy where the network must fail.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from tests.sync.conftest import Central, book
from tests.sync.helpers import assert_agree
from tests.sync.proxy import Proxy
from workstation import errors
from workstation.domain import ServiceLine, VisitOutcome
from workstation.models import Branch, Counter, OutboxMessage, Staff, Visit, Workstation
from workstation.services import documents, runtime
from workstation.services.actor import Actor
from workstation.services.auth import actor_for
from workstation.services.branch_queue import OFFLINE_BACKOFF_S, BranchQueue, queue_engine
from workstation.services.identity import require_identity
from workstation.store import Store
from workstation.sync.central import add_branch
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]
A = ServiceLine.NEW_ACCOUNT


@dataclass
class Pc:
    store: Store
    queue: BranchQueue
    actor: Actor

    @property
    def number(self) -> int:
        with self.store.read() as session:
            return int(session.scalar(sa.select(Workstation.number).where(Workstation.id == self.actor.workstation_id)))


@dataclass
class Branch0101:
    central: Central
    proxy: Proxy
    role_url: sa.engine.URL
    pcs: dict[str, Pc]
    counters: dict[int, uuid.UUID]

    def sync_all(self) -> None:
        engine = queue_engine(self.role_url)
        try:
            for _ in range(2):  # twice: each PC also pulls its siblings' last pushes
                for pc in self.pcs.values():
                    outcome = run_once(pc.store, engine)
                    assert outcome.status is SyncStatus.OK, outcome.summary()
                    assert outcome.quarantined_total == 0 and outcome.pending == 0
        finally:
            engine.dispose()

    def assert_all_agree(self) -> None:
        for pc in self.pcs.values():
            assert_agree(self.central, pc.store, "0101")


@pytest.fixture
def branch(central: Central, proxy: Proxy, make_workstation: MakeWorkstation) -> Iterator[Branch0101]:
    with central.session() as session, session.begin():  # two more counters serving line A
        for number in (2, 3):
            session.add(Counter(branch_id=central.branch_ids["0101"], number=number, name=f"{number}号窗口",
                                service_lines=["A", "T"]))  # fmt: skip
    with central.engine.begin() as conn:
        role, password = add_branch(conn, "0101")
    database = sa.engine.make_url(central.url).database or ""
    role_url = sa.engine.make_url(proxy.url(user=role, database=database, password=password))
    pcs: dict[str, Pc] = {}
    for name in ("a1", "a2", "a3"):
        store = make_workstation("0101", name)
        pcs[name] = Pc(store, runtime.use_central(store, queue_engine(role_url)).queue, actor(store))
    with central.engine.connect() as conn:
        counters = {number: counter_id for number, counter_id in conn.execute(sa.select(Counter.number, Counter.id))}
    yield Branch0101(central, proxy, role_url, pcs, counters)
    for pc in pcs.values():
        assert pc.queue.central is not None
        pc.queue.central.dispose()


def actor(store: Store) -> Actor:
    with store.read() as session:
        identity = require_identity(session)
        staff = session.scalars(sa.select(Staff).where(Staff.staff_no == "S0101")).one()
        return actor_for(staff, session.get_one(Branch, identity.branch_id), identity.workstation_id)


def in_threads(*jobs: Callable[[], None]) -> None:
    failures: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not failures, failures


def test_enrolment_numbers_each_workstation_of_the_branch(branch: Branch0101) -> None:
    assert sorted(pc.number for pc in branch.pcs.values()) == [1, 2, 3]
    with branch.central.engine.connect() as conn:
        assert sorted(int(n or 0) for n in conn.execute(sa.select(Workstation.number)).scalars()) == [1, 2, 3]


def test_two_pcs_issue_consecutive_numbers_and_two_counters_never_call_the_same_client(branch: Branch0101) -> None:
    a1, a2, a3 = branch.pcs["a1"], branch.pcs["a2"], branch.pcs["a3"]
    issued: list[str] = []

    def issue(pc: Pc) -> Callable[[], None]:
        return lambda: issued.extend(pc.queue.issue_walk_in(pc.actor, A).label for _ in range(8))

    in_threads(issue(a1), issue(a2))
    assert sorted(issued) == [f"A{n:03d}" for n in range(1, 17)]  # one shared sequence, no gap
    with a2.store.read() as session:  # written locally as applied from sync: nothing to push
        assert session.scalar(sa.select(sa.func.count()).select_from(Visit)) == 8
        assert session.scalar(sa.select(sa.func.count()).where(OutboxMessage.entity == "visit")) == 0

    called: dict[str, list[uuid.UUID]] = {"a2": [], "a3": []}

    def press(name: str, counter: int) -> Callable[[], None]:
        pc = branch.pcs[name]

        def work() -> None:
            while True:
                try:
                    called[name].append(pc.queue.call_next(pc.actor, branch.counters[counter]).visit_id)
                except errors.NoTicketToCall:
                    return

        return work

    in_threads(press("a2", 2), press("a3", 3))
    everyone = called["a2"] + called["a3"]
    assert len(everyone) == 16 and len(set(everyone)) == 16  # every client called once, by one counter
    assert called["a2"] and called["a3"]
    finished = a3.queue.finish(a3.actor, called["a3"][0], VisitOutcome.CONSULTATION)
    assert finished.status.value == "done"
    branch.sync_all()
    assert branch.central.count("visit") == 16
    assert branch.central.count("visit", "status = 'called'") == 15
    branch.assert_all_agree()


def test_a_replayed_request_never_makes_a_second_ticket_or_call(branch: Branch0101) -> None:
    a1, a2 = branch.pcs["a1"], branch.pcs["a2"]
    visit_id, request = uuid.uuid4(), uuid.uuid4()
    first = a1.queue.issue_walk_in(a1.actor, A, visit_id=visit_id, request_id=request)
    again = a1.queue.issue_walk_in(a1.actor, A, visit_id=visit_id, request_id=request)
    assert first.label == again.label == "A001" and branch.central.count("visit") == 1
    a1.queue.issue_walk_in(a1.actor, A)
    call = uuid.uuid4()
    called = a2.queue.call_next(a2.actor, branch.counters[2], request_id=call)
    replayed = a2.queue.call_next(a2.actor, branch.counters[2], request_id=call)
    assert called.visit_id == replayed.visit_id == visit_id  # the same client, not the next one
    assert branch.central.count("visit", "status = 'waiting'") == 1


def test_commit_outcome_unknown_then_offline_still_one_ticket(branch: Branch0101) -> None:
    a1 = branch.pcs["a1"]
    visit_id = uuid.uuid4()
    with branch.proxy.mode_set("drop_after_commit"):  # committed centrally, the reply never comes
        ticket = a1.queue.issue_walk_in(a1.actor, A, visit_id=visit_id)
    assert ticket.visit_id == visit_id and ticket.offline and ticket.label == f"A-{a1.number}-001"
    assert branch.central.count("visit") == 1  # the first attempt's row, same id
    branch.sync_all()
    assert branch.central.count("visit") == 1  # no second ticket, nothing quarantined
    assert branch.central.count("visit", f"ticket_label = 'A-{a1.number}-001'") == 1  # the printed one won
    branch.assert_all_agree()


def test_with_the_network_cut_pcs_number_in_their_own_ranges_and_sync_cleanly(branch: Branch0101) -> None:
    a1, a2 = branch.pcs["a1"], branch.pcs["a2"]
    a1.queue.issue_walk_in(a1.actor, A)  # A001 online
    labels: dict[str, list[str]] = {"a1": [], "a2": []}
    with branch.proxy.mode_set("blackhole"):
        started = time.monotonic()
        first = a1.queue.issue_walk_in(a1.actor, A)
        assert time.monotonic() - started < 6  # connect timeout / watchdog, then offline
        assert first.offline and not a1.queue.online
        labels["a1"].append(first.label)
        started = time.monotonic()
        for _ in range(3):
            labels["a1"].append(a1.queue.issue_walk_in(a1.actor, A).label)
        assert time.monotonic() - started < 1  # remembered as offline: no wait per click
        for _ in range(4):
            labels["a2"].append(a2.queue.issue_walk_in(a2.actor, A).label)
        offline_call = a2.queue.call_next(a2.actor, branch.counters[2])  # the counter keeps working
    assert labels["a1"] == [f"A-{a1.number}-{n:03d}" for n in range(1, 5)]
    assert labels["a2"] == [f"A-{a2.number}-{n:03d}" for n in range(1, 5)]
    assert offline_call.offline
    branch.sync_all()  # nothing quarantined (checked inside)
    assert branch.central.count("visit") == 9
    for pc in (a1, a2):
        pc.queue.retry_central()  # as after the back-off
    assert a1.queue.issue_walk_in(a1.actor, A).label == "A002"  # online again: the shared sequence
    branch.sync_all()
    branch.assert_all_agree()
    assert OFFLINE_BACKOFF_S <= 30


def test_checking_in_one_appointment_at_two_pcs_makes_one_ticket(branch: Branch0101) -> None:
    online_id, offline_id = (uuid.UUID(str(i)) for i in book(branch.central, "0101", 2))
    branch.sync_all()  # the appointments reach the counters
    a1, a3 = branch.pcs["a1"], branch.pcs["a3"]
    results = []
    in_threads(*(lambda pc=pc: results.append(pc.queue.check_in(pc.actor, online_id)) for pc in (a1, a3)))
    assert sorted(r.already_checked_in for r in results) == [False, True]
    assert results[0].ticket.visit_id == results[1].ticket.visit_id and results[0].ticket.label == "T001"
    with branch.proxy.mode_set("blackhole"):  # both offline: the same visit id, no quarantine
        tickets = [pc.queue.check_in(pc.actor, offline_id).ticket for pc in (a1, a3)]
    assert tickets[0].visit_id == tickets[1].visit_id and all(t.offline for t in tickets)
    branch.sync_all()
    assert branch.central.count("visit") == 2
    assert branch.central.count("appointment", "status = 'checked_in'") == 2


def test_document_numbers_from_two_offline_pcs_never_collide(branch: Branch0101) -> None:
    numbers = []
    for name in ("a1", "a2"):
        pc = branch.pcs[name]
        for _ in range(2):
            with pc.store.write() as session:
                data = {"doc_no": "", "branch": "国贸", "ticket": "A001", "service_line": "A", "waiting_ahead": 0,
                        "issued_at": "2026-01-01 09:00", "client_name": "", "note": ""}  # fmt: skip
                numbers.append(documents.create_document(session, pc.actor, "queue-ticket", data).doc_no)
    assert len(set(numbers)) == 4
    assert numbers[0].endswith(f"-{branch.pcs['a1'].number:02d}0001")
    assert numbers[2].endswith(f"-{branch.pcs['a2'].number:02d}0001")
    branch.sync_all()
    assert branch.central.count("printed_document") == 4


def test_a_workstation_without_central_settings_works_alone(make_workstation: MakeWorkstation) -> None:
    store = make_workstation("0101", "alone")
    try:
        queue = runtime.for_store(store).queue
        assert queue.central is None and not queue.online
        ticket = queue.issue_walk_in(actor(store), A)
        assert ticket.label == "A001" and not ticket.offline
    finally:
        runtime.forget(store)
