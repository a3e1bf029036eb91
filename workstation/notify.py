"""Messages to clients (短信通知): appointment confirmation, reminders, sent by head office.

The messages live in the central database only (schema ``notify``, migration 0015; no branch role
has any right on it). ``workstation-cli notify run --central URL`` is the head-office worker:

1. :func:`plan` writes the messages each booked appointment is due: a confirmation with the
   appointment code and the check-in code ``APPT:<code>`` (what the reception scanner and the
   check-in box accept), the branch's address and a reminder the day before (18:00) and two hours
   before. One message per appointment and kind (a unique key): running twice plans nothing twice.
2. :func:`send_due` sends the due ones through an :class:`SmsGateway`, one transaction each under
   ``FOR UPDATE SKIP LOCKED`` (two workers never send the same message). A message is *skipped*
   (never sent) when the appointment is no longer booked, the mobile opted out, or there is no
   recorded consent for appointment messages; it *waits* through the quiet hours (21:00–08:00
   branch time); a gateway failure is retried up to :data:`MAX_ATTEMPTS` times, then *failed*.
   Every message stays in the table with its outcome: the log of what was sent to whom.

Consent (PIPL): recorded per mobile with purpose, channel, time and who recorded it
(:func:`record_consent`, e.g. by the telesales agent at booking); withdrawing it or replying TD
(:func:`opt_out`) stops every later message. :class:`HttpSmsGateway` is the JSON-over-HTTP API
most SMS platforms offer; the tests run a local stand-in of it.
"""

from __future__ import annotations

import enum
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from workstation.clock import BRANCH_TZ, local, utcnow
from workstation.domain import AppointmentStatus
from workstation.http_json import HttpJsonError, post_json
from workstation.masking import mask_phone
from workstation.models import Appointment, Branch

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
QUIET_FROM, QUIET_UNTIL = time(21, 0), time(8, 0)
REMINDER_EVENING = time(18, 0)
PLAN_DAYS_AHEAD = 14
SIGNATURE = "【华夏证券】"

notify_metadata = sa.MetaData(schema="notify")
message = sa.Table(
    "message",
    notify_metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("appointment_id", sa.Uuid),
    sa.Column("kind", sa.Text),
    sa.Column("mobile", sa.Text),
    sa.Column("body", sa.Text),
    sa.Column("due_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.Text),
    sa.Column("attempts", sa.Integer),
    sa.Column("gateway_ref", sa.Text),
    sa.Column("last_error", sa.Text),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.Column("created_at", sa.DateTime(timezone=True)),
)
consent = sa.Table(
    "consent",
    notify_metadata,
    sa.Column("mobile", sa.Text, primary_key=True),
    sa.Column("purpose", sa.Text),
    sa.Column("channel", sa.Text),
    sa.Column("recorded_at", sa.DateTime(timezone=True)),
    sa.Column("recorded_by", sa.Text),
    sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
)


class Kind(enum.StrEnum):
    CONFIRMATION = "confirmation"
    REMINDER_DAY = "reminder_day"
    REMINDER_2H = "reminder_2h"


class Status(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    SKIPPED = "skipped"
    FAILED = "failed"


class GatewayError(Exception):
    """The SMS platform did not take the message (retried later)."""


class SmsGateway(Protocol):
    def send(self, mobile: str, text: str, ref: str) -> str:
        """Hand one message to the platform; return its message id. Raises GatewayError."""
        ...


class HttpSmsGateway:
    """``POST {url}/sms/send`` ``{"mobile", "content", "client_ref"}`` → ``{"code": 0, "msgid": …}``."""

    def __init__(self, url: str, token: str = "", *, timeout_s: float = 10.0) -> None:
        self.url, self.token, self.timeout_s = url.rstrip("/"), token, timeout_s

    def send(self, mobile: str, text: str, ref: str) -> str:
        payload = {"mobile": mobile, "content": text, "client_ref": ref}
        try:
            answer = post_json(f"{self.url}/sms/send", payload, token=self.token, timeout_s=self.timeout_s)
        except HttpJsonError as exc:
            raise GatewayError(exc.detail) from exc
        if not isinstance(answer, dict) or answer.get("code") != 0:
            raise GatewayError(f"refused: {str(answer)[:200]}")
        return str(answer.get("msgid") or "")


# --- consent ---------------------------------------------------------------------------------


CONSENT_FIELDS = ("purpose", "channel", "recorded_at", "recorded_by", "withdrawn_at")


def record_consent(conn: Connection, mobile: str, *, purpose: str, channel: str, by: str) -> None:
    """The client agreed (purpose, channel, who recorded it, now); it replaces a withdrawal."""
    statement = postgresql.insert(consent).values(
        mobile=mobile, purpose=purpose, channel=channel, recorded_at=utcnow(), recorded_by=by, withdrawn_at=None
    )
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=[consent.c.mobile],
            set_={
                k: statement.excluded[k] for k in ("purpose", "channel", "recorded_at", "recorded_by", "withdrawn_at")
            },
        )
    )


def opt_out(conn: Connection, mobile: str) -> None:
    """Withdraw consent (a TD reply, a call): nothing more is sent to ``mobile``."""
    conn.execute(consent.update().where(consent.c.mobile == mobile).values(withdrawn_at=utcnow()))
    if not conn.execute(sa.select(consent.c.mobile).where(consent.c.mobile == mobile)).first():
        values = {"purpose": "", "channel": "opt-out", "recorded_by": "", "recorded_at": utcnow()}
        conn.execute(consent.insert().values(mobile=mobile, withdrawn_at=utcnow(), **values))


