"""One workstation's link to the central database, shared by every "central first" operation.

The branch queue (:mod:`workstation.services.branch_queue`) and the central gift stock
(:mod:`workstation.services.gifts_central`) both run a counter's click in one central transaction
and fall back to the local database when central cannot be reached. What they have in common
lives here, once per open workstation:

Timeouts (:class:`Timeouts`, :data:`INTERACTIVE`)
    A click waits at most libpq's ``connect_timeout`` plus the watchdog of the transaction
    (:func:`~workstation.sync.central.stall_guard`): 2 s + 4 s. The background sync cycle keeps
    its own, longer bounds (:data:`~workstation.sync.central.CONNECT_TIMEOUT_S`,
    :data:`~workstation.sync.central.STALL_TIMEOUT_S`): a batch of 500 messages is not a click.

Back-off
    After a failure central is not tried again for :attr:`Timeouts.backoff_s` (no wait per click);
    every successful contact resets it: a central transaction or read through this link, and a
    completed sync cycle (:meth:`CentralLink.reached`, called by the sync controller).

Carrying the outbox (:meth:`CentralLink.pending`, :meth:`CentralLink.transaction`)
    The workstation's committed, pending outbox messages are applied first in the same central
    transaction, exactly like a push (``sync.processed_message``; the push later replays them as
    no-ops), so the rows the operation refers to exist centrally. More than
    :attr:`Timeouts.max_carried` waiting means: sync first (:class:`Backlog`).

The local mirror (:meth:`CentralLink.mirror`, :func:`mirror_into`)
    Rows the central transaction wrote are copied locally *as applied from sync*
    (``session.info["applying_sync"]``, the pull's own ownership rules): no outbox message, no
    echo, and the pull that brings them later changes nothing.

Unknown outcomes
    A failure while COMMIT was on its way leaves the central outcome unknown (docs/tech-notes.md
    §1.2): :class:`Unreachable` then says ``committing=True`` and the caller decides (the queue
    retries once with the same request id, the gift stock refuses to fall back).

The workstation's short number is claimed here too (:func:`ensure_number`, :func:`claim_number`):
enrolment and the first central queue operation both need it, and the sync must not import the
services that use the link (imports run services → sync → store).
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from workstation import errors
from workstation.clock import utcnow
from workstation.models import Workstation
from workstation.services.identity import current_identity
from workstation.store import Store, first_line
from workstation.sync.apply import synced_tables
from workstation.sync.central import KEEPALIVE_ARGS, central_url, stall_guard
from workstation.sync.pull import apply_rows
from workstation.sync.push import OUTBOX, Message, apply_carried

log = logging.getLogger(__name__)

NUMBER_LOCK = "workstation-number"
Rows = Mapping[str, Sequence[Mapping[str, Any]]]
"""Central rows by table name (any order: they are applied parents first)."""


@dataclass(frozen=True)
class Timeouts:
    """How long a counter's click may wait on the central database, and how long to stop trying."""

    connect_s: int = 2
    """libpq ``connect_timeout`` (whole seconds)."""
    stall_s: float = 4.0
    """Watchdog of one central transaction or read; after it the connection is cut (then: offline)."""
    backoff_s: float = 15.0
    """After central failed, work locally this long before trying it again."""
    max_carried: int = 500
    """More pending outbox messages than this: do not carry them with a click (sync first)."""


INTERACTIVE = Timeouts()
"""The one policy of the counter's central operations (queue, gift stock)."""


class Unreachable(Exception):
    """Central could not be reached, stalled, or broke. ``committing``: while COMMIT was on its way,
    so the outcome is unknown. ``tried``: False when the back-off answered without the network."""

    def __init__(self, detail: str, *, committing: bool = False, tried: bool = True) -> None:
        super().__init__(detail)
        self.detail = detail
        self.committing = committing
        self.tried = tried


