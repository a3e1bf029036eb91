"""The queue at the counters: call next, recall, skip, transfer, serve, finish; the live list.

"Call next" is safe when two counters press at once: the candidate row is claimed with
``FOR UPDATE SKIP LOCKED`` on PostgreSQL (SQLite serialises writers), so a client is called by
exactly one counter.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import business_date, utcnow
from workstation.domain import AppointmentStatus, Role, ServiceLine, VisitOutcome, VisitStatus
from workstation.models import Appointment, Counter, Visit
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.tickets import COUNTER_ROLES, Ticket, next_ticket_no, ticket_label, ticket_of


def call_next(session: Session, actor: Actor, counter_id: uuid.UUID) -> Ticket:
    """Call the next waiting client for the lines ``counter_id`` serves, in its priority order.

    Safe when two counters press at once: a client is claimed by exactly one counter.

    Raises:
        NoTicketToCall: nobody is waiting for these lines.
    """
    actor.require(COUNTER_ROLES, "叫号")
    counter = session.get(Counter, counter_id)
    if counter is None or counter.branch_id != actor.branch_id:
        raise errors.NotFound(what="该柜台")
    today = business_date()
    for code in counter.service_lines:
        candidate = session.scalars(
            sa.select(Visit)
            .where(
                Visit.branch_id == actor.branch_id,
                Visit.business_date == today,
                Visit.service_line == ServiceLine(code),
                Visit.status == VisitStatus.WAITING,
            )
            .order_by(Visit.issued_at, Visit.ticket_no)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if candidate is None:
            continue
        candidate.status = VisitStatus.CALLED
        candidate.called_at = utcnow()
        candidate.counter_id = counter.id
        candidate.served_by_id = actor.staff_id
        candidate.call_count += 1
        session.flush()
        audit.record(session, actor, "reception.call", entity="visit", entity_id=candidate.id, counter=counter.number)
        return ticket_of(session, candidate)
    raise errors.NoTicketToCall()


def own_visit(session: Session, actor: Actor, visit_id: uuid.UUID) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.branch_id != actor.branch_id:
        raise errors.NotFound(what="该号票")
    return visit


def start_service(session: Session, actor: Actor, visit_id: uuid.UUID) -> Ticket:
    """The called client has arrived at the counter."""
    actor.require(COUNTER_ROLES, "开始办理")
    visit = own_visit(session, actor, visit_id)
    visit.status = VisitStatus.SERVING
    visit.started_at = utcnow()
    audit.record(session, actor, "reception.start", entity="visit", entity_id=visit.id)
    session.flush()
    return ticket_of(session, visit)


def finish_visit(session: Session, actor: Actor, visit_id: uuid.UUID, outcome: VisitOutcome | None) -> Ticket:
    """Close a visit. An outcome is required (account opened, consultation only, …)."""
    actor.require(COUNTER_ROLES, "结束办理")
    if outcome is None:
        raise errors.OutcomeRequired()
    visit = own_visit(session, actor, visit_id)
    now = utcnow()
    visit.status = VisitStatus.DONE
    visit.outcome = outcome
    visit.finished_at = now
    visit.started_at = visit.started_at or visit.called_at or now
    if visit.appointment_id:
        appointment = session.get(Appointment, visit.appointment_id)
        if appointment is not None and appointment.status is AppointmentStatus.CHECKED_IN:
            appointment.status = AppointmentStatus.SERVED
            appointment.status_changed_at = now
    audit.record(session, actor, "reception.finish", entity="visit", entity_id=visit.id, outcome=outcome.value)
    session.flush()
    return ticket_of(session, visit)


def recall(session: Session, actor: Actor, visit_id: uuid.UUID) -> Ticket:
    """Call a called-but-absent client again (counts the calls)."""
    actor.require(COUNTER_ROLES, "重呼")
    visit = own_visit(session, actor, visit_id)
    if visit.status is not VisitStatus.CALLED:
        raise errors.AppointmentClosed(status=visit.status.label)
    visit.call_count += 1
    visit.called_at = utcnow()
    audit.record(session, actor, "reception.recall", entity="visit", entity_id=visit.id, calls=visit.call_count)
    session.flush()
    return ticket_of(session, visit)


def skip_no_show(session: Session, actor: Actor, visit_id: uuid.UUID) -> Ticket:
    """The called client did not come to the counter: close the ticket as 过号 (left before service)."""
    actor.require(COUNTER_ROLES, "过号")
    visit = own_visit(session, actor, visit_id)
    if visit.status not in (VisitStatus.CALLED, VisitStatus.WAITING):
        raise errors.AppointmentClosed(status=visit.status.label)
    visit.status = VisitStatus.NO_SHOW
    visit.outcome = VisitOutcome.LEFT
    visit.finished_at = utcnow()
    audit.record(session, actor, "reception.skip", entity="visit", entity_id=visit.id)
    session.flush()
    return ticket_of(session, visit)


def transfer(session: Session, actor: Actor, visit_id: uuid.UUID, line: ServiceLine) -> Ticket:
    """Move a ticket to another line; the client keeps their place (ordered by first issue time)."""
    actor.require((*COUNTER_ROLES, Role.RECEPTION), "转队列")
    visit = own_visit(session, actor, visit_id)
    if visit.status in (VisitStatus.DONE, VisitStatus.NO_SHOW):
        raise errors.AppointmentClosed(status=visit.status.label)
    if visit.service_line is line:
        return ticket_of(session, visit)
    number = next_ticket_no(session, actor.branch_id, visit.business_date, line)
    old_label = visit.ticket_label
    visit.service_line = line
    visit.ticket_no = number
    visit.ticket_label = ticket_label(line, number)
    visit.status = VisitStatus.WAITING
    visit.counter_id = None
    visit.served_by_id = None
    audit.record(
        session, actor, "reception.transfer", entity="visit", entity_id=visit.id, old=old_label, new=visit.ticket_label
    )
    session.flush()
    return ticket_of(session, visit)


@dataclass(frozen=True)
class QueueEntry:
    """A row of the live waiting list."""

    visit_id: uuid.UUID
    label: str
    service_line: ServiceLine
    status: VisitStatus
    client_name: str
    issued_at: datetime
    called_at: datetime | None
    counter_name: str
    punctuality: str
    from_appointment: bool


def queue(session: Session, branch_id: uuid.UUID, day: date | None = None) -> list[QueueEntry]:
    """Today's open tickets (waiting, called, being served), telesales line first, then by issue time."""
    day = day or business_date()
    rows = session.execute(
        sa.select(Visit, Counter.name)
        .outerjoin(Counter, Counter.id == Visit.counter_id)
        .where(
            Visit.branch_id == branch_id,
            Visit.business_date == day,
            Visit.status.in_([VisitStatus.WAITING, VisitStatus.CALLED, VisitStatus.SERVING]),
        )
    ).all()
    entries = [
        QueueEntry(
            visit.id,
            visit.ticket_label,
            visit.service_line,
            visit.status,
            visit.client_name,
            visit.issued_at,
            visit.called_at,
            counter_name or "",
            visit.punctuality,
            visit.appointment_id is not None,
        )
        for visit, counter_name in rows
    ]
    return sorted(entries, key=lambda e: (e.service_line is not ServiceLine.TELESALES, e.issued_at))
