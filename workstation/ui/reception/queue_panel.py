"""The live waiting list and the counter panel (叫号, 重呼, 过号, 转队列, 开始办理, 结束办理).

The waiting list reloads itself on a timer (in a task) and after every action on this screen.
The order in which a counter serves its lines is the service's rule (the telesales counter calls
T first); the panel only shows it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.domain import ApplicationKind, Role, ServiceLine, VisitOutcome, VisitStatus
from workstation.services.queue import QueueEntry
from workstation.services.tickets import Ticket
from workstation.ui.reception import ops
from workstation.ui.reception.checkin import set_role
from workstation.ui.reception.models import RecordTableModel, filter_proxy, label_text, queue_columns

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

REFRESH_MS = 15_000
COUNTER_SETTING = "reception/counter_id"


def settings() -> QSettings:
    """Where this PC remembers the clerk's counter (tests replace this with an INI file)."""
    return QSettings()


class WaitingList(QWidget):
    """Today's open tickets with their waiting time, reloaded on a timer and on demand."""

    sig_loaded = Signal(object)
    """The list was reloaded (payload: the list of :class:`QueueEntry`)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._loading = False
        self._again = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("等候队列"), self)
        self.title.setProperty("role", "section")
        layout.addWidget(self.title)
        self.model: RecordTableModel[QueueEntry] = RecordTableModel(
            queue_columns(), flagged=lambda e: e.status is VisitStatus.CALLED, parent=self
        )
        self.proxy = filter_proxy(self.model, self)
        self.view = QTableView(self)
        self.view.setObjectName("waitingList")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.timer.start()
        self.refresh()

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        """Reload in a task; a request while one is running reloads once more afterwards."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        store, branch_id = self.context.store, self.context.identity.branch_id
        self.context.tasks.run(
            lambda: ops.load_queue(store, branch_id), on_success=self._loaded, on_failure=self._failed, owner=self
        )

    def _loaded(self, entries: list[QueueEntry]) -> None:
        self._loading = False
        self.model.set_records(entries)
        waiting = sum(1 for e in entries if e.status is VisitStatus.WAITING)
        self.title.setText(self.tr("等候队列（%1 人等候）").replace("%1", str(waiting)))
        self.sig_loaded.emit(entries)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        log.warning("queue refresh failed: %r", exc)
        self.title.setText(self.tr("等候队列（暂时无法刷新）"))


PAPERWORK_ROLES = (Role.CLERK, Role.SUPERVISOR)
"""Who may open the account wizard from the counter (the Accounts page's clerks)."""


@dataclass(frozen=True)
class CurrentVisit:
    """The ticket this counter is dealing with."""

    visit_id: uuid.UUID
    label: str
    service_line: ServiceLine
    status: VisitStatus
    client_name: str

    @classmethod
    def of(cls, item: Ticket | QueueEntry) -> CurrentVisit:
        return cls(item.visit_id, item.label, item.service_line, item.status, item.client_name)


