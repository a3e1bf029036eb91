"""Dialogs of the gifts screen: the stock count (counted vs expected, with a reason) and this
workstation's offline reserve (set aside from the allocation, or given back)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.services.gifts_stock import MAX_QUANTITY, GiftStock


class StockCountDialog(QDialog):
    """盘点: choose a gift, enter the counted quantity and, when it differs, the reason."""

    def __init__(self, stock: Sequence[GiftStock], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("礼品盘点"))
        self._stock = list(stock)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.gift_box = QComboBox(self)
        for item in self._stock:
            self.gift_box.addItem(f"{item.name}（{item.sku}）", item.gift_id)
        self.counted_box = QSpinBox(self)
        self.counted_box.setRange(0, MAX_QUANTITY * 10)
        self.expected_label = QLabel(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("有差异时必填，例如：包装破损 1 件"))
        form.addRow(self.tr("礼品(&G)"), self.gift_box)
        form.addRow(self.tr("账面数量"), self.expected_label)
        form.addRow(self.tr("实盘数量(&C)"), self.counted_box)
        form.addRow(self.tr("差异原因(&R)"), self.reason_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.gift_box.currentIndexChanged.connect(self._show_expected)
        self._show_expected()

    def _show_expected(self) -> None:
        index = self.gift_box.currentIndex()
        if 0 <= index < len(self._stock):
            total = self._stock[index].total
            self.expected_label.setText(str(total))
            self.counted_box.setValue(total)

    def select_gift(self, sku: str) -> None:
        for index, item in enumerate(self._stock):
            if item.sku == sku:
                self.gift_box.setCurrentIndex(index)

    @property
    def chosen(self) -> GiftStock | None:
        index = self.gift_box.currentIndex()
        return self._stock[index] if 0 <= index < len(self._stock) else None


class ReserveDialog(QDialog):
    """本机备用额度: move units of a gift into this workstation's reserve, or give them back.

    ``release=False`` reserves from the branch allocation (the service checks the pool, centrally
    when a central database is configured), ``release=True`` gives units of this workstation's
    reserve back (at most the reserve).
    """

    def __init__(self, stock: Sequence[GiftStock], release: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.release = release
        self.setWindowTitle(self.tr("归还本机备用额度") if release else self.tr("设置本机备用额度"))
        self._stock = [item for item in stock if item.own_reserve > 0] if release else list(stock)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.gift_box = QComboBox(self)
        for item in self._stock:
            self.gift_box.addItem(f"{item.name}（{item.sku}）", item.gift_id)
        self.held_label = QLabel(self)
        self.quantity_box = QSpinBox(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("选填，例如：网络维护期间离线发放"))
        form.addRow(self.tr("礼品(&G)"), self.gift_box)
        form.addRow(self.tr("营业部可分配 / 本机备用"), self.held_label)
        form.addRow(self.tr("归还数量(&Q)") if release else self.tr("预留数量(&Q)"), self.quantity_box)
        form.addRow(self.tr("说明(&R)"), self.reason_edit)
        layout.addLayout(form)
        note = QLabel(self.tr("备用额度从营业部库存中划出，仅供本工作站断网时发放；联网时从中心库存划拨。"), self)
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.gift_box.currentIndexChanged.connect(self._show_held)
        self._show_held()

    def _show_held(self) -> None:
        item = self.chosen
        if item is None:
            self.held_label.setText("")
            self.quantity_box.setRange(0, 0)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.held_label.setText(f"{item.pool} / {item.own_reserve}")
        # a reserve is checked against the central pool, which may hold more than this copy shows
        limit = item.own_reserve if self.release else MAX_QUANTITY
        self.quantity_box.setRange(min(1, limit), max(0, min(limit, MAX_QUANTITY)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(limit > 0)

    def select_gift(self, sku: str) -> None:
        for index, item in enumerate(self._stock):
            if item.sku == sku:
                self.gift_box.setCurrentIndex(index)

    @property
    def chosen(self) -> GiftStock | None:
        index = self.gift_box.currentIndex()
        return self._stock[index] if 0 <= index < len(self._stock) else None
