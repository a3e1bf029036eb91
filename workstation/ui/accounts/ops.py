"""What the accounts screen asks of the core, one function per action (run on worker threads).

Each opens its own session (``store.read()`` / ``store.write()``) and returns frozen dataclasses,
never ORM objects, so results travel to the GUI thread in the task's signal. The wizard controller
(:class:`~workstation.accounts.wizard.AccountWizard`) validates and commits; nothing here decides.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from workstation.accounts import review as rv
from workstation.accounts.checks import StepCheck
from workstation.accounts.rules import AccountRules, ensure_questionnaire, load_rules
from workstation.accounts.steps import Step, TransferTask
from workstation.accounts.submission import SubmitOutcome
from workstation.accounts.wizard import AccountWizard, DraftView, StepResult
from workstation.domain import ApplicationKind, ApplicationStatus, StepStatus
from workstation.masking import mask_id_number
from workstation.models import AccountApplication, Staff
from workstation.services.actor import Actor
from workstation.store import Store


@dataclass(frozen=True)
class WizardSetup:
    """A draft with what its pages need to draw themselves: the questionnaire and the rules."""

    draft: DraftView
    questionnaire: Mapping[str, Any]
    rules: AccountRules


@dataclass(frozen=True)
class DraftLine:
    """A draft or returned application as the 办理 list shows it."""

    application_id: uuid.UUID
    kind: ApplicationKind
    status: ApplicationStatus
    step: Step
    client_name: str
    id_number_masked: str
    clerk_name: str
    mine: bool
    prefilled: bool
    """Telesales pre-filled it at booking (it waits at the counter)."""
    updated_at: datetime | None
    review_comment: str


@dataclass(frozen=True)
class TransferLine:
    """A submitted or approved transfer-in with its tasks."""

    application_id: uuid.UUID
    client_name: str
    status: ApplicationStatus
    tasks: tuple[rv.TransferTaskView, ...]

    @property
    def open_tasks(self) -> int:
        return sum(1 for t in self.tasks if t.status is not StepStatus.DONE)


def _setup(session: Any, draft: DraftView, branch_id: uuid.UUID) -> WizardSetup:
    questionnaire = ensure_questionnaire(session)
    definition = {**questionnaire.definition, "code": questionnaire.code, "revision": questionnaire.revision}
    return WizardSetup(draft, definition, load_rules(session, branch_id))


def start(
    store: Store, actor: Actor, kind: ApplicationKind, *, client_id: uuid.UUID | None = None,
    appointment_id: uuid.UUID | None = None, visit_id: uuid.UUID | None = None,
) -> WizardSetup:  # fmt: skip
    with store.write() as session:
        draft = AccountWizard().start(
            session, actor, kind, client_id=client_id, appointment_id=appointment_id, visit_id=visit_id
        )
        return _setup(session, draft, actor.branch_id)


def resume(store: Store, actor: Actor, application_id: uuid.UUID) -> WizardSetup:
    with store.write() as session:  # the questionnaire is seeded on first use
        return _setup(session, AccountWizard().resume(session, application_id), actor.branch_id)


def validate(store: Store, application_id: uuid.UUID, step: Step, data: Mapping[str, Any]) -> StepCheck:
    with store.read() as session:
        return AccountWizard().validate(session, application_id, step, data)


def save_step(
    store: Store, actor: Actor, application_id: uuid.UUID, step: Step, data: Mapping[str, Any],
    confirmed: Sequence[str],
) -> tuple[StepResult, DraftView]:  # fmt: skip
    """Save the page; the draft comes back too so the step list shows what is done."""
    with store.write() as session:
        wizard = AccountWizard()
        result = wizard.save_step(session, actor, application_id, step, data, confirmed=list(confirmed))
        return result, wizard.resume(session, application_id)


def submit(store: Store, actor: Actor, application_id: uuid.UUID) -> SubmitOutcome:
    with store.write() as session:
        return AccountWizard().submit(session, actor, application_id)


def cancel(store: Store, actor: Actor, application_id: uuid.UUID, reason: str) -> DraftView:
    with store.write() as session:
        return AccountWizard().cancel(session, actor, application_id, reason)


def load_drafts(store: Store, actor: Actor) -> list[DraftLine]:
    """Drafts and returned applications of the branch: the clerk's own first, then the rest."""
    with store.read() as session:
        rows = session.execute(
            sa.select(AccountApplication, Staff.name)
            .join(Staff, Staff.id == AccountApplication.clerk_id)
            .where(
                AccountApplication.branch_id == actor.branch_id,
                AccountApplication.status.in_((ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)),
                AccountApplication.deleted_at.is_(None),
            )
            .order_by(AccountApplication.created_at)
        ).all()
        lines = []
        for app, clerk in rows:
            data = app.step_data or {}
            identity = {**(data.get("prefill") or {}).get(Step.IDENTITY.value, {}),
                        **((data.get("steps") or {}).get(Step.IDENTITY.value, {}).get("data") or {})}  # fmt: skip
            lines.append(
                DraftLine(
                    app.id, app.kind, app.status, Step(app.current_step), str(identity.get("name") or ""),
                    mask_id_number(str(identity.get("id_number") or "")) if identity.get("id_number") else "",
                    clerk, app.clerk_id == actor.staff_id, bool(data.get("prefill")),
                    app.updated_at, app.review_comment,
                )
            )  # fmt: skip
    return sorted(lines, key=lambda line: not line.mine)


