"""Writing the audit trail (过程留痕)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from workstation.models import AuditEvent
from workstation.services.actor import Actor


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    *,
    branch_id: uuid.UUID | None = None,
    entity: str = "",
    entity_id: uuid.UUID | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event to the caller's transaction. ``details`` must already be masked."""
    branch = branch_id or (actor.branch_id if actor else None)
    if branch is None:
        raise ValueError("an audit event needs a branch")
    event = AuditEvent(
        branch_id=branch,
        staff_id=actor.staff_id if actor else None,
        workstation_id=actor.workstation_id if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details,
    )
    session.add(event)
    return event
