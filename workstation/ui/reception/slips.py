"""Printing from reception: the queue ticket slip, the appointment confirmation with directions,
and the branch's directions slip (到店指引) printed on demand.

The form data is built and the document stored (numbered, rendered) by
:func:`workstation.services.documents.create_document` in a write task; the shared
preview/print dialog (:mod:`workstation.ui.printing`) then previews it and prints it off the GUI
thread. Only reception, clerks and supervisors print at the branch, so only they see the print
buttons (telesales agents may create the confirmation and directions documents, not print them).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from workstation.clock import local, utcnow
from workstation.domain import Role
from workstation.models import Appointment, Branch, Staff
from workstation.services.tickets import Ticket
from workstation.store import Store

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from workstation.services.actor import Actor
    from workstation.ui.context import SessionContext

PRINT_ROLES = (Role.RECEPTION, Role.CLERK, Role.SUPERVISOR)
TICKET_NOTE = "请留意叫号屏幕与广播，过号请重新取号。"
BRING = ("本人有效身份证件原件", "本人名下银行卡", "预约短信或本确认单")
PURPOSE_BRING = {"transfer_in": ("原证券公司股东账户信息",)}


def _parking(transit: list[str]) -> tuple[list[str], str]:
    """The branch keeps parking among its transit lines ("自驾：…"); the slip has its own field."""
    routes = [line for line in transit if not line.startswith("自驾")]
    parking = next((line.split("：", 1)[-1] for line in transit if line.startswith("自驾")), "")
    return routes or transit, parking


def ticket_data(branch_name: str, ticket: Ticket) -> dict[str, Any]:
    return {
        "doc_no": "",
        "branch": branch_name,
        "ticket": ticket.label,
        "service_line": ticket.service_line.value,
        "waiting_ahead": ticket.waiting_ahead,
        "estimated_wait": ticket.estimated_minutes or None,
        "issued_at": local(ticket.issued_at).strftime("%Y-%m-%d %H:%M"),
        "client_name": ticket.client_name,
        "note": TICKET_NOTE,
    }


def directions_data(branch: Branch, appointment: Appointment, agent: Staff | None) -> dict[str, Any]:
    start, end = local(appointment.slot_start), local(appointment.slot_end)
    half = "上午" if start.hour < 12 else "下午"
    transit, parking = _parking(list(branch.transit))
    return {
        "doc_no": "",
        "branch": branch.name,
        "client_name": appointment.client_name,
        "appointment_code": appointment.code,
        "purpose": appointment.purpose.label,
        "appointment_at": f"{start:%Y-%m-%d} {half} {start:%H:%M}–{end:%H:%M}",
        "agent": f"{agent.name}（{agent.staff_no}）" if agent else "",
        "branch_address": branch.address,
        "hotline": branch.phone,
        "hours": branch.opening_hours,
        "landmarks": list(branch.landmarks),
        "transit": transit,
        "parking": parking,
        "bring": [*BRING, *PURPOSE_BRING.get(appointment.purpose.value, ())],
    }


def branch_directions_data(branch: Branch) -> dict[str, Any]:
    """The directions slip of ``branch``: where it is and how to get there (no appointment needed)."""
    return {
        "doc_no": "",
        "branch": branch.name,
        "branch_address": branch.address,
        "postcode": branch.postcode,
        "phone": branch.phone,
        "hours": branch.opening_hours,
        "landmarks": list(branch.landmarks),
        "transit": list(branch.transit),
        "printed_at": local(utcnow()).strftime("%Y-%m-%d %H:%M"),
    }


def store_branch_directions(store: Store, actor: Actor) -> uuid.UUID:
    """Number and store the directions slip of the actor's branch; returns the document id (worker)."""
    from workstation import errors
    from workstation.services import documents

    with store.write() as session:
        branch = session.get(Branch, actor.branch_id)
        if branch is None:
            raise errors.NotFound(what="本营业部")
        return documents.create_document(session, actor, "directions", branch_directions_data(branch)).document_id


def store_ticket_slip(store: Store, actor: Actor, ticket: Ticket) -> uuid.UUID:
    """Number and store the ticket slip; returns the document id (runs on a worker)."""
    from workstation.services import documents

    with store.write() as session:
        branch = session.get(Branch, actor.branch_id)
        data = ticket_data(branch.name if branch else "", ticket)
        return documents.create_document(session, actor, "queue-ticket", data, visit_id=ticket.visit_id).document_id


def store_directions_slip(store: Store, actor: Actor, appointment_id: uuid.UUID) -> uuid.UUID:
    """Number and store the appointment confirmation with the directions; returns the document id."""
    from workstation import errors
    from workstation.services import documents

    with store.write() as session:
        appointment = session.get(Appointment, appointment_id)
        if appointment is None:
            raise errors.NotFound(what="该预约")
        branch = session.get(Branch, appointment.branch_id)
        if branch is None:
            raise errors.NotFound(what="预约的营业部")
        agent = session.get(Staff, appointment.telesales_agent_id) if appointment.telesales_agent_id else None
        data = directions_data(branch, appointment, agent)
        return documents.create_document(
            session, actor, "appointment", data, client_id=appointment.client_id
        ).document_id


def print_ticket(context: SessionContext, ticket: Ticket, parent: QWidget, on_sent: Any = None) -> None:
    """A ticket straight to this workstation's 80 mm slip printer when one is set (no dialog),
    otherwise stored as a document and previewed (:func:`print_stored`). ``on_sent(job_ref)``
    is called after a slip printer took it."""
    from workstation.printing import thermal_settings

    store, actor = context.store, context.actor

    def work() -> str | None:
        if not thermal_settings.configured(store):
            return None
        return thermal_settings.print_ticket(store, ticket)

    def done(job_ref: str | None) -> None:
        if job_ref is None:
            print_stored(context, lambda: store_ticket_slip(store, actor, ticket), parent)
        elif on_sent is not None:
            on_sent(job_ref)

    context.tasks.run(work, on_success=done, on_failure=lambda exc: context.presenter.show(exc, parent), owner=parent)


def print_stored(context: SessionContext, make: Any, parent: QWidget) -> None:
    """Store a document with ``make()`` in a write task, then open the shared preview/print dialog."""

    def opened(document_id: uuid.UUID) -> None:
        from workstation.ui.printing import preview_and_print

        preview_and_print(context, document_id, parent)

    context.tasks.run(make, on_success=opened, on_failure=lambda exc: context.presenter.show(exc, parent),
                      writes=True, owner=parent)  # fmt: skip
