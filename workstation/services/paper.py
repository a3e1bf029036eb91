"""The paper archive (开户资料的管理): forms that must come back signed, scanned and archived.

A form whose definition says ``must_return_signed`` starts as ``printed`` when it is created
(:func:`workstation.services.documents.create_document`) and then moves through
``printed → signed → scanned → sent → archived`` as a USB scanner types its QR code (the document
number) at each station (:func:`advance_paper`). A supervisor may correct a status explicitly,
with a reason when going back or skipping steps (:func:`set_paper_status`). The Documents page
lists what is outstanding per client and per day (:func:`outstanding_by_client_and_day`) and any
branch document by status, day or client (:func:`list_documents`).

Split out of :mod:`workstation.services.documents`, which still re-exports every public name here.
Like it, every function returns frozen dataclasses and works in the caller's transaction.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import BRANCH_TZ, local, utcnow
from workstation.domain import PaperStatus, Role
from workstation.models import PrintedDocument
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.documents import CORRECT_ROLES, DocumentView, _by_number, _load, _require_branch, _view

DOC_NO_PATTERN = re.compile(r"([A-Z]{2,4})-([A-Z0-9]{1,20})-(\d{8})-(\d{4,6})")
MAX_SCAN_LENGTH = 60
PAPER_STEPS: tuple[PaperStatus, ...] = (
    PaperStatus.PRINTED,
    PaperStatus.SIGNED,
    PaperStatus.SCANNED,
    PaperStatus.SENT,
    PaperStatus.ARCHIVED,
)
"""The paper life of a form that must come back signed, in order."""
OUTSTANDING: tuple[PaperStatus, ...] = (PaperStatus.TO_PRINT, *PAPER_STEPS[:-1])
"""Not archived yet, including forms made but not printed yet (待打印, before the paper life starts)."""
PAPER_ROLES = (Role.CLERK, Role.REVIEWER, Role.SUPERVISOR)


@dataclass(frozen=True)
class PaperMove:
    """A change of a document's paper status; ``message`` is what the scan station shows."""

    document: DocumentView
    previous: PaperStatus
    current: PaperStatus

    @property
    def message(self) -> str:
        return f"{self.document.doc_no} {self.document.title}：{self.previous.label} → {self.current.label}"


@dataclass(frozen=True)
class OutstandingGroup:
    """Documents still to come back or be archived, for one client on one business day."""

    day: date
    client_id: uuid.UUID | None
    client_name: str
    documents: tuple[DocumentView, ...]

    @property
    def count(self) -> int:
        return len(self.documents)


# --- scanning and corrections -------------------------------------------------------------------


def parse_scan(text: str) -> str:
    """The document number in what a USB scanner typed (QR content plus Enter).

    Full-width characters (a Chinese input method left on), surrounding spaces and the final
    CR/LF/Tab are tolerated; lower case is upper-cased.

    Raises:
        ScanInvalid: empty, too long, control characters inside, or not a document number.
    """
    if not isinstance(text, str):
        raise errors.ScanInvalid(reason="内容为空")
    cleaned = unicodedata.normalize("NFKC", text).strip(" \t\r\n\u3000")
    if not cleaned:
        raise errors.ScanInvalid(reason="内容为空")
    if len(cleaned) > MAX_SCAN_LENGTH:
        raise errors.ScanInvalid(reason=f"内容过长（{len(cleaned)} 个字符）")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in cleaned):
        raise errors.ScanInvalid(reason="含有控制字符")
    number = cleaned.upper()
    if not DOC_NO_PATTERN.fullmatch(number):
        raise errors.ScanInvalid(reason=f"“{cleaned[:30]}”不是单据编号格式（如 KH-BJGM01-20261125-0001）")
    return number


