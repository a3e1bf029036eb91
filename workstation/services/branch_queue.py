"""The branch's one queue across its workstations: tickets, check-in and the counters' calls.

Each counter PC has its own SQLite database, synced every ~30 s. Numbering a ticket or claiming
the next client is only safe in ONE database, so while the central PostgreSQL database is
reachable it is the branch's shared queue:

Online
    Every operation (walk-in ticket, check-in, walk-in from an appointment, call next, recall,
    skip, transfer, start, finish) runs the *same service function* in one central transaction,
    as the branch's role: the numbering advisory lock, ``FOR UPDATE`` on the appointment and the
    ``SKIP LOCKED`` claim happen there. First this workstation's committed, pending outbox
    messages are applied like a push (``sync.processed_message``; the push later replays them as
    no-ops), so tickets issued here while offline are in the shared queue. The rows the operation
    wrote (visit, appointment, audit event, and the visit's client and appointment as central has
    them) are read back inside the transaction and, after COMMIT, written locally as applied from
    sync (``session.info["applying_sync"]``): no outbox message, no echo, and the pull that brings
    them later changes nothing.

Idempotency
    Every call carries ids made at the counter: the audit event of the operation gets the request
    id, a walk-in visit its visit id, a check-in's visit an id derived from the appointment
    (:func:`~workstation.services.reception.check_in_visit_id`). A retry after an unknown commit
    outcome (the connection died during COMMIT) finds that audit event or visit centrally and
    returns what the first attempt did: never a second ticket, never a second client called. Such
    a retry is made once, at once; if central is still unreachable the workstation falls back.

Offline
    Connecting is bounded (libpq ``connect_timeout`` :data:`CONNECT_TIMEOUT_S`) and so is the
    transaction (the sync watchdog, :data:`STALL_S`); after a failure central is not tried again
    for :data:`OFFLINE_BACKOFF_S`. The operation then runs on the local database, numbering in this
    workstation's own range (:mod:`workstation.services.tickets`: ``A-2-015``), so numbers never
    collide with another PC's and nothing is quarantined at the next push. The label (and
    ``Ticket.offline``) shows the clerk it was issued offline. After a fallback whose central
    outcome was unknown, the local rows get one more version, so the push makes them win.

The UI calls :func:`for_store` and the methods of :class:`BranchQueue`; nothing there decides
online or offline. A workstation without central settings works on its local database as before.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.pool import NullPool

from workstation import errors
from workstation.clock import utcnow
from workstation.domain import ServiceLine, SyncDirection, VisitOutcome
from workstation.ids import new_id
from workstation.models import AuditEvent, Visit, Workstation
from workstation.services import queue, reception, tickets
from workstation.services.actor import Actor
from workstation.services.reception import CheckInResult
from workstation.services.tickets import Ticket
from workstation.store import Store, first_line

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 2
"""libpq ``connect_timeout`` of the queue's central connections (whole seconds)."""
STALL_S = 3.0
"""A central queue transaction that has not finished after this is abandoned (then: offline)."""
OFFLINE_BACKOFF_S = 15.0
"""After central failed, work locally this long before trying it again (no wait per click)."""
MAX_CARRIED = 500
"""More pending outbox messages than this: the operation runs locally (sync first)."""
NUMBER_LOCK = "workstation-number"

R = TypeVar("R")


# --- the central engine ---------------------------------------------------------------------------


