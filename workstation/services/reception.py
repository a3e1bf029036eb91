"""Reception: find an arriving client's appointment, check it in, end-of-day no-shows.

Checking the same appointment in twice returns the existing ticket (and the database refuses a
second visit for one appointment). The visit of a check-in has an id derived from the
appointment's (:func:`check_in_visit_id`), so two PCs checking the same client in while offline
make one visit, not two that the central database would refuse. Tickets are numbered in
:mod:`workstation.services.tickets`; the counters' queue is :mod:`workstation.services.queue`;
across workstations both go through :mod:`workstation.services.branch_queue`.
"""

from __future__ import annotations

import enum
import re
import secrets
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation import errors
from workstation.clock import BRANCH_TZ, business_date, local, utcnow
from workstation.domain import AppointmentStatus, Purpose, Role, ServiceLine
from workstation.models import Appointment, Branch, Campaign, Staff, Visit
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.policy import get_policy
from workstation.services.tickets import RECEPTION_ROLES, Ticket, new_visit, ticket_of

APPOINTMENT_QR_PREFIX = "APPT:"
"""What the QR code on an appointment SMS/slip carries before the code; a scanner types it."""
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
CODE_LENGTH = 8
MAX_QUERY_LENGTH = 40
NAME_SEARCH_DAYS_BEFORE = 7
NAME_SEARCH_DAYS_AFTER = 30
PURPOSE_LINE = {
    Purpose.NEW_ACCOUNT: ServiceLine.NEW_ACCOUNT,
    Purpose.TRANSFER_IN: ServiceLine.TRANSFER_IN,
    Purpose.OTHER: ServiceLine.OTHER,
}


CHECK_IN_NAMESPACE = uuid.UUID("5f0c6f1e-8f53-4c1e-9a0b-3d2a7c4e9b10")


def check_in_visit_id(appointment_id: uuid.UUID) -> uuid.UUID:
    """The id of the visit an appointment's check-in makes: the same at every workstation."""
    return uuid.uuid5(CHECK_IN_NAMESPACE, appointment_id.hex)


def walk_in_visit_id(appointment_id: uuid.UUID, day: date) -> uuid.UUID:
    """The id of the walk-in visit an appointment turns into on ``day``: one ticket, however often asked."""
    return uuid.uuid5(CHECK_IN_NAMESPACE, f"walk-in:{appointment_id.hex}:{day.isoformat()}")


def new_appointment_code() -> str:
    """A random code such as ``K7M2Q9XA``; always holds a digit, so it never reads as pinyin."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if any(ch.isdigit() for ch in code) and any(ch.isalpha() for ch in code):
            return code


# --- parsing what the clerk typed ---------------------------------------------------------------


class QueryKind(enum.Enum):
    MOBILE = "mobile"
    MOBILE_TAIL = "mobile_tail"  # last four digits plus surname
    CODE = "code"
    PINYIN = "pinyin"
    NAME = "name"


@dataclass(frozen=True)
class SearchQuery:
    kind: QueryKind
    value: str
    surname: str = ""


def _is_han(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo" and "CJK" in unicodedata.name(ch, "")


def parse_search(text: str) -> SearchQuery:
    """Classify the check-in box's text.

    Raises:
        SearchTextInvalid: empty, too long, control characters, emoji or an unknown shape.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        raise errors.SearchTextInvalid(reason="内容为空")
    if len(cleaned) > MAX_QUERY_LENGTH:
        raise errors.SearchTextInvalid(reason=f"内容过长（最多 {MAX_QUERY_LENGTH} 个字符）")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in cleaned):
        raise errors.SearchTextInvalid(reason="含有控制字符")
    if any(unicodedata.category(ch) in ("So", "Sk") for ch in cleaned):
        raise errors.SearchTextInvalid(reason="含有表情或特殊符号")
    if cleaned.upper().startswith(APPOINTMENT_QR_PREFIX):
        code = cleaned[len(APPOINTMENT_QR_PREFIX) :].strip().upper()
        if re.fullmatch(r"[A-Z0-9]{4,12}", code):
            return SearchQuery(QueryKind.CODE, code)
        raise errors.SearchTextInvalid(reason="二维码内容不是有效的预约码")
    compact = re.sub(r"[\s\-]", "", cleaned)
    digits = re.sub(r"^(\+?86)(?=1\d{10}$)", "", compact)
    if re.fullmatch(r"1\d{10}", digits):
        return SearchQuery(QueryKind.MOBILE, digits)
    tail = re.fullmatch(r"(\d{4})(\w+)|(\w+?)(\d{4})", compact)
    if tail:
        number = tail.group(1) or tail.group(4)
        surname = tail.group(2) or tail.group(3)
        if surname and all(_is_han(ch) for ch in surname):
            return SearchQuery(QueryKind.MOBILE_TAIL, number, surname=surname)
    if re.fullmatch(r"[A-Za-z0-9]{4,12}", compact) and re.search(r"\d", compact) and re.search(r"[A-Za-z]", compact):
        return SearchQuery(QueryKind.CODE, compact.upper())
    if re.fullmatch(r"[A-Za-z]+", compact):
        return SearchQuery(QueryKind.PINYIN, compact.lower())
    if all(_is_han(ch) or ch in "·•." for ch in compact) and any(_is_han(ch) for ch in compact):
        return SearchQuery(QueryKind.NAME, compact.replace("•", "·").replace(".", "·"))
    raise errors.SearchTextInvalid(reason="格式无法识别")


