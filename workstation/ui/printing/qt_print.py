"""Printing through Qt's print system: the PDF's pages rendered with QtPdf onto a ``QPrinter``.

:class:`QtPrintBackend` is a :class:`~workstation.printing.spool.PrintBackend` that reaches
whatever Qt reaches: the Windows spooler (GDI) on Windows, CUPS on Linux and macOS. Each page is
rendered at the printer's resolution (capped at :data:`MAX_DPI`: an A4 page at 300 dpi is already
35 MB of ARGB) and drawn full page, one page at a time; paper size, copies and duplex go to
the printer. Raster output means the printed page has no text layer (docs/tech-notes.md §3) — paper does
not care, a PDF queue does.

Job status: Qt does not return a job id. Where CUPS runs, the job is found afterwards as the new
job of this user on the queue (``lpstat``), so status and waiting work as with
:class:`~workstation.printing.spool.CupsBackend`; on Windows the reference is ``qt:<printer>:<n>``
and the job counts as completed once the spooler took it (what the Windows API tells without
pywin32).

Threads: ``QPrinter`` and ``QImage`` may be painted on from a worker thread (Qt's "Threads and
QObjects": QPainter on QImage, QPrinter and QPicture is allowed outside the GUI thread), so
:meth:`QtPrintBackend.submit` runs in the task runner like every other print.
"""

from __future__ import annotations

import getpass
import itertools
import shutil
import sys
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from workstation import errors
from workstation.printing import spool

MAX_DPI = 300
"""Pages are rendered at the printer's resolution up to this (memory: one page at a time)."""
MEDIA = {"A4": QPageSize.PageSizeId.A4, "A5": QPageSize.PageSizeId.A5, "A3": QPageSize.PageSizeId.A3}
_counter = itertools.count(1)


@dataclass(frozen=True)
class PrintSettings:
    """What goes to the printer besides the pages."""

    title: str
    copies: int = 1
    media: str | None = "A4"
    duplex: bool = False
    resolution: int | None = None
    """Dots per inch to render at; None: the printer's, at most :data:`MAX_DPI`."""


def configure(printer: QPrinter, settings: PrintSettings, first_page: QSizeF) -> None:
    """Title, copies, paper (``media``, else the PDF's first page), orientation, duplex, resolution.

    Duplex is asked for only where the printer offers it (its PPD or Windows driver says so).
    """
    printer.setDocName(spool.job_title(settings.title))
    printer.setCopyCount(settings.copies)
    printer.setFullPage(True)
    if settings.duplex:
        offered = (
            QPrinterInfo.printerInfo(printer.printerName()).supportedDuplexModes() if printer.printerName() else []
        )
        if QPrinter.DuplexMode.DuplexLongSide in offered:
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    size_id = MEDIA.get(settings.media or "")
    page_size = QPageSize(size_id) if size_id is not None else QPageSize(first_page.toSize(), QPageSize.Unit.Point)
    landscape = first_page.width() > first_page.height()
    printer.setPageSize(page_size)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    printer.setResolution(settings.resolution or min(printer.resolution(), MAX_DPI))


def paint_pdf(pdf: bytes, printer: QPrinter, settings: PrintSettings) -> int:
    """Render every page of ``pdf`` onto ``printer`` (full page, at its resolution); returns pages.

    Raises:
        PrinterRefused: the PDF cannot be read or the printer cannot be opened.
    """
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    name = printer.printerName() or printer.outputFileName()
    try:
        if document.status() is not QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise errors.PrinterRefused(printer=name, detail="PDF 无法读取")
        configure(printer, settings, document.pagePointSize(0))
        painter = QPainter()
        if not painter.begin(printer):
            raise errors.PrinterRefused(printer=name, detail="打印机无法开始打印")
        try:
            for index in range(document.pageCount()):
                if index:
                    printer.newPage()
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(target, _on_white(document.render(index, QSize(target.width(), target.height()))))
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()
        buffer.close()


