"""Retention (个人信息保护法 §19: kept no longer than needed): personal data removed by policy.

The policy ``retention`` (firm-wide row set centrally, a branch row may override; coded defaults
in :data:`DEFAULTS`):

- ``prospect_days`` (N): a prospect or lead without an account (status ``prospect``, no client
  number, no fund account) untouched for N days (its row, and no visit, appointment slot or
  application within them) is **anonymised**: name, ID number, contacts,
  addresses and the like become placeholders; channel, inviting agent, status and dates stay, so
  the KPIs (show-up, conversion per agent and campaign) still count it. Its unfinished account
  applications lose their collected data.
- ``appointment_days`` (M): an appointment whose slot is M days past loses the invitee's name,
  pinyin, mobile, notes and prefill; a visit (ticket) M days past loses the name and mobile. The
  facts stay: slot, status, check-in time, wait, service times, outcome, who served.
- leads (issue 19, booth registrations) whose consent was recorded more than N (``prospect_days``)
  days ago lose the mobile, name, place and notes; the consent record (purpose, channel, time,
  who recorded it, withdrawal) and the source stay. A withdrawn lead keeps its mobile until then,
  as the proof that this number must not be called again.
- ``printed_document_years``: the form data of a printed document is kept for the legally
  required period (证券法 §151: client account opening records are kept for at least 20 years),
  then emptied (``data_purged_at``); the document number, form, dates and paper trail stay.

Every change is an ORM update: the row's ``version`` is bumped and, on a workstation, the outbox
queues it, so the anonymisation reaches the central database (rows the branch owns). The central
run (``workstation-cli retention run --central URL``) does the same on the central copy of every
branch, without an outbox (its changes reach branches through the change log where they pull).
Each run writes one audit event per branch with the counts (never personal data).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.domain import ApplicationStatus, ClientStatus
from workstation.models import (
    AccountApplication,
    Appointment,
    Branch,
    Client,
    Lead,
    PrintedDocument,
    SyncState,
    Visit,
)
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.policy import get_policy

if TYPE_CHECKING:
    from workstation.store import Store

POLICY_KEY = "retention"
DEFAULTS: dict[str, Any] = {
    "prospect_days": 365,
    "appointment_days": 180,
    "printed_document_years": 20,
}
"""Coded defaults of the ``retention`` policy (also registered in services.policy.DEFAULTS)."""
ANONYMISED = "已匿名"
LAST_RUN_KEY = "retention_last_run"
RUN_EVERY = timedelta(days=1)
BATCH = 500
KEPT_APPLICATION_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.SUBMITTED)
"""Applications under review or approved belong to an account record (kept by law)."""


@dataclass
class RetentionResult:
    clients: int = 0
    applications: int = 0
    appointments: int = 0
    visits: int = 0
    documents: int = 0
    leads: int = 0

    def add(self, other: RetentionResult) -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def summary(self) -> str:
        return (
            f"匿名化客户 {self.clients} 个，清除开户草稿资料 {self.applications} 份，"
            f"预约个人信息 {self.appointments} 条，到店记录个人信息 {self.visits} 条，"
            f"单据资料（超过法定保存期）{self.documents} 份，线索个人信息 {self.leads} 条"
        )


def policy_for(session: Session, branch_id: uuid.UUID | None) -> dict[str, Any]:
    """The retention policy in force for ``branch_id`` (defaults, firm-wide row, branch row)."""
    return {**DEFAULTS, **get_policy(session, POLICY_KEY, branch_id)}


def _batches(session: Session, query: sa.Select[Any]) -> Iterable[list[Any]]:
    rows = list(session.scalars(query))
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def anonymise_client(session: Session, client: Client, now: datetime) -> None:
    """Replace a client's personal data with placeholders (the row and its facts stay)."""
    client.name = ANONYMISED
    client.pinyin_full = client.pinyin_initials = ""
    client.id_number = f"ANON-{client.id.hex}"  # unique, like the number it replaces
    for column in (
        "id_issuer", "id_address", "ethnicity", "mobile", "phone", "email", "address", "postcode",
        "occupation_text", "employer", "aml_reasons", "csdc_account", "sh_account", "sz_account",
    ):  # fmt: skip
        setattr(client, column, "")
    client.birth_date = client.id_valid_from = client.id_valid_to = None
    client.sex = None
    client.anonymised_at = now


