"""The gift receipt (礼品领取签收单): its data, and its document through the documents service.

The receipt names the issuer and a reviewer (复核人) who is neither the issuer nor the telesales
agent who invited the client; it shows the client's ID number masked. Creating it twice for one
issue returns the first document (its number and PDF do not change).
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import local
from workstation.masking import mask_id_number
from workstation.models import Branch, Campaign, Client, Gift, GiftIssue, PrintedDocument, Staff
from workstation.services import documents
from workstation.services.actor import Actor
from workstation.services.documents import DocumentView
from workstation.services.gifts import CONFIRM_ROLES, StaffChoice, issue_row

RECEIPT_FORM = "gift-receipt"
CONDITION = {"new_account": "new_account", "transfer_in": "transfer_in"}


def reviewers(session: Session, actor: Actor) -> list[StaffChoice]:
    """Active reviewers and supervisors of the branch other than the actor (for the receipt)."""
    rows = session.scalars(
        sa.select(Staff).where(Staff.branch_id == actor.branch_id, Staff.active).order_by(Staff.staff_no)
    ).all()
    wanted = {r.value for r in CONFIRM_ROLES}
    return [
        StaffChoice(s.id, f"{s.name}（{s.staff_no}）")
        for s in rows
        if s.id != actor.staff_id and wanted & set(s.roles or ())
    ]


def receipt_data(session: Session, actor: Actor, row: GiftIssue, reviewer: Staff) -> dict[str, object]:
    """The 礼品领取签收单's data for an issue (the ID number already masked)."""
    client = session.get(Client, row.client_id)
    gift = session.get(Gift, row.gift_id)
    campaign = session.get(Campaign, row.campaign_id)
    branch = session.get(Branch, row.branch_id)
    issuer = session.get(Staff, row.issued_by_id)
    assert client and gift and campaign and branch and issuer
    agent = session.get(Staff, row.telesales_agent_id) if row.telesales_agent_id else None
    purposes = tuple((campaign.rules or {}).get("purposes") or ())
    condition = next((CONDITION[p] for p in purposes if p in CONDITION), "deposit")
    issued = local(row.issued_at)
    return {
        "branch": branch.name,
        "date": f"{issued:%Y-%m-%d}",
        "campaign_code": campaign.code,
        "campaign": campaign.name,
        "source": f"电销邀约（{agent.name} {agent.staff_no}）" if agent else "",
        "client_name": client.name,
        "id_number": mask_id_number(client.id_number),
        "mobile": client.mobile,
        "fund_account": client.fund_account or "",
        "condition": condition,
        "items": [
            {"name": gift.name, "spec": gift.spec, "quantity": row.quantity, "unit_value": row.unit_value_fen / 100}
        ],
        "issuer": f"{issuer.name}（{issuer.staff_no}）",
        "reviewer": f"{reviewer.name}（{reviewer.staff_no}）",
        "issued_at": f"{issued:%Y-%m-%d %H:%M}",
    }


def create_receipt(session: Session, actor: Actor, issue_id: uuid.UUID, reviewer_id: uuid.UUID) -> DocumentView:
    """Number and render the receipt of an issue, naming its reviewer; the existing one if made.

    Raises:
        ReviewerInvalid: the reviewer is the issuer, not at the branch, or not a reviewer.
        ValidationError: the data cannot be printed (e.g. the client has no mobile number).
    """
    row = issue_row(session, actor, issue_id)
    existing = session.scalars(
        sa.select(PrintedDocument.id).where(
            PrintedDocument.gift_issue_id == row.id, PrintedDocument.form_code == RECEIPT_FORM
        )
    ).first()
    if existing is not None:
        return documents.get_document(session, existing)
    reviewer = session.get(Staff, reviewer_id)
    if reviewer is None or reviewer.branch_id != actor.branch_id or not reviewer.active:
        raise errors.ReviewerInvalid(reason="不是本营业部在岗员工", reason_en="not active staff of this branch")
    if not {r.value for r in CONFIRM_ROLES} & set(reviewer.roles or ()):
        raise errors.ReviewerInvalid(
            reason=f"{reviewer.name}不是复核人或主管", reason_en="not a reviewer or supervisor"
        )
    if reviewer.id in (row.issued_by_id, row.telesales_agent_id):
        raise errors.ReviewerInvalid(
            reason="复核人不能是发放人或邀约的电销坐席", reason_en="the issuer or the inviting agent cannot review"
        )
    data = receipt_data(session, actor, row, reviewer)
    return documents.create_document(
        session, actor, RECEIPT_FORM, data, client_id=row.client_id, gift_issue_id=row.id, reviewer_id=reviewer.id
    )
