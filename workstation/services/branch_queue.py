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
    for :data:`OFFLINE_BACKOFF_S`. Timeouts, back-off, the carried outbox and the local copy are
    the workstation's :class:`~workstation.sync.link.CentralLink`, shared with the gift stock: a
    failure seen by one is seen by both, and any successful contact (a sync cycle too) resets it.
    The operation then runs on the local database, numbering in this
    workstation's own range (:mod:`workstation.services.tickets`: ``A-2-015``), so numbers never
    collide with another PC's and nothing is quarantined at the next push. The label (and
    ``Ticket.offline``) shows the clerk it was issued offline. After a fallback whose central
    outcome was unknown, the local rows get one more version, so the push makes them win.

The UI calls the methods of the workstation's queue (``runtime.for_store(store).queue``,
:mod:`workstation.services.runtime`); nothing there decides online or offline. A workstation
without central settings works on its local database as before.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from workstation import errors
from workstation.domain import ServiceLine, SyncDirection, VisitOutcome
from workstation.ids import new_id
from workstation.models import AuditEvent, Visit, Workstation
from workstation.services import queue, reception, tickets
from workstation.services.actor import Actor
from workstation.services.identity import current_identity
from workstation.services.reception import CheckInResult
from workstation.services.tickets import Ticket
from workstation.store import Store, first_line
from workstation.sync.apply import synced_tables
from workstation.sync.link import (
    INTERACTIVE,
    NUMBER_LOCK,
    Backlog,
    CentralLink,
    Unreachable,
    claim_number,
    ensure_number,
    link_engine,
    local_workstation,
)

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = INTERACTIVE.connect_s
"""libpq ``connect_timeout`` of the queue's central connections (the link's policy)."""
STALL_S = INTERACTIVE.stall_s
"""A central queue transaction that has not finished after this is abandoned (then: offline)."""
OFFLINE_BACKOFF_S = INTERACTIVE.backoff_s
"""After central failed, work locally this long before trying it again (no wait per click)."""
MAX_CARRIED = INTERACTIVE.max_carried
"""More pending outbox messages than this: the operation runs locally (sync first)."""

__all__ = ["NUMBER_LOCK", "BranchQueue", "ensure_number", "queue_engine"]

R = TypeVar("R")


def queue_engine(target: str | URL, password: str | None = None) -> Engine:
    """A central engine for the queue: :func:`workstation.sync.link.link_engine`."""
    return link_engine(target, password)


# --- what a central attempt did -------------------------------------------------------------------


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

    ``central``: the workstation's :class:`~workstation.sync.link.CentralLink` (shared with the
    gift stock: one back-off), or an engine on the central database (:func:`queue_engine`) for a
    link of its own, or None to work on the local database alone. Thread-safe.
    """

    def __init__(self, store: Store, central: Engine | CentralLink | None, *, stall_s: float = STALL_S) -> None:
        self.store = store
        self.link = central if isinstance(central, CentralLink) else CentralLink(central, store)
        self.stall_s = stall_s

    # --- state -----------------------------------------------------------------------------------

    @property
    def central(self) -> Engine | None:
        """The central engine (None: local only)."""
        return self.link.engine

    def offline_detail(self) -> str | None:
        """Why central is taken as unreachable now (None: it will be tried)."""
        return self.link.offline_detail()

    @property
    def online(self) -> bool:
        """A central database is configured and was not found unreachable a moment ago."""
        return self.link.online

    def retry_central(self) -> None:
        """Forget that central was unreachable (e.g. after a successful sync cycle): try it next time."""
        self.link.reached()

    def read(self, work: Callable[[Session], R]) -> R:
        """Run the read-only ``work`` on the shared queue: central when online, else locally."""
        if self.online:
            try:
                with self.link.reading(stall_s=self.stall_s) as conn, Session(conn) as session:
                    return work(session)
            except Unreachable:
                pass
        with self.store.read() as session:
            return work(session)

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
                    result, rows = self._centrally(operation, request, replay, retry=doubtful)
                except Unreachable as exc:
                    doubtful = doubtful or exc.committing
                    if not exc.committing:
                        break
                    continue  # at once, despite the back-off the failure started
                except _Refused as exc:
                    log.warning("branch queue: done locally, central refused: %s", exc)
                    break
                self.link.mirror(rows)
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
        self,
        operation: Callable[[Session], R],
        request: uuid.UUID,
        replay: Callable[[Session, Visit], R],
        *,
        retry: bool = False,
    ) -> tuple[R, Rows]:
        try:
            carried = self.link.pending()
        except Backlog as exc:
            raise _Refused(exc.detail) from exc
        mine = local_workstation(self.store)
        try:
            with self.link.transaction(carried, stall_s=self.stall_s, despite_backoff=retry) as tx:
                conn = tx.conn
                if mine is not None and mine.get("number") is None:
                    claim_number(conn, mine)
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
                tx.commit()
                return result, rows
        except DBAPIError as exc:  # a grant, a constraint: nothing was done centrally
            raise _Refused(first_line(str(exc.orig or exc))) from exc


# --- helpers ----------------------------------------------------------------------------------------


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


def _local_number(session: Session) -> int | None:
    identity = current_identity(session)
    if identity is None:
        return None
    return session.scalar(sa.select(Workstation.number).where(Workstation.id == identity.workstation_id))
