"""Data-subject requests (个人信息保护法 §45, §15): a copy of everything held, consent withdrawn.

Supervisor only, audited (the audit detail carries the masked ID number, never the data).

- :func:`export_client` gathers the client row and everything linked to it at this database:
  appointments (by client or by the client's mobile), visits, account applications with their
  transfer steps, printed documents with their print jobs, gift issues, and the audit events
  about the client. :func:`to_json_bytes` / :func:`to_xlsx_bytes` render it (one sheet per part).
- :func:`withdraw_consent` records the withdrawal (``consent_withdrawn_at``). A prospect without
  an account is anonymised at once (nothing obliges the branch to keep it); a client with an
  account keeps the records the law requires, and is no longer invited.
"""

from __future__ import annotations

import io
import json
import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.domain import ClientStatus, IdType, Role
from workstation.masking import mask_id_number
from workstation.models import (
    AccountApplication,
    Appointment,
    AuditEvent,
    Client,
    GiftIssue,
    PrintedDocument,
    PrintJob,
    TransferStep,
    Visit,
)
from workstation.outbox import row_payload
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.textcheck import escape_formula

ACTION_EXPORT = "导出客户个人信息"
ACTION_WITHDRAW = "登记客户撤回同意"


def find_client(session: Session, actor: Actor, who: str | uuid.UUID, id_type: IdType | None = None) -> Client:
    """The branch's client with this ID number (``str``) or client id (``UUID``, the client page).

    Raises:
        NotFound: no such client at this branch.
    """
    if isinstance(who, uuid.UUID):
        found = session.get(Client, who)
        if found is None or found.branch_id != actor.branch_id:
            raise errors.NotFound(what="该客户")
        return found
    text = who.strip().upper()
    query = sa.select(Client).where(Client.branch_id == actor.branch_id, sa.func.upper(Client.id_number) == text)
    if id_type is not None:
        query = query.where(Client.id_type == id_type)
    client = session.scalars(query).first()
    if client is None:
        raise errors.NotFound(what=f"证件号码为 {mask_id_number(text)} 的客户")
    return client


def _rows(objects: Any) -> list[dict[str, Any]]:
    return [row_payload(obj) for obj in objects]


def export_client(session: Session, actor: Actor, id_number: str | uuid.UUID, now: datetime) -> dict[str, Any]:
    """Everything held about the client (JSON-ready), audited as ``client.data_export``.

    Raises:
        PermissionDenied: not a supervisor.
        NotFound: no client with this ID number at this branch.
    """
    actor.require([Role.SUPERVISOR], ACTION_EXPORT)
    client = find_client(session, actor, id_number)
    appointment_match = [Appointment.client_id == client.id]
    visit_match = [Visit.client_id == client.id]
    if client.mobile:
        appointment_match.append(Appointment.mobile == client.mobile)
        visit_match.append(Visit.mobile == client.mobile)
    applications = session.scalars(sa.select(AccountApplication).where(AccountApplication.client_id == client.id)).all()
    documents = session.scalars(sa.select(PrintedDocument).where(PrintedDocument.client_id == client.id)).all()
    result: dict[str, Any] = {
        "exported_at": now.isoformat(),
        "exported_by": actor.staff_no,
        "branch": actor.branch_name,
        "client": row_payload(client),
        "appointments": _rows(session.scalars(sa.select(Appointment).where(sa.or_(*appointment_match)))),
        "visits": _rows(session.scalars(sa.select(Visit).where(sa.or_(*visit_match)))),
        "account_applications": _rows(applications),
        "transfer_steps": _rows(
            session.scalars(
                sa.select(TransferStep).where(TransferStep.application_id.in_([a.id for a in applications]))
            )
        ),
        "printed_documents": _rows(documents),
        "print_jobs": _rows(
            session.scalars(sa.select(PrintJob).where(PrintJob.document_id.in_([d.id for d in documents])))
        ),
        "gift_issues": _rows(session.scalars(sa.select(GiftIssue).where(GiftIssue.client_id == client.id))),
        "audit_events": _rows(
            session.scalars(sa.select(AuditEvent).where(AuditEvent.entity_id == client.id).order_by(AuditEvent.at))
        ),
    }
    audit.record(
        session, actor, "client.data_export", entity="client", entity_id=client.id,
        id_number=mask_id_number(client.id_number), parts={k: len(v) for k, v in result.items() if isinstance(v, list)},
    )  # fmt: skip
    return result


def withdraw_consent(
    session: Session, actor: Actor, id_number: str | uuid.UUID, now: datetime, reason: str = ""
) -> Client:
    """Record that the client withdrew consent; a prospect without an account is anonymised now.

    Raises:
        PermissionDenied: not a supervisor.
        NotFound: no client with this ID number at this branch.
    """
    from workstation.services.retention import anonymise_client

    actor.require([Role.SUPERVISOR], ACTION_WITHDRAW)
    client = find_client(session, actor, id_number)
    masked = mask_id_number(client.id_number)
    anonymise = client.status is ClientStatus.PROSPECT and client.client_no is None and client.fund_account is None
    client.consent_withdrawn_at = now
    if anonymise and client.anonymised_at is None:
        anonymise_client(session, client, now)
    session.flush()
    audit.record(
        session, actor, "client.consent_withdrawn", entity="client", entity_id=client.id,
        id_number=masked, anonymised=anonymise, reason=reason[:200],
    )  # fmt: skip
    return client


def to_json_bytes(export: dict[str, Any]) -> bytes:
    return json.dumps(export, ensure_ascii=False, indent=2, default=str).encode("utf-8")


SHEET_TITLES = {
    "client": "客户资料",
    "appointments": "预约",
    "visits": "到店记录",
    "account_applications": "开户转户申请",
    "transfer_steps": "转户步骤",
    "printed_documents": "打印单据",
    "print_jobs": "打印记录",
    "gift_issues": "礼品领取",
    "audit_events": "操作记录",
}


def to_xlsx_bytes(export: dict[str, Any]) -> bytes:
    """One sheet per part; nested values (JSON columns) as JSON text."""
    from openpyxl import Workbook

    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = "导出说明"
    for key in ("exported_at", "exported_by", "branch"):
        info.append([key, escape_formula(str(export[key]))])
    for key, title in SHEET_TITLES.items():
        value = export[key]
        rows = [value] if isinstance(value, dict) else list(value)
        sheet = workbook.create_sheet(title)
        columns = list(rows[0]) if rows else []
        sheet.append(columns)
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return escape_formula(json.dumps(value, ensure_ascii=False))
    if isinstance(value, uuid.UUID):
        return value.hex
    return escape_formula(value)  # a name like =HYPERLINK(...) stays text in Excel
