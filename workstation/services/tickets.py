"""Tickets (号票): numbering per line and business day, and the walk-in ticket.

Ticket numbers are safe when two PCs issue at once in one database: SQLite serialises writers
(``BEGIN IMMEDIATE``); on PostgreSQL numbering takes a transaction advisory lock per line and day.
Workstations of a branch share that database through :mod:`workstation.services.branch_queue`
(the central one); numbers 1…9999 (labels ``A015``) are the branch's shared sequence.

A workstation that cannot reach the central database numbers in its own range instead, so two
PCs working offline never make the same number: ``number × 10000 + n`` (:data:`OFFLINE_BASE`),
labelled ``A-2-015`` (line, workstation number, n): the label itself tells the clerk and the
client that the ticket was issued offline. The branch queue asks for it by putting the
workstation number in ``session.info[OFFLINE_NUMBER_KEY]``.
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
from workstation.ids import new_id
from workstation.models import Visit
from workstation.services import audit
from workstation.services.actor import Actor

OFFLINE_BASE = 10_000
"""Offline numbers of workstation ``w`` are ``w × OFFLINE_BASE + n``; shared numbers stay below it."""
OFFLINE_NUMBER_KEY = "offline_workstation_number"
"""``session.info`` key: number tickets in this workstation's offline range (see the module doc)."""
LABEL_LENGTH = 8
"""``visit.ticket_label`` is a VARCHAR(8)."""
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
    offline: bool = False
    """Numbered in this workstation's offline range (label ``A-2-015``): the UI may flag it."""
    estimated_minutes: int = 0
    """Estimated wait until called (:func:`workstation.services.hall.estimate_for`), 0 when none ahead."""


def ticket_label(line: ServiceLine, number: int) -> str:
    """``A015`` for the branch's shared numbers, ``A-2-015`` for workstation 2's offline ones."""
    if number < OFFLINE_BASE:
        return f"{line.value}{number:03d}"
    workstation, n = divmod(number, OFFLINE_BASE)
    label = f"{line.value}-{workstation}-{n:03d}"
    return label if len(label) <= LABEL_LENGTH else f"{line.value}{workstation}-{n:03d}"[:LABEL_LENGTH]


def lock_line(session: Session, branch_id: uuid.UUID, day: date, line: ServiceLine) -> None:
    """Serialise ticket numbering for one line and day (SQLite's BEGIN IMMEDIATE already does)."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"{branch_id}:{day}:{line.value}".encode()) - 2**31
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


def next_ticket_no(session: Session, branch_id: uuid.UUID, day: date, line: ServiceLine) -> int:
    """The next number of ``line`` on ``day``: the shared sequence, or this workstation's offline
    range when ``session.info[OFFLINE_NUMBER_KEY]`` names a workstation number."""
    lock_line(session, branch_id, day, line)
    workstation = session.info.get(OFFLINE_NUMBER_KEY)
    low = int(workstation) * OFFLINE_BASE if workstation else 0
    highest = session.scalar(
        sa.select(sa.func.max(Visit.ticket_no)).where(
            Visit.branch_id == branch_id,
            Visit.business_date == day,
            Visit.service_line == line,
            Visit.ticket_no >= low,
            Visit.ticket_no < low + OFFLINE_BASE,
        )
    )
    return max(int(highest or 0), low) + 1


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
    from workstation.services.hall import estimate_for

    ahead = waiting_ahead(session, visit)
    return Ticket(
        visit_id=visit.id,
        label=visit.ticket_label,
        service_line=visit.service_line,
        status=visit.status,
        client_name=visit.client_name,
        issued_at=visit.issued_at,
        waiting_ahead=ahead,
        punctuality=visit.punctuality,
        offline=visit.ticket_no >= OFFLINE_BASE,
        estimated_minutes=estimate_for(session, visit.branch_id, visit.business_date, visit.service_line, ahead),
    )


def new_visit(
    session: Session,
    actor: Actor,
    line: ServiceLine,
    now: datetime,
    *,
    client_name: str = "",
    mobile: str = "",
    visit_id: uuid.UUID | None = None,
) -> Visit:
    """A numbered visit of ``line``; ``visit_id`` is the id made at the counter (else a new one)."""
    day = business_date(now)
    number = next_ticket_no(session, actor.branch_id, day, line)
    visit = Visit(
        id=visit_id or new_id(),
        branch_id=actor.branch_id,
        business_date=day,
        service_line=line,
        ticket_no=number,
        ticket_label=ticket_label(line, number),
        client_name=client_name,
        mobile=mobile,
        issued_at=now,
        issued_by_id=actor.staff_id,
    )
    session.add(visit)
    return visit


def issue_walk_in(
    session: Session,
    actor: Actor,
    line: ServiceLine,
    *,
    client_name: str = "",
    mobile: str = "",
    visit_id: uuid.UUID | None = None,
) -> Ticket:
    """Give a walk-in client a ticket for ``line``.

    ``visit_id`` (made at the counter) makes a retry idempotent: a visit with that id is returned
    as it is instead of numbering a second ticket.
    """
    actor.require(RECEPTION_ROLES, "取号")
    if line is ServiceLine.TELESALES:
        raise errors.PermissionDenied(role=actor.role_label, action="现场客户领取电销预约号")
    if visit_id is not None and (existing := session.get(Visit, visit_id)) is not None:
        return ticket_of(session, existing)
    visit = new_visit(
        session, actor, line, utcnow(), client_name=client_name.strip()[:60], mobile=mobile.strip(), visit_id=visit_id
    )
    session.flush()
    audit.record(session, actor, "reception.walk_in", entity="visit", entity_id=visit.id, ticket=visit.ticket_label)
    return ticket_of(session, visit)
