"""Leads: prospects' phones collected outside the branch (booths, partners, campaigns, staff),
and the return visits (回访) due after an account is opened."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.domain import ApplicationKind, LeadSource, Purpose, ReturnVisitOutcome
from workstation.models.base import Base, BranchScoped, enum_column


class Lead(BranchScoped, Base):
    """One prospect registered at a booth (登记电话), with the consent that allows the call-back.

    A branch fact (PUSH): registered at the branch's workstation, sent to the central database,
    where the call centre exports the consented, not withdrawn ones as its follow-up list.
    """

    __tablename__ = "lead"
    __table_args__ = (sa.Index("ix_lead_branch_id_mobile", "branch_id", "mobile"),)

    mobile: Mapped[str] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(60), default="")
    """Optional: many people give a phone but not their name at a booth."""
    source: Mapped[LeadSource] = enum_column(LeadSource)
    source_detail: Mapped[str] = mapped_column(sa.String(100), default="")
    """Where exactly: "XX社区服务站", the partner's name, the referring colleague…"""
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("campaign.id"), default=None)
    interest: Mapped[Purpose] = enum_column(Purpose, default=Purpose.NEW_ACCOUNT)
    consent_purpose: Mapped[str] = mapped_column(sa.String(200))
    """What the person agreed to (PIPL: the purpose), e.g. "电话回访介绍开户与转户服务"."""
    consent_channel: Mapped[str] = mapped_column(sa.String(40))
    """How consent was given: 纸质签字, 扫码勾选, 口头 (录音)…"""
    consent_at: Mapped[datetime]
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("staff.id"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)
    """Consent withdrawn: the lead is never exported or called again."""
    notes: Mapped[str] = mapped_column(sa.String(500), default="")


class ReturnVisit(BranchScoped, Base):
    """A return visit (回访) due after an account was opened or transferred in, for the telesales
    agent who invited the client. One per application (re-planning never duplicates it)."""

    __tablename__ = "return_visit"
    __table_args__ = (sa.Index("ix_return_visit_assignee_id_due_on", "assignee_id", "due_on"),)

    application_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("account_application.id"), unique=True)
    client_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("client.id"))
    kind: Mapped[ApplicationKind] = enum_column(ApplicationKind)
    assignee_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("staff.id"))
    due_on: Mapped[date]
    outcome: Mapped[ReturnVisitOutcome | None] = enum_column(ReturnVisitOutcome, default=None)
    outcome_note: Mapped[str] = mapped_column(sa.String(500), default="")
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    done_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)
