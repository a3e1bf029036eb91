"""The central stock authority: issuing while online draws on the branch's central allocation.

Central formula
---------------
The central ``gift_stock_movement`` table is the one ledger of every branch (movements pushed by
the workstations, allocations written by head office, the draws below). For a branch ``B`` and a
gift ``G`` the **central pool** is::

    pool(B, G) = Σ quantity  WHERE branch_id = B AND gift_id = G AND workstation_id IS NULL
                                AND deleted_at IS NULL
               = receipts + allocations − issues drawn on the pool + voids ± stock-count
                 adjustments − reserves held by workstations + reserves released

the same "branch allocation" bucket as on a workstation (:mod:`workstation.services.gifts_stock`),
but over the movements of every workstation of the branch. A reserve is double-entry (−N on the
pool, +N on the workstation), so units a workstation holds in escrow are out of the pool; what a
workstation issues from its reserve is written on its own bucket and never touches the pool.

Drawing
-------
:meth:`CentralStockAuthority.draw` runs one central transaction (bounded by the sync watchdog,
:func:`workstation.sync.central.stall_guard`, and libpq's ``connect_timeout``):

1. the workstation's committed, pending outbox messages are applied exactly like a push
   (``sync.processed_message``; replays skip) and the just-flushed issue row is upserted with the
   push's version guard, so the movement's foreign keys (client, visit, gift issue) exist centrally.
   The outbox rows stay unacknowledged: the next push replays them as no-ops and records the issue
   row's own message, so the issue still travels through the outbox as usual (and nothing of the
   caller's uncommitted transaction but the issue row itself reaches central);
2. ``pg_advisory_xact_lock`` on the key :func:`~workstation.services.gifts_stock.stock_lock_key`
   (the same key the services take on PostgreSQL), then the movement's id
   (:func:`~workstation.services.gifts_stock.issue_movement_id`, derived from the counter's
   request id) is looked up: present = a replay, returned as it is, nothing decremented (the
   local issue row then takes the central row's values: the first attempt's time stamps);
3. otherwise the pool is summed and, if it holds the quantity, the movement (−quantity, no
   workstation) is inserted ``ON CONFLICT (id) DO NOTHING``; if not, the transaction is rolled
   back and the workstation's own reserve is tried locally, else :class:`CentralStockExhausted`.

The local copy of the central row is then written with ``session.info["applying_sync"]`` (the
same ``INSERT … ON CONFLICT DO NOTHING`` a pull uses), so the outbox does not push it again and the
pull that later brings it down changes nothing. Every value (timestamps, version) comes from the
central row, so both sides hold the same row.

Reserves
--------
:meth:`CentralStockAuthority.reserve_centrally` (used by ``gifts_stock.reserve_stock`` with this
authority) grants a workstation's reserve from the central pool under the same lock, so two
supervisors working from stale local copies of the pool can never escrow more than it holds; a
reserve is never granted offline. Releases and voids only add to the pool and stay local
movements pushed through the outbox. Known gap: a release for *another* workstation is checked
against this workstation's copy of that reserve, which may be stale.

Offline and unknown outcomes
----------------------------
A failure before COMMIT was sent leaves nothing centrally: :class:`~workstation.errors.
CentralStockUnavailable` is raised and :func:`~workstation.services.gifts_stock.draw_or_reserve`
issues from this workstation's reserve only (escrow: never oversold). A failure *during* COMMIT
leaves the outcome unknown (docs/tech-notes.md §1.2): falling back would decrement twice if the draw did
commit, so :class:`CentralStockInDoubt` is raised instead, the local transaction rolls back, and the
movement id is remembered (:class:`InDoubt`, one per open workstation): until a central attempt
settles it, that request is never issued from the reserve. The counter retries with the same
request id; the replay finds the committed movement (or draws anew) and never decrements twice.

The connection, its timeouts, the back-off, the carried outbox and the local copy are the
workstation's :class:`~workstation.sync.link.CentralLink`, shared with the branch queue: once
central was found unreachable (by either), the authority answers from the reserve for
:data:`OFFLINE_BACKOFF_S` without waiting on the network again, and any successful contact (a
sync cycle too) resets that; one issue waits at most ``connect_timeout`` + the watchdog (2 s + 4 s).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import utcnow
from workstation.domain import StockMovementKind
from workstation.ids import new_id
from workstation.models import Gift, GiftIssue, GiftStockMovement
from workstation.services.actor import Actor
from workstation.services.gifts_stock import (
    Draw,
    OfflineReserveExhausted,
    ReserveOnlyStockAuthority,
    StockSource,
    bucket_balance,
    issue_movement_id,
    stock_lock_key,
)
from workstation.sync.apply import synced_tables, upsert
from workstation.sync.link import INTERACTIVE, Backlog, CentralLink, Unreachable, detail_of, mirror_into

DRAW_STALL_S = INTERACTIVE.stall_s
"""The watchdog of one central draw (the link's policy)."""
OFFLINE_BACKOFF_S = INTERACTIVE.backoff_s
"""After central was unreachable, answer from the reserve this long without trying again."""
POOL_TTL_S = 2.0
"""How long the central pools read for eligibility are reused (the draw itself always checks)."""
MAX_CARRIED = INTERACTIVE.max_carried
"""Pending outbox messages carried with a draw; a longer backlog means: sync first (reserve only)."""
MOVEMENTS = cast(sa.Table, GiftStockMovement.__table__)


class CentralStockExhausted(errors.GiftOutOfStock):
    """The branch's central allocation and this workstation's reserve do not hold the quantity."""

    code: ClassVar[str] = "gifts.central_out_of_stock"
    zh: ClassVar[str] = (
        "“{gift}”库存不足：营业部中心库存可用 {available} 件，本工作站备用额度 {reserve} 件，需要 {wanted} 件。"
        "请联系总部追加分配。"
    )
    en: ClassVar[str] = (
        "Not enough “{gift}”: {available} left in the branch's central allocation, {reserve} in this "
        "workstation's reserve, {wanted} needed. Ask head office for a new allocation."
    )


class CentralStockInDoubt(errors.SyncError):
    """The connection broke while the draw was committing: it may or may not have been taken."""

    code: ClassVar[str] = "gifts.central_in_doubt"
    zh: ClassVar[str] = (
        "发放“{gift}”时与中心库存的连接在提交时中断，无法确认是否已扣减库存。请在网络恢复后重试同一发放"
        "（不会重复扣减）；在此之前这笔发放不能改用本工作站备用额度。"
    )
    en: ClassVar[str] = (
        "The connection to the central stock broke while issuing “{gift}” was being committed, so it is not "
        "known whether the unit was taken. Retry the same issue once the network is back (it is never taken "
        "twice); until then it cannot use this workstation's reserve."
    )


class InDoubt:
    """Movement ids whose central commit outcome is unknown: never issued from the reserve until
    a central attempt settles them. One per open workstation (:mod:`workstation.services.runtime`)."""

    def __init__(self) -> None:
        self._ids: set[uuid.UUID] = set()
        self._guard = threading.Lock()

    def __contains__(self, movement_id: object) -> bool:
        with self._guard:
            return movement_id in self._ids

    def ids(self) -> frozenset[uuid.UUID]:
        with self._guard:
            return frozenset(self._ids)

    def settle(self, movement_id: uuid.UUID, doubtful: bool) -> None:
        with self._guard:
            if doubtful:
                self._ids.add(movement_id)
            else:
                self._ids.discard(movement_id)


@dataclass(frozen=True)
class CentralDraw:
    """What the central transaction did: the movement row (None: refused) and the pool it saw."""

    row: Mapping[str, Any] | None
    pool: int
    replayed: bool
    issue_row: Mapping[str, Any] | None = None
    """On a replay: the central gift issue, which the local copy must equal."""


class CentralStockAuthority:
    """Draws on the branch's allocation in the central database, then on this workstation's reserve.

    ``central`` is the workstation's :class:`~workstation.sync.link.CentralLink` (one back-off
    with the branch queue), or a central engine (no pool, libpq timeouts) for a link of its own,
    connected as the branch's role or an administrator. One instance may serve many issues and
    threads. ``in_doubt``: the workstation's requests whose central outcome is unknown (shared
    by its authorities; a new set when not given).
    """

    def __init__(
        self,
        central: Engine | CentralLink,
        workstation_id: uuid.UUID | None,
        *,
        stall_s: float = DRAW_STALL_S,
        in_doubt: InDoubt | None = None,
    ) -> None:
        self.link = central if isinstance(central, CentralLink) else CentralLink(central)
        self.workstation_id = workstation_id
        self.in_doubt = in_doubt if in_doubt is not None else InDoubt()
        self.stall_s = stall_s
        self._guard = threading.Lock()
        self._pools: tuple[float, uuid.UUID, dict[uuid.UUID, int]] | None = None

    # --- state ---------------------------------------------------------------------------------

    @property
    def engine(self) -> Engine | None:
        return self.link.engine

    def offline_detail(self) -> str | None:
        """Why central is taken as unreachable now (None: try it)."""
        return self.link.offline_detail()

    def central_pools(self, branch_id: uuid.UUID) -> dict[uuid.UUID, int] | None:
        """The branch's central pool per gift (None when central is unreachable)."""
        if not self.link.online:
            return None
        with self._guard:
            if self._pools is not None and self._pools[1] == branch_id and time.monotonic() < self._pools[0]:
                return dict(self._pools[2])
        m = MOVEMENTS.c
        query = (
            sa.select(m.gift_id, sa.func.coalesce(sa.func.sum(m.quantity), 0))
            .where(m.branch_id == branch_id, m.workstation_id.is_(None), m.deleted_at.is_(None))
            .group_by(m.gift_id)
        )
        try:
            with self.link.reading(stall_s=self.stall_s) as conn:
                pools = {gift: int(total) for gift, total in conn.execute(query)}
        except Unreachable:  # offline or stalled (the link backs off)
            self._forget_pools()
            return None
        except DBAPIError as exc:  # refused (grants): not usable either
            self.link.unreachable(detail_of(exc))
            self._forget_pools()
            return None
        with self._guard:
            self._pools = (time.monotonic() + POOL_TTL_S, branch_id, pools)
        return dict(pools)

    def _forget_pools(self) -> None:
        with self._guard:
            self._pools = None

    # --- the StockAuthority protocol -------------------------------------------------------------

    def out_of_stock(
        self, session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID, gift: str, wanted: int
    ) -> errors.GiftOutOfStock:
        """The refusal when :meth:`available` is short: central exhausted, or offline and the reserve."""
        reserve = self._reserve(session, branch_id, gift_id)
        pools = self.central_pools(branch_id)
        if pools is None:
            return OfflineReserveExhausted(gift=gift, available=reserve, wanted=wanted)
        pool = max(pools.get(gift_id, 0), 0)
        return CentralStockExhausted(gift=gift, available=pool, reserve=reserve, wanted=wanted)

    def available(self, session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID) -> int:
        """The central pool (when reachable) plus this workstation's reserve."""
        reserve = self._reserve(session, branch_id, gift_id)
        pools = self.central_pools(branch_id)
        return reserve + (max(pools.get(gift_id, 0), 0) if pools is not None else 0)

    def draw(self, session: Session, issue: GiftIssue, *, staff_id: uuid.UUID) -> Draw:
        """Take ``issue.quantity`` from the central pool, else from this workstation's reserve.

        Raises:
            CentralStockExhausted: neither holds the quantity (nothing written anywhere).
            CentralStockUnavailable: central cannot be reached and nothing was taken there
                (the caller falls back to the reserve only).
            CentralStockInDoubt: this request's central outcome is unknown; retry it later.
        """
        movement_id = issue_movement_id(issue.id)
        local = session.get(GiftStockMovement, movement_id)
        if local is not None:
            source = StockSource.ALLOCATION if local.workstation_id is None else StockSource.RESERVE
            return Draw(movement_id, source, -local.quantity)
        gift = session.get(Gift, issue.gift_id)
        gift_name = gift.name if gift is not None else ""
        try:
            session.flush()
            outcome = self._draw_centrally(session, issue, movement_id, staff_id)
        except (Unreachable, Backlog) as exc:
            self._forget_pools()
            doubtful = (isinstance(exc, Unreachable) and exc.committing) or movement_id in self.in_doubt
            self.in_doubt.settle(movement_id, doubtful)
            if doubtful:
                raise CentralStockInDoubt(gift=gift_name, detail=exc.detail) from None
            raise errors.CentralStockUnavailable(detail=exc.detail) from None
        self.in_doubt.settle(movement_id, False)
        self._forget_pools()
        if outcome.row is None:
            reserve = self._reserve(session, issue.branch_id, issue.gift_id)
            if self.workstation_id is None or reserve < issue.quantity:
                raise CentralStockExhausted(
                    gift=gift_name, available=max(outcome.pool, 0), reserve=reserve, wanted=issue.quantity
                )
            return ReserveOnlyStockAuthority(self.workstation_id).draw(session, issue, staff_id=staff_id)
        if outcome.issue_row is not None:
            align_local_issue(session, issue, outcome.issue_row)
        write_local_copy(session, outcome.row)
        source = StockSource.ALLOCATION if outcome.row["workstation_id"] is None else StockSource.RESERVE
        return Draw(movement_id, source, -int(outcome.row["quantity"]))

    def reserve_centrally(
        self, session: Session, actor: Actor, gift: Gift, quantity: int, workstation_id: uuid.UUID, reason: str
    ) -> None:
        """Move ``quantity`` units of the central pool into ``workstation_id``'s reserve (escrow).

        The two movements (−N pool, +N reserve) are inserted centrally under the gift's lock only
        if the pool holds N, then copied locally as applied from sync. A retry after an unknown
        outcome may reserve twice, never more than the pool: the supervisor releases the surplus.

        Raises:
            ReserveExceedsAllocation: the central pool does not hold ``quantity`` (nothing written).
            CentralStockUnavailable: central cannot be reached; a reserve is granted online only.
        """
        now = utcnow()
        pool_side = (None, -quantity)
        rows = [
            movement_values(new_id(), actor.branch_id, gift.id, StockMovementKind.RESERVE, signed, ws, None,
                            actor.staff_id, reason, now)
            for ws, signed in (pool_side, (workstation_id, quantity))
        ]  # fmt: skip
        try:
            session.flush()
            with self.link.transaction(self.link.pending(session), stall_s=self.stall_s) as tx:
                conn = tx.conn
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(stock_lock_key(actor.branch_id, gift.id))))
                pool = central_pool(conn, actor.branch_id, gift.id)
                if pool < quantity:
                    raise errors.ReserveExceedsAllocation(gift=gift.name, available=pool, wanted=quantity)
                inserted = conn.execute(postgresql.insert(MOVEMENTS).returning(*MOVEMENTS.c), rows).mappings()
                written = [dict(row) for row in inserted]
                tx.commit()
        except (Unreachable, Backlog) as exc:
            raise errors.CentralStockUnavailable(detail=exc.detail) from None
        except DBAPIError as exc:  # refused (grants…)
            self.link.unreachable(detail_of(exc))
            raise errors.CentralStockUnavailable(detail=detail_of(exc)) from exc
        finally:
            self._forget_pools()
        mirror_into(session, {"gift_stock_movement": written})

    # --- the central transaction -----------------------------------------------------------------

    def _reserve(self, session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID) -> int:
        if self.workstation_id is None:
            return 0
        return bucket_balance(session, branch_id, gift_id, self.workstation_id)

    def _draw_centrally(
        self, session: Session, issue: GiftIssue, movement_id: uuid.UUID, staff_id: uuid.UUID
    ) -> CentralDraw:
        carried = self.link.pending(session)
        issue_row = {attr.key: getattr(issue, attr.key) for attr in sa.inspect(GiftIssue).column_attrs}
        now = utcnow()
        values = movement_values(
            movement_id, issue.branch_id, issue.gift_id, StockMovementKind.ISSUE, -issue.quantity, None, issue.id,
            staff_id, "发放（中心库存）", now,
        )  # fmt: skip
        try:
            with self.link.transaction(carried, stall_s=self.stall_s) as tx:
                upsert(tx.conn, synced_tables()["gift_issue"], [issue_row], owner=False)
                outcome = take(tx.conn, values, issue.quantity)
                if outcome.row is not None:
                    tx.commit()
                return outcome
        except DBAPIError as exc:  # refused (foreign key, grant…): nothing was taken; the reserve may
            self.link.unreachable(detail_of(exc))
            raise Unreachable(detail_of(exc)) from exc


