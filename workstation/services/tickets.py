"""Tickets (号票): numbering per line and business day, and the walk-in ticket.

Ticket numbers are safe when two PCs issue at once: SQLite serialises writers (``BEGIN
IMMEDIATE``); on PostgreSQL numbering takes a transaction advisory lock per line and day.
"""

from __future__ import annotations

import uuid
import zlib
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import business_date, utcnow
from workstation.domain import Role, ServiceLine, VisitStatus
from workstation.models import Visit
from workstation.services import audit
from workstation.services.actor import Actor

RECEPTION_ROLES = (Role.RECEPTION, Role.CLERK, Role.SUPERVISOR)
COUNTER_ROLES = (Role.CLERK, Role.SUPERVISOR, Role.REVIEWER)


@dataclass(frozen=True)
class Ticket:
    """A visit's ticket as screens and the slip printer see it."""

    visit_id: uuid.UUID
    label: str
    service_line: ServiceLine
    status: VisitStatus
    client_name: str
    issued_at: datetime
    waiting_ahead: int
    punctuality: str = ""


def lock_line(session: Session, branch_id: uuid.UUID, day: date, line: ServiceLine) -> None:
    """Serialise ticket numbering for one line and day (SQLite's BEGIN IMMEDIATE already does)."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"{branch_id}:{day}:{line.value}".encode()) - 2**31
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


def next_ticket_no(session: Session, branch_id: uuid.UUID, day: date, line: ServiceLine) -> int:
    lock_line(session, branch_id, day, line)
    highest = session.scalar(
        sa.select(sa.func.max(Visit.ticket_no)).where(
            Visit.branch_id == branch_id, Visit.business_date == day, Visit.service_line == line
        )
    )
    return int(highest or 0) + 1


def waiting_ahead(session: Session, visit: Visit) -> int:
    return int(
        session.scalar(
            sa.select(sa.func.count()).where(
                Visit.branch_id == visit.branch_id,
                Visit.business_date == visit.business_date,
                Visit.service_line == visit.service_line,
                Visit.status == VisitStatus.WAITING,
                Visit.issued_at < visit.issued_at,
            )
        )
        or 0
    )


def ticket_of(session: Session, visit: Visit) -> Ticket:
    return Ticket(
        visit_id=visit.id,
        label=visit.ticket_label,
        service_line=visit.service_line,
        status=visit.status,
        client_name=visit.client_name,
        issued_at=visit.issued_at,
        waiting_ahead=waiting_ahead(session, visit),
        punctuality=visit.punctuality,
    )


def new_visit(
    session: Session, actor: Actor, line: ServiceLine, now: datetime, *, client_name: str = "", mobile: str = ""
) -> Visit:
    day = business_date(now)
    number = next_ticket_no(session, actor.branch_id, day, line)
    visit = Visit(
        branch_id=actor.branch_id,
        business_date=day,
        service_line=line,
        ticket_no=number,
        ticket_label=f"{line.value}{number:03d}",
        client_name=client_name,
        mobile=mobile,
        issued_at=now,
        issued_by_id=actor.staff_id,
    )
    session.add(visit)
    return visit


def issue_walk_in(
    session: Session, actor: Actor, line: ServiceLine, *, client_name: str = "", mobile: str = ""
) -> Ticket:
    """Give a walk-in client a ticket for ``line``."""
    actor.require(RECEPTION_ROLES, "取号")
    if line is ServiceLine.TELESALES:
        raise errors.PermissionDenied(role=actor.role_label, action="现场客户领取电销预约号")
    visit = new_visit(session, actor, line, utcnow(), client_name=client_name.strip()[:60], mobile=mobile.strip())
    session.flush()
    audit.record(session, actor, "reception.walk_in", entity="visit", entity_id=visit.id, ticket=visit.ticket_label)
    return ticket_of(session, visit)
