"""A supervisor sets a document's paper status explicitly (lost scan, wrong station), with a reason.

The service decides what is allowed (one step forward needs no reason; going back or skipping
does); its refusal is shown in the dialog, which stays open so the supervisor can add the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from workstation import errors
from workstation.domain import PaperStatus
from workstation.services import paper
from workstation.ui.documents.models import status_of, status_text

if TYPE_CHECKING:
    from workstation.services.documents import DocumentView
    from workstation.services.paper import PaperMove
    from workstation.ui.context import SessionContext

REASON_MAX = 200


def change_status(context: SessionContext, document: DocumentView, status: PaperStatus, reason: str) -> PaperMove:
    """Worker thread: the supervisor's correction, in one write transaction."""
    with context.store.write() as session:
        return paper.set_paper_status(session, context.actor, document.document_id, status, reason=reason)


class StatusChangeDialog(QDialog):
    """Choose the new paper status and say why."""

    sig_changed = Signal(object)
    """The status was changed (payload: :class:`~workstation.services.paper.PaperMove`)."""

    def __init__(self, context: SessionContext, document: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.document = document
        self.setWindowTitle(self.tr("更改纸质件状态"))
        layout = QVBoxLayout(self)
        intro = QLabel(f"{document.doc_no} {document.title}", self)
        intro.setProperty("role", "section")
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow(self.tr("当前状态"), QLabel(status_text(document.paper_status), self))
        self.status_combo = QComboBox(self)
        for status in paper.PAPER_STEPS:
            if status is not document.paper_status:
                self.status_combo.addItem(status_text(status), status)
        following = self._following()
        if following is not None:
            self.status_combo.setCurrentIndex(self.status_combo.findData(following))
        form.addRow(self.tr("改为"), self.status_combo)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(REASON_MAX)
        self.reason_edit.setPlaceholderText(self.tr("回退或跳过步骤时必填，例如：扫描件丢失需重扫"))
        form.addRow(self.tr("原因"), self.reason_edit)
        layout.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确认更改"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _following(self) -> PaperStatus | None:
        steps = paper.PAPER_STEPS
        current = self.document.paper_status
        if current is PaperStatus.TO_PRINT:
            current = PaperStatus.PRINTED  # a printed sheet is what a correction is about
        if current in steps[:-1]:
            return steps[steps.index(current) + 1]
        return None

    def chosen(self) -> PaperStatus | None:
        return status_of(self.status_combo.currentData())

    def submit(self) -> None:
        status = self.chosen()
        if status is None:
            return
        context, document, reason = self.context, self.document, self.reason_edit.text()
        self.ok_button.setEnabled(False)
        op = lambda: change_status(context, document, status, reason)  # noqa: E731
        self.context.tasks.run(op, self._changed, self._failed, writes=True, owner=self)

    def _changed(self, move: PaperMove) -> None:
        self.sig_changed.emit(move)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, errors.WorkstationError):
            self.error_label.setText(exc.message(self.context.lang))
            self.error_label.show()
        else:
            self.context.presenter.show(exc, self)
