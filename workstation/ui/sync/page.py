"""The sync screen (placeholder until the central sync is built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview


class SyncPage(OverviewPage):
    """同步: what is waiting to be sent to the central database."""

    page_id = PageId.SYNC

    def heading(self) -> str:
        return self.tr("同步")

    def lead(self) -> str:
        return self.tr("与中心数据库交换数据：上传本营业部业务记录，下载预约、活动与人员信息。")

    def figure_captions(self) -> list[str]:
        return [self.tr("待上传的记录")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.outbox_pending]

    def planned(self) -> list[str]:
        return [
            self.tr("手动或定时同步，显示最近一次同步的时间与结果"),
            self.tr("断网时照常办理业务，恢复连接后自动补传"),
            self.tr("查看并处理上传失败的记录"),
        ]
