"""Applying rows idempotently on either side: payload decoding, version-guarded upserts, merges.

Who owns what (issue 7 §4), the one table every apply follows:

- PUSH tables (branch facts): the branch owns them. Applied with ``ON CONFLICT (id) DO UPDATE …
  WHERE target.version < excluded.version`` (a replay or a stale copy is a no-op), or ``DO NOTHING``
  for insert-only events (:data:`INSERT_ONLY`), on the central side and, for a sibling
  workstation's rows, on the pulling side.
- PULL tables (central data): central owns them; a pulled row replaces the local one whenever the
  versions differ, except the columns in :data:`LOCAL_COLUMNS` that never leave the workstation.
- BOTH (appointment): merged column by column by :func:`merge_appointment` on both sides.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

import workstation.models  # noqa: F401  (registers every table)
from workstation.domain import AppointmentStatus, SyncDirection
from workstation.models import Base
from workstation.models.base import UTCDateTime
from workstation.sync import hlc

INSERT_ONLY = frozenset({"audit_event", "gift_stock_movement"})
"""Append-only facts: a row with the same id is never changed again, by anyone."""
LOCAL_COLUMNS: Mapping[str, frozenset[str]] = {
    "staff": frozenset({"failed_logins", "locked_until"}),
    "workstation": frozenset({"last_seen_at"}),
}
"""Columns each side keeps for itself; an upsert from the other side never overwrites them
(staff lockouts per workstation; ``workstation.last_seen_at`` is stamped centrally at sync)."""

APPOINTMENT_CENTRAL = frozenset(
    {
        "branch_id", "code", "external_ref", "client_name", "pinyin_full", "pinyin_initials", "mobile",
        "purpose", "slot_start", "slot_end", "campaign_id", "telesales_agent_id", "notes", "prefill",
        "lead_id", "created_at", "deleted_at",
    }
)  # fmt: skip
"""Appointment columns the call centre owns: a branch's copy of them never wins."""
APPOINTMENT_MERGED = ("status", "status_changed_at", "status_clock", "checked_in_at", "client_id")
"""Appointment columns decided by :func:`merge_appointment`."""
FACT_RANK: Mapping[str, int] = {
    AppointmentStatus.NO_SHOW.value: 1,
    AppointmentStatus.CHECKED_IN.value: 2,
    AppointmentStatus.SERVED.value: 3,
}
"""Statuses that record what happened at the counter, by progress; booked/cancelled rank 0."""


@dataclass(frozen=True)
class SyncedTable:
    """A synchronised table with its direction and the decoders of its JSON payload."""

    table: sa.Table
    direction: SyncDirection
    decoders: tuple[tuple[str, Callable[[Any], Any]], ...]

    @property
    def name(self) -> str:
        return self.table.name


def _decoder(column: sa.Column[Any]) -> Callable[[Any], Any] | None:
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return lambda v: uuid.UUID(v) if isinstance(v, str) else v
    if isinstance(kind, UTCDateTime):
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    if isinstance(kind, sa.Date) and not isinstance(kind, sa.DateTime):
        return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    return None


@cache
def synced_tables() -> dict[str, SyncedTable]:
    """Every table that travels (PUSH, PULL, BOTH), by name, parents before children."""
    directions: dict[str, SyncDirection] = {}
    for mapper in Base.registry.mappers:
        direction = getattr(mapper.class_, "__sync__", SyncDirection.LOCAL)
        if direction is not SyncDirection.LOCAL:
            directions[str(mapper.class_.__tablename__)] = direction
    result: dict[str, SyncedTable] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in directions:
            decoders = tuple((c.key, d) for c in table.columns if (d := _decoder(c)) is not None)
            result[table.name] = SyncedTable(table, directions[table.name], decoders)
    return result


def decode_payload(synced: SyncedTable, payload: Mapping[str, Any]) -> dict[str, Any]:
    """An outbox payload (UUID hex, ISO datetimes, enum codes) as column values for a statement."""
    row = {c.key: payload[c.key] for c in synced.table.columns if c.key in payload}
    for key, decode in synced.decoders:
        value = row.get(key)
        if value is not None:
            row[key] = decode(value)
    return row


