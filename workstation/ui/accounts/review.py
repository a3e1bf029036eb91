"""复核队列 (four-eyes review) and 转户进度 (transfer-in tasks) panels of the accounts screen.

The reviewer opens a submitted application, reads the summary with its flags and approves or
returns it with a comment; the core refuses the clerk who submitted it and the telesales agent
who invited the client — that refusal is shown in red on the panel, not only in a dialog.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.accounts.review import ReviewItem, ReviewOutcome, TransferTaskView
from workstation.accounts.wizard import DraftView
from workstation.domain import StepStatus
from workstation.ui.accounts import ops
from workstation.ui.accounts.models import (
    QUEUE_COLUMNS,
    TASK_COLUMNS,
    TRANSFER_COLUMNS,
    AccountRecordModel,
)
from workstation.ui.accounts.summary import summary_html
from workstation.ui.records import record_table, selected_record

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext


class ReviewPanel(QWidget):
    """The reviewers' queue: open, read, 通过 or 退回 (with a comment)."""

    sig_reviewed = Signal(object)
    """An application was approved or returned (payload: :class:`ReviewOutcome`)."""
    sig_refused = Signal(str)
    """The core refused the review (four-eyes, comment missing…): payload the message shown."""
    sig_queue_loaded = Signal(int)
    """The queue was (re)loaded: payload the number of applications waiting."""
    sig_client_requested = Signal(object)
    """The reviewer asked for the client page (payload: the client id)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.item: ReviewItem | None = None
        self.draft: DraftView | None = None
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model: AccountRecordModel[ReviewItem] = AccountRecordModel(QUEUE_COLUMNS, self)
        self.view = record_table(self.model, left)
        self.empty_label = QLabel(self.tr("没有待复核的申请。"), left)
        self.empty_label.setProperty("role", "hint")
        self.refresh_button = QPushButton(self.tr("刷新"), left)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.flags_label = QLabel(right)
        self.flags_label.setProperty("role", "notice-warning")
        self.flags_label.setWordWrap(True)
        self.flags_label.hide()
        self.summary = QTextBrowser(right)
        self.comment_edit = QPlainTextEdit(right)
        self.comment_edit.setPlaceholderText(self.tr("复核意见（退回时必填，至少 4 个字）"))
        self.comment_edit.setMaximumHeight(70)
        self.message_label = QLabel(right)
        self.message_label.setProperty("role", "error")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        buttons = QHBoxLayout()
        self.client_button = QPushButton(self.tr("客户资料"), right)
        self.return_button = QPushButton(self.tr("退回"), right)
        self.approve_button = QPushButton(self.tr("复核通过"), right)
        self.approve_button.setProperty("role", "primary")
        buttons.addWidget(self.client_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        right_layout.addWidget(self.flags_label)
        right_layout.addWidget(self.summary, 1)
        right_layout.addWidget(self.comment_edit)
        right_layout.addWidget(self.message_label)
        right_layout.addLayout(buttons)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 600])
        layout.addWidget(splitter)
        self._set_item(None)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.refresh_button.clicked.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._open_selected())
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.return_button.clicked.connect(lambda: self.decide(approve=False))
        self.client_button.clicked.connect(self._client_requested)

    def refresh(self) -> None:
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(lambda: ops.load_queue(store, actor), self._queue_loaded, owner=self)

    def _queue_loaded(self, items: list[ReviewItem]) -> None:
        self.model.set_records(items)
        self.empty_label.setVisible(not items)
        self._set_item(None)
        self.sig_queue_loaded.emit(len(items))

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _open_selected(self) -> None:
        item = selected_record(self.view, self.model)
        self._set_item(item)
        if item is None:
            return
        store = self.context.store
        self.context.tasks.run(
            lambda: ops.load_application(store, item.application_id), self._application_loaded, owner=self
        )

    def _set_item(self, item: ReviewItem | None) -> None:
        self.item = item
        self.draft = None
        self.summary.setHtml("" if item else self.tr("请在左侧选择一份申请。"))
        self.flags_label.setText(self.tr("须关注：%1").replace("%1", "、".join(item.flags)) if item else "")
        self.flags_label.setVisible(bool(item and item.flags))
        self.message_label.hide()
        self.comment_edit.clear()
        for button in (self.approve_button, self.return_button, self.client_button):
            button.setEnabled(False)

    def _application_loaded(self, draft: DraftView) -> None:
        if self.item is None or draft.application_id != self.item.application_id:
            return
        self.draft = draft
        self.summary.setHtml(summary_html(draft))
        for button in (self.approve_button, self.return_button, self.client_button):
            button.setEnabled(True)

    def decide(self, *, approve: bool) -> None:
        if self.item is None:
            return
        store, actor, app_id = self.context.store, self.context.actor, self.item.application_id
        comment = self.comment_edit.toPlainText()
        self.approve_button.setEnabled(False)
        self.return_button.setEnabled(False)
        self.context.tasks.run(
            lambda: ops.review(store, actor, app_id, approve, comment),
            self._reviewed,
            self._refused,
            writes=True,
            owner=self,
        )

    def _reviewed(self, outcome: ReviewOutcome) -> None:
        self.sig_reviewed.emit(outcome)
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        self.approve_button.setEnabled(True)
        self.return_button.setEnabled(True)
        if not isinstance(exc, errors.WorkstationError):
            self.context.presenter.show(exc, self)
            return
        text = exc.message(self.context.lang)
        self.message_label.setText(text)
        self.message_label.show()
        self.sig_refused.emit(text)

    def _client_requested(self) -> None:
        if self.draft is not None and self.draft.client_id is not None:
            self.sig_client_requested.emit(self.draft.client_id)


class TransferPanel(QWidget):
    """转户进度: each transfer-in's tasks at the old broker and here, with their status."""

    sig_task_updated = Signal(object)
    """A task's status was recorded (payload: :class:`TransferTaskView`)."""
    sig_loaded = Signal(int)
    """The list was (re)loaded: payload the number of transfer-ins."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("已提交的转户申请及各事项的办理进度。客户在原券商办妥后，在此逐项登记。"), self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model: AccountRecordModel[ops.TransferLine] = AccountRecordModel(TRANSFER_COLUMNS, self)
        self.view = record_table(self.model, splitter)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.task_model: AccountRecordModel[TransferTaskView] = AccountRecordModel(TASK_COLUMNS, self)
        self.task_view = record_table(self.task_model, right)
        row = QHBoxLayout()
        self.status_box = QComboBox(right)
        for status in StepStatus:
            self.status_box.addItem(status.label, status.value)
        self.note_edit = QLineEdit(right)
        self.note_edit.setPlaceholderText(self.tr("备注，如：深市转托管 T+1 已到账"))
        self.update_button = QPushButton(self.tr("登记状态"), right)
        row.addWidget(QLabel(self.tr("所选事项改为"), right))
        row.addWidget(self.status_box)
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.update_button)
        right_layout.addWidget(self.task_view, 1)
        right_layout.addLayout(row)
        splitter.setStretchFactor(1, 2)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.refresh_button.clicked.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_tasks())
        self.update_button.clicked.connect(self.update_selected)

    def refresh(self) -> None:
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(lambda: ops.load_transfers(store, actor), self._loaded, owner=self)

    def _loaded(self, lines: list[ops.TransferLine]) -> None:
        chosen = selected_record(self.view, self.model)
        self.model.set_records(lines)
        ids = [line.application_id for line in lines]
        if chosen is not None and chosen.application_id in ids:
            self.view.selectRow(ids.index(chosen.application_id))
        else:
            self.task_model.set_records([])
        self.sig_loaded.emit(len(lines))

    def _show_tasks(self) -> None:
        line = selected_record(self.view, self.model)
        self.task_model.set_records(line.tasks if line else [])

    def update_selected(self) -> None:
        line = selected_record(self.view, self.model)
        task = selected_record(self.task_view, self.task_model)
        if line is None or task is None:
            return
        store, actor = self.context.store, self.context.actor
        app_id: uuid.UUID = line.application_id
        status, note = StepStatus(self.status_box.currentData()), self.note_edit.text()
        self.context.tasks.run(
            lambda: ops.update_task(store, actor, app_id, task.task, status, note),
            self._updated,
            writes=True,
            owner=self,
        )

    def _updated(self, view: TransferTaskView) -> None:
        self.note_edit.clear()
        self.sig_task_updated.emit(view)
        self.refresh()
