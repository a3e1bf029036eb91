"""One sync cycle (push, then pull) with a typed outcome: the API the UI's background worker calls.

:func:`run_once` never raises for the expected failures: an unreachable or stalled central
database gives ``SyncOutcome(state=OFFLINE)``, and the next cycle picks up where this one stopped
(acknowledged batches and applied pages are kept; the rest is resent or re-read idempotently).
It must not run on the GUI thread: it blocks on the network for up to about ten seconds.
"""

from __future__ import annotations

import contextlib
import enum
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError

from workstation import errors
from workstation.clock import utcnow
from workstation.models import OutboxMessage, SyncState
from workstation.services.identity import current_identity
from workstation.store import Store, first_line
from workstation.sync import central as central_db
from workstation.sync import versions
from workstation.sync.pull import pull
from workstation.sync.push import push

LAST_SYNC_KEY = "last_sync"


class SyncStatus(enum.StrEnum):
    OK = "ok"
    """Both directions completed and the central database took every message."""
    QUARANTINED = "quarantined"
    """Both directions completed, but the central database refused messages in this cycle: they
    are quarantined locally and never reach central until a supervisor acts (有隔离记录). A
    failure state: the data is not where the clerk thinks it is."""
    OFFLINE = "offline"
    """The central database could not be reached or stalled; retried next cycle."""
    FAILED = "failed"
    """Something else went wrong (not set up, bad URL, credentials); ``error`` says what."""


