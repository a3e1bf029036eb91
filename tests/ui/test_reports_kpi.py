"""Reports page: reception KPIs from the day's visits, telesales conversion, export to CSV and XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from workstation.domain import ServiceLine, VisitOutcome
from workstation.models import Counter
from workstation.services import queue, reception, tickets
from workstation.ui.reports import ReportsPage
from workstation.ui.reports.export import ReportTable, csv_bytes, export

from .test_reception_support import (  # noqa: F401 - fixtures
    booked_today,
    context_for,
    counter_settings_fixture,
    demo_opened_fixture,
    demo_template_fixture,
)

WAIT = 10_000


@pytest.fixture
def page(qtbot, demo_opened, tasks, presenter) -> ReportsPage:
    context = context_for(demo_opened, tasks, presenter, "S001")
    store, actor = context.store, context.actor
    with store.write() as session:  # one served walk-in, one checked-in appointment served
        counter = session.scalars(sa.select(Counter).where(Counter.number == 1)).one()
        tickets.issue_walk_in(session, actor, ServiceLine.NEW_ACCOUNT)
        appointment = booked_today(store)[0]
        reception.check_in(session, actor, appointment.id)
        for outcome in (VisitOutcome.ACCOUNT_OPENED, VisitOutcome.CONSULTATION):
            called = queue.call_next(session, actor, counter.id)
            queue.start_service(session, actor, called.visit_id)
            queue.finish_visit(session, actor, called.visit_id, outcome)
    widget = ReportsPage(context)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.kpis.sig_loaded, timeout=WAIT):
        widget.show()
    return widget


def test_kpis_show_times_tickets_outcomes_and_conversion(page: ReportsPage) -> None:
    data = page.kpis.data
    assert data is not None
    assert data.day.waiting.count == 2 and data.day.service.count == 2
    assert page.kpis.figures["wait_median"].value_label.text() != "—"
    assert data.day.tickets_per_line == {ServiceLine.NEW_ACCOUNT: 1, ServiceLine.TELESALES: 1}
    lines = page.kpis.lines_view.model()
    rows = {lines.index(r, 0).data(): lines.index(r, 1).data() for r in range(lines.rowCount())}
    assert rows["A 新开户"] == "1" and rows["T 电销预约"] == "1" and rows["B 转户"] == "0"
    conversion = page.kpis.conversion_view.model()
    assert conversion.rowCount() == len(data.conversion) > 0
    assert sum(row.checked_in for row in data.conversion) == 1
    # the telesales counter called the appointment (T) first: its visit ended with the account opened
    assert any(row.outcomes.get(VisitOutcome.ACCOUNT_OPENED) for row in data.conversion)


def test_export_csv_reads_back_with_bom_and_chinese(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "kpi.csv"
    with qtbot.waitSignal(page.kpis.sig_exported, timeout=WAIT):
        page.kpis.export_to(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0].startswith("各队列取号")
    assert ["A 新开户", "1"] in rows
    assert any(row[:1] == ["坐席"] for row in rows)
    assert "已导出" in page.kpis.message.text()
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_export_xlsx_reads_back_one_sheet_per_table(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "kpi.xlsx"
    with qtbot.waitSignal(page.kpis.sig_exported, timeout=WAIT):
        page.kpis.export_to(path)
    workbook = load_workbook(path)
    assert len(workbook.worksheets) == 7  # four reception tables, then the three gift tables
    first = workbook.worksheets[0]
    assert [c.value for c in first[1]] == ["队列", "取号数"]
    assert ["A 新开户", 1] in [[c.value for c in row] for row in first.iter_rows(min_row=2)]
    conversion = workbook.worksheets[2]
    assert conversion["A1"].value == "坐席"


def test_export_into_a_missing_folder_says_so(qtbot, page: ReportsPage, tmp_path: Path, tasks, presenter) -> None:
    page.kpis.export_to(tmp_path / "missing" / "kpi.csv")
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    assert "无法写入" in page.kpis.message.text()
    assert presenter.reports == []


def test_range_with_start_after_end_is_refused(page: ReportsPage) -> None:
    page.kpis.first_edit.setDate(page.kpis.last_edit.date().addDays(1))
    page.kpis.refresh()
    assert "晚于" in page.kpis.message.text()


def test_csv_neutralises_formulas_and_export_is_atomic(tmp_path: Path) -> None:
    table = ReportTable("t", ("a", "b"), (("=1+1", 2), ("@SUM(A1)", None)))
    text = csv_bytes([table]).decode("utf-8-sig")
    assert "'=1+1" in text and "'@SUM(A1)" in text
    target = tmp_path / "r.csv"
    target.write_text("old", encoding="utf-8")
    export([table], target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]
