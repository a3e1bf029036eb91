"""This workstation's slip printer: kept in the local database (``sync_state`` row :data:`KEY`).

Per workstation, not per Windows user (like the central settings, :mod:`workstation.sync.settings`):
the printer is cabled to the PC. :func:`print_slip` is what the ticket and gift screens call (on a
worker thread): encode, send, and say where it went.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from workstation.domain import Role
from workstation.models import SyncState
from workstation.printing.thermal import (
    Slip,
    SlipMode,
    ThermalTarget,
    encode,
    gift_receipt_slip,
    send,
    ticket_slip,
)
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.store import Store

if TYPE_CHECKING:
    from workstation.services.tickets import Ticket

KEY = "thermal_printer"
MANAGERS = (Role.SUPERVISOR, Role.ADMIN)


def load_target(store: Store) -> tuple[ThermalTarget, SlipMode]:
    """The configured slip printer and Chinese mode (``none``/``auto`` before any was saved)."""
    with store.read() as session:
        state = session.get(SyncState, KEY)
        value = dict(state.value) if state else {}
    try:
        return ThermalTarget.parse(str(value.get("target", "none"))), SlipMode(value.get("mode", "auto"))
    except ValueError:
        return ThermalTarget(), SlipMode.AUTO


def save_target(store: Store, actor: Actor | None, target: str, mode: str = "auto") -> ThermalTarget:
    """Validate and save the slip printer (``actor`` None: the command line, run by the PC's admin).

    Raises:
        ThermalTargetInvalid: ``target`` is not a printer address. PermissionDenied: not a manager.
    """
    if actor is not None:
        actor.require(MANAGERS, "设置小票打印机")
    parsed, chosen = ThermalTarget.parse(target), SlipMode(mode)
    with store.write() as session:
        state = session.get(SyncState, KEY) or SyncState(key=KEY, value={})
        state.value = {"target": str(parsed), "mode": chosen.value}
        session.add(state)
        if actor is not None:
            audit.record(session, actor, "print.thermal_settings", entity="sync_state", target=str(parsed))
    return parsed


def print_slip(store: Store, slip: Slip, *, title: str) -> str:
    """Print ``slip`` on this workstation's slip printer; returns the job reference.

    Raises:
        ThermalNotConfigured: no slip printer set (the caller falls back to the A4/A5 printer).
        ThermalUnreachable, PrintError: the printer or queue did not take it.
    """
    target, mode = load_target(store)
    return send(encode(slip, mode), target, title=title)


def configured(store: Store) -> bool:
    """Whether this workstation has a slip printer (else slips go through the A4/A5 dialog)."""
    return load_target(store)[0].kind != "none"


def ticket_slip_for(store: Store, ticket: Ticket) -> Slip:
    """The thermal slip of a queue ticket: branch, the number 4× large, line, time, people ahead, QR."""
    from workstation.clock import local
    from workstation.models import Branch, Visit

    with store.read() as session:
        visit = session.get(Visit, ticket.visit_id)
        branch = session.get(Branch, visit.branch_id) if visit else None
    line = ticket.service_line
    return ticket_slip(
        branch.name if branch else "",
        ticket.label,
        getattr(line, "label", str(line)),
        f"{local(ticket.issued_at):%Y-%m-%d %H:%M}",
        ticket.waiting_ahead,
        qr=f"ticket:{ticket.label}:{ticket.visit_id.hex}",
    )


def print_ticket(store: Store, ticket: Ticket) -> str:
    """Print a queue ticket on the slip printer (worker thread); returns the job reference.

    Raises:
        ThermalNotConfigured: no slip printer set. ThermalUnreachable, PrintError: it did not take it.
    """
    return print_slip(store, ticket_slip_for(store, ticket), title=f"号票 {ticket.label}")


def print_gift_receipt(store: Store, actor: Actor, issue_id: uuid.UUID, reviewer_id: uuid.UUID, doc_no: str) -> str:
    """Print the client's 礼品领取凭条 of a gift issue on the slip printer; returns the job reference."""
    from workstation.models import GiftIssue, Staff
    from workstation.services import gifts_receipt

    with store.read() as session:
        row = session.get(GiftIssue, issue_id)
        reviewer = session.get(Staff, reviewer_id)
        if row is None or reviewer is None:
            from workstation import errors

            raise errors.NotFound(what="该礼品发放记录")
        data = gifts_receipt.receipt_data(session, actor, row, reviewer)
    return print_slip(store, gift_receipt_slip(data, doc_no), title=f"礼品凭条 {doc_no}")
