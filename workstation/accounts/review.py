"""Four-eyes review (经办/复核), the reviewers' queue, transfer-in task tracking and the client page.

Everything returns frozen dataclasses (never ORM objects) so screens can use them on any thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.accounts.steps import Step, TransferTask
from workstation.accounts.submission import inviting_agent
from workstation.accounts.wizard import _entries, _get
from workstation.clock import business_date, utcnow
from workstation.domain import (
    AmlRisk,
    ApplicationKind,
    ApplicationStatus,
    ClientTier,
    PaperStatus,
    Role,
    StepStatus,
    VisitOutcome,
)
from workstation.masking import mask_id_number, mask_phone
from workstation.models import (
    AccountApplication,
    Campaign,
    Client,
    Gift,
    GiftIssue,
    PrintedDocument,
    Staff,
    TransferStep,
    Visit,
)
from workstation.services import audit
from workstation.services.actor import Actor

MIN_RETURN_COMMENT = 4


@dataclass(frozen=True)
class ReviewItem:
    """A submitted application waiting for 复核."""

    application_id: uuid.UUID
    kind: ApplicationKind
    client_name: str
    id_number_masked: str
    clerk_id: uuid.UUID
    clerk_name: str
    submitted_at: datetime | None
    flags: tuple[str, ...]
    """Points the reviewer must look at, in Chinese (不匹配警示, 老年投资者, 反洗钱高风险, 佣金低于下限…)."""


@dataclass(frozen=True)
class ReviewOutcome:
    application_id: uuid.UUID
    status: ApplicationStatus
    reviewer_id: uuid.UUID
    comment: str


def review(
    session: Session, reviewer: Actor, application_id: uuid.UUID, approve: bool, comment: str = ""
) -> ReviewOutcome:
    """Approve or return (with a comment) a submitted application.

    Raises:
        PermissionDenied: the reviewer lacks the reviewer role.
        ApplicationNotSubmitted: the application is not waiting for review.
        SameClerkReviewer: the reviewer submitted it.
        InvitingAgentRefused: the reviewer is the telesales agent who invited the client.
        ReviewCommentRequired: a return without a comment.
    """
    app: AccountApplication = _get(session, AccountApplication, application_id, "开户申请")
    if app.status is not ApplicationStatus.SUBMITTED:
        raise errors.ApplicationNotSubmitted(status=app.status.label, status_en=app.status.value)
    if app.clerk_id == reviewer.staff_id:
        raise errors.SameClerkReviewer(name=reviewer.name)
    if inviting_agent(app) == reviewer.staff_id:
        raise errors.InvitingAgentRefused(name=reviewer.name, role="复核", role_en="reviewer")
    reviewer.require((Role.REVIEWER,), "复核开户申请")
    text = (comment or "").strip()
    if not approve and len(text) < MIN_RETURN_COMMENT:
        raise errors.ReviewCommentRequired(minimum=MIN_RETURN_COMMENT)
    app.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.RETURNED
    app.reviewer_id, app.reviewed_at, app.review_comment = reviewer.staff_id, utcnow(), text[:1000]
    if approve and app.client_id is not None:
        client = session.get(Client, app.client_id)
        if client is not None:
            from workstation.domain import ClientStatus

            client.status = ClientStatus.ACTIVE
        docs = session.scalars(sa.select(PrintedDocument).where(PrintedDocument.application_id == app.id)).all()
        for doc in docs:
            doc.reviewer_id = reviewer.staff_id
    audit.record(session, reviewer, "accounts.approve" if approve else "accounts.return",
                 entity="account_application", entity_id=app.id, comment_length=len(text))  # fmt: skip
    return ReviewOutcome(app.id, app.status, reviewer.staff_id, app.review_comment)


def review_queue(session: Session, branch_id: uuid.UUID) -> list[ReviewItem]:
    """Submitted applications of the branch, oldest first, with what needs the reviewer's eye."""
    rows = session.execute(
        sa.select(AccountApplication, Client.name, Client.id_number, Staff.name)
        .join(Client, Client.id == AccountApplication.client_id)
        .join(Staff, Staff.id == AccountApplication.clerk_id)
        .where(AccountApplication.branch_id == branch_id, AccountApplication.status == ApplicationStatus.SUBMITTED)
        .where(AccountApplication.deleted_at.is_(None))
        .order_by(AccountApplication.submitted_at)
    ).all()
    return [
        ReviewItem(app.id, app.kind, name, mask_id_number(number), app.clerk_id, clerk, app.submitted_at, flags(app))
        for app, name, number, clerk in rows
    ]


def flags(app: AccountApplication) -> tuple[str, ...]:
    """What the reviewer must check on this application."""
    data = {key: entry.get("data", {}) for key, entry in _entries(app).items()}
    out: list[str] = []
    if data.get(Step.SUITABILITY_MATCH.value, {}).get("mismatched"):
        out.append("风险不匹配（客户坚持）")
    if data.get(Step.IDENTITY.value, {}).get("elderly"):
        out.append("老年投资者")
    if data.get(Step.AML_CRS.value, {}).get("aml_risk") == AmlRisk.HIGH.value:
        out.append("反洗钱高风险")
    if data.get(Step.COMMISSION.value, {}).get("below_floor"):
        out.append("佣金低于下限（主管已审批）")
    if data.get(Step.CLIENT_DATA.value, {}).get("integrity_flag"):
        out.append("不良诚信记录")
    if any(entry.get("confirmed") for entry in _entries(app).values()):
        out.append("经办已确认提示")
    return tuple(out)


