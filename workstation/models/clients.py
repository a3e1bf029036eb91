"""Clients of the branch: identity, contact, suitability, AML, acquisition."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from workstation.domain import AmlRisk, Channel, ClientStatus, ClientTier, IdType, RiskClass, Sex
from workstation.models.base import Base, BranchScoped, enum_column


class Client(BranchScoped, Base):
    """A natural-person client (or prospect). One row per identity document."""

    __tablename__ = "client"
    __table_args__ = (
        sa.UniqueConstraint("id_type", "id_number"),
        sa.Index("ix_client_mobile", "mobile"),
        sa.Index("ix_client_pinyin_initials", "pinyin_initials"),
        sa.Index("ix_client_pinyin_full", "pinyin_full"),
        sa.Index("ix_client_name", "name"),
    )

    client_no: Mapped[str | None] = mapped_column(sa.String(20), unique=True, default=None)
    """客户号, given when the account is opened."""
    fund_account: Mapped[str | None] = mapped_column(sa.String(20), unique=True, default=None)
    """资金账号."""
    status: Mapped[ClientStatus] = enum_column(ClientStatus, default=ClientStatus.PROSPECT)

    # identity (AML nine elements with contact and occupation)
    name: Mapped[str] = mapped_column(sa.String(60))
    pinyin_full: Mapped[str] = mapped_column(sa.String(200), default="")
    pinyin_initials: Mapped[str] = mapped_column(sa.String(60), default="")
    id_type: Mapped[IdType] = enum_column(IdType, default=IdType.RESIDENT_ID)
    id_number: Mapped[str] = mapped_column(sa.String(40))
    id_issuer: Mapped[str] = mapped_column(sa.String(100), default="")
    id_valid_from: Mapped[date | None] = mapped_column(default=None)
    id_valid_to: Mapped[date | None] = mapped_column(default=None)
    id_long_term: Mapped[bool] = mapped_column(default=False)
    id_address: Mapped[str] = mapped_column(sa.String(300), default="")
    sex: Mapped[Sex | None] = enum_column(Sex, default=None)
    birth_date: Mapped[date | None] = mapped_column(default=None)
    nationality: Mapped[str] = mapped_column(sa.String(3), default="CHN")
    """ISO 3166 alpha-3 citizenship."""
    ethnicity: Mapped[str] = mapped_column(sa.String(20), default="")
    mobile: Mapped[str] = mapped_column(sa.String(20), default="")
    phone: Mapped[str] = mapped_column(sa.String(30), default="")
    email: Mapped[str] = mapped_column(sa.String(120), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    postcode: Mapped[str] = mapped_column(sa.String(6), default="")
    occupation: Mapped[str] = mapped_column(sa.String(4), default="")
    occupation_text: Mapped[str] = mapped_column(sa.String(100), default="")
    employer: Mapped[str] = mapped_column(sa.String(200), default="")
    education: Mapped[str] = mapped_column(sa.String(2), default="")

    # segmentation and suitability
    tier: Mapped[ClientTier] = enum_column(ClientTier, default=ClientTier.STANDARD)
    assets_fen: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    """Assets at the firm in fen (0.01 CNY), used for tiers and eligibility."""
    assets_as_of: Mapped[date | None] = mapped_column(default=None)
    """The day of the back office's file ``assets_fen`` came from; None: declared at opening."""
    first_funded_on: Mapped[date | None] = mapped_column(default=None)
    """First deposit (首次入金) per the back office: a funded account (有效户) from that day."""
    risk_class: Mapped[RiskClass | None] = enum_column(RiskClass, default=None)
    risk_score: Mapped[int | None] = mapped_column(default=None)
    risk_assessed_on: Mapped[date | None] = mapped_column(default=None)
    risk_valid_until: Mapped[date | None] = mapped_column(default=None)
    lowest_category: Mapped[bool] = mapped_column(default=False)
    """最低类别投资者: may only take R1 products; mismatches are refused outright."""
    professional: Mapped[bool] = mapped_column(default=False)
    professional_valid_until: Mapped[date | None] = mapped_column(default=None)
    aml_risk: Mapped[AmlRisk] = enum_column(AmlRisk, default=AmlRisk.UNRATED)
    aml_reasons: Mapped[str] = mapped_column(sa.String(500), default="")
    aml_rated_at: Mapped[datetime | None] = mapped_column(default=None)
    integrity_flag: Mapped[bool] = mapped_column(default=False)
    """A bad integrity record (诚信记录) was found."""

    # market accounts
    csdc_account: Mapped[str] = mapped_column(sa.String(12), default="")
    sh_account: Mapped[str] = mapped_column(sa.String(10), default="")
    sz_account: Mapped[str] = mapped_column(sa.String(10), default="")

    # acquisition
    channel: Mapped[Channel] = enum_column(Channel, default=Channel.WALK_IN)
    telesales_agent_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("staff.id"), default=None)

    # data protection (issue 17)
    anonymised_at: Mapped[datetime | None] = mapped_column(default=None)
    """When retention replaced the personal data of this prospect (no account) with placeholders."""
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)
    """When the client withdrew consent to processing beyond what the law requires (data-subject
    request, recorded by a supervisor)."""
