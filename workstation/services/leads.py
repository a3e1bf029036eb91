"""Leads from outside the branch (社区营销/技术服务站/通讯营业厅驻点): register, withdraw, export.

Booth staff register a prospect's mobile ("登记电话送小礼品") with an optional name, where it came
from, what the person is interested in, and the consent that allows the call-back (PIPL: purpose,
channel, time, who recorded it). Without consent nothing is stored. A withdrawal is recorded, the
lead stays (the proof of what was agreed and when it ended) but is never exported again.

Rules (table-driven tests in tests/test_leads.py):

- the mobile is a mainland China mobile (:func:`~workstation.forms.identity.check_mobile`);
- the name is optional; when given it follows the appointment name rule (no digits, no emoji);
- the consent purpose and channel are required;
- one open lead per mobile and branch: registering it again while the first is not withdrawn is
  refused (the call centre would call twice); after a withdrawal a new registration is allowed;
- the export lists only consented, not withdrawn, not deleted leads, spreadsheet-safe.
"""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import BRANCH_TZ, utcnow
from workstation.domain import LeadSource, Purpose, Role
from workstation.errors import FieldProblem
from workstation.files import private_file
from workstation.forms.identity import check_mobile
from workstation.masking import mask_phone
from workstation.models import Branch, Campaign, Lead, Staff
from workstation.printing.files import atomic_write_bytes
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.appointments import check_client_name

MAX_PURPOSE = 200
MAX_CHANNEL = 40
MAX_DETAIL = 100
REGISTER_ROLES = (Role.RECEPTION, Role.CLERK, Role.SUPERVISOR, Role.TELESALES)


class LeadAlreadyRegistered(errors.UserError):
    code = "lead.duplicate"
    zh = "手机号 {mobile} 已登记为线索（{when}），无需重复登记。"
    en = "The mobile {mobile} is already registered as a lead ({when})."


class LeadAlreadyWithdrawn(errors.UserError):
    code = "lead.withdrawn"
    zh = "该线索已于 {when} 撤回同意。"
    en = "Consent for this lead was withdrawn on {when}."


@dataclass(frozen=True)
class LeadRequest:
    """What a booth registration holds, as typed (validated by :func:`register`)."""

    mobile: str
    source: LeadSource
    consent_purpose: str
    consent_channel: str
    name: str = ""
    source_detail: str = ""
    interest: Purpose = Purpose.NEW_ACCOUNT
    campaign_id: uuid.UUID | None = None
    notes: str = ""


def _text(value: str, field: str, label: str, limit: int, *, required: bool) -> tuple[str, list[FieldProblem]]:
    text = " ".join((value or "").split())
    if required and not text:
        return "", [FieldProblem(field, f"请填写{label}。", f"Enter the {field.replace('_', ' ')}.")]
    if len(text) > limit:
        return "", [FieldProblem(field, f"{label}过长（最多 {limit} 个字）。", f"The {field} is too long.")]
    return text, []


def validate(request: LeadRequest) -> LeadRequest:
    """The request cleaned (mobile as 11 digits, name normalised), or every problem at once.

    Raises:
        ValidationError: one problem per bad field.
    """
    problems: list[FieldProblem] = []
    mobile = name = ""
    try:
        mobile = check_mobile(request.mobile).number
    except errors.ValidationError as exc:
        problems += exc.problems
    if (request.name or "").strip():
        try:
            name = check_client_name(request.name, "name")
        except errors.ValidationError as exc:
            problems += exc.problems
    purpose, p1 = _text(request.consent_purpose, "consent_purpose", "同意的用途", MAX_PURPOSE, required=True)
    channel, p2 = _text(request.consent_channel, "consent_channel", "同意的方式", MAX_CHANNEL, required=True)
    detail, p3 = _text(request.source_detail, "source_detail", "来源说明", MAX_DETAIL, required=False)
    notes, p4 = _text(request.notes, "notes", "备注", 500, required=False)
    problems += p1 + p2 + p3 + p4
    if problems:
        raise errors.ValidationError(problems)
    return LeadRequest(
        mobile=mobile, source=request.source, consent_purpose=purpose, consent_channel=channel, name=name,
        source_detail=detail, interest=request.interest, campaign_id=request.campaign_id, notes=notes,
    )  # fmt: skip


def open_lead(session: Session, branch_id: uuid.UUID, mobile: str) -> Lead | None:
    """The branch's lead for ``mobile`` that is neither withdrawn nor deleted, if any."""
    return session.scalars(
        sa.select(Lead).where(
            Lead.branch_id == branch_id, Lead.mobile == mobile, Lead.withdrawn_at.is_(None), Lead.deleted_at.is_(None)
        )
    ).first()


def register(session: Session, actor: Actor, request: LeadRequest, *, now: datetime | None = None) -> Lead:
    """Register a lead with its consent for the actor's branch (see the module rules)."""
    actor.require(REGISTER_ROLES, "登记线索")
    clean = validate(request)
    if clean.campaign_id is not None and session.get(Campaign, clean.campaign_id) is None:
        raise errors.NotFound(what="该营销活动")
    existing = open_lead(session, actor.branch_id, clean.mobile)
    if existing is not None:
        when = existing.consent_at.astimezone(BRANCH_TZ).strftime("%Y-%m-%d")
        raise LeadAlreadyRegistered(mobile=mask_phone(clean.mobile), when=when)
    lead = Lead(
        branch_id=actor.branch_id, mobile=clean.mobile, name=clean.name, source=clean.source,
        source_detail=clean.source_detail, campaign_id=clean.campaign_id, interest=clean.interest,
        consent_purpose=clean.consent_purpose, consent_channel=clean.consent_channel, consent_at=now or utcnow(),
        recorded_by_id=actor.staff_id, notes=clean.notes,
    )  # fmt: skip
    session.add(lead)
    session.flush()
    audit.record(
        session, actor, "lead.register", entity="lead", entity_id=lead.id, mobile=mask_phone(clean.mobile),
        source=clean.source.value,
    )  # fmt: skip
    return lead


