"""The reception screen: check-in and walk-in tickets, the counter, the queue, appointments, references.

Which parts a member of staff sees follows their roles (the services check again on every action):
reception, clerks and supervisors check clients in and issue tickets; clerks and supervisors work a
counter; telesales agents book and import appointments; supervisors edit competitor offers and
record overtime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from workstation.domain import Purpose, ServiceLine
from workstation.services.reception import AppointmentMatch
from workstation.services.staffing import OfferView
from workstation.services.tickets import COUNTER_ROLES, RECEPTION_ROLES
from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId
from workstation.ui.reception.appointments import TodayAppointments
from workstation.ui.reception.checkin import CheckInPanel
from workstation.ui.reception.queue_panel import CounterPanel, WaitingList
from workstation.ui.reception.reference import OffersPanel, StaffingPanel

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview

OFFER_HINT_LIMIT = 3


class ReceptionPage(OverviewPage):
    """接待: who is expected today, who is waiting, and the next client for this counter."""

    page_id = PageId.RECEPTION

    def heading(self) -> str:
        return self.tr("接待")

    def lead(self) -> str:
        return self.tr("为到店客户取号、为电销预约客户签到，并指引客户前往柜台。")

    def figure_captions(self) -> list[str]:
        return [self.tr("今日预约"), self.tr("预约已签到"), self.tr("正在等候"), self.tr("今日到店")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [
            overview.appointments_today,
            overview.appointments_checked_in,
            overview.visits_waiting,
            overview.visits_today,
        ]

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        actor = self.context.actor
        self.checkin: CheckInPanel | None = None
        self.counter: CounterPanel | None = None
        self.waiting: WaitingList | None = None
        self.staffing: StaffingPanel | None = None
        self._offers: list[OfferView] = []

        layout, head = self.working_layout()
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        self.status_label.setWordWrap(True)
        head.addSpacing(12)
        head.addWidget(self.status_label, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("receptionTabs")
        layout.addWidget(self.tabs, 1)

        if actor.has_any(RECEPTION_ROLES) or actor.has_any(COUNTER_ROLES):
            desk = QSplitter(Qt.Orientation.Horizontal, self.tabs)
            desk.setObjectName("receptionDesk")
            desk.setChildrenCollapsible(False)
            if actor.has_any(RECEPTION_ROLES):
                self.checkin = CheckInPanel(self.context, desk)
                desk.addWidget(self.checkin)
            right = QWidget(desk)
            column = QVBoxLayout(right)
            column.setContentsMargins(8, 0, 0, 0)
            if actor.has_any(COUNTER_ROLES):
                self.counter = CounterPanel(self.context, right)
                column.addWidget(self.counter)
            self.offer_hint = QLabel(right)
            self.offer_hint.setObjectName("offerHint")
            self.offer_hint.setProperty("role", "notice-info")
            self.offer_hint.setWordWrap(True)
            self.offer_hint.hide()
            column.addWidget(self.offer_hint)
            self.waiting = WaitingList(self.context, right)
            column.addWidget(self.waiting, 1)
            desk.addWidget(right)
            desk.setStretchFactor(0, 5)
            desk.setStretchFactor(1, 6)
            self.tabs.addTab(desk, self.tr("签到与叫号"))
        else:
            self.offer_hint = QLabel(self)
            self.offer_hint.hide()

        self.appointments = TodayAppointments(self.context, self.tabs)
        self.tabs.addTab(self.appointments, self.tr("今日预约"))
        self.offers = OffersPanel(self.context, self.tabs)
        self.tabs.addTab(self.offers, self.tr("同业活动"))
        if actor.has_any(RECEPTION_ROLES):
            self.staffing = StaffingPanel(self.context, self.tabs)
            self.tabs.addTab(self.staffing, self.tr("加班安排"))
        self._connect_signals()

    def _connect_signals(self) -> None:
        if self.checkin is not None:
            self.checkin.sig_ticket_issued.connect(lambda _ticket: self.queue_changed())
            self.checkin.sig_search_done.connect(self._matches_shown)
        if self.counter is not None:
            self.counter.sig_queue_changed.connect(self.queue_changed)
            self.counter.sig_action_done.connect(lambda _result: self._counter_client_changed())
        if self.waiting is not None and self.counter is not None:
            self.waiting.sig_loaded.connect(self.counter.adopt_open_visit)
        self.appointments.sig_changed.connect(self._appointments_changed)
        self.offers.sig_loaded.connect(self._offers_loaded)
        self.tabs.currentChanged.connect(lambda _index: self._tab_shown())
        focus = QShortcut(QKeySequence("Ctrl+F"), self)
        focus.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.activated.connect(self.focus_search)
        reload = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        reload.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reload.activated.connect(self.refresh_all)

    # --- refreshing -------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # the figures
        if self.waiting is not None:
            self.waiting.start()
        if self.counter is not None and self.counter.setup is None:
            self.counter.load()
        self.appointments.refresh()
        self.offers.refresh()
        self._tab_shown()
        self.focus_search()

    def hideEvent(self, event: object) -> None:
        if self.waiting is not None:
            self.waiting.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def focus_search(self) -> None:
        if self.checkin is not None:
            self.tabs.setCurrentIndex(0)
            self.checkin.focus_search()

    def refresh_all(self) -> None:
        self.refresh()
        if self.waiting is not None:
            self.waiting.refresh()
        self.appointments.refresh()
        self.offers.refresh()
        if self.staffing is not None:
            self.staffing.refresh()

    def queue_changed(self) -> None:
        """After every ticket or counter action: the queue, the figures and today's list."""
        if self.waiting is not None:
            self.waiting.refresh()
        self.appointments.refresh()
        self.refresh()

    def _appointments_changed(self) -> None:
        self.refresh()
        if self.staffing is not None:
            self.staffing.refresh()

    def _tab_shown(self) -> None:
        if self.staffing is not None and self.tabs.currentWidget() is self.staffing:
            self.staffing.refresh()

    # --- competitor offers beside a transfer-in client ------------------------------------------

    def _offers_loaded(self, offers: list[OfferView]) -> None:
        self._offers = [offer for offer in offers if not offer.expired]

    def _matches_shown(self, matches: object) -> None:
        transfer_in = isinstance(matches, list) and any(
            isinstance(m, AppointmentMatch) and m.purpose is Purpose.TRANSFER_IN for m in matches[:1]
        )
        self._show_offer_hint(transfer_in)

    def _counter_client_changed(self) -> None:
        current = self.counter.current if self.counter is not None else None
        self._show_offer_hint(current is not None and current.service_line is ServiceLine.TRANSFER_IN)

    def _show_offer_hint(self, show: bool) -> None:
        if not show or not self._offers:
            self.offer_hint.hide()
            return
        lines = [f"• {o.competitor}：{o.offer}" for o in self._offers[:OFFER_HINT_LIMIT]]
        header = self.tr("转户客户 — 同业活动参考（详见“同业活动”页）：")
        self.offer_hint.setText("\n".join([header, *lines]))
        self.offer_hint.show()
