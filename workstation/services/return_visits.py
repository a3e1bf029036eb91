"""Return visits (回访) after an account was opened or transferred in (issue 19).

:func:`plan` creates, for every approved new-account or transfer-in application of the branch
that has none yet, one task for the telesales agent who invited the client: the agent of the
application's appointment (directly or through its visit), else the client's acquiring agent.
Applications nobody invited (walk-ins) get no task. The task is due ``due_days`` after the
review (policy ``return_visits``, default 3 days); planning again never duplicates a task (one
per application, a unique key). :func:`record_outcome` closes a task (the assignee or a
supervisor); :func:`tasks_for` lists a person's tasks, open ones first by due date.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.clock import business_date, utcnow
from workstation.domain import ApplicationKind, ApplicationStatus, ReturnVisitOutcome, Role
from workstation.masking import mask_name
from workstation.models import AccountApplication, Appointment, Client, ReturnVisit, Visit
from workstation.services import audit
from workstation.services.actor import Actor
from workstation.services.policy import get_policy

DEFAULT_DUE_DAYS = 3
MAX_NOTE = 500


class ReturnVisitClosed(errors.UserError):
    code = "return_visit.closed"
    zh = "该回访已于 {when} 登记结果，不能重复登记。"
    en = "This return visit was already recorded on {when}."


def due_days(session: Session, branch_id: uuid.UUID) -> int:
    """Days from the review to the return visit's due date (policy ``return_visits.due_days``)."""
    value = get_policy(session, "return_visits", branch_id).get("due_days", DEFAULT_DUE_DAYS)
    return max(0, int(value))


def plan(session: Session, branch_id: uuid.UUID) -> list[ReturnVisit]:
    """Create the missing tasks of the branch (see the module docstring); return the new ones."""
    x, a, v, c = AccountApplication, Appointment, Visit, Client
    via_visit = sa.orm.aliased(Appointment)
    agent = sa.func.coalesce(a.telesales_agent_id, via_visit.telesales_agent_id, c.telesales_agent_id)
    rows = session.execute(
        sa.select(x.id, x.client_id, x.kind, x.reviewed_at, x.updated_at, agent)
        .join(c, c.id == x.client_id)
        .outerjoin(a, a.id == x.appointment_id)
        .outerjoin(v, v.id == x.visit_id)
        .outerjoin(via_visit, via_visit.id == v.appointment_id)
        .where(
            x.branch_id == branch_id, x.status == ApplicationStatus.APPROVED, x.deleted_at.is_(None),
            x.kind.in_([ApplicationKind.NEW_ACCOUNT, ApplicationKind.TRANSFER_IN]),
            ~sa.exists().where(ReturnVisit.application_id == x.id),
        )
        .order_by(x.reviewed_at, x.id)
    ).all()  # fmt: skip
    days = due_days(session, branch_id)
    created = []
    for app_id, client_id, kind, reviewed_at, updated_at, assignee in rows:
        if assignee is None:
            continue  # nobody invited this client: no telesales follow-up
        done: datetime = reviewed_at or updated_at
        task = ReturnVisit(
            branch_id=branch_id, application_id=app_id, client_id=client_id, kind=kind, assignee_id=assignee,
            due_on=business_date(done) + timedelta(days=days),
        )  # fmt: skip
        session.add(task)
        created.append(task)
    session.flush()
    return created


@dataclass(frozen=True)
class TaskLine:
    """One task of a person's list (the client's name masked: the list may be printed)."""

    task_id: uuid.UUID
    due_on: date
    kind: ApplicationKind
    client_name: str
    fund_account: str
    outcome: ReturnVisitOutcome | None
    overdue: bool


def tasks_for(
    session: Session, staff_id: uuid.UUID, *, include_done: bool = False, today: date | None = None
) -> list[TaskLine]:
    """The person's return visits, open ones first by due date (every branch the session sees)."""
    today = today or business_date()
    query = (
        sa.select(ReturnVisit, Client.name, Client.fund_account)
        .join(Client, Client.id == ReturnVisit.client_id)
        .where(ReturnVisit.assignee_id == staff_id, ReturnVisit.deleted_at.is_(None))
        .order_by(ReturnVisit.done_at.is_not(None), ReturnVisit.due_on, ReturnVisit.id)
    )
    if not include_done:
        query = query.where(ReturnVisit.done_at.is_(None))
    return [
        TaskLine(
            task.id,
            task.due_on,
            task.kind,
            mask_name(name),
            account or "",
            task.outcome,
            task.done_at is None and task.due_on < today,
        )
        for task, name, account in session.execute(query)
    ]


def record_outcome(
    session: Session,
    actor: Actor,
    task_id: uuid.UUID,
    outcome: ReturnVisitOutcome,
    note: str = "",
    *,
    now: datetime | None = None,
) -> ReturnVisit:
    """Close a task with its outcome: the assignee, or a supervisor of the branch."""
    task = session.get(ReturnVisit, task_id)
    if task is None or task.deleted_at is not None:
        raise errors.NotFound(what="该回访任务")
    if task.assignee_id != actor.staff_id:
        actor.require((Role.SUPERVISOR,), "登记他人的回访结果")
        if task.branch_id != actor.branch_id:
            raise errors.NotFound(what="该回访任务")
    if task.done_at is not None:
        raise ReturnVisitClosed(when=task.done_at.date().isoformat())
    text = " ".join((note or "").split())
    if len(text) > MAX_NOTE:
        raise errors.ValidationError(
            [errors.FieldProblem("note", f"回访说明过长（最多 {MAX_NOTE} 个字）。", "The note is too long.")]
        )
    if outcome is ReturnVisitOutcome.COMPLAINT and not text:
        raise errors.ValidationError(
            [errors.FieldProblem("note", "有投诉或异议时请写明情况。", "Describe the complaint.")]
        )
    task.outcome, task.outcome_note, task.done_at, task.done_by_id = outcome, text, now or utcnow(), actor.staff_id
    session.flush()
    audit.record(
        session, actor, "return_visit.done", branch_id=task.branch_id, entity="return_visit", entity_id=task.id,
        outcome=outcome.value,
    )  # fmt: skip
    return task
