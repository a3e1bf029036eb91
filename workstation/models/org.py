"""The branch, its counters, workstations, staff and configurable policies."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.domain import SyncDirection
from workstation.models.base import Base, BranchScoped, Synced


class Branch(Synced, Base):
    """A securities branch (营业部) with what a client needs to find it."""

    __tablename__ = "branch"
    __sync__ = SyncDirection.PULL

    code: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name: Mapped[str]
    address: Mapped[str] = mapped_column(sa.String(300))
    postcode: Mapped[str] = mapped_column(sa.String(6), default="")
    phone: Mapped[str] = mapped_column(sa.String(30), default="")
    complaint_phone: Mapped[str] = mapped_column(sa.String(30), default="")
    opening_hours: Mapped[str] = mapped_column(sa.String(100), default="")
    landmarks: Mapped[list[str]] = mapped_column(default=list)
    """Nearest landmarks, e.g. "地铁1号线国贸站B口向东100米"."""
    transit: Mapped[list[str]] = mapped_column(default=list)
    """Transit routes, one line each, e.g. "公交 1路、4路 至大北窑站"."""
    trading_unit: Mapped[str] = mapped_column(sa.String(10), default="")
    """Exchange trading unit (交易单元/席位号) that transfer-in clients name at the old broker."""


class Counter(BranchScoped, Base):
    """A service counter and the queue lines it serves, in order of priority."""

    __tablename__ = "counter"
    __sync__ = SyncDirection.PULL
    __table_args__ = (sa.UniqueConstraint("branch_id", "number"),)

    number: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(40))
    service_lines: Mapped[list[str]] = mapped_column(default=list)
    """ServiceLine codes served, first = highest priority (the telesales counter lists "T" first)."""
    is_telesales: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class Workstation(BranchScoped, Base):
    """One counter PC; its id is the source of everything it writes (outbox, stock reserves)."""

    __tablename__ = "workstation"
    __table_args__ = (sa.Index("uq_workstation_branch_id_number", "branch_id", "number", unique=True),)

    name: Mapped[str] = mapped_column(sa.String(60))
    hostname: Mapped[str] = mapped_column(sa.String(100), default="")
    counter_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("counter.id"), default=None)
    number: Mapped[int | None] = mapped_column(default=None)
    """Short number within the branch (1, 2…), given by the central database at enrolment; it is
    part of every number this PC makes offline (tickets ``A-2-015``, documents ``…-020001``)."""
    app_version: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    """The Counter Workstation version this PC runs, reported at sync (``workstation.__version__``)."""
    last_seen_at: Mapped[datetime | None] = mapped_column(default=None)
    """When the central database last heard from this PC (written centrally at sync)."""


class Staff(Synced, Base):
    """A member of staff. ``branch_id`` is empty for call-centre (telesales) staff."""

    __tablename__ = "staff"
    __sync__ = SyncDirection.PULL

    staff_no: Mapped[str] = mapped_column(sa.String(20), unique=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    branch_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("branch.id"), index=True, default=None)
    roles: Mapped[list[str]] = mapped_column(default=list)
    """Role codes (workstation.domain.Role)."""
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    licence_no: Mapped[str] = mapped_column(sa.String(30), default="")
    """Securities practitioner certificate number (执业证书编号), printed on forms."""
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(sa.String(200))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Local to each workstation's database; the sync never overwrites these two columns.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)


class Policy(Synced, Base):
    """A configurable rule set (thresholds, bands, rates) as versioned JSON.

    ``branch_id`` empty = firm-wide; a branch row with the same key overrides it. One row per key
    and branch, and one firm-wide row per key: a unique constraint treats NULLs as distinct, so the
    firm-wide rule needs its own partial index (migration 0002).
    """

    __tablename__ = "policy"
    __sync__ = SyncDirection.PULL
    __table_args__ = (
        sa.UniqueConstraint("key", "branch_id"),
        sa.Index(
            "uq_policy_firm_wide_key",
            "key",
            unique=True,
            sqlite_where=sa.text("branch_id IS NULL"),
            postgresql_where=sa.text("branch_id IS NULL"),
        ),
    )

    key: Mapped[str] = mapped_column(sa.String(60))
    branch_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("branch.id"), default=None)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    description: Mapped[str] = mapped_column(sa.String(300), default="")
