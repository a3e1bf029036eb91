"""Today's appointments, booking, import, the no-show sweep, competitor offers and staffing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from workstation.clock import business_date
from workstation.domain import AppointmentStatus
from workstation.ui.reception import ReceptionPage
from workstation.ui.reception.appointments import BookingDialog, ImportDialog
from workstation.ui.reception.reference import OfferDialog

from .test_reception_support import (  # noqa: F401 - fixtures
    context_for,
    counter_settings_fixture,
    demo_opened_fixture,
    demo_template_fixture,
)

WAIT = 10_000


def make_page(qtbot, demo_opened, tasks, presenter, staff_no: str) -> ReceptionPage:
    widget = ReceptionPage(context_for(demo_opened, tasks, presenter, staff_no))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    return widget


@pytest.fixture
def page(qtbot, demo_opened, tasks, presenter) -> ReceptionPage:
    return make_page(qtbot, demo_opened, tasks, presenter, "S001")


def test_todays_list_shows_every_appointment_and_filters(qtbot, page: ReceptionPage) -> None:
    view = page.appointments
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT)
    total = view.model.rowCount()
    assert view.proxy.rowCount() == total
    view.filter_edit.setText("已取消")
    assert 0 < view.proxy.rowCount() < total
    view.filter_edit.clear()
    assert view.proxy.rowCount() == total
    from workstation.ui.reception.models import RECORD_ROLE

    view.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # by slot time, not by text
    slots = [view.proxy.index(r, 0).data(RECORD_ROLE).slot_start for r in range(view.proxy.rowCount())]
    assert slots == sorted(slots, reverse=True)


def test_booking_dialog_validates_the_mobile_and_books(qtbot, page: ReceptionPage, tasks) -> None:
    dialog = page.appointments.open_booking()
    assert isinstance(dialog, BookingDialog)
    dialog.name_edit.setText("钱多多")
    dialog.mobile_edit.setText("1381234")
    dialog.submit()
    assert "手机号码" in dialog.mobile_error.text()
    assert dialog.error.isVisibleTo(dialog) and dialog.isVisible()
    dialog.mobile_edit.setText("010-65050000")
    assert dialog.check_mobile() is False
    assert "固定电话" in dialog.mobile_error.text()

    dialog.mobile_edit.setText("139 1000 8888")
    assert dialog.check_mobile()
    dialog.slot_combo.setCurrentIndex(dialog.slot_combo.count() - 1)
    with qtbot.waitSignal(dialog.sig_booked, timeout=WAIT) as blocker:
        dialog.submit()
    booked = blocker.args[0]
    assert booked.client_name == "钱多多" and booked.code
    if business_date(booked.slot_start) == business_date():  # after today's last slot the dialog books tomorrow
        qtbot.waitUntil(lambda: any(m.client_name == "钱多多" for m in page.appointments.model.records), timeout=WAIT)
    assert booked.code in page.appointments.notice.text()


def test_booking_dialog_offers_no_slot_that_is_over(qtbot, page: ReceptionPage) -> None:
    """Issue 15 defect 6: today's slots already over cannot be chosen."""
    from workstation.ui.reception.appointments import SLOTS, open_slots

    dialog = page.appointments.open_booking()
    today = business_date()
    dialog.date_edit.setDate(QDate(today.year, today.month, today.day))
    usable = open_slots(today)
    model = dialog.slot_combo.model()
    assert [model.item(row).isEnabled() for row in range(len(SLOTS))] == [slot in usable for slot in SLOTS]
    if usable:
        assert SLOTS[dialog.slot_combo.currentIndex()] in usable
    dialog.reject()


def test_booking_dialog_refuses_a_name_with_digits(qtbot, page: ReceptionPage) -> None:
    dialog = page.appointments.open_booking()
    dialog.name_edit.setText("张三3")
    dialog.mobile_edit.setText("13910008888")
    dialog.submit()
    assert "不能用于姓名的字符" in dialog.error.text()


CSV = (
    "外呼编号,客户姓名,手机号,预约日期,预约时段,办理业务\n"
    "X1,赵六,13912340001,{day},10:00-10:30,新开户\n"
    "X1,赵六,13912340001,{day},10:00-10:30,新开户\n"
    "X2,,13912340002,{day},10:00,转户\n"
    "X3,孙七,12345,{day},25:00,炒股\n"
    "X4,周八😀,13912340004,2001-01-01,10:00,其他\n"
)


