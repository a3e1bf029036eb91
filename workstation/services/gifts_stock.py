"""Gift stock as movements: balances, the offline reserve (escrow), stock counts, reconciliation.

Stock is never a stored quantity: it is the sum of :class:`~workstation.models.GiftStockMovement`
rows, each with its own UUID, who, when and why (docs/tech-notes.md §1.6). A branch's stock of a gift is
kept in buckets:

- the **branch allocation** (rows with ``workstation_id`` empty): head-office receipts and
  allocations, issues while online, voids/returns and stock-count adjustments;
- each workstation's **reserve** (rows with its ``workstation_id``): units a supervisor moved
  out of the allocation so that workstation can issue with the network down.

A reserve is double-entry: ``reserve`` writes −N on the allocation and +N on the workstation,
``reserve_release`` the opposite, so the branch total (Σ of every row) does not change. No bucket
ever goes below zero: every change that takes units out locks the gift's stock first (SQLite:
``BEGIN IMMEDIATE`` already serialises writers; PostgreSQL: a transaction advisory lock per
branch and gift), checks the balance, writes, and checks again before the commit.

Who may take units for an issue is a :class:`StockAuthority`:

- :class:`LocalStockAuthority` (now): the allocation in this database, then this workstation's
  reserve. Right for a workstation working directly on the branch's database, and for tests.
- :class:`ReserveOnlyStockAuthority`: offline, only this workstation's reserve.
- :class:`~workstation.services.gifts_central.CentralStockAuthority` (synced workstations):
  draws on the branch's allocation in the central PostgreSQL database, atomically and idempotently
  by :func:`issue_movement_id`, then on this workstation's reserve; the design (central formula,
  replays, an unknown commit outcome) is documented in that module. When central cannot be
  reached it raises :class:`~workstation.errors.CentralStockUnavailable` and
  :func:`draw_or_reserve` falls back to :class:`ReserveOnlyStockAuthority`.

:func:`default_authority` is what services use when the caller names none: the local authority.
A synced workstation names its central one (:meth:`workstation.services.runtime.Runtime.stock_authority`).
"""

from __future__ import annotations

import enum
import uuid
import zlib
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar, Protocol, cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import utcnow
from workstation.domain import Role, StockMovementKind
from workstation.models import Campaign, Gift, GiftIssue, GiftStockMovement, Workstation
from workstation.services import audit
from workstation.services.actor import Actor

STOCK_ROLES = (Role.SUPERVISOR,)
MAX_QUANTITY = 10_000
ISSUE_MOVEMENT_NS = uuid.UUID("6f1d2b9e-4c7a-5e21-9a43-0c5d7e8f1a26")
MIN_REASON_LENGTH = 2


def issue_movement_id(issue_id: uuid.UUID) -> uuid.UUID:
    """The id of an issue's stock movement, the same on every replay and on central."""
    return uuid.uuid5(ISSUE_MOVEMENT_NS, f"issue:{issue_id}")


def stock_lock_key(branch_id: uuid.UUID, gift_id: uuid.UUID) -> int:
    """The PostgreSQL advisory lock key of one gift's stock at one branch (also used centrally)."""
    return zlib.crc32(f"gift-stock:{branch_id}:{gift_id}".encode()) - 2**31


def lock_gift_stock(session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID) -> None:
    """Serialise changes to one gift's stock at one branch until the transaction ends.

    SQLite: the write transaction already holds the database's write lock (``BEGIN IMMEDIATE``).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(stock_lock_key(branch_id, gift_id))))


def check_quantity(quantity: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise errors.StockQuantityInvalid(quantity=quantity, maximum=MAX_QUANTITY)


def check_reason(reason: str, action: str, action_en: str) -> str:
    text = " ".join(reason.split())
    if len(text) < MIN_REASON_LENGTH:
        raise errors.ReasonRequired(action=action, action_en=action_en, minimum=MIN_REASON_LENGTH)
    return text[:300]


# --- balances -----------------------------------------------------------------------------------


def bucket_balance(session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID, workstation_id: uuid.UUID | None) -> int:
    """Σ quantity of one bucket: the branch allocation (``None``) or a workstation's reserve."""
    owner = (
        GiftStockMovement.workstation_id.is_(None)
        if workstation_id is None
        else GiftStockMovement.workstation_id == workstation_id
    )
    total = session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(GiftStockMovement.quantity), 0)).where(
            GiftStockMovement.branch_id == branch_id,
            GiftStockMovement.gift_id == gift_id,
            GiftStockMovement.deleted_at.is_(None),
            owner,
        )
    )
    return int(total or 0)


