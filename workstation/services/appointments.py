"""Telesales appointments: booking one, and importing the call centre's CSV/XLSX export.

An import never creates the same appointment twice: each row is keyed by the call centre's own
id column when the export has one, else by a digest of (mobile, day, slot, branch). Every row
that cannot be imported is reported with its line number and each reason, in Chinese.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import BRANCH_TZ, business_date, utcnow
from workstation.domain import Purpose, Role
from workstation.errors import FieldProblem
from workstation.forms.identity import check_mobile
from workstation.models import Appointment, Branch, Campaign, Staff
from workstation.names import normalize_name, search_keys
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.reception import new_appointment_code

MAX_NAME_LENGTH = 30
MAX_IMPORT_ROWS = 20_000

HEADERS: dict[str, tuple[str, ...]] = {
    "external_ref": ("外呼编号", "预约编号", "记录编号", "编号", "id", "ref", "external_ref"),
    "client_name": ("客户姓名", "姓名", "客户", "name", "client_name"),
    "mobile": ("手机号", "手机号码", "手机", "联系电话", "电话", "mobile", "phone"),
    "day": ("预约日期", "日期", "到店日期", "date", "day"),
    "slot": ("预约时段", "时段", "预约时间", "时间", "slot", "time"),
    "purpose": ("办理业务", "业务类型", "业务", "预约事项", "purpose"),
    "branch": ("营业部", "营业部代码", "网点", "branch"),
    "agent": ("坐席工号", "电销工号", "工号", "坐席", "agent"),
    "campaign": ("活动编号", "活动代码", "活动", "campaign"),
    "notes": ("备注", "说明", "notes"),
    "lead": ("线索编号", "lead_id", "lead"),
}
REQUIRED = ("client_name", "mobile", "day", "slot")
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
    """A client's name as typed: trimmed, NFC, no control characters, at most 30 characters."""
    name = normalize_name(value or "")
    if not name:
        raise errors.ValidationError([FieldProblem(field_name, "请填写客户姓名。", "Enter the client's name.")])
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise errors.ValidationError(
            [FieldProblem(field_name, "客户姓名含有控制字符。", "The name has control characters.")]
        )
    if any(unicodedata.category(ch) in ("So", "Sk") for ch in name) or re.search(r"\d", name):
        raise errors.ValidationError(
            [FieldProblem(field_name, "客户姓名不能包含数字或表情符号。", "The name cannot contain digits or emoji.")]
        )
    if len(name) > MAX_NAME_LENGTH:
        raise errors.ValidationError(
            [FieldProblem(field_name, f"客户姓名过长（最多 {MAX_NAME_LENGTH} 个字）。", "The name is too long.")]
        )
    return name


def book(session: Session, actor: Actor, branch_id: uuid.UUID, request: AppointmentRequest) -> Appointment:
    """Book an appointment (telesales agents, or reception on a client's behalf)."""
    actor.require((Role.TELESALES, Role.RECEPTION, Role.SUPERVISOR), "预约登记")
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


