"""客户资料: the client page — tier, risk class and its validity (expired shown in red), AML rating,
documents, visits and gifts. ID and mobile arrive masked from the core (``client_summary``)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.accounts.review import ClientSummary
from workstation.domain import Role
from workstation.ui.accounts import ops
from workstation.ui.accounts.models import DOCUMENT_COLUMNS, GIFT_COLUMNS, VISIT_COLUMNS, AccountRecordModel
from workstation.ui.records import record_table

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext


class ClientDialog(QDialog):
    """The client page, loaded in the background."""

    sig_loaded = Signal(object)
    """The summary is on screen (payload: :class:`ClientSummary`)."""
    sig_privacy_done = Signal(str)
    """A data-subject request was carried out ("exported" / "withdrawn")."""

    def __init__(self, context: SessionContext, client_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("clientDialog")
        self.setWindowTitle(self.tr("客户资料"))
        self.resize(860, 600)
        layout = QVBoxLayout(self)
        self.name_label = QLabel(self.tr("正在读取…"), self)
        self.name_label.setProperty("role", "title")
        layout.addWidget(self.name_label)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        captions = (
            ("id", self.tr("证件号码")), ("mobile", self.tr("手机")), ("fund", self.tr("资金账号")),
            ("tier", self.tr("客户等级")), ("risk", self.tr("风险承受能力")), ("valid", self.tr("测评有效期至")),
            ("aml", self.tr("反洗钱评级")), ("investor", self.tr("投资者类别")),
        )  # fmt: skip
        for i, (key, caption) in enumerate(captions):
            label = QLabel(caption, self)
            label.setProperty("role", "hint")
            value = QLabel("—", self)
            value.setObjectName(f"client-{key}")
            value.setProperty("role", "client-value")
            grid.addWidget(label, (i // 4) * 2, i % 4)
            grid.addWidget(value, (i // 4) * 2 + 1, i % 4)
            self.values[key] = value
        layout.addLayout(grid)
        self.expired_label = QLabel(self)
        self.expired_label.setProperty("role", "notice-warning")
        self.expired_label.setWordWrap(True)
        self.expired_label.hide()
        layout.addWidget(self.expired_label)
        tabs = QTabWidget(self)
        self.documents: AccountRecordModel = AccountRecordModel(DOCUMENT_COLUMNS, self)
        self.visits: AccountRecordModel = AccountRecordModel(VISIT_COLUMNS, self)
        self.gifts: AccountRecordModel = AccountRecordModel(GIFT_COLUMNS, self)
        tabs.addTab(record_table(self.documents, tabs), self.tr("文件"))
        tabs.addTab(record_table(self.visits, tabs), self.tr("来访"))
        tabs.addTab(record_table(self.gifts, tabs), self.tr("礼品"))
        layout.addWidget(tabs, 1)
        self.client_id = client_id
        # Data-subject requests (个人信息保护法): supervisor only; the services check it again and audit.
        privacy = QHBoxLayout()
        self.privacy_label = QLabel(self)
        self.privacy_label.setWordWrap(True)
        privacy.addWidget(self.privacy_label, 1)
        self.export_button = QPushButton(self.tr("导出个人信息…"), self)
        self.export_button.setObjectName("clientExportButton")
        self.export_button.setToolTip(self.tr("客户申请查阅、复制其个人信息：导出本营业部保存的全部信息（仅主管）"))
        self.export_button.clicked.connect(self._ask_export)
        self.withdraw_button = QPushButton(self.tr("登记撤回同意…"), self)
        self.withdraw_button.setObjectName("clientWithdrawButton")
        self.withdraw_button.clicked.connect(self._ask_withdraw)
        for button in (self.export_button, self.withdraw_button):
            button.setVisible(context.actor.has_any([Role.SUPERVISOR]))
            privacy.addWidget(button)
        layout.addLayout(privacy)
        self.summary: ClientSummary | None = None
        store = context.store
        context.tasks.run(lambda: ops.load_client(store, client_id), self._loaded, self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.name_label.setText(self.tr("无法读取客户资料。"))
        self.context.presenter.show(exc, self)

    def _loaded(self, s: ClientSummary) -> None:
        self.summary = s
        self.name_label.setText(s.name)
        kind = self.tr("专业投资者") if s.professional else self.tr("普通投资者")
        if s.lowest_category:
            kind += self.tr("（最低类别）")
        texts = {
            "id": s.id_number_masked, "mobile": s.mobile_masked, "fund": s.fund_account or "—", "tier": s.tier_label,
            "risk": s.risk_class or self.tr("未测评"), "aml": s.aml_risk.label, "investor": kind,
            "valid": s.risk_valid_until.isoformat() if s.risk_valid_until else "—",
        }  # fmt: skip
        for key, text in texts.items():
            self.values[key].setText(text)
        self.values["valid"].setProperty("expired", s.risk_expired)
        self.values["valid"].style().polish(self.values["valid"])
        if s.risk_expired:
            self.expired_label.setText(self.tr("风险测评已过期：办理新业务前须重新测评。"))
        self.expired_label.setVisible(s.risk_expired)
        self.documents.set_records(s.documents)
        self.visits.set_records(s.visits)
        self.gifts.set_records(s.gifts)
        self.sig_loaded.emit(s)

    # --- data-subject requests --------------------------------------------------------------------

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出客户个人信息"), "client.xlsx", self.tr("Excel 文件 (*.xlsx);;JSON 文件 (*.json)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Export the client's data to ``path`` in the background (XLSX or JSON by suffix)."""
        store, actor, client_id = self.context.store, self.context.actor, self.client_id

        def done(target: object) -> None:
            self.privacy_label.setText(self.tr("已导出到 %1（仅本用户可读）。").replace("%1", str(target)))
            self.sig_privacy_done.emit("exported")

        self.context.tasks.run(
            lambda: ops.export_client_data(store, actor, client_id, path), done, self._failed_action,
            writes=True, owner=self,
        )  # fmt: skip

    def _ask_withdraw(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("登记撤回同意"),
            self.tr("客户撤回对个人信息处理的同意。无账户的意向客户将立即匿名化。原因（可选）："),
        )
        if ok:
            self.withdraw(reason)

    def withdraw(self, reason: str) -> None:
        """Record the withdrawal in the background."""
        store, actor, client_id = self.context.store, self.context.actor, self.client_id

        def done(anonymised: object) -> None:
            text = (
                self.tr("已登记撤回同意，该意向客户的个人信息已匿名化。")
                if anonymised
                else self.tr("已登记撤回同意；账户资料按法定期限保存，不再邀约。")
            )
            self.privacy_label.setText(text)
            self.sig_privacy_done.emit("withdrawn")

        self.context.tasks.run(
            lambda: ops.withdraw_client_consent(store, actor, client_id, reason), done, self._failed_action,
            writes=True, owner=self,
        )  # fmt: skip

    def _failed_action(self, exc: BaseException) -> None:
        self.context.presenter.show(exc, self)
