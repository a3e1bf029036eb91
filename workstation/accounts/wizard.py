"""The Qt-free controller of the new-account and transfer-in wizards (Electrum ``wizard.py``,
Tryton ``StateView``): steps as an Enum, validation and every write here; a page only displays
and collects.

Use from the UI (each call in a worker with its own session, inside ``Store.write()`` for the
changing calls — the controller keeps no state between calls, so it is safe from any thread)::

    wizard = AccountWizard()
    view = wizard.start(session, actor, ApplicationKind.NEW_ACCOUNT, appointment_id=…)   # DraftView
    result = wizard.save_step(session, actor, view.application_id, Step.IDENTITY, page_data)
    if result.errors: show them by field          # nothing of this input was stored
    elif result.pending: ask the clerk; then wizard.confirm_warning(…, [w.code for w in result.pending])
    else: go to result.next_step
    wizard.resume(session, application_id)       # after a crash: current_step and every saved step
    wizard.submit(session, actor, application_id)  # → SubmitOutcome (client, printed documents)
    review.review(session, reviewer, application_id, approve=True, comment="")

Draft layout (``AccountApplication.step_data``): ``{"steps": {step: {"data", "warnings",
"confirmed"}}, "prefill": {step: {field: value}}, "telesales_agent_id": hex | None}``. A step's
data is only stored once it has no hard errors (nothing invalid is stored); it is *done* when
every warning is confirmed too. Every save writes an audit event (过程留痕: who, when, which fields
changed) with personal data masked.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.accounts.checks import StepCheck, StepWarning
from workstation.accounts.rules import ensure_questionnaire, load_rules
from workstation.accounts.steps import Step, next_step, previous_step, steps_for
from workstation.accounts.suitability import validate_aml_crs, validate_match, validate_questionnaire
from workstation.accounts.validators import (
    ExistingClient,
    StepContext,
    Validator,
    validate_client_data,
    validate_commission,
    validate_custody_bank,
    validate_documents,
    validate_identity,
    validate_previous_broker,
)
from workstation.clock import business_date
from workstation.domain import ApplicationKind, ApplicationStatus, Channel, IdType, Role
from workstation.errors import FieldProblem
from workstation.masking import mask_card, mask_id_number, mask_name, mask_phone
from workstation.models import AccountApplication, Appointment, Client, Staff, Visit
from workstation.services import audit
from workstation.services.actor import Actor

if TYPE_CHECKING:
    from workstation.accounts.submission import SubmitOutcome

VALIDATORS: dict[Step, Validator] = {
    Step.IDENTITY: validate_identity,
    Step.CLIENT_DATA: validate_client_data,
    Step.PREVIOUS_BROKER: validate_previous_broker,
    Step.QUESTIONNAIRE: validate_questionnaire,
    Step.SUITABILITY_MATCH: validate_match,
    Step.AML_CRS: validate_aml_crs,
    Step.CUSTODY_BANK: validate_custody_bank,
    Step.COMMISSION: validate_commission,
    Step.DOCUMENTS: validate_documents,
}
WIZARD_ROLES = (Role.CLERK, Role.REVIEWER, Role.SUPERVISOR)
EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
PREFILL_FIELDS: dict[Step, tuple[str, ...]] = {
    Step.IDENTITY: ("name", "id_type", "id_number", "sex", "birth_date", "nationality", "ethnicity", "id_valid_from",
                    "id_valid_to", "id_long_term", "id_issuer", "id_address"),
    Step.CLIENT_DATA: ("mobile", "phone", "email", "address", "postcode", "occupation", "occupation_text", "employer",
                       "education", "channel", "assets_fen"),
    Step.PREVIOUS_BROKER: ("previous_broker", "csdc_account", "sh_account", "sz_account", "sz_transfer",
                           "transfer_assets_fen"),
}  # fmt: skip
"""Fields telesales may pre-fill (``Appointment.prefill`` flat, or nested by step value)."""
_MASKERS = {"name": mask_name, "card_holder": mask_name, "id_number": mask_id_number, "mobile": mask_phone}
_MASKERS |= {"bank_card": mask_card, "phone": mask_phone}


@dataclass(frozen=True)
class StepState:
    """One step of a draft as the page shows it."""

    step: Step
    done: bool
    saved: bool
    data: Mapping[str, Any]
    """The stored (cleaned) data, else the prefill for this step, else empty."""
    warnings: tuple[StepWarning, ...] = ()
    confirmed: tuple[str, ...] = ()

    @property
    def pending(self) -> tuple[StepWarning, ...]:
        return tuple(w for w in self.warnings if w.code not in self.confirmed)


@dataclass(frozen=True)
class DraftView:
    """An application as the wizard shell shows it (plain data, safe across threads)."""

    application_id: uuid.UUID
    kind: ApplicationKind
    status: ApplicationStatus
    current_step: Step
    steps: tuple[StepState, ...]
    client_id: uuid.UUID | None
    clerk_id: uuid.UUID
    telesales_agent_id: uuid.UUID | None
    review_comment: str

    def state(self, step: Step) -> StepState:
        return next(s for s in self.steps if s.step is step)

    @property
    def complete(self) -> bool:
        return all(s.done for s in self.steps)


@dataclass(frozen=True)
class StepResult:
    """What saving (or confirming) a step did."""

    step: Step
    saved: bool
    """The input had no hard errors and is now the step's draft."""
    errors: tuple[FieldProblem, ...] = ()
    warnings: tuple[StepWarning, ...] = ()
    pending: tuple[StepWarning, ...] = ()
    """Warnings not yet confirmed: the step is not done until the clerk confirms them."""
    next_step: Step | None = None
    """Where Next goes (None while errors or pending warnings remain, or after the last step)."""
    existing_client_id: uuid.UUID | None = None
    """The identity step found a client on file with this document: the application uses it."""

    @property
    def done(self) -> bool:
        return self.saved and not self.pending


