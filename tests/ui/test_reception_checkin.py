"""Reception screen: search as the clerk types, check-in, refusals, walk-ins, bad input, roles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from workstation.domain import AppointmentStatus, Role, ServiceLine
from workstation.masking import mask_phone
from workstation.services.reception import CheckInResult
from workstation.ui.reception import ReceptionPage
from workstation.ui.reception.checkin import CheckInPanel

from .test_reception_support import (  # noqa: F401 - fixtures
    booked_today,
    context_for,
    counter_settings_fixture,
    demo_opened_fixture,
    demo_template_fixture,
    move_to_tomorrow,
)

WAIT = 10_000


@pytest.fixture
def page(qtbot, demo_opened, tasks, presenter) -> ReceptionPage:
    widget = ReceptionPage(context_for(demo_opened, tasks, presenter, "R001"))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    return widget


def search(qtbot, panel: CheckInPanel, text: str) -> object:
    with qtbot.waitSignal(panel.sig_search_done, timeout=WAIT) as blocker:
        panel.search_edit.setText(text)
    return blocker.args[0]


def press_enter(qtbot, panel: CheckInPanel) -> object:
    with qtbot.waitSignal(panel.sig_check_in_done, timeout=WAIT) as blocker:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    return blocker.args[0]


def test_search_box_has_the_focus_and_results_appear_as_the_clerk_types(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    assert QApplication.focusWidget() in (panel.search_edit, None)  # offscreen windows may not be active
    appointment = booked_today(page.context.store)[0]
    matches = search(qtbot, panel, appointment.mobile)
    assert isinstance(matches, list) and len(matches) == 1
    assert panel.model.rowCount() == 1
    shown = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert appointment.client_name in shown
    assert mask_phone(appointment.mobile) in shown
    assert appointment.mobile not in shown  # masked on screen


def test_enter_checks_in_and_shows_the_ticket_big_and_twice_gives_the_same_ticket(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    appointment = booked_today(page.context.store)[0]
    search(qtbot, panel, appointment.code)
    result = press_enter(qtbot, panel)
    assert isinstance(result, CheckInResult) and not result.already_checked_in
    label = result.ticket.label
    assert label.startswith("T") and panel.ticket_display.number.text() == label
    assert "前面还有" in panel.ticket_display.detail.text()
    qtbot.waitUntil(lambda: any(e.label == label for e in page.waiting.model.records), timeout=WAIT)

    search(qtbot, panel, appointment.code)
    again = press_enter(qtbot, panel)
    assert isinstance(again, CheckInResult) and again.already_checked_in
    assert again.ticket.label == label and again.ticket.visit_id == result.ticket.visit_id
    assert "已签到" in panel.message.text()


def test_scanner_types_the_qr_code_and_enter_checks_in_at_once(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    appointment = booked_today(page.context.store)[1]
    panel.search_edit.setText(f"APPT:{appointment.code}")
    result = press_enter(qtbot, panel)  # Enter before the debounced search ran
    assert isinstance(result, CheckInResult)
    assert result.ticket.client_name == appointment.client_name


def test_appointment_on_another_day_offers_walk_in(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    appointment = booked_today(page.context.store)[2]
    move_to_tomorrow(page.context.store, appointment)
    search(qtbot, panel, appointment.mobile)
    refusal = press_enter(qtbot, panel)
    assert not isinstance(refusal, CheckInResult)
    assert "不是今天" in panel.message.text()
    assert panel.walk_in_from_appointment.isVisible()
    with qtbot.waitSignal(panel.sig_ticket_issued, timeout=WAIT) as blocker:
        panel.walk_in_from_appointment.click()
    ticket = blocker.args[0]
    assert ticket.service_line is not ServiceLine.TELESALES
    assert panel.ticket_display.number.text() == ticket.label
    assert not panel.walk_in_from_appointment.isVisible()


def test_cancelled_appointment_is_refused_with_the_reason(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    with page.context.store.read() as session:
        import sqlalchemy as sa

        from workstation.models import Appointment

        cancelled = session.scalars(
            sa.select(Appointment).where(Appointment.status == AppointmentStatus.CANCELLED)
        ).first()
        assert cancelled is not None
        code = cancelled.code
    search(qtbot, panel, code)
    press_enter(qtbot, panel)
    assert "已取消" in panel.message.text()
    assert panel.walk_in_from_appointment.isVisible()
    # Issue 15 defect 6: the focus stays in the search box (the next scan is not lost) and the
    # cancelled appointment becomes one walk-in ticket, however often it is asked for.
    assert panel.search_edit.hasFocus()
    with qtbot.waitSignal(panel.sig_ticket_issued, timeout=WAIT) as first:
        panel.walk_in_from_appointment.click()
    assert panel.search_edit.hasFocus()
    search(qtbot, panel, code)
    press_enter(qtbot, panel)
    with qtbot.waitSignal(panel.sig_ticket_issued, timeout=WAIT) as second:
        panel.walk_in_from_appointment.click()
    assert second.args[0].visit_id == first.args[0].visit_id and second.args[0].label == first.args[0].label


def test_walk_in_a_gives_an_a_ticket_and_it_joins_the_waiting_list(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    panel.name_edit.setText("王小明")
    panel.mobile_edit.setText("13912345678")
    with qtbot.waitSignal(panel.sig_ticket_issued, timeout=WAIT) as blocker:
        panel.walk_in_buttons[ServiceLine.NEW_ACCOUNT].click()
    ticket = blocker.args[0]
    assert ticket.label == "A001" and ticket.client_name == "王小明"
    assert panel.ticket_display.number.text() == "A001"
    assert panel.name_edit.text() == ""
    qtbot.waitUntil(lambda: any(e.label == "A001" for e in page.waiting.model.records), timeout=WAIT)


def test_walk_in_with_a_wrong_mobile_says_so_and_issues_nothing(qtbot, page: ReceptionPage, tasks) -> None:
    panel = page.checkin
    assert panel is not None
    panel.mobile_edit.setText("12345")
    panel.walk_in_buttons[ServiceLine.OTHER].click()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    assert "手机号码" in panel.message.text()
    assert panel.ticket_display.ticket is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("   ", None),
        ("张" * 60, "内容过长"),
        ("张三😀", "表情"),
        ("'; DROP TABLE appointment;--", "格式无法识别"),
        ("1' OR '1'='1", "格式无法识别"),
        ("张\x07三", "控制字符"),
    ],
)
def test_bad_input_in_the_search_box_shows_the_message_and_does_not_crash(
    qtbot, page: ReceptionPage, presenter, tasks, text: str, reason: str | None
) -> None:
    panel = page.checkin
    assert panel is not None
    panel.search_edit.setText(text)
    if reason is None:  # blank: nothing is searched, nothing is shown
        qtbot.wait(400)
        assert panel.model.rowCount() == 0
    else:
        qtbot.waitUntil(lambda: reason in panel.message.text(), timeout=WAIT)
        assert panel.model.rowCount() == 0
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
        assert reason in panel.message.text()
    assert presenter.reports == []
    assert page.context.store.read  # the database is still usable
    assert booked_today(page.context.store)


def test_chinese_name_typed_through_the_input_method_finds_the_appointment(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    appointment = booked_today(page.context.store)[3]
    panel.search_edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(appointment.client_name)
    with qtbot.waitSignal(panel.sig_search_done, timeout=WAIT) as blocker:
        QApplication.sendEvent(panel.search_edit, event)
    assert any(m.appointment_id == appointment.id for m in blocker.args[0])


def test_pinyin_initials_list_several_matches_to_pick_from(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    initials = [a.pinyin_initials[:1] for a in booked_today(page.context.store)]
    common = max(set(initials), key=initials.count)  # a letter several of today's clients share
    matches = search(qtbot, panel, common)
    assert isinstance(matches, list) and len(matches) >= 2
    assert "↑/↓" in panel.message.text()
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    assert panel.results.currentIndex().row() == 1


def test_telesales_agent_books_but_has_no_counter_or_check_in(qtbot, demo_opened, tasks, presenter) -> None:
    from workstation.domain import Role
    from workstation.services.actor import Actor
    from workstation.ui.context import SessionContext

    # Telesales staff belong to no branch; the actor is built the way the login would for the branch.
    with demo_opened.store.read() as session:
        import sqlalchemy as sa

        from workstation.models import Staff

        agent = session.scalars(sa.select(Staff).where(Staff.staff_no == "T001")).one()
        actor = Actor(
            staff_id=agent.id, staff_no=agent.staff_no, name=agent.name,
            roles=frozenset(Role(r) for r in agent.roles), branch_id=demo_opened.identity.branch_id,
        )  # fmt: skip
    context = SessionContext(demo_opened.store, demo_opened.identity, actor, tasks, presenter)
    widget = ReceptionPage(context)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.checkin is None and widget.counter is None and widget.waiting is None
    assert not widget.appointments.book_button.isHidden()
    assert not widget.appointments.import_button.isHidden()
    assert widget.appointments.sweep_button.isHidden()
    assert widget.offers.add_button.isHidden()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)


def test_reception_clerk_has_check_in_but_no_counter_panel(page: ReceptionPage) -> None:
    assert page.checkin is not None and page.counter is None and page.waiting is not None
    assert not page.appointments.sweep_button.isHidden()


def test_two_clerks_checking_in_the_same_client_at_once_get_one_ticket(page: ReceptionPage) -> None:
    import threading

    from workstation.ui.reception import ops

    appointment = booked_today(page.context.store)[4]
    store, actor = page.context.store, page.context.actor
    results: list[object] = []
    barrier = threading.Barrier(2)

    def clerk() -> None:
        barrier.wait()
        try:
            results.append(ops.check_in(store, actor, appointment.id))
        except Exception as exc:  # a lost race must still be an orderly outcome
            results.append(exc)

    threads = [threading.Thread(target=clerk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    tickets = [r.ticket for r in results if isinstance(r, CheckInResult)]
    assert len(tickets) == 2, results
    assert tickets[0].visit_id == tickets[1].visit_id
    assert sorted(r.already_checked_in for r in results if isinstance(r, CheckInResult)) == [False, True]


def test_only_the_latest_search_is_shown_while_the_clerk_types(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    first, second = booked_today(page.context.store)[5:7]
    panel.search(check_in_single=False)  # an empty search still running…
    panel.search_edit.setText(first.code)
    panel.search()
    panel.search_edit.setText(second.code)
    with qtbot.waitSignal(panel.sig_search_done, timeout=WAIT) as blocker:
        panel.search()
    qtbot.wait(300)  # the earlier searches have delivered by now and were ignored
    assert [m.appointment_id for m in blocker.args[0]] == [second.id]
    assert [m.appointment_id for m in panel.model.records] == [second.id]


def test_double_click_checks_in_the_clicked_match(qtbot, page: ReceptionPage) -> None:
    panel = page.checkin
    assert panel is not None
    appointment = booked_today(page.context.store)[7]
    search(qtbot, panel, appointment.mobile)
    with qtbot.waitSignal(panel.sig_check_in_done, timeout=WAIT) as blocker:
        panel.results.doubleClicked.emit(panel.model.index(0, 0))
    assert isinstance(blocker.args[0], CheckInResult)


def test_competitor_offers_are_shown_beside_a_transfer_in_client(qtbot, page: ReceptionPage) -> None:
    from workstation.domain import Purpose
    from workstation.services import staffing
    from workstation.services.actor import Actor

    panel = page.checkin
    assert panel is not None
    supervisor = Actor(
        page.context.actor.staff_id, "S001", "周敏", frozenset({Role.SUPERVISOR}), page.context.actor.branch_id
    )
    with page.context.store.write() as session:
        staffing.save_offer(session, supervisor, competitor="远航证券", offer="转户送 100 元话费")
    with qtbot.waitSignal(page.offers.sig_loaded, timeout=WAIT):
        page.offers.refresh()
    transfer_in = next(a for a in booked_today(page.context.store) if a.purpose is Purpose.TRANSFER_IN)
    search(qtbot, panel, transfer_in.mobile)
    assert not page.offer_hint.isHidden() and "远航证券" in page.offer_hint.text()
    other = next(a for a in booked_today(page.context.store) if a.purpose is Purpose.NEW_ACCOUNT)
    search(qtbot, panel, other.mobile)
    assert page.offer_hint.isHidden()