# --- transfer-in tasks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TransferTaskView:
    task: TransferTask
    at_old_broker: bool
    status: StepStatus
    completed_at: datetime | None
    note: str


def transfer_progress(session: Session, application_id: uuid.UUID) -> list[TransferTaskView]:
    """The transfer-in's tasks in order, with their status."""
    rows = session.scalars(
        sa.select(TransferStep).where(TransferStep.application_id == application_id).order_by(TransferStep.sequence)
    ).all()
    return [TransferTaskView(TransferTask(r.step), r.at_old_broker, r.status, r.completed_at, r.note) for r in rows]


def update_transfer_task(
    session: Session, actor: Actor, application_id: uuid.UUID, task: TransferTask, status: StepStatus, note: str = ""
) -> TransferTaskView:
    """Record a task's progress (e.g. SZ 转托管 arrived T+1 → done)."""
    actor.require((Role.CLERK, Role.REVIEWER, Role.SUPERVISOR), "更新转户进度")
    row = session.scalars(
        sa.select(TransferStep).where(TransferStep.application_id == application_id, TransferStep.step == task.value)
    ).first()
    if row is None:
        raise errors.NotFound(what=f"转户步骤“{task.label}”")
    row.status, row.note = status, note.strip()[:300] or row.note
    row.completed_at = utcnow() if status is StepStatus.DONE else None
    audit.record(session, actor, "accounts.transfer_task", entity="transfer_step", entity_id=row.id,
                 task=task.value, status=status.value)  # fmt: skip
    return TransferTaskView(task, row.at_old_broker, row.status, row.completed_at, row.note)


# --- the client page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentLine:
    doc_no: str
    title: str
    paper_status: PaperStatus
    created_at: datetime


@dataclass(frozen=True)
class VisitLine:
    business_date: date
    ticket: str
    outcome: VisitOutcome | None


@dataclass(frozen=True)
class GiftLine:
    campaign: str
    gift: str
    status: str
    issued_at: datetime


@dataclass(frozen=True)
class ClientSummary:
    """What the client page shows: tier, risk class and its validity, documents, visits, gifts."""

    client_id: uuid.UUID
    name: str
    id_number_masked: str
    mobile_masked: str
    fund_account: str
    tier: ClientTier
    risk_class: str
    risk_valid_until: date | None
    risk_expired: bool
    lowest_category: bool
    professional: bool
    aml_risk: AmlRisk
    documents: tuple[DocumentLine, ...]
    visits: tuple[VisitLine, ...]
    gifts: tuple[GiftLine, ...]
    applications: tuple[tuple[uuid.UUID, ApplicationKind, ApplicationStatus], ...]
    assets_as_of: date | None = None
    """The back office's day the tier was recomputed from (issue 19); None: assets declared at opening."""
    first_funded_on: date | None = None

    @property
    def tier_label(self) -> str:
        """ "重要", or "重要（按 2026-12-02 资产，有效户）" once the back office's file was imported."""
        if self.assets_as_of is None:
            return self.tier.label
        funded = "，有效户" if self.first_funded_on else "，未入金"
        return f"{self.tier.label}（按 {self.assets_as_of.isoformat()} 资产{funded}）"


def client_summary(session: Session, client_id: uuid.UUID, today: date | None = None) -> ClientSummary:
    """The client page's data (raises NotFound)."""
    client: Client = _get(session, Client, client_id, "客户")
    today = today or business_date()
    docs = session.scalars(
        sa.select(PrintedDocument).where(PrintedDocument.client_id == client_id).order_by(PrintedDocument.created_at)
    ).all()
    visits = session.scalars(sa.select(Visit).where(Visit.client_id == client_id).order_by(Visit.issued_at)).all()
    gifts = session.execute(
        sa.select(Campaign.name, Gift.name, GiftIssue.status, GiftIssue.issued_at)
        .join(Campaign, Campaign.id == GiftIssue.campaign_id)
        .join(Gift, Gift.id == GiftIssue.gift_id)
        .where(GiftIssue.client_id == client_id)
        .order_by(GiftIssue.issued_at)
    ).all()
    apps = session.execute(
        sa.select(AccountApplication.id, AccountApplication.kind, AccountApplication.status)
        .where(AccountApplication.client_id == client_id)
        .order_by(AccountApplication.created_at)
    ).all()
    valid = client.risk_valid_until
    return ClientSummary(
        client.id, client.name, mask_id_number(client.id_number), mask_phone(client.mobile), client.fund_account or "",
        client.tier, client.risk_class.value if client.risk_class else "", valid, valid is not None and valid < today,
        client.lowest_category, client.professional, client.aml_risk,
        tuple(DocumentLine(d.doc_no, d.title, d.paper_status, d.created_at) for d in docs),
        tuple(VisitLine(v.business_date, v.ticket_label, v.outcome) for v in visits),
        tuple(GiftLine(c, g, s.label, at) for c, g, s, at in gifts),
        tuple((i, k, s) for i, k, s in apps), client.assets_as_of, client.first_funded_on,
    )  # fmt: skip
