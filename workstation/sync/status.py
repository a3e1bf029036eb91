"""What the status bar and the Sync page show, read without Qt: counts, runs, quarantined messages.

- :func:`snapshot`: pending and quarantined counts, last success, recent runs, quarantined rows.
- :func:`run_configured`: one cycle with the workstation's saved settings and the keyring
  password, recorded in the run history (what the app's background worker calls).
- :func:`retry_quarantined`: a supervisor sends a quarantined message again (audited).
- :func:`explain_error`: a central refusal in Chinese for the supervisor (the original is kept).

The run history is a capped list in ``sync_state`` (:data:`RUNS_KEY`), newest first; the engine's
own ``last_sync`` row keeps the last success time.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

import sqlalchemy as sa

from workstation import errors
from workstation.models import OutboxMessage, SyncState
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.store import Store
from workstation.sync.engine import SyncOutcome, SyncStatus, counts, last_sync, run_once
from workstation.sync.settings import MANAGERS, CentralSettings, load_settings

RUNS_KEY = "sync_runs"
MAX_RUNS = 50
OUTBOX = cast(sa.Table, OutboxMessage.__table__)

ENTITY_LABELS: dict[str, str] = {
    "client": "客户资料",
    "visit": "到店记录",
    "appointment": "预约",
    "account_application": "开户/转户申请",
    "transfer_step": "转户步骤",
    "gift_issue": "礼品发放",
    "gift_stock_movement": "礼品库存变动",
    "printed_document": "打印单据",
    "print_job": "打印记录",
    "audit_event": "操作日志",
    "workstation": "工作站登记",
    "competitor_offer": "同业优惠记录",
    "duty_shift": "排班",
}

# (fragment of the PostgreSQL message, explanation) — first match wins.
_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    ("row-level security", "中心拒收：该记录不属于本营业部（行级安全限制）"),
    ("permission denied", "中心拒收：本营业部账号无权写入该数据"),
    ("duplicate key", "中心拒收：与中心已有记录重复（唯一性冲突）"),
    ("foreign key", "中心拒收：引用的记录在中心不存在（例如客户或预约尚未上传）"),
    ("not-null", "中心拒收：缺少必填数据"),
    ("check constraint", "中心拒收：数据不符合中心的校验规则"),
    ("too long", "中心拒收：某项内容超过中心允许的长度"),
    ("invalid input", "中心拒收：数据格式无效"),
    ("不由营业部写入", "中心拒收：该类数据只能由总部维护，营业部不能上传"),
    ("does not exist", "中心拒收：中心数据库缺少对应的表或字段（中心版本过旧？）"),
)


class MessageNotQuarantined(errors.UserError):
    code = "sync.not_quarantined"
    zh = "该记录已不在隔离列表中（可能已重新发送或已上传），请刷新。"
    en = "This message is no longer quarantined (already retried or sent). Refresh the list."


def explain_error(text: str) -> str:
    """A supervisor-readable Chinese explanation of a central refusal (the raw text otherwise)."""
    lowered = text.lower()
    for fragment, explanation in _EXPLANATIONS:
        if fragment in lowered:
            return explanation
    return f"中心拒收：{text}" if text else "中心拒收（未给出原因）"


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


@dataclass(frozen=True)
class RunRecord:
    """One recorded sync cycle."""

    status: SyncStatus
    at: datetime
    pushed: int = 0
    pulled: int = 0
    quarantined: int = 0
    pending: int = 0
    quarantined_total: int = 0
    seconds: float = 0.0
    error: str = ""

    @classmethod
    def of(cls, outcome: SyncOutcome) -> RunRecord:
        return cls(
            status=outcome.status, at=outcome.started_at, pushed=outcome.pushed, pulled=outcome.pulled,
            quarantined=outcome.quarantined, pending=outcome.pending, quarantined_total=outcome.quarantined_total,
            seconds=round(outcome.seconds, 2), error=outcome.error,
        )  # fmt: skip

    def to_value(self) -> dict[str, Any]:
        return {
            "status": self.status.value, "at": self.at.isoformat(), "pushed": self.pushed, "pulled": self.pulled,
            "quarantined": self.quarantined, "pending": self.pending, "quarantined_total": self.quarantined_total,
            "seconds": self.seconds, "error": self.error,
        }  # fmt: skip

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> RunRecord | None:
        try:
            return cls(
                status=SyncStatus(value["status"]), at=datetime.fromisoformat(value["at"]),
                pushed=int(value.get("pushed", 0)), pulled=int(value.get("pulled", 0)),
                quarantined=int(value.get("quarantined", 0)), pending=int(value.get("pending", 0)),
                quarantined_total=int(value.get("quarantined_total", 0)), seconds=float(value.get("seconds", 0)),
                error=str(value.get("error", "")),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class QuarantinedMessage:
    """An outbox message the central database refused, waiting for a supervisor."""

    seq: int
    msg_id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    created_at: datetime
    quarantined_at: datetime
    attempts: int
    error: str
    """The central database's own words (English from PostgreSQL)."""

    @property
    def entity_label(self) -> str:
        return entity_label(self.entity)

    @property
    def explanation(self) -> str:
        return explain_error(self.error)


