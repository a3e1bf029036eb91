"""Dialogs of the gifts screen: the stock count (counted vs expected, with a reason)."""

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
