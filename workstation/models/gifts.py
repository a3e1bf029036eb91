"""Campaigns, gifts, stock movements and gift issues."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.domain import GiftIssueStatus, StockMovementKind, SyncDirection
from workstation.models.base import Base, BranchScoped, Synced, enum_column


class Campaign(Synced, Base):
    """A marketing campaign with its eligibility rules (廉洁从业: capped, documented gifts)."""

    __tablename__ = "campaign"
    __sync__ = SyncDirection.PULL

    code: Mapped[str] = mapped_column(sa.String(30), unique=True)
    name: Mapped[str]
    branch_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("branch.id"), default=None)
    """Empty = firm-wide."""
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    channels: Mapped[list[str]] = mapped_column(default=list)
    """Channel codes the campaign applies to; empty = every channel."""
    rules: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Eligibility: {"purposes": [...], "requires_completed": bool, "min_assets_fen": int}."""
    per_client_cap_fen: Mapped[int] = mapped_column(default=0)
    """The firm's per-client gift value cap within this campaign, in fen."""
    description: Mapped[str] = mapped_column(sa.String(500), default="")
    active: Mapped[bool] = mapped_column(default=True)


class Gift(Synced, Base):
    """An item of a campaign's catalogue, with its fair unit value."""

    __tablename__ = "gift"
    __sync__ = SyncDirection.PULL

    campaign_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("campaign.id"), index=True)
    sku: Mapped[str] = mapped_column(sa.String(30), unique=True)
    name: Mapped[str]
    spec: Mapped[str] = mapped_column(sa.String(100), default="")
    unit_value_fen: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)


class GiftStockMovement(BranchScoped, Base):
    """One change of a branch's gift stock. Quantities are never overwritten: stock = Σ quantity."""

    __tablename__ = "gift_stock_movement"
    __table_args__ = (sa.Index("ix_gift_stock_movement_branch_id_gift_id", "branch_id", "gift_id"),)

    gift_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("gift.id"))
    kind: Mapped[StockMovementKind] = enum_column(StockMovementKind)
    quantity: Mapped[int]
    """Signed change: receipts and voids positive, issues negative."""
    workstation_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("workstation.id"), default=None)
    """Set for a workstation's offline reserve (escrow) and what it issues from it."""
    gift_issue_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("gift_issue.id"), default=None)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    reason: Mapped[str] = mapped_column(sa.String(300), default="")
    occurred_at: Mapped[datetime]


class GiftIssue(BranchScoped, Base):
    """A gift handed to a client. At most one live issue per client and campaign (database rule)."""

    __tablename__ = "gift_issue"
    __table_args__ = (
        sa.Index(
            "uq_gift_issue_one_per_client_campaign",
            "campaign_id",
            "client_id",
            unique=True,
            sqlite_where=sa.text("status != 'voided'"),
            postgresql_where=sa.text("status != 'voided'"),
        ),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("campaign.id"))
    gift_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("gift.id"))
    client_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("client.id"), index=True)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("visit.id"), default=None)
    quantity: Mapped[int] = mapped_column(default=1)
    unit_value_fen: Mapped[int]
    status: Mapped[GiftIssueStatus] = enum_column(GiftIssueStatus, default=GiftIssueStatus.AWAITING_SIGNATURE)
    issued_by_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("staff.id"))
    issued_at: Mapped[datetime]
    telesales_agent_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    signed_at: Mapped[datetime | None] = mapped_column(default=None)
    voided_at: Mapped[datetime | None] = mapped_column(default=None)
    voided_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    void_reason: Mapped[str] = mapped_column(sa.String(300), default="")
