"""Push: the workstation's outbox to the central database, each message applied exactly once.

One batch = the oldest unacked, unquarantined outbox messages in ``seq`` order, applied centrally
in one transaction that also records each ``msg_id`` in ``sync.processed_message``; messages
already recorded (a batch whose commit outcome was unknown, now replayed) are skipped. The local
rows are marked acked only after the central COMMIT returned. If the batch is refused (constraint,
permission, bad data), it is retried message by message under SAVEPOINTs; each refused message is
quarantined locally with its error and the rest go through. A lost connection raises
:class:`~workstation.errors.CentralUnavailable` and leaves the outbox as it was.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from workstation import errors
from workstation.clock import utcnow
from workstation.domain import SyncDirection
from workstation.models import OutboxMessage
from workstation.store import Store, first_line
from workstation.sync import central as central_db
from workstation.sync.apply import (
    APPOINTMENT_MERGED,
    decode_payload,
    differs,
    latest_per_id,
    merge_appointment,
    synced_tables,
    upsert,
)

BATCH_SIZE = int(os.environ.get("WORKSTATION_SYNC_BATCH") or 500)
"""Messages per central transaction; ``WORKSTATION_SYNC_BATCH`` overrides it (the kill -9 test
uses small batches so a kill can land between batches)."""
OUTBOX = cast(sa.Table, OutboxMessage.__table__)


@dataclass(frozen=True)
class Message:
    """An outbox row as read for sending (plain values, no ORM object crosses threads)."""

    seq: int
    msg_id: uuid.UUID
    branch_id: uuid.UUID | None
    entity: str
    entity_id: uuid.UUID
    row_version: int
    payload: dict[str, Any]


@dataclass
class PushResult:
    pushed: int = 0
    """Messages acknowledged by the central database in this run (replays included)."""
    quarantined: int = 0
    batches: int = 0
    errors: list[str] = field(default_factory=list)


class Refused(Exception):
    """A message the central side cannot take, whatever the retry (unknown or foreign entity)."""


def pending(store: Store, limit: int) -> list[Message]:
    """The oldest messages neither acknowledged nor quarantined, in seq order."""
    o = OUTBOX
    query = (
        sa.select(o.c.seq, o.c.msg_id, o.c.branch_id, o.c.entity, o.c.entity_id, o.c.row_version, o.c.payload)
        .where(o.c.acked_at.is_(None), o.c.quarantined_at.is_(None))
        .order_by(o.c.seq)
        .limit(limit)
    )
    with store.read() as session:
        return [Message(*row) for row in session.execute(query)]


def push(store: Store, central: Engine, *, batch_size: int = BATCH_SIZE, stall_s: float | None = None) -> PushResult:
    """Send the whole outbox in batches; return what was acknowledged and quarantined.

    Raises:
        CentralUnavailable: the connection failed or stalled; earlier batches stay acknowledged.
    """
    result = PushResult()
    while batch := pending(store, batch_size):
        applied, refused = send_batch(central, batch, stall_s=stall_s)
        record_outcome(store, batch, applied, refused)
        result.batches += 1
        result.pushed += len(applied)
        result.quarantined += len(refused)
        result.errors.extend(refused.values())
        if len(batch) < batch_size:
            break
    return result


def send_batch(
    central: Engine, batch: Sequence[Message], *, stall_s: float | None = None
) -> tuple[set[int], dict[int, str]]:
    """Apply one batch centrally; return ``(acknowledged seqs, {refused seq: error})``.

    Raises:
        CentralUnavailable: the batch's fate is unknown or it was not applied; resend it later.
    """
    stall = central_db.STALL_TIMEOUT_S if stall_s is None else stall_s
    try:
        with central.connect() as conn, central_db.stall_guard(conn, stall):
            try:
                with conn.begin():
                    apply_messages(conn, batch)
                return {m.seq for m in batch}, {}
            except (OperationalError, InterfaceError):
                raise
            except (DBAPIError, Refused):
                pass  # refused as a whole: find the culprits one by one
            refused: dict[int, str] = {}
            with conn.begin():
                for message in batch:
                    savepoint = conn.begin_nested()
                    try:
                        apply_messages(conn, [message])
                        savepoint.commit()
                    except (OperationalError, InterfaceError):
                        raise
                    except (DBAPIError, Refused) as exc:
                        savepoint.rollback()
                        refused[message.seq] = _reason(exc)
            return {m.seq for m in batch} - set(refused), refused
    except errors.CentralUnavailable:
        raise
    except (OperationalError, InterfaceError) as exc:
        raise errors.CentralUnavailable(detail=first_line(str(exc.orig or exc))) from exc


def _reason(exc: Exception) -> str:
    if isinstance(exc, DBAPIError):
        return first_line(str(exc.orig or exc))[:900]
    return str(exc)[:900]


def apply_messages(conn: sa.Connection, messages: Sequence[Message]) -> None:
    """Apply ``messages`` in the caller's transaction, skipping those already processed.

    Raises:
        Refused: a message names a table the branch does not own, or that does not exist here.
        DBAPIError: the database refused a row (constraint, permission, row security…).
    """
    tables = synced_tables()
    for message in messages:
        synced = tables.get(message.entity)
        if synced is None or synced.direction not in (SyncDirection.PUSH, SyncDirection.BOTH):
            raise Refused(f"表 {message.entity} 不由营业部写入（not owned by the branch）")
    p = central_db.processed_message
    records = [
        {
            "msg_id": m.msg_id,
            "branch_id": m.branch_id,
            "entity": m.entity,
            "entity_id": m.entity_id,
            "row_version": m.row_version,
        }
        for m in messages
    ]
    # executemany with RETURNING: SQLAlchemy batches it ("insertmanyvalues") from a cached statement.
    statement = postgresql.insert(p).on_conflict_do_nothing(index_elements=[p.c.msg_id]).returning(p.c.msg_id)
    fresh = set(conn.execute(statement, records).scalars())
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for message in messages:
        if message.msg_id in fresh:
            by_entity.setdefault(message.entity, []).append(decode_payload(tables[message.entity], message.payload))
    for name, synced in tables.items():  # parents before children
        rows = latest_per_id(by_entity.get(name, []))
        if not rows:
            continue
        if synced.direction is SyncDirection.BOTH:
            merge_appointments_centrally(conn, rows)
        else:
            upsert(conn, synced, rows, owner=False)


def apply_carried(conn: sa.Connection, messages: Sequence[Message]) -> None:
    """Apply a workstation's pending messages inside another central transaction (the branch
    queue, a central gift draw), like a push would. A message central refuses is skipped here,
    each under its own savepoint, and left to the push, which quarantines it; a broken connection
    propagates."""
    if not messages:
        return
    try:
        with conn.begin_nested():
            apply_messages(conn, messages)
        return
    except (OperationalError, InterfaceError):
        raise
    except (DBAPIError, Refused):
        pass
    for message in messages:
        try:
            with conn.begin_nested():
                apply_messages(conn, [message])
        except (OperationalError, InterfaceError):
            raise
        except (DBAPIError, Refused):
            continue


def merge_appointments_centrally(conn: sa.Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert new appointments; merge the branch's status into existing ones (see apply.py).

    A changed row gets ``version = max(central, branch) + 1``, so every workstation pulls it.
    Only the merged columns are written: the branch role may update nothing else.
    """
    table = synced_tables()["appointment"].table
    ids = [row["id"] for row in rows]
    existing = {
        r.id: dict(r._mapping) for r in conn.execute(sa.select(table).where(table.c.id.in_(ids)).with_for_update())
    }
    new = [row for row in rows if row["id"] not in existing]
    if new:
        inserted = conn.execute(
            postgresql.insert(table).on_conflict_do_nothing(index_elements=[table.c.id]).returning(table.c.id),
            new,
        ).scalars()
        raced = {row["id"] for row in new} - set(inserted)
        if raced:  # inserted meanwhile by a sibling workstation: merge into that copy instead
            existing.update(
                {
                    r.id: dict(r._mapping)
                    for r in conn.execute(sa.select(table).where(table.c.id.in_(raced)).with_for_update())
                }
            )
    new_ids = {row["id"] for row in new} - set(existing)
    updates = []
    for row in rows:
        current = existing.get(row["id"])
        if current is None or row["id"] in new_ids:
            continue
        merged = merge_appointment(current, row)
        if differs(current, merged, APPOINTMENT_MERGED):
            update = {k: merged[k] for k in APPOINTMENT_MERGED}
            update.update(b_id=row["id"], version=max(current["version"], row["version"]) + 1, updated_at=utcnow())
            updates.append(update)
    if updates:
        conn.execute(table.update().where(table.c.id == sa.bindparam("b_id")), updates)


def record_outcome(store: Store, batch: Sequence[Message], applied: set[int], refused: dict[int, str]) -> None:
    """Mark acknowledged messages and quarantine refused ones, in one local transaction."""
    o = OUTBOX
    now = utcnow()
    with store.write() as session:
        conn = session.connection()
        if applied:
            conn.execute(
                o.update()
                .where(o.c.seq.in_(sorted(applied)))
                .values(acked_at=now, sent_at=sa.func.coalesce(o.c.sent_at, now), attempts=o.c.attempts + 1)
            )
        for seq, reason in refused.items():
            conn.execute(
                o.update()
                .where(o.c.seq == seq)
                .values(quarantined_at=now, last_error=reason[:1000], sent_at=now, attempts=o.c.attempts + 1)
            )
