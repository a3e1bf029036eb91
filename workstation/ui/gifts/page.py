"""The gifts screen: find a client, see which gifts they may receive and why, issue with a receipt;
confirm signatures (reviewer), void (supervisor, with a reason); stock and the day's reconciliation.

All database work goes through the task runner (:mod:`workstation.ui.gifts.ops`); errors go to
the error presenter. An issue keeps its request id until it succeeds, so pressing "发放" again
after a failure replays the same request and never issues twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.clock import business_date
from workstation.domain import GiftIssueStatus, Role
from workstation.services.gifts import CONFIRM_ROLES, ISSUE_ROLES, VOID_ROLES, ClientGifts, ClientSummary, GiftIssueView
from workstation.services.gifts_rules import GiftEligibility
from workstation.services.gifts_stock import STOCK_ROLES
from workstation.ui.gifts import ops
from workstation.ui.gifts.campaigns import CampaignList
from workstation.ui.gifts.dialogs import ReserveDialog, StockCountDialog
from workstation.ui.gifts.models import (
    CLIENT_COLUMNS,
    ELIGIBILITY_COLUMNS,
    ISSUE_COLUMNS,
    RECONCILIATION_COLUMNS,
    STOCK_COLUMNS,
    TALLY_COLUMNS,
    RecordModel,
)
from workstation.ui.page import FigureCard, OverviewPage, load_overview
from workstation.ui.pages import PageId
from workstation.ui.records import record_table as table
from workstation.ui.records import selected_record as selected
from workstation.ui.tabs import number_tabs

if TYPE_CHECKING:
    from workstation.services.documents import DocumentView
    from workstation.services.overview import BranchOverview

ReasonAsker = Callable[[QWidget, str], "str | None"]


def ask_reason(parent: QWidget, title: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, QCoreApplication.translate("GiftsPage", "原因（必填）："))
    return text if ok else None


class GiftsPage(OverviewPage):
    """礼品: issue against the campaign rules, signed receipts, stock and reconciliation."""

    page_id = PageId.GIFTS

    sig_issued = Signal(object)
    """Emitted with :class:`ops.Issued` once a gift is issued and its receipt made."""
    sig_changed = Signal(str)
    """Emitted after a change ("signed", "voided", "counted", "reserved", "released", "printed",
    "saved") has been shown."""

    ask_reason: ReasonAsker = staticmethod(ask_reason)
    """How the void reason is asked (tests replace it)."""

    def heading(self) -> str:
        return self.tr("礼品")

    def lead(self) -> str:
        return self.tr("按营销活动规则发放礼品：核对资格与限额，客户签收，复核人确认。")

    def figure_captions(self) -> list[str]:
        return [self.tr("进行中的活动"), self.tr("待客户签收")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.active_campaigns, overview.gifts_awaiting_signature]

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self._client: ClientGifts | None = None
        self._request: tuple[uuid.UUID, uuid.UUID, uuid.UUID] | None = None
        self._receipt: DocumentView | None = None
        self._stock: ops.StockSnapshot | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        title = QLabel(self.heading(), self)
        title.setProperty("role", "title")
        lead = QLabel(self.lead(), self)
        lead.setProperty("role", "lead")
        lead.setWordWrap(True)
        head = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(lead)
        head.addLayout(text, 1)
        self.cards = [FigureCard(caption, self) for caption in self.figure_captions()]
        for card in self.cards:
            card.setProperty("size", "compact")
            head.addWidget(card)
        layout.addLayout(head)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_issue_tab(), self.tr("发放"))
        self.tabs.addTab(self._build_awaiting_tab(), self.tr("待签收"))
        self.tabs.addTab(self._build_stock_tab(), self.tr("库存与对账"))
        self.campaign_list = CampaignList(self)
        if self.context.actor.has_any(STOCK_ROLES):  # supervisors: read-only; changed centrally
            self.tabs.addTab(self.campaign_list, self.tr("活动"))
        number_tabs(self.tabs, self)
        layout.addWidget(self.tabs, 1)
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self._connect_signals()
        self._apply_roles()

    def _build_issue_tab(self) -> QWidget:
        tab = QWidget(self)
        box = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.search_edit = QLineEdit(tab)
        self.search_edit.setPlaceholderText(self.tr("手机号、姓名、拼音首字母或预约码，回车查找"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("查找(&F)"), tab)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.search_button)
        box.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        self.client_model: RecordModel[ClientSummary] = RecordModel(CLIENT_COLUMNS, self)
        self.client_view = table(self.client_model, splitter)
        self.gift_model: RecordModel[GiftEligibility] = RecordModel(ELIGIBILITY_COLUMNS, self)
        self.gift_view = table(self.gift_model, splitter)
        splitter.addWidget(self.client_view)
        splitter.addWidget(self.gift_view)
        splitter.setStretchFactor(1, 2)
        box.addWidget(splitter, 1)
        actions = QHBoxLayout()
        reviewer_label = QLabel(self.tr("复核人(&R)："), tab)
        actions.addWidget(reviewer_label)
        self.reviewer_box = QComboBox(tab)
        reviewer_label.setBuddy(self.reviewer_box)
        self.reviewer_box.setMinimumWidth(180)
        actions.addWidget(self.reviewer_box)
        self.issue_button = QPushButton(self.tr("发放并生成签收单(&I)"), tab)
        self.issue_button.setProperty("role", "primary")
        self.issue_button.setEnabled(False)
        self.print_button = QPushButton(self.tr("打印签收单(&P)"), tab)
        self.save_button = QPushButton(self.tr("保存 PDF(&S)…"), tab)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        actions.addStretch(1)
        actions.addWidget(self.issue_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        box.addLayout(actions)
        self.issue_label = QLabel(tab)
        self.issue_label.setWordWrap(True)
        box.addWidget(self.issue_label)
        return tab

    def _build_awaiting_tab(self) -> QWidget:
        tab = QWidget(self)
        box = QVBoxLayout(tab)
        self.awaiting_model: RecordModel[GiftIssueView] = RecordModel(ISSUE_COLUMNS, self)
        self.awaiting_view = table(self.awaiting_model, tab)
        box.addWidget(self.awaiting_view, 1)
        row = QHBoxLayout()
        self.awaiting_refresh = QPushButton(self.tr("刷新"), tab)
        self.confirm_button = QPushButton(self.tr("确认客户已签收(&C)"), tab)
        self.void_button = QPushButton(self.tr("作废/退回(&V)…"), tab)
        self.void_button.setProperty("role", "danger")
        self.include_signed = QCheckBox(self.tr("含今日已签收（客户退回礼品时作废）"), tab)
        # The destructive void sits on the left, far from the reviewer's confirm button on the right.
        row.addWidget(self.void_button)
        row.addWidget(self.include_signed)
        row.addStretch(1)
        row.addWidget(self.awaiting_refresh)
        row.addWidget(self.confirm_button)
        box.addLayout(row)
        note = QLabel(self.tr("签收确认须由发放人以外的复核人完成；作废须由发放人以外的主管填写原因审批。"), tab)
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        box.addWidget(note)
        return tab

    def _build_stock_tab(self) -> QWidget:
        tab = QWidget(self)
        box = QVBoxLayout(tab)
        row = QHBoxLayout()
        day_label = QLabel(self.tr("对账日期(&D)："), tab)
        row.addWidget(day_label)
        self.day_edit = QDateEdit(tab)
        day_label.setBuddy(self.day_edit)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        today = business_date()
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        row.addWidget(self.day_edit)
        row.addStretch(1)
        self.reserve_button = QPushButton(self.tr("设置本机备用(&E)…"), tab)
        self.release_button = QPushButton(self.tr("归还本机备用(&L)…"), tab)
        self.count_button = QPushButton(self.tr("盘点(&K)…"), tab)
        row.addWidget(self.reserve_button)
        row.addWidget(self.release_button)
        row.addWidget(self.count_button)
        box.addLayout(row)
        self.stock_model: RecordModel[Any] = RecordModel(STOCK_COLUMNS, self)
        self.reconciliation_model: RecordModel[Any] = RecordModel(RECONCILIATION_COLUMNS, self)
        self.campaign_model: RecordModel[Any] = RecordModel(TALLY_COLUMNS, self)
        self.agent_model: RecordModel[Any] = RecordModel(TALLY_COLUMNS, self)
        for caption, model in (
            (self.tr("当前库存"), self.stock_model),
            (self.tr("当日对账：期初 + 入库 + 分配 − 发放 + 作废退回 ± 盘点调整 = 期末"), self.reconciliation_model),
        ):
            label = QLabel(caption, tab)
            label.setProperty("role", "section")
            box.addWidget(label)
            box.addWidget(table(model, tab), 1)
        tallies = QHBoxLayout()
        for caption, model in ((self.tr("按活动"), self.campaign_model), (self.tr("按邀约坐席"), self.agent_model)):
            column = QVBoxLayout()
            label = QLabel(caption, tab)
            label.setProperty("role", "section")
            column.addWidget(label)
            column.addWidget(table(model, tab))
            tallies.addLayout(column)
        box.addLayout(tallies, 1)
        return tab

    def _connect_signals(self) -> None:
        self.search_edit.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.client_view.selectionModel().selectionChanged.connect(self._client_chosen)
        self.client_view.activated.connect(lambda _index: self.gift_view.setFocus())
        self.gift_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.gift_view.activated.connect(lambda _index: self.issue_selected())
        self.issue_button.clicked.connect(self.issue_selected)
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self._save_receipt_as)
        self.awaiting_refresh.clicked.connect(self.load_awaiting)
        self.include_signed.toggled.connect(lambda _on: self.load_awaiting())
        self.awaiting_view.selectionModel().selectionChanged.connect(self._update_awaiting_buttons)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.day_edit.dateChanged.connect(lambda _date: self.load_stock())
        self.count_button.clicked.connect(self.open_stock_count)
        self.reserve_button.clicked.connect(lambda: self.open_reserve(release=False))
        self.release_button.clicked.connect(lambda: self.open_reserve(release=True))
        self.tabs.currentChanged.connect(lambda _index: self.refresh())
        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search)

    def _apply_roles(self) -> None:
        actor = self.context.actor
        self.issue_button.setVisible(actor.has_any(ISSUE_ROLES))
        self.confirm_button.setVisible(actor.has_any(CONFIRM_ROLES))
        self.void_button.setVisible(actor.has_any(VOID_ROLES))
        self.count_button.setVisible(actor.has_any(STOCK_ROLES))
        for button in (self.reserve_button, self.release_button):
            button.setVisible(actor.has_any(STOCK_ROLES) and actor.workstation_id is not None)

    # --- running work ------------------------------------------------------------------------------

    def _run(self, op: Callable[[], Any], done: Callable[[Any], None], *, writes: bool = False) -> None:
        self.context.tasks.run(op, on_success=done, on_failure=self._failed, writes=writes, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.status_label.setText("")
        self.context.presenter.show(exc, self)

    def _say(self, text: str) -> None:
        self.status_label.setText(text)

    def refresh(self) -> None:
        """Reload the figures and what the current tab shows."""
        store, branch_id = self.context.store, self.context.identity.branch_id
        self._run(lambda: load_overview(store, branch_id), self._show_figures)
        index = self.tabs.currentIndex()
        if index == 0 and self.reviewer_box.count() == 0 and self.context.actor.has_any(ISSUE_ROLES):
            store, actor = self.context.store, self.context.actor
            self._run(lambda: ops.load_reviewers(store, actor), self._show_reviewers)
        elif index == 1:
            self.load_awaiting()
        elif index == 2:
            self.load_stock()
        elif index == 3:
            store, actor = self.context.store, self.context.actor
            self._run(lambda: ops.load_campaigns(store, actor), self.campaign_list.show_campaigns)

    def _show_figures(self, overview: BranchOverview) -> None:
        for card, value in zip(self.cards, self.figure_values(overview), strict=True):
            card.set_value(value)
        self.sig_overview_loaded.emit(overview)

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # --- issue tab ---------------------------------------------------------------------------------

    def _show_reviewers(self, choices: list[Any]) -> None:
        self.reviewer_box.clear()
        for choice in choices:
            self.reviewer_box.addItem(choice.label, choice.staff_id)
        self._update_buttons()

    def search(self) -> None:
        text = self.search_edit.text()
        store, actor = self.context.store, self.context.actor
        self._say(self.tr("正在查找客户…"))
        self._run(lambda: ops.search_clients(store, actor, text), self._show_clients)

    def _show_clients(self, found: list[ClientSummary]) -> None:
        self.client_model.set_records(found)
        self.gift_model.set_records([])
        self._client = None
        if not found:
            self._say(self.tr("没有找到客户，请核对后重试。"))
            return
        self._say(self.tr("找到 %1 位客户。").replace("%1", str(len(found))))
        self.client_view.setFocus()
        self.client_view.selectRow(0)

    def _client_chosen(self) -> None:
        summary = selected(self.client_view, self.client_model)
        if summary is not None:
            self.load_client(summary.client_id)

    def load_client(self, client_id: uuid.UUID) -> None:
        store, actor = self.context.store, self.context.actor
        self._run(lambda: ops.load_client(store, actor, client_id), self._show_gifts)

    def _show_gifts(self, result: ClientGifts) -> None:
        self._client = result
        ranked = sorted(result.gifts, key=lambda g: (not g.eligible, g.campaign.code, g.gift.sku))
        self.gift_model.set_records(ranked)
        count = len(result.eligible)
        if count:
            self._say(self.tr("%1 可领取 %2 种礼品。").replace("%1", result.client.name).replace("%2", str(count)))
            self.gift_view.selectRow(0)
        else:
            self._say(self.tr("%1 暂无可领取的礼品，原因见列表。").replace("%1", result.client.name))
        self._update_buttons()

    def _update_buttons(self) -> None:
        gift = selected(self.gift_view, self.gift_model)
        self.issue_button.setEnabled(bool(gift and gift.eligible and self.reviewer_box.count()))

    def issue_selected(self) -> None:
        """Issue the selected eligible gift with the chosen reviewer and make its receipt."""
        gift: GiftEligibility | None = selected(self.gift_view, self.gift_model)
        if self._client is None or gift is None or not gift.eligible or self.reviewer_box.currentIndex() < 0:
            return
        client_id, gift_id = self._client.client.client_id, gift.gift.gift_id
        if self._request is None or self._request[:2] != (client_id, gift_id):
            self._request = (client_id, gift_id, uuid.uuid4())
        request_id = self._request[2]
        reviewer_id = self.reviewer_box.currentData()
        store, actor = self.context.store, self.context.actor
        self.issue_button.setEnabled(False)
        self._say(self.tr("正在发放并生成签收单…"))
        self._run(
            lambda: ops.issue_with_receipt(store, actor, client_id, gift_id, request_id, reviewer_id),
            self._issued,
            writes=True,
        )

    def _issued(self, issued: ops.Issued) -> None:
        self._request = None
        self._receipt = issued.receipt
        view = issued.outcome.issue
        text = self.tr("已发放“%1”给 %2，签收单 %3。请打印后请客户签字，并交复核人确认。")
        self.issue_label.setText(
            text.replace("%1", view.gift_name).replace("%2", view.client_name).replace("%3", issued.receipt.doc_no)
        )
        self.issue_label.setProperty("role", "notice-ok")
        self.issue_label.style().polish(self.issue_label)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.print_button.setFocus()
        self.sig_issued.emit(issued)
        self.refresh()
        if self._client is not None:
            self.load_client(self._client.client.client_id)

    def print_receipt(self) -> None:
        if self._receipt is None:
            return
        store, actor, doc_id = self.context.store, self.context.actor, self._receipt.document_id
        self._say(self.tr("正在打印签收单…"))
        self._run(lambda: ops.print_receipt(store, actor, doc_id), self._printed)

    def _printed(self, outcome: Any) -> None:
        if outcome.ok:
            self._say(self.tr("签收单 %1 已送打印机 %2。").replace("%1", outcome.doc_no).replace("%2", outcome.printer))
        else:
            self._say(self.tr("签收单 %1 打印失败：%2").replace("%1", outcome.doc_no).replace("%2", outcome.error))
        self.sig_changed.emit("printed")

    def _save_receipt_as(self) -> None:
        if self._receipt is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存签收单"), f"{self._receipt.doc_no}.pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.save_receipt(path)

    def save_receipt(self, path: str) -> None:
        if self._receipt is None:
            return
        store, doc_id = self.context.store, self._receipt.document_id

        def saved(target: Any) -> None:
            self._say(self.tr("签收单已保存到 %1。").replace("%1", str(target)))
            self.sig_changed.emit("saved")

        self._run(lambda: ops.save_receipt_pdf(store, doc_id, path), saved)

    # --- awaiting signature ------------------------------------------------------------------------

    def load_awaiting(self) -> None:
        store, actor = self.context.store, self.context.actor
        with_signed = self.include_signed.isChecked()
        self._run(lambda: ops.load_awaiting(store, actor, include_signed=with_signed), self._show_awaiting)

    def _show_awaiting(self, records: list[GiftIssueView]) -> None:
        self.awaiting_model.set_records(records)
        self._update_awaiting_buttons()

    def _update_awaiting_buttons(self, *_args: object) -> None:
        issue: GiftIssueView | None = selected(self.awaiting_view, self.awaiting_model)
        awaiting = issue is not None and issue.status is GiftIssueStatus.AWAITING_SIGNATURE
        self.confirm_button.setEnabled(issue is None or awaiting)  # a signed gift has nothing to confirm

    def confirm_selected(self) -> None:
        issue: GiftIssueView | None = selected(self.awaiting_view, self.awaiting_model)
        if issue is None:
            return
        store, actor = self.context.store, self.context.actor
        self._run(lambda: ops.confirm_signature(store, actor, issue.issue_id), self._confirmed, writes=True)

    def _confirmed(self, view: GiftIssueView) -> None:
        self._say(self.tr("%1 的“%2”已确认签收。").replace("%1", view.client_name).replace("%2", view.gift_name))
        self.refresh()
        self.sig_changed.emit("signed")

    def void_selected(self) -> None:
        issue: GiftIssueView | None = selected(self.awaiting_view, self.awaiting_model)
        if issue is None:
            return
        if not self.context.actor.has_any((Role.SUPERVISOR,)):
            self._say(self.tr("作废须由主管审批。"))
            return
        reason = type(self).ask_reason(self, self.tr("作废礼品发放"))
        if reason is None:
            return
        store, actor = self.context.store, self.context.actor
        self._run(lambda: ops.void_issue(store, actor, issue.issue_id, reason), self._voided, writes=True)

    def _voided(self, view: GiftIssueView) -> None:
        self._say(
            self.tr("%1 的“%2”已作废，库存已退回。").replace("%1", view.client_name).replace("%2", view.gift_name)
        )
        self.refresh()
        self.sig_changed.emit("voided")

    # --- stock and reconciliation ------------------------------------------------------------------

    def load_stock(self) -> None:
        picked = self.day_edit.date()
        day = date(picked.year(), picked.month(), picked.day())
        store, actor = self.context.store, self.context.actor
        self._run(lambda: ops.load_stock(store, actor, day), self._show_stock)

    def _show_stock(self, snapshot: ops.StockSnapshot) -> None:
        self._stock = snapshot
        self.stock_model.set_records(snapshot.stock)
        self.reconciliation_model.set_records(snapshot.reconciliation)
        self.campaign_model.set_records(snapshot.by_campaign)
        self.agent_model.set_records(snapshot.by_agent)

    def open_stock_count(self) -> StockCountDialog | None:
        """Open the stock-count dialog (modeless, so tests can fill it in)."""
        if self._stock is None or not self._stock.stock:
            return None
        dialog = StockCountDialog(self._stock.stock, self)
        dialog.finished.connect(lambda result: self._count_finished(dialog, result))
        dialog.open()
        return dialog

    def open_reserve(self, *, release: bool) -> ReserveDialog | None:
        """Open the dialog that sets (or releases) this workstation's offline reserve (modeless)."""
        if self._stock is None or not self._stock.stock:
            return None
        dialog = ReserveDialog(self._stock.stock, release, self)
        dialog.finished.connect(lambda result: self._reserve_finished(dialog, result))
        dialog.open()
        return dialog

    def _reserve_finished(self, dialog: ReserveDialog, result: int) -> None:
        chosen, release = dialog.chosen, dialog.release
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or chosen is None:
            return
        quantity, reason = dialog.quantity_box.value(), dialog.reason_edit.text()
        store, actor, gift_id = self.context.store, self.context.actor, chosen.gift_id
        op = ops.release_reserve if release else ops.set_reserve

        def done(held: int) -> None:
            text = (
                self.tr("已归还 %1 件“%2”，本机备用 %3 件。")
                if release
                else self.tr("已预留 %1 件“%2”，本机备用 %3 件。")
            )
            self._say(text.replace("%1", str(quantity)).replace("%2", chosen.name).replace("%3", str(held)))
            self.load_stock()
            self.sig_changed.emit("released" if release else "reserved")

        self._say(self.tr("正在调整本机备用额度…"))
        self._run(lambda: op(store, actor, gift_id, quantity, reason), done, writes=True)

    def _count_finished(self, dialog: StockCountDialog, result: int) -> None:
        chosen = dialog.chosen
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or chosen is None:
            return
        counted, reason = dialog.counted_box.value(), dialog.reason_edit.text()
        store, actor, gift_id = self.context.store, self.context.actor, chosen.gift_id

        def done(count: Any) -> None:
            text = self.tr("盘点已记录：账面 %1，实盘 %2，差异 %3。")
            self._say(
                text.replace("%1", str(count.expected))
                .replace("%2", str(count.counted))
                .replace("%3", f"{count.difference:+d}")
            )
            self.load_stock()
            self.sig_changed.emit("counted")

        self._run(lambda: ops.count_stock(store, actor, gift_id, counted, reason), done, writes=True)