def take(conn: sa.Connection, values: Mapping[str, Any], quantity: int) -> CentralDraw:
    """The locked check-and-insert in the caller's central transaction (see the module docstring)."""
    m = MOVEMENTS.c
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(stock_lock_key(values["branch_id"], values["gift_id"]))))
    existing = conn.execute(sa.select(MOVEMENTS).where(m.id == values["id"])).mappings().first()
    if existing is not None:
        issues = cast(sa.Table, GiftIssue.__table__)
        central_issue = conn.execute(sa.select(issues).where(issues.c.id == existing["gift_issue_id"])).mappings()
        return CentralDraw(dict(existing), 0, True, next((dict(r) for r in central_issue), None))
    available = central_pool(conn, values["branch_id"], values["gift_id"])
    if available < quantity:
        return CentralDraw(None, available, False)
    statement = (
        postgresql.insert(MOVEMENTS)
        .values(dict(values))
        .on_conflict_do_nothing(index_elements=[m.id])
        .returning(*MOVEMENTS.c)
    )
    row = conn.execute(statement).mappings().first()
    if row is None:  # cannot happen under the lock; read what is there
        row = conn.execute(sa.select(MOVEMENTS).where(m.id == values["id"])).mappings().one()
        return CentralDraw(dict(row), available, True)
    return CentralDraw(dict(row), available - quantity, False)


