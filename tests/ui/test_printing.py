"""The preview/print dialog: pages shown, printers, copies, 副本 marking, outcomes, save as PDF.

Every test prints either to a :class:`FakeSpooler` injected as the dialog's backend or, in the
CUPS test, to the cups-pdf ``PDF`` queue chosen explicitly; :func:`no_accidental_queue` fails any
other real job.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtPdfWidgets import QPdfView

from workstation import errors
from workstation.printing import spool
from workstation.ui.context import SessionContext
from workstation.ui.printing import PrintPreviewDialog, preview_and_print

from .test_printing_support import (  # noqa: F401 - fixtures
    TEST_QUEUE,
    FakeSpooler,
    clerk_context_fixture,
    create,
    jobs,
    no_accidental_queue_fixture,
    pdf_text,
)

pytestmark = pytest.mark.usefixtures("no_accidental_queue")


def open_dialog(qtbot, context: SessionContext, document_id, backend) -> PrintPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = PrintPreviewDialog(context, document_id, backend=backend)
    qtbot.addWidget(dialog)
    with qtbot.waitSignals([dialog.sig_loaded, dialog.sig_printers_loaded], timeout=10_000):
        pass
    return dialog


def print_and_wait(qtbot, dialog: PrintPreviewDialog, timeout: int = 10_000):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.sig_printed, timeout=timeout) as blocker:
        dialog.print_button.click()
    return blocker.args[0]


def test_preview_shows_the_pages_and_preselects_the_default_printer(qtbot, clerk_context: SessionContext) -> None:
    view = create(clerk_context, client_name="欧阳䶮")
    dialog = open_dialog(qtbot, clerk_context, view.document_id, FakeSpooler())
    assert dialog.page_count() == view.pages >= 1
    assert dialog.page_label.text() == f"第 1 / {view.pages} 页"
    assert view.doc_no in dialog.heading.text() and "欧阳䶮" in dialog.heading.text()
    assert dialog.selected_printer() == "Counter1" and dialog.printer_combo.count() == 2
    assert not dialog.reprint_check.isChecked() and dialog.reprint_check.isEnabled()
    assert dialog.print_button.isEnabled() and dialog.copies_spin.maximum() == spool.MAX_COPIES
    assert "副本" not in pdf_text(dialog.data.pdf)  # type: ignore[union-attr]
    dialog.zoom_by(1.25)
    assert dialog.zoom_label.text().endswith("%")
    dialog.fit_width()
    assert dialog.zoom_label.text() == "" and dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth


def test_a_second_print_is_a_copy_marked_in_the_pdf(qtbot, clerk_context: SessionContext) -> None:
    view = create(clerk_context)
    fake = FakeSpooler()
    dialog = open_dialog(qtbot, clerk_context, view.document_id, fake)
    dialog.copies_spin.setValue(2)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=10_000):  # after an original, the preview turns 副本
        outcome = print_and_wait(qtbot, dialog)
    assert outcome.status == "completed" and not outcome.is_reprint and outcome.copies == 2
    assert "已打印完成" in dialog.outcome_label.text() and dialog.outcome_label.property("role") == "notice-ok"
    assert fake.sent[0]["printer"] == "Counter1" and "副本" not in pdf_text(fake.sent[0]["pdf"])
    # A clerk cannot print a second original: 重印 is ticked and locked, the preview shows the mark.
    assert dialog.reprint_check.isChecked() and not dialog.reprint_check.isEnabled()
    assert "原件已于" in dialog.original_label.text()
    assert "副本" in pdf_text(dialog.data.pdf)  # type: ignore[union-attr]
    again = print_and_wait(qtbot, dialog)
    assert again.is_reprint and "（副本）" in fake.sent[1]["title"]
    text = pdf_text(fake.sent[1]["pdf"])
    assert "副本" in text and "COPY" in text.upper()
    assert [(j.is_reprint, j.copies) for j in jobs(clerk_context, view.document_id)] == [(False, 2), (True, 1)]


def test_a_refused_original_is_explained_inline(qtbot, clerk_context: SessionContext, presenter) -> None:
    view = create(clerk_context)
    fake = FakeSpooler()
    dialog = open_dialog(qtbot, clerk_context, view.document_id, fake)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=10_000):
        print_and_wait(qtbot, dialog)
    dialog.reprint_check.blockSignals(True)
    dialog.reprint_check.setChecked(False)  # as if the lock were bypassed: the service still refuses
    dialog.reprint_check.blockSignals(False)
    with qtbot.waitSignal(dialog.sig_print_refused, timeout=10_000) as blocker:
        dialog.print_button.click()
    assert isinstance(blocker.args[0], errors.AlreadyPrinted)
    assert "补打副本" in dialog.outcome_label.text() and len(fake.sent) == 1
    assert presenter.reports == [] and dialog.print_button.isEnabled()


def test_supervisor_may_untick_the_copy(qtbot, supervisor_context: SessionContext) -> None:
    view = create(supervisor_context)
    dialog = open_dialog(qtbot, supervisor_context, view.document_id, FakeSpooler())
    with qtbot.waitSignal(dialog.sig_loaded, timeout=10_000):
        print_and_wait(qtbot, dialog)
    assert dialog.reprint_check.isChecked() and dialog.reprint_check.isEnabled()
    with qtbot.waitSignal(dialog.sig_loaded, timeout=10_000):
        dialog.reprint_check.setChecked(False)
    assert "副本" not in pdf_text(dialog.data.pdf)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fake", "words", "role"),
    [
        (FakeSpooler(fail=errors.PrinterRefused(printer="Counter1", detail="缺纸")), "缺纸", "notice-warning"),
        (FakeSpooler(final=spool.JobState.FAILED), "打印失败", "notice-warning"),
        (FakeSpooler(final=spool.JobState.PENDING), "尚未打完", "notice-info"),
    ],
)
def test_printer_outcomes_are_shown_in_chinese(qtbot, clerk_context, fake, words, role) -> None:  # type: ignore[no-untyped-def]
    view = create(clerk_context)
    dialog = open_dialog(qtbot, clerk_context, view.document_id, fake)
    outcome = print_and_wait(qtbot, dialog)
    assert words in dialog.outcome_label.text() and dialog.outcome_label.property("role") == role
    assert jobs(clerk_context, view.document_id)[0].status == outcome.status


def test_no_printers_means_no_print_button_but_save_works(qtbot, clerk_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    class Down(FakeSpooler):
        def printers(self) -> list[spool.PrinterInfo]:
            raise errors.PrintSystemUnavailable(detail="CUPS 打印服务（cupsd）未运行")

    view = create(clerk_context)
    dialog = open_dialog(qtbot, clerk_context, view.document_id, Down())
    assert not dialog.print_button.isEnabled()
    assert "无法列出打印机" in dialog.outcome_label.text() and "cupsd" in dialog.outcome_label.text()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "saved"
    with qtbot.waitSignal(dialog.sig_saved, timeout=10_000) as blocker:
        dialog.save_pdf(target)
    saved = blocker.args[0]
    assert saved == folder / "saved.pdf" and saved.read_bytes() == dialog.data.pdf  # type: ignore[union-attr]
    assert [p.name for p in folder.iterdir()] == ["saved.pdf"]  # no temporary file left behind
    assert dialog.suggested_file_name() == f"{view.doc_no}.pdf"


def test_saving_into_a_missing_folder_is_explained(qtbot, clerk_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = create(clerk_context)
    dialog = open_dialog(qtbot, clerk_context, view.document_id, FakeSpooler())
    dialog.save_pdf(tmp_path / "missing" / "x.pdf")
    qtbot.waitUntil(lambda: "无法保存" in dialog.outcome_label.text(), timeout=10_000)


def test_nothing_reaches_a_real_queue_by_accident(
    qtbot, clerk_context: SessionContext, monkeypatch: pytest.MonkeyPatch, no_accidental_queue: list[str]
) -> None:
    """The dialog prints only through the backend it was given; the system's CUPS is never asked."""
    touched: list[str] = []
    monkeypatch.setattr(spool.CupsBackend, "printers", lambda self: touched.append("printers") or [])
    monkeypatch.setattr(spool.CupsBackend, "wait", lambda self, *a, **k: touched.append("wait"))
    view = create(clerk_context)
    fake = FakeSpooler()
    dialog = preview_and_print(clerk_context, view.document_id, backend=fake)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10_000)
    print_and_wait(qtbot, dialog)
    assert [job["printer"] for job in fake.sent] == ["Counter1"]
    assert touched == [] and no_accidental_queue == []
    # And the guard itself works: a real job to another queue fails before lp runs or a QPrinter opens.
    with pytest.raises(pytest.fail.Exception, match="real queue 'Office-Laser'"):
        spool.CupsBackend().submit(fake.sent[0]["pdf"], "Office-Laser", title="t")
    with pytest.raises(pytest.fail.Exception, match="real queue 'Slip'"):
        spool.CupsBackend().submit_raw(b"\x1b@", "Slip", title="t")
    from workstation.ui.printing.qt_print import QtPrintBackend

    with pytest.raises(pytest.fail.Exception, match="real queue 'Office-Laser'"):
        QtPrintBackend().submit(fake.sent[0]["pdf"], "Office-Laser", title="t")


