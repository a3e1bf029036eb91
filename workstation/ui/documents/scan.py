"""The scan station: a USB scanner types a form's QR code (its number) and Enter; the form moves on.

The box keeps the focus, clears itself after every scan and shows the new paper status in large
type (or, in red, why nothing was recorded), so a clerk scanning a pile of signed forms can
watch the screen from the corner of an eye. What the scanner typed is checked on the GUI thread
first (:func:`~workstation.services.paper.parse_scan` is pure), so garbage, control characters
and empty scans never reach the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from workstation import errors
from workstation.domain import PaperStatus
from workstation.services import documents, paper
from workstation.ui.documents.models import status_of, status_text

if TYPE_CHECKING:
    from workstation.services.paper import PaperMove
    from workstation.ui.context import SessionContext

STATION_TARGETS: tuple[tuple[PaperStatus | None, str], ...] = (
    (None, str(QT_TRANSLATE_NOOP("ScanStation", "下一步（按单据当前状态）"))),
    (PaperStatus.SIGNED, str(QT_TRANSLATE_NOOP("ScanStation", "签字回收（→ 已签字）"))),
    (PaperStatus.SCANNED, str(QT_TRANSLATE_NOOP("ScanStation", "影像扫描（→ 已扫描）"))),
    (PaperStatus.SENT, str(QT_TRANSLATE_NOOP("ScanStation", "寄送总部（→ 已寄送总部）"))),
    (PaperStatus.ARCHIVED, str(QT_TRANSLATE_NOOP("ScanStation", "归档（→ 已归档）"))),
)
"""What this station records: the next step whatever it is, or one fixed step (refuses others)."""


def record_scan(context: SessionContext, text: str, target: PaperStatus | None) -> PaperMove:
    """Move the scanned document one step (worker thread, one write transaction)."""
    with context.store.write() as session:
        return paper.advance_paper(session, context.actor, text, target=target)


class ScanStation(QFrame):
    """Scan box, station choice, and the last result shown big."""

    sig_moved = Signal(object)
    """A scan moved a document (payload: :class:`~workstation.services.paper.PaperMove`)."""
    sig_refused = Signal(object)
    """A scan recorded nothing (payload: the :class:`~workstation.errors.WorkstationError`)."""
    sig_open_requested = Signal(str)
    """The clerk asked to preview the document whose number is in the box (payload: the number)."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setProperty("role", "card")
        self.setObjectName("scanStation")
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(self.tr("扫码登记纸质件"), self)
        heading.setProperty("role", "section")
        layout.addWidget(heading)
        self.scan_edit = QLineEdit(self)
        self.scan_edit.setObjectName("scanBox")
        self.scan_edit.setPlaceholderText(self.tr("扫描单据二维码，或输入单据编号后按回车"))
        self.scan_edit.setMaxLength(200)
        layout.addWidget(self.scan_edit)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("本工位登记为"), self))
        self.target_combo = QComboBox(self)
        for target, label in STATION_TARGETS:
            self.target_combo.addItem(QCoreApplication.translate("ScanStation", label), target)
        row.addWidget(self.target_combo, 1)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.record_button = QPushButton(self.tr("登记"), self)
        self.record_button.setProperty("role", "primary")
        self.open_button = QPushButton(self.tr("预览/补打"), self)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result_label = QLabel(self.tr("等待扫码"), self)
        self.result_label.setObjectName("scanResult")
        self.result_label.setProperty("state", "idle")
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("scanDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.result_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.scan_edit.returnPressed.connect(self.submit)
        self.record_button.clicked.connect(self.submit)
        self.open_button.clicked.connect(self._open)

    def target(self) -> PaperStatus | None:
        return status_of(self.target_combo.currentData())

    def submit(self) -> None:
        """Record what is in the box (the scanner's Enter lands here)."""
        text = self.scan_edit.text()
        self.scan_edit.clear()
        self.scan_edit.setFocus()
        try:
            number = paper.parse_scan(text)
        except errors.ScanInvalid as exc:
            self._refused(exc)
            return
        target = self.target()
        self.detail_label.setText(self.tr("正在登记 %1 …").replace("%1", number))
        context = self.context
        context.tasks.run(
            lambda: record_scan(context, number, target), self._moved, self._failed, writes=True, owner=self
        )

    def _open(self) -> None:
        text = self.scan_edit.text()
        try:
            number = paper.parse_scan(text)
        except errors.ScanInvalid as exc:
            self._refused(exc)
            return
        self.scan_edit.clear()
        self.sig_open_requested.emit(number)

    def _moved(self, move: PaperMove) -> None:
        self._show(status_text(move.current), "ok")
        doc = move.document
        detail = self.tr("%1 %2：%3 → %4")
        for key, value in (("%1", doc.doc_no), ("%2", doc.title), ("%3", status_text(move.previous))):
            detail = detail.replace(key, value)
        detail = detail.replace("%4", status_text(move.current))
        if doc.client_name:
            detail += "\n" + self.tr("客户：%1").replace("%1", doc.client_name)
        self.detail_label.setText(detail)
        self.sig_moved.emit(move)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, errors.WorkstationError):
            self._refused(exc)
        else:
            self._show(self.tr("未登记"), "error")
            self.detail_label.clear()
            self.context.presenter.show(exc, self)

    def _refused(self, exc: errors.WorkstationError) -> None:
        self._show(self.tr("未登记"), "error")
        self.detail_label.setText(exc.message(self.context.lang))
        self.sig_refused.emit(exc)

    def _show(self, text: str, state: str) -> None:
        self.result_label.setText(text)
        self.result_label.setProperty("state", state)
        self.result_label.style().unpolish(self.result_label)
        self.result_label.style().polish(self.result_label)


def may_record_paper(context: SessionContext) -> bool:
    return context.actor.has_any(paper.PAPER_ROLES)


def may_correct_paper(context: SessionContext) -> bool:
    return context.actor.has_any(documents.CORRECT_ROLES)