class AccountWizard:
    """The wizard controller. Stateless: every method takes the session; ``today`` is injectable."""

    def __init__(self, today: date | None = None) -> None:
        self._today = today

    @property
    def today(self) -> date:
        return self._today or business_date()

    # --- lifecycle -------------------------------------------------------------------------------

    def start(
        self,
        session: Session,
        actor: Actor,
        kind: ApplicationKind,
        *,
        client_id: uuid.UUID | None = None,
        appointment_id: uuid.UUID | None = None,
        visit_id: uuid.UUID | None = None,
    ) -> DraftView:
        """Open a draft (or return the open draft of the same appointment), pre-filled from the
        appointment (telesales) or the existing client.

        Raises:
            PermissionDenied: the actor may not open accounts.
            NotFound: unknown client, appointment or visit.
        """
        actor.require(WIZARD_ROLES, "办理开户/转户")
        if visit_id is not None:
            visit = _get(session, Visit, visit_id, "来访记录")
            appointment_id = appointment_id or visit.appointment_id
            client_id = client_id or visit.client_id
        prefill: dict[str, dict[str, Any]] = {}
        agent_id: uuid.UUID | None = None
        if appointment_id is not None:
            appointment = _get(session, Appointment, appointment_id, "预约")
            open_draft = session.scalars(
                sa.select(AccountApplication).where(
                    AccountApplication.appointment_id == appointment_id,
                    AccountApplication.status.in_(EDITABLE),
                    AccountApplication.deleted_at.is_(None),
                )
            ).first()
            if open_draft is not None:
                return draft_view(open_draft)
            client_id = client_id or appointment.client_id
            agent_id = appointment.telesales_agent_id
            prefill = prefill_from(appointment.prefill, fallback={"name": appointment.client_name,
                                                                   "mobile": appointment.mobile})  # fmt: skip
            if agent_id is not None:
                prefill.setdefault(Step.CLIENT_DATA.value, {})["channel"] = Channel.TELESALES.value
        if client_id is not None:
            client = _get(session, Client, client_id, "客户")
            agent_id = agent_id or client.telesales_agent_id
            for step, values in prefill_from_client(client).items():
                prefill[step] = {**values, **prefill.get(step, {})}
        app = AccountApplication(
            branch_id=actor.branch_id,
            kind=kind,
            status=ApplicationStatus.DRAFT,
            client_id=client_id,
            visit_id=visit_id,
            appointment_id=appointment_id,
            current_step=steps_for(kind)[0].value,
            step_data={"steps": {}, "prefill": prefill, "telesales_agent_id": agent_id.hex if agent_id else None},
            clerk_id=actor.staff_id,
        )
        session.add(app)
        session.flush()
        audit.record(session, actor, "accounts.start", entity="account_application", entity_id=app.id,
                     kind=kind.value, appointment=bool(appointment_id), prefilled=sorted(prefill))  # fmt: skip
        return draft_view(app)

    def resume(self, session: Session, application_id: uuid.UUID) -> DraftView:
        """The draft as stored: where the clerk stopped and every saved step (after a crash too)."""
        return draft_view(_get(session, AccountApplication, application_id, "开户申请"))

    def go_to(self, session: Session, actor: Actor, application_id: uuid.UUID, step: Step) -> DraftView:
        """Move to ``step`` (Back, or a step in the side list): any step up to the first not done."""
        app = self._editable(session, application_id)
        steps = steps_for(app.kind)
        self._check_step(app, step)
        first_open = next((s for s in steps if not _entry(app, s).get("done")), steps[-1])
        if steps.index(step) > steps.index(first_open):
            raise errors.StepsIncomplete(steps=first_open.label, steps_en=first_open.value)
        app.current_step = step.value
        return draft_view(app)

    def back(self, session: Session, actor: Actor, application_id: uuid.UUID) -> DraftView:
        """Go to the step before the current one (stays on the first)."""
        app = self._editable(session, application_id)
        current = Step(app.current_step)
        return self.go_to(session, actor, application_id, previous_step(app.kind, current) or current)

    def cancel(self, session: Session, actor: Actor, application_id: uuid.UUID, reason: str) -> DraftView:
        """Void a draft or returned application (the client left); the reason is kept."""
        app = self._editable(session, application_id)
        app.status = ApplicationStatus.CANCELLED
        app.review_comment = reason.strip()[:1000]
        audit.record(session, actor, "accounts.cancel", entity="account_application", entity_id=app.id)
        return draft_view(app)

    # --- steps -------------------------------------------------------------------------------------

    def context(self, session: Session, app: AccountApplication) -> StepContext:
        """The rules, the other steps' data, the questionnaire and any existing client."""
        rules = load_rules(session, app.branch_id)
        questionnaire = ensure_questionnaire(session)
        definition = {**questionnaire.definition, "code": questionnaire.code, "revision": questionnaire.revision}
        existing = None
        if app.client_id is not None:
            client = session.get(Client, app.client_id)
            if client is not None:
                existing = existing_facts(client)
        steps = {key: entry["data"] for key, entry in _entries(app).items()}
        return StepContext(self.today, rules, app.kind, steps, definition, existing)

    def validate(self, session: Session, application_id: uuid.UUID, step: Step, data: Mapping[str, Any]) -> StepCheck:
        """Check a page's input without saving it (live feedback while typing)."""
        app = _get(session, AccountApplication, application_id, "开户申请")
        self._check_step(app, step)
        return VALIDATORS[step](data, self.context(session, app))

    def save_step(
        self,
        session: Session,
        actor: Actor,
        application_id: uuid.UUID,
        step: Step,
        data: Mapping[str, Any],
        *,
        confirmed: Iterable[str] = (),
    ) -> StepResult:
        """Validate ``data`` for ``step`` and, without hard errors, store it as the step's draft.

        ``confirmed``: codes of warnings the clerk has already confirmed for this input. A save
        replaces the step's earlier confirmations. With hard errors nothing of the input is stored
        (an audit event names the refused fields).

        Raises:
            PermissionDenied, NotFound, ApplicationNotEditable, StepNotInWizard.
        """
        actor.require(WIZARD_ROLES, "办理开户/转户")
        app = self._editable(session, application_id)
        self._check_step(app, step)
        check = VALIDATORS[step](data, self.context(session, app))
        problems = list(check.errors)
        clean = dict(check.clean)
        existing_id: uuid.UUID | None = None
        if not problems:
            existing_id = self._apply_side_effects(session, actor, app, step, clean, problems)
        if problems:
            audit.record(session, actor, "accounts.step_refused", entity="account_application", entity_id=app.id,
                         step=step.value, fields=sorted({p.field for p in problems}))  # fmt: skip
            return StepResult(step, False, tuple(problems), check.warnings)
        codes = {w.code for w in check.warnings}
        accepted = sorted(codes & set(confirmed))
        before = _entry(app, step).get("data", {})
        self._store(app, step, clean, check.warnings, accepted)
        audit.record(session, actor, "accounts.step_saved", entity="account_application", entity_id=app.id,
                     step=step.value, changed=masked_changes(before, clean),
                     warnings=sorted(codes), confirmed=accepted)  # fmt: skip
        return self._result(app, step, existing_id)

    def confirm_warning(
        self, session: Session, actor: Actor, application_id: uuid.UUID, step: Step, codes: Iterable[str]
    ) -> StepResult:
        """The clerk confirms warnings of the step's stored data (e.g. ``card.luhn``).

        Raises:
            WarningNotPending: a code is not a warning of the stored step (re-save it first).
        """
        actor.require(WIZARD_ROLES, "办理开户/转户")
        app = self._editable(session, application_id)
        self._check_step(app, step)
        entry = _entry(app, step)
        known = {w["code"] for w in entry.get("warnings", [])}
        wanted = set(codes)
        for code in sorted(wanted - known):
            raise errors.WarningNotPending(step=step.label, step_en=step.value, warning=code)
        warnings = tuple(StepWarning(**w) for w in entry.get("warnings", []))
        self._store(app, step, entry["data"], warnings, sorted(set(entry.get("confirmed", [])) | wanted))
        audit.record(session, actor, "accounts.warning_confirmed", entity="account_application", entity_id=app.id,
                     step=step.value, codes=sorted(wanted))  # fmt: skip
        return self._result(app, step, None)

    def submit(self, session: Session, actor: Actor, application_id: uuid.UUID) -> SubmitOutcome:
        """Submit for review (经办): every step done and consistent, then the client is created or
        updated (same document → the client on file, never a duplicate), the print package is
        produced and the status becomes ``submitted``. Returns a
        :class:`~workstation.accounts.submission.SubmitOutcome`.

        Raises:
            PermissionDenied: the actor is not a clerk.
            StepsIncomplete: a step is not done (or has unconfirmed warnings).
            ApplicationInconsistent: a step no longer agrees with the others, or a form cannot print.
            InvitingAgentRefused: the actor invited this client (telesales).
        """
        from workstation.accounts.submission import submit

        return submit(self, session, actor, application_id)

    # --- internals ---------------------------------------------------------------------------------

    def _editable(self, session: Session, application_id: uuid.UUID) -> AccountApplication:
        app: AccountApplication = _get(session, AccountApplication, application_id, "开户申请")
        if app.status not in EDITABLE:
            raise errors.ApplicationNotEditable(status=app.status.label, status_en=app.status.value)
        return app

    @staticmethod
    def _check_step(app: AccountApplication, step: Step) -> None:
        if step not in steps_for(app.kind):
            raise errors.StepNotInWizard(step=step.label, step_en=step.value, kind=app.kind.label,
                                         kind_en=app.kind.value)  # fmt: skip

    def _apply_side_effects(
        self,
        session: Session,
        actor: Actor,
        app: AccountApplication,
        step: Step,
        clean: dict[str, Any],
        problems: list[FieldProblem],
    ) -> uuid.UUID | None:
        """Database-side rules of a step: the existing client, the commission approver."""
        if step is Step.IDENTITY:
            client = find_client(session, IdType(clean["id_type"]), clean["id_number"])
            if client is not None:
                app.client_id = client.id
                return client.id
        if step is Step.COMMISSION:
            app.commission_ppm = int(clean["rate_ppm"])
            app.commission_approved_by_id = None
            if clean.get("below_floor"):
                approver = approver_problem(session, actor, str(clean.get("approver_no", "")))
                if isinstance(approver, FieldProblem):
                    problems.append(approver)
                else:
                    app.commission_approved_by_id = approver
                    clean["approver_id"] = approver.hex
        if step is Step.SUITABILITY_MATCH:
            app.dual_recording_ref = str(clean.get("dual_recording_ref", ""))
        if step is Step.PREVIOUS_BROKER:
            app.previous_broker = str(clean.get("previous_broker", ""))
            app.retention_notes = str(clean.get("retention_notes", ""))
        return None

    def _store(
        self, app: AccountApplication, step: Step, clean: Mapping[str, Any], warnings: Iterable[StepWarning],
        confirmed: list[str],
    ) -> None:  # fmt: skip
        warning_list = [w.as_json() for w in warnings]
        done = {w["code"] for w in warning_list} <= set(confirmed)
        data = dict(app.step_data or {})
        steps = dict(data.get("steps") or {})
        steps[step.value] = {"data": dict(clean), "warnings": warning_list, "confirmed": confirmed, "done": done}
        data["steps"] = steps
        app.step_data = data  # a new dict: JSON columns do not track in-place changes
        order = steps_for(app.kind)
        first_open = next((s for s in order if not steps.get(s.value, {}).get("done")), order[-1])
        app.current_step = first_open.value  # resume goes to the first step not done

    def _result(self, app: AccountApplication, step: Step, existing_id: uuid.UUID | None) -> StepResult:
        entry = _entry(app, step)
        warnings = tuple(StepWarning(**w) for w in entry.get("warnings", []))
        pending = tuple(w for w in warnings if w.code not in entry.get("confirmed", []))
        following = next_step(app.kind, step) if not pending else None
        return StepResult(step, True, (), warnings, pending, following, existing_id)


