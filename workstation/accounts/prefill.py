"""Client data pre-registered by telesales, imported as drafts waiting at the counter.

``workstation-cli prefill FILE.json`` (see :mod:`workstation.accounts.cli`) reads a UTF-8 JSON
file of this shape::

    {"records": [                                   # or just the list itself
      {"ref": "CC20261125-0001",                    # the call centre's key (shown in messages)
       "kind": "new_account",                       # or "transfer_in"
       "agent_no": "T001",                          # the inviting telesales agent's staff number
       "appointment_code": "AB12CD34",              # optional: link to the booked appointment
       "identity": {"name": "张三", "id_type": "00", "id_number": "…", "id_valid_from": "2016-05-20",
                    "id_valid_to": "2036-05-20", "id_issuer": "…", "id_address": "…"},
       "client_data": {"mobile": "13800138000", "address": "…", "postcode": "100004",
                       "occupation": "03", "education": "2"},
       "previous_broker": {"previous_broker": "…", "csdc_account": "…", "sh_account": "…"}}  # transfer_in only
    ]}

Field names and codes are exactly those of the wizard's steps (:mod:`.validators`). Every given
step goes through the same validator as at the counter; a record with any hard error is rejected
as a whole and listed with each field's message. An accepted record becomes a draft application
(clerk of record: the importing member of staff until a counter clerk submits it) whose steps are
saved; warnings stay pending for the counter clerk to confirm with the client.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.accounts.checks import StepWarning
from workstation.accounts.steps import Step
from workstation.accounts.wizard import AccountWizard, _get
from workstation.domain import ApplicationKind, ApplicationStatus, Role
from workstation.errors import FieldProblem
from workstation.models import AccountApplication, Appointment, Staff
from workstation.services.actor import Actor

PREFILL_STEPS = (Step.IDENTITY, Step.CLIENT_DATA, Step.PREVIOUS_BROKER)


@dataclass(frozen=True)
class PrefillRejection:
    index: int
    """1-based position of the record in the file."""
    ref: str
    problems: tuple[FieldProblem, ...]


@dataclass(frozen=True)
class PrefillNote:
    """A record's warning for the counter clerk to confirm, or why it was skipped."""

    index: int
    ref: str
    field: str
    zh: str
    en: str = ""

    def message(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") and self.en else self.zh


@dataclass(frozen=True)
class PrefillReport:
    accepted: tuple[uuid.UUID, ...]
    """Draft application ids, in file order."""
    rejected: tuple[PrefillRejection, ...]
    skipped: tuple[PrefillNote, ...] = ()
    """Records that already have a draft (same person and appointment): importing twice makes one."""
    warnings: tuple[PrefillNote, ...] = ()
    """Warnings of the accepted records (elderly client, permits, place code …), pending at the counter."""


def records_of(document: Any) -> list[Any]:
    """The records of a parsed prefill file (``{"records": [...]}`` or a list)."""
    if isinstance(document, Mapping):
        document = document.get("records")
    if not isinstance(document, list):
        raise ValueError("文件应为记录列表，或包含 records 列表的对象")
    return document


def import_prefill(session: Session, actor: Actor, records: Sequence[Any], wizard: AccountWizard) -> PrefillReport:
    """Validate every record with the wizard's validators and save the accepted ones as drafts."""
    accepted: list[uuid.UUID] = []
    rejected: list[PrefillRejection] = []
    skipped: list[PrefillNote] = []
    warnings: list[PrefillNote] = []
    for index, record in enumerate(records, start=1):
        ref = str(record.get("ref", "")) if isinstance(record, Mapping) else ""
        savepoint = session.begin_nested()
        app_id, problems, found = _import_one(session, actor, record, wizard)
        if problems or found is None:
            savepoint.rollback()  # nothing of a rejected (or already imported) record is kept
        else:
            savepoint.commit()
        if problems:
            rejected.append(PrefillRejection(index, ref, tuple(problems)))
        elif found is None:
            skipped.append(
                PrefillNote(index, ref, "", "已有草稿，未重复导入", "A draft exists already; not imported again")
            )
        elif app_id is not None:
            accepted.append(app_id)
            warnings.extend(PrefillNote(index, ref, w.field, w.zh, w.en) for w in found)
    return PrefillReport(tuple(accepted), tuple(rejected), tuple(skipped), tuple(warnings))


def _person_key(record: Any) -> tuple[str, str] | None:
    identity = record.get("identity") if isinstance(record, Mapping) else None
    if not isinstance(identity, Mapping) or not identity.get("id_number"):
        return None
    return str(identity.get("id_type", "00")).strip(), str(identity["id_number"]).strip().upper()


def _existing_draft(session: Session, actor: Actor, record: Any, *, other_than: uuid.UUID) -> uuid.UUID | None:
    """The open draft of the branch for the same person, business and appointment as ``record``, if any."""
    key = _person_key(record)
    if key is None:
        return None
    kind = str(record.get("kind", ApplicationKind.NEW_ACCOUNT.value))
    code = str(record.get("appointment_code") or "")
    appointment_id = (
        session.scalars(sa.select(Appointment.id).where(Appointment.code == code)).first() if code else None
    )
    rows = session.scalars(
        sa.select(AccountApplication).where(
            AccountApplication.branch_id == actor.branch_id,
            AccountApplication.status == ApplicationStatus.DRAFT,
            AccountApplication.deleted_at.is_(None),
            AccountApplication.id != other_than,
        )
    )
    for app in rows:
        identity = ((app.step_data or {}).get("steps") or {}).get(Step.IDENTITY.value) or {}
        data = identity.get("data") or {}
        same_person = (str(data.get("id_type", "")), str(data.get("id_number", "")).upper()) == key
        if same_person and app.appointment_id == appointment_id and app.kind.value == kind:
            return app.id
    return None


def _import_one(
    session: Session, actor: Actor, record: Any, wizard: AccountWizard
) -> tuple[uuid.UUID | None, list[FieldProblem], list[StepWarning] | None]:
    """``(draft id, problems, warnings)``; warnings ``None``: the record has its draft already."""
    if not isinstance(record, Mapping):
        return None, [FieldProblem("", "记录应为 JSON 对象", "A record must be a JSON object")], []
    try:
        kind = ApplicationKind(record.get("kind", ApplicationKind.NEW_ACCOUNT.value))
    except ValueError:
        return (
            None,
            [FieldProblem("kind", "业务类型应为 new_account 或 transfer_in", "kind: new_account|transfer_in")],
            [],
        )
    agent = session.scalars(sa.select(Staff).where(Staff.staff_no == str(record.get("agent_no", "")))).first()
    if agent is None or Role.TELESALES.value not in agent.roles:
        return None, [FieldProblem("agent_no", "电销人员工号不存在或不是电销坐席", "Unknown telesales agent")], []
    appointment_id = None
    if record.get("appointment_code"):
        appointment_id = session.scalars(
            sa.select(Appointment.id).where(Appointment.code == str(record["appointment_code"]))
        ).first()
        if appointment_id is None:
            return None, [FieldProblem("appointment_code", "找不到该预约码", "Unknown appointment code")], []
    steps = [s for s in PREFILL_STEPS if s.value in record]
    if Step.IDENTITY not in steps:
        return None, [FieldProblem("identity", "须填写身份信息（identity）", "The identity step is required")], []
    view = wizard.start(session, actor, kind, appointment_id=appointment_id)
    app: AccountApplication = _get(session, AccountApplication, view.application_id, "开户申请")
    if app.status is not ApplicationStatus.DRAFT or any((app.step_data or {}).get("steps", {}).values()):
        return None, [FieldProblem("appointment_code", "该预约已有柜台草稿", "The appointment already has a draft")], []
    app.step_data = {**app.step_data, "telesales_agent_id": agent.id.hex}
    problems: list[FieldProblem] = []
    warnings: list[StepWarning] = []
    for step in steps:
        data = record[step.value]
        if not isinstance(data, Mapping):
            problems.append(
                FieldProblem(step.value, f"“{step.label}”应为 JSON 对象", f"{step.value} must be an object")
            )
            continue
        result = wizard.save_step(session, actor, app.id, step, data)
        problems.extend(FieldProblem(f"{step.value}.{p.field}", p.zh, p.en) for p in result.errors)
        warnings.extend(StepWarning(w.code, f"{step.value}.{w.field}", w.zh, w.en) for w in result.warnings)
    if problems:
        return None, problems, []
    if _existing_draft(session, actor, record, other_than=app.id) is not None:
        return None, [], None  # imported before: the caller rolls this copy back
    return app.id, [], warnings


def waiting_drafts(session: Session, branch_id: uuid.UUID) -> list[tuple[uuid.UUID, ApplicationKind, str]]:
    """Drafts of the branch not yet submitted: ``(application id, kind, current step)``, oldest first."""
    rows = session.execute(
        sa.select(AccountApplication.id, AccountApplication.kind, AccountApplication.current_step)
        .where(AccountApplication.branch_id == branch_id, AccountApplication.status == ApplicationStatus.DRAFT)
        .order_by(AccountApplication.created_at)
    ).all()
    return [(i, k, c) for i, k, c in rows]