def cups_ready() -> str:
    backend = spool.CupsBackend()
    if shutil.which("lp") is None:
        return "CUPS client not installed"
    if not backend.scheduler_running():
        return "the CUPS scheduler is not running (bash scripts/start-services.sh)"
    if TEST_QUEUE not in {p.name for p in backend.printers()}:
        return f"no cups-pdf queue named {TEST_QUEUE}"
    return ""


def test_print_through_the_dialog_to_the_cups_pdf_queue(qtbot, clerk_context: SessionContext) -> None:
    problem = cups_ready()
    if problem:
        if os.environ.get("WORKSTATION_REQUIRE_CUPS"):
            pytest.fail(problem)
        pytest.skip(problem)
    from tests.printing.test_cups import find_output

    view = create(clerk_context, "appointment")
    dialog = open_dialog(qtbot, clerk_context, view.document_id, spool.CupsBackend())
    assert dialog.select_printer(TEST_QUEUE)  # explicitly: never whatever the default queue is
    outcome = print_and_wait(qtbot, dialog, timeout=40_000)
    assert outcome.status == "completed", outcome
    assert outcome.printer == TEST_QUEUE and outcome.job_ref.startswith(f"{TEST_QUEUE}-")
    assert "已打印完成" in dialog.outcome_label.text()
    find_output(outcome.job_ref).unlink(missing_ok=True)
    (job,) = jobs(clerk_context, view.document_id)
    assert (job.printer, job.status, job.job_ref) == (TEST_QUEUE, "completed", outcome.job_ref)