def latest_per_id(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per id, the highest version (PostgreSQL refuses to upsert one row twice in a statement)."""
    best: dict[Any, dict[str, Any]] = {}
    for row in rows:
        seen = best.get(row["id"])
        if seen is None or row["version"] >= seen["version"]:
            best[row["id"]] = row
    return list(best.values())


def _insert(connection: sa.Connection, table: sa.Table) -> Any:
    if connection.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def upsert(connection: sa.Connection, synced: SyncedTable, rows: Sequence[dict[str, Any]], *, owner: bool) -> int:
    """Insert or update ``rows`` (one per id) idempotently; return how many rows changed.

    ``owner``: the rows come from the side that owns the table, so a different version replaces
    the target (PULL tables at a workstation); otherwise only a newer version does.
    """
    if not rows:
        return 0
    table = synced.table
    changed = 0
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(frozenset(row), []).append(row)
    for keys, group in groups.items():
        insert = _insert(connection, table)
        if synced.name in INSERT_ONLY:
            statement = insert.on_conflict_do_nothing(index_elements=[table.c.id])
        else:
            keep = LOCAL_COLUMNS.get(synced.name, frozenset()) | {"id"}
            updates = {k: insert.excluded[k] for k in keys if k not in keep}
            guard = table.c.version != insert.excluded.version if owner else table.c.version < insert.excluded.version
            statement = insert.on_conflict_do_update(index_elements=[table.c.id], set_=updates, where=guard)
        result = connection.execute(statement, group)
        changed += max(result.rowcount, 0)
    return changed


# --- appointments: the co-edited status -----------------------------------------------------------


def _code(status: Any) -> str:
    return str(getattr(status, "value", status) or "")


def status_key(row: Mapping[str, Any]) -> tuple[int, str, str]:
    """The total order in which appointment statuses win (the larger key wins).

    1. A fact recorded at the counter (no-show < checked in < served) beats an intent (booked,
       cancelled), whatever the clocks say: the counter refuses to check in an appointment it knows
       is cancelled, so a check-in over a cancellation means the cancellation had not reached the
       counter and the client was really there; a late arrival overrides an earlier no-show.
    2. Between two intents (central booked/cancelled vs. branch booked) or the same rank, the later
       hybrid logical clock wins (``status_clock``, else ``status_changed_at``).
    3. Equal clocks: the status code decides, so the order is total and the merge deterministic.
    """
    code = _code(row.get("status"))
    changed = row.get("status_changed_at")
    return FACT_RANK.get(code, 0), hlc.stamp_of(row.get("status_clock"), changed), code


def merge_appointment(central: Mapping[str, Any], branch: Mapping[str, Any]) -> dict[str, Any]:
    """The merged appointment of a central copy and a branch copy of the same row.

    Central-owned columns (:data:`APPOINTMENT_CENTRAL`) come from ``central``; the status triple
    from the side whose :func:`status_key` is larger; ``checked_in_at`` is the earliest known
    check-in; ``client_id`` is the winner's, else the other's. Both sides run this same function
    (a pulling workstation passes the central row as ``central``), and since the status choice is a
    maximum over a total order, the result does not depend on the order copies arrive in.
    """
    merged = dict(branch)
    merged.update({k: v for k, v in central.items() if k in APPOINTMENT_CENTRAL or k not in branch})
    winner, other = (central, branch) if status_key(central) >= status_key(branch) else (branch, central)
    for key in ("status", "status_changed_at", "status_clock"):
        merged[key] = winner.get(key)
    times = [t for t in (central.get("checked_in_at"), branch.get("checked_in_at")) if t is not None]
    merged["checked_in_at"] = min(times) if times else None
    merged["client_id"] = winner.get("client_id") or other.get("client_id")
    merged["version"] = max(int(central.get("version") or 0), int(branch.get("version") or 0))
    return merged


def differs(old: Mapping[str, Any], new: Mapping[str, Any], keys: Iterable[str]) -> bool:
    """Whether any of ``keys`` has another value (enums compared by code)."""
    return any(_norm(old.get(k)) != _norm(new.get(k)) for k in keys)


def _norm(value: Any) -> Any:
    return getattr(value, "value", value)
