"""Qt's print path (QtPdf pages onto a QPrinter): to a PDF file, then for real to the cups-pdf queue.

The Qt path rasterises (one image per page), so what comes out of cups-pdf has pages but no text:
these tests read back the page count, the paper size and the ink on each page (QtPdf renders),
not text. Text read-back is the vector path's test (tests/printing/test_cups.py). Every print runs
on a worker thread, as in the app.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from workstation import errors
from workstation.forms.catalog import FORMS, PACKAGE_CODE
from workstation.printing import render, spool
from workstation.ui.printing import qt_print

QUEUE = "PDF"


@pytest.fixture
def outputs() -> Iterator[list[Path]]:
    """Files cups-pdf wrote for a test, removed afterwards."""
    made: list[Path] = []
    yield made
    for path in made:
        path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def package_pdf() -> bytes:
    return render.render_code(PACKAGE_CODE, render.sample_data(PACKAGE_CODE))


def in_thread(func: Callable[[], Any]) -> Any:
    """Run ``func`` on a worker thread (as the task runner does); return or raise its outcome."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(120)
    if "error" in box:
        raise box["error"]
    return box["value"]


def inked_pages(path: Path) -> list[float]:
    """Per page, the share of pixels darker than mid-grey, rendered by QtPdf at about 30 dpi on white."""
    document = QPdfDocument()
    document.load(str(path))
    shares = []
    for index in range(document.pageCount()):
        size = document.pagePointSize(index).toSize() * (30 / 72)
        image = document.render(index, size).convertToFormat(QImage.Format.Format_ARGB32)
        rgba = Image.frombytes("RGBA", (image.width(), image.height()), bytes(image.constBits()), "raw", "BGRA",
                               image.bytesPerLine())  # fmt: skip
        page = Image.new("RGBA", rgba.size, "white")
        page.alpha_composite(rgba)  # a PDF page without a background renders transparent
        gray = page.convert("L")
        shares.append(sum(gray.histogram()[:128]) / (gray.width * gray.height))
    document.close()
    return shares


def file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # never the default queue
    printer.setOutputFileName(str(path))
    return printer


def test_every_page_is_painted_full_page_at_the_asked_resolution(qapp, tmp_path: Path, package_pdf: bytes) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "qt.pdf"
    printer = file_printer(out)
    settings = qt_print.PrintSettings("开户资料包", copies=1, media="A4", resolution=100)
    pages = in_thread(lambda: qt_print.paint_pdf(package_pdf, printer, settings))
    reader = PdfReader(out)
    assert pages == len(reader.pages) == len(PdfReader(io.BytesIO(package_pdf)).pages) == 5
    assert printer.resolution() == 100 and printer.docName() == "开户资料包"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    assert all(share > 0.002 for share in inked_pages(out)), "a page came out blank"


