"""Configurable policies: firm-wide JSON rule sets with branch overrides and coded defaults."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.models import Policy

DEFAULTS: dict[str, dict[str, Any]] = {
    "auth": {
        "max_failed_logins": 5,
        "lock_minutes": 15,
        "min_password_length": 8,
    },
    "ui": {
        "idle_lock_minutes": 5,
    },
    "staffing": {
        "appointments_per_clerk_hour": 3,
        "first_hour": 9,
        "last_hour": 17,
    },
    "reception": {
        "check_in_early_minutes": 60,
        "check_in_late_minutes": 30,
    },
    # workstation/services/retention.py (issue 17): days until a prospect without an account is
    # anonymised, days until an appointment's/visit's personal data is removed, years printed
    # document data is kept (legal minimum 20).
    "retention": {
        "prospect_days": 365,
        "appointment_days": 180,
        "printed_document_years": 20,
    },
}


def get_policy(session: Session, key: str, branch_id: uuid.UUID | None = None) -> dict[str, Any]:
    """The policy ``key``: coded defaults, overlaid by the firm-wide row, then the branch's row."""
    merged = dict(DEFAULTS.get(key, {}))
    rows = session.scalars(
        sa.select(Policy)
        .where(Policy.key == key, Policy.deleted_at.is_(None))
        .where(sa.or_(Policy.branch_id.is_(None), Policy.branch_id == branch_id))
    ).all()
    for row in sorted(rows, key=lambda r: r.branch_id is not None):
        merged.update(row.value)
    return merged
