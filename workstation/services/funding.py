"""有效户: the back office's daily file of funded accounts, matched to this branch's clients.

The back office (柜台系统/集中交易) exports every day, per fund account (资金账号), the first deposit
date (首次入金日期) and the assets (资产, in yuan). The file comes as CSV (UTF-8 or GBK) or XLSX,
often with a title row above the headers, blank lines, amounts like "1,234,567.89" or "¥3,000",
dates as "2026-12-01", "2026/12/1", "20261201" or Excel dates. Importing it:

- matches each line to the client with that ``fund_account`` (accounts opened here; others are
  reported as unmatched, not errors: the file covers the whole firm);
- stores ``assets_fen`` and ``assets_as_of`` (the file's day) and ``first_funded_on`` (the
  earliest known: a later file never moves it forward);
- recomputes the tier (一般/重要/核心) from the imported assets by the policy's thresholds
  (:func:`workstation.accounts.rules.tier_for`), so the tier shown at the counter follows the
  real assets, not only those declared at opening;
- is all or nothing per file (one transaction) and re-importing the same file changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.accounts.rules import load_rules, tier_for
from workstation.domain import Role
from workstation.errors import FieldProblem
from workstation.models import Client
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.appointment_file import cell_text, decode
from workstation.services.appointments import _parse_day

HEADERS: dict[str, tuple[str, ...]] = {
    "fund_account": ("资金账号", "资金帐号", "资金账户", "资金帐户", "账号", "帐号", "fund_account", "account"),
    "first_deposit": ("首次入金日期", "首笔入金日期", "首次入金日", "入金日期", "首次入金", "first_deposit"),
    "assets": ("资产", "总资产", "资产元", "总资产元", "资产总额", "资产总额元", "期末资产", "assets"),
}
REQUIRED = ("fund_account", "assets")
HEADER_SEARCH_ROWS = 10
"""A title row (or a few) may stand above the headers: the first row naming the columns wins."""
MAX_ROWS = 200_000
IMPORT_ROLES = (Role.SUPERVISOR, Role.CLERK)


@dataclass(frozen=True)
class FundingLine:
    """One line of the file, parsed."""

    line: int
    fund_account: str
    first_deposit: date | None
    assets_fen: int


@dataclass
class FundingReport:
    """What an import did, for the clerk (Chinese) and the tests."""

    matched: int = 0
    updated: int = 0
    """Matched clients whose stored figures changed (0 when the same file is imported again)."""
    newly_funded: int = 0
    tier_changes: list[tuple[str, str, str]] = field(default_factory=list)
    """(fund account, old tier label, new tier label)."""
    unmatched: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"匹配 {self.matched} 户，更新 {self.updated} 户，新增有效户 {self.newly_funded} 户，"
            f"客户等级变化 {len(self.tier_changes)} 户，本营业部无此账号 {len(self.unmatched)} 行，"
            f"无法读取 {len(self.rejected)} 行"
        )


def _key(title: str) -> str:
    return re.sub(r"[\s*：:（）()\[\]【】￥¥]", "", unicodedata.normalize("NFKC", title or "")).lower()


LOOKUP = {_key(alias): name for name, aliases in HEADERS.items() for alias in aliases}


def parse_amount_fen(text: str) -> int:
    """ "1,234,567.89", "¥3,000", "１２３４.５", "2.5万" → fen. Raises ValueError."""
    value = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace("，", "")
    value = value.replace("¥", "").replace("￥", "").replace("元", "").replace(" ", "")
    scale = Decimal(1)
    if value.endswith("万"):
        value, scale = value[:-1], Decimal(10_000)
    try:
        amount = Decimal(value) * scale
    except InvalidOperation:
        raise ValueError(text) from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(text)
    return int((amount * 100).quantize(Decimal(1)))


def _first_sheet(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # only imports cost when an import actually runs

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(value) for value in values]
    finally:
        workbook.close()


def read_file(path: Path) -> list[FundingLine | tuple[int, list[str]]]:
    """The file's lines, parsed, or (line number, reasons) for a line that cannot be read.

    Raises:
        ValidationError: the file cannot be read or has no header row with the required columns.
    """
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raw = list(_first_sheet(path))
        else:
            raw = list(csv.reader(io.StringIO(decode(path.read_bytes()))))
    except FileNotFoundError as exc:
        raise errors.ValidationError([FieldProblem("file", f"找不到文件 {path}", f"No such file: {path}")]) from exc
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise errors.ValidationError(
            [FieldProblem("file", f"无法读取文件（不是有效的 CSV 或 Excel 文件）：{exc}", f"Cannot read: {exc}")]
        ) from exc
    for index, row in enumerate(raw[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        for i, title in enumerate(row):
            name = LOOKUP.get(_key(title))
            if name and name not in columns.values():
                columns[i] = name
        if all(name in columns.values() for name in REQUIRED):
            return list(parse_rows(raw[index + 1 :], columns, first_line=index + 2))
    labels = "、".join(HEADERS[name][0] for name in REQUIRED)
    raise errors.ValidationError(
        [FieldProblem("file", f"文件前 {HEADER_SEARCH_ROWS} 行中找不到表头（需要：{labels}）。", "No header row.")]
    )


def parse_rows(
    rows: Iterable[list[str]], columns: dict[int, str], *, first_line: int
) -> Iterable[FundingLine | tuple[int, list[str]]]:
    for line, row in enumerate(rows, start=first_line):
        if not any((cell or "").strip() for cell in row):
            continue  # blank lines (and Excel's empty trailing rows)
        if line - first_line >= MAX_ROWS:
            yield line, [f"超过单次导入上限 {MAX_ROWS} 行"]
            return
        cells = {name: (row[i] if i < len(row) else "").strip() for i, name in columns.items()}
        problems: list[str] = []
        account = unicodedata.normalize("NFKC", cells["fund_account"]).strip().lstrip("'")
        if not re.fullmatch(r"\d{6,20}", account):
            if account.startswith(("合计", "总计")):
                continue  # the back office's total line
            problems.append(f"资金账号“{account[:30]}”格式不正确")
        try:
            assets = parse_amount_fen(cells["assets"])
        except ValueError:
            problems.append(f"资产“{cells['assets'][:30]}”不是金额")
            assets = 0
        deposit_text = cells.get("first_deposit", "")
        deposit = _parse_day(unicodedata.normalize("NFKC", deposit_text)) if deposit_text else None
        if deposit_text and deposit is None:
            problems.append(f"首次入金日期“{deposit_text[:30]}”无法识别")
        if problems:
            yield line, problems
        else:
            yield FundingLine(line, account, deposit, assets)


def import_funding(
    session: Session, actor: Actor, parsed: Iterable[FundingLine | tuple[int, list[str]]], as_of: date
) -> FundingReport:
    """Apply the parsed file to the actor's branch's clients (see the module docstring)."""
    actor.require(IMPORT_ROLES, "导入有效户文件")
    report = FundingReport()
    lines: list[FundingLine] = []
    for item in parsed:
        if isinstance(item, FundingLine):
            lines.append(item)
        else:
            report.rejected.append(item)
    accounts = {line.fund_account for line in lines}
    clients = {
        c.fund_account: c
        for c in session.scalars(
            sa.select(Client).where(
                Client.branch_id == actor.branch_id, Client.fund_account.in_(accounts), Client.deleted_at.is_(None)
            )
        )
    } if accounts else {}  # fmt: skip
    rules = load_rules(session, actor.branch_id)
    for line in lines:
        client = clients.get(line.fund_account)
        if client is None:
            report.unmatched.append((line.line, line.fund_account))
            continue
        report.matched += 1
        funded = line.first_deposit
        if client.first_funded_on is not None and (funded is None or client.first_funded_on < funded):
            funded = client.first_funded_on
        tier = tier_for(line.assets_fen, rules)
        before = (client.assets_fen, client.assets_as_of, client.first_funded_on, client.tier)
        if client.assets_as_of is not None and client.assets_as_of > as_of:
            continue  # an older file than the one already imported: keep the newer figures
        if funded is not None and client.first_funded_on is None:
            report.newly_funded += 1
        if tier != client.tier:
            report.tier_changes.append((line.fund_account, client.tier.label, tier.label))
        after = (line.assets_fen, as_of, funded, tier)
        if after != before:
            client.assets_fen, client.assets_as_of, client.first_funded_on, client.tier = after
            report.updated += 1
    session.flush()
    audit.record(
        session, actor, "funding.import", as_of=as_of.isoformat(), matched=report.matched, updated=report.updated,
        newly_funded=report.newly_funded, unmatched=len(report.unmatched), rejected=len(report.rejected),
    )  # fmt: skip
    return report
