"""The transactional outbox: every change to a pushed row queues a message in the same flush.

Installed once on the Session class, so no service can forget it: whatever a service inserts
or updates in a :class:`~workstation.models.Synced` table whose direction is PUSH or BOTH is
queued for the central database in the same transaction, with the full row as payload.
Rows being applied *from* the central database set ``session.info["applying_sync"]`` and are
not echoed back.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

from workstation.clock import utcnow
from workstation.domain import SyncDirection
from workstation.ids import new_id

OUTBOUND = (SyncDirection.PUSH, SyncDirection.BOTH)
_installed = False


def to_json(value: Any) -> Any:
    """A column value as JSON: UUIDs as hex, datetimes/dates as ISO text, enums as their codes."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def row_payload(obj: Any) -> dict[str, Any]:
    """Every column of a mapped object, JSON-ready, read without triggering a load."""
    state = sa.inspect(obj)
    values = state.dict
    return {
        attr.key: to_json(values.get(attr.key))
        for attr in state.mapper.column_attrs
        if attr.key in values or attr.key not in state.expired_attributes
    }


def _is_outbound(obj: Any) -> bool:
    return getattr(type(obj), "__sync__", SyncDirection.LOCAL) in OUTBOUND


def _queue_changes(session: Session, _flush: UOWTransaction) -> None:
    if session.info.get("applying_sync"):
        return
    from workstation.models.journal import OutboxMessage

    rows: list[dict[str, Any]] = []
    for op, objects in (("insert", session.new), ("update", session.dirty)):
        for obj in objects:
            if not _is_outbound(obj) or (op == "update" and not session.is_modified(obj)):
                continue
            payload = row_payload(obj)
            rows.append(
                {
                    "msg_id": new_id(),
                    "branch_id": getattr(obj, "branch_id", None),
                    "entity": type(obj).__tablename__,
                    "entity_id": obj.id,
                    "op": op,
                    "row_version": obj.version,
                    "payload": payload,
                    "created_at": utcnow(),
                }
            )
    if rows:
        session.connection().execute(sa.insert(OutboxMessage), rows)


def install_outbox() -> None:
    """Register the outbox writer on every Session (idempotent)."""
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _queue_changes)
        _installed = True
