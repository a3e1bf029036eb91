"""Booking appointments and importing messy call-centre exports (CSV in UTF-8/GBK, XLSX)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from workstation import errors
from workstation.clock import BRANCH_TZ, business_date
from workstation.demo import DEMO_PASSWORD, seed_branch, seed_staff
from workstation.domain import Purpose
from workstation.models import Appointment, OutboxMessage
from workstation.services import appointments, auth, reception
from workstation.store import Store


@pytest.fixture
def branch(store: Store):
    with store.write() as session:
        branch = seed_branch(session)
        seed_staff(session, branch)
    return branch


def tomorrow() -> str:
    return (business_date() + timedelta(days=1)).isoformat()


HEADER = "外呼编号,客户姓名,手机号,预约日期,预约时段,办理业务,营业部,坐席工号,备注\n"


def write_csv(path: Path, body: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes((HEADER + body).encode(encoding))
    return path


def test_import_csv_accepts_messy_but_valid_rows_and_reports_the_rest(store: Store, branch, tmp_path: Path) -> None:
    day = tomorrow()
    body = (
        f"CC001, 张三 ,138-1234-5678,{day},10:00-11:00,新开户,BJ-GM01,t001,\n"
        f"CC002,买买提 · 艾力,+86 139 1234 5678,{day.replace('-', '/')},14点,转户,,T002,老客户\n"
        f"CC003,𠮷野,１５０１２３４５６７８,{day},9:30～10:30,其他,,,\n"
        f"CC004,李四,12345,{day},10:00,新开户,,,\n"  # bad mobile
        f"CC005,王五😀,13712345678,{day},10:00,新开户,,,\n"  # emoji
        f"CC006,赵六,13612345678,2020-01-01,10:00,新开户,,,\n"  # past
        f"CC007,钱七,13512345678,{day},10:00,开会,,,\n"  # unknown purpose
        f"CC008,孙八,13412345678,{day},10:00,新开户,SH-LJZ,T999,\n"  # other branch, unknown agent
        f"'; DROP TABLE appointment;--,周九,13312345678,{day},10:00,新开户,,,\n"  # SQL-looking id is just text
        f"CC001,张三,13812345678,{day},10:00-11:00,新开户,,,\n"  # same key as line 2, other agent: a conflict
    )
    path = write_csv(tmp_path / "export.csv", body)
    with store.write() as session:
        report = appointments.import_appointments(session, branch.id, appointments.read_table(path))
    assert report.imported == 4
    assert report.duplicates == []
    rejected = dict(report.rejected)
    assert sorted(rejected) == [5, 6, 7, 8, 9, 11]
    assert any("第 2 行是同一预约" in reason for reason in rejected[11])
    assert any("手机号码" in reason for reason in rejected[5])
    assert any("不能用于姓名的字符“😀”" in reason for reason in rejected[6])
    assert any("已过去" in reason for reason in rejected[7])
    assert any("开会" in reason for reason in rejected[8])
    assert any("不是本营业部" in reason for reason in rejected[9]) and any("T999" in r for r in rejected[9])
    with store.read() as session:
        rows = {a.client_name: a for a in session.scalars(sa.select(Appointment))}
        assert set(rows) == {"张三", "买买提·艾力", "𠮷野", "周九"}
        zhang = rows["张三"]
        assert (zhang.mobile, zhang.pinyin_full, zhang.pinyin_initials) == ("13812345678", "zhangsan", "zs")
        assert zhang.slot_start == datetime.combine(business_date() + timedelta(days=1), time(10), tzinfo=BRANCH_TZ)
        assert rows["买买提·艾力"].purpose is Purpose.TRANSFER_IN
        assert rows["买买提·艾力"].slot_end - rows["买买提·艾力"].slot_start == timedelta(hours=1)
        assert rows["𠮷野"].mobile == "15012345678"
        outbox = session.scalar(sa.select(sa.func.count()).where(OutboxMessage.entity == "appointment"))
        assert outbox == 4


def test_importing_the_same_file_twice_adds_nothing(store: Store, branch, tmp_path: Path) -> None:
    # No call-centre id column: rows are keyed by mobile, slot and branch.
    path = tmp_path / "again.csv"
    path.write_text(f"姓名,手机,日期,时段\n张三,13812345678,{tomorrow()},10:00\n", encoding="utf-8")
    with store.write() as session:
        first = appointments.import_appointments(session, branch.id, appointments.read_table(path))
    with store.write() as session:
        second = appointments.import_appointments(session, branch.id, appointments.read_table(path))
    assert (first.imported, second.imported, second.duplicates) == (1, 0, [2])


def test_gbk_csv_and_xlsx_with_numeric_cells(store: Store, branch, tmp_path: Path) -> None:
    from openpyxl import Workbook

    gbk = write_csv(tmp_path / "gbk.csv", f"G1,欧阳娜娜,13812345600,{tomorrow()},10:00,新开户,,,\n", "gb18030")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["客户姓名", "手机号码", "预约日期", "预约时段"])
    day = business_date() + timedelta(days=2)
    sheet.append(["单田芳", 13912345600.0, datetime.combine(day, time.min), "15:00-16:00"])
    xlsx = tmp_path / "export.xlsx"
    workbook.save(xlsx)
    with store.write() as session:
        a = appointments.import_appointments(session, branch.id, appointments.read_table(gbk))
        b = appointments.import_appointments(session, branch.id, appointments.read_table(xlsx))
    assert (a.imported, b.imported, a.rejected, b.rejected) == (1, 1, [], [])
    with store.read() as session:
        shan = session.scalars(sa.select(Appointment).where(Appointment.client_name == "单田芳")).one()
        assert shan.mobile == "13912345600"
        assert shan.pinyin_full == "shantianfang"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "没有数据"),
        ("客户姓名,备注\n张三,x\n".encode(), "缺少必需的列"),
        (b"\xff\xfe\x00garbage\x81\x30", "编码"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(errors.ValidationError) as caught:
        appointments.read_table(path)
    assert message in caught.value.message()


def test_booking_by_a_telesales_agent_is_found_at_check_in(store: Store, branch) -> None:
    agent = auth.login(store, branch.id, "T001", DEMO_PASSWORD, None)
    now = datetime.now(BRANCH_TZ).replace(second=0, microsecond=0)
    start = max(datetime.combine(business_date(), time(15), tzinfo=BRANCH_TZ), now)  # today, not over yet
    request = appointments.AppointmentRequest(
        client_name=appointments.check_client_name(" 欧阳 娜娜 "),
        mobile="13812340000",
        purpose=Purpose.NEW_ACCOUNT,
        slot_start=start,
        slot_end=start + timedelta(hours=1),
    )
    with store.write() as session:
        booked = appointments.book(session, agent, branch.id, request)
        assert booked.telesales_agent_id == agent.staff_id
    with store.read() as session:
        found = reception.find_appointments(session, branch.id, "oyn")
    assert [m.client_name for m in found] == ["欧阳娜娜"]
    assert found[0].agent_name == "刘洋"
    clerk = auth.login(store, branch.id, "C001", DEMO_PASSWORD, None)
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        appointments.book(session, clerk, branch.id, request)


def test_a_time_slot_already_over_cannot_be_booked(store: Store, branch) -> None:
    """Issue 15 defect 6: a slot that ended earlier today is refused, like an earlier day."""
    agent = auth.login(store, branch.id, "T001", DEMO_PASSWORD, None)
    end = datetime.now(BRANCH_TZ) - timedelta(minutes=1)
    request = appointments.AppointmentRequest(
        client_name="欧阳娜娜", mobile="13812340000", purpose=Purpose.NEW_ACCOUNT,
        slot_start=end - timedelta(minutes=30), slot_end=end,
    )  # fmt: skip
    with pytest.raises(errors.ValidationError, match="已过去"), store.write() as session:
        appointments.book(session, agent, branch.id, request)


def test_a_damaged_xlsx_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(errors.ValidationError) as caught:
        appointments.read_table(path)
    assert "无法读取文件" in caught.value.message()


def test_afternoon_slots_written_in_words_and_a_missing_file(store: Store, branch, tmp_path: Path) -> None:
    path = tmp_path / "pm.csv"
    path.write_text(f"姓名,手机,日期,时段\n王五,13912345678,{tomorrow()},下午3点-4点\n", encoding="utf-8")
    with store.write() as session:
        report = appointments.import_appointments(session, branch.id, appointments.read_table(path))
    assert report.imported == 1
    with store.read() as session:
        row = session.scalars(sa.select(Appointment)).one()
    assert (row.slot_start.astimezone(BRANCH_TZ).hour, row.slot_end.astimezone(BRANCH_TZ).hour) == (15, 16)
    with pytest.raises(errors.ValidationError) as caught:
        appointments.read_table(tmp_path / "missing.csv")
    assert "找不到文件" in caught.value.message()