class Backlog(Exception):
    """More than :attr:`Timeouts.max_carried` outbox messages wait: the click runs without central."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def link_engine(target: str | URL, password: str | None = None, *, timeouts: Timeouts = INTERACTIVE) -> Engine:
    """A central engine for a counter's clicks: no pool, the policy's connect timeout, keepalives."""
    args = {**KEEPALIVE_ARGS, "connect_timeout": timeouts.connect_s, "application_name": "counter-workstation-queue"}
    return sa.create_engine(central_url(target, password), poolclass=NullPool, connect_args=args)


def detail_of(exc: BaseException) -> str:
    """One line saying why a central attempt failed."""
    if isinstance(exc, errors.WorkstationError):
        return exc.message()
    if isinstance(exc, DBAPIError):
        return first_line(str(exc.orig or exc))
    return first_line(str(exc))


class CentralTransaction:
    """A central transaction opened by :meth:`CentralLink.transaction` (carried outbox applied)."""

    def __init__(self, conn: sa.Connection, tx: sa.RootTransaction) -> None:
        self.conn = conn
        self._tx = tx
        self.committing = False

    def commit(self) -> None:
        """COMMIT; a failure from here on is an unknown outcome (``Unreachable.committing``)."""
        self.committing = True
        self._tx.commit()

    def rollback(self) -> None:
        self._tx.rollback()


class CentralLink:
    """The central engine of one open workstation, its back-off, the outbox it carries and the mirror.

    ``engine`` None: no central database configured (every caller works locally). ``store``: the
    workstation's database (needed by :meth:`pending` without a session and by :meth:`mirror`).
    Thread-safe.
    """

    def __init__(self, engine: Engine | None, store: Store | None = None, *, timeouts: Timeouts = INTERACTIVE) -> None:
        self.engine = engine
        self.store = store
        self.timeouts = timeouts
        self._guard = threading.Lock()
        self._offline: tuple[float, str] | None = None

    # --- the back-off ----------------------------------------------------------------------------

    def offline_detail(self) -> str | None:
        """Why central is taken as unreachable now (None: it will be tried)."""
        with self._guard:
            if self._offline is not None and time.monotonic() < self._offline[0]:
                return self._offline[1]
            return None

    @property
    def online(self) -> bool:
        """A central database is configured and was not found unreachable a moment ago."""
        return self.engine is not None and self.offline_detail() is None

    def reached(self) -> None:
        """A contact succeeded (here or a sync cycle): try central at the next click."""
        with self._guard:
            self._offline = None

    def unreachable(self, detail: str) -> None:
        """A contact failed: work locally for :attr:`Timeouts.backoff_s`."""
        with self._guard:
            self._offline = (time.monotonic() + self.timeouts.backoff_s, detail)

    def dispose(self) -> None:
        if self.engine is not None:
            self.engine.dispose()

    # --- contact ---------------------------------------------------------------------------------

    def _engine(self, *, despite_backoff: bool = False) -> Engine:
        if self.engine is None:
            raise Unreachable("未配置中心数据库", tried=False)
        detail = None if despite_backoff else self.offline_detail()
        if detail is not None:  # found unreachable a moment ago: do not wait on it again
            raise Unreachable(detail, tried=False)
        return self.engine

    @contextmanager
    def reading(self, *, stall_s: float | None = None) -> Iterator[sa.Connection]:
        """A central connection for reads, bounded by the watchdog.

        Raises:
            Unreachable: offline, stalled or backing off (the back-off starts or goes on).
        """
        engine = self._engine()
        try:
            with engine.connect() as conn, stall_guard(conn, self.timeouts.stall_s if stall_s is None else stall_s):
                yield conn
        except (errors.CentralUnavailable, OperationalError, InterfaceError) as exc:
            self.unreachable(detail_of(exc))
            raise Unreachable(detail_of(exc)) from exc
        self.reached()

    @contextmanager
    def transaction(
        self, carried: Sequence[Message] = (), *, stall_s: float | None = None, despite_backoff: bool = False
    ) -> Iterator[CentralTransaction]:
        """One central transaction with ``carried`` applied first; rolled back unless the block
        calls :meth:`CentralTransaction.commit`. A clean exit resets the back-off.
        ``despite_backoff``: the one immediate retry after an unknown commit outcome.

        Raises:
            Unreachable: connecting, a statement or the COMMIT failed or stalled (``committing``
                tells whether the outcome is unknown); the back-off starts. Other database errors
                (a grant, a constraint) propagate unchanged: central was reached.
        """
        engine = self._engine(despite_backoff=despite_backoff)
        handle: CentralTransaction | None = None
        try:
            with engine.connect() as conn, stall_guard(conn, self.timeouts.stall_s if stall_s is None else stall_s):
                handle = CentralTransaction(conn, conn.begin())
                apply_carried(conn, carried)
                yield handle
        except (errors.CentralUnavailable, OperationalError, InterfaceError) as exc:
            detail = detail_of(exc)
            self.unreachable(detail)
            raise Unreachable(detail, committing=handle is not None and handle.committing) from exc
        self.reached()

    # --- the outbox carried with a click ---------------------------------------------------------

    def pending(self, session: Session | None = None) -> list[Message]:
        """This workstation's committed, pending outbox messages, oldest first.

        With ``session`` they are read beside it (a reader on the same database: nothing of the
        caller's uncommitted transaction), else from :attr:`store`.

        Raises:
            Backlog: more than :attr:`Timeouts.max_carried` are waiting.
        """
        limit = self.timeouts.max_carried
        query = (
            sa.select(*(OUTBOX.c[name] for name in Message.__dataclass_fields__))
            .where(OUTBOX.c.acked_at.is_(None), OUTBOX.c.quarantined_at.is_(None))
            .order_by(OUTBOX.c.seq)
            .limit(limit + 1)
        )
        if session is not None:  # a reader beside the caller's (writing) transaction
            beside = session.get_bind().engine.execution_options(sqlite_begin="DEFERRED")
            with beside.connect() as conn:
                rows = [Message(*row) for row in conn.execute(query)]
        elif self.store is not None:
            with self.store.read() as reading:
                rows = [Message(*row) for row in reading.execute(query)]
        else:
            raise TypeError("pending() needs a session or the link's store")
        if len(rows) > limit:
            raise Backlog(f"本工作站待同步数据超过 {limit} 条，请先同步")
        return rows

    # --- the local mirror ------------------------------------------------------------------------

    def mirror(self, rows: Rows) -> None:
        """Write central rows locally as applied from sync, in a transaction of their own. A
        failure is logged: it was done centrally, and the next pull brings it."""
        if self.store is None:
            raise TypeError("mirror() needs the link's store")
        try:
            with self.store.write() as session:
                mirror_into(session, rows)
        except (errors.WorkstationError, DBAPIError) as exc:
            log.warning("central link: local copy deferred to the next pull: %s", exc)


def mirror_into(session: Session, rows: Rows) -> None:
    """Write central rows in the caller's local transaction as applied from sync (no outbox
    message), parents before children, by the pull's ownership rules."""
    session.flush()
    before = session.info.get("applying_sync")
    session.info["applying_sync"] = True
    try:
        conn = session.connection()
        for name, synced in synced_tables().items():
            if rows.get(name):
                apply_rows(conn, synced, [dict(row) for row in rows[name]])
    finally:
        if before is None:
            session.info.pop("applying_sync", None)
        else:
            session.info["applying_sync"] = before


