"""The Documents page: scan station, outstanding lists and filters, preview/reprint, history, roles."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from workstation.domain import PaperStatus, Role
from workstation.services import documents, paper
from workstation.ui.context import SessionContext
from workstation.ui.documents import DocumentsPage
from workstation.ui.pages import PageId, visible_pages

from .test_printing_support import (  # noqa: F401 - fixtures
    FakeSpooler,
    create_for,
    demo_clients,
    demo_context,
    demo_db_fixture,
    documents_demo_template_fixture,
    jobs,
    no_accidental_queue_fixture,
)

pytestmark = pytest.mark.usefixtures("no_accidental_queue")


@pytest.fixture(name="clerk")
def clerk_fixture(demo_db, tasks, presenter) -> SessionContext:  # type: ignore[no-untyped-def]
    return demo_context(demo_db, tasks, presenter, "C001")


@pytest.fixture(name="supervisor")
def supervisor_fixture(demo_db, tasks, presenter) -> SessionContext:  # type: ignore[no-untyped-def]
    return demo_context(demo_db, tasks, presenter, "S001")


def open_page(qtbot, context: SessionContext, rows: int) -> DocumentsPage:  # type: ignore[no-untyped-def]
    page = DocumentsPage(context)
    page.print_backend = FakeSpooler()
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == rows and context.tasks.pending == 0, timeout=10_000)
    return page


def scan(qtbot, page: DocumentsPage, typed: str, signal: str = "sig_moved"):  # type: ignore[no-untyped-def]
    """Type as a USB scanner does: the text, then Enter."""
    assert page.scan is not None
    page.scan.scan_edit.setText(typed)
    with qtbot.waitSignal(getattr(page.scan, signal), timeout=10_000) as blocker:
        QTest.keyClick(page.scan.scan_edit, Qt.Key.Key_Return)
    return blocker.args[0]


def status_of(context: SessionContext, document_id) -> PaperStatus:  # type: ignore[no-untyped-def]
    with context.store.read() as session:
        return documents.get_document(session, document_id).paper_status


def test_scanning_moves_a_form_one_step_and_shows_the_status_big(qtbot, clerk: SessionContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(paper, "REPEAT_SECONDS", 0)  # two steps of one sheet, minutes apart at a counter
    client = demo_clients(clerk, 1)[0]
    view = create_for(clerk, client)
    page = open_page(qtbot, clerk, 1)
    move = scan(qtbot, page, view.doc_no.lower() + "\t")  # scanners may add a Tab; case does not matter
    assert (move.previous, move.current) == (PaperStatus.TO_PRINT, PaperStatus.SIGNED)
    assert page.scan.result_label.text() == "已签字" and page.scan.result_label.property("state") == "ok"
    assert view.doc_no in page.scan.detail_label.text() and client[1] in page.scan.detail_label.text()
    assert page.scan.scan_edit.text() == "" and page.scan.scan_edit.hasFocus()
    qtbot.waitUntil(lambda: page.shown_documents()[0].paper_status is PaperStatus.SIGNED, timeout=10_000)
    full_width = view.doc_no.replace("KH", "ＫＨ")  # a Chinese input method left on
    assert scan(qtbot, page, full_width).current is PaperStatus.SCANNED
    assert status_of(clerk, view.document_id) is PaperStatus.SCANNED


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "内容为空"),
        ("   ", "内容为空"),
        ("hello world", "不是单据编号格式"),
        ("KH-BJGM01\x07-20261125-0001", "控制字符"),
        ("张三", "不是单据编号格式"),
        ("KH-" + "9" * 80, "内容过长"),
        ("KH-BJGM01-20200101-9999", "KH-BJGM01-20200101-9999"),  # well formed, no such document
    ],
)
def test_bad_scans_are_explained_and_change_nothing(qtbot, clerk: SessionContext, presenter, typed, words) -> None:  # type: ignore[no-untyped-def]
    view = create_for(clerk, demo_clients(clerk, 1)[0])
    page = open_page(qtbot, clerk, 1)
    error = scan(qtbot, page, typed, "sig_refused")
    assert words in error.message() and words in page.scan.detail_label.text()
    assert page.scan.result_label.text() == "未登记" and page.scan.result_label.property("state") == "error"
    assert presenter.reports == [] and status_of(clerk, view.document_id) is PaperStatus.TO_PRINT
    assert page.scan.scan_edit.text() == ""


def test_a_fixed_station_refuses_to_skip_a_step(qtbot, clerk: SessionContext) -> None:
    view = create_for(clerk, demo_clients(clerk, 1)[0])
    page = open_page(qtbot, clerk, 1)
    page.scan.target_combo.setCurrentIndex(page.scan.target_combo.findData(PaperStatus.ARCHIVED))
    error = scan(qtbot, page, view.doc_no, "sig_refused")
    assert "不能跳过步骤" in error.message() and status_of(clerk, view.document_id) is PaperStatus.TO_PRINT


def test_outstanding_lists_per_day_and_client_and_filters(qtbot, clerk: SessionContext) -> None:
    a, b = demo_clients(clerk, 2)
    a1 = create_for(clerk, a)
    create_for(clerk, a, "risk-disclosure")
    b1 = create_for(clerk, b, "bank-custody")
    create_for(clerk, b, "queue-ticket")  # not coming back on paper: not outstanding
    page = open_page(qtbot, clerk, 3)
    scan(qtbot, page, b1.doc_no)
    qtbot.waitUntil(lambda: clerk.tasks.pending == 0, timeout=10_000)
    groups = page.group_model.rows
    assert sorted((g.client_name, g.count) for g in groups) == sorted([(a[1], 2), (b[1], 1)])
    page.status_combo.setCurrentIndex(page.status_combo.findData(PaperStatus.SIGNED))
    assert [d.doc_no for d in page.shown_documents()] == [b1.doc_no]
    page.status_combo.setCurrentIndex(0)
    page.client_edit.setText(a[1])
    assert {d.client_name for d in page.shown_documents()} == {a[1]} and page.proxy.rowCount() == 2
    page.client_edit.setText(a1.doc_no[:9].lower())  # part of a number finds it too, any case
    assert [d.doc_no for d in page.shown_documents()] == [a1.doc_no]
    page.client_edit.clear()
    page.set_day(date(2000, 1, 1))
    assert page.shown_documents() == [] and "0 / 3" in page.count_label.text()
    page.set_day(None)
    index = page.group_model.index(next(i for i, g in enumerate(groups) if g.client_name == b[1]), 0)
    page._group_clicked(index)
    assert [d.doc_no for d in page.shown_documents()] == [b1.doc_no]
    page.client_edit.clear()
    page.scope_combo.setCurrentIndex(page.scope_combo.findData("all"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10_000)
    page.status_combo.setCurrentIndex(page.status_combo.findData(PaperStatus.NOT_REQUIRED))
    assert [d.form_code for d in page.shown_documents()] == ["queue-ticket"]


def test_open_a_document_reprint_and_see_the_history(qtbot, clerk: SessionContext) -> None:
    view = create_for(clerk, demo_clients(clerk, 1)[0])
    page = open_page(qtbot, clerk, 1)
    assert page.select_document(view.document_id) and page.open_button.isEnabled()
    dialog = page.open_document(view.document_id)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(dialog.sig_printed, timeout=10_000):
        dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.reprint_check.isChecked(), timeout=10_000)
    with qtbot.waitSignal(dialog.sig_printed, timeout=10_000) as blocker:
        dialog.print_button.click()
    assert blocker.args[0].is_reprint
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 2, timeout=10_000)
    cells = [page.history_model.index(1, c).data() for c in range(page.history_model.columnCount())]
    assert cells[1] == "副本" and cells[3] == "Counter1" and cells[4] == "已完成" and cells[5] == "王磊"
    assert [j.is_reprint for j in jobs(clerk, view.document_id)] == [False, True]
    dialog.close()


def test_the_scan_box_opens_a_document_by_number(qtbot, clerk: SessionContext) -> None:
    view = create_for(clerk, demo_clients(clerk, 1)[0], "appointment")
    page = open_page(qtbot, clerk, 0)
    page.scan.scan_edit.setText(view.doc_no)
    page.scan.open_button.click()
    qtbot.waitUntil(lambda: len(page.dialogs) == 1, timeout=10_000)
    dialog = page.dialogs[0]
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=10_000)
    assert dialog.data.document.doc_no == view.doc_no and dialog.page_count() == view.pages
    dialog.close()


def test_who_sees_the_page_and_who_may_change_a_status(qtbot, demo_db, tasks, presenter) -> None:  # type: ignore[no-untyped-def]
    clerk = demo_context(demo_db, tasks, presenter, "C001")
    supervisor = demo_context(demo_db, tasks, presenter, "S001")
    reception = demo_context(demo_db, tasks, presenter, "R001")
    assert PageId.DOCUMENTS not in visible_pages(reception.actor)
    assert PageId.DOCUMENTS in visible_pages(clerk.actor) and PageId.DOCUMENTS in visible_pages(supervisor.actor)
    create_for(clerk, demo_clients(clerk, 1)[0])
    clerk_page = open_page(qtbot, clerk, 1)
    assert clerk_page.scan is not None and clerk_page.status_button.isHidden()
    clerk_page.table.selectRow(0)
    assert clerk_page.change_status() is None  # not even by calling it
    supervisor_page = open_page(qtbot, supervisor, 1)
    assert not supervisor_page.status_button.isHidden() and Role.SUPERVISOR in supervisor.actor.roles
    supervisor_page.table.selectRow(0)
    assert supervisor_page.status_button.isEnabled()


def test_supervisor_changes_a_status_with_a_reason(qtbot, supervisor: SessionContext) -> None:
    view = create_for(supervisor, demo_clients(supervisor, 1)[0])
    page = open_page(qtbot, supervisor, 1)
    page.table.selectRow(0)
    dialog = page.change_status()
    assert dialog is not None and dialog.chosen() is PaperStatus.SIGNED  # one step forward by default
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(PaperStatus.SENT))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden(), timeout=10_000)
    assert "须填写原因" in dialog.error_label.text() and dialog.isVisible()
    dialog.reason_edit.setText("影像已由总部直接调阅")
    with qtbot.waitSignal(dialog.sig_changed, timeout=10_000) as blocker:
        dialog.ok_button.click()
    assert blocker.args[0].current is PaperStatus.SENT
    assert status_of(supervisor, view.document_id) is PaperStatus.SENT
    qtbot.waitUntil(lambda: page.shown_documents()[0].paper_status is PaperStatus.SENT, timeout=10_000)


def test_screenshot_documents_are_seeded_once_without_spooling(qtbot, clerk: SessionContext) -> None:
    from workstation.ui.documents.demo import SCREENSHOT_FORMS, seed_screenshot_documents

    assert seed_screenshot_documents(clerk.store) == len(SCREENSHOT_FORMS)
    assert seed_screenshot_documents(clerk.store) == 0  # the demo database keeps what it has
    page = open_page(qtbot, clerk, 6)  # all of them come back on paper
    assert {d.paper_status for d in page.shown_documents()} == {
        PaperStatus.PRINTED, PaperStatus.SIGNED, PaperStatus.SCANNED
    }  # fmt: skip
    assert all(job.printer == "Counter-A4" for d in page.shown_documents() for job in jobs(clerk, d.document_id))
