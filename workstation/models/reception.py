"""Reception: telesales appointments, visits (tickets), competitor notes and the duty roster."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.domain import (
    AppointmentStatus,
    DutyKind,
    Purpose,
    ServiceLine,
    SyncDirection,
    VisitOutcome,
    VisitStatus,
)
from workstation.models.base import Base, BranchScoped, enum_column

CHECK_IN_SEARCH_COLUMNS = ("branch_id", "slot_start", "client_name", "pinyin_initials", "pinyin_full", "mobile")


class Appointment(BranchScoped, Base):
    """A visit booked by a telesales agent for a branch. Status is co-edited by both sides."""

    __tablename__ = "appointment"
    __sync__ = SyncDirection.BOTH
    __table_args__ = (
        sa.Index("ix_appointment_branch_id_slot_start", "branch_id", "slot_start"),
        sa.Index("ix_appointment_mobile", "mobile"),
        sa.Index("ix_appointment_pinyin_initials", "pinyin_initials"),
        # Check-in by name, pinyin, last four + surname: filtered inside the index (migration 0004).
        sa.Index("ix_appointment_check_in_search", *CHECK_IN_SEARCH_COLUMNS),
    )

    code: Mapped[str] = mapped_column(sa.String(12), unique=True)
    """Appointment code read out or scanned (QR) at check-in."""
    external_ref: Mapped[str | None] = mapped_column(sa.String(64), unique=True, default=None)
    """The call centre's own row key, so an import never creates the same appointment twice."""
    client_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("client.id"), index=True, default=None)
    client_name: Mapped[str] = mapped_column(sa.String(60))
    pinyin_full: Mapped[str] = mapped_column(sa.String(200), default="")
    pinyin_initials: Mapped[str] = mapped_column(sa.String(60), default="")
    """Search keys for check-in by name ("zhangsan", "zs"); the client may not exist yet."""
    mobile: Mapped[str] = mapped_column(sa.String(20))
    purpose: Mapped[Purpose] = enum_column(Purpose, default=Purpose.NEW_ACCOUNT)
    slot_start: Mapped[datetime]
    slot_end: Mapped[datetime]
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("campaign.id"), default=None)
    telesales_agent_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    status: Mapped[AppointmentStatus] = enum_column(AppointmentStatus, default=AppointmentStatus.BOOKED)
    status_changed_at: Mapped[datetime | None] = mapped_column(default=None)
    status_clock: Mapped[str] = mapped_column(sa.String(40), default="")
    """Hybrid logical clock of the last status change: the tie-break when both sides changed it."""
    checked_in_at: Mapped[datetime | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(sa.String(500), default="")
    prefill: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """Client data the telesales agent already collected, for the account wizard."""
    lead_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid(), index=True, default=None)
    """The booth lead this appointment came from. No foreign key: the call centre may book a lead
    of one branch into another branch, whose workstations never see the other branch's leads."""


class Visit(BranchScoped, Base):
    """One client's visit: the ticket, the wait, the service and its outcome."""

    __tablename__ = "visit"
    __table_args__ = (
        sa.UniqueConstraint("branch_id", "business_date", "service_line", "ticket_no"),
        sa.Index("ix_visit_branch_id_business_date_status", "branch_id", "business_date", "status"),
    )

    business_date: Mapped[date]
    service_line: Mapped[ServiceLine] = enum_column(ServiceLine)
    ticket_no: Mapped[int]
    ticket_label: Mapped[str] = mapped_column(sa.String(8))
    """Printed and called ticket, e.g. "T003"."""
    appointment_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("appointment.id"), unique=True, default=None)
    client_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("client.id"), index=True, default=None)
    client_name: Mapped[str] = mapped_column(sa.String(60), default="")
    mobile: Mapped[str] = mapped_column(sa.String(20), default="")
    status: Mapped[VisitStatus] = enum_column(VisitStatus, default=VisitStatus.WAITING)
    issued_at: Mapped[datetime]
    called_at: Mapped[datetime | None] = mapped_column(default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    counter_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("counter.id"), default=None)
    served_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    issued_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    outcome: Mapped[VisitOutcome | None] = enum_column(VisitOutcome, default=None)
    punctuality: Mapped[str] = mapped_column(sa.String(10), default="")
    """"early"/"late" when an appointment arrived outside the check-in window, else empty."""
    call_count: Mapped[int] = mapped_column(default=0)
    notes: Mapped[str] = mapped_column(sa.String(500), default="")


class CompetitorOffer(BranchScoped, Base):
    """A local competitor's promotion and how to respond, for transfer-in conversations."""

    __tablename__ = "competitor_offer"

    competitor: Mapped[str] = mapped_column(sa.String(100))
    offer: Mapped[str] = mapped_column(sa.String(500))
    retention_steps: Mapped[str] = mapped_column(sa.String(1000), default="")
    valid_until: Mapped[date | None] = mapped_column(default=None)
    updated_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)


class DutyShift(BranchScoped, Base):
    """A member of staff on counter duty for a period; overtime shifts form the roster (加班)."""

    __tablename__ = "duty_shift"
    __table_args__ = (sa.Index("ix_duty_shift_branch_id_starts_at", "branch_id", "starts_at"),)

    staff_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("staff.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    kind: Mapped[DutyKind] = enum_column(DutyKind, default=DutyKind.REGULAR)
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
