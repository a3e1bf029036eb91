"""Reception numbers for the Reports page: waits, service times, show-up and conversion.

Computed from the timestamps the reception services record (issued, called, started, finished)
and the appointments' statuses; nothing here writes.
"""

from __future__ import annotations

import statistics
import uuid
from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.clock import BRANCH_TZ
from workstation.domain import AppointmentStatus, ServiceLine, VisitOutcome
from workstation.models import Appointment, Campaign, Staff, Visit


@dataclass(frozen=True)
class Durations:
    """Minutes: count, median and 90th percentile (None when there is nothing to measure)."""

    count: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, minutes: list[float]) -> Durations:
        if not minutes:
            return cls(0, None, None)
        ordered = sorted(minutes)
        p90 = ordered[0] if len(ordered) == 1 else statistics.quantiles(ordered, n=10, method="inclusive")[-1]
        return cls(len(ordered), round(statistics.median(ordered), 1), round(p90, 1))


@dataclass(frozen=True)
class ReceptionDay:
    day: date
    waiting: Durations
    """Ticket issued → called."""
    service: Durations
    """Service started → finished."""
    tickets_per_line: dict[ServiceLine, int]
    outcomes: dict[VisitOutcome, int]
    still_waiting: int


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None or end < start:
        return None
    return (end - start).total_seconds() / 60


def reception_day(session: Session, branch_id: uuid.UUID, day: date) -> ReceptionDay:
    """The day's waiting and service times, tickets per line, outcomes."""
    visits = session.scalars(sa.select(Visit).where(Visit.branch_id == branch_id, Visit.business_date == day)).all()
    waits = [m for v in visits if (m := _minutes(v.issued_at, v.called_at)) is not None]
    services = [m for v in visits if (m := _minutes(v.started_at, v.finished_at)) is not None]
    return ReceptionDay(
        day=day,
        waiting=Durations.of(waits),
        service=Durations.of(services),
        tickets_per_line=dict(Tally(v.service_line for v in visits)),
        outcomes=dict(Tally(v.outcome for v in visits if v.outcome is not None)),
        still_waiting=sum(1 for v in visits if v.called_at is None and v.finished_at is None),
    )


@dataclass
class ConversionRow:
    """Per telesales agent and campaign: how invitations turned into visits and business."""

    agent_name: str
    campaign_name: str
    booked: int = 0
    checked_in: int = 0
    no_show: int = 0
    cancelled: int = 0
    outcomes: dict[VisitOutcome, int] = field(default_factory=dict)

    @property
    def show_up_rate(self) -> float | None:
        """Arrived ÷ (arrived + no-shows); None until any appointment is decided."""
        decided = self.checked_in + self.no_show
        return round(self.checked_in / decided, 3) if decided else None


def telesales_conversion(session: Session, branch_id: uuid.UUID, first: date, last: date) -> list[ConversionRow]:
    """Appointments from ``first`` to ``last`` (inclusive) grouped by agent and campaign."""
    start = datetime.combine(first, time.min, tzinfo=BRANCH_TZ)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=BRANCH_TZ)
    rows = session.execute(
        sa.select(Appointment, Staff.name, Campaign.name, Visit.outcome)
        .outerjoin(Staff, Staff.id == Appointment.telesales_agent_id)
        .outerjoin(Campaign, Campaign.id == Appointment.campaign_id)
        .outerjoin(Visit, Visit.appointment_id == Appointment.id)
        .where(
            Appointment.branch_id == branch_id,
            Appointment.slot_start >= start,
            Appointment.slot_start < end,
            Appointment.deleted_at.is_(None),
        )
    ).all()
    table: dict[tuple[str, str], ConversionRow] = {}
    for appointment, agent_name, campaign_name, outcome in rows:
        key = (agent_name or "（无坐席）", campaign_name or "（无活动）")
        row = table.setdefault(key, ConversionRow(*key))
        row.booked += 1
        if appointment.status in (AppointmentStatus.CHECKED_IN, AppointmentStatus.SERVED):
            row.checked_in += 1
        elif appointment.status is AppointmentStatus.NO_SHOW:
            row.no_show += 1
        elif appointment.status is AppointmentStatus.CANCELLED:
            row.cancelled += 1
        if outcome is not None:
            row.outcomes[outcome] = row.outcomes.get(outcome, 0) + 1
    return [table[key] for key in sorted(table)]
