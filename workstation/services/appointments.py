"""Telesales appointments: booking one, and importing the call centre's CSV/XLSX export.

An import never creates the same appointment twice: each row is keyed by the call centre's own
id column when the export has one, else by a digest of (mobile, day, slot, branch). Every row
that cannot be imported is reported with its line number and each reason, in Chinese.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors, textcheck
from workstation.clock import BRANCH_TZ, business_date, utcnow
from workstation.domain import AppointmentStatus, Purpose, Role
from workstation.errors import FieldProblem
from workstation.forms.identity import check_mobile
from workstation.models import Appointment, Branch, Campaign, Staff
from workstation.names import search_keys
from workstation.services import appointment_file, audit
from workstation.services.actor import Actor
from workstation.services.reception import new_appointment_code

MAX_NAME_LENGTH = 60
"""The wizard's limit (:meth:`Findings.person_name`): one name rule for the whole product."""
MAX_NOTES_LENGTH = 500
DEFAULT_HOURS = (time(8, 0), time(18, 0))
"""Opening hours when the branch has none that can be read."""
MAX_IMPORT_ROWS = 20_000

HEADERS = appointment_file.HEADERS
REQUIRED = appointment_file.REQUIRED
PURPOSES = {
    "新开户": Purpose.NEW_ACCOUNT, "开户": Purpose.NEW_ACCOUNT, "new_account": Purpose.NEW_ACCOUNT,
    "转户": Purpose.TRANSFER_IN, "转入": Purpose.TRANSFER_IN, "转托管": Purpose.TRANSFER_IN,
    "transfer_in": Purpose.TRANSFER_IN, "其他": Purpose.OTHER, "其它": Purpose.OTHER, "other": Purpose.OTHER,
}  # fmt: skip


@dataclass(frozen=True)
class AppointmentRequest:
    """What a booking needs, validated (from the booking dialog or an import row)."""

    client_name: str
    mobile: str
    purpose: Purpose
    slot_start: datetime
    slot_end: datetime
    agent_id: uuid.UUID | None = None
    campaign_id: uuid.UUID | None = None
    notes: str = ""
    external_ref: str | None = None
    lead_id: uuid.UUID | None = None
    """The booth lead this booking came from (``leads export`` gives its 线索编号)."""


def check_client_name(value: str, field_name: str = "client_name") -> str:
    """A client's name: the wizard's rule (:meth:`Findings.person_name`, the one name rule of the
    product: Han characters, letters, '·' between parts, at most 60 characters; no digits,
    symbols, formulas, control/zero-width/bidi characters), and no ``?``/U+FFFD left by an
    exporter that could not encode the name."""
    from workstation.accounts.checks import Findings

    text = value if isinstance(value, str) else ""
    if "?" in text or "？" in text or "\ufffd" in text:
        raise errors.ValidationError(
            [
                FieldProblem(
                    field_name,
                    "客户姓名含有“?”或乱码替换符：导出时生僻字可能已丢失，请向呼叫中心核实姓名。",
                    "The name holds '?' or U+FFFD: a character was lost on export.",
                )
            ]
        )
    f = Findings({field_name: text})
    name = f.person_name(field_name, "客户姓名", max_length=MAX_NAME_LENGTH)
    if f.errors:
        raise errors.ValidationError(list(f.errors))
    if name.upper() in ("TRUE", "FALSE", "NULL", "NONE", "N/A", "NAN"):
        raise errors.ValidationError(
            [FieldProblem(field_name, f"客户姓名“{name}”不是姓名。", f"“{name}” is not a name.")]
        )
    return name


def check_notes(value: str, field_name: str = "notes", label: str = "备注") -> str:
    """Remarks: trimmed NFC, newlines allowed, no control/zero-width/bidi characters, no formula,
    at most 500 characters (never silently cut)."""
    text = unicodedata.normalize("NFC", value or "").strip().replace("\r\n", "\n").replace("\r", "\n")
    problems: list[FieldProblem] = []
    hostile = textcheck.hostile_character(text, allow_newline=True)
    if hostile is not None:
        problems.append(textcheck.hostile_problem(field_name, label, hostile))
    elif textcheck.is_formula(text):
        problems.append(FieldProblem(field_name, f"“{label}”不能以 = + - @ 开头（表格公式）。", "A formula."))
    elif len(text) > MAX_NOTES_LENGTH:
        problems.append(
            FieldProblem(
                field_name, f"“{label}”过长：最多 {MAX_NOTES_LENGTH} 个字，当前 {len(text)} 个字。", "Too long."
            )
        )
    if problems:
        raise errors.ValidationError(problems)
    return text