def _on_white(image: QImage) -> QImage:
    """The page on opaque white: QtPdf renders a page without a background as transparent, which a
    PDF spool would carry as an extra soft mask per page. One page in memory at a time."""
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    over = QPainter(page)
    over.drawImage(0, 0, image)
    over.end()
    return page


def printer_state(info: QPrinterInfo) -> tuple[bool, str]:
    state = info.state()
    if state is QPrinter.PrinterState.Error:
        return False, "error"
    if state is QPrinter.PrinterState.Aborted:
        return False, "aborted"
    return True, "printing" if state is QPrinter.PrinterState.Active else "idle"


@dataclass
class QtPrintBackend:
    """Qt's print system as a :class:`~workstation.printing.spool.PrintBackend` (see the module)."""

    duplex: bool = False
    resolution: int | None = None
    cups: spool.CupsBackend | None = field(default=None)
    """Used for job status where CUPS runs; found automatically on Linux/macOS."""
    name: str = "qt"

    def __post_init__(self) -> None:
        if self.cups is None and not sys.platform.startswith("win") and shutil.which("lpstat"):
            self.cups = spool.CupsBackend()

    def printers(self) -> list[spool.PrinterInfo]:
        """Qt's printers (``QPrinterInfo``), the default first, then by name."""
        default = QPrinterInfo.defaultPrinterName()
        found = []
        for info in QPrinterInfo.availablePrinters():
            enabled, state = printer_state(info)
            found.append(spool.PrinterInfo(info.printerName(), info.printerName() == default, enabled, state))
        return sorted(found, key=lambda p: (not p.is_default, p.name))

    def open_printer(self, printer: str) -> QPrinter:
        """A ``QPrinter`` on the queue named ``printer`` (the one place a real printer is opened).

        Raises:
            PrinterNotFound: Qt does not know that printer. PrinterRefused: refused by the allow-list.
        """
        spool.check_allowed(printer)
        info = QPrinterInfo.printerInfo(printer)
        if info.isNull():
            raise errors.PrinterNotFound(printer=printer[:60])
        qprinter = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        qprinter.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        return qprinter

    def submit(self, pdf: bytes, printer: str, *, title: str, copies: int = 1, media: str | None = "A4") -> str:
        """Print ``pdf`` on ``printer`` through Qt; returns a job reference (CUPS id where possible)."""
        spool.check_copies(copies)
        if not pdf.startswith(b"%PDF-"):
            raise ValueError("not a PDF")
        qprinter = self.open_printer(printer)
        before = self._job_ids(printer)
        settings = PrintSettings(title, copies, media, self.duplex, self.resolution)
        paint_pdf(pdf, qprinter, settings)
        if before is not None:
            new = self._job_ids(printer, mine=True)
            fresh = sorted((new or set()) - before, key=lambda ref: int(ref.rpartition("-")[2]))
            if fresh:
                return fresh[-1]
        return f"qt:{printer}:{next(_counter)}"

    def _job_ids(self, printer: str, *, mine: bool = False) -> set[str] | None:
        """Every job id CUPS lists for ``printer`` (None without CUPS or for a non-CUPS name)."""
        if self.cups is None:
            return None
        try:
            spool.check_printer_name(printer)
            return self.cups.job_ids(printer, user=getpass.getuser() if mine else None)
        except errors.PrintError:
            return None

    def status(self, job_ref: str) -> spool.JobStatus:
        if job_ref.startswith("qt:") or self.cups is None:
            return spool.JobStatus(job_ref, spool.JobState.COMPLETED, "已交给系统打印队列")
        return self.cups.status(job_ref)

    def wait(self, job_ref: str, timeout: float, *, poll: float = 0.2) -> spool.JobStatus:
        if job_ref.startswith("qt:") or self.cups is None:
            return self.status(job_ref)
        return self.cups.wait(job_ref, timeout, poll=poll)


def install() -> None:
    """Make :func:`workstation.printing.spool.default_backend` able to return the Qt backend."""
    spool.register_qt_backend(QtPrintBackend)
