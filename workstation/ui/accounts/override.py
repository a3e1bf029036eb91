"""主管审批: a supervisor, on the spot, lets an application whose online identity check said
"inconsistent" go on — with their own staff number and password and a reason, both audited."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.domain import Role

if TYPE_CHECKING:
    from workstation.ui.context import SessionContext


class SupervisorOverrideDialog(QDialog):
    """Staff number, password and reason of the approving supervisor (never the clerk)."""

    def __init__(
        self, context: SessionContext, application_id: uuid.UUID, refusal: errors.WorkstationError, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.application_id = application_id
        self.setWindowTitle(self.tr("主管审批"))
        intro = QLabel(refusal.message(context.lang), self)
        intro.setWordWrap(True)
        self.staff_no = QLineEdit(self)
        self.staff_no.setObjectName("overrideStaffNo")
        self.password = QLineEdit(self)
        self.password.setObjectName("overridePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText(self.tr("如：已人工比对证件照片与本人，系统照片陈旧"))
        self.reason.setFixedHeight(64)
        form = QFormLayout()
        form.addRow(self.tr("主管工号"), self.staff_no)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("审批原因"), self.reason)
        self.message = QLabel(self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("审批通过并提交"))
        self.buttons.accepted.connect(self.approve)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def approve(self) -> None:
        from workstation.accounts import identity_check as ic
        from workstation.services import auth

        store, identity = self.context.store, self.context.identity
        staff_no, password = self.staff_no.text(), self.password.text()
        reason, app_id = self.reason.toPlainText(), self.application_id

        def run() -> None:
            supervisor = auth.login(store, identity.branch_id, staff_no, password, identity.workstation_id)
            if not supervisor.has_any((Role.SUPERVISOR,)):
                raise errors.PermissionDenied(role=supervisor.role_label, action="审批联网核查不一致")
            with store.write() as session:
                ic.override(session, supervisor, app_id, reason)

        self.buttons.setEnabled(False)
        self.context.tasks.run(run, lambda _r: self.accept(), self._refused, writes=True, owner=self)

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        if isinstance(exc, errors.WorkstationError):
            self.message.setText(exc.message(self.context.lang))
        else:
            self.context.presenter.show(exc, self)