@dataclass(frozen=True)
class GiftStock:
    """One gift's stock at the branch, as the stock table shows it."""

    gift_id: uuid.UUID
    sku: str
    name: str
    spec: str
    campaign_code: str
    unit_value_fen: int
    pool: int
    """Branch allocation not held in any reserve."""
    own_reserve: int
    """This workstation's reserve."""
    other_reserves: int
    low_stock: bool = False

    @property
    def total(self) -> int:
        return self.pool + self.own_reserve + self.other_reserves

    @property
    def available_here(self) -> int:
        """What this workstation may issue while online (allocation, then its reserve)."""
        return self.pool + self.own_reserve


def stock_table(
    session: Session, branch_id: uuid.UUID, workstation_id: uuid.UUID | None, *, low_stock_threshold: int = 0
) -> list[GiftStock]:
    """Every gift with stock movements at the branch or active in a running campaign, by SKU."""
    sums = session.execute(
        sa.select(
            GiftStockMovement.gift_id,
            GiftStockMovement.workstation_id,
            sa.func.sum(GiftStockMovement.quantity),
        )
        .where(GiftStockMovement.branch_id == branch_id, GiftStockMovement.deleted_at.is_(None))
        .group_by(GiftStockMovement.gift_id, GiftStockMovement.workstation_id)
    ).all()
    pool: dict[uuid.UUID, int] = defaultdict(int)
    own: dict[uuid.UUID, int] = defaultdict(int)
    other: dict[uuid.UUID, int] = defaultdict(int)
    for gift_id, ws, total in sums:
        target = pool if ws is None else own if ws == workstation_id else other
        target[gift_id] += int(total or 0)
    rows = session.execute(
        sa.select(Gift, Campaign.code)
        .join(Campaign, Campaign.id == Gift.campaign_id)
        .where(sa.or_(Gift.id.in_(set(pool) | set(own) | set(other)), sa.and_(Gift.active, Campaign.active)))
        .where(Gift.deleted_at.is_(None))
        .order_by(Gift.sku)
    ).all()
    result = []
    for gift, code in rows:
        item = GiftStock(
            gift.id,
            gift.sku,
            gift.name,
            gift.spec,
            code,
            gift.unit_value_fen,
            pool[gift.id],
            own[gift.id],
            other[gift.id],
        )
        result.append(replace(item, low_stock=item.total <= low_stock_threshold))
    return result


# --- who may take units for an issue -----------------------------------------------------------


class StockSource(enum.StrEnum):
    ALLOCATION = "allocation"
    RESERVE = "reserve"


@dataclass(frozen=True)
class Draw:
    """Units taken for an issue: the movement written and the bucket it came from."""

    movement_id: uuid.UUID
    source: StockSource
    quantity: int


class StockAuthority(Protocol):
    """Decides, atomically, whether units may be taken for an issue, and records the taking."""

    def available(self, session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID) -> int:
        """How many units an issue could take now (for eligibility; no lock)."""
        ...

    def draw(self, session: Session, issue: GiftIssue, *, staff_id: uuid.UUID) -> Draw:
        """Take ``issue.quantity`` units for ``issue`` inside the caller's transaction.

        Idempotent per issue (movement id :func:`issue_movement_id`). Raises GiftOutOfStock
        (nothing written), CentralStockUnavailable (central authority offline).
        """
        ...