# --- finding appointments -----------------------------------------------------------------------


@dataclass(frozen=True)
class AppointmentMatch:
    """One appointment as the reception screen lists it (plain data, safe across threads)."""

    appointment_id: uuid.UUID
    code: str
    client_name: str
    mobile: str
    purpose: Purpose
    slot_start: datetime
    slot_end: datetime
    status: AppointmentStatus
    branch_id: uuid.UUID
    branch_name: str
    agent_name: str
    campaign_name: str
    is_today: bool
    at_this_branch: bool


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=BRANCH_TZ)
    return start, start + timedelta(days=1)


def find_appointments(
    session: Session, branch_id: uuid.UUID, text: str, *, today: date | None = None, limit: int = 20
) -> list[AppointmentMatch]:
    """Appointments matching the check-in box's ``text``, today's at this branch first.

    A full mobile number or a code finds appointments at any branch on any day (so the clerk can
    say where and when); name, pinyin and "last four + surname" look at this branch around today.

    Raises:
        SearchTextInvalid: the text cannot be a search (see :func:`parse_search`).
    """
    query = parse_search(text)
    today = today or business_date()
    stmt = sa.select(Appointment).where(Appointment.deleted_at.is_(None))
    if query.kind is QueryKind.MOBILE:
        stmt = stmt.where(Appointment.mobile == query.value)
    elif query.kind is QueryKind.CODE:
        stmt = stmt.where(Appointment.code == query.value)
    else:
        first, _ = _day_bounds(today - timedelta(days=NAME_SEARCH_DAYS_BEFORE))
        _, last = _day_bounds(today + timedelta(days=NAME_SEARCH_DAYS_AFTER))
        stmt = stmt.where(
            Appointment.branch_id == branch_id, Appointment.slot_start >= first, Appointment.slot_start < last
        )
        if query.kind is QueryKind.MOBILE_TAIL:
            stmt = stmt.where(
                sa.func.substr(Appointment.mobile, sa.func.length(Appointment.mobile) - 3) == query.value,
                _prefix(Appointment.client_name, query.surname),
            )
        elif query.kind is QueryKind.PINYIN:
            stmt = stmt.where(
                sa.or_(_prefix(Appointment.pinyin_initials, query.value), _prefix(Appointment.pinyin_full, query.value))
            )
        else:
            stmt = stmt.where(_prefix(Appointment.client_name, query.value))
    rows = session.scalars(stmt.limit(500)).all()
    matches = _matches(session, rows, branch_id, today)
    matches.sort(key=lambda m: (not m.at_this_branch, not m.is_today, abs(local(m.slot_start).date() - today)))
    return matches[:limit]


def _prefix(column: InstrumentedAttribute[str], prefix: str) -> sa.ColumnElement[bool]:
    """``column`` starts with ``prefix`` as an index-friendly range (LIKE skips SQLite indexes)."""
    return sa.and_(column >= prefix, column < prefix + "\U0010ffff")


def _matches(
    session: Session, rows: Sequence[Appointment], branch_id: uuid.UUID, today: date
) -> list[AppointmentMatch]:
    """Describe appointments with their branch, agent and campaign names (one query per table)."""
    branches = _names(session, Branch, {row.branch_id for row in rows})
    agents = _names(session, Staff, {row.telesales_agent_id for row in rows if row.telesales_agent_id})
    campaigns = _names(session, Campaign, {row.campaign_id for row in rows if row.campaign_id})
    return [
        AppointmentMatch(
            appointment_id=row.id,
            code=row.code,
            client_name=row.client_name,
            mobile=row.mobile,
            purpose=row.purpose,
            slot_start=row.slot_start,
            slot_end=row.slot_end,
            status=row.status,
            branch_id=row.branch_id,
            branch_name=branches.get(row.branch_id, ""),
            agent_name=agents.get(row.telesales_agent_id, "") if row.telesales_agent_id else "",
            campaign_name=campaigns.get(row.campaign_id, "") if row.campaign_id else "",
            is_today=local(row.slot_start).date() == today,
            at_this_branch=row.branch_id == branch_id,
        )
        for row in rows
    ]


