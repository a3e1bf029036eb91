"""Reception services: parsing the check-in box, finding appointments, check-in, tickets, queue."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, time, timedelta

import pytest
import sqlalchemy as sa

from workstation import errors
from workstation.clock import BRANCH_TZ, business_date
from workstation.demo import DEMO_PASSWORD, seed_branch, seed_staff
from workstation.domain import AppointmentStatus, Purpose, ServiceLine, VisitOutcome, VisitStatus
from workstation.models import Appointment, Branch, Counter, Staff, Visit
from workstation.services import auth, queue, reception, tickets
from workstation.services.reception import QueryKind, parse_search
from workstation.store import Store


@pytest.mark.parametrize(
    ("text", "kind", "value", "surname"),
    [
        ("13812345678", QueryKind.MOBILE, "13812345678", ""),
        (" 138 1234 5678 ", QueryKind.MOBILE, "13812345678", ""),
        ("+8613812345678", QueryKind.MOBILE, "13812345678", ""),
        ("１３８１２３４５６７８", QueryKind.MOBILE, "13812345678", ""),  # full-width digits
        ("5678张", QueryKind.MOBILE_TAIL, "5678", "张"),
        ("欧阳5678", QueryKind.MOBILE_TAIL, "5678", "欧阳"),
        ("k7m2q9xa", QueryKind.CODE, "K7M2Q9XA", ""),
        ("APPT:K7M2Q9XA\r\n", QueryKind.CODE, "K7M2Q9XA", ""),
        ("zs", QueryKind.PINYIN, "zs", ""),
        ("ZhangSan", QueryKind.PINYIN, "zhangsan", ""),
        ("张三", QueryKind.NAME, "张三", ""),
        ("买买提·艾力", QueryKind.NAME, "买买提·艾力", ""),
        ("𠮷野", QueryKind.NAME, "𠮷野", ""),
    ],
)
def test_parse_search_recognises_every_way_clients_identify(text, kind, value, surname) -> None:
    query = parse_search(text)
    assert (query.kind, query.value, query.surname) == (kind, value, surname)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "内容为空"),
        ("   ", "内容为空"),
        ("张" * 41, "内容过长"),
        ("张\x00三", "控制字符"),
        ("张三😀", "表情"),
        ("'; DROP TABLE client;--", "格式无法识别"),
        ("1381234", "格式无法识别"),
    ],
)
def test_parse_search_rejects_bad_input_with_a_reason(text, reason) -> None:
    with pytest.raises(errors.SearchTextInvalid) as caught:
        parse_search(text)
    assert reason in caught.value.message()


@pytest.fixture
def world(store: Store):
    """The demo branch and staff, another branch, and a few appointments."""
    with store.write() as session:
        branch = seed_branch(session)
        seed_staff(session, branch)
        other = Branch(code="SH-LJZ", name="华夏证券上海陆家嘴营业部", address="上海市浦东新区")
        session.add(other)
        session.flush()
        agent = session.scalars(sa.select(Staff).where(Staff.staff_no == "T001")).one()
    today = business_date()

    def at(day_offset: int, hour: int) -> datetime:
        return datetime.combine(today + timedelta(days=day_offset), time(hour), tzinfo=BRANCH_TZ)

    rows = {
        "today": dict(client_name="张三", pinyin_full="zhangsan", pinyin_initials="zs", mobile="13812345678"),
        "tomorrow": dict(client_name="李四", pinyin_full="lisi", pinyin_initials="ls", mobile="13912345678"),
        "other_branch": dict(client_name="王五", pinyin_full="wangwu", pinyin_initials="ww", mobile="13712345678"),
        "cancelled": dict(client_name="赵六", pinyin_full="zhaoliu", pinyin_initials="zl", mobile="13612345678"),
        "rare": dict(client_name="𠮷野", pinyin_full="ye", pinyin_initials="y", mobile="13512345678"),
    }
    ids = {}
    with store.write() as session:
        for key, data in rows.items():
            appt = Appointment(
                branch_id=other.id if key == "other_branch" else branch.id,
                code=reception.new_appointment_code(),
                purpose=Purpose.NEW_ACCOUNT,
                slot_start=at(1 if key == "tomorrow" else 0, 10),
                slot_end=at(1 if key == "tomorrow" else 0, 11),
                telesales_agent_id=agent.id,
                status=AppointmentStatus.CANCELLED if key == "cancelled" else AppointmentStatus.BOOKED,
                **data,
            )
            session.add(appt)
            session.flush()
            ids[key] = (appt.id, appt.code)
    clerk = auth.login(store, branch.id, "R001", DEMO_PASSWORD, None)
    return store, branch.id, clerk, ids


def test_find_by_each_key_lists_today_at_this_branch_first(world) -> None:
    store, branch_id, _clerk, ids = world
    with store.read() as session:
        assert [m.client_name for m in reception.find_appointments(session, branch_id, "13812345678")] == ["张三"]
        assert [m.client_name for m in reception.find_appointments(session, branch_id, "5678张")] == ["张三"]
        assert [m.client_name for m in reception.find_appointments(session, branch_id, "zs")] == ["张三"]
        assert [m.client_name for m in reception.find_appointments(session, branch_id, "zhang")] == ["张三"]
        assert [m.client_name for m in reception.find_appointments(session, branch_id, "𠮷")] == ["𠮷野"]
        code_match = reception.find_appointments(session, branch_id, f"APPT:{ids['today'][1]}")
        assert [m.appointment_id for m in code_match] == [ids["today"][0]]
        elsewhere = reception.find_appointments(session, branch_id, "13712345678")
        assert elsewhere[0].branch_name == "华夏证券上海陆家嘴营业部"
        assert not elsewhere[0].at_this_branch
        assert reception.find_appointments(session, branch_id, "13000000000") == []


def test_check_in_gives_a_telesales_ticket_once(world) -> None:
    store, _branch_id, clerk, ids = world
    with store.write() as session:
        first = reception.check_in(session, clerk, ids["today"][0])
    with store.write() as session:
        again = reception.check_in(session, clerk, ids["today"][0])
    assert first.ticket.label == "T001"
    assert not first.already_checked_in
    assert again.already_checked_in
    assert again.ticket.visit_id == first.ticket.visit_id
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Visit)) == 1
        appointment = session.get(Appointment, ids["today"][0])
        assert appointment is not None
        assert appointment.status is AppointmentStatus.CHECKED_IN


@pytest.mark.parametrize(
    ("key", "error", "text"),
    [
        ("tomorrow", errors.AppointmentOtherDay, "不是今天"),
        ("other_branch", errors.AppointmentOtherBranch, "陆家嘴"),
        ("cancelled", errors.AppointmentCancelled, "已取消"),
    ],
)
def test_check_in_explains_why_not(world, key, error, text) -> None:
    store, _branch_id, clerk, ids = world
    with pytest.raises(error) as caught, store.write() as session:
        reception.check_in(session, clerk, ids[key][0])
    assert text in caught.value.message()
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Visit)) == 0


def test_late_arrival_is_served_but_flagged(world) -> None:
    store, _branch_id, clerk, ids = world
    with store.read() as session:
        appointment = session.get(Appointment, ids["today"][0])
        assert appointment is not None
        late = appointment.slot_end + timedelta(hours=2)
    if business_date(late) != business_date():
        pytest.skip("too close to midnight for this scenario")
    with store.write() as session:
        result = reception.check_in(session, clerk, ids["today"][0], now=late)
    assert result.ticket.punctuality == "late"


def test_walk_in_tickets_number_per_line(world) -> None:
    store, _branch_id, clerk, _ids = world
    with store.write() as session:
        labels = [
            tickets.issue_walk_in(session, clerk, line).label
            for line in (ServiceLine.NEW_ACCOUNT, ServiceLine.NEW_ACCOUNT, ServiceLine.TRANSFER_IN)
        ]
    assert labels == ["A001", "A002", "B001"]
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        tickets.issue_walk_in(session, clerk, ServiceLine.TELESALES)


def test_telesales_counter_calls_appointments_first_and_needs_an_outcome(world) -> None:
    store, branch_id, clerk, ids = world
    counter_clerk = auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    with store.write() as session:
        tickets.issue_walk_in(session, clerk, ServiceLine.NEW_ACCOUNT)
        reception.check_in(session, clerk, ids["today"][0])
        counter = session.scalars(sa.select(Counter).where(Counter.is_telesales)).one()
    with store.write() as session:
        called = queue.call_next(session, counter_clerk, counter.id)
    assert called.label == "T001"
    with pytest.raises(errors.OutcomeRequired), store.write() as session:
        queue.finish_visit(session, counter_clerk, called.visit_id, None)
    with store.write() as session:
        done = queue.finish_visit(session, counter_clerk, called.visit_id, VisitOutcome.ACCOUNT_OPENED)
    assert done.status is VisitStatus.DONE
    with store.read() as session:
        appointment = session.get(Appointment, ids["today"][0])
        assert appointment is not None
        assert appointment.status is AppointmentStatus.SERVED


def test_two_counters_pressing_call_next_at_once_never_share_a_client(world) -> None:
    store, branch_id, clerk, _ids = world
    clerks = [auth.login(store, branch_id, no, DEMO_PASSWORD, None) for no in ("C001", "C002")]
    with store.write() as session:
        for _ in range(6):
            tickets.issue_walk_in(session, clerk, ServiceLine.NEW_ACCOUNT)
        counters = session.scalars(sa.select(Counter).where(Counter.number.in_([2, 3]))).all()
    called: list[uuid.UUID] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def press(actor, counter_id) -> None:
        for _ in range(4):
            try:
                with store.write() as session:
                    ticket = queue.call_next(session, actor, counter_id)
                with lock:
                    called.append(ticket.visit_id)
            except errors.NoTicketToCall:
                return
            except BaseException as exc:  # collected and asserted below
                failures.append(exc)
                return

    threads = [threading.Thread(target=press, args=(a, c.id)) for a, c in zip(clerks, counters, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert len(called) == 6
    assert len(set(called)) == 6


def test_end_of_day_sweep_marks_no_shows_and_reports_show_up_rate(world) -> None:
    from workstation.services import reports

    store, branch_id, clerk, ids = world
    with store.write() as session:
        reception.check_in(session, clerk, ids["today"][0])
    with store.write() as session:
        marked = reception.sweep_no_shows(session, clerk, business_date())
    assert marked == 1  # 𠮷野 did not come; tomorrow's and the cancelled one are untouched
    with store.read() as session:
        rare = session.get(Appointment, ids["rare"][0])
        tomorrow = session.get(Appointment, ids["tomorrow"][0])
        assert rare is not None and rare.status is AppointmentStatus.NO_SHOW
        assert tomorrow is not None and tomorrow.status is AppointmentStatus.BOOKED
        rows = reports.telesales_conversion(session, branch_id, business_date(), business_date())
    assert len(rows) == 1
    assert (rows[0].agent_name, rows[0].booked, rows[0].checked_in, rows[0].no_show, rows[0].cancelled) == (
        "刘洋",
        3,
        1,
        1,
        1,
    )
    assert rows[0].show_up_rate == 0.5


def test_reception_day_measures_waits_and_service(world) -> None:
    from workstation.services import reports

    store, branch_id, clerk, _ids = world
    counter_clerk = auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    with store.write() as session:
        tickets.issue_walk_in(session, clerk, ServiceLine.NEW_ACCOUNT)
        tickets.issue_walk_in(session, clerk, ServiceLine.OTHER)
        counter = session.scalars(sa.select(Counter).where(Counter.number == 2)).one()
    with store.write() as session:
        ticket = queue.call_next(session, counter_clerk, counter.id)
        queue.start_service(session, counter_clerk, ticket.visit_id)
        queue.finish_visit(session, counter_clerk, ticket.visit_id, VisitOutcome.CONSULTATION)
    with store.read() as session:
        day = reports.reception_day(session, branch_id, business_date())
    assert day.tickets_per_line == {ServiceLine.NEW_ACCOUNT: 1, ServiceLine.OTHER: 1}
    assert day.outcomes == {VisitOutcome.CONSULTATION: 1}
    assert day.waiting.count == 1 and day.waiting.median is not None and day.waiting.median >= 0
    assert day.service.count == 1
    assert day.still_waiting == 1


def test_durations_median_and_p90() -> None:
    from workstation.services.reports import Durations

    assert Durations.of([]) == Durations(0, None, None)
    assert Durations.of([5.0]) == Durations(1, 5.0, 5.0)
    result = Durations.of([float(m) for m in range(1, 11)])
    assert result.median == 5.5
    assert result.p90 == pytest.approx(9.1)


def test_peak_hours_are_flagged_until_overtime_covers_them(world) -> None:
    from workstation.domain import DutyKind
    from workstation.services import staffing

    store, branch_id, clerk, _ids = world
    supervisor = auth.login(store, branch_id, "S001", DEMO_PASSWORD, None)
    today = business_date()
    ten = datetime.combine(today, time(10), tzinfo=BRANCH_TZ)
    with store.write() as session:
        agent = session.scalars(sa.select(Staff).where(Staff.staff_no == "T002")).one()
        for i in range(4):  # plus 张三 and 𠮷野 from the fixture: 6 booked at 10:00
            session.add(
                Appointment(
                    branch_id=branch_id, code=reception.new_appointment_code(), client_name=f"客户{i}",
                    mobile=f"1380000000{i}", slot_start=ten, slot_end=ten + timedelta(hours=1),
                    telesales_agent_id=agent.id,
                )
            )  # fmt: skip
        staffing.add_shift(
            session, supervisor, "C001", ten - timedelta(hours=1), ten + timedelta(hours=8), DutyKind.REGULAR
        )
    with store.read() as session:
        hour = next(h for h in staffing.hourly_load(session, branch_id, today, 2) if h.start == ten)
    assert (hour.appointments, hour.staff_on_duty, hour.capacity, hour.shortfall) == (6, 1, 3, 1)
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        staffing.add_shift(session, clerk, "C002", ten, ten + timedelta(hours=2), DutyKind.OVERTIME)
    with store.write() as session:
        shift = staffing.add_shift(session, supervisor, "C002", ten, ten + timedelta(hours=2), DutyKind.OVERTIME)
        assert shift.approved_by_id == supervisor.staff_id
    with store.read() as session:
        hour = next(h for h in staffing.hourly_load(session, branch_id, today, 1) if h.start == ten)
    assert (hour.staff_on_duty, hour.overtime_staff, hour.shortfall) == (2, 1, 0)


def test_competitor_offers_are_edited_by_supervisors_only(world) -> None:
    from workstation.services import staffing

    store, branch_id, clerk, _ids = world
    supervisor = auth.login(store, branch_id, "S001", DEMO_PASSWORD, None)
    with pytest.raises(errors.ValidationError) as caught, store.write() as session:
        staffing.save_offer(session, supervisor, competitor=" ", offer="")
    assert "同业机构" in caught.value.message()
    with store.write() as session:
        offer_id = staffing.save_offer(
            session, supervisor, competitor="某某证券国贸营业部", offer="转入资产满10万送200元京东卡",
            retention_steps="强调本营业部投顾服务与两融利率", valid_until=business_date() + timedelta(days=30),
        )  # fmt: skip
    with pytest.raises(errors.PermissionDenied), store.write() as session:
        staffing.save_offer(session, clerk, competitor="x", offer="y")
    with store.read() as session:
        offers = staffing.list_offers(session, branch_id, today=business_date())
    assert [(o.competitor, o.expired) for o in offers] == [("某某证券国贸营业部", False)]
    with store.write() as session:
        staffing.delete_offer(session, supervisor, offer_id)
    with store.read() as session:
        assert staffing.list_offers(session, branch_id, today=business_date()) == []


def test_recall_skip_transfer_and_the_live_queue(world) -> None:
    store, branch_id, clerk, ids = world
    counter_clerk = auth.login(store, branch_id, "C001", DEMO_PASSWORD, None)
    with store.write() as session:
        a1 = tickets.issue_walk_in(session, clerk, ServiceLine.NEW_ACCOUNT, client_name="甲")
        tickets.issue_walk_in(session, clerk, ServiceLine.TRANSFER_IN, client_name="乙")
        reception.check_in(session, clerk, ids["today"][0])
        counter = session.scalars(sa.select(Counter).where(Counter.number == 2)).one()
    with store.read() as session:
        assert [e.label for e in queue.queue(session, branch_id)] == ["T001", "A001", "B001"]
    with store.write() as session:
        moved = queue.transfer(session, clerk, a1.visit_id, ServiceLine.TRANSFER_IN)
    assert moved.label == "B002"
    with store.write() as session:
        called = queue.call_next(session, counter_clerk, counter.id)  # counter 2 serves A, B, C
    assert called.label == "B002"  # issued before 乙's B001, so it keeps its place
    with store.write() as session:
        again = queue.recall(session, counter_clerk, called.visit_id)
        gone = queue.skip_no_show(session, counter_clerk, called.visit_id)
    assert again.status is VisitStatus.CALLED
    assert gone.status is VisitStatus.NO_SHOW
    with store.read() as session:
        assert [e.label for e in queue.queue(session, branch_id)] == ["T001", "B001"]
        listed = reception.todays_appointments(session, branch_id)
    assert {m.client_name: m.status for m in listed} == {
        "张三": AppointmentStatus.CHECKED_IN,
        "赵六": AppointmentStatus.CANCELLED,
        "𠮷野": AppointmentStatus.BOOKED,
    }


def test_appointment_on_another_day_can_queue_as_walk_in(world) -> None:
    store, _branch_id, clerk, ids = world
    with pytest.raises(errors.AppointmentOtherDay), store.write() as session:
        reception.check_in(session, clerk, ids["tomorrow"][0])
    with store.write() as session:
        ticket = reception.serve_as_walk_in(session, clerk, ids["tomorrow"][0])
    assert ticket.label == "A001"
    assert ticket.client_name == "李四"
    # Issue 15 defect 6: asking again (a double click, another workstation) is the same ticket.
    with store.write() as session:
        again = reception.serve_as_walk_in(session, clerk, ids["tomorrow"][0], visit_id=uuid.uuid4())
    assert again.label == "A001" and again.visit_id == ticket.visit_id


def test_checked_in_count_does_not_go_down_when_the_client_is_served(world) -> None:
    """Issue 15 defect 4: "预约已签到" counts today's check-ins, served ones included."""
    from workstation.services.overview import branch_overview

    store, branch_id, clerk, ids = world
    with store.write() as session:
        reception.check_in(session, clerk, ids["today"][0])
    with store.read() as session:
        assert branch_overview(session, branch_id).appointments_checked_in == 1
    with store.write() as session:
        session.get(Appointment, ids["today"][0]).status = AppointmentStatus.SERVED  # what finishing does
    with store.read() as session:
        assert branch_overview(session, branch_id).appointments_checked_in == 1