@dataclass(frozen=True)
class LocalStockAuthority:
    """The branch allocation in this database first, then this workstation's reserve."""

    workstation_id: uuid.UUID | None
    use_allocation: bool = True

    def buckets(self) -> list[uuid.UUID | None]:
        order: list[uuid.UUID | None] = [None] if self.use_allocation else []
        if self.workstation_id is not None:
            order.append(self.workstation_id)
        return order

    def available(self, session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID) -> int:
        return sum(bucket_balance(session, branch_id, gift_id, b) for b in self.buckets())

    def draw(self, session: Session, issue: GiftIssue, *, staff_id: uuid.UUID) -> Draw:
        movement_id = issue_movement_id(issue.id)
        existing = session.get(GiftStockMovement, movement_id)
        if existing is not None:
            source = StockSource.ALLOCATION if existing.workstation_id is None else StockSource.RESERVE
            return Draw(movement_id, source, -existing.quantity)
        lock_gift_stock(session, issue.branch_id, issue.gift_id)
        balances = {b: bucket_balance(session, issue.branch_id, issue.gift_id, b) for b in self.buckets()}
        bucket = next((b for b, n in balances.items() if n >= issue.quantity), "none")
        if bucket == "none":
            gift = session.get(Gift, issue.gift_id)
            raise errors.GiftOutOfStock(
                gift=gift.name if gift else "", available=max(balances.values(), default=0), wanted=issue.quantity
            )
        assert bucket is None or isinstance(bucket, uuid.UUID)
        add_movement(
            session,
            branch_id=issue.branch_id,
            gift_id=issue.gift_id,
            kind=StockMovementKind.ISSUE,
            quantity=-issue.quantity,
            workstation_id=bucket,
            staff_id=staff_id,
            gift_issue_id=issue.id,
            movement_id=movement_id,
            reason="发放" if bucket is None else "发放（工作站备用额度）",
        )
        return Draw(movement_id, StockSource.ALLOCATION if bucket is None else StockSource.RESERVE, issue.quantity)


@dataclass(frozen=True)
class ReserveOnlyStockAuthority(LocalStockAuthority):
    """Offline: only this workstation's reserve may be drawn on (escrow)."""

    use_allocation: bool = False


class OfflineReserveExhausted(errors.GiftOutOfStock):
    """Central stock unreachable and this workstation's reserve does not hold the quantity."""

    code: ClassVar[str] = "gifts.offline_reserve_exhausted"
    zh: ClassVar[str] = "中心库存暂时无法连接，本工作站“{gift}”备用额度只剩 {available} 件，需要 {wanted} 件。"
    en: ClassVar[str] = (
        "The central stock cannot be reached and this workstation's reserve holds only {available} "
        "“{gift}” ({wanted} needed)."
    )


def draw_or_reserve(
    session: Session,
    authority: StockAuthority,
    issue: GiftIssue,
    *,
    staff_id: uuid.UUID,
    workstation_id: uuid.UUID | None,
) -> Draw:
    """``authority.draw``; if central cannot be reached, this workstation's reserve only.

    Raises:
        GiftOutOfStock (OfflineReserveExhausted offline), CentralStockInDoubt (see gifts_central).
    """
    try:
        return authority.draw(session, issue, staff_id=staff_id)
    except errors.CentralStockUnavailable:
        try:
            return ReserveOnlyStockAuthority(workstation_id).draw(session, issue, staff_id=staff_id)
        except errors.GiftOutOfStock as exc:
            raise OfflineReserveExhausted(**exc.params) from exc


def out_of_stock(
    session: Session, authority: StockAuthority, branch_id: uuid.UUID, gift: Gift, available: int, wanted: int
) -> errors.GiftOutOfStock:
    """The refusal for an issue the authority's :meth:`~StockAuthority.available` cannot cover
    (an authority may explain it better, e.g. "central allocation exhausted")."""
    explain = getattr(authority, "out_of_stock", None)
    if explain is not None:
        return cast(errors.GiftOutOfStock, explain(session, branch_id, gift.id, gift.name, wanted))
    return errors.GiftOutOfStock(gift=gift.name, available=available, wanted=wanted)


def default_authority(workstation_id: uuid.UUID | None) -> StockAuthority:
    """The authority services use when the caller names none: :class:`LocalStockAuthority`. A
    synced workstation passes its central one (``runtime.for_store(store).stock_authority``)."""
    return LocalStockAuthority(workstation_id)


