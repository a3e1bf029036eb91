"""Read-only figures for the counter screens' overview panels (no writes, no personal data).

Each screen of the workstation opens with a few numbers about today's branch; this module is the
one place they are counted, so the UI never queries the database itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.clock import BRANCH_TZ, business_date
from workstation.domain import (
    ApplicationStatus,
    AppointmentStatus,
    ClientStatus,
    GiftIssueStatus,
    PaperStatus,
    VisitStatus,
)
from workstation.models import (
    AccountApplication,
    Appointment,
    Campaign,
    Client,
    GiftIssue,
    OutboxMessage,
    PrintedDocument,
    Visit,
)


@dataclass(frozen=True)
class BranchOverview:
    """Today's counts for one branch, as shown on the counter screens."""

    business_date: date
    appointments_today: int
    appointments_checked_in: int
    visits_waiting: int
    visits_today: int
    applications_draft: int
    applications_to_review: int
    active_campaigns: int
    gifts_awaiting_signature: int
    papers_outstanding: int
    outbox_pending: int
    active_clients: int


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The branch's calendar ``day`` as a half-open UTC interval."""
    start = datetime.combine(day, time.min, tzinfo=BRANCH_TZ).astimezone(UTC)
    return start, start + timedelta(days=1)


def branch_overview(session: Session, branch_id: uuid.UUID, day: date | None = None) -> BranchOverview:
    """Count today's work at ``branch_id`` (``day`` defaults to the branch's business date)."""
    day = day or business_date()
    start, end = day_bounds(day)

    def count(model: type, *conditions: sa.ColumnElement[bool]) -> int:
        query = sa.select(sa.func.count()).select_from(model).where(*conditions)
        return int(session.scalar(query) or 0)

    live_appointment = (
        Appointment.branch_id == branch_id,
        Appointment.deleted_at.is_(None),
        Appointment.slot_start >= start,
        Appointment.slot_start < end,
    )
    today_visit = (Visit.branch_id == branch_id, Visit.business_date == day, Visit.deleted_at.is_(None))
    application = (AccountApplication.branch_id == branch_id, AccountApplication.deleted_at.is_(None))
    return BranchOverview(
        business_date=day,
        appointments_today=count(Appointment, *live_appointment, Appointment.status != AppointmentStatus.CANCELLED),
        # Checked in today, whether still waiting or already served: finishing a client must not
        # make this figure go down.
        appointments_checked_in=count(Appointment, *live_appointment, Appointment.checked_in_at.is_not(None)),
        visits_waiting=count(Visit, *today_visit, Visit.status == VisitStatus.WAITING),
        visits_today=count(Visit, *today_visit),
        applications_draft=count(
            AccountApplication, *application, AccountApplication.status == ApplicationStatus.DRAFT
        ),
        applications_to_review=count(
            AccountApplication, *application, AccountApplication.status == ApplicationStatus.SUBMITTED
        ),
        active_campaigns=count(
            Campaign,
            Campaign.active.is_(True),
            Campaign.deleted_at.is_(None),
            sa.or_(Campaign.branch_id.is_(None), Campaign.branch_id == branch_id),
            Campaign.starts_on <= day,
            Campaign.ends_on >= day,
        ),
        gifts_awaiting_signature=count(
            GiftIssue, GiftIssue.branch_id == branch_id, GiftIssue.status == GiftIssueStatus.AWAITING_SIGNATURE
        ),
        papers_outstanding=count(
            PrintedDocument,
            PrintedDocument.branch_id == branch_id,
            PrintedDocument.paper_status.in_(
                [PaperStatus.TO_PRINT, PaperStatus.PRINTED, PaperStatus.SIGNED, PaperStatus.SCANNED]
            ),
        ),
        outbox_pending=count(OutboxMessage, OutboxMessage.acked_at.is_(None), OutboxMessage.quarantined_at.is_(None)),
        active_clients=count(
            Client, Client.branch_id == branch_id, Client.deleted_at.is_(None), Client.status == ClientStatus.ACTIVE
        ),
    )