def queue_engine(target: str | URL, password: str | None = None) -> Engine:
    """A central engine for the queue: no pool, a short connect timeout, keepalives."""
    from workstation.sync.central import KEEPALIVE_ARGS, central_url

    args = {**KEEPALIVE_ARGS, "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "counter-workstation-queue"}
    return sa.create_engine(central_url(target, password), poolclass=NullPool, connect_args=args)


def _lock_key(*parts: object) -> int:
    return zlib.crc32(":".join(str(p) for p in parts).encode()) - 2**31


def ensure_number(store: Store, central: Engine) -> int | None:
    """This workstation's short number, given by the central database when it has none yet.

    Under a per-branch advisory lock central keeps an existing number or writes ``max + 1`` (and
    the row, if the push has not brought it yet); the row is then copied locally as applied from
    sync. Returns None when the workstation is not set up or central cannot be reached (the next
    contact with the central queue tries again).
    """
    mine = _local_workstation(store)
    if mine is None or mine.get("number") is not None:
        return None if mine is None else int(mine["number"])
    try:
        with central.connect() as conn, conn.begin():
            number = _claim(conn, mine)
            table = cast(sa.Table, Workstation.__table__)
            row = dict(conn.execute(sa.select(table).where(table.c.id == mine["id"])).one()._mapping)
    except DBAPIError as exc:
        log.warning("workstation number not claimed: %s", first_line(str(exc.orig or exc)))
        return None
    _copy_locally(store, {"workstation": [row]})
    return number


def _claim(conn: sa.Connection, row: Mapping[str, Any]) -> int:
    """Give the workstation ``row`` (all its columns, as held locally) a number in the caller's
    central transaction; the central row gets a version above the local one."""
    table = cast(sa.Table, Workstation.__table__)
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_lock_key(NUMBER_LOCK, row["branch_id"]))))
    found = conn.execute(sa.select(table.c.number, table.c.version).where(table.c.id == row["id"])).first()
    if found is not None and found.number is not None:
        return int(found.number)
    taken = conn.scalar(sa.select(sa.func.max(table.c.number)).where(table.c.branch_id == row["branch_id"]))
    number = int(taken or 0) + 1
    now = utcnow()
    if found is None:
        values = {**row, "number": number, "version": int(row["version"]) + 1, "updated_at": now}
        conn.execute(postgresql.insert(table).values(values))
    else:
        version = max(int(found.version), int(row["version"])) + 1
        conn.execute(
            table.update().where(table.c.id == row["id"]).values(number=number, version=version, updated_at=now)
        )
    return number


# --- which queue a store uses ---------------------------------------------------------------------


@dataclass
class _Entry:
    key: str
    queue: BranchQueue


_queues: dict[str, _Entry] = {}
_queues_guard = threading.Lock()


def use_central(store: Store, central: Engine | None) -> BranchQueue:
    """Make ``central`` the shared queue of ``store`` in this process (None: local only)."""
    branch_queue = BranchQueue(store, central)
    with _queues_guard:
        _queues[str(store.url)] = _Entry("explicit", branch_queue)
    return branch_queue


def forget(store: Store) -> None:
    """Drop the queue remembered for ``store`` (the next :func:`for_store` reads the settings)."""
    with _queues_guard:
        entry = _queues.pop(str(store.url), None)
    if entry is not None and entry.key != "explicit" and entry.queue.central is not None:
        entry.queue.central.dispose()


def for_store(store: Store) -> BranchQueue:
    """The branch queue of ``store``: the configured central database (sync settings + keyring
    password), or the local database alone when none is configured."""
    from workstation.sync.settings import load_settings

    with _queues_guard:
        entry = _queues.get(str(store.url))
    if entry is not None and entry.key == "explicit":
        return entry.queue
    settings = load_settings(store)
    key = f"{settings.display()}?{settings.sslmode}" if settings.configured else ""
    if entry is not None and entry.key == key:
        return entry.queue
    central: Engine | None = None
    if settings.configured:
        from workstation.sync.credentials import with_password

        try:
            central = queue_engine(with_password(settings.url()))
        except errors.WorkstationError as exc:  # no keyring here: work locally
            log.warning("branch queue: central not used (%s)", exc.message())
    branch_queue = BranchQueue(store, central)
    with _queues_guard:
        old = _queues.get(str(store.url))
        _queues[str(store.url)] = _Entry(key, branch_queue)
    if old is not None and old.queue.central is not None and old.key != "explicit":
        old.queue.central.dispose()
    return branch_queue


# --- what a central attempt did -------------------------------------------------------------------


class _Unreachable(Exception):
    def __init__(self, detail: str, *, committing: bool) -> None:
        super().__init__(detail)
        self.detail = detail
        self.committing = committing


class _Refused(Exception):
    """Central cannot do it (a row it does not have, a grant, a constraint): do it locally."""


@dataclass
class _Tracker:
    """The synced rows a session wrote, and the id its first audit event gets."""

    request_id: uuid.UUID
    written: dict[tuple[str, uuid.UUID], Any] = field(default_factory=dict)
    audit_done: bool = False


