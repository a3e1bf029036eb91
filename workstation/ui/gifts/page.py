"""The gifts screen (placeholder until issuing and signing are built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview


class GiftsPage(OverviewPage):
    """礼品: campaigns running today and gifts not yet signed for."""

    page_id = PageId.GIFTS

    def heading(self) -> str:
        return self.tr("礼品")

    def lead(self) -> str:
        return self.tr("按营销活动规则发放礼品：核对资格与限额，客户签收，复核人确认。")

    def figure_captions(self) -> list[str]:
        return [self.tr("进行中的活动"), self.tr("待客户签收")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.active_campaigns, overview.gifts_awaiting_signature]

    def planned(self) -> list[str]:
        return [
            self.tr("按客户查询可领礼品，每位客户每个活动限领一次"),
            self.tr("打印礼品签收单，发放人与复核人分离"),
            self.tr("查看本营业部礼品库存与出入库记录"),
        ]