@dataclass(frozen=True)
class SyncOutcome:
    """What one cycle did, for the status bar, the Sync page and ``workstation-cli sync``."""

    status: SyncStatus
    pushed: int = 0
    pulled: int = 0
    quarantined: int = 0
    pull_rejected: int = 0
    pending: int = 0
    """Outbox messages still waiting after the cycle (quarantined ones not included)."""
    quarantined_total: int = 0
    """All quarantined messages waiting for a supervisor, not only this cycle's."""
    error: str = ""
    started_at: datetime = field(default_factory=utcnow)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Completed, and nothing quarantined in this cycle."""
        return self.status is SyncStatus.OK

    @property
    def completed(self) -> bool:
        """Both directions ran to the end (quarantined or not): the central database was reached."""
        return self.status in (SyncStatus.OK, SyncStatus.QUARANTINED)

    def summary(self) -> str:
        """One line, e.g. ``ok: pushed 3 / pulled 5 / quarantined 0 / pending 0``."""
        text = (
            f"{self.status.value}: pushed {self.pushed} / pulled {self.pulled} / quarantined {self.quarantined} "
            f"/ pending {self.pending}"
        )
        return f"{text} ({self.error})" if self.error else text


def run_once(
    store: Store,
    central: Engine | str | URL,
    *,
    password: str | None = None,
    stall_s: float | None = None,
    lock: threading.Lock | None = None,
) -> SyncOutcome:
    """Push the outbox, then pull this branch's changes; return the outcome (never raises for
    offline, stalled, refused rows or missing set-up).

    ``lock``: held for the cycle, so a workstation runs one cycle at a time (the app passes its
    ``Runtime.sync_lock``, :mod:`workstation.services.runtime`); a one-shot caller needs none.
    """
    started, clock = utcnow(), time.perf_counter()
    owned = isinstance(central, Engine)
    engine: Engine | None = None
    pushed = pulled = quarantined = rejected = 0
    status, error = SyncStatus.OK, ""
    with lock if lock is not None else contextlib.nullcontext():
        try:
            engine = central if isinstance(central, Engine) else central_db.central_engine(central, password)
            branch_id, workstation_id = _branch_of(store)
            versions.report_local_version(store, workstation_id)  # pushed with the outbox below
            pushed_result = push(store, engine, stall_s=stall_s)
            pushed, quarantined = pushed_result.pushed, pushed_result.quarantined
            # Before the pull: the stamp's change-log entry is then read by this same cycle.
            versions.touch_central(engine, workstation_id)
            pulled_result = pull(store, engine, branch_id, stall_s=stall_s)
            pulled, rejected = pulled_result.pulled, len(pulled_result.rejected)
        except errors.CentralUnavailable as exc:
            status, error = SyncStatus.OFFLINE, exc.message()
        except errors.WorkstationError as exc:
            status, error = SyncStatus.FAILED, exc.message()
        except DBAPIError as exc:  # e.g. the role lacks a grant: a set-up problem, not a crash
            status, error = SyncStatus.FAILED, first_line(str(exc.orig or exc))
        finally:
            if engine is not None and not owned:
                engine.dispose()
        if status is SyncStatus.OK and quarantined:
            status, error = SyncStatus.QUARANTINED, f"中心拒收 {quarantined} 条记录，已隔离，需主管处理"
        waiting, held = counts(store)
        outcome = SyncOutcome(
            status=status, pushed=pushed, pulled=pulled, quarantined=quarantined, pull_rejected=rejected,
            pending=waiting, quarantined_total=held, error=error, started_at=started,
            seconds=time.perf_counter() - clock,
        )  # fmt: skip
        _remember(store, outcome)
    return outcome


def _branch_of(store: Store) -> tuple[uuid.UUID, uuid.UUID]:
    with store.read() as session:
        identity = current_identity(session)
    if identity is None:
        raise errors.SyncNotSetUp()
    return identity.branch_id, identity.workstation_id


def counts(store: Store) -> tuple[int, int]:
    """``(pending, quarantined)`` outbox messages: what the status bar shows."""
    o = cast(sa.Table, OutboxMessage.__table__)
    with store.read() as session:
        row = session.execute(
            sa.select(
                sa.func.count().filter(o.c.acked_at.is_(None), o.c.quarantined_at.is_(None)),
                sa.func.count().filter(o.c.acked_at.is_(None), o.c.quarantined_at.is_not(None)),
            )
        ).one()
    return int(row[0]), int(row[1])


def _remember(store: Store, outcome: SyncOutcome) -> None:
    """Keep the last outcome (and the last success) in ``sync_state`` for the status bar."""
    record = {
        "status": outcome.status.value,
        "at": outcome.started_at.isoformat(),
        "pushed": outcome.pushed,
        "pulled": outcome.pulled,
        "quarantined": outcome.quarantined,
        "error": outcome.error,
    }
    try:
        with store.write() as session:
            state = session.get(SyncState, LAST_SYNC_KEY) or SyncState(key=LAST_SYNC_KEY, value={})
            value = dict(state.value)
            value["last"] = record
            if outcome.completed:
                value["last_success"] = record["at"]
            state.value = value
            session.add(state)
    except errors.StoreError:
        pass  # the outcome is still returned; the next cycle records again


def last_sync(store: Store) -> dict[str, object]:
    """The last recorded outcome and last success time (empty before the first cycle)."""
    with store.read() as session:
        state = session.get(SyncState, LAST_SYNC_KEY)
        return dict(state.value) if state else {}


def enroll(store: Store, central: Engine, branch_code: str, name: str) -> uuid.UUID:
    """Make an empty local database a workstation of branch ``branch_code``; return its id.

    Pulls the branch's central data first (branch row, counters, staff, policies…), then registers
    the workstation and has the central database give it its short number under a lock
    (:func:`workstation.sync.link.ensure_number`; if that fails, the first contact
    with the central queue tries again). The row travels to the central database with the push.

    Raises:
        BranchUnknown: no such branch centrally. CentralUnavailable: offline.
    """
    from workstation.models import Branch
    from workstation.services.identity import register_workstation
    from workstation.sync.link import ensure_number

    try:
        with central.connect() as conn:
            branch_id = conn.execute(sa.select(Branch.id).where(Branch.code == branch_code)).scalar()
    except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
        raise errors.CentralUnavailable(detail=first_line(str(exc.orig or exc))) from exc
    if branch_id is None:
        raise errors.BranchUnknown(code=branch_code)
    pull(store, central, branch_id)
    with store.write() as session:
        branch = session.get(Branch, branch_id)
        if branch is None:
            raise errors.BranchUnknown(code=branch_code)
        workstation_id = register_workstation(session, branch, name).workstation_id
    ensure_number(store, central)
    return workstation_id