@contextmanager
def _tracking(session: Session, request_id: uuid.UUID) -> Iterator[_Tracker]:
    from workstation.sync.apply import synced_tables

    tables = synced_tables()
    tracker = _Tracker(request_id)

    def before_flush(flushing: Session, _ctx: Any, _instances: Any) -> None:
        for obj in flushing.new:
            if isinstance(obj, AuditEvent) and obj.id is None and not tracker.audit_done:
                obj.id = tracker.request_id
                tracker.audit_done = True

    def after_flush(flushing: Session, _ctx: Any) -> None:
        for obj in (*flushing.new, *flushing.dirty):
            synced = tables.get(getattr(type(obj), "__tablename__", ""))
            if synced is not None and synced.direction is not SyncDirection.PULL:
                tracker.written[(synced.name, obj.id)] = obj

    event.listen(session, "before_flush", before_flush)
    event.listen(session, "after_flush", after_flush)
    try:
        yield tracker
    finally:
        event.remove(session, "before_flush", before_flush)
        event.remove(session, "after_flush", after_flush)


# --- the queue ------------------------------------------------------------------------------------


class BranchQueue:
    """The branch's queue operations for one workstation database (see the module docstring).

    ``central``: an engine on the central database (:func:`queue_engine`), or None to work on the
    local database alone. Thread-safe; remembers for a while that central was unreachable.
    """

    def __init__(self, store: Store, central: Engine | None, *, stall_s: float = STALL_S) -> None:
        self.store = store
        self.central = central
        self.stall_s = stall_s
        self._guard = threading.Lock()
        self._offline: tuple[float, str] | None = None

    # --- state -----------------------------------------------------------------------------------

    def offline_detail(self) -> str | None:
        """Why central is taken as unreachable now (None: it will be tried)."""
        with self._guard:
            if self._offline is not None and time.monotonic() < self._offline[0]:
                return self._offline[1]
            return None

    @property
    def online(self) -> bool:
        """A central database is configured and was not found unreachable a moment ago."""
        return self.central is not None and self.offline_detail() is None

    def retry_central(self) -> None:
        """Forget that central was unreachable (e.g. after a successful sync cycle): try it next time."""
        self._mark(None)

    def read(self, work: Callable[[Session], R]) -> R:
        """Run the read-only ``work`` on the shared queue: central when online, else locally."""
        if self.central is not None and self.online:
            from workstation.sync.central import stall_guard

            try:
                with self.central.connect() as conn, stall_guard(conn, self.stall_s), Session(conn) as session:
                    return work(session)
            except (OperationalError, InterfaceError) as exc:
                self._mark(first_line(str(exc.orig or exc)))
        with self.store.read() as session:
            return work(session)

    def _mark(self, detail: str | None) -> None:
        with self._guard:
            self._offline = None if detail is None else (time.monotonic() + OFFLINE_BACKOFF_S, detail)

    # --- operations (the services' rules, run centrally or locally) ------------------------------

    def issue_walk_in(
        self,
        actor: Actor,
        line: ServiceLine,
        *,
        client_name: str = "",
        mobile: str = "",
        visit_id: uuid.UUID | None = None,
        request_id: uuid.UUID | None = None,
    ) -> Ticket:
        """:func:`tickets.issue_walk_in` on the branch queue."""
        made = visit_id or new_id()
        return self._run(
            lambda s: tickets.issue_walk_in(s, actor, line, client_name=client_name, mobile=mobile, visit_id=made),
            request_id,
            tickets.ticket_of,
        )

    def check_in(
        self, actor: Actor, appointment_id: uuid.UUID, *, request_id: uuid.UUID | None = None
    ) -> CheckInResult:
        """:func:`reception.check_in` on the branch queue (two PCs: one ticket)."""
        return self._run(
            lambda s: reception.check_in(s, actor, appointment_id),
            request_id,
            lambda s, v: CheckInResult(tickets.ticket_of(s, v), already_checked_in=False),
        )

    def serve_as_walk_in(
        self,
        actor: Actor,
        appointment_id: uuid.UUID,
        *,
        visit_id: uuid.UUID | None = None,
        request_id: uuid.UUID | None = None,
    ) -> Ticket:
        return self._run(
            lambda s: reception.serve_as_walk_in(s, actor, appointment_id),
            request_id,
            tickets.ticket_of,
        )

    def call_next(self, actor: Actor, counter_id: uuid.UUID, *, request_id: uuid.UUID | None = None) -> Ticket:
        """:func:`queue.call_next` on the branch queue: one client is never called twice."""
        return self._run(lambda s: queue.call_next(s, actor, counter_id), request_id, tickets.ticket_of)

    def recall(self, actor: Actor, visit_id: uuid.UUID, *, request_id: uuid.UUID | None = None) -> Ticket:
        return self._run(lambda s: queue.recall(s, actor, visit_id), request_id, tickets.ticket_of)

    def skip(self, actor: Actor, visit_id: uuid.UUID, *, request_id: uuid.UUID | None = None) -> Ticket:
        return self._run(lambda s: queue.skip_no_show(s, actor, visit_id), request_id, tickets.ticket_of)

    def transfer(
        self, actor: Actor, visit_id: uuid.UUID, line: ServiceLine, *, request_id: uuid.UUID | None = None
    ) -> Ticket:
        return self._run(lambda s: queue.transfer(s, actor, visit_id, line), request_id, tickets.ticket_of)

    def start_service(self, actor: Actor, visit_id: uuid.UUID, *, request_id: uuid.UUID | None = None) -> Ticket:
        return self._run(lambda s: queue.start_service(s, actor, visit_id), request_id, tickets.ticket_of)

    def finish(
        self, actor: Actor, visit_id: uuid.UUID, outcome: VisitOutcome | None, *, request_id: uuid.UUID | None = None
    ) -> Ticket:
        return self._run(lambda s: queue.finish_visit(s, actor, visit_id, outcome), request_id, tickets.ticket_of)

    # --- running one operation -------------------------------------------------------------------

    def _run(
        self,
        operation: Callable[[Session], R],
        request_id: uuid.UUID | None,
        replay: Callable[[Session, Visit], R],
    ) -> R:
        request = request_id or new_id()
        if self.central is None:
            return self._locally(operation, request, offline=False, doubtful=False)
        doubtful = False
        if self.offline_detail() is None:
            for _attempt in range(2):  # a second attempt only after an unknown commit outcome
                try:
                    result, rows = self._centrally(operation, request, replay)
                except _Unreachable as exc:
                    self._mark(exc.detail)
                    doubtful = doubtful or exc.committing
                    if not exc.committing:
                        break
                    continue
                except _Refused as exc:
                    log.warning("branch queue: done locally, central refused: %s", exc)
                    break
                self._mark(None)
                _copy_locally(self.store, rows)
                return result
        return self._locally(operation, request, offline=True, doubtful=doubtful)

    def _locally(self, operation: Callable[[Session], R], request: uuid.UUID, *, offline: bool, doubtful: bool) -> R:
        # in doubt, central may hold an audit event with the request id: this one is another event
        audit_id = new_id() if doubtful else request
        with self.store.write() as session, _tracking(session, audit_id) as tracker:
            if offline:
                number = _local_number(session)
                if number is not None:
                    session.info[tickets.OFFLINE_NUMBER_KEY] = number
            result = operation(session)
            session.flush()
            if doubtful:  # central may hold these rows at the same version: make the local ones win
                for obj in tracker.written.values():
                    if isinstance(obj, Visit):
                        flag_modified(obj, "notes")
                session.flush()
            return result

    def _centrally(
        self, operation: Callable[[Session], R], request: uuid.UUID, replay: Callable[[Session, Visit], R]
    ) -> tuple[R, dict[str, list[dict[str, Any]]]]:
        from workstation.sync.central import stall_guard
        from workstation.sync.push import apply_carried

        assert self.central is not None
        carried = _carried(self.store)
        mine = _local_workstation(self.store)
        committing = False
        try:
            with self.central.connect() as conn, stall_guard(conn, self.stall_s):
                tx = conn.begin()
                apply_carried(conn, carried)
                if mine is not None and mine.get("number") is None:
                    _claim(conn, mine)
                session = Session(bind=conn, expire_on_commit=False, autoflush=True)
                session.info["applying_sync"] = True  # no outbox rows centrally
                try:
                    with _tracking(session, request) as tracker:
                        done = session.get(AuditEvent, request)
                        if done is not None:
                            visit = _visit_of(session, done)
                            result = replay(session, visit)
                            tracker.written[("visit", visit.id)] = visit
                            tracker.written[("audit_event", done.id)] = done
                        else:
                            result = operation(session)
                            session.flush()
                        rows = _read_back(conn, tracker, mine)
                except errors.NotFound as exc:  # e.g. a visit central does not have: do it locally
                    tx.rollback()
                    raise _Refused(exc.message()) from exc
                except errors.WorkstationError:
                    tx.rollback()
                    raise
                finally:
                    session.close()
                committing = True
                tx.commit()
                return result, rows
        except errors.CentralUnavailable as exc:
            raise _Unreachable(exc.message(), committing=committing) from exc
        except (OperationalError, InterfaceError) as exc:
            raise _Unreachable(first_line(str(exc.orig or exc)), committing=committing) from exc
        except DBAPIError as exc:  # a grant, a constraint: nothing was done centrally
            raise _Refused(first_line(str(exc.orig or exc))) from exc