def add_movement(
    session: Session,
    *,
    branch_id: uuid.UUID,
    gift_id: uuid.UUID,
    kind: StockMovementKind,
    quantity: int,
    workstation_id: uuid.UUID | None,
    staff_id: uuid.UUID | None,
    reason: str,
    gift_issue_id: uuid.UUID | None = None,
    movement_id: uuid.UUID | None = None,
    at: datetime | None = None,
) -> GiftStockMovement:
    """Write one movement; a taking is re-checked so no bucket ends below zero (else rollback)."""
    movement = GiftStockMovement(
        branch_id=branch_id,
        gift_id=gift_id,
        kind=kind,
        quantity=quantity,
        workstation_id=workstation_id,
        staff_id=staff_id,
        gift_issue_id=gift_issue_id,
        reason=reason[:300],
        occurred_at=at or utcnow(),
    )
    if movement_id is not None:
        movement.id = movement_id
    session.add(movement)
    session.flush()
    if quantity < 0 and bucket_balance(session, branch_id, gift_id, workstation_id) < 0:
        raise RuntimeError(f"stock of gift {gift_id} would go negative; the caller did not lock it")
    return movement


# --- supervisor's stock operations --------------------------------------------------------------


def _gift(session: Session, gift_id: uuid.UUID) -> Gift:
    gift = session.get(Gift, gift_id)
    if gift is None or gift.deleted_at is not None:
        raise errors.NotFound(what="礼品")
    return gift


def receive_stock(
    session: Session,
    actor: Actor,
    gift_id: uuid.UUID,
    quantity: int,
    reason: str = "总部配送到货入库",
    *,
    kind: StockMovementKind = StockMovementKind.RECEIPT,
) -> uuid.UUID:
    """Record head-office goods received (``receipt``) or a central top-up (``allocation``)."""
    actor.require(STOCK_ROLES, "礼品入库")
    check_quantity(quantity)
    if kind not in (StockMovementKind.RECEIPT, StockMovementKind.ALLOCATION):
        raise ValueError(f"not an incoming movement: {kind}")
    _gift(session, gift_id)
    text = check_reason(reason, "入库", "receipt")
    movement = add_movement(
        session, branch_id=actor.branch_id, gift_id=gift_id, kind=kind, quantity=quantity, workstation_id=None,
        staff_id=actor.staff_id, reason=text,
    )  # fmt: skip
    audit.record(
        session, actor, f"gifts.{kind.value}", entity="gift", entity_id=gift_id, quantity=quantity, reason=text
    )
    return movement.id


def _check_workstation(session: Session, actor: Actor, workstation_id: uuid.UUID) -> None:
    station = session.get(Workstation, workstation_id)
    if station is None or station.branch_id != actor.branch_id:
        raise errors.NotFound(what="本营业部的工作站")


def reserve_stock(
    session: Session,
    actor: Actor,
    gift_id: uuid.UUID,
    quantity: int,
    workstation_id: uuid.UUID,
    reason: str = "",
    *,
    authority: StockAuthority | None = None,
) -> int:
    """Move units from the branch allocation to a workstation's reserve; returns the new reserve.

    An authority with a ``reserve_centrally`` method (the central one) takes the units from the
    branch's central pool instead, atomically; a reserve is then never granted offline.

    Raises:
        PermissionDenied: not a supervisor.
        ReserveExceedsAllocation: the allocation does not hold ``quantity`` (nothing written).
        CentralStockUnavailable: the central authority cannot reach central (nothing written).
    """
    actor.require(STOCK_ROLES, "设置工作站备用额度")
    check_quantity(quantity)
    gift = _gift(session, gift_id)
    _check_workstation(session, actor, workstation_id)
    lock_gift_stock(session, actor.branch_id, gift_id)
    text = " ".join(reason.split()) or "离线发放备用额度"
    central = getattr(authority or default_authority(actor.workstation_id), "reserve_centrally", None)
    if central is not None:
        central(session, actor, gift, quantity, workstation_id, text)
    else:
        pool = bucket_balance(session, actor.branch_id, gift_id, None)
        if pool < quantity:
            raise errors.ReserveExceedsAllocation(gift=gift.name, available=pool, wanted=quantity)
        now = utcnow()
        for ws, signed in ((None, -quantity), (workstation_id, quantity)):
            add_movement(
                session, branch_id=actor.branch_id, gift_id=gift_id, kind=StockMovementKind.RESERVE, quantity=signed,
                workstation_id=ws, staff_id=actor.staff_id, reason=text, at=now,
            )  # fmt: skip
    audit.record(
        session, actor, "gifts.reserve", entity="gift", entity_id=gift_id, quantity=quantity,
        workstation_id=workstation_id.hex,
    )  # fmt: skip
    return bucket_balance(session, actor.branch_id, gift_id, workstation_id)