def may_message(conn: Connection, mobile: str) -> bool:
    row = conn.execute(sa.select(consent.c.withdrawn_at).where(consent.c.mobile == mobile)).first()
    return row is not None and row.withdrawn_at is None


# --- planning --------------------------------------------------------------------------------


def texts(appointment: Appointment, branch: Branch) -> dict[Kind, str]:
    start = local(appointment.slot_start)
    when = f"{start:%m月%d日} {start:%H:%M}"
    where = f"{branch.name}（{branch.address}）"
    return {
        Kind.CONFIRMATION: (
            f"{SIGNATURE}您已预约{when}到{where}办理{appointment.purpose.label}，预约码 {appointment.code}。"
            f"到店报手机号或出示签到码 APPT:{appointment.code} 即可签到，无需排队取号。回复TD退订"
        ),
        Kind.REMINDER_DAY: (
            f"{SIGNATURE}提醒：您明天{start:%H:%M}在{where}有预约，预约码 {appointment.code}。回复TD退订"
        ),
        Kind.REMINDER_2H: (
            f"{SIGNATURE}提醒：您今天{start:%H:%M}的预约即将开始，预约码 {appointment.code}，请携带本人身份证件。"
        ),
    }


def due_times(appointment: Appointment, now: datetime) -> dict[Kind, datetime]:
    start = local(appointment.slot_start)
    evening = datetime.combine(start.date() - timedelta(days=1), REMINDER_EVENING, tzinfo=BRANCH_TZ)
    return {Kind.CONFIRMATION: now, Kind.REMINDER_DAY: evening, Kind.REMINDER_2H: start - timedelta(hours=2)}


def plan(conn: Connection, *, now: datetime | None = None) -> int:
    """Write the messages booked appointments are due (each at most once); return how many are new."""
    now = now or utcnow()
    rows = conn.execute(
        sa.select(Appointment.__table__, Branch.name.label("branch_name"), Branch.address.label("branch_address"))
        .join(Branch, Branch.id == Appointment.branch_id)
        .where(
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.deleted_at.is_(None),
            Appointment.slot_start > now,
            Appointment.slot_start < now + timedelta(days=PLAN_DAYS_AHEAD),
        )
    ).all()
    planned = 0
    for row in rows:
        appointment = Appointment(**{c.key: getattr(row, c.key) for c in Appointment.__table__.columns})
        branch = Branch(name=row.branch_name, address=row.branch_address)
        bodies, dues = texts(appointment, branch), due_times(appointment, now)
        for kind in Kind:
            if kind is not Kind.CONFIRMATION and dues[kind] <= now:
                continue  # a reminder whose moment has passed is not sent late
            statement = postgresql.insert(message).values(
                id=uuid.uuid4(),
                appointment_id=appointment.id,
                kind=kind.value,
                mobile=appointment.mobile,
                body=bodies[kind],
                due_at=dues[kind],
                status=Status.PENDING.value,
                attempts=0,
                created_at=now,
            )
            planned += len(conn.execute(statement.on_conflict_do_nothing().returning(message.c.id)).all())
    return planned


# --- sending ---------------------------------------------------------------------------------


def quiet(moment: datetime) -> bool:
    clock = local(moment).time()
    return clock >= QUIET_FROM or clock < QUIET_UNTIL


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    waiting: int = 0


def send_due(engine: sa.Engine, gateway: SmsGateway, *, now: datetime | None = None, limit: int = 500) -> SendReport:
    """Send the messages due by ``now`` (see the module docstring); return what happened."""
    now = now or utcnow()
    report = SendReport()
    if quiet(now):
        with engine.connect() as conn:
            report.waiting = int(
                conn.execute(sa.select(sa.func.count()).where(message.c.status == "pending")).scalar_one()
            )
        return report
    for _ in range(limit):
        with engine.begin() as conn:
            row = conn.execute(
                sa.select(message)
                .where(message.c.status == Status.PENDING.value, message.c.due_at <= now)
                .order_by(message.c.due_at)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                break
            outcome = _send_one(conn, gateway, row, now)
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def _send_one(conn: Connection, gateway: SmsGateway, row: Any, now: datetime) -> str:
    def update(**values: Any) -> None:
        conn.execute(message.update().where(message.c.id == row.id).values(**values))

    status = conn.execute(sa.select(Appointment.status).where(Appointment.id == row.appointment_id)).scalar()
    reason = None
    if status != AppointmentStatus.BOOKED:
        reason = f"预约已{AppointmentStatus(status).label if status else '删除'}"
    elif not may_message(conn, row.mobile):
        reason = "客户未同意或已退订短信"
    if reason is not None:
        update(status=Status.SKIPPED.value, last_error=reason)
        log.info("message %s to %s skipped: %s", row.kind, mask_phone(row.mobile), reason)
        return "skipped"
    try:
        ref = gateway.send(row.mobile, row.body, str(row.id))
    except GatewayError as exc:
        attempts = row.attempts + 1
        final = attempts >= MAX_ATTEMPTS
        retry_at = now + timedelta(minutes=5 * attempts)
        status_now = Status.FAILED if final else Status.PENDING
        update(
            attempts=attempts, last_error=str(exc)[:300], due_at=row.due_at if final else retry_at, status=status_now
        )
        log.warning("message %s to %s not sent (attempt %d): %s", row.kind, mask_phone(row.mobile), attempts, exc)
        return "failed" if final else "waiting"
    update(status=Status.SENT.value, gateway_ref=ref[:100], sent_at=now, attempts=row.attempts + 1)
    log.info("message %s sent to %s (%s)", row.kind, mask_phone(row.mobile), ref)
    return "sent"
