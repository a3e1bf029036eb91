"""Check-in and walk-in tickets: one search box, the matches, the ticket shown big.

Keyboard-first: the box has the focus; typing searches after a short pause (in a task, so the
window never freezes); ↑/↓ pick a match; Enter checks the selected match in (a scanner typing the
QR code and Enter checks in a single match at once); F2/F3/F4 give walk-in tickets A/B/C.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.clock import business_date
from workstation.domain import ServiceLine
from workstation.services.reception import AppointmentMatch, CheckInResult
from workstation.services.tickets import Ticket
from workstation.ui.reception import ops, slips
from workstation.ui.reception.models import RECORD_ROLE, RecordTableModel, label_text, match_columns, punctuality_text

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
WALK_IN_KEYS = {ServiceLine.NEW_ACCOUNT: "F2", ServiceLine.TRANSFER_IN: "F3", ServiceLine.OTHER: "F4"}
WALK_IN_OFFERED = (errors.AppointmentOtherDay, errors.AppointmentCancelled, errors.AppointmentOtherBranch)
"""Check-in refusals after which the client can still queue as a walk-in (转现场取号)."""


def set_role(widget: QWidget, role: str) -> None:
    """Change a widget's ``role`` property and let the style sheet see the change.

    Re-polishing updates colours but not the box (padding, border): roles switched at run time
    (``notice``, ``notice-ok``, ``notice-warning``) therefore share one box in reception.qss.
    """
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.updateGeometry()  # the new role's padding changes the size hint


class TicketDisplay(QFrame):
    """The ticket just issued, in large type the clerk can read out (or turn the screen to show)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketDisplay")
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self.caption = QLabel(self.tr("号票"), self)
        self.caption.setProperty("role", "figure-label")
        self.number = QLabel("—", self)
        self.number.setObjectName("ticketNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel(self.tr("签到或取号后在此显示号码。"), self)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption)
        layout.addWidget(self.number, 1)
        layout.addWidget(self.detail)
        self.ticket: Ticket | None = None

    def show_ticket(self, ticket: Ticket, note: str = "") -> None:
        """Show ``ticket`` big, with its line, the number waiting ahead and any flag."""
        self.ticket = ticket
        self.number.setText(ticket.label)
        line = label_text(ticket.service_line.label)
        parts = [self.tr("%1 · 前面还有 %2 位等候").replace("%1", line).replace("%2", str(ticket.waiting_ahead))]
        if ticket.estimated_minutes:
            parts.append(self.tr("预计等候约 %1 分钟").replace("%1", str(ticket.estimated_minutes)))
        if ticket.client_name:
            parts.insert(0, ticket.client_name)
        flag = punctuality_text(ticket.punctuality)
        if flag:
            parts.append(self.tr("%1（仍予办理）").replace("%1", flag))
        if note:
            parts.append(note)
        self.detail.setText("\n".join(parts))


class CheckInPanel(QWidget):
    """Search box, matches, the ticket, and the walk-in buttons."""

    sig_ticket_issued = Signal(object)
    """A ticket was issued or shown again (payload: :class:`Ticket`); the queue should refresh."""
    sig_search_done = Signal(object)
    """Search results arrived (payload: list of :class:`AppointmentMatch`) or an error message (str)."""
    sig_check_in_done = Signal(object)
    """A check-in attempt finished (payload: :class:`CheckInResult` or the refusal)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._generation = 0
        self._results_for = ""
        self._check_in_single = False
        self._walk_in_candidate: AppointmentMatch | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._build()
        self._connect_signals()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("receptionSearch")
        self.search_edit.setPlaceholderText(self.tr("手机号 / 尾号4位+姓 / 预约码 / 扫码 / 姓名或拼音，回车签到"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(200)  # the service explains anything over 40 characters
        self.search_edit.installEventFilter(self)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 1)
        from workstation.ui.idcard import ReadCardButton

        self.read_card_button = ReadCardButton(self.context, "check_in", self)
        self.read_card_button.sig_card_read.connect(self._card_read)
        self.read_card_button.sig_failed.connect(lambda text: self._say(text, "warning"))
        search_row.addWidget(self.read_card_button)
        layout.addLayout(search_row)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "notice")
        self.message.setText(self.tr("客户到店：输入任一信息查找预约；现场客户请按下方按钮取号。"))
        layout.addWidget(self.message)

        self.model: RecordTableModel[AppointmentMatch] = RecordTableModel(match_columns(), parent=self)
        self.results = QTableView(self)
        self.results.setObjectName("receptionResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.setMinimumHeight(96)
        layout.addWidget(self.results, 1)

        row = QHBoxLayout()
        self.check_in_button = QPushButton(self.tr("签到 (Enter)"), self)
        self.check_in_button.setProperty("role", "primary")
        self.check_in_button.setEnabled(False)
        self.walk_in_from_appointment = QPushButton(self.tr("转现场取号"), self)
        self.walk_in_from_appointment.setObjectName("walkInFromAppointment")
        self.walk_in_from_appointment.hide()
        row.addWidget(self.check_in_button)
        row.addWidget(self.walk_in_from_appointment)
        row.addStretch(1)
        layout.addLayout(row)

        self.ticket_display = TicketDisplay(self)
        layout.addWidget(self.ticket_display)
        self.print_ticket_button = QPushButton(self.tr("打印号票…"), self)
        self.print_ticket_button.setObjectName("printTicket")
        self.print_ticket_button.setEnabled(False)
        self.print_ticket_button.setVisible(self.context.actor.has_any(slips.PRINT_ROLES))
        row.addWidget(self.print_ticket_button)
        self.print_directions_button = QPushButton(self.tr("打印到店指引"), self)
        self.print_directions_button.setObjectName("printBranchDirections")
        self.print_directions_button.setToolTip(self.tr("打印本营业部地址、周边标志与交通路线，交给客户"))
        self.print_directions_button.setVisible(self.context.actor.has_any(slips.PRINT_ROLES))
        row.addWidget(self.print_directions_button)

        walk_in = QFrame(self)
        walk_in.setProperty("role", "card")
        grid = QGridLayout(walk_in)
        grid.setContentsMargins(12, 8, 12, 8)
        title = QLabel(self.tr("现场取号"), walk_in)
        title.setProperty("role", "section")
        grid.addWidget(title, 0, 0, 1, 3)
        self.name_edit = QLineEdit(walk_in)
        self.name_edit.setPlaceholderText(self.tr("客户姓名（可选）"))
        self.mobile_edit = QLineEdit(walk_in)
        self.mobile_edit.setPlaceholderText(self.tr("手机号（可选）"))
        self.mobile_edit.setMaxLength(20)
        grid.addWidget(self.name_edit, 1, 0, 1, 1)
        grid.addWidget(self.mobile_edit, 1, 1, 1, 2)
        self.walk_in_buttons: dict[ServiceLine, QPushButton] = {}
        # Short words here (the English "New account (F2)" would not fit three abreast).
        short = {ServiceLine.NEW_ACCOUNT: self.tr("新开户"), ServiceLine.TRANSFER_IN: self.tr("转户"),
                 ServiceLine.OTHER: self.tr("其他业务")}  # fmt: skip
        for column, (line, key) in enumerate(WALK_IN_KEYS.items()):
            button = QPushButton(f"{line.value} {short[line]} ({key})", walk_in)
            button.setToolTip(label_text(line.label))
            button.setObjectName(f"walkIn{line.value}")
            button.setProperty("role", "line")
            self.walk_in_buttons[line] = button
            grid.addWidget(button, 2, column)
        layout.addWidget(walk_in)

    def _connect_signals(self) -> None:
        self._debounce.timeout.connect(lambda: self.search(check_in_single=False))
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_edit.returnPressed.connect(self.enter_pressed)
        self.results.doubleClicked.connect(lambda _index: self.check_in_selected())
        self.results.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.check_in_button.clicked.connect(self.check_in_selected)
        self.walk_in_from_appointment.clicked.connect(self.serve_as_walk_in)
        self.print_ticket_button.clicked.connect(self.print_ticket)
        self.print_directions_button.clicked.connect(self.print_directions)
        for line, button in self.walk_in_buttons.items():
            button.clicked.connect(lambda _checked=False, line=line: self.issue_walk_in(line))
            shortcut = QShortcut(QKeySequence(WALK_IN_KEYS[line]), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda line=line: self.issue_walk_in(line))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↑/↓ in the search box move through the matches; Esc clears the box."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.model.rowCount():
                current = self.results.currentIndex().row()
                step = -1 if key == Qt.Key.Key_Up else 1
                self.results.selectRow(max(0, min(self.model.rowCount() - 1, current + step)))
                return True
            if key == Qt.Key.Key_Escape:
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)

    # --- searching --------------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        self._hide_walk_in_offer()
        if text.strip():
            self._debounce.start()
        else:
            self._debounce.stop()
            self._generation += 1
            self._results_for = ""
            self.model.set_records([])
            self._selection_changed()

    def enter_pressed(self) -> None:
        """Enter: check in the selected match of these results, else search now (and check in a lone match)."""
        text = self.search_edit.text()
        if self._results_for == text and self.selected_match() is not None:
            self.check_in_selected()
        else:
            self.search(check_in_single=True)

    def search(self, *, check_in_single: bool = False) -> None:
        """Search for the box's text in a task; older searches still running are ignored."""
        self._debounce.stop()
        text = self.search_edit.text()
        self._generation += 1
        generation = self._generation
        self._check_in_single = check_in_single
        store, branch_id = self.context.store, self.context.identity.branch_id
        self.context.tasks.run(
            lambda: ops.search(store, branch_id, text),
            on_success=lambda matches: self._show_matches(generation, text, matches),
            on_failure=lambda exc: self._search_failed(generation, exc),
            owner=self,
        )

    def _show_matches(self, generation: int, text: str, matches: list[AppointmentMatch]) -> None:
        if generation != self._generation:
            return
        self._results_for = text
        self.model.set_records(matches)
        if matches:
            self.results.selectRow(0)
            if len(matches) == 1:
                self._say(self.tr("找到 1 个预约，按回车签到。"), "hint")
            else:
                self._say(self.tr("找到 %1 个预约，用 ↑/↓ 选择后按回车签到。").replace("%1", str(len(matches))), "hint")
        else:
            self._say(self.tr("没有找到预约。可核对后重试，或按现场客户取号。"), "warning")
        self._selection_changed()
        self.sig_search_done.emit(matches)
        if self._check_in_single and len(matches) == 1:
            self.check_in_selected()

    def _card_read(self, card: Any, expiring: bool) -> None:
        """A card on the reader: find the holder's appointment (by ID number, then mobile); a
        lone one of today at this branch is checked in at once, else the clerk chooses."""
        store, actor, today = self.context.store, self.context.actor, business_date()
        self.context.tasks.run(
            lambda: ops.appointments_for_card(store, actor, card, today),
            on_success=lambda matches: self._card_matches(card, matches),
            owner=self,
        )

    def _card_matches(self, card: Any, matches: list[AppointmentMatch]) -> None:
        today_here = [m for m in matches if m.is_today and m.at_this_branch]
        if len(today_here) == 1:
            self.search_edit.setText(today_here[0].code)
            self.search(check_in_single=True)
            return
        if matches:
            self.search_edit.setText(matches[0].code if len(matches) == 1 else "")
            self._generation += 1
            self._show_matches(self._generation, self.search_edit.text(), matches)
            return
        self.name_edit.setText(card.name)
        self._say(self.tr("%1 今天没有预约：请按现场客户取号（姓名已填入）。").replace("%1", card.name), "warning")

    def _search_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.set_records([])
        self._results_for = ""
        self._selection_changed()
        self.focus_search()
        if isinstance(exc, errors.SearchTextInvalid):
            self._say(exc.message(self.context.lang), "warning")
            self.sig_search_done.emit(exc.message(self.context.lang))
        else:
            self._say(self.tr("查询失败。"), "warning")
            self.sig_search_done.emit(str(exc))
            self.context.presenter.show(exc, self)

    def selected_match(self) -> AppointmentMatch | None:
        index = self.results.currentIndex()
        if not index.isValid() or not self.results.selectionModel().hasSelection():
            return None
        record: Any = self.model.data(self.model.index(index.row(), 0), RECORD_ROLE)
        return record if isinstance(record, AppointmentMatch) else None

    def _selection_changed(self) -> None:
        self.check_in_button.setEnabled(self.selected_match() is not None)

    # --- checking in ------------------------------------------------------------------------

    def check_in_selected(self) -> None:
        match = self.selected_match()
        if match is None:
            return
        self.check_in_button.setEnabled(False)
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(
            lambda: ops.check_in(store, actor, match.appointment_id),
            on_success=self._checked_in,
            on_failure=lambda exc: self._check_in_refused(match, exc),
            writes=True,
            owner=self,
        )

    def _checked_in(self, result: CheckInResult) -> None:
        self._selection_changed()
        if result.already_checked_in:
            note = self.tr("该客户已签到，沿用原号票（不重复取号）。")
            self._say(note, "warning")
        else:
            note = ""
            self._say(self.tr("签到成功，请引导客户等候电销专属柜台叫号。"), "ok")
        self.ticket_display.show_ticket(result.ticket, note)
        self.print_ticket_button.setEnabled(True)
        self.search_edit.clear()
        self.search_edit.setFocus()
        self.sig_ticket_issued.emit(result.ticket)
        self.sig_check_in_done.emit(result)

    def _check_in_refused(self, match: AppointmentMatch, exc: BaseException) -> None:
        self._selection_changed()
        if isinstance(exc, errors.UserError):
            self._say(exc.message(self.context.lang), "warning")
            if isinstance(exc, WALK_IN_OFFERED):
                self._walk_in_candidate = match
                self.walk_in_from_appointment.show()
        else:
            self.context.presenter.show(exc, self)
        # Whatever the outcome, the next mobile or scan goes into the search box, not a button.
        self.focus_search()
        self.sig_check_in_done.emit(exc)

    def _hide_walk_in_offer(self) -> None:
        self._walk_in_candidate = None
        self.walk_in_from_appointment.hide()

    def serve_as_walk_in(self) -> None:
        """The refused appointment's client queues as a walk-in for the appointment's purpose."""
        match = self._walk_in_candidate
        if match is None:
            return
        self._hide_walk_in_offer()
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(
            lambda: ops.serve_as_walk_in(store, actor, match.appointment_id),
            on_success=lambda ticket: self._issued(ticket, self.tr("已按现场客户取号。")),
            on_failure=self._walk_in_failed,
            writes=True,
            owner=self,
        )

    # --- walk-ins ---------------------------------------------------------------------------

    def issue_walk_in(self, line: ServiceLine) -> None:
        name, mobile = self.name_edit.text(), self.mobile_edit.text()
        store, actor = self.context.store, self.context.actor
        for button in self.walk_in_buttons.values():
            button.setEnabled(False)
        self.context.tasks.run(
            lambda: ops.walk_in(store, actor, line, name, mobile),
            on_success=lambda ticket: self._issued(ticket, ""),
            on_failure=self._walk_in_failed,
            writes=True,
            owner=self,
        )

    def _issued(self, ticket: Ticket, note: str) -> None:
        for button in self.walk_in_buttons.values():
            button.setEnabled(True)
        self.name_edit.clear()
        self.mobile_edit.clear()
        self._say(note or self.tr("已取号，请客户留意叫号。"), "ok")
        self.ticket_display.show_ticket(ticket)
        self.print_ticket_button.setEnabled(True)
        self.search_edit.clear()  # ready for the next client, as after a check-in
        self.search_edit.setFocus()
        self.sig_ticket_issued.emit(ticket)

    def _walk_in_failed(self, exc: BaseException) -> None:
        for button in self.walk_in_buttons.values():
            button.setEnabled(True)
        if isinstance(exc, errors.UserError):
            self._say(exc.message(self.context.lang), "warning")
        else:
            self.context.presenter.show(exc, self)
        self.search_edit.setFocus()

    def print_ticket(self) -> None:
        """Straight to the slip printer if this PC has one, else store the slip and preview it."""
        ticket = self.ticket_display.ticket
        if ticket is None:
            return
        sent = self.tr("号票 %1 已送至小票打印机").replace("%1", ticket.label)
        slips.print_ticket(self.context, ticket, self, on_sent=lambda _ref: self._say(sent, "ok"))

    def print_directions(self) -> None:
        """Store this branch's directions slip (到店指引) as a document, then preview and print it."""
        store, actor = self.context.store, self.context.actor
        slips.print_stored(self.context, lambda: slips.store_branch_directions(store, actor), self)

    # --- messages ---------------------------------------------------------------------------

    def _say(self, text: str, tone: str) -> None:
        """Show ``text`` under the box; ``tone`` is ``hint``, ``ok`` or ``warning``."""
        set_role(self.message, {"ok": "notice-ok", "warning": "notice-warning"}.get(tone, "notice"))
        self.message.setText(text)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    @property
    def last_ticket(self) -> Ticket | None:
        return self.ticket_display.ticket