# --- helpers shared with submission, review and prefill --------------------------------------------


def _get(session: Session, model: Any, key: uuid.UUID, what: str) -> Any:
    row = session.get(model, key)
    if row is None or getattr(row, "deleted_at", None) is not None:
        raise errors.NotFound(what=what)
    return row


def _entries(app: AccountApplication) -> dict[str, dict[str, Any]]:
    return dict((app.step_data or {}).get("steps") or {})


def _entry(app: AccountApplication, step: Step) -> dict[str, Any]:
    return _entries(app).get(step.value, {})


def draft_view(app: AccountApplication) -> DraftView:
    """The plain-data view of an application."""
    prefill = (app.step_data or {}).get("prefill") or {}
    states = []
    for step in steps_for(app.kind):
        entry = _entry(app, step)
        states.append(
            StepState(
                step,
                bool(entry.get("done")),
                bool(entry),
                dict(entry.get("data") or prefill.get(step.value) or {}),
                tuple(StepWarning(**w) for w in entry.get("warnings", [])),
                tuple(entry.get("confirmed", [])),
            )
        )
    agent = (app.step_data or {}).get("telesales_agent_id")
    return DraftView(
        app.id, app.kind, app.status, Step(app.current_step), tuple(states), app.client_id, app.clerk_id,
        uuid.UUID(agent) if agent else None, app.review_comment,
    )  # fmt: skip


