"""Idle lock: counter screens face the public, so an unattended screen hides itself.

:class:`IdleWatcher` filters the application's input events and fires after a quiet period;
:class:`LockScreen` is what covers the window until the same member of staff types their password
(checked by ``services.auth.verify_unlock``, failures counted like a login) or someone chooses
"switch user".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from workstation.services.actor import Actor

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Fires :attr:`sig_idle` after ``timeout_ms`` without keyboard, mouse or touch input."""

    sig_idle = Signal()
    """The quiet period has passed."""

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, timeout_ms))
        self._timer.timeout.connect(self.sig_idle)
        self._installed = False

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        """Watch the whole application's input from now on."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()  # restart the quiet period
        return False


class LockScreen(QWidget):
    """Covers the window: the locked-out staff member's password, or switch user."""

    sig_unlock_requested = Signal(str)
    """The clerk entered a password to unlock (payload: the password)."""
    sig_switch_user_requested = Signal()
    """The clerk wants to return to the login dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        self.title = QLabel(self.tr("屏幕已锁定"), self)
        self.title.setProperty("role", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.who = QLabel(self)
        self.who.setProperty("role", "lead")
        self.who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.title)
        outer.addWidget(self.who)
        outer.addSpacing(18)

        row = QHBoxLayout()
        row.addStretch(1)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("unlockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("输入密码解锁"))
        self.password_edit.setMinimumWidth(320)
        self.unlock_button = QPushButton(self.tr("解锁"), self)
        self.unlock_button.setProperty("role", "primary")
        row.addWidget(self.password_edit)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        outer.addLayout(row)

        self.error_label = QLabel(self)
        self.error_label.setProperty("role", "error")
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        error_row = QHBoxLayout()
        error_row.addStretch(1)
        error_row.addWidget(self.error_label, 3)
        error_row.addStretch(1)
        outer.addLayout(error_row)

        switch_row = QHBoxLayout()
        switch_row.addStretch(1)
        self.switch_button = QPushButton(self.tr("切换用户"), self)
        switch_row.addWidget(self.switch_button)
        switch_row.addStretch(1)
        outer.addSpacing(10)
        outer.addLayout(switch_row)
        outer.addStretch(3)

    def _connect_signals(self) -> None:
        self.unlock_button.clicked.connect(self._request_unlock)
        self.password_edit.returnPressed.connect(self._request_unlock)
        self.switch_button.clicked.connect(self.sig_switch_user_requested)

    def prepare(self, actor: Actor) -> None:
        """Show whose screen this is, with an empty password field."""
        self.who.setText(
            self.tr("%1（工号 %2）离开了工作站。请输入密码继续。")
            .replace("%1", actor.name)
            .replace("%2", actor.staff_no)
        )
        self.password_edit.clear()
        self.error_label.hide()
        self.set_busy(False)
        self.password_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.password_edit.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _request_unlock(self) -> None:
        password = self.password_edit.text()
        if password and self.unlock_button.isEnabled():
            self.sig_unlock_requested.emit(password)
