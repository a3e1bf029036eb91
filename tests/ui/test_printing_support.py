"""Helpers for the printing and documents UI tests: a fake spooler, contexts, documents, PDF text.

The guard ``no_accidental_queue`` is used by every printing/documents UI test: a CUPS job to
any queue but the cups-pdf ``PDF`` queue fails the test before ``lp`` runs, so a test that forgot
to inject a backend (or a dialog that fell back to the system default printer) cannot print on a
real printer. It also guards raw (slip printer) jobs and Qt's print path (``spool.check_allowed``),
on top of the suite-wide ``WORKSTATION_PRINT_ONLY_TO`` allow-list (tests/conftest.py).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from tests.dbfiles import copy_db
from workstation import errors
from workstation.demo import seed_demo
from workstation.forms.catalog import FORMS
from workstation.models import Client
from workstation.printing import spool
from workstation.services import documents
from workstation.services.documents import DocumentView
from workstation.store import open_store
from workstation.ui.context import SessionContext
from workstation.ui.errors import ErrorPresenter
from workstation.ui.startup import OpenedDatabase, open_database
from workstation.ui.tasks import TaskRunner

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
    real_allowed = spool.check_allowed

    def allowed(printer: str) -> str:  # every real path: lp (PDF and raw) and Qt's QPrinter
        if printer != TEST_QUEUE:
            used.append(printer)
            pytest.fail(f"a test tried to print on the real queue {printer!r}")
        return real_allowed(printer)

    monkeypatch.setattr(spool, "check_allowed", allowed)
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


# --- the demo branch, for the Documents page tests ------------------------------------------------


@pytest.fixture(scope="session", name="documents_demo_template")
def documents_demo_template_fixture(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with a small demo branch (staff, clients), seeded once."""
    path = tmp_path_factory.mktemp("documents-template") / "demo.db"
    copy_db(sqlite_template, path)
    store = open_store(path)
    seed_demo(store, clients=12, appointments=4)
    store.dispose()
    return path


@pytest.fixture(name="demo_db")
def demo_db_fixture(documents_demo_template: Path, tmp_path: Path) -> Iterator[OpenedDatabase]:
    target = tmp_path / "workstation.db"
    copy_db(documents_demo_template, target)
    database = open_database(str(target))
    yield database
    database.store.dispose()


def demo_context(
    demo_db: OpenedDatabase, tasks: TaskRunner, presenter: ErrorPresenter, staff_no: str
) -> SessionContext:
    return make_context(demo_db, tasks, presenter, staff_no)


def demo_clients(context: SessionContext, count: int = 2) -> list[tuple[uuid.UUID, str]]:
    """``(id, name)`` of the first demo clients of the branch."""
    with context.store.read() as session:
        rows = session.execute(
            sa.select(Client.id, Client.name).where(Client.branch_id == context.actor.branch_id).order_by(Client.name)
        ).all()
    return [(row[0], row[1]) for row in rows[:count]]


def create_for(
    context: SessionContext, client: tuple[uuid.UUID, str], code: str = "account-application"
) -> DocumentView:
    """A document of ``code`` for a demo client (its id and name on the form)."""
    with context.store.write() as session:
        data = FORMS[code].sample() | {"client_name": client[1]}
        return documents.create_document(session, context.actor, code, data, client_id=client[0])