def release_reserve(
    session: Session, actor: Actor, gift_id: uuid.UUID, quantity: int, workstation_id: uuid.UUID, reason: str = ""
) -> int:
    """Give units of a workstation's reserve back to the branch allocation; returns the new reserve."""
    actor.require(STOCK_ROLES, "归还工作站备用额度")
    check_quantity(quantity)
    gift = _gift(session, gift_id)
    _check_workstation(session, actor, workstation_id)
    lock_gift_stock(session, actor.branch_id, gift_id)
    held = bucket_balance(session, actor.branch_id, gift_id, workstation_id)
    if held < quantity:
        raise errors.ReleaseExceedsReserve(gift=gift.name, available=held, wanted=quantity)
    text = " ".join(reason.split()) or "备用额度归还"
    now = utcnow()
    for ws, signed in ((workstation_id, -quantity), (None, quantity)):
        add_movement(
            session, branch_id=actor.branch_id, gift_id=gift_id, kind=StockMovementKind.RESERVE_RELEASE,
            quantity=signed, workstation_id=ws, staff_id=actor.staff_id, reason=text, at=now,
        )  # fmt: skip
    audit.record(
        session, actor, "gifts.reserve_release", entity="gift", entity_id=gift_id, quantity=quantity,
        workstation_id=workstation_id.hex,
    )  # fmt: skip
    return held - quantity


@dataclass(frozen=True)
class StockCount:
    """The outcome of counting one gift: expected (Σ movements), counted, and the adjustment."""

    gift_id: uuid.UUID
    expected: int
    counted: int
    movement_id: uuid.UUID | None

    @property
    def difference(self) -> int:
        return self.counted - self.expected


def record_stock_count(session: Session, actor: Actor, gift_id: uuid.UUID, counted: int, reason: str) -> StockCount:
    """Record a physical count of the branch's units of a gift (allocation and every reserve).

    A difference becomes an ``adjustment`` movement on the branch allocation with the reason;
    no difference writes no movement (the count is still audited).

    Raises:
        StockCountInvalid, ReasonRequired (with a difference), StockCountBelowReserves.
    """
    actor.require(STOCK_ROLES, "礼品盘点")
    if isinstance(counted, bool) or not isinstance(counted, int) or not 0 <= counted <= MAX_QUANTITY * 10:
        raise errors.StockCountInvalid(counted=counted, maximum=MAX_QUANTITY * 10)
    gift = _gift(session, gift_id)
    lock_gift_stock(session, actor.branch_id, gift_id)
    expected = int(
        session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(GiftStockMovement.quantity), 0)).where(
                GiftStockMovement.branch_id == actor.branch_id,
                GiftStockMovement.gift_id == gift_id,
                GiftStockMovement.deleted_at.is_(None),
            )
        )
        or 0
    )
    difference = counted - expected
    movement_id = None
    if difference:
        text = check_reason(reason, "盘点调整", "stock-count adjustment")
        pool = bucket_balance(session, actor.branch_id, gift_id, None)
        if pool + difference < 0:
            raise errors.StockCountBelowReserves(gift=gift.name, difference=-difference, pool=pool)
        movement_id = add_movement(
            session, branch_id=actor.branch_id, gift_id=gift_id, kind=StockMovementKind.ADJUSTMENT,
            quantity=difference, workstation_id=None, staff_id=actor.staff_id,
            reason=f"盘点：账面 {expected}，实盘 {counted}。{text}",
        ).id  # fmt: skip
    audit.record(
        session, actor, "gifts.stock_count", entity="gift", entity_id=gift_id, expected=expected, counted=counted,
        reason=" ".join(reason.split())[:300],
    )  # fmt: skip
    return StockCount(gift_id, expected, counted, movement_id)