def book(session: Session, actor: Actor, branch_id: uuid.UUID, request: AppointmentRequest) -> Appointment:
    """Book an appointment (telesales agents, or reception on a client's behalf)."""
    actor.require((Role.TELESALES, Role.RECEPTION, Role.SUPERVISOR), "预约登记")
    request = replace(
        request, client_name=check_client_name(request.client_name), notes=check_notes(request.notes)
    )  # the dialog checked them already; a script calling the service must not bypass the rule
    if request.slot_end <= request.slot_start:
        raise errors.ValidationError(
            [FieldProblem("slot", "结束时间须晚于开始时间。", "The slot must end after it starts.")]
        )
    if business_date(request.slot_start) < business_date():
        raise errors.ValidationError([FieldProblem("slot", "不能预约已过去的日期。", "The slot is in the past.")])
    if request.slot_end <= utcnow():
        raise errors.ValidationError(
            [FieldProblem("slot", "该时段已过去，请选择之后的时段。", "This time slot is over; choose a later one.")]
        )
    appointment = _new_appointment(session, branch_id, request, agent_id=request.agent_id or _agent_of(actor))
    audit.record(
        session, actor, "appointment.book", branch_id=branch_id, entity="appointment", entity_id=appointment.id
    )
    return appointment


def _agent_of(actor: Actor) -> uuid.UUID | None:
    return actor.staff_id if Role.TELESALES in actor.roles else None


def _new_appointment(
    session: Session, branch_id: uuid.UUID, request: AppointmentRequest, *, agent_id: uuid.UUID | None
) -> Appointment:
    keys = search_keys(request.client_name)
    appointment = Appointment(
        branch_id=branch_id,
        code=new_appointment_code(),
        external_ref=request.external_ref,
        client_name=request.client_name,
        pinyin_full=keys.full,
        pinyin_initials=keys.initials,
        mobile=request.mobile,
        purpose=request.purpose,
        slot_start=request.slot_start,
        slot_end=request.slot_end,
        telesales_agent_id=agent_id,
        campaign_id=request.campaign_id,
        notes=request.notes,
        lead_id=request.lead_id,
    )
    session.add(appointment)
    session.flush()
    return appointment


# --- reading the call centre's export: see appointment_file ---------------------------------------

read_table = appointment_file.read_table


# --- importing ----------------------------------------------------------------------------------

CANCEL_WORDS = {"取消", "已取消", "撤销", "已撤销", "作废", "cancel", "cancelled", "canceled"}
ACTIVE_WORDS = {"", "预约", "已预约", "正常", "有效", "新增", "修改", "已修改", "改约", "booked", "new", "updated"}


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: list[int] = field(default_factory=list)
    """Line numbers already imported earlier (or twice in this file) unchanged: skipped, not errors."""
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)
    """(line number, reasons) for rows that were not imported."""
    updated: list[int] = field(default_factory=list)
    """Lines that changed an appointment imported earlier (a corrected re-export): 已更新."""
    cancelled: list[int] = field(default_factory=list)
    """Lines that cancelled an appointment imported earlier: 已取消."""
    next_line: int | None = None
    """Set when the file is over the row limit: import again from this line for the rest."""


def import_appointments(
    session: Session,
    branch_id: uuid.UUID,
    rows: Iterable[dict[str, str]],
    *,
    today: date | None = None,
    now: datetime | None = None,
    from_line: int = 0,
) -> ImportReport:
    """Import call-centre rows for this branch; see the module docstring for the rules.

    Identity: the call centre's stable key (外呼编号/预约编号) when the export has one, else the
    person (mobile) + date + branch. A row for a known appointment updates it (已更新) or, with
    状态 = 取消, cancels it (已取消); an unchanged row is a duplicate. At most
    :data:`MAX_IMPORT_ROWS` rows per run: ``from_line`` continues a large file in parts.
    """
    now = now or datetime.now(BRANCH_TZ)
    today = today or business_date(now)
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise errors.NotFound(what="本营业部")
    hours = opening_hours(branch.opening_hours)
    report = ImportReport()
    seen: dict[str, int] = {}
    handled = 0
    for index, row in enumerate(rows, start=2):  # without LINE: line 1 is the header
        line = int(row.get(appointment_file.LINE, index))
        if line < from_line:
            continue
        if handled >= MAX_IMPORT_ROWS:
            report.next_line = line
            report.rejected.append(
                (line, [f"超过单次导入上限 {MAX_IMPORT_ROWS} 行：请从第 {line} 行起再次导入余下部分"])
            )
            break
        handled += 1
        _import_row(session, branch, row, line, today, now, hours, seen, report)
    audit.record(
        session, None, "appointment.import", branch_id=branch.id,
        imported=report.imported, duplicates=len(report.duplicates), rejected=len(report.rejected),
        updated=len(report.updated), cancelled=len(report.cancelled),
    )  # fmt: skip
    return report