# --- the workstation's short number -----------------------------------------------------------------


def lock_key(*parts: object) -> int:
    """A PostgreSQL advisory lock key for ``parts`` (signed 32 bits)."""
    return zlib.crc32(":".join(str(p) for p in parts).encode()) - 2**31


def local_workstation(store: Store) -> dict[str, Any] | None:
    """This database's workstation row (plain values), or None when it was never set up."""
    with store.read() as session:
        identity = current_identity(session)
        if identity is None:
            return None
        table = cast(sa.Table, Workstation.__table__)
        row = session.execute(sa.select(table).where(table.c.id == identity.workstation_id)).first()
        return dict(row._mapping) if row is not None else None


def claim_number(conn: sa.Connection, row: Mapping[str, Any]) -> int:
    """Give the workstation ``row`` (all its columns, as held locally) a number in the caller's
    central transaction, under a per-branch advisory lock: an existing number is kept, else
    ``max + 1``; the central row gets a version above the local one."""
    table = cast(sa.Table, Workstation.__table__)
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(lock_key(NUMBER_LOCK, row["branch_id"]))))
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


def ensure_number(store: Store, central: Engine) -> int | None:
    """This workstation's short number, given by the central database when it has none yet.

    The central row is then copied locally as applied from sync. Returns None when the workstation
    is not set up or central cannot be reached (the next contact with the central queue tries again).
    """
    mine = local_workstation(store)
    if mine is None or mine.get("number") is not None:
        return None if mine is None else int(mine["number"])
    try:
        with central.connect() as conn, conn.begin():
            number = claim_number(conn, mine)
            table = cast(sa.Table, Workstation.__table__)
            row = dict(conn.execute(sa.select(table).where(table.c.id == mine["id"])).one()._mapping)
    except DBAPIError as exc:
        log.warning("workstation number not claimed: %s", first_line(str(exc.orig or exc)))
        return None
    CentralLink(central, store).mirror({"workstation": [row]})
    return number
