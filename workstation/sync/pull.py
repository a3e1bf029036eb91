"""Pull: the central changes this branch may see, since the cursor, applied locally.

The cursor is ``(xid, seq)`` of ``sync.change_log`` (tech-notes §1.3): one statement reads the
entries after the cursor whose transaction is older than every transaction still running
(``xid < pg_snapshot_xmin(pg_current_snapshot())``), so a slow transaction that took a lower
``seq`` but commits later is read later instead of being skipped. The entries name rows; the rows
themselves are read as they are now, and applied locally with ``session.info["applying_sync"]``
(no outbox echo) by the ownership rules of :mod:`workstation.sync.apply`. Deletions are tombstones
(``deleted_at``), ordinary updates. A row the local database refuses (e.g. its parent arrives in a
later page) is kept in a retry list and fetched again next time; it never blocks the cursor.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError

from workstation import errors
from workstation.domain import SyncDirection
from workstation.models import SyncState
from workstation.store import Store, first_line
from workstation.sync import central as central_db
from workstation.sync.apply import SyncedTable, differs, merge_appointment, synced_tables, upsert

PAGE_SIZE = int(os.environ.get("WORKSTATION_SYNC_PAGE") or 2000)
"""Change-log entries per page; ``WORKSTATION_SYNC_PAGE`` overrides it (the kill -9 test uses
small pages so a kill can land between pages)."""
CURSOR_KEY = "pull_cursor"
RETRY_KEY = "pull_retry"


@dataclass(frozen=True)
class Cursor:
    xid: int = 0
    seq: int = 0


@dataclass
class PullResult:
    pulled: int = 0
    """Local rows inserted or changed."""
    entries: int = 0
    """Change-log entries read."""
    rejected: list[str] = field(default_factory=list)
    """Rows the local database refused this time (kept for retry), as "table id: error"."""


@dataclass
class Page:
    entries: int
    cursor: Cursor
    rows: dict[str, list[dict[str, Any]]]


def load_state(store: Store) -> tuple[Cursor, dict[str, list[str]]]:
    with store.read() as session:
        cursor = session.get(SyncState, CURSOR_KEY)
        retry = session.get(SyncState, RETRY_KEY)
        found = Cursor(int(cursor.value["xid"]), int(cursor.value["seq"])) if cursor else Cursor()
        return found, dict(retry.value.get("rows", {})) if retry else {}


def pull(
    store: Store, central: Engine, branch_id: uuid.UUID, *, page_size: int = PAGE_SIZE, stall_s: float | None = None
) -> PullResult:
    """Bring every visible central change after the cursor into the local database.

    Raises:
        CentralUnavailable: the connection failed or stalled; pages already applied stay applied.
    """
    result = PullResult()
    cursor, retry = load_state(store)
    while True:
        page = fetch_page(central, branch_id, cursor, retry, page_size, stall_s)
        retry = apply_page(store, page, result)
        result.entries += page.entries
        cursor = page.cursor
        if page.entries < page_size:
            return result


def fetch_page(
    central: Engine,
    branch_id: uuid.UUID,
    cursor: Cursor,
    retry: Mapping[str, Sequence[str]],
    page_size: int,
    stall_s: float | None,
) -> Page:
    """Read one page of change-log entries and the current central rows they name.

    Raises:
        CentralUnavailable: the connection failed or stalled.
    """
    query = sa.text(
        # The xid8 column is ordered and compared as xid8; only the output is text, under another
        # name: ``ORDER BY xid`` would resolve to a text alias first and sort '10000' < '9999'.
        "SELECT l.xid::text AS xid_text, l.seq, l.entity, l.entity_id FROM sync.change_log AS l "
        "WHERE (l.xid, l.seq) > (CAST(:xid AS xid8), :seq) "
        "AND l.xid < pg_snapshot_xmin(pg_current_snapshot()) "
        "AND (l.branch_id = :branch OR l.branch_id IS NULL) "
        "ORDER BY l.xid, l.seq LIMIT :n"
    )
    params = {"xid": str(cursor.xid), "seq": cursor.seq, "branch": branch_id, "n": page_size}
    stall = central_db.STALL_TIMEOUT_S if stall_s is None else stall_s
    tables = synced_tables()
    wanted: dict[str, set[uuid.UUID]] = {
        name: {uuid.UUID(i) for i in ids} for name, ids in retry.items() if name in tables
    }
    try:
        with central.connect() as conn, central_db.stall_guard(conn, stall), conn.begin():
            entries = conn.execute(query, params).all()
            for entry in entries:
                if entry.entity in tables:
                    wanted.setdefault(entry.entity, set()).add(entry.entity_id)
            rows: dict[str, list[dict[str, Any]]] = {}
            for name, ids in wanted.items():
                rows[name] = _central_rows(conn, tables[name].table, sorted(ids))
    except (OperationalError, InterfaceError) as exc:
        raise errors.CentralUnavailable(detail=first_line(str(exc.orig or exc))) from exc
    last = Cursor(int(entries[-1].xid_text), int(entries[-1].seq)) if entries else cursor
    return Page(entries=len(entries), cursor=last, rows=rows)


def _central_rows(conn: sa.Connection, table: sa.Table, ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """The current central rows ``ids`` of ``table``. Columns a branch role cannot read (staff
    password verifiers) come from their SECURITY DEFINER function; one it withholds (a disabled
    member of staff) arrives as an unusable verifier."""
    hidden = central_db.HIDDEN_COLUMNS.get(table.name, ())
    columns = [c for c in table.columns if c.name not in hidden]
    rows = [dict(r._mapping) for r in conn.execute(sa.select(*columns).where(table.c.id.in_(ids)))]
    if hidden and rows:
        verifiers: dict[uuid.UUID, str] = dict(
            conn.execute(sa.text("SELECT id, password_hash FROM sync.staff_verifiers(:ids)"), {"ids": ids})
            .tuples()
            .all()
        )
        for row in rows:
            row["password_hash"] = verifiers.get(row["id"], WITHHELD_VERIFIER)
    return rows


WITHHELD_VERIFIER = "!withheld"
"""Stored for staff whose verifier central does not hand out: matches no password (not argon2)."""


def apply_page(store: Store, page: Page, result: PullResult) -> dict[str, list[str]]:
    """Apply a page locally and move the cursor, in one local transaction; return the retry list."""
    retry: dict[str, list[str]] = {}
    tables = synced_tables()
    with store.write() as session:
        session.info["applying_sync"] = True
        conn = session.connection()
        for name, synced in tables.items():  # parents before children
            rows = page.rows.get(name)
            if not rows:
                continue
            try:
                with conn.begin_nested():
                    result.pulled += apply_rows(conn, synced, rows)
            except IntegrityError:
                for row in rows:  # find the refused rows; apply the others
                    try:
                        with conn.begin_nested():
                            result.pulled += apply_rows(conn, synced, [row])
                    except IntegrityError as exc:
                        retry.setdefault(name, []).append(row["id"].hex)
                        result.rejected.append(f"{name} {row['id']}: {first_line(str(exc.orig))}")
        _save(session, CURSOR_KEY, {"xid": str(page.cursor.xid), "seq": page.cursor.seq})
        _save(session, RETRY_KEY, {"rows": retry})
    return retry


def _save(session: Any, key: str, value: dict[str, Any]) -> None:
    state = session.get(SyncState, key)
    if state is None:
        session.add(SyncState(key=key, value=value))
    else:
        state.value = value
    session.flush()


def apply_rows(conn: sa.Connection, synced: SyncedTable, rows: Sequence[dict[str, Any]]) -> int:
    """Apply central rows to the local table by its ownership rule; return how many changed."""
    if synced.direction is SyncDirection.BOTH:
        return merge_appointments_locally(conn, synced, rows)
    return upsert(conn, synced, rows, owner=synced.direction is SyncDirection.PULL)


def merge_appointments_locally(conn: sa.Connection, synced: SyncedTable, rows: Sequence[dict[str, Any]]) -> int:
    """Insert unknown appointments; merge known ones with :func:`merge_appointment`.

    The local row keeps a status that wins over the central one (it is on its way in the outbox);
    otherwise it becomes the central row, version included.
    """
    table = synced.table
    local = {
        r.id: dict(r._mapping) for r in conn.execute(sa.select(table).where(table.c.id.in_([r["id"] for r in rows])))
    }
    inserts = [row for row in rows if row["id"] not in local]
    if inserts:
        conn.execute(table.insert(), inserts)
    updates = []
    columns = [c.key for c in table.columns if c.key != "id"]
    for row in rows:
        mine = local.get(row["id"])
        if mine is None:
            continue
        merged = merge_appointment(row, mine)
        merged["updated_at"] = row["updated_at"]
        merged["version"] = max(int(mine["version"]), int(row["version"]))
        if differs(mine, merged, columns):
            updates.append({"b_id": row["id"], **{k: merged[k] for k in columns}})
    if updates:
        conn.execute(table.update().where(table.c.id == sa.bindparam("b_id")), updates)
    return len(inserts) + len(updates)