def _import_row(
    session: Session,
    branch: Branch,
    row: dict[str, str],
    line: int,
    today: date,
    now: datetime,
    hours: tuple[time, time],
    seen: dict[str, int],
    report: ImportReport,
) -> None:
    status_text = _clean(row.get("status", "")).lower()
    cancel = status_text in CANCEL_WORDS
    if not cancel and status_text not in ACTIVE_WORDS:
        report.rejected.append((line, [f"预约状态“{row.get('status', '')}”无法识别（应为 已预约/已取消）"]))
        return
    request, problems = _parse_row(session, branch, row, today, now, hours)
    if request is None:
        report.rejected.append((line, problems))
        return
    assert request.external_ref is not None
    existing = session.scalars(
        sa.select(Appointment).where(Appointment.external_ref == request.external_ref)
    ).one_or_none()
    if request.external_ref in seen and not cancel:
        if existing is not None and _same(existing, request):
            report.duplicates.append(line)
        else:
            first = seen[request.external_ref]
            report.rejected.append((line, [f"与第 {first} 行是同一预约（同一编号或同一手机号同一天），但内容不同"]))
        return
    seen[request.external_ref] = line
    if existing is None:
        if cancel:
            report.rejected.append((line, ["要取消的预约尚未导入过，已跳过"]))
            return
        _new_appointment(session, branch.id, request, agent_id=request.agent_id)
        report.imported += 1
        return
    if existing.status is not AppointmentStatus.BOOKED:
        if (cancel and existing.status is AppointmentStatus.CANCELLED) or _same(existing, request):
            report.duplicates.append(line)
        else:
            report.rejected.append((line, [f"该预约已是“{existing.status.label}”，不能再更改"]))
        return
    if cancel:
        existing.status = AppointmentStatus.CANCELLED
        existing.status_changed_at = now
        report.cancelled.append(line)
    elif _same(existing, request):
        report.duplicates.append(line)
        return
    else:
        keys = search_keys(request.client_name)
        existing.client_name, existing.pinyin_full, existing.pinyin_initials = (
            request.client_name,
            keys.full,
            keys.initials,
        )
        existing.mobile, existing.purpose, existing.notes = request.mobile, request.purpose, request.notes
        existing.slot_start, existing.slot_end = request.slot_start, request.slot_end
        existing.telesales_agent_id, existing.campaign_id = request.agent_id, request.campaign_id
        report.updated.append(line)
    session.flush()
    audit.record(
        session, None, "appointment.cancel" if cancel else "appointment.update", branch_id=branch.id,
        entity="appointment", entity_id=existing.id,
    )  # fmt: skip


def _same(existing: Appointment, request: AppointmentRequest) -> bool:
    return (
        existing.client_name == request.client_name
        and existing.mobile == request.mobile
        and existing.purpose == request.purpose
        and existing.slot_start == request.slot_start
        and existing.slot_end == request.slot_end
        and existing.notes == request.notes
        and existing.telesales_agent_id == request.agent_id
        and existing.campaign_id == request.campaign_id
    )


