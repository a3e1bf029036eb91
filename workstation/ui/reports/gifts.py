"""The gifts' daily reconciliation on the Reports page: per gift opening, received, allocated,
issued, voided, adjustments and closing, and the day's issues per campaign and per telesales
agent. Loaded with the KPIs for the chosen day and exported with them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from workstation.services.gifts_report import DayReconciliation, IssueTally
from workstation.services.gifts_rules import yuan
from workstation.ui.reports.export import ReportTable

if TYPE_CHECKING:
    import uuid
    from datetime import date

    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class GiftDay:
    """One business day of the branch's gifts: the reconciliation and the issue tallies."""

    day: date
    reconciliation: tuple[DayReconciliation, ...]
    by_campaign: tuple[IssueTally, ...]
    by_agent: tuple[IssueTally, ...]


def load_gift_day(session: Session, branch_id: uuid.UUID, day: date) -> GiftDay:
    """The day's reconciliation and tallies (runs on a worker, inside the caller's read session)."""
    from workstation.services import gifts_report

    return GiftDay(
        day,
        tuple(gifts_report.reconcile_day(session, branch_id, day)),
        tuple(gifts_report.issue_tallies(session, branch_id, day)),
        tuple(gifts_report.issue_tallies(session, branch_id, day, by="agent")),
    )


class GiftReconciliationSection(QWidget):
    """礼品对账: three tables over :class:`GiftDay`, the same tables the export writes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self.tr("礼品当日对账：期初 + 入库 + 分配 − 发放 + 作废退回 ± 盘点调整 = 期末"), self)
        self.caption.setProperty("role", "section")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.reconciliation_view = self._view("giftReconciliation")
        self.campaign_view = self._view("giftIssuesByCampaign")
        self.agent_view = self._view("giftIssuesByAgent")
        layout.addWidget(self.reconciliation_view, 2)
        tallies = QHBoxLayout()
        tallies.addWidget(self.campaign_view)
        tallies.addWidget(self.agent_view)
        layout.addLayout(tallies, 1)

    def _view(self, name: str) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setMinimumHeight(100)
        return view

    def build_tables(self, data: GiftDay) -> list[ReportTable]:
        """The reconciliation, then the tallies per campaign and per agent (as shown and exported)."""
        day = data.day.isoformat()
        reconciliation = ReportTable(
            self.tr("礼品当日对账（%1）").replace("%1", day),
            (self.tr("编码"), self.tr("礼品"), self.tr("期初"), self.tr("入库"), self.tr("分配"), self.tr("发放"),
             self.tr("作废退回"), self.tr("盘点调整"), self.tr("期末"), self.tr("其中备用额度"), self.tr("平衡")),
            tuple(
                (r.sku, r.name, r.opening, r.received, r.allocated, r.issued, r.voided, r.adjustments, r.closing,
                 r.reserved_at_close, self.tr("是") if r.balanced else self.tr("否"))
                for r in data.reconciliation
            ),
        )  # fmt: skip
        headers = (self.tr("发放"), self.tr("价值（元）"), self.tr("作废"))
        by_campaign = ReportTable(
            self.tr("礼品发放·按活动（%1）").replace("%1", day),
            (self.tr("活动"), *headers),
            tuple(self._tally_row(t) for t in data.by_campaign),
        )
        by_agent = ReportTable(
            self.tr("礼品发放·按邀约坐席（%1）").replace("%1", day),
            (self.tr("邀约坐席"), *headers),
            tuple(self._tally_row(t) for t in data.by_agent),
        )
        return [reconciliation, by_campaign, by_agent]

    @staticmethod
    def _tally_row(tally: IssueTally) -> tuple[str | int, ...]:
        return (tally.label, tally.issued, yuan(tally.value_fen), tally.voided)

    @property
    def views(self) -> tuple[QTableView, QTableView, QTableView]:
        """The views of :meth:`build_tables`' tables, in that order."""
        return (self.reconciliation_view, self.campaign_view, self.agent_view)
