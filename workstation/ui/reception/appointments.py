"""Appointments: today's list with status, the booking dialog, the import dialog, the no-show sweep."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.clock import BRANCH_TZ, business_date
from workstation.domain import Purpose, Role
from workstation.forms.identity import check_mobile
from workstation.services.appointments import AppointmentRequest, ImportReport, check_client_name
from workstation.services.reception import AppointmentMatch
from workstation.ui.reception import ops, slips
from workstation.ui.reception.checkin import set_role
from workstation.ui.reception.models import RECORD_ROLE, RecordTableModel, filter_proxy, label_text, today_columns

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

BOOKING_ROLES = (Role.TELESALES, Role.RECEPTION, Role.SUPERVISOR)
SWEEP_ROLES = (Role.RECEPTION, Role.SUPERVISOR)
SLOT_MINUTES = 30
SLOTS = tuple(time(9 + m // 60, m % 60) for m in range(0, 7 * 60, SLOT_MINUTES))
"""Half-hour slots 9:00–15:30, as the call centre books them."""


def open_slots(day: date) -> tuple[time, ...]:
    """The slots of ``day`` that have not ended yet (all of them on a later day)."""
    now = datetime.now(BRANCH_TZ)
    return tuple(
        slot for slot in SLOTS if datetime.combine(day, slot, tzinfo=BRANCH_TZ) + timedelta(minutes=SLOT_MINUTES) > now
    )


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question (tests replace :attr:`TodayAppointments.confirm`)."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


class BookingDialog(QDialog):
    """预约登记: client name, mobile (checked as typed), purpose, day and slot, optional campaign."""

    sig_booked = Signal(object)
    """The appointment was booked (payload: :class:`ops.Booked`)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("bookingDialog")
        self.setWindowTitle(self.tr("预约登记"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(60)
        self.mobile_edit = QLineEdit(self)
        self.mobile_edit.setMaxLength(20)
        self.mobile_error = QLabel(self)
        self.mobile_error.setProperty("role", "field-error")
        self.mobile_error.setWordWrap(True)
        self.purpose_combo = QComboBox(self)
        for purpose in Purpose:
            self.purpose_combo.addItem(label_text(purpose.label), purpose.value)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = business_date()
        self.date_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        self.slot_combo = QComboBox(self)
        for slot in SLOTS:
            end = (datetime.combine(today, slot) + timedelta(minutes=SLOT_MINUTES)).time()
            self.slot_combo.addItem(f"{slot:%H:%M}–{end:%H:%M}", slot.isoformat())
        # Past slots cannot be booked: today's are disabled, and after the last one the day is tomorrow.
        first = today if open_slots(today) else today + timedelta(days=1)
        self.date_edit.dateChanged.connect(self._enable_open_slots)
        self.date_edit.setDate(QDate(first.year, first.month, first.day))
        self._enable_open_slots()
        self.campaign_combo = QComboBox(self)
        self.campaign_combo.addItem(self.tr("（无）"), "")
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setMaxLength(500)
        form.addRow(self.tr("客户姓名"), self.name_edit)
        form.addRow(self.tr("手机号"), self.mobile_edit)
        form.addRow("", self.mobile_error)
        form.addRow(self.tr("办理业务"), self.purpose_combo)
        form.addRow(self.tr("预约日期"), self.date_edit)
        form.addRow(self.tr("时段"), self.slot_combo)
        form.addRow(self.tr("营销活动"), self.campaign_combo)
        form.addRow(self.tr("备注"), self.notes_edit)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登记预约"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.box)
        self.mobile_edit.editingFinished.connect(self.check_mobile)
        self.mobile_edit.textChanged.connect(lambda _text: self.mobile_error.clear())
        self.box.accepted.connect(self.submit)
        self.box.rejected.connect(self.reject)
        store, branch_id = context.store, context.identity.branch_id
        context.tasks.run(lambda: ops.campaigns(store, branch_id), on_success=self._show_campaigns, owner=self)

    def _enable_open_slots(self, *_args: object) -> None:
        qdate = self.date_edit.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        usable = open_slots(day)
        model = self.slot_combo.model()
        for row, slot in enumerate(SLOTS):
            item = model.item(row) if hasattr(model, "item") else None
            if item is not None:
                item.setEnabled(slot in usable)
        if usable and SLOTS[self.slot_combo.currentIndex()] not in usable:
            self.slot_combo.setCurrentIndex(SLOTS.index(usable[0]))

    def _show_campaigns(self, choices: list[ops.CampaignChoice]) -> None:
        for choice in choices:
            self.campaign_combo.addItem(f"{choice.name}（{choice.code}）", str(choice.campaign_id))

    def check_mobile(self) -> bool:
        """Validate the mobile as soon as the clerk leaves the field; the message sits under it."""
        try:
            check_mobile(self.mobile_edit.text())
        except errors.ValidationError as exc:
            self.mobile_error.setText(exc.problems[0].message(self.context.lang))
            return False
        self.mobile_error.clear()
        return True

    def request(self) -> AppointmentRequest:
        """The validated request. Raises ValidationError with every problem found."""
        problems: list[errors.FieldProblem] = []
        name = mobile = ""
        try:
            name = check_client_name(self.name_edit.text())
        except errors.ValidationError as exc:
            problems += exc.problems
        try:
            mobile = check_mobile(self.mobile_edit.text()).number
        except errors.ValidationError as exc:
            problems += exc.problems
        if problems:
            raise errors.ValidationError(problems)
        qdate = self.date_edit.date()
        start = datetime.combine(
            date(qdate.year(), qdate.month(), qdate.day()),
            time.fromisoformat(self.slot_combo.currentData()),
            tzinfo=BRANCH_TZ,
        )
        campaign = self.campaign_combo.currentData()
        return AppointmentRequest(
            client_name=name,
            mobile=mobile,
            purpose=Purpose(self.purpose_combo.currentData()),
            slot_start=start,
            slot_end=start + timedelta(minutes=SLOT_MINUTES),
            campaign_id=uuid.UUID(campaign) if campaign else None,
            notes=self.notes_edit.text().strip(),
        )

    def submit(self) -> None:
        self.check_mobile()
        try:
            request = self.request()
        except errors.ValidationError as exc:
            self._show_error(exc.message(self.context.lang))
            return
        self.ok_button.setEnabled(False)
        store, actor, branch_id = self.context.store, self.context.actor, self.context.identity.branch_id
        self.context.tasks.run(
            lambda: ops.book(store, actor, branch_id, request),
            on_success=self._booked,
            on_failure=self._failed,
            writes=True,
            owner=self,
        )

    def _booked(self, booked: ops.Booked) -> None:
        self.sig_booked.emit(booked)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, errors.UserError):
            self._show_error(exc.message(self.context.lang))
        else:
            self.context.presenter.show(exc, self)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class ImportDialog(QDialog):
    """导入预约: choose the call centre's CSV/XLSX export; see imported, duplicates, rejected rows."""

    sig_imported = Signal(object)
    """The file was imported (payload: :class:`ImportReport`)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("导入预约"))
        self.resize(720, 480)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("选择文件…"), self)
        self.choose_button.setProperty("role", "primary")
        self.path_label = QLabel(self.tr("支持呼叫中心导出的 CSV（UTF-8 或 GBK）与 XLSX 文件。"), self)
        self.path_label.setProperty("role", "hint")
        self.path_label.setWordWrap(True)
        row.addWidget(self.choose_button)
        row.addWidget(self.path_label, 1)
        layout.addLayout(row)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "notice")
        layout.addWidget(self.summary)
        self.rejected_table = QTableWidget(0, 2, self)
        self.rejected_table.setObjectName("rejectedRows")
        self.rejected_table.setHorizontalHeaderLabels([self.tr("行号"), self.tr("未导入原因")])
        self.rejected_table.verticalHeader().hide()
        self.rejected_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rejected_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.rejected_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.rejected_table, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout.addWidget(box)
        box.rejected.connect(self.reject)
        self.choose_button.clicked.connect(self.choose_file)
        self.report: ImportReport | None = None
        self._resume: tuple[Path, int] | None = None
        """A file over the row limit: choosing it again continues from this line."""

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择预约文件"), "", self.tr("预约表格 (*.csv *.xlsx);;所有文件 (*)")
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        self.path_label.setText(str(path))
        set_role(self.summary, "notice")
        self.summary.setText(self.tr("正在导入…"))
        self.choose_button.setEnabled(False)
        store, branch_id = self.context.store, self.context.identity.branch_id
        from_line = self._resume[1] if self._resume and self._resume[0] == path else 0
        self._resume = None
        self.context.tasks.run(
            lambda: ops.import_file(store, branch_id, path, from_line=from_line),
            on_success=self._imported,
            on_failure=self._failed,
            writes=True,
            owner=self,
        )

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self.choose_button.setEnabled(True)
        set_role(self.summary, "notice-warning" if report.rejected else "notice-ok")
        self.summary.setText(
            self.tr("已导入 %1 条；重复（已导入过）%2 条；未导入 %3 条。")
            .replace("%1", str(report.imported))
            .replace("%2", str(len(report.duplicates)))
            .replace("%3", str(len(report.rejected)))
            + self.tr("已更新 %1 条；已取消 %2 条。")
            .replace("%1", str(len(report.updated)))
            .replace("%2", str(len(report.cancelled)))
        )
        if report.next_line is not None and self.path_label.text():
            self._resume = (Path(self.path_label.text()), report.next_line)
            self.summary.setText(
                self.summary.text()
                + self.tr("文件超过单次导入上限：再次选择同一文件将从第 %1 行继续导入。").replace(
                    "%1", str(report.next_line)
                )
            )
        self.rejected_table.setRowCount(len(report.rejected))
        for row, (line, reasons) in enumerate(report.rejected):
            self.rejected_table.setItem(row, 0, QTableWidgetItem(str(line)))
            self.rejected_table.setItem(row, 1, QTableWidgetItem("；".join(r.rstrip("。") for r in reasons)))
        self.rejected_table.resizeRowsToContents()
        self.sig_imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.choose_button.setEnabled(True)
        if isinstance(exc, errors.UserError):
            set_role(self.summary, "notice-warning")
            self.summary.setText(exc.message(self.context.lang))
        else:
            self.summary.setText(self.tr("导入失败。"))
            self.context.presenter.show(exc, self)


class TodayAppointments(QWidget):
    """今日预约 with status, filtered as the clerk types; booking, import and the no-show sweep."""

    sig_changed = Signal()
    """Appointments changed (booked, imported, swept)."""
    sig_loaded = Signal(object)
    """The list was reloaded (payload: the list of :class:`AppointmentMatch`)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: QDialog | None = None
        self.confirm: Callable[[QWidget, str, str], bool] = ask_confirmation
        actor = context.actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        row = QHBoxLayout()
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("appointmentFilter")
        self.filter_edit.setPlaceholderText(self.tr("筛选：姓名、状态、坐席、活动、预约码"))
        self.filter_edit.setClearButtonEnabled(True)
        row.addWidget(self.filter_edit, 1)
        self.book_button = QPushButton(self.tr("预约登记…"), self)
        self.book_button.setObjectName("bookAppointment")
        self.import_button = QPushButton(self.tr("导入预约…"), self)
        self.import_button.setObjectName("importAppointments")
        self.sweep_button = QPushButton(self.tr("标记未到店"), self)
        self.sweep_button.setObjectName("sweepNoShows")
        self.directions_button = QPushButton(self.tr("打印预约确认及到店指引…"), self)
        self.directions_button.setObjectName("printDirections")
        self.directions_button.setEnabled(False)
        buttons = ((self.book_button, BOOKING_ROLES), (self.import_button, BOOKING_ROLES),
                   (self.sweep_button, SWEEP_ROLES), (self.directions_button, slips.PRINT_ROLES))  # fmt: skip
        for button, roles in buttons:
            button.setVisible(actor.has_any(roles))
            row.addWidget(button)
        layout.addLayout(row)
        self.summary = QLabel(self)
        self.summary.setProperty("role", "hint")
        layout.addWidget(self.summary)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "notice-ok")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.model: RecordTableModel[AppointmentMatch] = RecordTableModel(today_columns(), parent=self)
        self.proxy = filter_proxy(self.model, self)
        self.view = QTableView(self)
        self.view.setObjectName("todayAppointments")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.book_button.clicked.connect(self.open_booking)
        self.import_button.clicked.connect(self.open_import)
        self.sweep_button.clicked.connect(self.sweep_no_shows)
        self.directions_button.clicked.connect(self.print_directions)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.directions_button.setEnabled(self.selected() is not None)
        )

    def refresh(self) -> None:
        store, branch_id = self.context.store, self.context.identity.branch_id
        self.context.tasks.run(lambda: ops.load_today(store, branch_id), on_success=self._loaded, owner=self)

    def selected(self) -> AppointmentMatch | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().hasSelection():
            return None
        record = self.proxy.data(self.proxy.index(index.row(), 0), RECORD_ROLE)
        return record if isinstance(record, AppointmentMatch) else None

    def print_directions(self) -> None:
        """The appointment confirmation with the branch's address, landmarks and transit routes."""
        match = self.selected()
        if match is None:
            return
        store, actor = self.context.store, self.context.actor
        slips.print_stored(self.context, lambda: slips.store_directions_slip(store, actor, match.appointment_id), self)

    def _loaded(self, matches: list[AppointmentMatch]) -> None:
        self.model.set_records(matches)
        self.directions_button.setEnabled(False)
        by_status: dict[str, int] = {}
        for match in matches:
            by_status[label_text(match.status.label)] = by_status.get(label_text(match.status.label), 0) + 1
        parts = "，".join(f"{name} {count}" for name, count in by_status.items())
        self.summary.setText(self.tr("今日共 %1 个预约：%2").replace("%1", str(len(matches))).replace("%2", parts))
        self.sig_loaded.emit(matches)

    def open_booking(self) -> BookingDialog:
        dialog = BookingDialog(self.context, self)
        dialog.sig_booked.connect(self._booked)
        self._open(dialog)
        return dialog

    def _booked(self, booked: ops.Booked) -> None:
        self._notify(
            self.tr("已为 %1 登记预约，预约码 %2。").replace("%1", booked.client_name).replace("%2", booked.code)
        )
        self.sig_changed.emit()
        self.refresh()

    def open_import(self) -> ImportDialog:
        dialog = ImportDialog(self.context, self)
        dialog.sig_imported.connect(self._imported)
        self._open(dialog)
        return dialog

    def _imported(self, _report: ImportReport) -> None:
        self.sig_changed.emit()
        self.refresh()

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def sweep_no_shows(self) -> None:
        """End of day: today's appointments still only booked become no-shows, after confirmation."""
        question = self.tr("把今天仍未签到的预约全部标记为“未到店”？此结果会同步回电销中心，不能撤销。")
        if not self.confirm(self, self.tr("标记未到店"), question):
            return
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(
            lambda: ops.sweep_no_shows(store, actor),
            on_success=self._swept,
            on_failure=lambda exc: self.context.presenter.show(exc, self),
            writes=True,
            owner=self,
        )

    def _swept(self, count: int) -> None:
        self._notify(self.tr("已将 %1 个预约标记为未到店。").replace("%1", str(count)))
        self.sig_changed.emit()
        self.refresh()

    def _notify(self, text: str) -> None:
        set_role(self.notice, "notice-ok")
        self.notice.setText(text)
        self.notice.show()
