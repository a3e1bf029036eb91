"""Leads from booths (issue 19): the registration rules, withdrawal, the follow-up list and the CLI."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from workstation import errors
from workstation.demo import seed_branch, seed_staff
from workstation.domain import LeadSource, Purpose, Role
from workstation.models import AuditEvent, Branch, Lead, OutboxMessage, Staff
from workstation.services import leads
from workstation.services.actor import Actor
from workstation.store import Store

NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


@pytest.fixture
def actor(store: Store) -> Actor:
    with store.write() as session:
        branch = seed_branch(session)
        staff = {s.staff_no: s for s in seed_staff(session, branch)}
        session.flush()
        clerk = staff["R001"]
        return Actor(clerk.id, clerk.staff_no, clerk.name, frozenset({Role.RECEPTION}), branch.id, branch.name)


def request(**changes: object) -> leads.LeadRequest:
    values: dict[str, object] = dict(
        mobile="138 1234 5678", source=LeadSource.BOOTH, consent_purpose="电话回访介绍开户服务",
        consent_channel="纸质签字", name="", source_detail="建外SOHO社区服务站",
    )  # fmt: skip
    values.update(changes)
    return leads.LeadRequest(**values)  # type: ignore[arg-type]


VALID = [
    ({}, "13812345678", ""),
    ({"mobile": "+86 139-1234-5678"}, "13912345678", ""),
    ({"mobile": "００８６１５０１２３４５６７８"}, "15012345678", ""),
    ({"name": " 张三 "}, "13812345678", "张三"),
    ({"name": "买买提·艾力"}, "13812345678", "买买提·艾力"),
    ({"name": "   "}, "13812345678", ""),  # blank name: optional
]


@pytest.mark.parametrize(("changes", "mobile", "name"), VALID)
def test_valid_registrations_are_cleaned(changes: dict[str, object], mobile: str, name: str) -> None:
    clean = leads.validate(request(**changes))
    assert (clean.mobile, clean.name) == (mobile, name)


INVALID = [
    ({"mobile": ""}, {"mobile"}),
    ({"mobile": "12345"}, {"mobile"}),
    ({"mobile": "010 6512 3456"}, {"mobile"}),  # a landline
    ({"mobile": "+1 415 555 0100"}, {"mobile"}),  # foreign
    ({"name": "王五😀"}, {"name"}),
    ({"name": "李四2"}, {"name"}),
    ({"consent_purpose": " "}, {"consent_purpose"}),
    ({"consent_channel": ""}, {"consent_channel"}),
    ({"consent_channel": "x" * 41}, {"consent_channel"}),
    ({"source_detail": "地" * 101}, {"source_detail"}),
    ({"mobile": "1", "name": "A1", "consent_purpose": ""}, {"mobile", "name", "consent_purpose"}),  # all at once
]


@pytest.mark.parametrize(("changes", "fields"), INVALID)
def test_invalid_registrations_name_every_bad_field_in_chinese(changes: dict[str, object], fields: set[str]) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        leads.validate(request(**changes))
    assert set(caught.value.by_field()) == fields
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in p.zh) for p in caught.value.problems)


def test_register_stores_the_consent_audits_masked_and_queues_the_push(store: Store, actor: Actor) -> None:
    with store.write() as session:
        lead = leads.register(session, actor, request(name="张三", interest=Purpose.TRANSFER_IN), now=NOW)
        lead_id = lead.id
    with store.read() as session:
        saved = session.get(Lead, lead_id)
        assert saved is not None
        assert (saved.mobile, saved.name, saved.interest, saved.recorded_by_id) == (
            "13812345678", "张三", Purpose.TRANSFER_IN, actor.staff_id,
        )  # fmt: skip
        consent = (saved.consent_purpose, saved.consent_channel, saved.consent_at)
        assert consent == ("电话回访介绍开户服务", "纸质签字", NOW)
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "lead.register")).one()
        assert event.details["mobile"] == "138****5678"
        assert session.scalar(sa.select(sa.func.count()).where(OutboxMessage.entity == "lead")) == 1


def test_one_open_lead_per_mobile_until_withdrawn(store: Store, actor: Actor) -> None:
    with store.write() as session:
        first = leads.register(session, actor, request(), now=NOW).id
    with pytest.raises(leads.LeadAlreadyRegistered) as caught, store.write() as session:
        leads.register(session, actor, request(mobile="13812345678"))
    assert "138****5678" in caught.value.message() and "2026-12-03" in caught.value.message()
    with store.write() as session:
        assert leads.withdraw_mobile(session, actor, "13812345678", now=NOW + timedelta(hours=1)).id == first
    with pytest.raises(leads.LeadAlreadyWithdrawn), store.write() as session:
        leads.withdraw(session, actor, first)
    with store.write() as session:  # registering again after a withdrawal is a new consent
        assert leads.register(session, actor, request()).id != first
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Lead)) == 2


def test_withdrawing_an_unknown_or_other_branchs_lead_is_not_found(store: Store, actor: Actor) -> None:
    with store.write() as session:
        lead_id = leads.register(session, actor, request()).id
    other = Actor(actor.staff_id, "R001", "李娜", frozenset({Role.RECEPTION}), uuid.uuid4())
    for who, target in ((actor, uuid.uuid4()), (other, lead_id)):
        with pytest.raises(errors.NotFound), store.write() as session:
            leads.withdraw(session, who, target)


def test_a_reviewer_only_may_not_register_leads(store: Store, actor: Actor) -> None:
    reviewer = Actor(actor.staff_id, "V001", "赵雪", frozenset({Role.REVIEWER}), actor.branch_id)
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        leads.register(session, reviewer, request())


def test_follow_up_list_has_only_consented_open_leads_and_is_spreadsheet_safe(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    with store.write() as session:
        leads.register(session, actor, request(name="张三"), now=NOW)
        leads.register(session, actor, request(mobile="13912345678", source_detail="=HYPERLINK(1)"), now=NOW)
        gone = leads.register(session, actor, request(mobile="15012345678"), now=NOW)
        leads.withdraw(session, actor, gone.id)
        deleted = leads.register(session, actor, request(mobile="15112345678"), now=NOW)
        deleted.deleted_at = NOW
        leads.register(session, actor, request(mobile="15212345678"), now=NOW - timedelta(days=3))
        code = session.get(Branch, actor.branch_id).code  # type: ignore[union-attr]
    with store.engine.connect() as conn:
        lines = leads.follow_up_list(conn)
        recent = leads.follow_up_list(conn, first=NOW.date() - timedelta(days=1), branch_code=code)
        none = leads.follow_up_list(conn, branch_code="NOPE")
    assert [line.mobile for line in lines] == ["15212345678", "13812345678", "13912345678"]
    assert [line.mobile for line in recent] == ["13812345678", "13912345678"] and none == []
    assert lines[1].recorded_by == "李娜" and lines[1].cells()[1] == "2026-12-03 10:00"
    rows = list(csv.reader(io.StringIO(leads.csv_bytes(lines).decode("utf-8-sig"))))
    assert rows[0] == list(leads.EXPORT_HEADERS) and len(rows) == 4
    assert rows[3][7] == "'=HYPERLINK(1)" and rows[2][6] == "驻点摆摊"
    path = leads.export(lines, tmp_path / "leads.xlsx")
    assert path.stat().st_mode & 0o077 == 0
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["E2"].value == "15212345678" and sheet["H4"].value == "'=HYPERLINK(1)"


def test_staff_names_in_the_export_come_from_the_staff_row(store: Store, actor: Actor) -> None:
    with store.write() as session:
        staff = session.get(Staff, actor.staff_id)
        assert staff is not None
        staff.name = "@坐席"
        leads.register(session, actor, request(), now=NOW)
    with store.engine.connect() as conn:
        (line,) = leads.follow_up_list(conn)
    assert leads.safe_cell(line.recorded_by) == "'@坐席"


def test_the_call_centres_import_links_the_appointment_to_its_lead(store: Store, actor: Actor, tmp_path: Path) -> None:
    from workstation.clock import business_date
    from workstation.models import Appointment
    from workstation.services import appointments

    with store.write() as session:
        lead_id = leads.register(session, actor, request()).id
    day = (business_date() + timedelta(days=1)).isoformat()
    path = tmp_path / "booked.csv"
    path.write_bytes(
        (
            "外呼编号,客户姓名,手机号,预约日期,预约时段,线索编号\n"
            f"L1,张三,13812345678,{day},10:00,{lead_id}\n"
            f"L2,李四,13912345678,{day},11:00,not-a-lead\n"
            f"L3,王五,15012345678,{day},14:00,\n"
        ).encode("gbk")
    )
    with store.write() as session:
        report = appointments.import_appointments(session, actor.branch_id, appointments.read_table(path))
    assert report.imported == 2 and [line for line, _ in report.rejected] == [3]
    assert "线索编号" in report.rejected[0][1][0]
    with store.read() as session:
        links = dict(session.execute(sa.select(Appointment.client_name, Appointment.lead_id)).all())
    assert links == {"张三": lead_id, "王五": None}


def test_the_lead_link_is_the_call_centres_in_the_appointment_merge() -> None:
    from workstation.sync.apply import APPOINTMENT_CENTRAL, merge_appointment

    central, branch = uuid.uuid4(), uuid.uuid4()
    merged = merge_appointment(
        {"lead_id": central, "status": "booked", "version": 2}, {"lead_id": branch, "status": "booked", "version": 3}
    )
    assert "lead_id" in APPOINTMENT_CENTRAL and merged["lead_id"] == central


def test_retention_removes_old_leads_personal_data_and_keeps_the_consent_record(store: Store, actor: Actor) -> None:
    from workstation.services import retention

    with store.write() as session:
        old = leads.register(session, actor, request(name="张三", notes="周末有空"), now=NOW)
        gone = leads.register(session, actor, request(mobile="13912345678"), now=NOW)
        leads.withdraw(session, actor, gone.id, now=NOW)
        recent = leads.register(session, actor, request(mobile="15012345678"), now=NOW + timedelta(days=300))
        ids = (old.id, gone.id, recent.id)
    with store.write() as session:
        result = retention.run_branch(session, actor.branch_id, NOW + timedelta(days=366))
    assert result.leads == 2 and "线索个人信息 2 条" in result.summary()
    with store.read() as session:
        rows = [session.get(Lead, i) for i in ids]
    assert [(r.mobile, r.name, r.notes, r.source_detail) for r in rows if r][:2] == [("", "", "", "")] * 2
    assert rows[0] is not None and rows[0].consent_purpose == "电话回访介绍开户服务" and rows[0].consent_at == NOW
    assert rows[2] is not None and rows[2].mobile == "15012345678"
    with store.write() as session:  # a second run finds nothing more
        assert retention.run_branch(session, actor.branch_id, NOW + timedelta(days=366)).leads == 0
