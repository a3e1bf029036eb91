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


def row_payload(obj: Any, connection: sa.Connection | None = None, *, inserted: bool = False) -> dict[str, Any]:
    """Every column of a mapped object, JSON-ready, without triggering an ORM load.

    ``inserted``: the object was just inserted, so a column never set (and not expired by a
    server default) was written as NULL. Other columns not loaded in the object (expired,
    deferred) are read from the row through ``connection`` (inside a flush: the row as just
    written); without a connection they are left out.
    """
    state = sa.inspect(obj)
    values = dict(state.dict)
    mapper = state.mapper
    if inserted:
        for attr in mapper.column_attrs:
            if attr.key not in values and attr.key not in state.expired_attributes:
                values[attr.key] = None
    missing = [attr for attr in mapper.column_attrs if attr.key not in values]
    if missing and connection is not None:
        key = mapper.primary_key_from_instance(obj)
        query = sa.select(*(attr.columns[0].label(attr.key) for attr in missing)).where(
            *(column == value for column, value in zip(mapper.primary_key, key, strict=True))
        )
        row = connection.execute(query).one()
        values.update(row._mapping)
    return {attr.key: to_json(values[attr.key]) for attr in mapper.column_attrs if attr.key in values}


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
            payload = row_payload(obj, session.connection(), inserted=op == "insert")
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
