"""The telesales results in the central database, per agent and campaign (issue 7 §6).

``workstation-cli report telesales --central URL [--from D --to D] [--out FILE.csv|.xlsx]``.

Counted over appointments whose slot falls in the period (branch time zone, both days included),
across every branch the connected role may see:

- 邀约 invited: every appointment the agent booked, including those later cancelled;
- 有效预约 booked: invited minus cancelled;
- 已到店 checked in: status checked in or served; 未到店 no-show: status no-show;
- 开户 accounts opened: an approved new-account application linked to the appointment (directly or
  through its visit), or the visit's outcome "已开户"; each appointment counts once;
- 转户 transfer-ins: likewise, an approved transfer-in application or the outcome "已提交转户";
- 有效户 funded: of the accounts opened, those whose client has a first deposit on record
  (``client.first_funded_on``, from the back office's daily file, :mod:`workstation.services.funding`);
  the client is the appointment's, its visit's or the approved application's. The funnel is
  invited → booked → checked in → opened → funded, each a subset of the one before;
- 礼品 gifts issued: live (not voided) gift issues attributed to the agent and campaign, issued
  in the period, whether or not they came through an appointment in the period.

Appointments without an agent or campaign are grouped under "（无坐席）" / "（无活动）"; gifts
without an agent are not telesales results and are left out. Everything is aggregated in the
database (one grouped query per source); nothing here writes to the central database.
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

from workstation.clock import BRANCH_TZ
from workstation.domain import ApplicationKind, ApplicationStatus, AppointmentStatus, GiftIssueStatus, VisitOutcome
from workstation.models import AccountApplication, Appointment, Campaign, Client, GiftIssue, Staff, Visit
from workstation.printing.files import atomic_write_bytes

NO_AGENT = "（无坐席）"
NO_CAMPAIGN = "（无活动）"
HEADERS = (
    "坐席工号", "坐席", "活动代码", "活动", "邀约", "有效预约", "已到店", "未到店", "已取消", "开户", "转户",
    "礼品发放", "礼品价值（元）", "到店率", "有效户", "有效率",
)  # fmt: skip
TITLE = "电销成果（按坐席与活动）"


@dataclass
class TelesalesRow:
    """One agent × campaign line of the report."""

    agent_no: str
    agent_name: str
    campaign_code: str
    campaign_name: str
    invited: int = 0
    booked: int = 0
    checked_in: int = 0
    no_show: int = 0
    cancelled: int = 0
    accounts_opened: int = 0
    transfer_ins: int = 0
    gifts_issued: int = 0
    gift_value_fen: int = 0
    funded: int = 0

    @property
    def funded_rate(self) -> float | None:
        """Funded ÷ accounts opened; None until one account is opened."""
        return round(self.funded / self.accounts_opened, 3) if self.accounts_opened else None

    @property
    def show_up_rate(self) -> float | None:
        """Checked in ÷ (checked in + no-shows); None until one appointment is decided."""
        decided = self.checked_in + self.no_show
        return round(self.checked_in / decided, 3) if decided else None

    def cells(self) -> tuple[str | int | float | None, ...]:
        return (
            self.agent_no, self.agent_name, self.campaign_code, self.campaign_name, self.invited, self.booked,
            self.checked_in, self.no_show, self.cancelled, self.accounts_opened, self.transfer_ins,
            self.gifts_issued, round(self.gift_value_fen / 100, 2), self.show_up_rate, self.funded,
            self.funded_rate,
        )  # fmt: skip


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time.min, tzinfo=BRANCH_TZ)
    return start, datetime.combine(last + timedelta(days=1), time.min, tzinfo=BRANCH_TZ)


def _count(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _application(kind: ApplicationKind, a: type[Appointment], visit_id: Any) -> sa.Exists:
    x = AccountApplication
    return sa.exists().where(
        x.kind == kind,
        x.status == ApplicationStatus.APPROVED,
        x.deleted_at.is_(None),
        sa.or_(x.appointment_id == a.id, sa.and_(visit_id.is_not(None), x.visit_id == visit_id)),
    )


def _funded_client(a: type[Appointment], v: Any) -> sa.Exists:
    """A client of the appointment (directly, through its visit or an approved new-account
    application) with a first deposit on record."""
    x, c = AccountApplication, Client
    applied = (
        sa.select(x.client_id)
        .where(
            x.kind == ApplicationKind.NEW_ACCOUNT,
            x.status == ApplicationStatus.APPROVED,
            x.deleted_at.is_(None),
            x.client_id.is_not(None),
            sa.or_(x.appointment_id == a.id, sa.and_(v.id.is_not(None), x.visit_id == v.id)),
        )
        .correlate(a, v)
    )  # two levels down: the outer query's appointment and visit
    return sa.exists().where(
        c.first_funded_on.is_not(None),
        c.deleted_at.is_(None),
        sa.or_(c.id == a.client_id, c.id == v.client_id, c.id.in_(applied)),
    )


def telesales_report(conn: Connection, first: date, last: date) -> list[TelesalesRow]:
    """The report for appointments from ``first`` to ``last`` inclusive (see the module docstring)."""
    start, end = _bounds(first, last)
    a = Appointment
    v = sa.orm.aliased(Visit)
    opened = sa.or_(_application(ApplicationKind.NEW_ACCOUNT, a, v.id), v.outcome == VisitOutcome.ACCOUNT_OPENED)
    moved = sa.or_(_application(ApplicationKind.TRANSFER_IN, a, v.id), v.outcome == VisitOutcome.TRANSFER_SUBMITTED)
    funded = sa.and_(opened, _funded_client(a, v))
    appointments = (
        sa.select(
            a.telesales_agent_id, a.campaign_id, sa.func.count(),
            _count(a.status != AppointmentStatus.CANCELLED),
            _count(a.status.in_([AppointmentStatus.CHECKED_IN, AppointmentStatus.SERVED])),
            _count(a.status == AppointmentStatus.NO_SHOW),
            _count(a.status == AppointmentStatus.CANCELLED),
            _count(opened), _count(moved), _count(funded),
        )
        .outerjoin(v, sa.and_(v.appointment_id == a.id, v.deleted_at.is_(None)))
        .where(a.deleted_at.is_(None), a.slot_start >= start, a.slot_start < end)
        .group_by(a.telesales_agent_id, a.campaign_id)
    )  # fmt: skip
    g = GiftIssue
    gifts = (
        sa.select(g.telesales_agent_id, g.campaign_id, sa.func.count(), sa.func.sum(g.quantity * g.unit_value_fen))
        .where(
            g.telesales_agent_id.is_not(None), g.status != GiftIssueStatus.VOIDED, g.deleted_at.is_(None),
            g.issued_at >= start, g.issued_at < end,
        )
        .group_by(g.telesales_agent_id, g.campaign_id)
    )  # fmt: skip
    table: dict[tuple[uuid.UUID | None, uuid.UUID | None], TelesalesRow] = {}
    agents, campaigns = _names(conn, Staff, Staff.staff_no), _names(conn, Campaign, Campaign.code)

    def row_for(agent: uuid.UUID | None, campaign: uuid.UUID | None) -> TelesalesRow:
        if (agent, campaign) not in table:
            agent_no, agent_name = agents.get(agent, ("", NO_AGENT)) if agent else ("", NO_AGENT)
            code, name = campaigns.get(campaign, ("", NO_CAMPAIGN)) if campaign else ("", NO_CAMPAIGN)
            table[(agent, campaign)] = TelesalesRow(agent_no, agent_name, code, name)
        return table[(agent, campaign)]

    for agent, campaign, *figures in conn.execute(appointments):
        row = row_for(agent, campaign)
        (row.invited, row.booked, row.checked_in, row.no_show, row.cancelled, row.accounts_opened,
         row.transfer_ins, row.funded) = (int(f) for f in figures)  # fmt: skip
    for agent, campaign, issued, value in conn.execute(gifts):
        row = row_for(agent, campaign)
        row.gifts_issued, row.gift_value_fen = int(issued), int(value or 0)
    return sorted(table.values(), key=lambda r: (r.agent_name == NO_AGENT, r.agent_no, r.agent_name, r.campaign_code))


def _names(conn: Connection, model: type[Staff] | type[Campaign], code: sa.orm.InstrumentedAttribute[str]) -> dict[
    uuid.UUID, tuple[str, str]
]:  # fmt: skip
    return {row[0]: (row[1], row[2]) for row in conn.execute(sa.select(model.id, code, model.name))}


def totals(rows: Sequence[TelesalesRow]) -> TelesalesRow:
    """The sum of every line (for the last line of the export)."""
    total = TelesalesRow("", "合计", "", "")
    for row in rows:
        for name in ("invited", "booked", "checked_in", "no_show", "cancelled", "accounts_opened", "transfer_ins",
                     "gifts_issued", "gift_value_fen", "funded"):  # fmt: skip
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


# --- export ---------------------------------------------------------------------------------------


def _safe(cell: str | int | float | None) -> str | int | float:
    """No formula injection: text starting with = + - @ gets an apostrophe; None is empty."""
    if cell is None:
        return ""
    from workstation.textcheck import escape_formula

    return escape_formula(cell)  # type: ignore[return-value]


def _table(rows: Sequence[TelesalesRow]) -> list[tuple[str | int | float | None, ...]]:
    return [row.cells() for row in rows] + ([totals(rows).cells()] if rows else [])


def csv_bytes(rows: Sequence[TelesalesRow], first: date, last: date) -> bytes:
    """UTF-8 with BOM (Excel on a Chinese Windows reads it right), CRLF, a title line first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([f"{TITLE} {first.isoformat()} 至 {last.isoformat()}"])
    writer.writerow(HEADERS)
    writer.writerows([_safe(cell) for cell in cells] for cells in _table(rows))
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Sequence[TelesalesRow], first: date, last: date) -> bytes:
    """One worksheet: the headers bold and frozen, the period in the sheet's title cell above."""
    from openpyxl import Workbook  # imported only when exporting
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "电销成果"
    sheet.append([f"{TITLE} {first.isoformat()} 至 {last.isoformat()}"])
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for cells in _table(rows):
        sheet.append([_safe(cell) if isinstance(cell, str) else cell for cell in cells])
    sheet.freeze_panes = "A3"
    for index, header in enumerate(HEADERS, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = max(10, 2 * len(header) + 2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export(rows: Sequence[TelesalesRow], first: date, last: date, path: str | os.PathLike[str]) -> Path:
    """Write the report to ``path`` atomically: XLSX for ``.xlsx``, else CSV.

    Raises:
        OSError: the folder does not exist or cannot be written (the old file is untouched).
    """
    target = Path(path)
    if target.suffix.lower() == ".xlsx":
        return atomic_write_bytes(target, xlsx_bytes(rows, first, last))
    return atomic_write_bytes(target, csv_bytes(rows, first, last))


def text_table(rows: Sequence[TelesalesRow]) -> str:
    """Tab-separated lines for the terminal."""
    lines = ["\t".join(HEADERS)]
    lines += ["\t".join("" if c is None else str(c) for c in cells) for cells in _table(rows)]
    return "\n".join(lines)
