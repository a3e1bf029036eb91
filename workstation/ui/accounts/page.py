"""The accounts screen (开户/转户): start a wizard, continue a draft (one's own, or one telesales
pre-filled at booking), the reviewers' queue, transfer-in progress and the client page.

Tabs by role: 办理 for clerks; 复核 for reviewers and the supervisor; 转户进度 for all of them.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from workstation.domain import ApplicationKind, Role
from workstation.ui.accounts import ops
from workstation.ui.accounts.client import ClientDialog
from workstation.ui.accounts.models import DRAFT_COLUMNS, AccountRecordModel
from workstation.ui.accounts.review import ReviewPanel, TransferPanel
from workstation.ui.accounts.wizard import AccountWizardDialog
from workstation.ui.page import FigureCard, OverviewPage
from workstation.ui.pages import PageId
from workstation.ui.records import record_table, selected_record
from workstation.ui.tabs import number_tabs

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview


class AccountsPage(OverviewPage):
    """开户/转户: applications in progress, the review queue and transfer-in progress."""

    page_id = PageId.ACCOUNTS

    sig_wizard_opened = Signal(object)
    """A wizard window was opened (payload: the :class:`AccountWizardDialog`)."""
    sig_drafts_loaded = Signal(int)
    """The draft list was (re)loaded: payload the number of drafts."""
    sig_client_opened = Signal(object)
    """A client page was opened (payload: the :class:`ClientDialog`)."""

    def heading(self) -> str:
        return self.tr("开户/转户")

    def lead(self) -> str:
        return self.tr("办理新开户与转户申请：柜员经办，复核岗复核，全程留痕。")

    def figure_captions(self) -> list[str]:
        return [self.tr("草稿中的申请"), self.tr("待复核的申请"), self.tr("正常状态客户")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.applications_draft, overview.applications_to_review, overview.active_clients]

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        actor = self.context.actor
        self.wizards: list[AccountWizardDialog] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        head = QHBoxLayout()
        text = QVBoxLayout()
        title = QLabel(self.heading(), self)
        title.setProperty("role", "title")
        lead = QLabel(self.lead(), self)
        lead.setProperty("role", "lead")
        lead.setWordWrap(True)
        text.addWidget(title)
        text.addWidget(lead)
        head.addLayout(text, 1)
        self.cards = [FigureCard(caption, self) for caption in self.figure_captions()]
        for card in self.cards:
            card.setProperty("size", "compact")
            head.addWidget(card)
        layout.addLayout(head)
        self.tabs = QTabWidget(self)
        self.review_panel: ReviewPanel | None = None
        self.can_open = actor.has_any((Role.CLERK,))
        if self.can_open:
            self.tabs.addTab(self._build_counter_tab(), self.tr("办理"))
        if actor.has_any((Role.REVIEWER,)):
            self.review_panel = ReviewPanel(self.context, self.tabs)
            self.review_panel.sig_client_requested.connect(self.open_client)
            # Figures are live: a review changes 待复核 at once, and the tab says how many wait.
            self.review_panel.sig_reviewed.connect(lambda _outcome: OverviewPage.refresh(self))
            self.review_panel.sig_queue_loaded.connect(self._show_queue_size)
            self.tabs.addTab(self.review_panel, self.tr("复核队列"))
        self.transfer_panel = TransferPanel(self.context, self.tabs)
        self.tabs.addTab(self.transfer_panel, self.tr("转户进度"))
        number_tabs(self.tabs, self)
        layout.addWidget(self.tabs, 1)
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        layout.addWidget(self.status_label)

    def _build_counter_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新开户"), tab)
        self.transfer_button = QPushButton(self.tr("转户"), tab)
        for button in (self.new_button, self.transfer_button):
            button.setProperty("role", "primary")
            button.setMinimumHeight(44)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        section = QLabel(self.tr("未完成的申请"), tab)
        section.setProperty("role", "section")
        hint = QLabel(
            self.tr("本人办理中的排在前面；“电销预填”是电销坐席预约时已录入资料的客户，到店后选中并点“继续办理”，"
                    "不必重新录入。复核退回的申请修改后重新提交。"), tab
        )  # fmt: skip
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        self.draft_model: AccountRecordModel[ops.DraftLine] = AccountRecordModel(DRAFT_COLUMNS, self)
        self.draft_view = record_table(self.draft_model, tab)
        self.draft_view.doubleClicked.connect(lambda _i: self.continue_selected())
        self.no_drafts_label = QLabel(self.tr("没有未完成的申请。"), tab)
        self.no_drafts_label.setProperty("role", "hint")
        self.no_drafts_label.hide()
        row = QHBoxLayout()
        self.continue_button = QPushButton(self.tr("继续办理"), tab)
        self.refresh_button = QPushButton(self.tr("刷新"), tab)
        row.addWidget(self.continue_button)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        layout.addWidget(section)
        layout.addWidget(hint)
        layout.addWidget(self.draft_view, 1)
        layout.addWidget(self.no_drafts_label)
        layout.addLayout(row)
        self.new_button.clicked.connect(lambda: self.start_wizard(ApplicationKind.NEW_ACCOUNT))
        self.transfer_button.clicked.connect(lambda: self.start_wizard(ApplicationKind.TRANSFER_IN))
        self.continue_button.clicked.connect(self.continue_selected)
        self.refresh_button.clicked.connect(self.refresh_lists)
        self.draft_view.selectionModel().selectionChanged.connect(lambda *_: self._update_continue())
        self._update_continue()
        return tab

    # --- refreshing ----------------------------------------------------------------------------

    def _show_queue_size(self, waiting: int) -> None:
        if self.review_panel is None:
            return
        index = self.tabs.indexOf(self.review_panel)
        title = self.tr("复核队列") + (f" · {waiting}" if waiting else "")
        self.tabs.setTabText(index, title)

    def refresh(self) -> None:
        super().refresh()
        self.refresh_lists()

    def refresh_lists(self) -> None:
        if self.can_open:
            store, actor = self.context.store, self.context.actor
            self.context.tasks.run(lambda: ops.load_drafts(store, actor), self._drafts_loaded, owner=self)
        if self.review_panel is not None:
            self.review_panel.refresh()
        self.transfer_panel.refresh()

    def _drafts_loaded(self, lines: list[ops.DraftLine]) -> None:
        self.draft_model.set_records(lines)
        self.no_drafts_label.setVisible(not lines)
        self._update_continue()
        self.sig_drafts_loaded.emit(len(lines))

    def _update_continue(self) -> None:
        self.continue_button.setEnabled(selected_record(self.draft_view, self.draft_model) is not None)

    # --- wizards and the client page ---------------------------------------------------------

    def _open_wizard(self) -> AccountWizardDialog:
        dialog = AccountWizardDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.sig_client_requested.connect(self.open_client)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self.wizards.remove(d) if d in self.wizards else None)
        self.wizards.append(dialog)
        dialog.show()
        self.sig_wizard_opened.emit(dialog)
        return dialog

    def start_wizard(self, kind: ApplicationKind, **links: uuid.UUID | None) -> AccountWizardDialog:
        dialog = self._open_wizard()
        dialog.start_new(kind, **links)
        return dialog

    def continue_selected(self) -> AccountWizardDialog | None:
        line = selected_record(self.draft_view, self.draft_model)
        if line is None:
            self.status_label.setText(self.tr("请先在列表中选择一份申请。"))
            return None
        dialog = self._open_wizard()
        dialog.open_draft(line.application_id)
        return dialog

    def open_client(self, client_id: uuid.UUID) -> ClientDialog:
        dialog = ClientDialog(self.context, client_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.sig_client_opened.emit(dialog)
        return dialog
