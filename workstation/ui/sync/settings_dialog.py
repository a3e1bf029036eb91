"""中心设置 dialog (supervisors and admins): where the central database is, and its password.

Host, port, database, user, TLS mode (libpq ``sslmode``) and the sync interval are saved in the
local database (:mod:`workstation.sync.settings`); the password goes to the OS keyring only, and
only when one is typed. "测试连接" connects once with what is on screen. All of it runs off the
GUI thread: settings through the database write pool, the keyring and the network through the
sync runner. Without a usable keyring the dialog says so plainly and keeps the other settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.sync.settings import (
    MAX_INTERVAL_S,
    MIN_INTERVAL_S,
    SSL_MODES,
    CentralSettings,
    ConnectionCheck,
    check_connection,
    has_stored_password,
    load_settings,
    save_settings,
    store_password,
)
from workstation.ui.sync.controller import network_runner

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext
    from workstation.ui.sync.controller import SyncController


class CentralSettingsDialog(QDialog):
    """Edit the central connection; saving starts a sync cycle."""

    sig_settings_did_save = Signal(object)
    """Settings (and the password, if typed) were saved (payload: :class:`CentralSettings`)."""
    sig_check_did_finish = Signal(object)
    """"测试连接" ended (payload: a :class:`ConnectionCheck` or the exception)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("centralSettingsDialog")
        self.setWindowTitle(self.tr("中心数据库设置"))
        self.setModal(True)
        self._build()
        self._connect_signals()
        self._set_busy(True)
        store = context.store

        def load() -> tuple[CentralSettings, bool | None]:
            settings = load_settings(store)
            return settings, has_stored_password(settings)

        network_runner().run(load, self._loaded, self._failed, owner=self)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("填写总部提供的中心数据库地址与本营业部账号。密码只保存在本机的系统密钥环中，不写入任何文件。"),
            self,
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        layout.addWidget(intro)
        form = QFormLayout()
        self.host_edit = QLineEdit(self)
        self.host_edit.setPlaceholderText(self.tr("例如 central.example.com 或 10.0.0.5"))
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit(self)
        self.user_edit = QLineEdit(self)
        self.user_edit.setPlaceholderText(self.tr("例如 ws_branch_0101"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.ssl_combo = QComboBox(self)
        ssl_labels = {
            "disable": self.tr("不加密（仅限内网测试）"),
            "allow": self.tr("服务器要求时加密"),
            "prefer": self.tr("优先加密（默认）"),
            "require": self.tr("必须加密"),
            "verify-ca": self.tr("必须加密并校验证书"),
            "verify-full": self.tr("必须加密并校验证书与主机名"),
        }
        for mode in SSL_MODES:
            self.ssl_combo.addItem(f"{ssl_labels[mode]}  ({mode})", mode)
        self.interval_spin = QSpinBox(self)
        self.interval_spin.setRange(MIN_INTERVAL_S, MAX_INTERVAL_S)
        self.interval_spin.setSuffix(self.tr(" 秒"))
        form.addRow(self.tr("主机"), self.host_edit)
        form.addRow(self.tr("端口"), self.port_spin)
        form.addRow(self.tr("数据库名"), self.database_edit)
        form.addRow(self.tr("用户名"), self.user_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        form.addRow(self.tr("传输加密"), self.ssl_combo)
        form.addRow(self.tr("自动同步间隔"), self.interval_spin)
        layout.addLayout(form)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("centralSettingsMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("测试连接"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def _connect_signals(self) -> None:
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)

    # --- state ------------------------------------------------------------------------------

    def settings(self) -> CentralSettings:
        """What is on screen (not yet validated)."""
        return CentralSettings(
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip(),
            sslmode=str(self.ssl_combo.currentData()),
            interval_s=self.interval_spin.value(),
        )

    def _loaded(self, loaded: tuple[CentralSettings, bool | None]) -> None:
        settings, stored = loaded
        self.host_edit.setText(settings.host)
        self.port_spin.setValue(settings.port)
        self.database_edit.setText(settings.database)
        self.user_edit.setText(settings.user)
        self.ssl_combo.setCurrentIndex(max(0, self.ssl_combo.findData(settings.sslmode)))
        self.interval_spin.setValue(settings.interval_s)
        if stored:
            self.password_edit.setPlaceholderText(self.tr("已保存在系统密钥环（留空则不修改）"))
        elif stored is None:
            self.password_edit.setPlaceholderText(self.tr("本机没有可用的系统密钥环"))
            self._say(self._keyring_text(), error=True)
        else:
            self.password_edit.setPlaceholderText(self.tr("尚未保存密码"))
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.test_button, self.save_button):
            widget.setEnabled(not busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("role", "error" if error else "hint")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)

    def _keyring_text(self) -> str:
        return self.tr(
            "本机没有可用的系统密钥环，无法安全保存密码。Windows 上请确认“凭据管理器”服务已启动；"
            "Linux 上需要 Secret Service（如 GNOME 密钥环）。其他设置仍可保存，密码请联系信息技术部配置。"
        )

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, errors.KeyringUnavailable):
            self._say(self._keyring_text(), error=True)
        elif isinstance(exc, errors.WorkstationError):
            self._say(exc.message(self.context.lang), error=True)
        else:
            self.context.presenter.show(exc, self)

    def _checked(self) -> CentralSettings | None:
        try:
            return self.settings().checked()
        except errors.UserError as exc:
            self._say(exc.message(self.context.lang), error=True)
            return None

    # --- actions ----------------------------------------------------------------------------

    def test_connection(self) -> None:
        """Connect once with the settings on screen (the typed password, else the keyring's)."""
        settings = self._checked()
        if settings is None:
            return
        password = self.password_edit.text() or None
        self._set_busy(True)
        self._say(self.tr("正在连接 %1 …").replace("%1", settings.display()))

        def done(check: ConnectionCheck) -> None:
            self._set_busy(False)
            text = (
                self.tr("连接成功：账号 %1，PostgreSQL %2。")
                .replace("%1", check.user)
                .replace("%2", check.server_version)
            )
            if not check.initialised:
                text += self.tr("但该数据库尚未初始化为中心库（请总部运行 workstation-cli central init）。")
            self._say(text, error=not check.initialised)
            self.sig_check_did_finish.emit(check)

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            self.sig_check_did_finish.emit(exc)

        network_runner().run(lambda: check_connection(settings, password), done, failed, owner=self)

    def save(self) -> None:
        """Save the settings (database), then the typed password (keyring); close when both worked."""
        settings = self._checked()
        if settings is None:
            return
        password = self.password_edit.text()
        store, actor = self.context.store, self.context.actor
        self._set_busy(True)
        self._say(self.tr("正在保存…"))

        def saved(clean: CentralSettings) -> None:
            if not password:
                self._finish(clean)
                return

            def keyring_failed(exc: BaseException) -> None:
                self._failed(exc)
                if isinstance(exc, errors.KeyringUnavailable):
                    self._say(self.tr("连接设置已保存，但密码未保存。") + self._keyring_text(), error=True)
                    self.sig_settings_did_save.emit(clean)

            network_runner().run(
                lambda: store_password(clean, password), lambda _r: self._finish(clean), keyring_failed, owner=self
            )

        self.context.tasks.run(
            lambda: save_settings(store, actor, settings), saved, self._failed, writes=True, owner=self
        )

    def _finish(self, settings: CentralSettings) -> None:
        self.password_edit.clear()
        self._set_busy(False)
        self.sig_settings_did_save.emit(settings)
        self.accept()


def open_settings_dialog(context: SessionContext, controller: SyncController, parent: QWidget) -> CentralSettingsDialog:
    """Open the dialog (window-modal); a successful save starts a sync cycle at once."""
    dialog = CentralSettingsDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.sig_settings_did_save.connect(lambda _settings: controller.sync_now())
    dialog.open()
    return dialog
