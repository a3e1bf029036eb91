"""What the counter does with a card read from the reader: audit it, find the client's appointment.

Reading a card is audited with the number masked (who read which card, for what). At reception a
card on the reader checks the client in: the appointment is found by the client's ID number (an
appointment linked to a client of this branch with that number), then by that client's mobile.
"""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.idcard.card import IdCard
from workstation.models import Appointment, Client
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.reception import AppointmentMatch, find_appointments


def record_read(session: Session, actor: Actor, card: IdCard, purpose: str, *, expiring: bool = False) -> None:
    """Audit one read (``purpose``: "identity", "check_in"…); no personal data in clear."""
    audit.record(
        session,
        actor,
        "idcard.read",
        purpose=purpose,
        id_type=card.id_type.value,
        id_number=card.masked(),
        long_term=card.long_term,
        expiring=expiring,
    )


def appointments_for_card(session: Session, actor: Actor, card: IdCard, *, today: date) -> list[AppointmentMatch]:
    """The appointments of the card's holder, today's at this branch first; empty when none.

    Matched by the ID number (appointments linked to the branch's client with it), then by that
    client's mobile (appointments the call centre booked before the client was known here).
    """
    clients = session.execute(
        sa.select(Client.id, Client.mobile).where(
            Client.branch_id == actor.branch_id,
            Client.id_type == card.id_type.value,
            Client.id_number == card.id_number,
            Client.deleted_at.is_(None),
        )
    ).all()
    if not clients:
        return []
    client_ids: set[uuid.UUID] = {row.id for row in clients}
    codes = session.scalars(
        sa.select(Appointment.code).where(Appointment.client_id.in_(client_ids), Appointment.deleted_at.is_(None))
    ).all()
    keys = [*codes, *sorted({row.mobile for row in clients if row.mobile})]  # by ID number first, then mobile
    found: dict[uuid.UUID, AppointmentMatch] = {}
    for key in keys:
        for match in find_appointments(session, actor.branch_id, key, today=today):
            found.setdefault(match.appointment_id, match)
    return sorted(found.values(), key=lambda m: (not m.at_this_branch, not m.is_today))
