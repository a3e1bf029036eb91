"""Reception KPIs on the Reports page: waits and service times, tickets per line, outcomes, and
telesales show-up and conversion per agent and campaign over a chosen date range; the gifts' daily
reconciliation of the chosen day (:mod:`workstation.ui.reports.gifts`); export CSV/XLSX."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.clock import business_date
from workstation.domain import ServiceLine, VisitOutcome
from workstation.services.reports import ConversionRow, Durations, ReceptionDay
from workstation.store import Store
from workstation.ui.page import FigureCard
from workstation.ui.reception.checkin import set_role
from workstation.ui.reception.models import Column, RecordTableModel, label_text
from workstation.ui.reports.export import ReportTable
from workstation.ui.reports.gifts import GiftDay, GiftReconciliationSection, load_gift_day

if TYPE_CHECKING:
    import uuid

    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

Row = tuple[str | int | float | None, ...]


@dataclass(frozen=True)
class KpiData:
    day: ReceptionDay
    first: date
    last: date
    conversion: tuple[ConversionRow, ...]
    gifts: GiftDay


def load_kpis(store: Store, branch_id: uuid.UUID, day: date, first: date, last: date) -> KpiData:
    """The day's reception figures and gift reconciliation, the range's telesales conversion
    (runs on a worker)."""
    from workstation.services import reports

    with store.read() as session:
        return KpiData(
            reports.reception_day(session, branch_id, day),
            first,
            last,
            tuple(reports.telesales_conversion(session, branch_id, first, last)),
            load_gift_day(session, branch_id, day),
        )


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def cell_text(index: int) -> Callable[[Row], str]:
    return lambda row: "" if row[index] is None else str(row[index])


def table_model(table: ReportTable, parent: QWidget) -> RecordTableModel[Row]:
    numeric = [any(isinstance(row[i], int | float) for row in table.rows) for i in range(len(table.headers))]
    columns = [Column(header, cell_text(i), align_right=numeric[i]) for i, header in enumerate(table.headers)]
    model: RecordTableModel[Row] = RecordTableModel(columns, parent=parent)
    model.set_records(table.rows)
    return model


class KpiSection(QWidget):
    """The KPI block: date choices, figures, the reception tables and the gift reconciliation
    (one tab each), export buttons (every table of both tabs)."""

    sig_loaded = Signal(object)
    """The KPIs were reloaded (payload: :class:`KpiData`)."""
    sig_exported = Signal(object)
    """A report file was written (payload: its :class:`Path`)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.data: KpiData | None = None
        self.tables: list[ReportTable] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("接待与电销指标"), self)
        title.setProperty("role", "section")
        layout.addWidget(title)

        controls = QHBoxLayout()
        today = business_date()
        self.day_edit = self._date_edit(today)
        self.first_edit = self._date_edit(today - timedelta(days=29))
        self.last_edit = self._date_edit(today)
        self.refresh_button = QPushButton(self.tr("统计"), self)
        self.refresh_button.setProperty("role", "primary")
        self.csv_button = QPushButton(self.tr("导出 CSV…"), self)
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"), self)
        for widget in (QLabel(self.tr("接待日期"), self), self.day_edit, QLabel(self.tr("电销统计区间"), self),
                       self.first_edit, QLabel("–", self), self.last_edit, self.refresh_button):  # fmt: skip
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.csv_button)
        controls.addWidget(self.xlsx_button)
        layout.addLayout(controls)
        self.message = QLabel(self)
        self.message.setProperty("role", "notice")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        figures = QHBoxLayout()
        self.figures = {
            "wait_median": FigureCard(self.tr("等候时长中位数（分钟）"), self),
            "wait_p90": FigureCard(self.tr("等候时长 P90（分钟）"), self),
            "service_median": FigureCard(self.tr("办理时长中位数（分钟）"), self),
            "service_p90": FigureCard(self.tr("办理时长 P90（分钟）"), self),
            "still_waiting": FigureCard(self.tr("尚未叫号"), self),
        }
        for card in self.figures.values():
            card.setProperty("size", "compact")
            card.setMinimumWidth(150)
            figures.addWidget(card)
        figures.addStretch(1)
        layout.addLayout(figures)

        self.tabs = QTabWidget(self)
        reception_tab = QWidget(self.tabs)
        grid = QGridLayout(reception_tab)
        grid.setContentsMargins(0, 0, 0, 0)
        self.lines_view = self._view("ticketsPerLine")
        self.outcomes_view = self._view("visitOutcomes")
        self.conversion_view = self._view("telesalesConversion")
        grid.addWidget(self.lines_view, 0, 0)
        grid.addWidget(self.outcomes_view, 0, 1)
        grid.addWidget(self.conversion_view, 1, 0, 1, 2)
        grid.setRowStretch(1, 1)
        self.gifts = GiftReconciliationSection(self.tabs)
        self.tabs.addTab(reception_tab, self.tr("接待与电销"))
        self.tabs.addTab(self.gifts, self.tr("礼品对账"))
        layout.addWidget(self.tabs, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self._enable_export(False)

    def _date_edit(self, day: date) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(qdate(day))
        return edit

    def _view(self, name: str) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(False)
        view.setMinimumHeight(120)
        return view

    def _enable_export(self, enabled: bool) -> None:
        self.csv_button.setEnabled(enabled)
        self.xlsx_button.setEnabled(enabled)

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        day, first, last = pydate(self.day_edit.date()), pydate(self.first_edit.date()), pydate(self.last_edit.date())
        if first > last:
            self._say(self.tr("统计区间的开始日期晚于结束日期。"), "notice-warning")
            return
        store, branch_id = self.context.store, self.context.identity.branch_id
        self._say(self.tr("正在统计…"), "notice")
        self.context.tasks.run(
            lambda: load_kpis(store, branch_id, day, first, last),
            on_success=self._loaded,
            on_failure=self._failed,
            owner=self,
        )

    def _loaded(self, data: KpiData) -> None:
        self.data = data
        self.figures["wait_median"].set_value(minutes(data.day.waiting.median))
        self.figures["wait_p90"].set_value(minutes(data.day.waiting.p90))
        self.figures["service_median"].set_value(minutes(data.day.service.median))
        self.figures["service_p90"].set_value(minutes(data.day.service.p90))
        self.figures["still_waiting"].set_value(data.day.still_waiting)
        self.tables = self.build_tables(data)
        views = (self.lines_view, self.outcomes_view, self.conversion_view)
        for view, table in zip(views, self.tables, strict=False):
            view.setModel(table_model(table, view))
        for view, table in zip(self.gifts.views, self.tables[4:], strict=True):
            view.setModel(table_model(table, view))
        self._say(
            self.tr("接待日期 %1；电销统计 %2 至 %3。")
            .replace("%1", data.day.day.isoformat())
            .replace("%2", data.first.isoformat())
            .replace("%3", data.last.isoformat()),
            "notice",
        )
        self._enable_export(True)
        self.sig_loaded.emit(data)

    def _failed(self, exc: BaseException) -> None:
        self._say(self.tr("暂时无法统计。"), "notice-warning")
        self.context.presenter.show(exc, self)

    def build_tables(self, data: KpiData) -> list[ReportTable]:
        """The tables on screen, which are also what the exports contain."""
        day = data.day
        lines = ReportTable(
            self.tr("各队列取号（%1）").replace("%1", day.day.isoformat()),
            (self.tr("队列"), self.tr("取号数")),
            tuple(
                (f"{line.value} {label_text(line.label)}", day.tickets_per_line.get(line, 0)) for line in ServiceLine
            ),
        )
        outcomes = ReportTable(
            self.tr("办理结果（%1）").replace("%1", day.day.isoformat()),
            (self.tr("结果"), self.tr("人次")),
            tuple((label_text(outcome.label), day.outcomes.get(outcome, 0)) for outcome in VisitOutcome),
        )
        timing = ReportTable(
            self.tr("等候与办理时长（%1）").replace("%1", day.day.isoformat()),
            (self.tr("指标"), self.tr("人次"), self.tr("中位数（分钟）"), self.tr("P90（分钟）")),
            (self._duration_row(self.tr("等候（取号→叫号）"), day.waiting),
             self._duration_row(self.tr("办理（开始→结束）"), day.service)),
        )  # fmt: skip
        period = self.tr("%1 至 %2").replace("%1", data.first.isoformat()).replace("%2", data.last.isoformat())
        conversion = ReportTable(
            self.tr("电销邀约到店与转化（%1）").replace("%1", period),
            (self.tr("坐席"), self.tr("活动"), self.tr("预约"), self.tr("到店"), self.tr("未到店"), self.tr("取消"),
             self.tr("到店率"), *(label_text(o.label) for o in VisitOutcome)),
            tuple(
                (row.agent_name, row.campaign_name, row.booked, row.checked_in, row.no_show, row.cancelled,
                 "—" if row.show_up_rate is None else f"{row.show_up_rate:.1%}",
                 *(row.outcomes.get(o, 0) for o in VisitOutcome))
                for row in data.conversion
            ),
        )  # fmt: skip
        return [lines, outcomes, conversion, timing, *self.gifts.build_tables(data.gifts)]

    @staticmethod
    def _duration_row(name: str, durations: Durations) -> Row:
        return (name, durations.count, durations.median, durations.p90)

    # --- exporting --------------------------------------------------------------------------

    def choose_export(self, kind: str) -> None:
        day = self.data.day.day.isoformat() if self.data else business_date().isoformat()
        suggested = f"接待指标-{day}.{kind}"
        name_filter = self.tr("Excel 工作簿 (*.xlsx)") if kind == "xlsx" else self.tr("CSV 文件 (*.csv)")
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("导出报表"), suggested, name_filter)
        if name:
            path = Path(name)
            self.export_to(path if path.suffix.lower() == f".{kind}" else path.with_name(f"{path.name}.{kind}"))

    def export_to(self, path: Path) -> None:
        """Write the tables on screen to ``path`` (CSV or XLSX by its suffix) in a task."""
        from workstation.ui.reports.export import export

        tables = list(self.tables)
        self.context.tasks.run(
            lambda: export(tables, path), on_success=self._exported, on_failure=self._export_failed, owner=self
        )

    def _exported(self, path: Path) -> None:
        self._say(self.tr("已导出到 %1").replace("%1", str(path)), "notice-ok")
        self.sig_exported.emit(path)

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            self._say(self.tr("无法写入文件：%1").replace("%1", exc.strerror or str(exc)), "notice-warning")
        else:
            self.context.presenter.show(exc, self)

    def _say(self, text: str, role: str) -> None:
        set_role(self.message, role)
        self.message.setText(text)
