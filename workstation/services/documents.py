"""Printed documents: numbering, the stored record of every form, printing, and the paper archive.

A form handed to a client becomes a :class:`~workstation.models.PrintedDocument`: it gets a
document number (carried by its QR code), the exact data it was rendered from (so a reprint is
the same PDF but for the 副本/COPY mark), the PDF's SHA-256 and page count. Every print is a
:class:`~workstation.models.PrintJob`, written even when the printer fails. A form that must come
back signed then moves through ``printed → signed → scanned → sent → archived`` as a USB scanner
types its QR code at each station: that paper archive is :mod:`workstation.services.paper`, whose
public names are importable from here too.

Numbers look like ``KH-BJGM01-20261125-0001``: the form family, the branch code (letters and
digits only), the branch's business date and a sequence per family, branch and day. The branch
code keeps numbers unique in the central database, where every branch's documents meet.
Numbering is safe when two counters print at once: SQLite serialises writers (``BEGIN
IMMEDIATE``) and PostgreSQL takes a transaction advisory lock per family, branch and day.
A workstation enrolled with the central database (so with a short number, ``Workstation.number``)
has its own database, so it numbers in its own sequence: ``KH-BJGM01-20261125-020001`` is the
first of workstation 2 that day. Two PCs printing while offline never make the same number.

Every function returns frozen dataclasses, never ORM objects, so the UI can use the results on
any thread. Functions taking a ``session`` work inside the caller's transaction
(``Store.write()`` for changes); :func:`print_document` takes the store because it must not hold
a transaction while the printer works, and must log the job even when printing fails.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import business_date, local, utcnow
from workstation.domain import PaperStatus, Role
from workstation.errors import FieldProblem, ValidationError
from workstation.forms.base import PageSize
from workstation.forms.catalog import FORMS, get_form
from workstation.models import Branch, PrintedDocument, PrintJob, Staff, Workstation
from workstation.printing import spool
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.store import Store

FAMILY_PREFIX: dict[str, str] = {
    "account-application": "KH",
    "risk-assessment": "PG",
    "suitability-match": "PP",
    "suitability-mismatch": "BP",
    "risk-disclosure": "JS",
    "bank-custody": "CG",
    "crs-declaration": "CRS",
    "beneficial-owner": "SY",
    "transfer-in": "ZH",
    "gift-receipt": "LP",
    "queue-ticket": "PD",
    "appointment": "YY",
    "directions": "ZY",
}
"""Form code → number prefix (the form family), as on the forms' sample numbers."""

SEQUENCE_DIGITS = 4

CREATE_ROLES = (Role.RECEPTION, Role.CLERK, Role.REVIEWER, Role.SUPERVISOR)
TELESALES_FORMS = frozenset({"appointment", "directions"})
"""Forms a telesales agent may also create: the confirmation and directions for a client they booked."""
CORRECT_ROLES = (Role.SUPERVISOR,)
DEFAULT_WAIT_SECONDS = 30.0
"""How long :func:`print_document` follows a job before logging it as still queued."""

_MEDIA = {PageSize.A4: "A4", PageSize.A5: "A5", PageSize.SLIP_80MM: None}
"""``lp -o media=`` per page size; a thermal slip printer keeps its own roll width."""


# --- what callers get back ---------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentView:
    """A printed document as screens list it (plain data, safe across threads)."""

    document_id: uuid.UUID
    doc_no: str
    form_code: str
    title: str
    branch_id: uuid.UUID
    client_id: uuid.UUID | None
    client_name: str
    application_id: uuid.UUID | None
    visit_id: uuid.UUID | None
    gift_issue_id: uuid.UUID | None
    sha256: str
    pages: int
    paper_status: PaperStatus
    paper_status_at: datetime | None
    created_at: datetime
    created_by_id: uuid.UUID
    reviewer_id: uuid.UUID | None

    @property
    def business_date(self) -> date:
        """The branch's calendar day the document was made on."""
        return local(self.created_at).date()

    @property
    def must_come_back(self) -> bool:
        """The signed paper is tracked until archived."""
        return self.paper_status is not PaperStatus.NOT_REQUIRED


@dataclass(frozen=True)
class PrintOutcome:
    """One print of a document as it was logged.

    ``status``: ``completed`` (the spooler finished it), ``queued`` (still waiting when we
    stopped following it, see ``detail``), ``sent`` (not followed), ``failed`` or ``cancelled``
    (``error`` says why, in Chinese).
    """

    job_id: uuid.UUID
    document_id: uuid.UUID
    doc_no: str
    printer: str
    copies: int
    is_reprint: bool
    job_ref: str
    status: str
    error: str = ""
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("completed", "queued", "sent")