def advance_paper(
    session: Session,
    actor: Actor,
    scanned_text: str,
    *,
    target: PaperStatus | None = None,
    repeat_guard: bool = True,
) -> PaperMove:
    """Move the scanned document one step along printed → signed → scanned → sent → archived.

    ``target`` is the step the scanning station records (e.g. the archive room passes
    ``ARCHIVED``): a document not exactly one step before it is refused, so a form is never
    archived without having been scanned, nor moved back by a second scan. Without ``target``, a
    scan of a sheet that moved within :data:`REPEAT_SECONDS` is the same scan again and refused
    (``repeat_guard=False`` turns this off for seeding demo data).

    Raises:
        PermissionDenied: the actor may not record paper.
        ScanInvalid: the scan is not a document number.
        DocumentNotFound, DocumentOtherBranch: no such document at this branch.
        PaperNotTracked: the form does not come back on paper.
        PaperAlreadyArchived: nothing more to record.
        PaperMoveRefused: ``target`` would skip a step or go backwards.
        ScanRepeated: the same sheet was scanned again within seconds.
    """
    actor.require(PAPER_ROLES, "登记单据回收")
    doc = _by_number(session, parse_scan(scanned_text))
    _require_branch(session, actor, doc)
    current = _tracked_status(doc)
    if current is PaperStatus.TO_PRINT:
        current = PaperStatus.PRINTED  # the sheet being scanned proves it was printed
    elif repeat_guard and target is None and current is not PaperStatus.PRINTED and _just_moved(doc):
        # A scanner reading the same sheet twice within seconds is one scan, not two steps.
        raise errors.ScanRepeated(doc_no=doc.doc_no, current=doc.paper_status.label)
    following = PAPER_STEPS[PAPER_STEPS.index(current) + 1]
    if target is not None and target is not following:
        _refuse(doc, current, target)
    return _move(session, actor, doc, following, reason="")


def set_paper_status(
    session: Session, actor: Actor, document_id: uuid.UUID, status: PaperStatus, *, reason: str = ""
) -> PaperMove:
    """A supervisor sets a document's paper status explicitly (corrections, lost scans).

    One step forward needs no reason; going back or skipping steps needs ``reason`` (audited).

    Raises:
        PermissionDenied: not a supervisor.
        NotFound, DocumentOtherBranch: no such document at this branch.
        PaperNotTracked: the form does not come back on paper.
        PaperMoveRefused: same status, ``not_required`` as target, or no reason where one is needed.
    """
    actor.require(CORRECT_ROLES, "更改单据纸质件状态")
    doc = _load(session, document_id)
    _require_branch(session, actor, doc)
    if doc.paper_status is PaperStatus.NOT_REQUIRED:
        raise errors.PaperNotTracked(doc_no=doc.doc_no, title=doc.title)
    current = doc.paper_status
    if status not in PAPER_STEPS:
        raise errors.PaperMoveRefused(
            doc_no=doc.doc_no, current=current.label, target=status.label, reason="需回收的单据不能改为无需回收"
        )
    if status is current:
        raise errors.PaperMoveRefused(doc_no=doc.doc_no, current=current.label, target=status.label, reason="状态未变")
    reason = reason.strip()
    effective = PaperStatus.PRINTED if current is PaperStatus.TO_PRINT else current
    one_step = PAPER_STEPS.index(status) == PAPER_STEPS.index(effective) + 1
    if not one_step and not reason:
        raise errors.PaperMoveRefused(
            doc_no=doc.doc_no, current=current.label, target=status.label, reason="回退或跳过步骤须填写原因"
        )
    return _move(session, actor, doc, status, reason=reason[:200])


REPEAT_SECONDS = 10
"""A second scan of the same document within this many seconds is the same scan."""


def _just_moved(doc: PrintedDocument) -> bool:
    at = doc.paper_status_at
    if at is None:
        return False
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return (utcnow() - at).total_seconds() < REPEAT_SECONDS


