"""Changing one's own password (services.auth.change_password, on the write thread)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation import errors

if TYPE_CHECKING:
    from workstation.services.actor import Actor
    from workstation.store import Store
    from workstation.ui.context import SessionContext


def change_own_password(store: Store, actor: Actor, old: str, new: str) -> None:
    """The service call, in its own write transaction."""
    from workstation.services import auth

    with store.write() as session:
        auth.change_password(session, actor, old, new)


class ChangePasswordDialog(QDialog):
    """Old password, new password twice; the service decides whether the new one is strong enough."""

    sig_password_changed = Signal()
    """The new password has been saved."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("修改密码"))
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        heading = QLabel(self.tr("修改 %1 的登录密码").replace("%1", self.context.actor.name), self)
        heading.setProperty("role", "section")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.old_edit = self._password_field("oldPassword")
        self.new_edit = self._password_field("newPassword")
        self.repeat_edit = self._password_field("repeatPassword")
        form.addRow(self.tr("原密码"), self.old_edit)
        form.addRow(self.tr("新密码"), self.new_edit)
        form.addRow(self.tr("再次输入新密码"), self.repeat_edit)
        layout.addLayout(form)
        hint = QLabel(self.tr("新密码至少 8 位，须同时包含字母和数字。"), self)
        hint.setProperty("role", "hint")
        layout.addWidget(hint)
        self.error_label = QLabel(self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()  # same order as the login dialog: cancel, then the main action
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.setAutoDefault(False)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setProperty("role", "primary")
        self.save_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

    def _password_field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def submit(self) -> None:
        old, new, repeat = self.old_edit.text(), self.new_edit.text(), self.repeat_edit.text()
        if not old or not new:
            self.show_error(self.tr("请填写原密码和新密码。"))
            return
        if new != repeat:
            self.show_error(self.tr("两次输入的新密码不一致。"))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return
        self.save_button.setEnabled(False)
        store, actor = self.context.store, self.context.actor
        self.context.tasks.run(
            lambda: change_own_password(store, actor, old, new),
            on_success=self._saved,
            on_failure=self._refused,
            writes=True,
            owner=self,
        )

    def _saved(self, _result: object) -> None:
        self.save_button.setEnabled(True)
        self.sig_password_changed.emit()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, errors.UserError):
            self.show_error(exc.message(self.context.lang))
        else:
            self.context.presenter.show(exc, self)