def test_import_dialog_shows_imported_duplicates_and_rejected_rows_with_reasons(
    qtbot, page: ReceptionPage, tmp_path: Path
) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(CSV.format(day=(business_date() + timedelta(days=1)).isoformat()), encoding="utf-8-sig")
    dialog = page.appointments.open_import()
    assert isinstance(dialog, ImportDialog)
    with qtbot.waitSignal(dialog.sig_imported, timeout=WAIT) as blocker:
        dialog.import_path(path)
    report = blocker.args[0]
    assert report.imported == 1 and report.duplicates == [3]
    assert [line for line, _reasons in report.rejected] == [4, 5, 6]
    assert dialog.rejected_table.rowCount() == 3
    assert dialog.rejected_table.item(0, 0).text() == "4"
    assert "姓名" in dialog.rejected_table.item(0, 1).text()
    assert "手机" in dialog.rejected_table.item(1, 1).text() and "无法识别" in dialog.rejected_table.item(1, 1).text()
    assert "已导入 1 条" in dialog.summary.text()

    with qtbot.waitSignal(dialog.sig_imported, timeout=WAIT) as blocker:
        dialog.import_path(path)  # never twice
    assert blocker.args[0].imported == 0 and len(blocker.args[0].duplicates) == 2


def test_import_dialog_reports_an_unreadable_file(qtbot, page: ReceptionPage, tmp_path: Path, tasks, presenter) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"\x00not a workbook")
    dialog = page.appointments.open_import()
    dialog.import_path(path)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    assert "无法读取" in dialog.summary.text()
    assert presenter.reports == []


def test_sweep_asks_first_then_marks_no_shows(qtbot, page: ReceptionPage, tasks) -> None:
    view = page.appointments
    questions: list[str] = []
    view.confirm = lambda _parent, _title, text: questions.append(text) or False
    view.sweep_button.click()
    assert questions and tasks.pending == 0

    view.confirm = lambda _parent, _title, _text: True
    view.sweep_button.click()
    qtbot.waitUntil(lambda: "未到店" in view.notice.text(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: view.model.rowCount() > 0 and all(m.status is not AppointmentStatus.BOOKED for m in view.model.records),
        timeout=WAIT,
    )


def test_supervisor_adds_edits_and_deletes_a_competitor_offer(qtbot, page: ReceptionPage) -> None:
    panel = page.offers
    assert not panel.add_button.isHidden()
    dialog = panel.open_editor(None)
    assert isinstance(dialog, OfferDialog)
    dialog.box.accepted.emit()  # empty: refused with the reasons
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=WAIT)
    assert "同业机构" in dialog.error.text()
    dialog.competitor_edit.setText("远航证券")
    dialog.offer_edit.setPlainText("转户送 100 元话费")
    dialog.open_ended.setChecked(True)
    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT):
        dialog.box.accepted.emit()
    offer = next(o for o in panel.model.records if o.competitor == "远航证券")
    assert offer.valid_until is None

    panel.view.selectRow(panel.model.records.index(offer))
    dialog = panel.open_editor(panel.selected())
    dialog.steps_edit.setPlainText("介绍我方佣金与投顾服务")
    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT):
        dialog.box.accepted.emit()
    offer = next(o for o in panel.model.records if o.competitor == "远航证券")
    assert offer.retention_steps == "介绍我方佣金与投顾服务"

    panel.view.selectRow(panel.model.records.index(offer))
    panel.confirm = lambda *_args: True
    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT):
        panel.delete_button.click()
    assert all(o.competitor != "远航证券" for o in panel.model.records)


def test_clerk_reads_offers_but_cannot_edit(qtbot, demo_opened, tasks, presenter) -> None:
    widget = make_page(qtbot, demo_opened, tasks, presenter, "C001")
    assert widget.offers.add_button.isHidden() and widget.offers.delete_button.isHidden()
    assert widget.staffing is not None and widget.staffing.shift_button.isHidden()


def test_staffing_flags_short_hours_and_supervisor_adds_overtime(qtbot, page: ReceptionPage) -> None:
    panel = page.staffing
    assert panel is not None
    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT) as blocker:
        page.tabs.setCurrentWidget(panel)
    hours = blocker.args[0]
    short = [h for h in hours if h.shortfall]
    assert short, "the demo books more appointments per hour than nobody on duty can serve"
    from workstation.ui.reception.models import FLAGGED_ROLE

    row = hours.index(short[0])
    assert panel.model.index(row, 0).data(FLAGGED_ROLE) is True
    panel.flagged_only.setChecked(True)
    assert panel.proxy.rowCount() == len(short)

    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT):  # reload after staff list loaded is not needed
        panel.refresh()
    panel.open_shift()
    qtbot.waitUntil(lambda: panel.dialog is not None, timeout=WAIT)
    dialog = panel.dialog
    assert dialog is not None
    dialog.staff_combo.setCurrentIndex(dialog.staff_combo.findData("C001"))
    with qtbot.waitSignal(panel.sig_loaded, timeout=WAIT) as blocker:
        dialog.box.accepted.emit()
    hour = next(h for h in blocker.args[0] if h.start == short[0].start)
    assert hour.overtime_staff == 1 and hour.staff_on_duty == short[0].staff_on_duty + 1
