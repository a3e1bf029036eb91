"""The audit trail and the sync outbox, written in the same transaction as the business rows."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.clock import utcnow
from workstation.domain import SyncDirection
from workstation.ids import new_id
from workstation.models.base import Base, BranchScoped


class AuditEvent(BranchScoped, Base):
    """Who did what, when, from which workstation (过程留痕). Insert-only; details are masked."""

    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_branch_id_at", "branch_id", "at"),)

    at: Mapped[datetime] = mapped_column(default=utcnow)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    workstation_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    action: Mapped[str] = mapped_column(sa.String(60))
    """Dotted verb, e.g. "auth.login", "visit.check_in", "gift.issue"."""
    entity: Mapped[str] = mapped_column(sa.String(40), default="")
    entity_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OutboxMessage(Base):
    """A change waiting to be pushed to the central database (transactional outbox).

    ``seq`` orders messages: SQLite has one writer, so seq commits in order. ``msg_id`` makes the
    central apply idempotent. A message is marked acked only after the central commit.
    """

    __tablename__ = "outbox"
    __sync__ = SyncDirection.LOCAL

    seq: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    msg_id: Mapped[uuid.UUID] = mapped_column(unique=True, default=new_id)
    branch_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[uuid.UUID]
    op: Mapped[str] = mapped_column(sa.String(10))
    """"insert" or "update" (deletes are tombstone updates)."""
    row_version: Mapped[int]
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    acked_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.String(1000), default="")
    quarantined_at: Mapped[datetime | None] = mapped_column(default=None)


class SyncState(Base):
    """Local key/value state of the sync: pull cursors, last success, workstation identity."""

    __tablename__ = "sync_state"
    __sync__ = SyncDirection.LOCAL

    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
