"""Which Counter Workstation version each PC runs, and when head office last heard from it.

At every sync cycle (:func:`workstation.sync.engine.run_once`) the workstation:

1. sets its own row's ``app_version`` to :data:`workstation.__version__` when it differs — an
   ordinary change of a pushed row, so it reaches the central database through the outbox, in
   order, offline-safe (:func:`report_local_version`);
2. after a successful push, before the pull (which then reads the stamp's change-log entry),
   stamps ``last_seen_at`` on its central row, at most every :data:`SEEN_EVERY`
   (:func:`touch_central`): one small UPDATE, not a message per cycle.

Head office lists both per branch: ``workstation-cli central workstations`` (:func:`list_workstations`).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from workstation import __version__
from workstation.models import Branch, Workstation
from workstation.store import Store, first_line

log = logging.getLogger(__name__)
SEEN_EVERY = timedelta(minutes=5)


def report_local_version(store: Store, workstation_id: uuid.UUID, version: str | None = None) -> bool:
    """Record ``version`` (default: this program's) on this workstation's row if it changed; True
    when it did (the change is queued for the push like any other)."""
    version = version or __version__
    with store.write() as session:
        row = session.get(Workstation, workstation_id)
        if row is None or row.app_version == version:
            return False
        row.app_version = version
    log.info("workstation now runs version %s (reported at this sync)", version)
    return True


def touch_central(central: Engine, workstation_id: uuid.UUID) -> bool:
    """Stamp ``last_seen_at = now()`` centrally unless stamped within :data:`SEEN_EVERY`; never raises."""
    table = cast(sa.Table, Workstation.__table__)
    stale = sa.func.now() - sa.text(f"interval '{int(SEEN_EVERY.total_seconds())} seconds'")
    try:
        with central.begin() as conn:
            done = conn.execute(
                table.update()
                .where(
                    table.c.id == workstation_id, sa.or_(table.c.last_seen_at.is_(None), table.c.last_seen_at < stale)
                )
                .values(last_seen_at=sa.func.now(), updated_at=table.c.updated_at)  # not a change of the row
            )
            return bool(done.rowcount)
    except DBAPIError as exc:
        log.warning("last-seen stamp not written: %s", first_line(str(exc.orig or exc)))
        return False


@dataclass(frozen=True)
class WorkstationVersion:
    """One PC as head office sees it."""

    branch_code: str
    branch_name: str
    number: int | None
    name: str
    hostname: str
    app_version: str
    last_seen_at: datetime | None


def list_workstations(central: Engine, branch_code: str | None = None) -> list[WorkstationVersion]:
    """Every workstation in the central database, by branch code then number."""
    ws, br = cast(sa.Table, Workstation.__table__), cast(sa.Table, Branch.__table__)
    query = (
        sa.select(br.c.code, br.c.name, ws.c.number, ws.c.name, ws.c.hostname, ws.c.app_version, ws.c.last_seen_at)
        .join(br, br.c.id == ws.c.branch_id)
        .where(ws.c.deleted_at.is_(None))
        .order_by(br.c.code, ws.c.number.nulls_last(), ws.c.name)
    )
    if branch_code:
        query = query.where(br.c.code == branch_code)
    with central.connect() as conn:
        return [WorkstationVersion(*row) for row in conn.execute(query)]