def withdraw(session: Session, actor: Actor, lead_id: uuid.UUID, *, now: datetime | None = None) -> Lead:
    """Record that the person withdrew consent: the lead is never exported or called again."""
    actor.require(REGISTER_ROLES, "撤回线索同意")
    lead = session.get(Lead, lead_id)
    if lead is None or lead.deleted_at is not None or lead.branch_id != actor.branch_id:
        raise errors.NotFound(what="该线索")
    if lead.withdrawn_at is not None:
        raise LeadAlreadyWithdrawn(when=lead.withdrawn_at.astimezone(BRANCH_TZ).strftime("%Y-%m-%d %H:%M"))
    lead.withdrawn_at = now or utcnow()
    session.flush()
    audit.record(session, actor, "lead.withdraw", entity="lead", entity_id=lead.id)
    return lead


def withdraw_mobile(session: Session, actor: Actor, mobile: str, *, now: datetime | None = None) -> Lead:
    """:func:`withdraw` the branch's open lead of ``mobile`` (what the person tells on the phone)."""
    number = check_mobile(mobile).number
    lead = open_lead(session, actor.branch_id, number)
    if lead is None:
        raise errors.NotFound(what=f"手机号 {mask_phone(number)} 的有效线索")
    return withdraw(session, actor, lead.id, now=now)


# --- the call centre's follow-up list (central) ----------------------------------------------------

EXPORT_HEADERS = (
    "线索编号", "登记时间", "营业部代码", "营业部", "手机号", "姓名", "来源", "来源说明", "意向", "活动代码",
    "同意用途", "同意方式", "登记人", "备注",
)  # fmt: skip
EXPORT_TITLE = "驻点线索（已同意回访）"


@dataclass(frozen=True)
class LeadLine:
    """One lead of the follow-up list."""

    lead_id: uuid.UUID
    consent_at: datetime
    branch_code: str
    branch_name: str
    mobile: str
    name: str
    source: LeadSource
    source_detail: str
    interest: Purpose
    campaign_code: str
    consent_purpose: str
    consent_channel: str
    recorded_by: str
    notes: str

    def cells(self) -> tuple[str, ...]:
        return (
            str(self.lead_id), self.consent_at.astimezone(BRANCH_TZ).strftime("%Y-%m-%d %H:%M"), self.branch_code,
            self.branch_name, self.mobile, self.name, self.source.label, self.source_detail, self.interest.label,
            self.campaign_code, self.consent_purpose, self.consent_channel, self.recorded_by, self.notes,
        )  # fmt: skip


def follow_up_list(
    conn: Connection, *, first: date | None = None, last: date | None = None, branch_code: str | None = None
) -> list[LeadLine]:
    """Consented, not withdrawn, not deleted leads registered from ``first`` to ``last`` (inclusive,
    branch time zone), oldest first; every branch the connection may see, or only ``branch_code``."""
    lead, branch, staff, campaign = Lead, Branch, Staff, Campaign
    query = (
        sa.select(
            lead.id, lead.consent_at, branch.code, branch.name, lead.mobile, lead.name, lead.source,
            lead.source_detail, lead.interest, campaign.code, lead.consent_purpose, lead.consent_channel,
            staff.name, lead.notes,
        )
        .join(branch, branch.id == lead.branch_id)
        .outerjoin(staff, staff.id == lead.recorded_by_id)
        .outerjoin(campaign, campaign.id == lead.campaign_id)
        .where(
            lead.deleted_at.is_(None), lead.withdrawn_at.is_(None), lead.consent_purpose != "",
            lead.consent_channel != "",
        )
        .order_by(lead.consent_at, lead.id)
    )  # fmt: skip
    if first is not None:
        query = query.where(lead.consent_at >= datetime.combine(first, time.min, tzinfo=BRANCH_TZ))
    if last is not None:
        query = query.where(lead.consent_at < datetime.combine(last + timedelta(days=1), time.min, tzinfo=BRANCH_TZ))
    if branch_code is not None:
        query = query.where(branch.code == branch_code)
    return [_line(row) for row in conn.execute(query)]


def _line(row: Any) -> LeadLine:
    values: list[Any] = list(row)
    values[9] = values[9] or ""  # no campaign
    values[12] = values[12] or ""  # no staff name
    return LeadLine(*values)


def safe_cell(cell: str) -> str:
    """No formula injection: text starting with = + - @ gets a leading apostrophe."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def csv_bytes(lines: Sequence[LeadLine]) -> bytes:
    """UTF-8 with BOM (Excel on a Chinese Windows reads it right), CRLF, the headers first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    writer.writerows([safe_cell(c) for c in line.cells()] for line in lines)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(lines: Sequence[LeadLine]) -> bytes:
    """One worksheet, headers bold and frozen; every cell text (a mobile never becomes a number)."""
    from openpyxl import Workbook  # imported only when exporting
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "线索"
    sheet.append(list(EXPORT_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append([safe_cell(c) for c in line.cells()])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export(lines: Sequence[LeadLine], path: str | os.PathLike[str]) -> Path:
    """Write the list atomically, readable by the user only (it holds mobiles): XLSX for ``.xlsx``,
    else CSV.

    Raises:
        OSError: the folder does not exist or cannot be written (the old file is untouched).
    """
    target = Path(path)
    data = xlsx_bytes(lines) if target.suffix.lower() == ".xlsx" else csv_bytes(lines)
    written = atomic_write_bytes(target, data)
    private_file(written)
    return written
