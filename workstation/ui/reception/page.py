"""The reception screen (placeholder until the queue and check-in are built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview


class ReceptionPage(OverviewPage):
    """接待: who is expected today and who is waiting."""

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

    def planned(self) -> list[str]:
        return [
            self.tr("按姓名、拼音首字母或手机号查找今日预约并签到"),
            self.tr("新开户 A、转户 B、其他业务 C、电销 T 分线取号与叫号"),
            self.tr("电销坐席登记预约，并查看客户到店情况"),
            self.tr("为客户打印营业部位置与交通指引"),
        ]