# --- reading the call centre's export -----------------------------------------------------------


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8 with or without BOM, or GBK/GB18030) or XLSX file, keyed by field.

    Raises:
        ValidationError: the file cannot be read, or a required column is missing.
    """
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raw_rows = list(_xlsx_rows(path))
        else:
            raw_rows = list(csv.reader(io.StringIO(_decode(path.read_bytes()))))
    except FileNotFoundError as exc:
        raise errors.ValidationError([FieldProblem("file", f"找不到文件 {path}", f"No such file: {path}")]) from exc
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise errors.ValidationError(
            [
                FieldProblem(
                    "file", f"无法读取文件（不是有效的 CSV 或 Excel 文件）：{exc}", f"Cannot read the file: {exc}"
                )
            ]
        ) from exc
    raw_rows = [row for row in raw_rows if any(cell.strip() for cell in row)]
    if not raw_rows:
        raise errors.ValidationError([FieldProblem("file", "文件中没有数据。", "The file is empty.")])
    columns = _map_headers(raw_rows[0])
    missing = [name for name in REQUIRED if name not in columns.values()]
    if missing:
        labels = "、".join(HEADERS[name][0] for name in missing)
        raise errors.ValidationError(
            [FieldProblem("file", f"缺少必需的列：{labels}。", f"Missing columns: {missing}.")]
        )
    return [{columns[i]: cell.strip() for i, cell in enumerate(row) if i in columns} for row in raw_rows[1:]]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("文件编码无法识别（应为 UTF-8 或 GBK）")


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # only imports cost when an import actually runs

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a mobile stored as a number: 13812345678.0
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time.min else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _map_headers(header: list[str]) -> dict[int, str]:
    lookup = {alias.lower(): name for name, aliases in HEADERS.items() for alias in aliases}
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        key = re.sub(r"[\s*：:（）()]", "", unicodedata.normalize("NFKC", title)).lower()
        if key in lookup and lookup[key] not in columns.values():
            columns[index] = lookup[key]
    return columns


# --- importing ----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: list[int] = field(default_factory=list)
    """Line numbers already imported earlier (or twice in this file): skipped, not errors."""
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)
    """(line number, reasons) for rows that were not imported."""


def import_appointments(
    session: Session, branch_id: uuid.UUID, rows: Iterable[dict[str, str]], *, today: date | None = None
) -> ImportReport:
    """Import call-centre rows for this branch; see the module docstring for the rules."""
    today = today or business_date()
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise errors.NotFound(what="本营业部")
    report = ImportReport()
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        if line - 1 > MAX_IMPORT_ROWS:
            report.rejected.append((line, [f"超过单次导入上限 {MAX_IMPORT_ROWS} 行"]))
            break
        request, problems = _parse_row(session, branch, row, today)
        if request is None:
            report.rejected.append((line, problems))
            continue
        assert request.external_ref is not None
        if request.external_ref in seen or session.scalar(
            sa.select(Appointment.id).where(Appointment.external_ref == request.external_ref)
        ):
            report.duplicates.append(line)
            continue
        seen.add(request.external_ref)
        _new_appointment(session, branch.id, request, agent_id=request.agent_id)
        report.imported += 1
    audit.record(
        session, None, "appointment.import", branch_id=branch.id,
        imported=report.imported, duplicates=len(report.duplicates), rejected=len(report.rejected),
    )  # fmt: skip
    return report


def _parse_row(
    session: Session, branch: Branch, row: dict[str, str], today: date
) -> tuple[AppointmentRequest | None, list[str]]:
    problems: list[str] = []

    def attempt(check: Any, *args: Any) -> Any:
        try:
            return check(*args)
        except errors.ValidationError as exc:
            problems.extend(p.zh for p in exc.problems)
            return None

    name = attempt(check_client_name, row.get("client_name", ""))
    mobile_info = attempt(check_mobile, row.get("mobile", ""))
    slot = attempt(_parse_slot, row.get("day", ""), row.get("slot", ""), today)
    purpose = PURPOSES.get(_clean(row.get("purpose", "")) or "新开户")
    if purpose is None:
        problems.append(f"办理业务“{row.get('purpose', '')}”无法识别（应为 新开户/转户/其他）")
    branch_text = _clean(row.get("branch", ""))
    if branch_text and branch_text not in (branch.code, branch.name):
        problems.append(f"营业部“{branch_text}”不是本营业部（{branch.name}）")
    agent_id = _lookup(session, Staff, Staff.staff_no, row.get("agent", ""), "坐席工号", problems)
    campaign_id = _lookup(session, Campaign, Campaign.code, row.get("campaign", ""), "活动编号", problems)
    lead_id = _lead_id(row.get("lead", ""), problems)
    if problems or name is None or mobile_info is None or slot is None or purpose is None:
        return None, problems
    external = _clean(row.get("external_ref", ""))
    ref = f"cc:{external}" if external else _digest(mobile_info.number, slot[0], branch.code)
    return AppointmentRequest(
        client_name=name, mobile=mobile_info.number, purpose=purpose, slot_start=slot[0], slot_end=slot[1],
        agent_id=agent_id, campaign_id=campaign_id, notes=row.get("notes", "")[:500], external_ref=ref[:64],
        lead_id=lead_id,
    ), []  # fmt: skip


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def _lookup(session: Session, model: Any, column: Any, text: str, label: str, problems: list[str]) -> uuid.UUID | None:
    key = _clean(text).upper()
    if not key:
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


def _digest(mobile: str, start: datetime, branch_code: str) -> str:
    return "h:" + hashlib.sha256(f"{mobile}|{start.isoformat()}|{branch_code}".encode()).hexdigest()[:40]


def _parse_slot(day_text: str, slot_text: str, today: date) -> tuple[datetime, datetime]:
    """ "2026-11-25" + "10:00-11:00" (or "10:00", "10点", "下午3点", "10:00～11:00") → aware datetimes."""
    day = _parse_day(_clean(day_text))
    if day is None:
        raise errors.ValidationError([FieldProblem("day", f"预约日期“{day_text}”无法识别", "Unreadable date.")])
    if day < today:
        raise errors.ValidationError([FieldProblem("day", f"预约日期 {day} 已过去", "The date is in the past.")])
    text = _clean(slot_text).replace("分", "")
    times = re.findall(r"(\d{1,2})(?:[:：点时](\d{2})?)?", text)
    afternoon = bool(re.search(r"下午|午后|晚上|傍晚|pm", text, re.IGNORECASE))  # "下午3点" is 15:00
    parsed = [
        (int(h) + 12 if afternoon and int(h) < 12 else int(h), int(m or 0))
        for h, m in times
        if int(h) < 24 and int(m or 0) < 60
    ]
    if not parsed or len(parsed) > 2:
        raise errors.ValidationError([FieldProblem("slot", f"预约时段“{slot_text}”无法识别", "Unreadable slot.")])
    start = datetime.combine(day, time(*parsed[0]), tzinfo=BRANCH_TZ)
    end = datetime.combine(day, time(*parsed[1]), tzinfo=BRANCH_TZ) if len(parsed) == 2 else start + timedelta(hours=1)
    if end <= start:
        raise errors.ValidationError([FieldProblem("slot", f"预约时段“{slot_text}”结束早于开始", "Slot ends early.")])
    return start, end


def _parse_day(text: str) -> date | None:
    text = (
        text.split(" ")[0].replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
    )
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"\d{5}", text):  # an Excel serial date exported as a number
        return date(1899, 12, 30) + timedelta(days=int(text))
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        return None
