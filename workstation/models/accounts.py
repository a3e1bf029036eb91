"""Account applications (new account, transfer-in), their transfer steps, questionnaires."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.domain import ApplicationKind, ApplicationStatus, StepStatus, SyncDirection
from workstation.models.base import Base, BranchScoped, Synced, enum_column


class AccountApplication(BranchScoped, Base):
    """A new-account or transfer-in application, from draft through four-eyes review.

    ``step_data`` holds each wizard step's collected fields (the draft); the validated result is
    written to the client row on submission.
    """

    __tablename__ = "account_application"
    __table_args__ = (sa.Index("ix_account_application_branch_id_status", "branch_id", "status"),)

    kind: Mapped[ApplicationKind] = enum_column(ApplicationKind)
    status: Mapped[ApplicationStatus] = enum_column(ApplicationStatus, default=ApplicationStatus.DRAFT)
    client_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("client.id"), index=True, default=None)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("visit.id"), default=None)
    appointment_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("appointment.id"), default=None)
    current_step: Mapped[str] = mapped_column(sa.String(40), default="")
    step_data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    questionnaire_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("questionnaire.id"), default=None)
    commission_ppm: Mapped[int | None] = mapped_column(default=None)
    """Commission rate in parts per million (万2.5 = 250)."""
    commission_approved_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    dual_recording_ref: Mapped[str] = mapped_column(sa.String(60), default="")
    """双录 reference where the rules require an audio/video record."""
    clerk_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("staff.id"))
    reviewer_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)
    review_comment: Mapped[str] = mapped_column(sa.String(1000), default="")
    previous_broker: Mapped[str] = mapped_column(sa.String(100), default="")
    retention_notes: Mapped[str] = mapped_column(sa.String(1000), default="")
    identity_check_status: Mapped[str] = mapped_column(sa.String(16), default="")
    """The online identity check (联网核查): "" never asked, or a
    :class:`workstation.accounts.identity_check.CheckStatus` value."""
    identity_check_at: Mapped[datetime | None] = mapped_column(default=None)
    identity_check_ref: Mapped[str] = mapped_column(sa.String(60), default="")
    identity_override_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    """The supervisor who let an *inconsistent* check go on, with ``identity_override_reason``."""
    identity_override_reason: Mapped[str] = mapped_column(sa.String(300), default="")


class TransferStep(BranchScoped, Base):
    """One step of a transfer-in, at the old broker or at this branch, tracked until done."""

    __tablename__ = "transfer_step"
    __table_args__ = (sa.UniqueConstraint("application_id", "step"),)

    application_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("account_application.id"))
    step: Mapped[str] = mapped_column(sa.String(40))
    """e.g. sh_cancel_designation, sz_custody_transfer, sh_designate, attach, custody_bank."""
    at_old_broker: Mapped[bool] = mapped_column(default=False)
    sequence: Mapped[int] = mapped_column(default=0)
    status: Mapped[StepStatus] = enum_column(StepStatus, default=StepStatus.PENDING)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(sa.String(300), default="")


class Questionnaire(Synced, Base):
    """A versioned suitability questionnaire: questions, scores and score bands, as data."""

    __tablename__ = "questionnaire"
    __sync__ = SyncDirection.PULL
    __table_args__ = (sa.UniqueConstraint("code", "revision"),)

    code: Mapped[str] = mapped_column(sa.String(40))
    revision: Mapped[int]
    title: Mapped[str]
    definition: Mapped[dict[str, Any]] = mapped_column(default=dict)
    active: Mapped[bool] = mapped_column(default=True)
