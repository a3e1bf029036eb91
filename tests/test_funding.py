"""有效户 import (issue 19): messy back-office files, matching by fund account, tiers from assets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook

from workstation import errors
from workstation.demo import seed_branch, seed_staff
from workstation.domain import ClientTier, Role
from workstation.models import AuditEvent, Client, Policy
from workstation.services import funding
from workstation.services.actor import Actor
from workstation.store import Store

AS_OF = date(2026, 12, 2)


@pytest.fixture
def actor(store: Store) -> Actor:
    """A branch whose policy puts 重要 from 100,000 yuan and 核心 from 500,000, and four clients."""
    with store.write() as session:
        branch = seed_branch(session)
        staff = {s.staff_no: s for s in seed_staff(session, branch)}
        tiers = {"important_min_assets_fen": 10_000_000, "core_min_assets_fen": 50_000_000}
        session.add(Policy(key="client_tiers", branch_id=branch.id, value=tiers))
        start = {"310000000001": ClientTier.STANDARD, "310000000002": ClientTier.STANDARD,
                 "310000000003": ClientTier.CORE, "310000000004": ClientTier.STANDARD}  # fmt: skip
        for n, (account, tier) in enumerate(start.items()):
            session.add(Client(branch_id=branch.id, name=f"客{n}", id_number=f"X{n}", fund_account=account, tier=tier))
        session.flush()
        clerk = staff["C001"]
        return Actor(clerk.id, clerk.staff_no, clerk.name, frozenset({Role.CLERK}), branch.id)


AMOUNTS = [
    ("1,234,567.89", 123_456_789),
    ("¥3,000", 300_000),
    ("￥ 12,000.5 元", 1_200_050),
    ("１２３４.５", 123_450),
    ("2.5万", 2_500_000),
    ("0", 0),
    ("1,000.005", 100_000),  # half a fen rounds to even
]


@pytest.mark.parametrize(("text", "fen"), AMOUNTS)
def test_amounts_as_the_back_office_writes_them(text: str, fen: int) -> None:
    assert funding.parse_amount_fen(text) == fen


@pytest.mark.parametrize("text", ["", "abc", "-100", "1.2.3", "NaN", "inf"])
def test_amounts_that_are_not_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        funding.parse_amount_fen(text)


GBK_FILE = (
    "华夏证券 客户资产日报 2026-12-02\n"
    ",,\n"
    "资金账号,客户姓名,首次入金日期,总资产（元）\n"
    '310000000001,张三,2026/12/1,"250,000.00"\n'
    "\n"
    '310000000002,李四,,"8,000"\n'
    '310000000003,王五,20261120,"12,345.60"\n'
    '399999999999,外营业部,2026-11-01,"1,000"\n'
    "31000000000X,坏账号,2026-11-01,100\n"
    "310000000004,赵六,昨天,abc\n"
    '合计,,,"271,345.60"\n'
)


def test_gbk_csv_with_a_title_row_blank_lines_and_commas(store: Store, actor: Actor, tmp_path: Path) -> None:
    path = tmp_path / "assets.csv"
    path.write_bytes(GBK_FILE.encode("gbk"))
    parsed = funding.read_file(path)
    with store.write() as session:
        report = funding.import_funding(session, actor, parsed, AS_OF)
    assert (report.matched, report.updated, report.newly_funded) == (3, 3, 2)
    assert report.unmatched == [(8, "399999999999")]
    assert [line for line, _ in report.rejected] == [9, 10]
    assert "资金账号" in report.rejected[0][1][0]
    assert len(report.rejected[1][1]) == 2  # both the date and the amount
    assert sorted(report.tier_changes) == [("310000000001", "一般", "重要"), ("310000000003", "核心", "一般")]
    with store.read() as session:
        got = {
            c.fund_account: (c.assets_fen, c.first_funded_on, c.tier, c.assets_as_of)
            for c in session.scalars(sa.select(Client))
        }
        assert session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "funding.import")).one().details[
            "newly_funded"
        ] == 2  # fmt: skip
    assert got["310000000001"] == (25_000_000, date(2026, 12, 1), ClientTier.IMPORTANT, AS_OF)
    assert got["310000000002"] == (800_000, None, ClientTier.STANDARD, AS_OF)  # assets, but no deposit date
    assert got["310000000003"] == (1_234_560, date(2026, 11, 20), ClientTier.STANDARD, AS_OF)
    assert got["310000000004"] == (0, None, ClientTier.STANDARD, None)  # its line was rejected
    with store.write() as session:  # the same file again changes nothing
        again = funding.import_funding(session, actor, funding.read_file(path), AS_OF)
    assert (again.matched, again.updated, again.newly_funded, again.tier_changes) == (3, 0, 0, [])


def test_xlsx_with_title_row_numbers_and_dates_and_first_deposit_never_moves_forward(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["客户资产日报（单位：元）"])
    sheet.append(["资金帐号", "首笔入金日期", "资产总额"])
    sheet.append([310000000001, date(2026, 11, 30), 600000.0])
    sheet.append([None, None, None])
    sheet.append(["310000000004", "2026-12-02", "150,000"])
    path = tmp_path / "assets.xlsx"
    book.save(path)
    with store.write() as session:
        client = session.scalars(sa.select(Client).where(Client.fund_account == "310000000001")).one()
        client.first_funded_on = date(2026, 11, 1)
    with store.write() as session:
        report = funding.import_funding(session, actor, funding.read_file(path), AS_OF)
    assert (report.matched, report.newly_funded, report.rejected, report.unmatched) == (2, 1, [], [])
    with store.read() as session:
        got = {c.fund_account: (c.assets_fen, c.first_funded_on, c.tier) for c in session.scalars(sa.select(Client))}
    assert got["310000000001"] == (60_000_000, date(2026, 11, 1), ClientTier.CORE)
    assert got["310000000004"] == (15_000_000, date(2026, 12, 2), ClientTier.IMPORTANT)
    with store.write() as session:  # an older day's file does not overwrite newer figures
        older = funding.import_funding(session, actor, funding.read_file(path), date(2026, 11, 1))
    assert older.updated == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "表头"), ("客户,金额\n张三,100\n".encode("gbk"), "资金账号"), (b"PK\x03\x04broken", "表头")],
)
def test_files_without_headers_are_refused_in_chinese(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(errors.ValidationError) as caught:
        funding.read_file(path)
    assert message in caught.value.message()


def test_a_broken_xlsx_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    broken = tmp_path / "bad.xlsx"
    broken.write_bytes(b"not a zip")
    for path in (broken, tmp_path / "missing.csv"):
        with pytest.raises(errors.ValidationError):
            funding.read_file(path)


def test_only_clerks_and_supervisors_import(store: Store, actor: Actor) -> None:
    agent = Actor(actor.staff_id, "T001", "刘洋", frozenset({Role.TELESALES}), actor.branch_id)
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        funding.import_funding(session, agent, [], AS_OF)


def test_the_client_summary_shows_the_recomputed_tier_with_its_day(store: Store, actor: Actor, tmp_path: Path) -> None:
    from workstation.accounts.review import client_summary

    path = tmp_path / "assets.csv"
    path.write_bytes(GBK_FILE.encode("gbk"))
    with store.write() as session:
        funding.import_funding(session, actor, funding.read_file(path), AS_OF)
    with store.read() as session:
        labels = {
            c.fund_account: client_summary(session, c.id, AS_OF).tier_label for c in session.scalars(sa.select(Client))
        }
    assert labels["310000000001"] == "重要（按 2026-12-02 资产，有效户）"
    assert labels["310000000002"] == "一般（按 2026-12-02 资产，未入金）"
    assert labels["310000000004"] == "一般"  # never in a file: the tier declared at opening
