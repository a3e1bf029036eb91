"""The documents screen (placeholder until the document archive is built)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workstation.ui.page import OverviewPage
from workstation.ui.pages import PageId

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview


class DocumentsPage(OverviewPage):
    """单据: paperwork still to come back signed, scanned or archived."""

    page_id = PageId.DOCUMENTS

    def heading(self) -> str:
        return self.tr("单据")

    def lead(self) -> str:
        return self.tr("查找、补打已生成的单据，跟踪纸质资料的签字、扫描与归档。")

    def figure_captions(self) -> list[str]:
        return [self.tr("待回收归档的纸质单据")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.papers_outstanding]

    def planned(self) -> list[str]:
        return [
            self.tr("按客户、单据类型或日期查找单据并预览"),
            self.tr("补打单据（记录补打原因与操作人）"),
            self.tr("纸质资料状态：已打印、已签字、已扫描、已寄送总部、已归档"),
        ]