def test_paper_size_and_copies_reach_the_printer(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    slip = render.render("appointment", FORMS["appointment"].sample())
    printer = file_printer(tmp_path / "a5.pdf")
    qt_print.paint_pdf(slip, printer, qt_print.PrintSettings("slip", copies=2, media="A5", resolution=72))
    box = PdfReader(tmp_path / "a5.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5
    assert printer.copyCount() == 2


@pytest.fixture
def duplex_queue() -> Iterator[str]:
    """A CUPS queue whose PPD (cups-filters' generic PDF printer) offers duplex; nothing is printed on it."""
    ppd = Path("/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd")
    if not ppd.exists() or subprocess.run(["lpstat", "-r"], capture_output=True).returncode != 0:
        if os.environ.get("WORKSTATION_REQUIRE_CUPS"):
            pytest.fail(f"CUPS or {ppd} missing")
        pytest.skip(f"CUPS or {ppd} missing")
    name = f"cw-test-duplex-{os.getpid()}"
    subprocess.run(["lpadmin", "-p", name, "-E", "-v", "socket://127.0.0.1:9", "-P", str(ppd)], check=True)
    yield name
    subprocess.run(["lpadmin", "-x", name], capture_output=True)


def test_duplex_is_asked_for_where_the_printer_offers_it(qapp, duplex_queue: str) -> None:  # type: ignore[no-untyped-def]
    backend = qt_print.QtPrintBackend(duplex=True)
    settings = qt_print.PrintSettings("t", duplex=True, media="A4")
    page = QSizeF(595, 842)
    duplex = backend.open_printer(duplex_queue)
    qt_print.configure(duplex, settings, page)
    assert duplex.duplex() is QPrinter.DuplexMode.DuplexLongSide
    simplex = backend.open_printer(QUEUE)  # cups-pdf offers no duplex: not asked for
    qt_print.configure(simplex, settings, page)
    assert simplex.duplex() is QPrinter.DuplexMode.DuplexNone
    assert simplex.resolution() == qt_print.MAX_DPI  # cups-pdf says 1200 dpi: capped


def test_a_broken_pdf_is_refused(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.PrinterRefused, match="PDF 无法读取"):
        qt_print.paint_pdf(b"%PDF-1.4 broken", file_printer(tmp_path / "x.pdf"), qt_print.PrintSettings("x"))


def test_the_allow_list_stops_qt_before_a_printer_is_opened(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(QPrinterInfo, "printerInfo", lambda name: opened.append(name))
    assert os.environ[spool.ONLY_TO_ENV].startswith("PDF,cw-test-*")  # set by tests/conftest.py for every test
    with pytest.raises(errors.PrinterRefused, match="Office-Laser"):
        qt_print.QtPrintBackend().submit(b"%PDF-1.4", "Office-Laser", title="t")
    with pytest.raises(errors.PrinterRefused):
        spool.CupsBackend().submit_raw(b"\x1b@", "Office-Slip", title="t")
    assert opened == []


def test_a_process_started_by_a_test_is_guarded_too(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(render.render("appointment", FORMS["appointment"].sample()))
    cli = [sys.executable, "-m", "workstation.printing.cli", "print", str(pdf), "--printer", "Office-Laser"]
    result = subprocess.run(cli, capture_output=True, text=True)
    assert result.returncode == 1 and "不含此打印机" in result.stderr


def test_windows_prints_through_qt_and_linux_through_cups(monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(spool.BACKEND_ENV, raising=False)
    assert spool.backend_choice("win32") == "qt" and spool.backend_choice("linux") == "cups"
    monkeypatch.setattr(sys, "platform", "win32")
    qt_print.install()
    assert isinstance(spool.default_backend(), qt_print.QtPrintBackend)
    monkeypatch.setattr(sys, "platform", "linux")
    assert isinstance(spool.default_backend(), spool.CupsBackend)
    monkeypatch.setenv(spool.BACKEND_ENV, "qt")
    assert isinstance(spool.default_backend(), qt_print.QtPrintBackend)


def test_qt_job_refs_without_cups_count_as_handed_to_the_spooler() -> None:
    backend = qt_print.QtPrintBackend(cups=None)
    backend.cups = None
    assert backend.wait("qt:HP LaserJet:3", 1).state is spool.JobState.COMPLETED


# --- for real: Qt → CUPS → cups-pdf -----------------------------------------------------------------


def test_qt_prints_the_account_package_on_the_cups_pdf_queue(
    qapp, package_pdf: bytes, outputs: list[Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.printing.test_cups import JOB_TIMEOUT, find_output

    backend = qt_print.QtPrintBackend()
    names = [p.name for p in backend.printers()]
    if QUEUE not in names:
        if os.environ.get("WORKSTATION_REQUIRE_CUPS"):
            pytest.fail(f"Qt lists no {QUEUE} queue: {names}")
        pytest.skip(f"no {QUEUE} queue")
    job_ref = in_thread(lambda: backend.submit(package_pdf, QUEUE, title="qt-package", copies=1, media="A4"))
    assert re.fullmatch(rf"{QUEUE}-\d+", job_ref), job_ref
    assert backend.wait(job_ref, JOB_TIMEOUT).state is spool.JobState.COMPLETED
    output = find_output(job_ref)
    outputs.append(output)
    reader = PdfReader(output)
    assert len(reader.pages) == 5
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    shares = inked_pages(output)
    assert all(share > 0.002 for share in shares), shares
    assert "".join(page.extract_text() or "" for page in reader.pages).strip() == ""  # raster: no text layer