def movement_values(
    movement_id: uuid.UUID,
    branch_id: uuid.UUID,
    gift_id: uuid.UUID,
    kind: StockMovementKind,
    quantity: int,
    workstation_id: uuid.UUID | None,
    gift_issue_id: uuid.UUID | None,
    staff_id: uuid.UUID | None,
    reason: str,
    at: datetime,
) -> dict[str, Any]:
    """Every column of a new movement, so the central row and its local copy are identical."""
    return {
        "id": movement_id, "branch_id": branch_id, "gift_id": gift_id, "kind": kind, "quantity": quantity,
        "workstation_id": workstation_id, "gift_issue_id": gift_issue_id, "staff_id": staff_id,
        "reason": reason[:300], "occurred_at": at, "created_at": at, "updated_at": at, "version": 1,
        "deleted_at": None,
    }  # fmt: skip


def central_pool(conn: sa.Connection, branch_id: uuid.UUID, gift_id: uuid.UUID) -> int:
    """Σ quantity of the branch's pool of one gift, centrally (call it under the advisory lock)."""
    m = MOVEMENTS.c
    pool = conn.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(m.quantity), 0)).where(
            m.branch_id == branch_id, m.gift_id == gift_id, m.workstation_id.is_(None), m.deleted_at.is_(None)
        )
    )
    return int(pool or 0)


def align_local_issue(session: Session, issue: GiftIssue, central: Mapping[str, Any]) -> None:
    """A replayed issue: give the local row the central row's values (as a pull would)."""
    table = cast(sa.Table, GiftIssue.__table__)
    values = {k: v for k, v in central.items() if k != "id" and k in table.c}
    session.flush()
    session.connection().execute(table.update().where(table.c.id == issue.id).values(values))
    session.expire(issue)


def write_local_copy(session: Session, row: Mapping[str, Any]) -> None:
    """Write the central movement locally as applied from sync: no outbox message, no echo."""
    mirror_into(session, {"gift_stock_movement": [row]})
