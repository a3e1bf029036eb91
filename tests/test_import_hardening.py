"""Issue 14: every reproduced bad input of the call-centre import, with that exact input."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from workstation import errors
from workstation.clock import BRANCH_TZ, business_date
from workstation.demo import seed_branch, seed_staff
from workstation.domain import AppointmentStatus
from workstation.models import Appointment
from workstation.services import appointments
from workstation.services.appointment_file import LINE
from workstation.store import Store

HEADER = "外呼编号,客户姓名,手机号,预约日期,预约时段,办理业务,营业部,坐席工号,备注\n"
HOURS = (time(8, 30), time(16, 30))


@pytest.fixture
def branch(store: Store):
    with store.write() as session:
        branch = seed_branch(session)
        seed_staff(session, branch)
    return branch


def day(n: int = 1) -> str:
    return (business_date() + timedelta(days=n)).isoformat()


def run_import(store: Store, branch, path: Path, **kw) -> appointments.ImportReport:
    rows = appointments.read_table(path)
    with store.write() as session:
        return appointments.import_appointments(session, branch.id, rows, **kw)


def stored(store: Store) -> list[Appointment]:
    with store.read() as session:
        return list(session.scalars(sa.select(Appointment).order_by(Appointment.client_name)))


def refused(path: Path) -> str:
    with pytest.raises(errors.ValidationError) as caught:
        appointments.read_table(path)
    return caught.value.message()


# 1 --------------------------------------------------------------------------------------------


def test_an_unclosed_quote_is_refused_with_its_line_not_swallowed(store: Store, branch, tmp_path: Path) -> None:
    body = (
        f'C1,张三,13812345678,{day()},10:00,新开户,,,"老客户\n'
        f"C2,李四,13912345678,{day()},11:00,新开户,,,\n"
        f"C3,王五,13712345678,{day()},14:00,新开户,,,\n"
    )
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    message = refused(path)
    assert "第 2 行" in message and "引号" in message
    big = tmp_path / "big.csv"
    big.write_text(HEADER + body + ("x" * 200_000) + "\n", encoding="utf-8")
    message = refused(big)
    assert "第 2 行" in message and "引号" in message
    assert stored(store) == []


def test_a_quoted_multiline_remark_is_still_fine(store: Store, branch, tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text(HEADER + f'C1,张三,13812345678,{day()},10:00,新开户,,,"第一行\n第二行"\n', encoding="utf-8")
    assert run_import(store, branch, path).imported == 1
    assert stored(store)[0].notes == "第一行\n第二行"


# 2 --------------------------------------------------------------------------------------------


def test_line_numbers_count_blank_rows_csv_and_xlsx(store: Store, branch, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "blank.csv"
    path.write_text(HEADER + f"C1,张三,13812345678,{day()},10:00,新开户,,,\n\nC2,李四,123,{day()},10:00,,,,\n", "utf-8")
    assert [line for line, _ in run_import(store, branch, path).rejected] == [4]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["客户姓名", "手机号码", "预约日期", "预约时段"])
    sheet.append(["赵六", "13612345678", day(), "10:00"])
    sheet.append([])
    sheet.append(["钱七", "123", day(), "10:00"])
    xlsx = tmp_path / "blank.xlsx"
    workbook.save(xlsx)
    assert [line for line, _ in run_import(store, branch, xlsx).rejected] == [4]


# 3 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下午3点半", time(15, 30)),
        ("3:30 p.m.", time(15, 30)),
        ("15.30", time(15, 30)),
        ("下午3点一刻", time(15, 15)),
        ("15:30:00", time(15, 30)),
        ("10点", time(10)),
        ("上午9点45分", time(9, 45)),
        ("下午3点-4点", time(15)),
    ],
)
def test_times_call_centres_write_are_read_right(text: str, expected: time) -> None:
    start, _end = appointments.parse_slot(day(), text, business_date(), hours=HOURS)
    assert start.time() == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("3点一刻", "未注明上午/下午"), ("02:00", "不在营业时间"), ("25:00", "不是有效时间"), ("十点", "无法识别")],
)
def test_ambiguous_or_impossible_times_are_refused_by_name(text: str, fragment: str) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        appointments.parse_slot(day(), text, business_date(), hours=HOURS)
    assert fragment in caught.value.message()


def test_a_time_already_past_today_is_refused() -> None:
    now = datetime.combine(business_date(), time(15), tzinfo=BRANCH_TZ)
    with pytest.raises(errors.ValidationError) as caught:
        appointments.parse_slot(business_date().isoformat(), "10:00", business_date(), now, HOURS)
    assert "已过去" in caught.value.message()
    start, _ = appointments.parse_slot(business_date().isoformat(), "16:00", business_date(), now, HOURS)
    assert start.hour == 16


def test_opening_hours_of_the_branch() -> None:
    assert appointments.opening_hours("交易日 8:30–16:30") == HOURS
    assert appointments.opening_hours("") == appointments.DEFAULT_HOURS


# 4 --------------------------------------------------------------------------------------------


def test_excel_time_cells_are_times(store: Store, branch, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["客户姓名", "手机号码", "预约日期", "预约时段"])
    sheet.append(["赵六", "13612345678", business_date() + timedelta(days=1), time(15, 30)])
    sheet.append(["钱七", "13612345679", business_date() + timedelta(days=1), "15:30:00"])
    xlsx = tmp_path / "times.xlsx"
    workbook.save(xlsx)
    report = run_import(store, branch, xlsx)
    assert (report.imported, report.rejected) == (2, [])
    assert {a.slot_start.astimezone(BRANCH_TZ).time() for a in stored(store)} == {time(15, 30)}


# 5 --------------------------------------------------------------------------------------------


def test_a_per_export_row_number_is_not_identity(store: Store, branch, tmp_path: Path) -> None:
    first = tmp_path / "day1.csv"
    first.write_text(f"编号,姓名,手机,日期,时段\n1,张三,13812345678,{day()},10:00\n", "utf-8")
    second = tmp_path / "day2.csv"
    second.write_text(f"编号,姓名,手机,日期,时段\n1,李四,13912345678,{day()},10:00\n", "utf-8")
    assert run_import(store, branch, first).imported == 1
    assert run_import(store, branch, second).imported == 1
    assert [a.client_name for a in stored(store)] == ["张三", "李四"] or len(stored(store)) == 2


def test_a_corrected_re_export_updates_and_a_cancellation_cancels(store: Store, branch, tmp_path: Path) -> None:
    path = tmp_path / "v1.csv"
    path.write_text(f"外呼编号,姓名,手机,日期,时段,状态\nA7,张三,13812345678,{day()},10:00,\n", "utf-8")
    assert run_import(store, branch, path).imported == 1
    path.write_text(f"外呼编号,姓名,手机,日期,时段,状态\nA7,张三,13812345678,{day()},16:00,\n", "utf-8")
    report = run_import(store, branch, path)
    assert (report.imported, report.updated, report.duplicates) == (0, [2], [])
    assert stored(store)[0].slot_start.astimezone(BRANCH_TZ).hour == 16
    path.write_text(f"外呼编号,姓名,手机,日期,时段,状态\nA7,张三,13812345678,{day()},16:00,已取消\n", "utf-8")
    assert run_import(store, branch, path).cancelled == [2]
    assert stored(store)[0].status is AppointmentStatus.CANCELLED


def test_without_a_key_the_same_person_day_and_branch_is_one_appointment(store: Store, branch, tmp_path: Path) -> None:
    path = tmp_path / "nokey.csv"
    path.write_text(f"姓名,手机,日期,时段\n张三,13812345678,{day()},10:00\n", "utf-8")
    run_import(store, branch, path)
    path.write_text(f"姓名,手机,日期,时段\n张三,13812345678,{day()},15:00\n", "utf-8")
    assert run_import(store, branch, path).updated == [2]
    assert len(stored(store)) == 1


# 6 --------------------------------------------------------------------------------------------


def test_utf8_with_one_stray_byte_is_refused_naming_the_line(store: Store, branch, tmp_path: Path) -> None:
    text = HEADER + f"C1,张三,13812345678,{day()},10:00,新开户,,,\nC2,李四,13912345678,{day()},10:00,新开户,,,\n"
    data = text.encode("utf-8")
    cut = data.index("李".encode())
    path = tmp_path / "stray.csv"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    message = refused(path)
    assert "UTF-8" in message and "第 3 行" in message
    assert stored(store) == []


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(b"\x84\x31\x95\x33", "gb18030"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")],
)
def test_boms_are_stripped(store: Store, branch, tmp_path: Path, bom: bytes, encoding: str) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(bom + (HEADER + f"C1,欧阳娜娜,13812345678,{day()},10:00,新开户,,,\n").encode(encoding))
    rows = appointments.read_table(path)
    assert rows[0]["external_ref"] == "C1" and rows[0]["client_name"] == "欧阳娜娜"


@pytest.mark.parametrize("name", ["?三", "张?", "李\ufffd"])
def test_names_a_gbk_exporter_lost_are_refused(name: str) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        appointments.check_client_name(name)
    assert "乱码" in caught.value.message() or "?" in caught.value.message()


# 7 --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["?", "·", "张三！", '=HYPERLINK("http://x","点击")', "李四/王五", "True", "王" * 61, "@SUM(1)"]
)
def test_the_import_uses_the_wizards_name_rule(name: str) -> None:
    with pytest.raises(errors.ValidationError):
        appointments.check_client_name(name)


def test_the_name_limit_is_the_wizards() -> None:
    assert appointments.check_client_name("阿" * 60) == "阿" * 60


def test_formulas_in_any_field_are_refused(store: Store, branch, tmp_path: Path) -> None:
    path = tmp_path / "formula.csv"
    path.write_text(HEADER + f"C1,张三,13812345678,{day()},10:00,新开户,,,\"=cmd|' /C calc'!A0\"\n", "utf-8")
    report = run_import(store, branch, path)
    assert report.imported == 0 and report.rejected[0][0] == 2


# 8 --------------------------------------------------------------------------------------------


def test_a_title_row_above_the_header(store: Store, branch, tmp_path: Path) -> None:
    path = tmp_path / "title.csv"
    path.write_text(f"2026年12月预约名单,,,\n,,,\n姓名,手机,日期,时段\n张三,13812345678,{day()},10:00\n", "utf-8")
    rows = appointments.read_table(path)
    assert rows[0][LINE] == "4" and rows[0]["client_name"] == "张三"


def test_two_row_merged_header_second_sheet_and_a_date_merged_down(store: Store, branch, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.append(["说明：本表由呼叫中心导出"])
    sheet = workbook.create_sheet("预约")
    sheet.append(["客户信息", None, "预约", None])
    sheet.append(["姓名", "手机", "日期", "时段"])
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("C1:D1")
    sheet.append(["张三", "13812345678", day(), "10:00"])
    sheet.append(["李四", "13912345678", None, "11:00"])
    sheet.merge_cells("C3:C4")
    xlsx = tmp_path / "layout.xlsx"
    workbook.save(xlsx)
    report = run_import(store, branch, xlsx)
    assert (report.imported, report.rejected) == (2, [])


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "missing.csv"
    path.write_text(f"标题\n姓名,手机,日期\n张三,13812345678,{day()}\n", "utf-8")
    message = refused(path)
    assert "缺少必需的列：预约时段" in message and "第 2 行" in message


def test_a_file_over_the_limit_is_imported_in_parts(
    store: Store, branch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(appointments, "MAX_IMPORT_ROWS", 2)
    path = tmp_path / "many.csv"
    body = "".join(f"C{i},张三,1381234567{i},{day()},10:00,新开户,,,\n" for i in range(5))
    path.write_text(HEADER + body, "utf-8")
    first = run_import(store, branch, path)
    assert (first.imported, first.next_line) == (2, 4)
    second = run_import(store, branch, path, from_line=first.next_line)
    third = run_import(store, branch, path, from_line=second.next_line)
    assert (second.imported, third.imported, third.next_line) == (2, 1, None)
    assert len(stored(store)) == 5


# 10 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["\x00", "\u200b", "\u202e", "\u2066", "\x1b", "\ufeff"])
def test_control_zero_width_and_bidi_are_refused_in_names_and_remarks(bad: str) -> None:
    with pytest.raises(errors.ValidationError):
        appointments.check_client_name(f"张{bad}三")
    with pytest.raises(errors.ValidationError):
        appointments.check_notes(f"备注{bad}")


def test_excel_serial_dates_still_work() -> None:
    assert appointments._parse_day("46000") == date(1899, 12, 30) + timedelta(days=46000)