@dataclass(frozen=True)
class PrintJobView:
    """A logged print job, for a document's history."""

    job_id: uuid.UUID
    document_id: uuid.UUID
    printer: str
    copies: int
    is_reprint: bool
    printed_by_id: uuid.UUID
    printed_at: datetime
    job_ref: str
    status: str
    error: str


# --- numbers -----------------------------------------------------------------------------------


def family_prefix(form_code: str) -> str:
    """The number prefix of ``form_code``; raises :class:`~workstation.errors.NotFound` if unknown."""
    get_form(form_code)
    return FAMILY_PREFIX.get(form_code, "DJ")  # 单据: a form added without a family still numbers


def branch_tag(code: str) -> str:
    """The branch code as it appears in numbers: letters and digits, upper case (``BJ-GM01`` → ``BJGM01``)."""
    tag = re.sub(r"[^A-Za-z0-9]", "", code).upper()[:20]
    return tag or "BR"


def _lock_numbering(session: Session, stem: str) -> None:
    """Serialise numbering of one family, branch and day (SQLite's BEGIN IMMEDIATE already does)."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"doc_no:{stem}".encode()) - 2**31
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


def next_doc_no(
    session: Session,
    branch_id: uuid.UUID,
    form_code: str,
    *,
    day: date | None = None,
    workstation_number: int | None = None,
) -> str:
    """The next free number of ``form_code``'s family at the branch on ``day`` (default: today);
    with ``workstation_number`` (1–99), the next of that workstation's own sequence (``…-020001``).

    Call it in the write transaction that stores the document: the number is only reserved by
    the stored row (and the lock held until commit).
    """
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise errors.NotFound(what="本营业部")
    day = day or business_date()
    stem = f"{family_prefix(form_code)}-{branch_tag(branch.code)}-{day:%Y%m%d}-"
    if workstation_number is not None:
        stem += f"{workstation_number % 100:02d}"
    _lock_numbering(session, stem)
    digits = SEQUENCE_DIGITS
    highest = session.scalar(
        sa.select(PrintedDocument.doc_no)
        .where(
            PrintedDocument.branch_id == branch_id,
            PrintedDocument.doc_no.like(stem + "%"),
            # 4 digits, 5 past 9999; a longer tail is another workstation's (stem + "02" + 4 digits)
            sa.func.length(PrintedDocument.doc_no) <= len(stem) + digits + 1,
        )
        .order_by(sa.func.length(PrintedDocument.doc_no).desc(), PrintedDocument.doc_no.desc())
        .limit(1)
    )
    sequence = int(highest[len(stem) :]) + 1 if highest and highest[len(stem) :].isdigit() else 1
    return f"{stem}{sequence:0{digits}d}"


def workstation_number(session: Session, actor: Actor) -> int | None:
    """The actor's workstation's short number (None: not enrolled with a central database)."""
    if actor.workstation_id is None:
        return None
    return session.scalar(sa.select(Workstation.number).where(Workstation.id == actor.workstation_id))


# --- creating and rendering ----------------------------------------------------------------------


def _page_count(pdf: bytes) -> int:
    """Pages of a ReportLab PDF: its page objects (ReportLab writes no object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def _as_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` as the database will give it back, so what is rendered is exactly what is stored."""
    try:
        copied: dict[str, Any] = json.loads(json.dumps(dict(data), ensure_ascii=False, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            [FieldProblem("", f"表单数据无法保存：{exc}", f"Form data cannot be stored: {exc}")]
        ) from None
    return copied


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def create_roles(form_code: str) -> tuple[Role, ...]:
    """The roles that may create ``form_code``: telesales agents too for :data:`TELESALES_FORMS`."""
    return (*CREATE_ROLES, Role.TELESALES) if form_code in TELESALES_FORMS else CREATE_ROLES


def create_document(
    session: Session,
    actor: Actor,
    form_code: str,
    data: Mapping[str, Any],
    *,
    client_id: uuid.UUID | None = None,
    application_id: uuid.UUID | None = None,
    visit_id: uuid.UUID | None = None,
    gift_issue_id: uuid.UUID | None = None,
    reviewer_id: uuid.UUID | None = None,
) -> DocumentView:
    """Number, validate, render and store a form for the actor's branch (in ``Store.write()``).

    The number replaces any ``doc_no`` in ``data``. The stored data is exactly what was rendered.
    A form that must come back signed starts as ``printed``; others are ``not_required``.

    Raises:
        PermissionDenied: the actor may not create this form (:func:`create_roles`).
        NotFound: unknown form code.
        ValidationError: every problem of the data at once, including characters no font prints.
    """
    from workstation.printing import render  # ReportLab only when rendering

    actor.require(create_roles(form_code), "打印单据")
    form = get_form(form_code)
    if not isinstance(data, Mapping):
        raise ValidationError([FieldProblem("", "表单数据应为 JSON 对象", "Form data must be a JSON object")])
    # Check before taking a number, with a placeholder of the real number's shape.
    draft = _as_json({**data, "doc_no": f"{family_prefix(form_code)}-X-00000000-0000"})
    found = render.problems(form, draft)
    if _has_nul(draft):
        found.append(FieldProblem("", "表单数据含有空字符（\\0）", "Form data contains a NUL character"))
    if found:
        raise ValidationError(found)
    doc_no = next_doc_no(session, actor.branch_id, form_code, workstation_number=workstation_number(session, actor))
    final = {**draft, "doc_no": doc_no}
    pdf = render.render(form_code, final)
    must_return = form.must_return_signed
    now = utcnow()
    doc = PrintedDocument(
        branch_id=actor.branch_id,
        doc_no=doc_no,
        form_code=form_code,
        title=form.title,
        client_id=client_id,
        application_id=application_id,
        visit_id=visit_id,
        gift_issue_id=gift_issue_id,
        data=final,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pages=_page_count(pdf),
        # Printed means printed: a form becomes 已打印 only when a print job was accepted.
        paper_status=PaperStatus.TO_PRINT if must_return else PaperStatus.NOT_REQUIRED,
        paper_status_at=now if must_return else None,
        created_by_id=actor.staff_id,
        reviewer_id=reviewer_id,
    )
    session.add(doc)
    session.flush()
    audit.record(
        session,
        actor,
        "document.create",
        entity="printed_document",
        entity_id=doc.id,
        doc_no=doc_no,
        form=form_code,
        pages=doc.pages,
        sha256=doc.sha256,
    )
    return _view(doc)


def get_document(session: Session, document_id: uuid.UUID) -> DocumentView:
    """The document with ``document_id``; raises :class:`~workstation.errors.NotFound`."""
    return _view(_load(session, document_id))


def find_document(session: Session, doc_no: str) -> DocumentView:
    """The document numbered ``doc_no`` (exactly); raises :class:`~workstation.errors.DocumentNotFound`."""
    return _view(_by_number(session, doc_no))


def render_document(session: Session, document_id: uuid.UUID, *, copy: bool) -> bytes:
    """The document's PDF rendered again from its stored data; ``copy`` adds the 副本/COPY mark.

    Without ``copy`` the bytes equal the original's (rendering is deterministic), so the stored
    SHA-256 still matches unless the fonts or layout changed since.
    """
    from workstation.printing import render

    doc = _load(session, document_id)
    return render.render(doc.form_code, doc.data, copy=copy)


def _load(session: Session, document_id: uuid.UUID) -> PrintedDocument:
    doc = session.get(PrintedDocument, document_id)
    if doc is None or doc.deleted_at is not None:
        raise errors.NotFound(what="该单据")
    return doc


def _by_number(session: Session, doc_no: str) -> PrintedDocument:
    doc = session.scalars(
        sa.select(PrintedDocument).where(PrintedDocument.doc_no == doc_no, PrintedDocument.deleted_at.is_(None))
    ).one_or_none()
    if doc is None:
        raise errors.DocumentNotFound(doc_no=doc_no)
    return doc


def _view(doc: PrintedDocument) -> DocumentView:
    name = doc.data.get("client_name") if isinstance(doc.data, Mapping) else None
    return DocumentView(
        document_id=doc.id,
        doc_no=doc.doc_no,
        form_code=doc.form_code,
        title=doc.title,
        branch_id=doc.branch_id,
        client_id=doc.client_id,
        client_name=name if isinstance(name, str) else "",
        application_id=doc.application_id,
        visit_id=doc.visit_id,
        gift_issue_id=doc.gift_issue_id,
        sha256=doc.sha256,
        pages=doc.pages,
        paper_status=doc.paper_status,
        paper_status_at=doc.paper_status_at,
        created_at=doc.created_at,
        created_by_id=doc.created_by_id,
        reviewer_id=doc.reviewer_id,
    )


# --- printing ------------------------------------------------------------------------------------


def print_document(
    store: Store,
    actor: Actor,
    document_id: uuid.UUID,
    printer: str,
    copies: int = 1,
    *,
    reprint: bool,
    backend: spool.PrintBackend | None = None,
    wait_seconds: float = DEFAULT_WAIT_SECONDS,
) -> PrintOutcome:
    """Render the document (marked 副本/COPY when ``reprint``), spool it and log the job.

    Runs off the GUI thread: it follows the job for up to ``wait_seconds`` (0: not at all). The
    job is logged as soon as the spooler answers, then updated with the final state; a printer
    failure is logged too (``status="failed"``) and returned, not raised.

    Raises:
        PermissionDenied: the actor may not print.
        NotFound, DocumentOtherBranch: no such document at this branch.
        AlreadyPrinted: an original was printed before and ``reprint`` is false (supervisors may).
        PrinterNotFound, PrintCopiesInvalid: the printer name or copies cannot be right
            (nothing is logged: nothing was attempted).
        ConflictError, StoreError: the log could not be written.
    """
    actor.require(CREATE_ROLES, "打印单据")
    spool.check_printer_name(printer)
    spool.check_copies(copies)
    with store.read() as session:
        doc = _load(session, document_id)
        _require_branch(session, actor, doc)
        if not reprint and not actor.has_any(CORRECT_ROLES):
            _refuse_second_original(session, doc)
        doc_no, title, form_code = doc.doc_no, doc.title, doc.form_code
        pdf = render_document(session, document_id, copy=reprint)
    backend = backend or spool.default_backend()
    job_ref, status, error = "", "sent", ""
    try:
        job_ref = backend.submit(
            pdf,
            printer,
            title=f"{doc_no} {title}{'（副本）' if reprint else ''}",
            copies=copies,
            media=_MEDIA[get_form(form_code).page_size],
        )
    except errors.PrintError as exc:
        status, error = "failed", exc.message()
    with store.write() as session:
        job = PrintJob(
            branch_id=actor.branch_id,
            document_id=document_id,
            printer=printer,
            copies=copies,
            is_reprint=reprint,
            printed_by_id=actor.staff_id,
            printed_at=utcnow(),
            job_ref=job_ref,
            status=status,
            error=error[:500],
        )
        session.add(job)
        if status != "failed":
            _mark_printed(session, document_id)
        session.flush()
        job_id = job.id
        audit.record(
            session,
            actor,
            "document.reprint" if reprint else "document.print",
            entity="printed_document",
            entity_id=document_id,
            doc_no=doc_no,
            printer=printer,
            copies=copies,
            job_ref=job_ref,
            status=status,
        )
    detail = ""
    if job_ref and wait_seconds > 0:
        status, error, detail = _follow(backend, job_ref, wait_seconds)
        with store.write() as session:
            row = session.get(PrintJob, job_id)
            if row is not None:
                row.status = status
                row.error = error[:500]
    return PrintOutcome(job_id, document_id, doc_no, printer, copies, reprint, job_ref, status, error, detail)


def _mark_printed(session: Session, document_id: uuid.UUID) -> None:
    """A form waiting for its first print is 已打印 once the spooler accepted a job for it."""
    doc = session.get(PrintedDocument, document_id)
    if doc is not None and doc.paper_status is PaperStatus.TO_PRINT:
        doc.paper_status = PaperStatus.PRINTED
        doc.paper_status_at = utcnow()


def _follow(backend: spool.PrintBackend, job_ref: str, wait_seconds: float) -> tuple[str, str, str]:
    """``(status, error, detail)`` of a spooled job after following it for ``wait_seconds``."""
    try:
        result = backend.wait(job_ref, wait_seconds)
    except errors.PrintError as exc:
        return "sent", "", f"无法查询打印任务状态：{exc.message()}"
    if result.state is spool.JobState.COMPLETED:
        return "completed", "", ""
    if result.state is spool.JobState.FAILED:
        return "failed", f"打印机中止了任务 {job_ref}（{result.detail or '原因未知'}）", ""
    if result.state is spool.JobState.CANCELLED:
        return "cancelled", f"打印任务 {job_ref} 已被取消", ""
    if result.state is spool.JobState.PENDING:
        why = f"：{result.detail}" if result.detail else ""
        return "queued", "", f"打印任务 {job_ref} 仍在队列中{why}"
    return "sent", "", ""


def _last_original(session: Session, document_id: uuid.UUID) -> PrintJob | None:
    return session.scalars(
        sa.select(PrintJob)
        .where(PrintJob.document_id == document_id, PrintJob.is_reprint.is_(False), PrintJob.status != "failed")
        .order_by(PrintJob.printed_at.desc())
        .limit(1)
    ).first()


def original_print(session: Session, document_id: uuid.UUID) -> PrintJobView | None:
    """The latest print of the original (not a copy, not failed), or ``None`` if it never printed.

    When there is one, a further print must be a reprint marked 副本/COPY (supervisors excepted):
    the preview dialog asks this to preselect "重印 (副本)".
    """
    job = _last_original(session, document_id)
    return _job_view(job) if job is not None else None


def _refuse_second_original(session: Session, doc: PrintedDocument) -> None:
    earlier = _last_original(session, doc.id)
    if earlier is not None:
        when = f"{local(earlier.printed_at):%Y-%m-%d %H:%M}"
        raise errors.AlreadyPrinted(doc_no=doc.doc_no, when=when, printer=earlier.printer)


def print_jobs(session: Session, document_id: uuid.UUID) -> list[PrintJobView]:
    """Every print of the document, oldest first."""
    rows = session.scalars(
        sa.select(PrintJob).where(PrintJob.document_id == document_id).order_by(PrintJob.printed_at, PrintJob.id)
    )
    return [_job_view(r) for r in rows]


def _job_view(r: PrintJob) -> PrintJobView:
    fields = (r.printer, r.copies, r.is_reprint, r.printed_by_id, r.printed_at, r.job_ref, r.status, r.error)
    return PrintJobView(r.id, r.document_id, *fields)


def _require_branch(session: Session, actor: Actor, doc: PrintedDocument) -> None:
    if doc.branch_id != actor.branch_id:
        branch = session.get(Branch, doc.branch_id)
        raise errors.DocumentOtherBranch(doc_no=doc.doc_no, branch=branch.name if branch else "其他营业部")


def staff_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Staff id → name, for showing who made or printed documents."""
    if not ids:
        return {}
    rows = session.execute(sa.select(Staff.id, Staff.name).where(Staff.id.in_(ids)))
    return {staff_id: name for staff_id, name in rows}


def form_families() -> dict[str, str]:
    """Form code → number prefix for every form in the catalogue (for the Documents page filter)."""
    return {code: family_prefix(code) for code in FORMS}


# --- the paper archive lives in workstation.services.paper -----------------------------------------

_PAPER_NAMES = frozenset(
    {
        "DOC_NO_PATTERN", "MAX_SCAN_LENGTH", "PAPER_STEPS", "OUTSTANDING", "PAPER_ROLES", "PaperMove",
        "OutstandingGroup", "parse_scan", "advance_paper", "set_paper_status", "list_documents",
        "outstanding_documents", "outstanding_by_client_and_day",
    }
)  # fmt: skip

if TYPE_CHECKING:  # the re-exports, for type checkers
    from workstation.services.paper import DOC_NO_PATTERN as DOC_NO_PATTERN
    from workstation.services.paper import MAX_SCAN_LENGTH as MAX_SCAN_LENGTH
    from workstation.services.paper import OUTSTANDING as OUTSTANDING
    from workstation.services.paper import PAPER_ROLES as PAPER_ROLES
    from workstation.services.paper import PAPER_STEPS as PAPER_STEPS
    from workstation.services.paper import OutstandingGroup as OutstandingGroup
    from workstation.services.paper import PaperMove as PaperMove
    from workstation.services.paper import advance_paper as advance_paper
    from workstation.services.paper import list_documents as list_documents
    from workstation.services.paper import outstanding_by_client_and_day as outstanding_by_client_and_day
    from workstation.services.paper import outstanding_documents as outstanding_documents
    from workstation.services.paper import parse_scan as parse_scan
    from workstation.services.paper import set_paper_status as set_paper_status


def __getattr__(name: str) -> Any:
    """The paper-archive names, still importable from here (loaded on first use: paper imports us)."""
    if name in _PAPER_NAMES:
        from workstation.services import paper

        return getattr(paper, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
