"""The common frame of a counter screen: a title, a lead line, today's figures, what comes next.

Each screen (``workstation/ui/<screen>/``) subclasses :class:`OverviewPage` and says what it is
for; figures come from :func:`workstation.services.overview.branch_overview`, loaded through the
task runner whenever the page is shown.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from workstation.ui.pages import PageId

if TYPE_CHECKING:
    import uuid

    from workstation.services.overview import BranchOverview
    from workstation.store import Store
    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

MAX_FIGURE_COLUMNS = 4


def figure_columns(count: int) -> int:
    """Columns for ``count`` cards: one row up to four, otherwise rows of three (no orphan card)."""
    return count if count <= MAX_FIGURE_COLUMNS else 3


def load_overview(store: Store, branch_id: uuid.UUID) -> BranchOverview:
    """Today's figures for the branch (runs on a worker thread)."""
    from workstation.services.overview import branch_overview

    with store.read() as session:
        return branch_overview(session, branch_id)


class FigureCard(QFrame):
    """One number with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        self.value_label = QLabel("—", self)
        self.value_label.setProperty("role", "figure")
        self.caption_label = QLabel(caption, self)
        self.caption_label.setProperty("role", "figure-label")
        self.caption_label.setWordWrap(True)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def set_value(self, value: int | str) -> None:
        self.value_label.setText(str(value))

    def make_compact(self) -> None:
        """The small variant for the header row of a working page."""
        self.setProperty("size", "compact")
        self.setMinimumWidth(118)
        box = self.layout()
        if box is not None:
            box.setContentsMargins(14, 6, 14, 6)


class OverviewPage(QWidget):
    """A screen's frame. Subclasses set ``page_id`` and implement the four text methods."""

    page_id: ClassVar[PageId]

    sig_overview_loaded = Signal(object)
    """Emitted with the :class:`BranchOverview` once the figures are on screen."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page-{self.page_id.value}")
        self._build()

    # --- what a screen says about itself (translated in the subclass) -----------------------

    def heading(self) -> str:
        raise NotImplementedError

    def lead(self) -> str:
        raise NotImplementedError

    def figure_captions(self) -> list[str]:
        """Captions of the figures, in the order :meth:`figure_values` returns them."""
        raise NotImplementedError

    def figure_values(self, overview: BranchOverview) -> list[int]:
        raise NotImplementedError

    def planned(self) -> list[str]:
        """What this screen will offer (shown until the screen is built)."""
        return []

    # --- building and refreshing ----------------------------------------------------------

    def working_layout(self) -> tuple[QVBoxLayout, QHBoxLayout]:
        """For a working page: the page layout and its one-row header holding the title and the
        compact figure cards (``self.cards``); the caller adds the rest of the row, then
        ``layout.addLayout(head)``."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        head = QHBoxLayout()
        title = QLabel(self.heading(), self)
        title.setProperty("role", "title")
        head.addWidget(title)
        head.addSpacing(16)
        self.cards = [FigureCard(caption, self) for caption in self.figure_captions()]
        for card in self.cards:
            card.make_compact()
            head.addWidget(card)
        return layout, head

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(12)
        title = QLabel(self.heading(), self)
        title.setProperty("role", "title")
        lead = QLabel(self.lead(), self)
        lead.setProperty("role", "lead")
        lead.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(lead)
        layout.addSpacing(8)

        grid = QGridLayout()
        grid.setSpacing(16)
        self.cards = [FigureCard(caption, self) for caption in self.figure_captions()]
        columns = figure_columns(len(self.cards))
        for index, card in enumerate(self.cards):
            grid.addWidget(card, index // columns, index % columns)
        for column in range(max(columns, 3)):  # narrow pages keep the cards card-sized
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)

        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        layout.addWidget(self.status_label)

        items = self.planned()
        if items:
            section = QLabel(self.tr("本页即将提供"), self)
            section.setProperty("role", "section")
            layout.addWidget(section)
            for item in items:
                line = QLabel(f"•  {item}", self)
                line.setProperty("role", "planned")
                line.setWordWrap(True)
                layout.addWidget(line)
        layout.addStretch(1)
        title.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def refresh(self) -> None:
        """Reload the figures in the background."""
        store, branch_id = self.context.store, self.context.identity.branch_id
        self.status_label.setText(self.tr("正在读取今日数据…"))
        self.context.tasks.run(
            lambda: load_overview(store, branch_id),
            on_success=self._show_overview,
            on_failure=self._show_failure,
            owner=self,
        )

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.refresh()

    def _show_overview(self, overview: BranchOverview) -> None:
        for card, value in zip(self.cards, self.figure_values(overview), strict=True):
            card.set_value(value)
        date_text = overview.business_date.strftime("%Y-%m-%d")
        self.status_label.setText(self.tr("以上为 %1 本营业部数据。").replace("%1", date_text))
        self.sig_overview_loaded.emit(overview)

    def _show_failure(self, exc: BaseException) -> None:
        log.error("overview failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.status_label.setText(self.tr("暂时无法读取今日数据，详情已记录日志。"))
