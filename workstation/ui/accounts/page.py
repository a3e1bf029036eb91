"""The accounts screen (placeholder until the opening and transfer-in wizards are built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview


class AccountsPage(OverviewPage):
    """开户/转户: applications in progress and awaiting review."""

    page_id = PageId.ACCOUNTS

    def heading(self) -> str:
        return self.tr("开户/转户")

    def lead(self) -> str:
        return self.tr("办理新开户与转户申请：柜员经办，复核岗复核，全程留痕。")

    def figure_captions(self) -> list[str]:
        return [self.tr("草稿中的申请"), self.tr("待复核的申请"), self.tr("正常状态客户")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.applications_draft, overview.applications_to_review, overview.active_clients]

    def planned(self) -> list[str]:
        return [
            self.tr("分步向导：身份证件、基本信息、风险测评、适当性匹配、三方存管"),
            self.tr("转户：沪市撤销指定、深市转托管的逐项办理与提醒"),
            self.tr("复核队列：经办人与复核人不得为同一人"),
        ]
