"""The reports screen: today's figures, then the reception and telesales KPIs with export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId
from workstation.ui.reports.kpi import KpiSection

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview


class ReportsPage(OverviewPage):
    """报表: the branch's day in numbers."""

    page_id = PageId.REPORTS

    def heading(self) -> str:
        return self.tr("报表")

    def lead(self) -> str:
        return self.tr("营业部当日业务量、开户与转户、礼品发放及电销预约到店情况。")

    def figure_captions(self) -> list[str]:
        return [
            self.tr("今日到店"),
            self.tr("今日预约"),
            self.tr("待复核的申请"),
            self.tr("待客户签收礼品"),
            self.tr("待上传的记录"),
            self.tr("正常状态客户"),
        ]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [
            overview.visits_today,
            overview.appointments_today,
            overview.applications_to_review,
            overview.gifts_awaiting_signature,
            overview.outbox_pending,
            overview.active_clients,
        ]

    def _build(self) -> None:
        layout, head = self.working_layout()
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        self.status_label.setWordWrap(True)
        head.addSpacing(12)
        head.addWidget(self.status_label, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)
        self.kpis = KpiSection(self.context, self)
        layout.addWidget(self.kpis, 1)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        self.kpis.refresh()