def _tracked_status(doc: PrintedDocument) -> PaperStatus:
    if doc.paper_status is PaperStatus.NOT_REQUIRED:
        raise errors.PaperNotTracked(doc_no=doc.doc_no, title=doc.title)
    if doc.paper_status is PaperStatus.ARCHIVED:
        when = f"{local(doc.paper_status_at):%Y-%m-%d %H:%M}" if doc.paper_status_at else "此前"
        raise errors.PaperAlreadyArchived(doc_no=doc.doc_no, title=doc.title, when=when)
    return doc.paper_status


def _refuse(doc: PrintedDocument, current: PaperStatus, target: PaperStatus) -> None:
    if target not in PAPER_STEPS or PAPER_STEPS.index(target) <= PAPER_STEPS.index(current):
        reason = "不能回退，该单据已登记过此步骤"
    else:
        missing = PAPER_STEPS[PAPER_STEPS.index(current) + 1]
        reason = f"不能跳过步骤，请先登记“{missing.label}”"
    raise errors.PaperMoveRefused(doc_no=doc.doc_no, current=current.label, target=target.label, reason=reason)


def _move(session: Session, actor: Actor, doc: PrintedDocument, status: PaperStatus, *, reason: str) -> PaperMove:
    previous = doc.paper_status
    doc.paper_status = status
    doc.paper_status_at = utcnow()
    session.flush()
    details: dict[str, Any] = {"doc_no": doc.doc_no, "from": previous.value, "to": status.value}
    if reason:
        details["reason"] = reason
    audit.record(session, actor, "document.paper", entity="printed_document", entity_id=doc.id, **details)
    return PaperMove(_view(doc), previous, status)


LIST_LIMIT = 500
"""At most this many rows per list: a branch has a few dozen outstanding forms, not thousands."""


def list_documents(
    session: Session,
    branch_id: uuid.UUID,
    *,
    statuses: Iterable[PaperStatus] | None = None,
    client_id: uuid.UUID | None = None,
    day: date | None = None,
    limit: int = LIST_LIMIT,
) -> list[DocumentView]:
    """The branch's documents, oldest first: those in ``statuses`` (default: all), of one client,
    made on one business ``day``; at most ``limit`` rows (the newest are dropped)."""
    stmt = sa.select(PrintedDocument).where(
        PrintedDocument.branch_id == branch_id, PrintedDocument.deleted_at.is_(None)
    )
    if statuses is not None:
        stmt = stmt.where(PrintedDocument.paper_status.in_(tuple(statuses)))
    if client_id is not None:
        stmt = stmt.where(PrintedDocument.client_id == client_id)
    if day is not None:
        start = datetime.combine(day, time.min, tzinfo=BRANCH_TZ)
        stmt = stmt.where(PrintedDocument.created_at >= start, PrintedDocument.created_at < start + timedelta(days=1))
    rows = session.scalars(stmt.order_by(PrintedDocument.created_at, PrintedDocument.doc_no).limit(limit))
    return [_view(row) for row in rows]


def outstanding_documents(
    session: Session, branch_id: uuid.UUID, *, client_id: uuid.UUID | None = None, day: date | None = None
) -> list[DocumentView]:
    """Documents of the branch that must come back and are not archived yet, oldest first.

    ``client_id`` keeps one client's; ``day`` keeps those made on that business date.
    """
    return list_documents(session, branch_id, statuses=OUTSTANDING, client_id=client_id, day=day)


def outstanding_by_client_and_day(
    session: Session, branch_id: uuid.UUID, *, day: date | None = None
) -> list[OutstandingGroup]:
    """:func:`outstanding_documents` grouped per business day (oldest first) and client."""
    groups: dict[tuple[date, uuid.UUID | None, str], list[DocumentView]] = {}
    for view in outstanding_documents(session, branch_id, day=day):
        key = (view.business_date, view.client_id, view.client_name if view.client_id is None else "")
        groups.setdefault(key, []).append(view)
    out = [OutstandingGroup(d, client, docs[0].client_name, tuple(docs)) for (d, client, _), docs in groups.items()]
    return sorted(out, key=lambda g: (g.day, g.client_name, str(g.client_id)))