def _names(session: Session, model: type[Branch | Staff | Campaign], ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return {row_id: name for row_id, name in session.execute(sa.select(model.id, model.name).where(model.id.in_(ids)))}


@dataclass(frozen=True)
class CheckInResult:
    ticket: Ticket
    already_checked_in: bool


def check_in(
    session: Session, actor: Actor, appointment_id: uuid.UUID, *, now: datetime | None = None
) -> CheckInResult:
    """Check an appointment in and give it a telesales-line ticket, ahead of the walk-in queue.

    Checking in twice returns the existing ticket. Early or late arrivals beyond the policy's
    window are still served, flagged on the visit.

    Raises:
        AppointmentOtherBranch, AppointmentOtherDay, AppointmentCancelled, AppointmentClosed,
        NotFound, PermissionDenied.
    """
    actor.require(RECEPTION_ROLES, "预约签到")
    now = now or utcnow()
    appointment = session.scalars(
        sa.select(Appointment).where(Appointment.id == appointment_id).with_for_update()
    ).one_or_none()
    if appointment is None or appointment.deleted_at is not None:
        raise errors.NotFound(what="该预约")
    existing = session.scalars(sa.select(Visit).where(Visit.appointment_id == appointment.id)).one_or_none()
    if existing is not None:
        return CheckInResult(ticket_of(session, existing), already_checked_in=True)
    if appointment.branch_id != actor.branch_id:
        other = session.get(Branch, appointment.branch_id)
        raise errors.AppointmentOtherBranch(branch=other.name if other else "其他营业部")
    slot_day = local(appointment.slot_start).date()
    if slot_day != business_date(now):
        raise errors.AppointmentOtherDay(day=slot_day.isoformat())
    if appointment.status is AppointmentStatus.CANCELLED:
        when = local(appointment.status_changed_at).strftime("%m-%d %H:%M") if appointment.status_changed_at else ""
        raise errors.AppointmentCancelled(when=when)
    if appointment.status is not AppointmentStatus.BOOKED:
        raise errors.AppointmentClosed(status=appointment.status.label)
    window = get_policy(session, "reception", actor.branch_id)
    punctuality = ""
    if now < appointment.slot_start - timedelta(minutes=int(window["check_in_early_minutes"])):
        punctuality = "early"
    elif now > appointment.slot_end + timedelta(minutes=int(window["check_in_late_minutes"])):
        punctuality = "late"
    visit = new_visit(
        session, actor, ServiceLine.TELESALES, now, client_name=appointment.client_name, mobile=appointment.mobile,
        visit_id=check_in_visit_id(appointment.id),
    )  # fmt: skip
    visit.appointment_id = appointment.id
    visit.client_id = appointment.client_id
    visit.punctuality = punctuality
    appointment.status = AppointmentStatus.CHECKED_IN
    appointment.status_changed_at = now
    appointment.checked_in_at = now
    session.flush()
    audit.record(
        session, actor, "reception.check_in", entity="appointment", entity_id=appointment.id,
        ticket=visit.ticket_label, punctuality=punctuality,
    )  # fmt: skip
    return CheckInResult(ticket_of(session, visit), already_checked_in=False)


def sweep_no_shows(session: Session, actor: Actor, day: date) -> int:
    """End of day: appointments of ``day`` (or earlier) still only booked become no-shows.

    Returns how many were marked; they travel back to the call centre with the sync.
    """
    actor.require((Role.RECEPTION, Role.SUPERVISOR), "标记未到店")
    _, end = _day_bounds(day)
    now = utcnow()
    stale = session.scalars(
        sa.select(Appointment).where(
            Appointment.branch_id == actor.branch_id,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.slot_start < end,
            Appointment.deleted_at.is_(None),
        )
    ).all()
    for appointment in stale:
        appointment.status = AppointmentStatus.NO_SHOW
        appointment.status_changed_at = now
    if stale:
        audit.record(session, actor, "reception.no_show_sweep", day=day.isoformat(), count=len(stale))
    return len(stale)


def serve_as_walk_in(
    session: Session, actor: Actor, appointment_id: uuid.UUID, *, visit_id: uuid.UUID | None = None
) -> Ticket:
    """An appointment client who cannot be checked in (another day, cancelled…) queues as a walk-in
    for the appointment's purpose; the visit keeps the client's name and mobile. One appointment
    makes one walk-in ticket a day: asking again (a second click, another workstation) returns it."""
    actor.require(RECEPTION_ROLES, "转现场取号")
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise errors.NotFound(what="该预约")
    visit_id = walk_in_visit_id(appointment.id, business_date(utcnow()))
    if visit_id is not None and (existing := session.get(Visit, visit_id)) is not None:
        return ticket_of(session, existing)
    visit = new_visit(
        session, actor, PURPOSE_LINE[appointment.purpose], utcnow(),
        client_name=appointment.client_name, mobile=appointment.mobile, visit_id=visit_id,
    )  # fmt: skip
    visit.client_id = appointment.client_id
    session.flush()
    audit.record(
        session, actor, "reception.walk_in_from_appointment", entity="visit", entity_id=visit.id,
        appointment=appointment.code,
    )  # fmt: skip
    return ticket_of(session, visit)


def todays_appointments(session: Session, branch_id: uuid.UUID, day: date | None = None) -> list[AppointmentMatch]:
    """The day's appointments at this branch in slot order, with their status."""
    day = day or business_date()
    first, last = _day_bounds(day)
    rows = session.scalars(
        sa.select(Appointment)
        .where(
            Appointment.branch_id == branch_id,
            Appointment.slot_start >= first,
            Appointment.slot_start < last,
            Appointment.deleted_at.is_(None),
        )
        .order_by(Appointment.slot_start, Appointment.client_name)
    ).all()
    return _matches(session, rows, branch_id, day)
