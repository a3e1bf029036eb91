"""Both wizards driven through the controller on SQLite and PostgreSQL: every step, submit,
review return and approve, resubmit; four-eyes; existing client; drafts surviving a reopen."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.accounts.world import TODAY, World, identity, make_world, pages
from workstation import errors
from workstation.accounts import review as rv
from workstation.accounts.steps import Step, TransferTask, steps_for
from workstation.clock import BRANCH_TZ
from workstation.domain import ApplicationKind, ApplicationStatus, ClientStatus, StepStatus
from workstation.models import AccountApplication, Appointment, AuditEvent, Client, PrintedDocument
from workstation.store import Store, open_store


@pytest.fixture
def world(store: Store) -> World:
    return make_world(store)


def run_steps(world: World, app_id: uuid.UUID, kind: ApplicationKind) -> None:
    data = pages(kind)
    for step in steps_for(kind):
        with world.store.write() as s:
            result = world.wizard.save_step(s, world.clerk, app_id, step, data[step])
            assert result.saved, result.errors
            if result.pending:
                result = world.wizard.confirm_warning(s, world.clerk, app_id, step, [w.code for w in result.pending])
            assert result.done


def start(world: World, kind: ApplicationKind, **kw: object) -> uuid.UUID:
    with world.store.write() as s:
        return world.wizard.start(s, world.clerk, kind, **kw).application_id  # type: ignore[arg-type]


def test_new_account_end_to_end_with_return_and_resubmit(world: World) -> None:
    app_id = start(world, ApplicationKind.NEW_ACCOUNT)
    run_steps(world, app_id, ApplicationKind.NEW_ACCOUNT)
    with world.store.write() as s:
        outcome = world.wizard.submit(s, world.clerk, app_id)
    codes = [d.form_code for d in outcome.documents]
    assert codes == ["account-application", "risk-assessment", "suitability-match", "risk-disclosure", "bank-custody",
                     "crs-declaration", "beneficial-owner"]  # fmt: skip
    with world.store.read() as s:
        queue = rv.review_queue(s, world.branch_id)
        assert [q.application_id for q in queue] == [app_id] and queue[0].id_number_masked.startswith("360*")
    with world.store.write() as s, pytest.raises(errors.ReviewCommentRequired):
        rv.review(s, world.reviewer, app_id, approve=False, comment="")
    with world.store.write() as s:
        assert rv.review(s, world.reviewer, app_id, approve=False, comment="请补充客户职业说明").status is (
            ApplicationStatus.RETURNED
        )
    with world.store.write() as s:
        draft = world.wizard.resume(s, app_id)
        assert draft.status is ApplicationStatus.RETURNED and draft.review_comment == "请补充客户职业说明"
        world.wizard.save_step(s, world.clerk, app_id, Step.CLIENT_DATA, {**draft.state(Step.CLIENT_DATA).data,
                                                                         "employer": "华夏科技有限公司"})  # fmt: skip
    with world.store.write() as s:
        again = world.wizard.submit(s, world.clerk, app_id)
    assert again.client_id == outcome.client_id and again.fund_account == outcome.fund_account
    with world.store.write() as s:
        assert rv.review(s, world.reviewer, app_id, approve=True).status is ApplicationStatus.APPROVED
    with world.store.read() as s:
        client = s.get(Client, outcome.client_id)
        assert client is not None and client.status is ClientStatus.ACTIVE and client.risk_class is not None
        assert client.employer == "华夏科技有限公司" and s.scalar(sa.select(sa.func.count(Client.id))) == 1
        summary = rv.client_summary(s, outcome.client_id, TODAY)
        assert summary.tier_label == "一般" and summary.risk_class == "C4" and not summary.risk_expired
        assert len(summary.documents) == 14 and summary.applications[0][2] is ApplicationStatus.APPROVED
        events = s.scalars(sa.select(AuditEvent).where(AuditEvent.entity_id == app_id)).all()
        actions = [e.action for e in events]
        assert actions.count("accounts.step_saved") == 9 and "accounts.approve" in actions
        text = " ".join(str(e.details) for e in events)
        assert "360426199101010071" not in text and "13800138000" not in text and "𠮷振䶮" not in text
    with world.store.write() as s, pytest.raises(errors.ApplicationNotEditable):
        world.wizard.save_step(s, world.clerk, app_id, Step.COMMISSION, {})


def test_transfer_in_tasks_tracked_until_complete(world: World) -> None:
    app_id = start(world, ApplicationKind.TRANSFER_IN)
    run_steps(world, app_id, ApplicationKind.TRANSFER_IN)
    with world.store.write() as s:
        outcome = world.wizard.submit(s, world.clerk, app_id)
    assert outcome.documents[-1].form_code == "transfer-in"
    assert outcome.transfer_tasks[:2] == (TransferTask.SH_CANCEL_DESIGNATION, TransferTask.SZ_CUSTODY_TRANSFER)
    with world.store.write() as s:
        rv.update_transfer_task(s, world.clerk, app_id, TransferTask.SZ_CUSTODY_TRANSFER, StepStatus.DONE, "T+1 到账")
    with world.store.read() as s:
        progress = rv.transfer_progress(s, app_id)
        assert [p.status for p in progress][:2] == [StepStatus.PENDING, StepStatus.DONE]
        assert progress[1].completed_at is not None and progress[0].at_old_broker and not progress[-1].at_old_broker
        client = s.get(Client, outcome.client_id)
        assert client is not None and client.sh_account == "A123456789" and client.csdc_account == "180123456789"


def test_four_eyes_and_inviting_agent(world: World) -> None:
    with world.store.write() as s:
        slot = datetime.combine(TODAY, datetime.min.time(), tzinfo=BRANCH_TZ) + timedelta(hours=10)
        appt = Appointment(branch_id=world.branch_id, code="AB12CD34", client_name="𠮷振䶮", mobile="13800138000",
                           slot_start=slot, slot_end=slot + timedelta(minutes=30),
                           telesales_agent_id=world.reviewer.staff_id,
                           prefill={"id_type": "00", "id_number": "360426199101010071", "sex": "M"})  # fmt: skip
        s.add(appt)
        s.flush()
        appt_id = appt.id
    app_id = start(world, ApplicationKind.NEW_ACCOUNT, appointment_id=appt_id)
    with world.store.read() as s:
        draft = world.wizard.resume(s, app_id)
    assert draft.state(Step.IDENTITY).data["id_number"] == "360426199101010071"
    assert draft.state(Step.CLIENT_DATA).data == {"mobile": "13800138000", "channel": "telesales"}
    assert draft.telesales_agent_id == world.reviewer.staff_id
    assert start(world, ApplicationKind.NEW_ACCOUNT, appointment_id=appt_id) == app_id  # the open draft, not a new one
    run_steps(world, app_id, ApplicationKind.NEW_ACCOUNT)
    with world.store.write() as s, pytest.raises(errors.InvitingAgentRefused):
        world.wizard.submit(s, world.reviewer, app_id)  # V001 is also a clerk, but invited this client
    with world.store.write() as s:
        world.wizard.submit(s, world.clerk, app_id)
    with world.store.write() as s, pytest.raises(errors.SameClerkReviewer):
        rv.review(s, world.clerk, app_id, approve=True)
    with world.store.write() as s, pytest.raises(errors.InvitingAgentRefused):
        rv.review(s, world.reviewer, app_id, approve=True)
    with world.store.write() as s, pytest.raises(errors.PermissionDenied):
        rv.review(s, world.clerk2, app_id, approve=True)
    with world.store.write() as s:
        assert rv.review(s, world.supervisor, app_id, approve=True).status is ApplicationStatus.APPROVED


def test_existing_client_is_used_never_duplicated(world: World) -> None:
    with world.store.write() as s:
        s.add(Client(branch_id=world.branch_id, name="𠮷振䶮", id_number="360426199101010071", mobile="13800138000"))
    app_id = start(world, ApplicationKind.NEW_ACCOUNT)
    with world.store.write() as s:
        found = world.wizard.save_step(s, world.clerk, app_id, Step.IDENTITY, identity())
        assert found.existing_client_id is not None
    run_steps(world, app_id, ApplicationKind.NEW_ACCOUNT)
    with world.store.write() as s:
        outcome = world.wizard.submit(s, world.clerk, app_id)
    assert outcome.client_id == found.existing_client_id
    with world.store.read() as s:
        assert s.scalar(sa.select(sa.func.count(Client.id))) == 1


def test_refused_input_stores_nothing_and_submit_needs_every_step(world: World) -> None:
    app_id = start(world, ApplicationKind.NEW_ACCOUNT)
    with world.store.write() as s:
        bad = world.wizard.save_step(s, world.clerk, app_id, Step.IDENTITY, identity(id_number="36042619910102009X"))
    assert not bad.saved and bad.errors[0].field == "id_number" and bad.next_step is None
    with world.store.read() as s:
        app = s.get(AccountApplication, app_id)
        assert app is not None and app.step_data["steps"] == {} and app.current_step == "identity"
    with world.store.write() as s, pytest.raises(errors.StepsIncomplete):
        world.wizard.submit(s, world.clerk, app_id)
    with world.store.write() as s, pytest.raises(errors.StepNotInWizard):
        world.wizard.save_step(s, world.clerk, app_id, Step.PREVIOUS_BROKER, {})
    with world.store.read() as s:
        assert s.scalar(sa.select(sa.func.count(PrintedDocument.id))) == 0


def test_commission_below_floor_needs_a_real_supervisor(world: World) -> None:
    app_id = start(world, ApplicationKind.NEW_ACCOUNT)
    low = {"rate_ppm": 100, "approval_reason": "同业竞争挽留客户"}
    with world.store.write() as s:
        clerk = world.wizard.save_step(s, world.clerk, app_id, Step.COMMISSION, {**low, "approver_no": "C002"})
        assert [p.field for p in clerk.errors] == ["approver_no"] and "不是主管" in clerk.errors[0].zh
        ok = world.wizard.save_step(s, world.clerk, app_id, Step.COMMISSION, {**low, "approver_no": "S001"})
        assert ok.saved
        app = s.get(AccountApplication, app_id)
        assert app is not None and app.commission_ppm == 100 and app.commission_approved_by_id is not None


def test_draft_survives_reopening_the_database(db_url: str) -> None:
    store = open_store(db_url)
    world = make_world(store)
    app_id = start(world, ApplicationKind.TRANSFER_IN)
    with store.write() as s:
        world.wizard.save_step(s, world.clerk, app_id, Step.IDENTITY, identity())
        result = world.wizard.save_step(s, world.clerk, app_id, Step.CLIENT_DATA, pages()[Step.CLIENT_DATA])
        assert result.next_step is Step.PREVIOUS_BROKER
    store.dispose()
    reopened = open_store(db_url)
    try:
        with reopened.read() as s:
            draft = world.wizard.resume(s, app_id)
        assert draft.current_step is Step.PREVIOUS_BROKER
        assert [st.done for st in draft.steps][:3] == [True, True, False]
        assert draft.state(Step.IDENTITY).data["birth_date"] == "1991-01-01"
    finally:
        reopened.dispose()