def load_queue(store: Store, actor: Actor) -> list[rv.ReviewItem]:
    with store.read() as session:
        return rv.review_queue(session, actor.branch_id)


def load_application(store: Store, application_id: uuid.UUID) -> DraftView:
    with store.read() as session:
        return AccountWizard().resume(session, application_id)


def review(store: Store, actor: Actor, application_id: uuid.UUID, approve: bool, comment: str) -> rv.ReviewOutcome:
    with store.write() as session:
        return rv.review(session, actor, application_id, approve, comment)


def load_transfers(store: Store, actor: Actor) -> list[TransferLine]:
    """Transfer-ins waiting for review or approved, with their tasks (open ones first)."""
    with store.read() as session:
        rows = session.execute(
            sa.select(AccountApplication.id, AccountApplication.status, AccountApplication.step_data)
            .where(
                AccountApplication.branch_id == actor.branch_id,
                AccountApplication.kind == ApplicationKind.TRANSFER_IN,
                AccountApplication.status.in_((ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED)),
                AccountApplication.deleted_at.is_(None),
            )
            .order_by(AccountApplication.created_at)
        ).all()
        lines = []
        for app_id, status, step_data in rows:
            identity = ((step_data or {}).get("steps") or {}).get(Step.IDENTITY.value, {}).get("data") or {}
            tasks = tuple(rv.transfer_progress(session, app_id))
            lines.append(TransferLine(app_id, str(identity.get("name") or ""), status, tasks))
    return sorted(lines, key=lambda line: line.open_tasks == 0)


def update_task(
    store: Store, actor: Actor, application_id: uuid.UUID, task: TransferTask, status: StepStatus, note: str
) -> rv.TransferTaskView:
    with store.write() as session:
        return rv.update_transfer_task(session, actor, application_id, task, status, note)


def load_client(store: Store, client_id: uuid.UUID) -> rv.ClientSummary:
    with store.read() as session:
        return rv.client_summary(session, client_id)


def export_client_data(store: Store, actor: Actor, client_id: uuid.UUID, path: str) -> Path:
    """A data-subject export of the client (supervisor only, audited) to ``path``: XLSX for
    ``.xlsx``, else JSON; the file is readable by the user only."""
    from workstation.clock import utcnow
    from workstation.printing.files import atomic_write_bytes
    from workstation.services import data_subject

    with store.write() as session:
        export = data_subject.export_client(session, actor, client_id, utcnow())
    xlsx = path.lower().endswith(".xlsx")
    return atomic_write_bytes(path, data_subject.to_xlsx_bytes(export) if xlsx else data_subject.to_json_bytes(export))


def withdraw_client_consent(store: Store, actor: Actor, client_id: uuid.UUID, reason: str) -> bool:
    """Record the client's withdrawal of consent; True when the prospect was anonymised."""
    from workstation.clock import utcnow
    from workstation.services import data_subject

    with store.write() as session:
        client = data_subject.withdraw_consent(session, actor, client_id, utcnow(), reason)
        return client.anonymised_at is not None


def print_all(store: Store, actor: Actor, document_ids: list[uuid.UUID]) -> tuple[str, str, str, str]:
    """Print-all to the workstation's default printer: ``(printer, job_ref, status, error)``."""
    from workstation import errors
    from workstation.printing import spool
    from workstation.services.package_print import print_package

    backend = spool.default_backend()
    printers = backend.printers()
    chosen = next((p for p in printers if p.is_default), printers[0] if printers else None)
    if chosen is None:
        raise errors.PrinterNotFound(printer="（默认打印机）")
    job_ref, status, error = print_package(store, actor, document_ids, chosen.name, backend=backend)
    return chosen.name, job_ref, status, error
