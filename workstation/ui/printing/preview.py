"""The preview/print dialog: QtPdf view of a stored document, printer, copies, 副本, save as PDF.

Every slow step runs through the session's task runner, so the dialog never freezes: rendering
(``documents.render_document``), listing printers (``lpstat``), printing (``print_document``
follows the job for up to :data:`PRINT_WAIT_SECONDS`) and writing the PDF file.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.clock import local
from workstation.printing import spool
from workstation.services import documents

if TYPE_CHECKING:
    from workstation.services.documents import DocumentView, PrintJobView, PrintOutcome
    from workstation.store import Store
    from workstation.ui.context import SessionContext

log = logging.getLogger(__name__)

PRINT_WAIT_SECONDS = 10.0
"""How long a print follows its job; a printer slower than this is shown as still queued."""
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0


@dataclass(frozen=True)
class PreviewData:
    """What the dialog shows: the document, its last original print (if any) and the PDF."""

    document: DocumentView
    original: PrintJobView | None
    original_by: str
    pdf: bytes
    copy: bool


def load_preview(store: Store, document_id: uuid.UUID, copy: bool | None) -> PreviewData:
    """Render the document (worker thread); ``copy=None``: a copy exactly when the original printed."""
    with store.read() as session:
        view = documents.get_document(session, document_id)
        original = documents.original_print(session, document_id)
        names = documents.staff_names(session, {original.printed_by_id}) if original else {}
        as_copy = original is not None if copy is None else copy
        pdf = documents.render_document(session, document_id, copy=as_copy)
    by = names.get(original.printed_by_id, "") if original else ""
    return PreviewData(view, original, by, pdf, as_copy)


def list_printers(backend: spool.PrintBackend) -> list[spool.PrinterInfo]:
    """The print queues, the default first (worker thread)."""
    return backend.printers()


class PrintPreviewDialog(QDialog):
    """Preview a stored document and print it; see :func:`preview_and_print` for the usual call.

    ``backend`` is the printing system (default: the system's, CUPS on Linux); tests pass a fake
    or print to the ``PDF`` queue explicitly. ``wait_seconds`` is how long a print is followed.
    """

    sig_loaded = Signal(object)
    """The document is on screen (payload: :class:`PreviewData`)."""
    sig_printers_loaded = Signal(object)
    """The printer list arrived (payload: list of :class:`~workstation.printing.spool.PrinterInfo`,
    empty when the printing system could not be asked)."""
    sig_printed = Signal(object)
    """A print finished (payload: :class:`~workstation.services.documents.PrintOutcome`, which
    may be ``failed``: printer failures are shown and logged, not raised)."""
    sig_print_refused = Signal(object)
    """The service refused the print before spooling (payload: the exception), e.g. a second original."""
    sig_saved = Signal(object)
    """The PDF was written (payload: its :class:`~pathlib.Path`)."""

    def __init__(
        self,
        context: SessionContext,
        document_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        backend: spool.PrintBackend | None = None,
        wait_seconds: float = PRINT_WAIT_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.document_id = document_id
        self.backend: spool.PrintBackend = backend or spool.default_backend()
        self.wait_seconds = wait_seconds
        self.data: PreviewData | None = None
        self.printing = False
        self._buffer: QBuffer | None = None
        self.setObjectName("printPreview")
        self.setWindowTitle(self.tr("单据预览与打印"))
        self.resize(1100, 800)
        self._build()
        self._connect_signals()
        self.reload()
        self.reload_printers()

    @classmethod
    def for_document(
        cls, context: SessionContext, document_id: uuid.UUID, parent: QWidget | None = None
    ) -> PrintPreviewDialog:
        """A dialog for the document (not yet shown)."""
        return cls(context, document_id, parent)

    # --- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.heading = QLabel(self.tr("正在生成预览…"), self)
        self.heading.setProperty("role", "section")
        self.heading.setWordWrap(True)
        left.addWidget(self.heading)

        bar = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("上一页"), self)
        self.next_button = QPushButton(self.tr("下一页"), self)
        self.page_label = QLabel("—", self)
        self.page_label.setObjectName("previewPage")
        self.zoom_out_button = QPushButton(self.tr("缩小"), self)
        self.zoom_in_button = QPushButton(self.tr("放大"), self)
        self.fit_width_button = QPushButton(self.tr("适合宽度"), self)
        self.zoom_label = QLabel(self)  # the zoom in per cent; empty while fitting the width
        for widget in (self.previous_button, self.next_button, self.page_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button, self.zoom_label):
            bar.addWidget(widget)
        left.addLayout(bar)

        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setMinimumSize(560, 480)
        left.addWidget(self.view, 1)
        layout.addLayout(left, 1)

        side = QVBoxLayout()
        form = QFormLayout()
        self.printer_combo = QComboBox(self)
        self.printer_combo.setMinimumWidth(220)
        self.copies_spin = QSpinBox(self)
        self.copies_spin.setRange(1, spool.MAX_COPIES)
        self.copies_spin.setValue(1)
        form.addRow(self.tr("打印机"), self.printer_combo)
        form.addRow(self.tr("份数"), self.copies_spin)
        side.addLayout(form)
        self.reprint_check = QCheckBox(self.tr("重印 (副本)"), self)
        side.addWidget(self.reprint_check)
        self.original_label = QLabel(self)
        self.original_label.setProperty("role", "hint")
        self.original_label.setWordWrap(True)
        side.addWidget(self.original_label)
        self.print_button = QPushButton(self.tr("打印"), self)
        self.print_button.setProperty("role", "primary")
        self.print_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("另存为 PDF…"), self)
        self.save_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("关闭"), self)
        side.addWidget(self.print_button)
        side.addWidget(self.save_button)
        self.outcome_label = QLabel(self)
        self.outcome_label.setObjectName("printOutcome")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome_label.hide()
        side.addWidget(self.outcome_label)
        side.addStretch(1)
        side.addWidget(self.close_button)
        side_widget = QWidget(self)
        side_widget.setLayout(side)
        side_widget.setFixedWidth(340)
        layout.addWidget(side_widget)

    def _connect_signals(self) -> None:
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page_label())
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.fit_width_button.clicked.connect(self.fit_width)
        self.reprint_check.toggled.connect(self._reprint_toggled)
        self.print_button.clicked.connect(self.print_now)
        self.save_button.clicked.connect(self._choose_save_path)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_now)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, lambda: self.zoom_by(ZOOM_STEP))
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, lambda: self.zoom_by(1 / ZOOM_STEP))

    # --- loading ---------------------------------------------------------------------------

    def reload(self, copy: bool | None = None) -> None:
        """Render the document again (``copy=None``: as the next print will be)."""
        store, document_id = self.context.store, self.document_id
        self.context.tasks.run(
            lambda: load_preview(store, document_id, copy), self._show_preview, self._load_failed, owner=self
        )

    def reload_printers(self) -> None:
        backend = self.backend
        self.context.tasks.run(lambda: list_printers(backend), self._show_printers, self._printers_failed, owner=self)

    def _show_preview(self, data: PreviewData) -> None:
        self.data = data
        doc = data.document
        client = f" · {doc.client_name}" if doc.client_name else ""
        self.heading.setText(f"{doc.title}{client}\n{doc.doc_no}")
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from it: keep it alive
        self._show_page_label()
        self._show_reprint_state(data)
        self.save_button.setEnabled(True)
        self._update_print_button()
        self.sig_loaded.emit(data)

    def _show_reprint_state(self, data: PreviewData) -> None:
        may_print_original = self.context.actor.has_any(documents.CORRECT_ROLES)
        self.reprint_check.blockSignals(True)
        self.reprint_check.setChecked(data.copy)
        self.reprint_check.blockSignals(False)
        if data.original is None:
            self.original_label.setText(self.tr("原件尚未打印。"))
            self.reprint_check.setEnabled(True)
            return
        when = f"{local(data.original.printed_at):%Y-%m-%d %H:%M}"
        text = self.tr("原件已于 %1 由 %2 在 %3 打印，再次打印须为副本。")
        text = text.replace("%1", when).replace("%2", data.original_by or "—").replace("%3", data.original.printer)
        if may_print_original:
            text += self.tr("（主管可取消“重印”再打原件。）")
        self.original_label.setText(text)
        self.reprint_check.setEnabled(may_print_original)

    def _load_failed(self, exc: BaseException) -> None:
        self.heading.setText(self.tr("无法生成预览。"))
        self.context.presenter.show(exc, self)

    def _show_printers(self, printers: list[spool.PrinterInfo]) -> None:
        self.printer_combo.clear()
        for info in printers:
            label = info.name + (self.tr("（默认）") if info.is_default else "")
            if not info.enabled:
                label += self.tr("（已停用）")
            self.printer_combo.addItem(label, info.name)
        default = next((i for i, info in enumerate(printers) if info.is_default), 0)
        if printers:
            self.printer_combo.setCurrentIndex(default)
        else:
            self._show_outcome(self.tr("没有可用的打印机。可以先另存为 PDF。"), "notice-warning")
        self._update_print_button()
        self.sig_printers_loaded.emit(printers)

    def _printers_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, errors.WorkstationError):
            self.context.presenter.show(exc, self)
        else:
            text = self.tr("无法列出打印机：%1").replace("%1", exc.message(self.context.lang))
            self._show_outcome(text, "notice-warning")
        self.sig_printers_loaded.emit([])

    # --- pages and zoom --------------------------------------------------------------------

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count():
            navigator = self.view.pageNavigator()
            navigator.jump(page, QPointF(), navigator.currentZoom())
            self._show_page_label()

    def _show_page_label(self) -> None:
        count = self.page_count()
        page = min(self.current_page(), count - 1) + 1 if count else 0
        self.page_label.setText(self.tr("第 %1 / %2 页").replace("%1", str(page)).replace("%2", str(count)))
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < count)

    def zoom_by(self, factor: float) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() is not QPdfView.ZoomMode.Custom:
            current = self._fitted_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, current * factor)))
        self.zoom_label.setText(f"{self.view.zoomFactor():.0%}")

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.zoom_label.clear()

    def _fitted_zoom(self) -> float:
        """The zoom factor "fit width" shows now (QPdfView does not report it)."""
        if not self.page_count():
            return 1.0
        points = self.pdf.pagePointSize(0).width()
        pixels = points * self.logicalDpiX() / 72.0
        return max(ZOOM_MIN, (self.view.viewport().width() - 20) / pixels) if pixels else 1.0

    # --- printing --------------------------------------------------------------------------

    def selected_printer(self) -> str:
        value = self.printer_combo.currentData()
        return value if isinstance(value, str) else ""

    def select_printer(self, name: str) -> bool:
        """Choose the queue called ``name``; False if it is not listed."""
        index = self.printer_combo.findData(name)
        if index >= 0:
            self.printer_combo.setCurrentIndex(index)
        return index >= 0

    def _update_print_button(self) -> None:
        self.print_button.setEnabled(self.data is not None and bool(self.selected_printer()) and not self.printing)

    def _reprint_toggled(self, checked: bool) -> None:
        if self.data is not None and self.data.copy != checked:
            self.reload(copy=checked)  # the preview shows exactly what will print

    def print_now(self) -> None:
        """Send the document to the chosen printer in the background; the outcome is shown here."""
        printer = self.selected_printer()
        if self.data is None or not printer or self.printing:
            return
        store, actor, document_id = self.context.store, self.context.actor, self.document_id
        copies, reprint = self.copies_spin.value(), self.reprint_check.isChecked()
        backend, wait = self.backend, self.wait_seconds
        self.printing = True
        self._update_print_button()
        self._show_outcome(self.tr("正在发送到 %1 …").replace("%1", printer), "notice-info")

        def op() -> PrintOutcome:
            # Not writes=True: the job is followed for seconds and must not hold up the one
            # writer thread; print_document writes its log in short transactions of its own.
            return documents.print_document(
                store, actor, document_id, printer, copies, reprint=reprint, backend=backend, wait_seconds=wait
            )

        self.context.tasks.run(op, self._printed, self._print_failed, owner=self)

    def _printed(self, outcome: PrintOutcome) -> None:
        self.printing = False
        text, role = self.outcome_text(outcome)
        self._show_outcome(text, role)
        self._update_print_button()
        if outcome.ok:
            self.copies_spin.setValue(1)  # the next print starts from one copy again
        if outcome.ok and not outcome.is_reprint:
            self.reload()  # the next print is a copy: show it marked
        self.sig_printed.emit(outcome)

    def outcome_text(self, outcome: PrintOutcome) -> tuple[str, str]:
        """The clerk's words for a print outcome, and the notice role that colours it."""
        kind = self.tr("副本") if outcome.is_reprint else self.tr("原件")
        params = {"%1": outcome.doc_no, "%2": kind, "%3": str(outcome.copies), "%4": outcome.printer}
        if outcome.status == "completed":
            text, role = self.tr("已打印完成：%1（%2）%3 份，打印机 %4。"), "notice-ok"
        elif outcome.status == "queued":
            text, role = self.tr("已送入打印队列，尚未打完：%1（%2）%3 份，打印机 %4。"), "notice-info"
        elif outcome.status == "sent":
            text, role = self.tr("已发送到打印机 %4：%1（%2）%3 份。"), "notice-info"
        else:
            text, role = self.tr("打印失败：%1（%2），打印机 %4。"), "notice-warning"
        for key, value in params.items():
            text = text.replace(key, value)
        extra = outcome.error or outcome.detail
        if extra:
            text += "\n" + extra
        if outcome.job_ref:
            text += "\n" + self.tr("打印任务：%1").replace("%1", outcome.job_ref)
        return text, role

    def _print_failed(self, exc: BaseException) -> None:
        self.printing = False
        self._update_print_button()
        if isinstance(exc, errors.WorkstationError):
            self._show_outcome(exc.message(self.context.lang), "notice-warning")
        else:
            self.outcome_label.hide()
            self.context.presenter.show(exc, self)
        self.sig_print_refused.emit(exc)

    def _show_outcome(self, text: str, role: str) -> None:
        self.outcome_label.setText(text)
        self.outcome_label.setProperty("role", role)
        self.outcome_label.style().unpolish(self.outcome_label)
        self.outcome_label.style().polish(self.outcome_label)
        self.outcome_label.show()

    # --- saving ----------------------------------------------------------------------------

    def suggested_file_name(self) -> str:
        if self.data is None:
            return "document.pdf"
        suffix = "-副本" if self.data.copy else ""
        return f"{self.data.document.doc_no}{suffix}.pdf"

    def _choose_save_path(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), str(Path.home() / self.suggested_file_name()), self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Write the PDF shown (with its 副本 mark if any) to ``path`` atomically, in the background."""
        if self.data is None:
            return
        from workstation.printing.files import atomic_write_bytes

        pdf = self.data.pdf
        target = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

        def saved(written: Path) -> None:
            self._show_outcome(self.tr("已另存为 %1").replace("%1", str(written)), "notice-ok")
            self.sig_saved.emit(written)

        self.context.tasks.run(lambda: atomic_write_bytes(target, pdf), saved, self._save_failed, owner=self)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            why = exc.strerror or str(exc)
            self._show_outcome(self.tr("无法保存 PDF：%1").replace("%1", why), "notice-warning")
        else:
            self.context.presenter.show(exc, self)


def preview_and_print(
    context: SessionContext,
    document_id: uuid.UUID,
    parent: QWidget | None = None,
    *,
    backend: spool.PrintBackend | None = None,
) -> PrintPreviewDialog:
    """Open the preview/print dialog for a stored document (non-modal) and return it.

    The dialog deletes itself when closed; connect to its ``sig_printed`` to learn each outcome.
    """
    dialog = PrintPreviewDialog(context, document_id, parent, backend=backend)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
