"""Competitor offers (同业活动, for transfer-in conversations) and staffing for appointment peaks (加班安排).

Everyone on the reception screen reads both; supervisors edit the offers and record overtime.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.clock import BRANCH_TZ, business_date
from workstation.domain import Role
from workstation.services.staffing import HourLoad, OfferView
from workstation.ui.reception import ops
from workstation.ui.reception.appointments import ask_confirmation
from workstation.ui.reception.checkin import set_role
from workstation.ui.reception.models import RECORD_ROLE, RecordTableModel, filter_proxy, load_columns, offer_columns

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

STAFFING_DAYS = 3


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def table_view(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class OfferDialog(QDialog):
    """Add or edit one competitor offer."""

    def __init__(self, offer: OfferView | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offerDialog")
        self.setWindowTitle(self.tr("编辑同业活动") if offer else self.tr("新增同业活动"))
        self.setMinimumWidth(520)
        self.offer_id = offer.offer_id if offer else None
        form = QFormLayout()
        self.competitor_edit = QLineEdit(offer.competitor if offer else "", self)
        self.competitor_edit.setMaxLength(100)
        self.offer_edit = QPlainTextEdit(offer.offer if offer else "", self)
        self.steps_edit = QPlainTextEdit(offer.retention_steps if offer else "", self)
        self.open_ended = QCheckBox(self.tr("长期有效"), self)
        self.until_edit = QDateEdit(self)
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("yyyy-MM-dd")
        until = offer.valid_until if offer and offer.valid_until else business_date()
        self.until_edit.setDate(qdate(until))
        self.open_ended.setChecked(offer is not None and offer.valid_until is None)
        self.until_edit.setEnabled(not self.open_ended.isChecked())
        self.open_ended.toggled.connect(lambda on: self.until_edit.setEnabled(not on))
        until_row = QHBoxLayout()
        until_row.addWidget(self.until_edit, 1)
        until_row.addWidget(self.open_ended)
        form.addRow(self.tr("同业机构"), self.competitor_edit)
        form.addRow(self.tr("活动内容"), self.offer_edit)
        form.addRow(self.tr("挽留/应对"), self.steps_edit)
        form.addRow(self.tr("有效期至"), until_row)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.box)
        self.box.rejected.connect(self.reject)

    @property
    def valid_until(self) -> date | None:
        return None if self.open_ended.isChecked() else pydate(self.until_edit.date())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class OffersPanel(QWidget):
    """The branch's competitor-offer reference; supervisors add, edit and delete."""

    sig_loaded = Signal(object)
    """The list was reloaded (payload: list of :class:`OfferView`)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: OfferDialog | None = None
        self.confirm: Callable[[QWidget, str, str], bool] = ask_confirmation
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        hint = QLabel(self.tr("转户客户到店时参考：本地同业机构的促销活动及我方应对。"), self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.model: RecordTableModel[OfferView] = RecordTableModel(offer_columns(), parent=self)
        self.view = table_view(self, "competitorOffers")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (1, 2):  # the offer and the response: the text the clerk reads
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.empty_hint = QLabel(self.tr("本营业部尚未登记同业活动。主管可点击“新增”录入。"), self)
        self.empty_hint.setProperty("role", "hint")
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增…"), self)
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        editor = context.actor.has_any([Role.SUPERVISOR])
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(editor)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(lambda: self.open_editor(self.selected()))
        self.view.doubleClicked.connect(lambda _index: editor and self.open_editor(self.selected()))
        self.delete_button.clicked.connect(self.delete_selected)

    def refresh(self) -> None:
        store, branch_id = self.context.store, self.context.identity.branch_id
        self.context.tasks.run(lambda: ops.offers(store, branch_id), on_success=self._loaded, owner=self)

    def _loaded(self, offers: list[OfferView]) -> None:
        self.model.set_records(offers)
        self.view.resizeRowsToContents()
        self.empty_hint.setVisible(not offers)
        self.sig_loaded.emit(offers)

    def selected(self) -> OfferView | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        record = self.model.data(self.model.index(index.row(), 0), RECORD_ROLE)
        return record if isinstance(record, OfferView) else None

    def open_editor(self, offer: OfferView | None) -> OfferDialog:
        dialog = OfferDialog(offer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.box.accepted.connect(lambda: self._save(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, dialog: OfferDialog) -> None:
        store, actor = self.context.store, self.context.actor
        competitor, offer = dialog.competitor_edit.text(), dialog.offer_edit.toPlainText()
        steps, until, offer_id = dialog.steps_edit.toPlainText(), dialog.valid_until, dialog.offer_id

        def failed(exc: BaseException) -> None:
            if isinstance(exc, errors.UserError):
                dialog.show_error(exc.message(self.context.lang))
            else:
                self.context.presenter.show(exc, self)

        def saved(_offer_id: uuid.UUID) -> None:
            dialog.accept()
            self.refresh()

        self.context.tasks.run(
            lambda: ops.save_offer(
                store, actor, competitor=competitor, offer=offer, retention_steps=steps, valid_until=until,
                offer_id=offer_id,
            ),
            on_success=saved, on_failure=failed, writes=True, owner=dialog,
        )  # fmt: skip

    def delete_selected(self) -> None:
        offer = self.selected()
        if offer is None:
            return
        question = self.tr("删除“%1”的这条活动？").replace("%1", offer.competitor)
        if not self.confirm(self, self.tr("删除同业活动"), question):
            return
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(
            lambda: ops.delete_offer(store, actor, offer.offer_id),
            on_success=lambda _none: self.refresh(),
            writes=True,
            owner=self,
        )


class ShiftDialog(QDialog):
    """安排加班: who, which day, from which hour to which hour."""

    def __init__(self, staff: list[ops.StaffChoice], first: HourLoad | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shiftDialog")
        self.setWindowTitle(self.tr("安排加班"))
        form = QFormLayout()
        self.staff_combo = QComboBox(self)
        for member in staff:
            self.staff_combo.addItem(f"{member.name}（{member.staff_no}）", member.staff_no)
        self.day_edit = QDateEdit(self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        start = first.start.astimezone(BRANCH_TZ) if first else None
        self.day_edit.setDate(qdate(start.date() if start else business_date()))
        self.from_spin = QSpinBox(self)
        self.from_spin.setRange(7, 21)
        self.from_spin.setSuffix(":00")
        self.from_spin.setValue(start.hour if start else 9)
        self.to_spin = QSpinBox(self)
        self.to_spin.setRange(8, 22)
        self.to_spin.setSuffix(":00")
        self.to_spin.setValue((start.hour if start else 9) + 1)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(200)
        form.addRow(self.tr("员工"), self.staff_combo)
        form.addRow(self.tr("日期"), self.day_edit)
        form.addRow(self.tr("开始"), self.from_spin)
        form.addRow(self.tr("结束"), self.to_spin)
        form.addRow(self.tr("说明"), self.note_edit)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.box)
        self.box.rejected.connect(self.reject)

    def period(self) -> tuple[datetime, datetime]:
        day = pydate(self.day_edit.date())
        return (
            datetime.combine(day, time(self.from_spin.value()), tzinfo=BRANCH_TZ),
            datetime.combine(day, time(self.to_spin.value()), tzinfo=BRANCH_TZ),
        )


class StaffingPanel(QWidget):
    """Per hour of the coming days: appointments vs. staff on duty; short hours highlighted."""

    sig_loaded = Signal(object)
    """The table was reloaded (payload: list of :class:`HourLoad`)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: ShiftDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        row = QHBoxLayout()
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(1, 14)
        self.days_spin.setValue(STAFFING_DAYS)
        self.days_spin.setPrefix(self.tr("未来 "))
        self.days_spin.setSuffix(self.tr(" 天"))
        self.flagged_only = QCheckBox(self.tr("只看需增派的时段"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "notice")
        self.shift_button = QPushButton(self.tr("安排加班…"), self)
        self.shift_button.setVisible(context.actor.has_any([Role.SUPERVISOR]))
        row.addWidget(self.days_spin)
        row.addWidget(self.flagged_only)
        row.addWidget(self.summary, 1)
        row.addWidget(self.shift_button)
        layout.addLayout(row)
        self.model: RecordTableModel[HourLoad] = RecordTableModel(
            load_columns(), flagged=lambda h: h.shortfall > 0, parent=self
        )
        self.proxy = filter_proxy(self.model, self)
        self.proxy.setFilterKeyColumn(len(self.model.columns) - 1)
        self.view = table_view(self, "staffingLoad")
        self.view.setModel(self.proxy)
        self.view.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.view, 1)
        self.days_spin.valueChanged.connect(lambda _days: self.refresh())
        self.flagged_only.toggled.connect(lambda on: self.proxy.setFilterRegularExpression(".+" if on else ""))
        self.shift_button.clicked.connect(self.open_shift)
        self.staff: list[ops.StaffChoice] = []

    def refresh(self) -> None:
        store, branch_id, days = self.context.store, self.context.identity.branch_id, self.days_spin.value()
        self.context.tasks.run(
            lambda: ops.hourly_load(store, branch_id, business_date(), days), on_success=self._loaded, owner=self
        )

    def _loaded(self, hours: list[HourLoad]) -> None:
        self.model.set_records(hours)
        short = [h for h in hours if h.shortfall]
        if short:
            set_role(self.summary, "notice-warning")
            self.summary.setText(
                self.tr("%1 个时段预约超出接待能力，需要增派人手或安排加班。").replace("%1", str(len(short)))
            )
        else:
            set_role(self.summary, "notice-ok")
            self.summary.setText(self.tr("所有时段人手充足。"))
        self.sig_loaded.emit(hours)

    def open_shift(self) -> None:
        store, branch_id = self.context.store, self.context.identity.branch_id
        self.context.tasks.run(lambda: ops.branch_staff(store, branch_id), on_success=self._open_shift, owner=self)

    def _open_shift(self, staff: list[ops.StaffChoice]) -> None:
        first_short = next((h for h in self.model.records if h.shortfall), None)
        dialog = ShiftDialog(staff, first_short, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.box.accepted.connect(lambda: self._save_shift(dialog))
        self.dialog = dialog
        dialog.open()

    def _save_shift(self, dialog: ShiftDialog) -> None:
        store, actor = self.context.store, self.context.actor
        staff_no = str(dialog.staff_combo.currentData() or "")
        starts, ends = dialog.period()
        note = dialog.note_edit.text()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, errors.UserError):
                dialog.error.setText(exc.message(self.context.lang))
                dialog.error.show()
            else:
                self.context.presenter.show(exc, self)

        def saved(_none: None) -> None:
            dialog.accept()
            self.refresh()

        self.context.tasks.run(
            lambda: ops.add_overtime(store, actor, staff_no, starts, ends, note),
            on_success=saved,
            on_failure=failed,
            writes=True,
            owner=dialog,
        )