def run_branch(session: Session, branch_id: uuid.UUID, now: datetime, actor: Actor | None = None) -> RetentionResult:
    """Apply the retention policy to one branch's rows, audited; the caller's transaction commits."""
    policy = policy_for(session, branch_id)
    result = RetentionResult()
    prospect_cutoff = now - timedelta(days=int(policy["prospect_days"]))
    appointment_cutoff = now - timedelta(days=int(policy["appointment_days"]))
    document_cutoff = now - timedelta(days=round(365.25 * float(policy["printed_document_years"])))

    prospects = (
        sa.select(Client)
        .where(Client.branch_id == branch_id, Client.status == ClientStatus.PROSPECT)
        .where(Client.client_no.is_(None), Client.fund_account.is_(None))
        .where(Client.anonymised_at.is_(None), Client.deleted_at.is_(None), Client.updated_at < prospect_cutoff)
        # still in touch within N days (a visit, an appointment, an application): not yet
        .where(~sa.exists().where(Visit.client_id == Client.id, Visit.issued_at >= prospect_cutoff))
        .where(~sa.exists().where(Appointment.client_id == Client.id, Appointment.slot_start >= prospect_cutoff))
        .where(
            ~sa.exists().where(
                AccountApplication.client_id == Client.id, AccountApplication.updated_at >= prospect_cutoff
            )
        )
    )
    for batch in _batches(session, prospects):
        ids = [c.id for c in batch]
        for client in batch:
            anonymise_client(session, client, now)
        result.clients += len(batch)
        drafts = sa.select(AccountApplication).where(
            AccountApplication.client_id.in_(ids), AccountApplication.status.not_in(KEPT_APPLICATION_STATUSES)
        )
        for application in session.scalars(drafts):
            if application.step_data or application.retention_notes:
                application.step_data, application.retention_notes = {}, ""
                result.applications += 1
        session.flush()

    appointments = sa.select(Appointment).where(
        Appointment.branch_id == branch_id,
        Appointment.slot_start < appointment_cutoff,
        sa.or_(Appointment.client_name != ANONYMISED, Appointment.mobile != ""),
    )
    for batch in _batches(session, appointments):
        for appointment in batch:
            appointment.client_name = ANONYMISED
            appointment.pinyin_full = appointment.pinyin_initials = appointment.mobile = appointment.notes = ""
            appointment.prefill = {}
        result.appointments += len(batch)
        session.flush()

    visits = sa.select(Visit).where(
        Visit.branch_id == branch_id,
        Visit.issued_at < appointment_cutoff,
        sa.or_(Visit.client_name != "", Visit.mobile != ""),
    )
    for batch in _batches(session, visits):
        for visit in batch:
            visit.client_name = visit.mobile = ""
        result.visits += len(batch)
        session.flush()

    leads = sa.select(Lead).where(
        Lead.branch_id == branch_id, Lead.consent_at < prospect_cutoff, sa.or_(Lead.mobile != "", Lead.name != "")
    )
    for batch in _batches(session, leads):
        for lead in batch:
            lead.mobile = lead.name = lead.source_detail = lead.notes = ""
        result.leads += len(batch)
        session.flush()

    documents = sa.select(PrintedDocument).where(
        PrintedDocument.branch_id == branch_id,
        PrintedDocument.created_at < document_cutoff,
        PrintedDocument.data_purged_at.is_(None),
    )
    for batch in _batches(session, documents):
        for document in batch:
            document.data, document.data_purged_at = {}, now
        result.documents += len(batch)
        session.flush()

    audit.record(
        session, actor, "retention.run", branch_id=branch_id, entity="branch", entity_id=branch_id,
        at=now.isoformat(), policy={k: policy[k] for k in DEFAULTS}, **result.as_dict(),
    )  # fmt: skip
    return result


def run_workstation(session: Session, now: datetime, actor: Actor | None = None) -> RetentionResult:
    """The workstation's run: its own branch's rows (the outbox carries the changes)."""
    from workstation.services.identity import require_identity

    identity = require_identity(session)
    result = run_branch(session, identity.branch_id, now, actor)
    state = session.get(SyncState, LAST_RUN_KEY) or SyncState(key=LAST_RUN_KEY)
    state.value = {"at": now.isoformat(), **result.as_dict()}
    session.add(state)
    return result


def run_central(session: Session, now: datetime) -> RetentionResult:
    """The central run: every branch's rows, no outbox (``applying_sync``)."""
    session.info["applying_sync"] = True
    total = RetentionResult()
    for branch_id in session.scalars(sa.select(Branch.id).where(Branch.deleted_at.is_(None))).all():
        total.add(run_branch(session, branch_id, now))
    return total


def is_due(session: Session, now: datetime) -> bool:
    """Whether a workstation's daily run is due (never ran, or ran more than a day ago)."""
    state = session.get(SyncState, LAST_RUN_KEY)
    if state is None or "at" not in state.value:
        return True
    return now - datetime.fromisoformat(str(state.value["at"])) >= RUN_EVERY


def run_if_due(store: Store, now: datetime | None = None) -> RetentionResult | None:
    """The app's daily job: run for this workstation's branch when due; None when it was not due."""
    from workstation.clock import utcnow

    moment = now or utcnow()
    with store.write() as session:
        if not is_due(session, moment):
            return None
        return run_workstation(session, moment)