# --- helpers ----------------------------------------------------------------------------------------


def _copy_locally(store: Store, rows: Mapping[str, list[dict[str, Any]]]) -> None:
    """Write central rows locally as applied from sync (parents before children)."""
    from workstation.sync.apply import synced_tables
    from workstation.sync.pull import apply_rows

    try:
        with store.write() as session:
            session.info["applying_sync"] = True
            conn = session.connection()
            for name, synced in synced_tables().items():
                if rows.get(name):
                    apply_rows(conn, synced, rows[name])
    except (errors.WorkstationError, DBAPIError) as exc:  # done centrally; the next pull brings it
        log.warning("branch queue: local copy deferred to the next pull: %s", exc)


def _visit_of(session: Session, done: AuditEvent) -> Visit:
    """The visit an earlier attempt's audit event is about (its entity, or the appointment's visit)."""
    if done.entity == "visit" and done.entity_id is not None:
        visit = session.get(Visit, done.entity_id)
    else:
        visit = session.scalars(sa.select(Visit).where(Visit.appointment_id == done.entity_id)).first()
    if visit is None:
        raise errors.NotFound(what="该号票")
    return visit


Rows = dict[str, list[dict[str, Any]]]


def _read_back(conn: sa.Connection, tracker: _Tracker, mine: Mapping[str, Any] | None) -> Rows:
    """The rows as central holds them now (in the transaction): what was written, and the visits'
    client and appointment, so the local copy never misses a parent."""
    from workstation.sync.apply import synced_tables

    tables = synced_tables()
    wanted: dict[str, set[uuid.UUID]] = {}
    for (name, row_id), obj in tracker.written.items():
        wanted.setdefault(name, set()).add(row_id)
        if isinstance(obj, Visit):
            for parent, parent_id in (("client", obj.client_id), ("appointment", obj.appointment_id)):
                if parent_id is not None:
                    wanted.setdefault(parent, set()).add(parent_id)
    if mine is not None and mine.get("number") is None:
        wanted.setdefault("workstation", set()).add(mine["id"])
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, ids in wanted.items():
        table = tables[name].table
        rows[name] = [dict(r._mapping) for r in conn.execute(sa.select(table).where(table.c.id.in_(sorted(ids))))]
    return rows


def _carried(store: Store) -> list[Any]:
    from workstation.sync.push import pending

    messages = pending(store, MAX_CARRIED + 1)
    if len(messages) > MAX_CARRIED:
        raise _Refused(f"本工作站待同步数据超过 {MAX_CARRIED} 条")
    return messages


def _local_workstation(store: Store) -> dict[str, Any] | None:
    """This database's workstation row (plain values), or None when it was never set up."""
    from workstation.services.identity import current_identity

    with store.read() as session:
        identity = current_identity(session)
        if identity is None:
            return None
        table = cast(sa.Table, Workstation.__table__)
        row = session.execute(sa.select(table).where(table.c.id == identity.workstation_id)).first()
        return dict(row._mapping) if row is not None else None


def _local_number(session: Session) -> int | None:
    from workstation.services.identity import current_identity

    identity = current_identity(session)
    if identity is None:
        return None
    return session.scalar(sa.select(Workstation.number).where(Workstation.id == identity.workstation_id))
