"""小票打印机设置: this workstation's 80 mm ESC/POS slip printer (supervisors and admins).

Kind (none / network / serial / USB / print queue / device file), its address, the Chinese mode,
and a test print. Saving and the test run on the task runner (a network printer may take seconds
to answer); the setting lives in the local database (:mod:`workstation.printing.thermal_settings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.printing import thermal, thermal_settings

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

KINDS = ("none", "network", "serial", "usb", "queue", "file")


def kind_labels() -> dict[str, str]:
    def tr(text: object) -> str:
        return QCoreApplication.translate("ThermalPrinterDialog", str(text))

    return {
        "none": tr(QT_TRANSLATE_NOOP("ThermalPrinterDialog", "无（号票用 A5/A4 打印机）")),
        "network": tr(QT_TRANSLATE_NOOP("ThermalPrinterDialog", "网络（IP 地址:端口）")),
        "serial": tr(QT_TRANSLATE_NOOP("ThermalPrinterDialog", "串口（如 COM3 或 /dev/ttyUSB0:9600）")),
        "usb": tr(QT_TRANSLATE_NOOP("ThermalPrinterDialog", "USB（厂商ID:产品ID，如 0416:5011）")),
        "queue": tr(QT_TRANSLATE_NOOP("ThermalPrinterDialog", "系统打印队列（原始数据）")),
        "file": tr(QT_TRANSLATE_NOOP("ThermalPrinterDialog", "设备文件（如 /dev/usb/lp0）")),
    }


class ThermalPrinterDialog(QDialog):
    """Edit, save and test the slip printer; see the module."""

    sig_saved = Signal(object)
    """Saved (payload: the :class:`~workstation.printing.thermal.ThermalTarget`)."""
    sig_tested = Signal(str)
    """A test slip was taken by the printer (payload: the job reference)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("thermalPrinterDialog")
        self.setWindowTitle(self.tr("小票打印机设置"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_combo = QComboBox(self)
        for kind, label in kind_labels().items():
            self.kind_combo.addItem(label, kind)
        self.address_edit = QLineEdit(self)
        self.address_edit.setPlaceholderText("192.168.1.50:9100")
        self.mode_combo = QComboBox(self)
        for mode, label in (("auto", self.tr("自动（生僻字时打印图像）")), ("text", self.tr("打印机字库（GB18030）")),
                            ("raster", self.tr("总是图像"))):  # fmt: skip
            self.mode_combo.addItem(label, mode)
        form.addRow(self.tr("连接方式"), self.kind_combo)
        form.addRow(self.tr("地址"), self.address_edit)
        form.addRow(self.tr("中文打印"), self.mode_combo)
        layout.addLayout(form)
        self.outcome_label = QLabel(self)
        self.outcome_label.setWordWrap(True)
        layout.addWidget(self.outcome_label)
        self.test_button = QPushButton(self.tr("打印测试小票"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(self.buttons)
        self._connect_signals()
        target, mode = thermal_settings.load_target(context.store)
        self.kind_combo.setCurrentIndex(KINDS.index(target.kind))
        self.address_edit.setText(str(target).partition(":")[2])
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode.value))
        self._kind_changed()

    def _connect_signals(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(self.test_print)

    def _kind_changed(self) -> None:
        self.address_edit.setEnabled(self.kind_combo.currentData() != "none")

    def target_text(self) -> str:
        kind = str(self.kind_combo.currentData())
        return "none" if kind == "none" else f"{kind}:{self.address_edit.text().strip()}"

    def save(self) -> None:
        store, actor, text, mode = (
            self.context.store,
            self.context.actor,
            self.target_text(),
            self.mode_combo.currentData(),
        )

        def saved(target: thermal.ThermalTarget) -> None:
            self.outcome_label.setText(self.tr("已保存：%1").replace("%1", str(target)))
            self.sig_saved.emit(target)

        self.context.tasks.run(
            lambda: thermal_settings.save_target(store, actor, text, mode), on_success=saved,
            on_failure=self._failed, writes=True, owner=self,
        )  # fmt: skip

    def test_print(self) -> None:
        text, mode = self.target_text(), thermal.SlipMode(self.mode_combo.currentData())

        def work() -> str:
            return thermal.send(thermal.sample_bytes(mode), thermal.ThermalTarget.parse(text), title="测试小票")

        def sent(job_ref: str) -> None:
            self.outcome_label.setText(self.tr("测试小票已发送：%1").replace("%1", job_ref))
            self.sig_tested.emit(job_ref)

        self.context.tasks.run(work, on_success=sent, on_failure=self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        message = exc.message() if hasattr(exc, "message") else str(exc)
        self.outcome_label.setText(message)
