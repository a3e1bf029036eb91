"""Staffing for appointment peaks (加班时间安排) and the competitor-offer reference.

Per hour of the coming days: booked appointments against counter staff on duty. An hour needs
extra staff when its appointments exceed what the staff on duty can serve; a supervisor records
overtime shifts, which then count as on duty.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import BRANCH_TZ, local, utcnow
from workstation.domain import AppointmentStatus, DutyKind, Role
from workstation.errors import FieldProblem
from workstation.models import Appointment, CompetitorOffer, DutyShift, Staff
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.policy import get_policy


@dataclass(frozen=True)
class HourLoad:
    start: datetime
    appointments: int
    staff_on_duty: int
    overtime_staff: int
    per_clerk: int
    """Appointments one clerk can serve in an hour (policy "staffing")."""
    after_hours: bool = False
    """Outside the policy's opening hours: shown because appointments or shifts fall in it."""

    @property
    def capacity(self) -> int:
        return self.staff_on_duty * self.per_clerk

    @property
    def shortfall(self) -> int:
        """How many more clerks this hour needs (0 when covered)."""
        missing = self.appointments - self.capacity
        return -(-missing // self.per_clerk) if missing > 0 else 0


def hourly_load(session: Session, branch_id: uuid.UUID, first: date, days: int) -> list[HourLoad]:
    """Appointments vs. staff on duty for each opening hour of ``days`` days from ``first``, and
    every other hour that has appointments or shifts (18:30 appointments need overtime)."""
    policy = get_policy(session, "staffing", branch_id)
    per_clerk = max(1, int(policy["appointments_per_clerk_hour"]))
    start = datetime.combine(first, time.min, tzinfo=BRANCH_TZ)
    end = start + timedelta(days=days)
    slots = session.scalars(
        sa.select(Appointment.slot_start).where(
            Appointment.branch_id == branch_id,
            Appointment.slot_start >= start,
            Appointment.slot_start < end,
            Appointment.status.in_([AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN]),
            Appointment.deleted_at.is_(None),
        )
    ).all()
    shifts = session.scalars(
        sa.select(DutyShift).where(
            DutyShift.branch_id == branch_id,
            DutyShift.starts_at < end,
            DutyShift.ends_at > start,
            DutyShift.deleted_at.is_(None),
        )
    ).all()
    per_hour: dict[datetime, int] = {}
    for slot in slots:
        slot_hour = local(slot).replace(minute=0, second=0, microsecond=0)
        per_hour[slot_hour] = per_hour.get(slot_hour, 0) + 1
    result: list[HourLoad] = []
    opening = range(int(policy["first_hour"]), int(policy["last_hour"]))
    for offset in range(days):
        day = first + timedelta(days=offset)
        hours = set(opening) | {h.hour for h in per_hour if h.date() == day}
        for shift in shifts:
            begin, finish = local(shift.starts_at), local(shift.ends_at)
            hours |= {h for h in range(24) if begin.date() <= day <= finish.date()
                      and datetime.combine(day, time(h), tzinfo=BRANCH_TZ) < finish
                      and datetime.combine(day, time(h), tzinfo=BRANCH_TZ) + timedelta(hours=1) > begin}  # fmt: skip
        for hour in sorted(hours):
            begins = datetime.combine(day, time(hour), tzinfo=BRANCH_TZ)
            on_duty = [s for s in shifts if s.starts_at <= begins and s.ends_at >= begins + timedelta(hours=1)]
            staff = len({s.staff_id for s in on_duty})
            overtime = len({s.staff_id for s in on_duty if s.kind is DutyKind.OVERTIME})
            load = HourLoad(begins, per_hour.get(begins, 0), staff, overtime, per_clerk, hour not in opening)
            result.append(load)
    return result


def add_shift(
    session: Session,
    actor: Actor,
    staff_no: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: DutyKind,
    note: str = "",
) -> DutyShift:
    """Record a duty shift; overtime (加班) needs a supervisor, who is recorded as approving it."""
    actor.require([Role.SUPERVISOR], "安排值班/加班")
    if ends_at <= starts_at:
        raise errors.ValidationError(
            [FieldProblem("ends_at", "结束时间须晚于开始时间。", "The shift must end after it starts.")]
        )
    staff = session.scalars(sa.select(Staff).where(Staff.staff_no == staff_no.strip().upper())).one_or_none()
    if staff is None or staff.branch_id != actor.branch_id:
        raise errors.NotFound(what=f"本营业部工号 {staff_no}")
    shift = DutyShift(
        branch_id=actor.branch_id,
        staff_id=staff.id,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=kind,
        note=note.strip()[:200],
        approved_by_id=actor.staff_id if kind is DutyKind.OVERTIME else None,
    )
    session.add(shift)
    session.flush()
    audit.record(session, actor, "staffing.shift", entity="duty_shift", entity_id=shift.id, kind=kind.value)
    return shift


# --- competitor offers --------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferView:
    offer_id: uuid.UUID
    competitor: str
    offer: str
    retention_steps: str
    valid_until: date | None
    expired: bool


def list_offers(session: Session, branch_id: uuid.UUID, *, today: date) -> list[OfferView]:
    """The branch's competitor-offer reference, current offers first."""
    rows = session.scalars(
        sa.select(CompetitorOffer).where(CompetitorOffer.branch_id == branch_id, CompetitorOffer.deleted_at.is_(None))
    ).all()
    views = [
        OfferView(
            r.id, r.competitor, r.offer, r.retention_steps, r.valid_until, bool(r.valid_until and r.valid_until < today)
        )
        for r in rows
    ]
    return sorted(views, key=lambda v: (v.expired, v.competitor))


def save_offer(
    session: Session,
    actor: Actor,
    *,
    competitor: str,
    offer: str,
    retention_steps: str = "",
    valid_until: date | None = None,
    offer_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Create or edit an entry of the reference (supervisors only)."""
    actor.require([Role.SUPERVISOR], "编辑同业活动")
    problems = []
    if not competitor.strip():
        problems.append(FieldProblem("competitor", "请填写同业机构名称。", "Enter the competitor."))
    if not offer.strip():
        problems.append(FieldProblem("offer", "请填写活动内容。", "Enter the offer."))
    if problems:
        raise errors.ValidationError(problems)
    row = session.get(CompetitorOffer, offer_id) if offer_id else None
    if offer_id and (row is None or row.branch_id != actor.branch_id):
        raise errors.NotFound(what="该同业活动")
    if row is None:
        row = CompetitorOffer(branch_id=actor.branch_id, competitor="", offer="")
        session.add(row)
    row.competitor = competitor.strip()[:100]
    row.offer = offer.strip()[:500]
    row.retention_steps = retention_steps.strip()[:1000]
    row.valid_until = valid_until
    row.updated_by_id = actor.staff_id
    session.flush()
    audit.record(session, actor, "competitor_offer.save", entity="competitor_offer", entity_id=row.id)
    return row.id


def delete_offer(session: Session, actor: Actor, offer_id: uuid.UUID) -> None:
    """Withdraw an entry (a tombstone, so the deletion reaches the other workstations)."""
    actor.require([Role.SUPERVISOR], "删除同业活动")
    row = session.get(CompetitorOffer, offer_id)
    if row is None or row.branch_id != actor.branch_id:
        raise errors.NotFound(what="该同业活动")
    row.deleted_at = utcnow()
    audit.record(session, actor, "competitor_offer.delete", entity="competitor_offer", entity_id=row.id)