def test_staffing_shows_every_hour_with_appointments_or_shifts(world) -> None:
    """Issue 15 defect 7: an 18:30 appointment (after hours) shows in the staffing view."""
    from workstation.domain import DutyKind
    from workstation.services import staffing

    store, branch_id, _clerk, _ids = world
    today = business_date()
    late = datetime.combine(today, time(18, 30), tzinfo=BRANCH_TZ)
    with store.write() as session:
        supervisor = auth.login(store, branch_id, "S001", DEMO_PASSWORD, None)
        session.add(
            Appointment(
                branch_id=branch_id, code=reception.new_appointment_code(), client_name="晚到客户",
                mobile="13800000999", slot_start=late, slot_end=late + timedelta(minutes=30),
            )
        )  # fmt: skip
        staffing.add_shift(
            session, supervisor, "C002", late.replace(minute=0), late + timedelta(hours=2), DutyKind.OVERTIME
        )
    with store.read() as session:
        hours = staffing.hourly_load(session, branch_id, today, 1)
    evening = {h.start.hour: h for h in hours if h.after_hours}
    assert evening[18].appointments == 1 and evening[18].overtime_staff == 1
    assert 20 in evening and evening[20].appointments == 0  # the overtime shift runs to 20:30
    assert [h.start for h in hours] == sorted(h.start for h in hours)