@dataclass(frozen=True)
class SyncSnapshot:
    """Everything the status bar and the Sync page show, read in one go."""

    configured: bool
    central: str
    """``user@host:port/database`` or empty when no central database is set up."""
    pending: int
    quarantined: int
    last_success: datetime | None
    runs: tuple[RunRecord, ...] = ()
    held: tuple[QuarantinedMessage, ...] = ()
    interval_s: int = 30

    @property
    def last_run(self) -> RunRecord | None:
        return self.runs[0] if self.runs else None


@dataclass(frozen=True)
class CycleReport:
    """What one background cycle did (``outcome`` None when no central database is configured)."""

    outcome: SyncOutcome | None
    snapshot: SyncSnapshot = field(repr=False)


def record_run(store: Store, outcome: SyncOutcome) -> None:
    """Put ``outcome`` at the head of the run history (at most :data:`MAX_RUNS` kept)."""
    try:
        with store.write() as session:
            state = session.get(SyncState, RUNS_KEY) or SyncState(key=RUNS_KEY, value={})
            runs = [RunRecord.of(outcome).to_value(), *list(state.value.get("runs", []))][:MAX_RUNS]
            state.value = {"runs": runs}
            session.add(state)
    except errors.StoreError:
        pass  # the history is a convenience; the cycle itself already happened


def recent_runs(store: Store, limit: int = 20) -> list[RunRecord]:
    """The last ``limit`` recorded cycles, newest first."""
    with store.read() as session:
        state = session.get(SyncState, RUNS_KEY)
        values = list(state.value.get("runs", [])) if state else []
    return [run for value in values[:limit] if (run := RunRecord.from_value(value)) is not None]


def quarantined_messages(store: Store, limit: int = 200) -> list[QuarantinedMessage]:
    """Quarantined, unacknowledged outbox messages, oldest first."""
    o = OUTBOX
    query = (
        sa.select(o.c.seq, o.c.msg_id, o.c.entity, o.c.entity_id, o.c.created_at, o.c.quarantined_at, o.c.attempts,
                  o.c.last_error)
        .where(o.c.acked_at.is_(None), o.c.quarantined_at.is_not(None))
        .order_by(o.c.seq)
        .limit(limit)
    )  # fmt: skip
    with store.read() as session:
        return [QuarantinedMessage(*row) for row in session.execute(query)]


def last_success(store: Store) -> datetime | None:
    value = last_sync(store).get("last_success")
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def snapshot(store: Store, *, runs: int = 20, settings: CentralSettings | None = None) -> SyncSnapshot:
    """The sync state as the screens show it."""
    settings = settings or load_settings(store)
    waiting, held = counts(store)
    return SyncSnapshot(
        configured=settings.configured, central=settings.display(), pending=waiting, quarantined=held,
        last_success=last_success(store), runs=tuple(recent_runs(store, runs)),
        held=tuple(quarantined_messages(store)), interval_s=settings.interval_s,
    )  # fmt: skip


def run_configured(store: Store, *, lock: threading.Lock | None = None) -> CycleReport:
    """One cycle with the saved settings and the keyring password, recorded; never raises for
    offline, missing settings or a missing keyring (the outcome says so). ``lock``: see
    :func:`~workstation.sync.engine.run_once`."""
    from workstation.sync.credentials import with_password

    settings = load_settings(store)
    if not settings.configured:
        return CycleReport(None, snapshot(store, settings=settings))
    try:
        url = with_password(settings.url())
    except errors.KeyringUnavailable as exc:
        waiting, held = counts(store)
        outcome = SyncOutcome(SyncStatus.FAILED, pending=waiting, quarantined_total=held, error=exc.message())
    else:
        outcome = run_once(store, url, lock=lock)
    record_run(store, outcome)
    return CycleReport(outcome, snapshot(store, settings=settings))


def retry_quarantined(store: Store, actor: Actor, seq: int) -> None:
    """Release quarantined message ``seq``: the next cycle sends it again (audit ``sync.retry``).

    Raises:
        PermissionDenied: only supervisors and admins release quarantined messages.
        MessageNotQuarantined: no such quarantined, unacknowledged message.
    """
    actor.require(MANAGERS, "重新发送隔离的记录")
    o = OUTBOX
    with store.write() as session:
        row = session.execute(
            sa.select(o.c.msg_id, o.c.entity, o.c.entity_id, o.c.last_error).where(
                o.c.seq == seq, o.c.acked_at.is_(None), o.c.quarantined_at.is_not(None)
            )
        ).first()
        if row is None:
            raise MessageNotQuarantined()
        session.execute(o.update().where(o.c.seq == seq).values(quarantined_at=None))
        audit.record(
            session, actor, "sync.retry", entity="outbox", entity_id=row.msg_id,
            seq=seq, message_entity=row.entity, message_entity_id=str(row.entity_id), error=row.last_error[:200],
        )  # fmt: skip