def _parse_row(
    session: Session,
    branch: Branch,
    row: dict[str, str],
    today: date,
    now: datetime | None = None,
    hours: tuple[time, time] = DEFAULT_HOURS,
) -> tuple[AppointmentRequest | None, list[str]]:
    problems: list[str] = []

    def attempt(check: Any, *args: Any) -> Any:
        try:
            return check(*args)
        except errors.ValidationError as exc:
            problems.extend(p.zh for p in exc.problems)
            return None

    for key, value in row.items():
        if key != "notes" and isinstance(value, str) and textcheck.is_formula(value) and key != "mobile":
            problems.append(f"“{value[:20]}”是表格公式（以 = + - @ 开头），不能导入")
    name = attempt(check_client_name, row.get("client_name", ""))
    mobile_info = attempt(check_mobile, row.get("mobile", ""))
    slot = attempt(parse_slot, row.get("day", ""), row.get("slot", ""), today, now, hours)
    notes = attempt(check_notes, row.get("notes", ""))
    purpose = PURPOSES.get(_clean(row.get("purpose", "")) or "新开户")
    if purpose is None:
        problems.append(f"办理业务“{row.get('purpose', '')}”无法识别（应为 新开户/转户/其他）")
    branch_text = _clean(row.get("branch", ""))
    if branch_text and branch_text not in (branch.code, branch.name):
        problems.append(f"营业部“{branch_text}”不是本营业部（{branch.name}）")
    agent_id = _lookup(session, Staff, Staff.staff_no, row.get("agent", ""), "坐席工号", problems)
    campaign_id = _lookup(session, Campaign, Campaign.code, row.get("campaign", ""), "活动编号", problems)
    external = _clean(row.get("external_ref", ""))
    bad = textcheck.hostile_character(external) or textcheck.foreign_digit(external)
    if bad is not None:
        problems.append(f"外呼编号含有不允许的字符 U+{ord(bad):04X}")
    if len(external) > 60:
        problems.append("外呼编号过长（最多 60 个字符）")
    lead_id = _lead_id(row.get("lead", ""), problems)
    if problems or name is None or mobile_info is None or slot is None or purpose is None or notes is None:
        return None, problems
    ref = f"cc:{external}" if external else _digest(mobile_info.number, slot[0].date(), branch.code)
    return AppointmentRequest(
        client_name=name, mobile=mobile_info.number, purpose=purpose, slot_start=slot[0], slot_end=slot[1],
        agent_id=agent_id, campaign_id=campaign_id, notes=notes, external_ref=ref, lead_id=lead_id,
    ), []  # fmt: skip


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _lookup(session: Session, model: Any, column: Any, text: str, label: str, problems: list[str]) -> uuid.UUID | None:
    key = _clean(text).upper()
    if not key:
        return None
    if textcheck.hostile_character(key) or len(key) > 40:
        problems.append(f"{label}无效")
        return None
    found: uuid.UUID | None = session.scalar(sa.select(model.id).where(sa.func.upper(column) == key))
    if found is None:
        problems.append(f"{label}“{key}”不存在")
    return found


def _lead_id(text: str, problems: list[str]) -> uuid.UUID | None:
    """The lead's id as ``leads export`` wrote it (the lead itself may be another branch's)."""
    key = _clean(text)
    if not key:
        return None
    try:
        return uuid.UUID(key)
    except ValueError:
        problems.append(f"线索编号“{key[:40]}”格式不正确")
        return None


def _digest(mobile: str, day: date, branch_code: str) -> str:
    """Identity without the call centre's key: the person (mobile), the day and the branch."""
    return "p:" + hashlib.sha256(f"{mobile}|{day.isoformat()}|{branch_code}".encode()).hexdigest()[:40]


