"""Print-all: the documents of one submission as one PDF, one print job, each form logged.

After a new account is submitted the clerk prints the whole package at once instead of one
preview and print per form (24 of ~82 clicks before). Every form gets its own print-log row (the
same spooler job) and becomes 已打印 when the job was accepted."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from workstation import errors
from workstation.clock import utcnow
from workstation.forms.catalog import get_form
from workstation.models import PrintJob
from workstation.printing import spool
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.documents import (
    _MEDIA,
    CORRECT_ROLES,
    CREATE_ROLES,
    _load,
    _mark_printed,
    _refuse_second_original,
    _require_branch,
)
from workstation.store import Store


def print_package(
    store: Store,
    actor: Actor,
    document_ids: Sequence[uuid.UUID],
    printer: str,
    *,
    backend: spool.PrintBackend | None = None,
) -> tuple[str, str, str]:
    """Spool ``document_ids`` (originals, in order) as one job on ``printer``; returns
    ``(job_ref, status, error)``. A printer failure is logged for every form and returned.

    Raises:
        PermissionDenied, NotFound, DocumentOtherBranch, AlreadyPrinted (an original printed before,
        not a supervisor), PrinterNotFound: nothing is spooled or logged.
    """
    from workstation.printing import render

    actor.require(CREATE_ROLES, "打印单据")
    spool.check_printer_name(printer)
    if not document_ids:
        raise errors.NotFound(what="要打印的单据")
    with store.read() as session:
        items = []
        for document_id in document_ids:
            doc = _load(session, document_id)
            _require_branch(session, actor, doc)
            if not actor.has_any(CORRECT_ROLES):
                _refuse_second_original(session, doc)
            items.append((doc.form_code, dict(doc.data), doc.doc_no))
    pdf = render.render_many([(code, data) for code, data, _ in items], title=f"{items[0][2]} 等 {len(items)} 份")
    backend = backend or spool.default_backend()
    job_ref, status, error = "", "sent", ""
    try:
        job_ref = backend.submit(
            pdf, printer, title=f"{items[0][2]} 等 {len(items)} 份", copies=1,
            media=_MEDIA[get_form(items[0][0]).page_size],
        )  # fmt: skip
    except errors.PrintError as exc:
        status, error = "failed", exc.message()
    with store.write() as session:
        for document_id, (_code, _data, doc_no) in zip(document_ids, items, strict=True):
            session.add(
                PrintJob(
                    branch_id=actor.branch_id, document_id=document_id, printer=printer, copies=1,
                    is_reprint=False, printed_by_id=actor.staff_id, printed_at=utcnow(), job_ref=job_ref,
                    status=status, error=error[:500],
                )
            )  # fmt: skip
            if status != "failed":
                _mark_printed(session, document_id)
            audit.record(
                session, actor, "document.print", entity="printed_document", entity_id=document_id,
                doc_no=doc_no, printer=printer, copies=1, job_ref=job_ref, status=status, package=len(items),
            )  # fmt: skip
    return job_ref, status, error
