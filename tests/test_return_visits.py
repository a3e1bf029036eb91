"""Return visits (回访) after opening/transfer-in: planned for the inviting agent, listed, closed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from workstation import errors
from workstation.demo import seed_branch, seed_staff
from workstation.domain import (
    ApplicationKind,
    ApplicationStatus,
    AppointmentStatus,
    ReturnVisitOutcome,
    Role,
    ServiceLine,
)
from workstation.models import AccountApplication, Appointment, Client, Policy, ReturnVisit, Staff, Visit
from workstation.services import return_visits
from workstation.services.actor import Actor
from workstation.store import Store

REVIEWED = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 11:00 in Beijing, 2026-12-01


@pytest.fixture
def branch(store: Store) -> dict[str, object]:
    """Six applications: three invited (three ways), a walk-in, one not yet approved, one cancelled."""
    counter = iter(range(100))
    with store.write() as session:
        branch = seed_branch(session)
        staff = {s.staff_no: s for s in seed_staff(session, branch)}
        session.flush()
        t1, t2, t3, clerk = staff["T001"], staff["T002"], staff["T003"], staff["C001"]

        def client(agent: Staff | None = None) -> Client:
            n = next(counter)
            row = Client(branch_id=branch.id, name=f"张{n}", id_number=f"R{n}", fund_account=f"34000000000{n}",
                         telesales_agent_id=agent and agent.id)  # fmt: skip
            session.add(row)
            session.flush()
            return row

        def appointment(agent: Staff) -> Appointment:
            n = next(counter)
            row = Appointment(
                branch_id=branch.id, code=f"RV{n:04d}", client_name="张", mobile=f"1390000{n:04d}",
                slot_start=REVIEWED, slot_end=REVIEWED, status=AppointmentStatus.SERVED, telesales_agent_id=agent.id,
            )  # fmt: skip
            session.add(row)
            session.flush()
            return row

        def application(who: Client, kind: ApplicationKind, status=ApplicationStatus.APPROVED, **links):  # type: ignore[no-untyped-def]
            session.add(AccountApplication(branch_id=branch.id, kind=kind, status=status, clerk_id=clerk.id,
                                           client_id=who.id, reviewed_at=REVIEWED, **links))  # fmt: skip

        application(client(), ApplicationKind.NEW_ACCOUNT, appointment_id=appointment(t1).id)
        visit = Visit(
            branch_id=branch.id, business_date=REVIEWED.date(), service_line=ServiceLine.TELESALES, ticket_no=1,
            ticket_label="T001", issued_at=REVIEWED, appointment_id=appointment(t2).id,
        )  # fmt: skip
        session.add(visit)
        session.flush()
        application(client(), ApplicationKind.TRANSFER_IN, visit_id=visit.id)
        application(client(t3), ApplicationKind.NEW_ACCOUNT)  # the client's acquiring agent
        application(client(), ApplicationKind.NEW_ACCOUNT)  # a walk-in: no task
        application(client(t1), ApplicationKind.NEW_ACCOUNT, ApplicationStatus.SUBMITTED)
        application(client(t1), ApplicationKind.TRANSFER_IN, ApplicationStatus.CANCELLED)
        return {"branch": branch.id, **{no: staff[no] for no in ("T001", "T002", "T003", "C001", "S001")}}


def test_plan_assigns_the_inviting_agent_once_with_the_policy_due_date(store: Store, branch: dict) -> None:  # type: ignore[type-arg]
    with store.write() as session:
        created = return_visits.plan(session, branch["branch"])
        got = sorted((t.assignee_id, t.kind, t.due_on) for t in created)
    ids = {branch[no].id: no for no in ("T001", "T002", "T003")}
    assert sorted((ids[a], k, d) for a, k, d in got) == [
        ("T001", ApplicationKind.NEW_ACCOUNT, date(2026, 12, 4)),
        ("T002", ApplicationKind.TRANSFER_IN, date(2026, 12, 4)),
        ("T003", ApplicationKind.NEW_ACCOUNT, date(2026, 12, 4)),
    ]
    with store.write() as session:  # planning again: nothing new
        assert return_visits.plan(session, branch["branch"]) == []
        assert session.scalar(sa.select(sa.func.count()).select_from(ReturnVisit)) == 3


def test_the_branch_policy_sets_the_due_days(store: Store, branch: dict) -> None:  # type: ignore[type-arg]
    with store.write() as session:
        session.add(Policy(key="return_visits", branch_id=branch["branch"], value={"due_days": 7}))
        session.flush()
        assert {t.due_on for t in return_visits.plan(session, branch["branch"])} == {date(2026, 12, 8)}


OUTCOMES = [
    ("T001", ReturnVisitOutcome.REACHED, "", None),
    ("T001", ReturnVisitOutcome.NO_ANSWER, "  两次未接  ", None),
    ("S001", ReturnVisitOutcome.DECLINED, "", None),  # a supervisor may close anyone's
    ("T002", ReturnVisitOutcome.REACHED, "", errors.PermissionDenied),  # not theirs
    ("T001", ReturnVisitOutcome.COMPLAINT, "", errors.ValidationError),  # a complaint needs the facts
    ("T001", ReturnVisitOutcome.REACHED, "长" * 501, errors.ValidationError),
]


@pytest.mark.parametrize(("who", "outcome", "note", "refused"), OUTCOMES)
def test_record_outcome_rules(
    store: Store,
    branch: dict,
    who: str,
    outcome: ReturnVisitOutcome,
    note: str,
    refused: type[Exception] | None,  # type: ignore[type-arg]
) -> None:
    roles = {"S001": (Role.SUPERVISOR,), "T001": (Role.TELESALES,), "T002": (Role.TELESALES,)}[who]
    staff = branch[who]
    actor = Actor(staff.id, staff.staff_no, staff.name, frozenset(roles), branch["branch"])
    with store.write() as session:
        return_visits.plan(session, branch["branch"])
    (task,) = [t for t in _tasks(store, branch["T001"].id)]
    if refused is not None:
        with pytest.raises(refused), store.write() as session:
            return_visits.record_outcome(session, actor, task.task_id, outcome, note)
        return
    with store.write() as session:
        done = return_visits.record_outcome(session, actor, task.task_id, outcome, note)
        assert (done.outcome, done.outcome_note, done.done_by_id) == (outcome, note.strip(), staff.id)
    assert _tasks(store, branch["T001"].id) == []
    with pytest.raises(return_visits.ReturnVisitClosed), store.write() as session:
        return_visits.record_outcome(session, actor, task.task_id, outcome, "again")


def _tasks(store: Store, staff_id: object, **kwargs: object) -> list[return_visits.TaskLine]:
    with store.read() as session:
        return return_visits.tasks_for(session, staff_id, **kwargs)  # type: ignore[arg-type]


def test_the_list_per_person_open_first_with_overdue_and_masked_names(store: Store, branch: dict) -> None:  # type: ignore[type-arg]
    with store.write() as session:
        return_visits.plan(session, branch["branch"])
        extra = session.scalars(sa.select(ReturnVisit).where(ReturnVisit.assignee_id == branch["T002"].id)).one()
        extra.assignee_id = branch["T001"].id  # two tasks for T001
        extra.due_on = date(2026, 12, 10)
    t1 = branch["T001"].id
    open_ = _tasks(store, t1, today=date(2026, 12, 5))
    assert [(t.due_on, t.overdue) for t in open_] == [(date(2026, 12, 4), True), (date(2026, 12, 10), False)]
    assert all("*" in t.client_name for t in open_)
    actor = Actor(t1, "T001", "刘洋", frozenset({Role.TELESALES}), branch["branch"])
    with store.write() as session:
        return_visits.record_outcome(session, actor, open_[0].task_id, ReturnVisitOutcome.REACHED)
    everything = _tasks(store, t1, include_done=True, today=date(2026, 12, 5))
    assert [(t.due_on, t.outcome) for t in everything] == [
        (date(2026, 12, 10), None), (date(2026, 12, 4), ReturnVisitOutcome.REACHED),
    ]  # fmt: skip
    assert not everything[1].overdue and _tasks(store, branch["T003"].id)[0].kind is ApplicationKind.NEW_ACCOUNT
