"""Daily gift reconciliation: opening, received, allocated, issued, voided, adjustments, closing,
per gift and business day; and issues per campaign and per inviting telesales agent.

Every figure is a sum of :class:`~workstation.models.GiftStockMovement` rows (reserve movements
net to zero across the branch, so they only show in ``reserved_at_close``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.clock import BRANCH_TZ
from workstation.domain import GiftIssueStatus, StockMovementKind
from workstation.models import Campaign, Gift, GiftIssue, GiftStockMovement, Staff


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=BRANCH_TZ)
    return start, start + timedelta(days=1)


@dataclass(frozen=True)
class DayReconciliation:
    """One gift's day: opening + received + allocated − issued + voided + adjustments = closing."""

    gift_id: uuid.UUID
    sku: str
    name: str
    opening: int
    received: int
    allocated: int
    issued: int
    voided: int
    adjustments: int
    closing: int
    reserved_at_close: int
    """Of the closing stock, how much sits in workstation reserves."""

    @property
    def balanced(self) -> bool:
        expected = self.opening + self.received + self.allocated - self.issued + self.voided + self.adjustments
        return expected == self.closing


KIND_FIELD = {
    StockMovementKind.RECEIPT: "received",
    StockMovementKind.ALLOCATION: "allocated",
    StockMovementKind.ISSUE: "issued",
    StockMovementKind.VOID: "voided",
    StockMovementKind.ADJUSTMENT: "adjustments",
}


def reconcile_day(session: Session, branch_id: uuid.UUID, day: date) -> list[DayReconciliation]:
    """Every gift with stock at the branch: the day's movements by kind, opening and closing."""
    start, end = day_bounds(day)
    live = (GiftStockMovement.branch_id == branch_id, GiftStockMovement.deleted_at.is_(None))
    opening = dict(
        session.execute(
            sa.select(GiftStockMovement.gift_id, sa.func.sum(GiftStockMovement.quantity))
            .where(*live, GiftStockMovement.occurred_at < start)
            .group_by(GiftStockMovement.gift_id)
        ).all()
    )
    reserved = dict(
        session.execute(
            sa.select(GiftStockMovement.gift_id, sa.func.sum(GiftStockMovement.quantity))
            .where(*live, GiftStockMovement.occurred_at < end, GiftStockMovement.workstation_id.is_not(None))
            .group_by(GiftStockMovement.gift_id)
        ).all()
    )
    moves: dict[uuid.UUID, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gift_id, kind, total in session.execute(
        sa.select(GiftStockMovement.gift_id, GiftStockMovement.kind, sa.func.sum(GiftStockMovement.quantity))
        .where(*live, GiftStockMovement.occurred_at >= start, GiftStockMovement.occurred_at < end)
        .group_by(GiftStockMovement.gift_id, GiftStockMovement.kind)
    ).all():
        key = KIND_FIELD.get(StockMovementKind(kind))
        if key is not None:  # reserve pairs net to zero
            moves[gift_id][key] += -int(total) if key == "issued" else int(total)
    gift_ids = set(opening) | set(moves)
    gifts = session.scalars(sa.select(Gift).where(Gift.id.in_(gift_ids)).order_by(Gift.sku)).all() if gift_ids else []
    rows = []
    for gift in gifts:
        m = moves[gift.id]
        first = int(opening.get(gift.id) or 0)
        closing = first + m["received"] + m["allocated"] - m["issued"] + m["voided"] + m["adjustments"]
        rows.append(
            DayReconciliation(
                gift.id, gift.sku, gift.name, first, m["received"], m["allocated"], m["issued"], m["voided"],
                m["adjustments"], closing, int(reserved.get(gift.id) or 0),
            )
        )  # fmt: skip
    return rows


def closing_stock(session: Session, branch_id: uuid.UUID, gift_id: uuid.UUID, day: date) -> int:
    """Σ of every movement up to the end of ``day`` (to check a reconciliation independently)."""
    _, end = day_bounds(day)
    return int(
        session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(GiftStockMovement.quantity), 0)).where(
                GiftStockMovement.branch_id == branch_id,
                GiftStockMovement.gift_id == gift_id,
                GiftStockMovement.deleted_at.is_(None),
                GiftStockMovement.occurred_at < end,
            )
        )
        or 0
    )


@dataclass(frozen=True)
class IssueTally:
    """Gifts issued in a period, grouped by campaign or by inviting telesales agent."""

    key: str
    label: str
    issued: int
    value_fen: int
    voided: int


def issue_tallies(
    session: Session, branch_id: uuid.UUID, day: date, *, by: str = "campaign", days: int = 1
) -> list[IssueTally]:
    """Issues of ``days`` days from ``day`` per campaign (``by="campaign"``) or per telesales agent
    (``by="agent"``; no agent = "自然到店/其他"). ``issued`` and value count live issues only."""
    start, _ = day_bounds(day)
    end = start + timedelta(days=days)
    if by == "campaign":
        key_col: InstrumentedAttribute[Any] = GiftIssue.campaign_id
        names = dict(session.execute(sa.select(Campaign.id, Campaign.name)).all())
    elif by == "agent":
        key_col = GiftIssue.telesales_agent_id
        names = {
            sid: f"{name}（{no}）" for sid, name, no in session.execute(sa.select(Staff.id, Staff.name, Staff.staff_no))
        }
    else:
        raise ValueError(by)
    voided = GiftIssue.status == GiftIssueStatus.VOIDED
    rows = session.execute(
        sa.select(
            key_col,
            sa.func.sum(sa.case((voided, 0), else_=GiftIssue.quantity)),
            sa.func.sum(sa.case((voided, 0), else_=GiftIssue.quantity * GiftIssue.unit_value_fen)),
            sa.func.sum(sa.case((voided, 1), else_=0)),
        )
        .where(GiftIssue.branch_id == branch_id, GiftIssue.issued_at >= start, GiftIssue.issued_at < end)
        .group_by(key_col)
    ).all()
    result = [
        IssueTally(
            key.hex if key else "",
            names.get(key, "") if key else "自然到店/其他",
            int(n or 0),
            int(v or 0),
            int(x or 0),
        )
        for key, n, v, x in rows
    ]
    return sorted(result, key=lambda t: (-t.issued, t.label))
