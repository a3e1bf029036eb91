"""The ID card reader at the counter: this PC's reader setting, reading off the GUI thread, a
"读卡" button and the settings dialog.

The reader is configured per workstation (QSettings ``idcard/…``); without one the app works as
before and "读卡" says how to configure it. A read runs in a task (it waits on the serial port for
up to two seconds); the card comes back on the GUI thread, is checked for validity (an expired card
is refused, one expiring within 30 days warns) and the read is audited with the number masked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
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

from workstation.accounts.identity_check import HttpGatewayVerifier
from workstation.clock import business_date
from workstation.idcard import ReaderSettings, open_reader
from workstation.idcard.card import IdCard
from workstation.idcard.errors import CardReaderError

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext

SETTINGS_PREFIX = "idcard"
KINDS = ("none", "serial", "vendor")


def settings() -> QSettings:
    """Where this PC keeps its reader setting (tests replace it with an INI file)."""
    return QSettings()


def load_reader_settings() -> ReaderSettings:
    store = settings()
    values = {key: store.value(f"{SETTINGS_PREFIX}/{key}", "") for key in ("kind", "port", "library")}
    return ReaderSettings.from_dict(values)


def save_reader_settings(value: ReaderSettings) -> None:
    store = settings()
    for key in ("kind", "port", "library"):
        store.setValue(f"{SETTINGS_PREFIX}/{key}", getattr(value, key))
    store.sync()


GATEWAY_URL_KEY = "identity_gateway/url"
GATEWAY_TOKEN_SERVICE = "counter-workstation-identity-gateway"
"""The gateway's access token lives in the OS keyring under this service (never in settings)."""


def identity_verifier() -> HttpGatewayVerifier | None:
    """The firm's identity gateway as this PC is configured, or None (then: 未核查)."""
    url = str(settings().value(GATEWAY_URL_KEY, "") or "").strip()
    if not url:
        return None
    token = ""
    try:
        import keyring

        token = keyring.get_password(GATEWAY_TOKEN_SERVICE, url) or ""
    except Exception:  # no keyring on this PC: the gateway may not need a token
        token = ""
    return HttpGatewayVerifier(url, token)


def read_card(
    context: SessionContext,
    purpose: str,
    owner: QWidget,
    on_card: Callable[[IdCard, bool], None],
    on_error: Callable[[str], None],
) -> None:
    """Read the card on this PC's reader in a task; ``on_card(card, expiring)`` or ``on_error(text)``.

    An expired card is an error (it cannot be used); every successful read is audited.
    """
    reader_settings = load_reader_settings()
    store, actor, lang, tasks = context.store, context.actor, context.lang, context.tasks

    def read() -> tuple[IdCard, bool]:
        card = open_reader(reader_settings).read_card()
        return card, card.require_valid(business_date())

    def audit(card: IdCard, expiring: bool) -> tuple[IdCard, bool]:
        from workstation.services.idcard import record_read

        with store.write() as session:
            record_read(session, actor, card, purpose, expiring=expiring)
        return card, expiring

    def failed(exc: BaseException) -> None:
        if isinstance(exc, CardReaderError):
            on_error(exc.message(lang))
        else:
            context.presenter.show(exc, owner)

    def audited(result: tuple[IdCard, bool]) -> None:
        tasks.run(lambda: audit(*result), on_success=lambda r: on_card(*r), on_failure=failed, writes=True, owner=owner)

    tasks.run(read, on_success=audited, on_failure=failed, owner=owner)


class ReadCardButton(QPushButton):
    """读卡 (F8): reads the card and emits ``sig_card_read(card, expiring)`` or ``sig_failed(text)``."""

    sig_card_read = Signal(object, bool)
    sig_failed = Signal(str)

    def __init__(self, context: SessionContext, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("读卡 (F8)"))
        self.setObjectName("readCardButton")
        self.setShortcut("F8")
        self.setToolTip(self.tr("将身份证平放在阅读器上，点此读取证件信息"))
        self.context = context
        self.purpose = purpose
        self.clicked.connect(self.read)

    def read(self) -> None:
        self.setEnabled(False)
        read_card(self.context, self.purpose, self, self._done, self._failed)

    def _done(self, card: IdCard, expiring: bool) -> None:
        self.setEnabled(True)
        self.sig_card_read.emit(card, expiring)

    def _failed(self, text: str) -> None:
        self.setEnabled(True)
        self.sig_failed.emit(text)


class ReaderSettingsDialog(QDialog):
    """身份证阅读器设置: none, a serial port, or the vendor's SDK."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("身份证阅读器设置"))
        current = load_reader_settings()
        self.kind = QComboBox(self)
        labels = (self.tr("不使用阅读器"), self.tr("串口 / USB 串口"), self.tr("厂商驱动库"))
        for code, label in zip(KINDS, labels, strict=True):
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current.kind)))
        self.port = QLineEdit(current.port, self)
        self.port.setPlaceholderText(self.tr("如 /dev/ttyUSB0、COM3；厂商驱动填端口号，如 1001"))
        self.library = QLineEdit(current.library, self)
        self.library.setPlaceholderText(self.tr("如 sdtapi.dll（留空用默认）"))
        form = QFormLayout()
        form.addRow(self.tr("阅读器"), self.kind)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("驱动库"), self.library)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def value(self) -> ReaderSettings:
        return ReaderSettings(
            kind=str(self.kind.currentData()), port=self.port.text().strip(), library=self.library.text().strip()
        )

    def save(self) -> None:
        value = self.value()
        if value.kind == "serial" and not value.port:
            self.message.setText(self.tr("请填写阅读器所接的串口。"))
            return
        save_reader_settings(value)
        self.accept()
