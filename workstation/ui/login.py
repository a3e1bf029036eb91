"""The login dialog: staff number and password, checked off the GUI thread.

The dialog is shown before the database is open (so the clerk can start typing at once);
:meth:`LoginDialog.attach` hands it the store when it is ready. A refused login (wrong password,
remaining attempts, locked until…) is shown inline, in the service's own words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.services.actor import Actor
from workstation.ui.about import version_text

if TYPE_CHECKING:
    from workstation.services.identity import Identity
    from workstation.store import Store
    from workstation.ui.errors import ErrorPresenter
    from workstation.ui.tasks import TaskRunner


def check_login(store: Store, identity: Identity, staff_no: str, password: str) -> Actor:
    """The service call (on the write thread: a failed attempt is recorded)."""
    from workstation.services import auth

    return auth.login(store, identity.branch_id, staff_no, password, identity.workstation_id)


class LoginDialog(QDialog):
    """Asks for a staff number and password; emits :attr:`sig_logged_in` with the Actor."""

    sig_logged_in = Signal(object)
    """Emitted with the :class:`~workstation.services.actor.Actor` after a successful login."""

    def __init__(self, tasks: TaskRunner, presenter: ErrorPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.presenter = presenter
        self.store: Store | None = None
        self.identity: Identity | None = None
        self._waiting_to_submit = False
        self._busy = False
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("证券营业部前台工作站 — 登录"))
        self._build()
        self._connect_signals()
        self._update_buttons()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        banner = QFrame(self)
        banner.setObjectName("loginBanner")
        banner_layout = QVBoxLayout(banner)
        banner_layout.setContentsMargins(32, 22, 32, 20)
        self.app_title = QLabel(self.tr("证券营业部前台工作站"), banner)
        self.app_title.setProperty("role", "title")
        self.branch_label = QLabel(self.tr("正在打开数据库…"), banner)
        self.branch_label.setProperty("role", "lead")
        self.version_label = QLabel(version_text(), banner)
        self.version_label.setObjectName("appVersion")
        banner_layout.addWidget(self.app_title)
        banner_layout.addWidget(self.branch_label)
        banner_layout.addWidget(self.version_label)
        outer.addWidget(banner)

        body = QVBoxLayout()
        body.setContentsMargins(32, 24, 32, 24)
        body.setSpacing(14)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(14)
        self.staff_edit = QLineEdit(self)
        self.staff_edit.setObjectName("staffNo")
        self.staff_edit.setPlaceholderText(self.tr("例如 C001"))
        self.staff_edit.setMaxLength(20)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(128)
        form.addRow(self.tr("工号"), self.staff_edit)
        form.addRow(self.tr("密码"), self.password_edit)
        body.addLayout(form)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("loginError")
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        body.addWidget(self.error_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.quit_button = QPushButton(self.tr("退出"), self)
        self.quit_button.setAutoDefault(False)
        self.login_button = QPushButton(self.tr("登录"), self)
        self.login_button.setProperty("role", "primary")
        self.login_button.setDefault(True)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.login_button)
        body.addLayout(buttons)
        outer.addLayout(body)
        self.setMinimumWidth(520)
        self.staff_edit.setFocus()

    def _connect_signals(self) -> None:
        self.login_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)
        self.staff_edit.textChanged.connect(self._update_buttons)
        self.password_edit.textChanged.connect(self._update_buttons)

    # --- state ------------------------------------------------------------------------------

    def attach(self, store: Store, identity: Identity) -> None:
        """The database is open: show the branch and, if the clerk already pressed Enter, log in."""
        self.store, self.identity = store, identity
        self.branch_label.setText(identity.branch_name)
        self._update_buttons()
        if self._waiting_to_submit:
            self._waiting_to_submit = False
            self._set_busy(False)
            self.submit()

    def reset(self) -> None:
        """Ready for the next member of staff: empty fields, no message."""
        self.staff_edit.clear()
        self.password_edit.clear()
        self.error_label.hide()
        self._set_busy(False)
        self.staff_edit.setFocus()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.staff_edit.setEnabled(not busy)
        self.password_edit.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.login_button.setEnabled(not self._busy)
        self.login_button.setText(self.tr("正在验证…") if self._busy else self.tr("登录"))

    # --- logging in -------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the entered staff number and password (Enter or the 登录 button)."""
        if self._busy:
            return
        staff_no = self.staff_edit.text().strip()
        password = self.password_edit.text()
        if not staff_no:
            self.show_error(self.tr("请输入工号。"))
            self.staff_edit.setFocus()
            return
        if not password:
            self.password_edit.setFocus()
            return
        if self.store is None or self.identity is None:
            self._waiting_to_submit = True
            self._set_busy(True)
            return
        self.error_label.hide()
        self._set_busy(True)
        store, identity = self.store, self.identity
        self.tasks.run(
            lambda: check_login(store, identity, staff_no, password),
            on_success=self._logged_in,
            on_failure=self._refused,
            writes=True,
            owner=self,
        )

    def _logged_in(self, actor: Actor) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        self.sig_logged_in.emit(actor)

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.password_edit.clear()
        if isinstance(exc, errors.UserError):
            self.show_error(exc.message(self.presenter.lang))
            self.password_edit.setFocus()
        else:
            self.presenter.show(exc, self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc must not quit the workstation by accident; the 退出 button does that.
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)