def prefill_from(values: Mapping[str, Any], *, fallback: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Telesales data by step: nested ``{"identity": {...}}`` or flat ``{"name": …}`` keys."""
    result: dict[str, dict[str, Any]] = {}
    flat = {**(fallback or {}), **{k: v for k, v in values.items() if not isinstance(v, Mapping)}}
    for step, names in PREFILL_FIELDS.items():
        nested = values.get(step.value)
        picked = {n: flat[n] for n in names if flat.get(n) not in (None, "")}
        if isinstance(nested, Mapping):
            picked.update({k: v for k, v in nested.items() if k in names})
        if picked:
            result[step.value] = picked
    return result


def prefill_from_client(client: Client) -> dict[str, dict[str, Any]]:
    """An existing client's data as the identity and client-data pages' starting values."""
    identity = {
        "name": client.name, "id_type": client.id_type.value, "id_number": client.id_number,
        "sex": client.sex.value if client.sex else "", "birth_date": client.birth_date.isoformat() if client.birth_date
        else "", "nationality": client.nationality, "ethnicity": client.ethnicity, "id_issuer": client.id_issuer,
        "id_valid_from": client.id_valid_from.isoformat() if client.id_valid_from else "",
        "id_valid_to": client.id_valid_to.isoformat() if client.id_valid_to else "",
        "id_long_term": client.id_long_term, "id_address": client.id_address,
    }  # fmt: skip
    data = {
        "mobile": client.mobile, "phone": client.phone, "email": client.email, "address": client.address,
        "postcode": client.postcode, "occupation": client.occupation, "occupation_text": client.occupation_text,
        "employer": client.employer, "education": client.education, "channel": client.channel.value,
    }  # fmt: skip
    return {Step.IDENTITY.value: identity, Step.CLIENT_DATA.value: data}


def existing_facts(client: Client) -> ExistingClient:
    return ExistingClient(
        client.id, client.name, client.risk_class, client.risk_score, client.risk_assessed_on,
        client.risk_valid_until, client.lowest_category, client.professional, client.professional_valid_until,
    )  # fmt: skip


def find_client(session: Session, id_type: IdType, id_number: str) -> Client | None:
    """The client on file with this document (the unique key), if any."""
    return session.scalars(
        sa.select(Client).where(Client.id_type == id_type, Client.id_number == id_number, Client.deleted_at.is_(None))
    ).first()


def approver_problem(session: Session, actor: Actor, staff_no: str) -> uuid.UUID | FieldProblem:
    """The approving supervisor's id, or the problem with ``staff_no``."""
    staff = session.scalars(sa.select(Staff).where(Staff.staff_no == staff_no.strip())).first()
    reason = ""
    if staff is None or not staff.active:
        reason = "工号不存在或已停用"
    elif Role.SUPERVISOR.value not in staff.roles:
        reason = "该员工不是主管，不能审批低于下限的佣金"
    elif staff.id == actor.staff_id:
        reason = "经办人不能审批自己办理的佣金"
    if staff is None or reason:
        message = errors.ApproverInvalid(reason=reason, reason_en=reason)
        return FieldProblem("approver_no", message.message(), message.message("en"))
    return staff.id


def masked_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, str]:
    """Changed fields for the audit trail: identifiers masked, other personal values left out."""
    changes: dict[str, str] = {}
    for key in sorted(set(before) | set(after)):
        if before.get(key) == after.get(key):
            continue
        masker = _MASKERS.get(key)
        value = after.get(key)
        changes[key] = masker(str(value)) if masker and isinstance(value, str) else "（已修改）"
    return changes
