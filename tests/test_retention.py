"""Retention by policy and data-subject requests (issue 17), with a fake clock (``now`` given)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from tests import records
from workstation import errors
from workstation.cli import main
from workstation.clock import utcnow
from workstation.domain import ClientStatus, Role, ServiceLine, VisitOutcome
from workstation.models import (
    AccountApplication,
    Appointment,
    AuditEvent,
    Client,
    OutboxMessage,
    Policy,
    PrintedDocument,
    Visit,
)
from workstation.services import data_subject, retention
from workstation.services.actor import Actor
from workstation.services.auth import hash_password
from workstation.services.identity import register_workstation
from workstation.store import Store

ID_NUMBER = "11010519491231002X"
MOBILE = "13912345678"


def later(days: float) -> object:
    return utcnow() + timedelta(days=days)


def setup_branch(store: Store, n: int = 1) -> dict[str, object]:
    """A workstation's branch with a prospect, a client with an account, an appointment, a visit,
    a draft application and a printed document, all made "now"."""
    with store.write() as session:
        branch = records.branch(session)
        register_workstation(session, branch, "ws1", "pc1")
        clerk = records.staff(session, branch, roles=["clerk"])
        boss = records.staff(
            session, branch, staff_no=f"S90{n}", roles=["supervisor"], password_hash=hash_password("Demo1234")
        )
        number = ID_NUMBER if n == 1 else f"1101051949123109{n}X"
        prospect = records.client(session, branch, id_number=number, mobile=MOBILE, email="z@example.com")
        opened = records.client(
            session,
            branch,
            status=ClientStatus.ACTIVE,
            client_no=f"C000{n}",
            fund_account=f"F000{n}",
            mobile="13700000001",
        )
        appointment = records.appointment(session, branch)
        appointment.client_id = prospect.id
        appointment.slot_start = utcnow()
        appointment.slot_end = utcnow() + timedelta(minutes=30)
        appointment.notes = "想了解两融"
        visit = Visit(
            branch_id=branch.id, business_date=date.today(), service_line=ServiceLine.NEW_ACCOUNT, ticket_no=1,
            ticket_label="A001", client_id=prospect.id, client_name="张三", mobile=MOBILE, issued_at=utcnow(),
            finished_at=utcnow(), served_by_id=clerk.id, outcome=VisitOutcome.CONSULTATION,
        )  # fmt: skip
        application = AccountApplication(
            branch_id=branch.id, kind="new_account", client_id=prospect.id, clerk_id=clerk.id,
            step_data={"identity": {"id_number": ID_NUMBER}},
        )  # fmt: skip
        document = PrintedDocument(
            branch_id=branch.id, doc_no=f"D-{n}", form_code="account-application", title="开户申请表",
            client_id=opened.id, data={"id_number": "110105194912310021"}, created_by_id=clerk.id,
        )  # fmt: skip
        session.add_all([visit, application, document])
        session.flush()
        ids = dict(
            branch=branch.id, prospect=prospect.id, opened=opened.id, appointment=appointment.id, visit=visit.id,
            application=application.id, document=document.id, boss=boss.id, branch_name=branch.name,
        )  # fmt: skip
    return ids


def supervisor(ids: dict[str, object]) -> Actor:
    return Actor(ids["boss"], "S901", "主管", frozenset({Role.SUPERVISOR}), ids["branch"], str(ids["branch_name"]))  # type: ignore[arg-type]


def run(store: Store, days: float) -> retention.RetentionResult:
    with store.write() as session:
        return retention.run_workstation(session, later(days))  # type: ignore[arg-type]


def test_nothing_is_touched_before_the_policy_days(store: Store) -> None:
    setup_branch(store)
    assert run(store, 100).as_dict() == {
        "clients": 0,
        "applications": 0,
        "appointments": 0,
        "visits": 0,
        "documents": 0,
        "leads": 0,
    }


def test_old_personal_data_is_removed_and_the_facts_stay(store: Store) -> None:
    ids = setup_branch(store)
    with store.read() as session:
        before = session.get(Client, ids["prospect"])
        assert before is not None
        version = before.version
        outbox_before = session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
    result = run(store, 400)  # past 365 (prospects) and 180 (appointments, visits), not 20 years
    assert result.as_dict() == {
        "clients": 1, "applications": 1, "appointments": 1, "visits": 1, "documents": 0, "leads": 0,
    }  # fmt: skip
    with store.read() as session:
        prospect = session.get(Client, ids["prospect"])
        assert prospect is not None
        assert (prospect.name, prospect.mobile, prospect.email) == (retention.ANONYMISED, "", "")
        assert ID_NUMBER not in prospect.id_number and prospect.anonymised_at is not None
        assert prospect.status is ClientStatus.PROSPECT and prospect.channel.value == "walk_in"
        assert prospect.version == version + 1
        opened = session.get(Client, ids["opened"])
        assert opened is not None and opened.mobile == "13700000001"  # a client with an account stays
        appointment = session.get(Appointment, ids["appointment"])
        assert appointment is not None
        assert (appointment.client_name, appointment.mobile, appointment.notes) == (retention.ANONYMISED, "", "")
        assert appointment.client_id == ids["prospect"] and appointment.slot_start is not None
        visit = session.get(Visit, ids["visit"])
        assert visit is not None and (visit.client_name, visit.mobile) == ("", "")
        assert visit.outcome is VisitOutcome.CONSULTATION and visit.finished_at is not None
        assert visit.served_by_id is not None
        application = session.get(AccountApplication, ids["application"])
        assert application is not None and application.step_data == {}
        document = session.get(PrintedDocument, ids["document"])
        assert document is not None and document.data  # kept for the legal period
        # Propagation: each changed row the branch owns has an outbox message with its new version.
        queued = session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.entity_id == ids["prospect"]).order_by(OutboxMessage.seq)
        ).all()
        assert queued[-1].row_version == version + 1 and queued[-1].payload["name"] == retention.ANONYMISED
        assert session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) >= outbox_before + 5
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "retention.run")).one()
        assert event.details["clients"] == 1 and event.details["policy"]["prospect_days"] == 365
        assert MOBILE not in json.dumps(event.details)
    assert run(store, 401).clients == 0  # done once


def test_printed_document_data_goes_after_the_legal_period(store: Store) -> None:
    ids = setup_branch(store)
    assert run(store, 365.25 * 20 + 2).documents == 1
    with store.read() as session:
        document = session.get(PrintedDocument, ids["document"])
        assert document is not None and document.data == {} and document.data_purged_at is not None
        assert document.doc_no == "D-1"


def test_the_policy_is_set_centrally_and_a_branch_may_override(store: Store) -> None:
    ids = setup_branch(store)
    with store.write() as session:
        session.info["applying_sync"] = True  # as pulled from the central database
        session.add(Policy(key="retention", value={"prospect_days": 30, "appointment_days": 10}))
        session.add(Policy(key="retention", branch_id=ids["branch"], value={"appointment_days": 1000}))
    result = run(store, 40)
    assert (result.clients, result.appointments, result.visits) == (1, 0, 0)


def test_the_daily_run_is_due_once_a_day(store: Store) -> None:
    setup_branch(store)
    with store.read() as session:
        assert retention.is_due(session, utcnow())
    run(store, 0)
    with store.read() as session:
        assert not retention.is_due(session, later(0.5))  # type: ignore[arg-type]
        assert retention.is_due(session, later(1.01))  # type: ignore[arg-type]


def test_export_holds_everything_and_is_audited(store: Store) -> None:
    ids = setup_branch(store)
    actor = supervisor(ids)
    with store.write() as session:
        export = data_subject.export_client(session, actor, ID_NUMBER.lower(), utcnow())
    assert export["client"]["id_number"] == ID_NUMBER
    assert len(export["appointments"]) == 1 and len(export["visits"]) == 1
    assert len(export["account_applications"]) == 1
    json.loads(data_subject.to_json_bytes(export))
    with store.read() as session:
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "client.data_export")).one()
        assert ID_NUMBER not in json.dumps(event.details) and event.staff_id == ids["boss"]


def test_only_a_supervisor_may_export_or_record_a_withdrawal(store: Store) -> None:
    ids = setup_branch(store)
    clerk = Actor(ids["boss"], "C1", "柜员", frozenset({Role.CLERK}), ids["branch"])  # type: ignore[arg-type]
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        data_subject.export_client(session, clerk, ID_NUMBER, utcnow())
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        data_subject.withdraw_consent(session, clerk, ID_NUMBER, utcnow())
    with pytest.raises(errors.NotFound), store.write() as session:
        data_subject.export_client(session, supervisor(ids), "110105194912319999", utcnow())


def test_a_withdrawal_anonymises_a_prospect_and_keeps_an_account_holder(store: Store) -> None:
    ids = setup_branch(store)
    with store.write() as session:
        data_subject.withdraw_consent(session, supervisor(ids), ID_NUMBER, utcnow(), "不再需要")
    with store.write() as session:
        opened = session.get(Client, ids["opened"])
        assert opened is not None
        data_subject.withdraw_consent(session, supervisor(ids), opened.id_number, utcnow())
    with store.read() as session:
        prospect, opened = session.get(Client, ids["prospect"]), session.get(Client, ids["opened"])
        assert prospect is not None and opened is not None
        assert prospect.consent_withdrawn_at is not None and prospect.name == retention.ANONYMISED
        assert opened.consent_withdrawn_at is not None and opened.mobile == "13700000001"
        events = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "client.consent_withdrawn")).all()
        assert len(events) == 2


def test_the_cli_exports_xlsx_privately_and_runs_retention(
    sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    setup_branch(sqlite_store)
    db = str(sqlite_store.path)
    out = tmp_path / "client.xlsx"
    monkeypatch.setattr("sys.stdin", io.StringIO("Demo1234\n"))
    args = ["--db", db, "client", "export", "--id-number", ID_NUMBER, "--staff", "S901", "--password-stdin"]
    assert main([*args, "--out", str(out)]) == 0
    assert out.stat().st_mode & 0o077 == 0
    sheets = load_workbook(out).sheetnames
    assert "客户资料" in sheets and "预约" in sheets
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert main(args) == 2
    assert "密码错误" in capsys.readouterr().err
    assert main(["--db", db, "retention", "run"]) == 0
    assert "匿名化客户 0 个" in capsys.readouterr().out


@pytest.mark.postgres
def test_the_central_run_covers_every_branch_without_an_outbox(pg_server: object, pg_template: str) -> None:
    from sqlalchemy.orm import Session

    from tests.conftest import fresh_pg_url
    from workstation.store import open_store

    url = fresh_pg_url(pg_server, pg_template)  # type: ignore[arg-type]
    central = open_store(url)
    try:
        first, second = setup_branch(central, 1), setup_branch(central, 2)
        with central.read() as session:
            queued = session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
        assert main(["retention", "run", "--central", url]) == 0  # nothing old yet
        with Session(central.engine) as session, session.begin():
            result = retention.run_central(session, later(400))  # type: ignore[arg-type]
        assert result.clients == 2 and result.appointments == 2
        with central.read() as session:
            for ids in (first, second):
                prospect = session.get(Client, ids["prospect"])
                assert prospect is not None and prospect.name == retention.ANONYMISED
            assert session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == queued
            runs = session.scalars(sa.select(AuditEvent.branch_id).where(AuditEvent.action == "retention.run")).all()
            assert sorted(runs) == sorted([first["branch"], second["branch"]] * 2)
    finally:
        central.dispose()


def test_the_apps_daily_job_runs_once_a_day(store: Store) -> None:
    setup_branch(store)
    assert retention.run_if_due(store, later(400)) is not None  # type: ignore[arg-type]
    assert retention.run_if_due(store, later(400.5)) is None  # type: ignore[arg-type]
    second = retention.run_if_due(store, later(401.5))  # type: ignore[arg-type]
    assert second is not None and second.clients == 0


def test_a_prospect_still_in_touch_is_not_anonymised(store: Store) -> None:
    ids = setup_branch(store)
    with store.write() as session:
        appointment = session.get(Appointment, ids["appointment"])
        assert appointment is not None
        appointment.slot_start = utcnow() + timedelta(days=399)  # booked again, for next year
        appointment.slot_end = appointment.slot_start + timedelta(minutes=30)
    result = run(store, 400)
    assert result.clients == 0 and result.visits == 1  # the old visit still loses its personal data
    with store.read() as session:
        prospect = session.get(Client, ids["prospect"])
        assert prospect is not None and prospect.anonymised_at is None
