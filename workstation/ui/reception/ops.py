"""The reception screens' background operations: each opens its own session and returns plain data.

Every function here runs on a task-runner worker (``context.tasks.run(lambda: ops.x(...))``) and
never touches a widget; tickets, check-in and the counters' calls go through the branch queue
(:func:`workstation.services.runtime.for_store`: the central database when it is configured
and reachable, else this PC's own database and offline numbers). Results are frozen dataclasses
or plain values, safe to hand to the GUI thread. No Qt is imported here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from workstation import errors
from workstation.clock import business_date
from workstation.domain import ServiceLine, VisitOutcome
from workstation.forms.identity import check_mobile
from workstation.idcard.card import IdCard
from workstation.models import Campaign, Counter, Staff, Workstation
from workstation.services import appointments, queue, reception, runtime, staffing
from workstation.services.actor import Actor
from workstation.services.appointments import AppointmentRequest, ImportReport
from workstation.services.queue import QueueEntry
from workstation.services.reception import AppointmentMatch, CheckInResult
from workstation.services.staffing import HourLoad, OfferView
from workstation.services.tickets import Ticket
from workstation.store import Store


@dataclass(frozen=True)
class CounterChoice:
    counter_id: uuid.UUID
    number: int
    name: str
    service_lines: tuple[ServiceLine, ...]
    is_telesales: bool


@dataclass(frozen=True)
class CounterSetup:
    counters: tuple[CounterChoice, ...]
    workstation_counter_id: uuid.UUID | None
    """The counter this PC is configured for (may be empty: the clerk chooses)."""


@dataclass(frozen=True)
class CampaignChoice:
    campaign_id: uuid.UUID
    code: str
    name: str


@dataclass(frozen=True)
class StaffChoice:
    staff_no: str
    name: str


@dataclass(frozen=True)
class Booked:
    """A booking as the dialog confirms it."""

    code: str
    client_name: str
    slot_start: datetime


# --- check-in and tickets -----------------------------------------------------------------------


def search(store: Store, branch_id: uuid.UUID, text: str) -> list[AppointmentMatch]:
    with store.read() as session:
        return reception.find_appointments(session, branch_id, text)


def appointments_for_card(store: Store, actor: Actor, card: IdCard, today: date) -> list[AppointmentMatch]:
    from workstation.services.idcard import appointments_for_card

    with store.read() as session:
        return appointments_for_card(session, actor, card, today=today)


def check_in(store: Store, actor: Actor, appointment_id: uuid.UUID) -> CheckInResult:
    return runtime.for_store(store).queue.check_in(actor, appointment_id)


def serve_as_walk_in(store: Store, actor: Actor, appointment_id: uuid.UUID) -> Ticket:
    return runtime.for_store(store).queue.serve_as_walk_in(actor, appointment_id)


def walk_in(store: Store, actor: Actor, line: ServiceLine, client_name: str = "", mobile: str = "") -> Ticket:
    """A walk-in ticket; an optional mobile is validated first (ValidationError if wrong)."""
    number = check_mobile(mobile).number if mobile.strip() else ""
    if client_name.strip():
        client_name = appointments.check_client_name(client_name)
    return runtime.for_store(store).queue.issue_walk_in(actor, line, client_name=client_name, mobile=number)


def load_queue(store: Store, branch_id: uuid.UUID) -> list[QueueEntry]:
    with store.read() as session:
        return queue.queue(session, branch_id)


def load_today(store: Store, branch_id: uuid.UUID, day: date | None = None) -> list[AppointmentMatch]:
    with store.read() as session:
        return reception.todays_appointments(session, branch_id, day)


def sweep_no_shows(store: Store, actor: Actor, day: date | None = None) -> int:
    with store.write() as session:
        return reception.sweep_no_shows(session, actor, day or business_date())


# --- counters -----------------------------------------------------------------------------------


def counter_setup(store: Store, branch_id: uuid.UUID, workstation_id: uuid.UUID | None) -> CounterSetup:
    with store.read() as session:
        rows = session.scalars(
            sa.select(Counter)
            .where(Counter.branch_id == branch_id, Counter.active.is_(True), Counter.deleted_at.is_(None))
            .order_by(Counter.number)
        ).all()
        mine = session.get(Workstation, workstation_id) if workstation_id else None
        choices = tuple(
            CounterChoice(
                row.id,
                row.number,
                row.name,
                tuple(ServiceLine(code) for code in row.service_lines if code in ServiceLine._value2member_map_),
                row.is_telesales,
            )
            for row in rows
        )
        return CounterSetup(choices, mine.counter_id if mine else None)


def call_next(store: Store, actor: Actor, counter_id: uuid.UUID) -> Ticket:
    return runtime.for_store(store).queue.call_next(actor, counter_id)


def recall(store: Store, actor: Actor, visit_id: uuid.UUID) -> Ticket:
    return runtime.for_store(store).queue.recall(actor, visit_id)


def skip(store: Store, actor: Actor, visit_id: uuid.UUID) -> Ticket:
    return runtime.for_store(store).queue.skip(actor, visit_id)


def transfer(store: Store, actor: Actor, visit_id: uuid.UUID, line: ServiceLine) -> Ticket:
    return runtime.for_store(store).queue.transfer(actor, visit_id, line)


def start_service(store: Store, actor: Actor, visit_id: uuid.UUID) -> Ticket:
    return runtime.for_store(store).queue.start_service(actor, visit_id)


def finish(store: Store, actor: Actor, visit_id: uuid.UUID, outcome: VisitOutcome | None) -> Ticket:
    return runtime.for_store(store).queue.finish(actor, visit_id, outcome)


# --- appointments -------------------------------------------------------------------------------


def campaigns(store: Store, branch_id: uuid.UUID, day: date | None = None) -> list[CampaignChoice]:
    """Active campaigns of this branch (or firm-wide) running on ``day``."""
    day = day or business_date()
    with store.read() as session:
        rows = session.scalars(
            sa.select(Campaign)
            .where(
                Campaign.active.is_(True),
                Campaign.deleted_at.is_(None),
                sa.or_(Campaign.branch_id.is_(None), Campaign.branch_id == branch_id),
                Campaign.ends_on >= day,
            )
            .order_by(Campaign.code)
        ).all()
        return [CampaignChoice(row.id, row.code, row.name) for row in rows]


def book(store: Store, actor: Actor, branch_id: uuid.UUID, request: AppointmentRequest) -> Booked:
    with store.write() as session:
        row = appointments.book(session, actor, branch_id, request)
        return Booked(row.code, row.client_name, row.slot_start)


def read_table(path: Path) -> list[dict[str, str]]:
    """:func:`appointments.read_table`, with a damaged XLSX (not a zip archive) reported like any
    unreadable file instead of escaping as ``BadZipFile`` (the service catches only OSError/ValueError)."""
    import zipfile

    try:
        return appointments.read_table(path)
    except zipfile.BadZipFile as exc:
        raise errors.ValidationError(
            [errors.FieldProblem("file", f"无法读取文件：{exc}", f"Cannot read the file: {exc}")]
        ) from exc


def import_file(store: Store, branch_id: uuid.UUID, path: Path, *, from_line: int = 0) -> ImportReport:
    """Read the call centre's export (outside any transaction), then import it in one write
    (``from_line``: the next part of a file over the row limit)."""
    rows = read_table(path)
    with store.write() as session:
        return appointments.import_appointments(session, branch_id, rows, from_line=from_line)


# --- competitor offers and staffing -------------------------------------------------------------


def offers(store: Store, branch_id: uuid.UUID) -> list[OfferView]:
    with store.read() as session:
        return staffing.list_offers(session, branch_id, today=business_date())


def save_offer(
    store: Store,
    actor: Actor,
    *,
    competitor: str,
    offer: str,
    retention_steps: str,
    valid_until: date | None,
    offer_id: uuid.UUID | None,
) -> uuid.UUID:
    with store.write() as session:
        return staffing.save_offer(
            session, actor, competitor=competitor, offer=offer, retention_steps=retention_steps,
            valid_until=valid_until, offer_id=offer_id,
        )  # fmt: skip


def delete_offer(store: Store, actor: Actor, offer_id: uuid.UUID) -> None:
    with store.write() as session:
        staffing.delete_offer(session, actor, offer_id)


def hourly_load(store: Store, branch_id: uuid.UUID, first: date, days: int) -> list[HourLoad]:
    with store.read() as session:
        return staffing.hourly_load(session, branch_id, first, days)


def branch_staff(store: Store, branch_id: uuid.UUID) -> list[StaffChoice]:
    with store.read() as session:
        rows = session.execute(
            sa.select(Staff.staff_no, Staff.name)
            .where(Staff.branch_id == branch_id, Staff.active.is_(True))
            .order_by(Staff.staff_no)
        ).all()
        return [StaffChoice(no, name) for no, name in rows]


def add_overtime(store: Store, actor: Actor, staff_no: str, starts_at: datetime, ends_at: datetime, note: str) -> None:
    from workstation.domain import DutyKind

    with store.write() as session:
        staffing.add_shift(session, actor, staff_no, starts_at, ends_at, DutyKind.OVERTIME, note)
