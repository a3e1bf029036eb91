"""Printed documents, their paper-archive status, and every print job."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.domain import PaperStatus
from workstation.models.base import Base, BranchScoped, enum_column


class PrintedDocument(BranchScoped, Base):
    """A form produced for a client, identified by a document number that its QR code carries."""

    __tablename__ = "printed_document"
    __table_args__ = (sa.Index("ix_printed_document_branch_id_paper_status", "branch_id", "paper_status"),)

    doc_no: Mapped[str] = mapped_column(sa.String(40), unique=True)
    form_code: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str]
    client_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("client.id"), index=True, default=None)
    application_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("account_application.id"), default=None)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("visit.id"), default=None)
    gift_issue_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("gift_issue.id"), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    """The form data it was rendered from, so a reprint is identical."""
    sha256: Mapped[str] = mapped_column(sa.String(64), default="")
    pages: Mapped[int] = mapped_column(default=0)
    paper_status: Mapped[PaperStatus] = enum_column(PaperStatus, default=PaperStatus.NOT_REQUIRED)
    paper_status_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("staff.id"))
    reviewer_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
    data_purged_at: Mapped[datetime | None] = mapped_column(default=None)
    """When retention emptied ``data`` after the legally required keeping period."""


class PrintJob(BranchScoped, Base):
    """One print of a document: who, when, which printer, how many copies, reprint or not."""

    __tablename__ = "print_job"

    document_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("printed_document.id"), index=True)
    printer: Mapped[str] = mapped_column(sa.String(120))
    copies: Mapped[int] = mapped_column(default=1)
    is_reprint: Mapped[bool] = mapped_column(default=False)
    printed_by_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("staff.id"))
    printed_at: Mapped[datetime]
    job_ref: Mapped[str] = mapped_column(sa.String(60), default="")
    """The spooler's job id (CUPS "request id")."""
    status: Mapped[str] = mapped_column(sa.String(20), default="sent")
    error: Mapped[str] = mapped_column(sa.String(500), default="")