class OutcomeDialog(QDialog):
    """结束办理: the outcome is required — OK stays disabled until one is chosen."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("结束办理 %1").replace("%1", label))
        layout = QVBoxLayout(self)
        prompt = QLabel(self.tr("请选择本次办理结果："), self)
        layout.addWidget(prompt)
        self.group = QButtonGroup(self)
        self.buttons: dict[VisitOutcome, QRadioButton] = {}
        for outcome in VisitOutcome:
            radio = QRadioButton(label_text(outcome.label), self)
            self.group.addButton(radio)
            self.buttons[outcome] = radio
            layout.addWidget(radio)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("结束办理"))
        self.ok_button.setEnabled(False)
        layout.addWidget(self.box)
        self.group.buttonToggled.connect(lambda *_: self.ok_button.setEnabled(self.outcome is not None))
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)

    @property
    def outcome(self) -> VisitOutcome | None:
        for outcome, radio in self.buttons.items():
            if radio.isChecked():
                return outcome
        return None

    def accept(self) -> None:
        if self.outcome is None:  # Enter on the dialog cannot close it without an outcome
            return
        super().accept()


class TransferDialog(QDialog):
    """转队列: choose the line the client moves to."""

    def __init__(self, current: ServiceLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(self.tr("转队列"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("转到以下队列（客户保留原排队顺序）："), self))
        self.combo = QComboBox(self)
        for line in ServiceLine:
            if line is not current:
                self.combo.addItem(f"{line.value} {label_text(line.label)}", line.value)
        layout.addWidget(self.combo)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout.addWidget(box)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)

    @property
    def line(self) -> ServiceLine:
        return ServiceLine(self.combo.currentData())


class CounterPanel(QFrame):
    """For the clerk at a counter: choose the counter, call, recall, skip, transfer, serve, finish."""

    sig_queue_changed = Signal()
    """The queue changed through this panel; the waiting list should reload."""
    sig_action_done = Signal(object)
    """An action finished (payload: the :class:`Ticket`, or the error)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("counterPanel")
        self.setProperty("role", "card")
        self.setup: ops.CounterSetup | None = None
        self.current: CurrentVisit | None = None
        self.paperwork_dialog: QWidget | None = None
        self.dialog: QDialog | None = None
        self._busy = False
        self._build()
        self._connect_signals()
        self._update_buttons()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        head = QHBoxLayout()
        title = QLabel(self.tr("我的柜台"), self)
        title.setProperty("role", "section")
        self.counter_combo = QComboBox(self)
        self.counter_combo.setObjectName("counterChoice")
        self.counter_combo.setMinimumWidth(240)
        head.addWidget(title)
        head.addWidget(self.counter_combo, 1)
        layout.addLayout(head)
        self.lines_label = QLabel(self)
        self.lines_label.setProperty("role", "hint")
        self.lines_label.setWordWrap(True)
        layout.addWidget(self.lines_label)
        self.current_label = QLabel("—", self)
        self.current_label.setObjectName("counterCurrent")
        self.current_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.current_label)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "notice")
        layout.addWidget(self.message)
        grid = QGridLayout()
        self.call_button = QPushButton(self.tr("叫号"), self)
        self.call_button.setProperty("role", "primary")
        self.recall_button = QPushButton(self.tr("重呼"), self)
        self.skip_button = QPushButton(self.tr("过号"), self)
        self.transfer_button = QPushButton(self.tr("转队列"), self)
        self.start_button = QPushButton(self.tr("开始办理"), self)
        self.finish_button = QPushButton(self.tr("结束办理"), self)
        self.finish_button.setProperty("role", "primary")
        buttons = [self.call_button, self.recall_button, self.skip_button,
                   self.transfer_button, self.start_button, self.finish_button]  # fmt: skip
        for index, button in enumerate(buttons):
            grid.addWidget(button, index // 3, index % 3)
        # The paperwork for the client at the counter, linked to this visit (and its appointment's
        # telesales pre-fill): the default kind follows the ticket's line.
        self.paperwork_button = QPushButton(self.tr("办理开户/转户…"), self)
        self.paperwork_button.setObjectName("counterPaperwork")
        paperwork = QMenu(self.paperwork_button)
        self.new_account_action = paperwork.addAction(self.tr("新开户"))
        self.transfer_in_action = paperwork.addAction(self.tr("转户"))
        self.paperwork_button.setMenu(paperwork)
        grid.addWidget(self.paperwork_button, 2, 0, 1, 3)
        layout.addLayout(grid)

    def _connect_signals(self) -> None:
        self.counter_combo.currentIndexChanged.connect(self._counter_chosen)
        self.call_button.clicked.connect(self.call_next)
        self.recall_button.clicked.connect(lambda: self._on_current(ops.recall))
        self.skip_button.clicked.connect(lambda: self._on_current(ops.skip))
        self.start_button.clicked.connect(lambda: self._on_current(ops.start_service))
        self.transfer_button.clicked.connect(self.open_transfer)
        self.finish_button.clicked.connect(self.open_finish)
        self.new_account_action.triggered.connect(lambda: self.open_paperwork(ApplicationKind.NEW_ACCOUNT))
        self.transfer_in_action.triggered.connect(lambda: self.open_paperwork(ApplicationKind.TRANSFER_IN))

    # --- counters ---------------------------------------------------------------------------

    def load(self) -> None:
        store, identity = self.context.store, self.context.identity
        self.context.tasks.run(
            lambda: ops.counter_setup(store, identity.branch_id, identity.workstation_id),
            on_success=self._show_counters,
            owner=self,
        )

    def _show_counters(self, setup: ops.CounterSetup) -> None:
        self.setup = setup
        remembered = settings().value(COUNTER_SETTING, "")
        preferred = str(setup.workstation_counter_id or remembered or "")
        self.counter_combo.blockSignals(True)
        self.counter_combo.clear()
        self.counter_combo.addItem(self.tr("请选择柜台…"), "")
        for counter in setup.counters:
            self.counter_combo.addItem(counter.name, str(counter.counter_id))
        index = self.counter_combo.findData(preferred) if preferred else 0
        self.counter_combo.setCurrentIndex(max(index, 0))
        self.counter_combo.blockSignals(False)
        self._counter_chosen()

    @property
    def counter(self) -> ops.CounterChoice | None:
        data = self.counter_combo.currentData()
        if not data or self.setup is None:
            return None
        return next((c for c in self.setup.counters if str(c.counter_id) == data), None)

    def choose_counter(self, counter_id: uuid.UUID) -> None:
        self.counter_combo.setCurrentIndex(self.counter_combo.findData(str(counter_id)))

    def _counter_chosen(self) -> None:
        counter = self.counter
        if counter is None:
            self.lines_label.setText(self.tr("先选择本机所在的柜台，再叫号。"))
        else:
            settings().setValue(COUNTER_SETTING, str(counter.counter_id))
            order = " → ".join(f"{line.value} {label_text(line.label)}" for line in counter.service_lines)
            text = self.tr("叫号顺序：%1").replace("%1", order)
            if counter.is_telesales:
                text += self.tr("（电销专属柜台：预约客户优先）")
            self.lines_label.setText(text)
        self._update_buttons()

    def adopt_open_visit(self, entries: list[QueueEntry]) -> None:
        """After a restart, pick up the ticket this counter had called or was serving."""
        counter = self.counter
        if self.current is not None or counter is None:
            return
        for entry in entries:
            if entry.counter_name == counter.name and entry.status in (VisitStatus.CALLED, VisitStatus.SERVING):
                self._set_current(CurrentVisit.of(entry))
                return

    # --- actions ----------------------------------------------------------------------------

    def call_next(self) -> None:
        counter = self.counter
        if counter is None:
            return
        self._run(lambda store, actor: ops.call_next(store, actor, counter.counter_id))

    def _on_current(self, action: Callable[[Any, Any, uuid.UUID], Ticket]) -> None:
        current = self.current
        if current is None:
            return
        self._run(lambda store, actor: action(store, actor, current.visit_id))

    def open_transfer(self) -> None:
        if self.current is None:
            return
        dialog = TransferDialog(self.current.service_line, self)
        visit_id = self.current.visit_id
        dialog.accepted.connect(lambda: self._transfer(visit_id, dialog.line))
        self._open(dialog)

    def open_finish(self) -> None:
        if self.current is None:
            return
        dialog = OutcomeDialog(self.current.label, self)
        visit_id = self.current.visit_id
        dialog.accepted.connect(lambda: self._finish(visit_id, dialog.outcome))
        self._open(dialog)

    # The dialog's choice is read here, on the GUI thread; the task only gets the value.
    def _transfer(self, visit_id: uuid.UUID, line: ServiceLine) -> None:
        self._run(lambda store, actor: ops.transfer(store, actor, visit_id, line))

    def _finish(self, visit_id: uuid.UUID, outcome: VisitOutcome | None) -> None:
        self._run(lambda store, actor: ops.finish(store, actor, visit_id, outcome))

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _run(self, action: Callable[[Any, Any], Ticket]) -> None:
        store, actor = self.context.store, self.context.actor
        self._busy = True
        self._update_buttons()
        self.context.tasks.run(
            lambda: action(store, actor), on_success=self._done, on_failure=self._refused, writes=True, owner=self
        )

    def _done(self, ticket: Ticket) -> None:
        self._busy = False
        if ticket.status in (VisitStatus.CALLED, VisitStatus.SERVING):
            self._set_current(CurrentVisit.of(ticket))
            self._say(self._status_text(ticket), "ok")
        else:
            self._set_current(None)
            self._say(
                self.tr("%1 已处理：%2").replace("%1", ticket.label).replace("%2", label_text(ticket.status.label)),
                "ok",
            )
        self.sig_queue_changed.emit()
        self.sig_action_done.emit(ticket)

    def _status_text(self, ticket: Ticket) -> str:
        if ticket.status is VisitStatus.SERVING:
            return self.tr("正在为 %1 办理").replace("%1", ticket.label)
        return self.tr("请 %1 号到柜台").replace("%1", ticket.label)

    def _refused(self, exc: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        if isinstance(exc, errors.UserError):
            self._say(exc.message(self.context.lang), "warning")
        else:
            self.context.presenter.show(exc, self)
        self.sig_action_done.emit(exc)

    def open_paperwork(self, kind: ApplicationKind) -> QWidget | None:
        """Open the account wizard for the client at this counter, linked to the visit."""
        if self.current is None:
            return None
        from workstation.ui.accounts.wizard import AccountWizardDialog  # built on first use

        dialog = AccountWizardDialog(self.context, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.start_new(kind, visit_id=self.current.visit_id)
        dialog.show()
        self.paperwork_dialog = dialog
        return dialog

    def _set_current(self, current: CurrentVisit | None) -> None:
        self.current = current
        if current is None:
            self.current_label.setText("—")
        else:
            name = f"  {current.client_name}" if current.client_name else ""
            self.current_label.setText(f"{current.label}{name}  ·  {label_text(current.status.label)}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        status = self.current.status if self.current else None
        free = not self._busy
        self.call_button.setEnabled(free and self.counter is not None and self.current is None)
        for button in (self.recall_button, self.skip_button, self.start_button):
            button.setEnabled(free and status is VisitStatus.CALLED)
        for button in (self.transfer_button, self.finish_button):
            button.setEnabled(free and status in (VisitStatus.CALLED, VisitStatus.SERVING))
        self.paperwork_button.setEnabled(
            free and status in (VisitStatus.CALLED, VisitStatus.SERVING) and self.context.actor.has_any(PAPERWORK_ROLES)
        )
        if self.current is not None:
            transfer_first = self.current.service_line is ServiceLine.TRANSFER_IN
            menu = self.paperwork_button.menu()
            if menu is not None:
                menu.setDefaultAction(self.transfer_in_action if transfer_first else self.new_account_action)

    def _say(self, text: str, tone: str) -> None:
        set_role(self.message, {"ok": "notice-ok", "warning": "notice-warning"}.get(tone, "notice"))
        self.message.setText(text)
