"""Several workstations at once, quarantine of refused rows, replays, and the pull cursor."""

from __future__ import annotations

import threading
from collections.abc import Callable

import sqlalchemy as sa

from tests.sync.conftest import Central, book
from tests.sync.helpers import add_clients, assert_agree, outbox_ids, unacked
from tests.sync.proxy import Proxy
from tests.sync.test_faults import assert_exactly_once, via
from workstation.domain import IdType
from workstation.models import Appointment, Client, OutboxMessage
from workstation.services.identity import require_identity
from workstation.store import Store
from workstation.sync.engine import SyncStatus, run_once
from workstation.sync.pull import load_state

MakeWorkstation = Callable[[str, str], Store]


def test_two_workstations_of_a_branch_and_one_of_another_sync_at_once(
    central: Central, proxy: Proxy, make_workstation: MakeWorkstation
) -> None:
    stores = {
        "a1": make_workstation("0101", "a1"),
        "a2": make_workstation("0101", "a2"),
        "b1": make_workstation("0202", "b1"),
    }
    engine = via(proxy, central)
    failures: list[BaseException] = []

    def work(name: str, store: Store) -> None:
        try:
            for round_no in range(4):
                add_clients(store, 15, prefix=f"{name}{round_no}-")
                run_once(store, engine, stall_s=3)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=item) for item in stores.items()]
    for thread in threads:
        thread.start()
    book(central, "0101", 20)
    proxy.cut_all()  # a network blip while everyone syncs
    book(central, "0202", 10, start=100)
    for thread in threads:
        thread.join(60)
    assert not failures
    for _ in range(2):  # after recovery: every workstation completes a cycle (twice: siblings' last pushes)
        for store in stores.values():
            assert run_once(store, engine).status is SyncStatus.OK
    assert_exactly_once(central, *stores.values())
    assert central.count("client") == 3 * 4 * 15
    for name, store in stores.items():
        assert_agree(central, store, "0101" if name.startswith("a") else "0202")
    engine.dispose()


def test_a_refused_row_is_quarantined_and_never_blocks_the_rest(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    a1, a2 = make_workstation("0101", "a1"), make_workstation("0101", "a2")
    for store in (a1, a2):  # the same ID card registered at two counters while offline
        with store.write() as session:
            identity = require_identity(session)
            session.add(Client(branch_id=identity.branch_id, name="张三", id_type=IdType.RESIDENT_ID, id_number="X1"))
    add_clients(a2, 3)
    assert run_once(a1, central.engine).status is SyncStatus.OK
    outcome = run_once(a2, central.engine)
    assert outcome.status is SyncStatus.QUARANTINED  # completed, but a failure state the clerk sees
    assert outcome.quarantined == 1 and outcome.quarantined_total == 1 and outcome.pending == 0
    assert outcome.pushed == 1 + 6  # the workstation row, 3 clients and 3 visits went through
    with a2.read() as session:
        held = session.scalars(sa.select(OutboxMessage).where(OutboxMessage.quarantined_at.is_not(None))).one()
    assert held.entity == "client" and "uq_client_id_type_id_number" in held.last_error
    assert central.count("client", "id_number = 'X1'") == 1
    again = run_once(a2, central.engine)  # quarantined messages are not resent
    assert (again.pushed, again.quarantined, again.quarantined_total) == (0, 0, 1)


def test_replaying_acknowledged_batches_changes_nothing(central: Central, make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 10)
    run_once(ws, central.engine)
    with central.engine.connect() as conn:
        before = conn.exec_driver_sql("SELECT id, xmin::text FROM client ORDER BY id").all()
    log_before, done_before = central.count("sync.change_log"), central.count("sync.processed_message")
    with ws.write() as session:  # as if every ack had been lost
        session.execute(sa.update(OutboxMessage).values(acked_at=None))
    outcome = run_once(ws, central.engine)
    assert outcome.pushed == len(outbox_ids(ws)) and unacked(ws) == 0
    with central.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT id, xmin::text FROM client ORDER BY id").all() == before
    assert (central.count("sync.change_log"), central.count("sync.processed_message")) == (log_before, done_before)


def test_the_pull_cursor_does_not_skip_a_transaction_that_commits_late(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    slow = central.session()
    slow.begin()
    slow_id = book_in(slow, central, "SLOW01")  # takes its xid and seq first, commits last
    fast = book(central, "0101", 1, start=500)
    first = run_once(ws, central.engine)
    assert first.status is SyncStatus.OK
    with ws.read() as session:
        assert session.get(Appointment, fast[0]) is None  # held back: an older transaction is open
    slow.commit()
    slow.close()
    run_once(ws, central.engine)
    with ws.read() as session:
        assert session.get(Appointment, slow_id) is not None
        assert session.get(Appointment, fast[0]) is not None
    cursor, retry = load_state(ws)
    assert cursor.seq > 0 and retry == {}
    assert_agree(central, ws, "0101")


def book_in(session: sa.orm.Session, central: Central, code: str) -> object:
    from datetime import timedelta

    from workstation.clock import utcnow

    now = utcnow()
    appointment = Appointment(
        branch_id=central.branch_ids["0101"], code=code, client_name="慢事务", mobile="13900000000",
        slot_start=now, slot_end=now + timedelta(minutes=30),
    )  # fmt: skip
    session.add(appointment)
    session.flush()
    return appointment.id