def opening_hours(text: str) -> tuple[time, time]:
    """The first "8:30–16:30" in the branch's opening hours, else :data:`DEFAULT_HOURS`."""
    found = re.search(r"([0-9]{1,2})[:：]([0-9]{2})\s*[-–—~～至到]\s*([0-9]{1,2})[:：]([0-9]{2})", text or "")
    if found:
        h1, m1, h2, m2 = (int(g) for g in found.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and (h1, m1) < (h2, m2):
            return time(h1, m1), time(h2, m2)
    return DEFAULT_HOURS


def _slot_problem(zh: str) -> errors.ValidationError:
    return errors.ValidationError([FieldProblem("slot", zh, "Unreadable or impossible slot.")])


def parse_slot(
    day_text: str,
    slot_text: str,
    today: date,
    now: datetime | None = None,
    hours: tuple[time, time] = DEFAULT_HOURS,
) -> tuple[datetime, datetime]:
    """ "2026-11-25" + "10:00-11:00" (also "10点", "下午3点半", "3:30 p.m.", "15.30", "15:30:00",
    "10:00～11:00") → aware datetimes within the opening hours, not in the past.

    Raises:
        ValidationError: unreadable, ambiguous (no 上午/下午 and outside the opening hours),
            outside the opening hours, ending before it starts, or already past.
    """
    day = _parse_day(_clean(day_text))
    if day is None:
        raise errors.ValidationError([FieldProblem("day", f"预约日期“{day_text}”无法识别", "Unreadable date.")])
    if day < today:
        raise errors.ValidationError([FieldProblem("day", f"预约日期 {day} 已过去", "The date is in the past.")])
    text = _clean(slot_text)
    if textcheck.foreign_digit(text):
        raise _slot_problem(f"预约时段“{slot_text}”含有非 0–9 的数字")
    parts = [p for p in re.split(r"\s*(?:[-–—~～至到]|(?<![:.])\s+(?=[0-9]))\s*", text) if p]
    if not parts or len(parts) > 2:
        raise _slot_problem(f"预约时段“{slot_text}”无法识别")
    marker = _half_day(parts[0])
    times: list[time] = []
    for part in parts:
        own = _half_day(part)
        times.append(_parse_time(part, own or marker, slot_text, hours))
    start = datetime.combine(day, times[0], tzinfo=BRANCH_TZ)
    end = datetime.combine(day, times[1], tzinfo=BRANCH_TZ) if len(times) == 2 else start + timedelta(hours=1)
    if end <= start:
        raise _slot_problem(f"预约时段“{slot_text}”结束早于开始")
    open_, close = hours
    if times[0] < open_ or times[0] >= close or (len(times) == 2 and times[1] > close):
        raise _slot_problem(f"预约时段“{slot_text}”（{times[0]:%H:%M}）不在营业时间 {open_:%H:%M}–{close:%H:%M} 内")
    if now is not None and start < now:
        raise _slot_problem(f"预约时段 {start:%Y-%m-%d %H:%M} 已过去")
    return start, end


def _half_day(text: str) -> str:
    if re.search(r"下午|午后|晚上|傍晚|p\.?\s*m\.?", text, re.IGNORECASE):
        return "pm"
    if re.search(r"上午|早上|早晨|凌晨|a\.?\s*m\.?", text, re.IGNORECASE):
        return "am"
    if "中午" in text:
        return "noon"
    return ""


_MINUTE_WORDS = {"半": 30, "一刻": 15, "三刻": 45, "整": 0, "": 0}


def _parse_time(part: str, marker: str, original: str, hours: tuple[time, time]) -> time:
    core = re.sub(r"下午|午后|晚上|傍晚|上午|早上|早晨|凌晨|中午|p\.?\s*m\.?|a\.?\s*m\.?", "", part, flags=re.I).strip()
    clock = re.fullmatch(r"([0-9]{1,2})(?:[:：.]([0-9]{2})(?:[:：]([0-9]{2}))?)?", core)
    spoken = re.fullmatch(r"([0-9]{1,2})\s*[点时]\s*(?:([0-9]{1,2})\s*分?|(半|一刻|三刻|整))?", core)
    if clock is not None:
        hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
    elif spoken is not None:
        hour = int(spoken.group(1))
        minute = _MINUTE_WORDS[spoken.group(3)] if spoken.group(3) else int(spoken.group(2) or 0)
    else:
        raise _slot_problem(f"预约时段“{original}”无法识别（可写作 10:00、15:30、下午3点半、10:00-11:00）")
    if (marker == "pm" and hour < 12) or (marker == "noon" and hour < 3):
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise _slot_problem(f"预约时段“{original}”不是有效时间")
    value = time(hour, minute)
    if (
        not marker
        and hour < 12
        and not (hours[0] <= value < hours[1])
        and hours[0] <= time(hour + 12, minute) < hours[1]
    ):
        raise _slot_problem(
            f"预约时段“{original}”未注明上午/下午，{value:%H:%M} 不在营业时间内；"
            f"如指 {hour + 12}:{minute:02d}，请写作“下午{part}”或“{hour + 12}:{minute:02d}”"
        )
    return value


def _parse_day(text: str) -> date | None:
    text = (
        text.split(" ")[0].replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
    )
    if re.fullmatch(r"[0-9]{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"[0-9]{5}", text):  # an Excel serial date exported as a number
        return date(1899, 12, 30) + timedelta(days=int(text))
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        return None
