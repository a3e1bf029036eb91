"""Helpers for the printing and documents UI tests: a fake spooler, contexts, documents, PDF text.

The guard ``no_accidental_queue`` is used by every printing/documents UI test: a CUPS job to
any queue but the cups-pdf ``PDF`` queue fails the test before ``lp`` runs, so a test that forgot
to inject a backend (or a dialog that fell back to the system default printer) cannot print on a
real printer.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from workstation import errors
from workstation.forms.catalog import FORMS
from workstation.printing import spool
from workstation.services import documents
from workstation.services.documents import DocumentView
from workstation.ui.context import SessionContext

from .conftest import make_context

TEST_QUEUE = "PDF"
"""The only real queue tests may print to (cups-pdf, started by scripts/start-services.sh)."""


class FakeSpooler:
    """A printing system that records jobs; ``fail`` makes submit raise, ``final`` is the end state."""

    name = "fake"

    def __init__(
        self,
        fail: errors.PrintError | None = None,
        final: spool.JobState = spool.JobState.COMPLETED,
        printers: list[spool.PrinterInfo] | None = None,
    ) -> None:
        self.fail = fail
        self.final = final
        self.queues = printers if printers is not None else [
            spool.PrinterInfo("Counter1", True), spool.PrinterInfo("Slips", False)
        ]  # fmt: skip
        self.sent: list[dict[str, Any]] = []

    def printers(self) -> list[spool.PrinterInfo]:
        return list(self.queues)

    def submit(self, pdf: bytes, printer: str, *, title: str, copies: int = 1, media: str | None = "A4") -> str:
        if self.fail is not None:
            raise self.fail
        self.sent.append({"pdf": pdf, "printer": printer, "title": title, "copies": copies, "media": media})
        return f"{printer}-{len(self.sent)}"

    def status(self, job_ref: str) -> spool.JobStatus:
        return spool.JobStatus(job_ref, self.final, "paused" if self.final is spool.JobState.PENDING else "")

    def wait(self, job_ref: str, timeout: float, *, poll: float = 0.2) -> spool.JobStatus:
        return self.status(job_ref)


@pytest.fixture(name="no_accidental_queue")
def no_accidental_queue_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail on any real CUPS job except to :data:`TEST_QUEUE`; yields the queues that were used."""
    used: list[str] = []
    real_submit = spool.CupsBackend.submit

    def guarded(self: spool.CupsBackend, pdf: bytes, printer: str, **kwargs: Any) -> str:
        used.append(printer)
        if printer != TEST_QUEUE:
            pytest.fail(f"a test tried to print on the real queue {printer!r}")
        return real_submit(self, pdf, printer, **kwargs)

    monkeypatch.setattr(spool.CupsBackend, "submit", guarded)
    yield used


@pytest.fixture(name="clerk_context")
def clerk_context_fixture(opened: Any, tasks: Any, presenter: Any) -> SessionContext:
    return make_context(opened, tasks, presenter, "C001")


def create(context: SessionContext, code: str = "account-application", **data: Any) -> DocumentView:
    """A stored document of form ``code`` from its sample data (``data`` overrides fields)."""
    with context.store.write() as session:
        return documents.create_document(session, context.actor, code, FORMS[code].sample() | data)


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def jobs(context: SessionContext, document_id: uuid.UUID) -> list[documents.PrintJobView]:
    with context.store.read() as session:
        return documents.print_jobs(session, document_id)


def test_fake_spooler_is_a_print_backend() -> None:
    backend: spool.PrintBackend = FakeSpooler()
    assert backend.printers()[0].is_default
