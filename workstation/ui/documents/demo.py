"""A few printed documents for the screenshot tour, so the Documents page shows real rows.

Only the ``--demo --screenshot`` run calls :func:`seed_screenshot_documents`; the demo seed itself
stays document-free. The prints are logged through ``print_document`` with :class:`LoggedOnly`,
a backend that accepts jobs without spooling them: nothing reaches a real printer.
"""

from __future__ import annotations

import sqlalchemy as sa

from workstation.domain import Role
from workstation.forms.catalog import FORMS
from workstation.models import Client, PrintedDocument, Staff
from workstation.printing import spool
from workstation.services import documents, paper
from workstation.services.actor import Actor
from workstation.store import Store

SCREENSHOT_STAFF_NO = "C001"
SCREENSHOT_FORMS: tuple[tuple[int, str, int], ...] = (
    # (client index, form, scans after printing)
    (0, "account-application", 0),
    (0, "risk-disclosure", 1),
    (0, "bank-custody", 2),
    (1, "account-application", 0),
    (1, "suitability-match", 1),
    (2, "gift-receipt", 0),
)


class LoggedOnly:
    """A printing backend that accepts every job and spools nothing (screenshots, demos)."""

    name = "logged-only"

    def __init__(self) -> None:
        self.count = 0

    def printers(self) -> list[spool.PrinterInfo]:
        return [spool.PrinterInfo("Counter-A4", True)]

    def submit(self, pdf: bytes, printer: str, *, title: str, copies: int = 1, media: str | None = "A4") -> str:
        self.count += 1
        return f"{printer}-{self.count}"

    def status(self, job_ref: str) -> spool.JobStatus:
        return spool.JobStatus(job_ref, spool.JobState.COMPLETED)

    def wait(self, job_ref: str, timeout: float, *, poll: float = 0.2) -> spool.JobStatus:
        return self.status(job_ref)


def seed_screenshot_documents(store: Store) -> int:
    """Create, print and partly scan a few documents for demo clients; returns how many were made.

    Does nothing (returns 0) when the branch already has documents or no demo clerk/clients.
    """
    with store.read() as session:
        if session.scalar(sa.select(sa.func.count()).select_from(PrintedDocument)):
            return 0
        staff = session.scalars(sa.select(Staff).where(Staff.staff_no == SCREENSHOT_STAFF_NO)).one_or_none()
        if staff is None or staff.branch_id is None:
            return 0
        actor = Actor(staff.id, staff.staff_no, staff.name, frozenset(Role(r) for r in staff.roles), staff.branch_id)
        clients = session.execute(
            sa.select(Client.id, Client.name).where(Client.branch_id == staff.branch_id).order_by(Client.created_at)
        ).all()[:3]
    if len(clients) < 3:
        return 0
    backend = LoggedOnly()
    for client_index, code, scans in SCREENSHOT_FORMS:
        client_id, name = clients[client_index]
        with store.write() as session:
            data = FORMS[code].sample() | {"client_name": name}
            view = documents.create_document(session, actor, code, data, client_id=client_id)
        documents.print_document(store, actor, view.document_id, "Counter-A4", reprint=False, backend=backend)
        for _ in range(scans):
            with store.write() as session:
                paper.advance_paper(session, actor, view.doc_no, repeat_guard=False)
    return len(SCREENSHOT_FORMS)
