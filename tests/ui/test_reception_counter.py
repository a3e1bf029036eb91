"""The counter panel: choose the counter, call next, recall, skip, transfer, and finish only with an outcome."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from workstation.domain import ServiceLine, VisitOutcome, VisitStatus
from workstation.services.tickets import Ticket
from workstation.ui.reception import ReceptionPage
from workstation.ui.reception.queue_panel import COUNTER_SETTING, CounterPanel, OutcomeDialog, TransferDialog

from .test_reception_support import (  # noqa: F401 - fixtures
    context_for,
    counter_settings_fixture,
    demo_opened_fixture,
    demo_template_fixture,
)

WAIT = 10_000


@pytest.fixture
def page(qtbot, demo_opened, tasks, presenter) -> ReceptionPage:
    widget = ReceptionPage(context_for(demo_opened, tasks, presenter, "C001"))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.counter is not None
    qtbot.waitUntil(lambda: widget.counter is not None and widget.counter.setup is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    return widget


def act(qtbot, panel: CounterPanel, trigger) -> object:
    with qtbot.waitSignal(panel.sig_action_done, timeout=WAIT) as blocker:
        trigger()
    return blocker.args[0]


def issue(qtbot, page: ReceptionPage, line: ServiceLine) -> Ticket:
    assert page.checkin is not None
    with qtbot.waitSignal(page.checkin.sig_ticket_issued, timeout=WAIT) as blocker:
        page.checkin.walk_in_buttons[line].click()
    return blocker.args[0]


def choose(panel: CounterPanel, number: int) -> None:
    assert panel.setup is not None
    counter = next(c for c in panel.setup.counters if c.number == number)
    panel.choose_counter(counter.counter_id)


def test_call_is_disabled_until_a_counter_is_chosen_and_the_choice_is_remembered(
    qtbot, page: ReceptionPage, counter_settings
) -> None:
    panel = page.counter
    assert panel is not None
    assert panel.counter is None and not panel.call_button.isEnabled()
    choose(panel, 2)
    assert panel.call_button.isEnabled()
    assert "A 新开户 → B 转户 → C 其他业务" in panel.lines_label.text()
    remembered = QSettings(str(counter_settings), QSettings.Format.IniFormat).value(COUNTER_SETTING)
    assert remembered == str(panel.counter.counter_id)  # type: ignore[union-attr]


def test_counter_calls_next_and_cannot_finish_without_an_outcome(qtbot, page: ReceptionPage) -> None:
    panel = page.counter
    assert panel is not None
    choose(panel, 2)
    ticket = issue(qtbot, page, ServiceLine.NEW_ACCOUNT)
    called = act(qtbot, panel, panel.call_button.click)
    assert isinstance(called, Ticket) and called.label == ticket.label and called.status is VisitStatus.CALLED
    assert ticket.label in panel.current_label.text()
    assert not panel.call_button.isEnabled() and panel.recall_button.isEnabled()

    recalled = act(qtbot, panel, panel.recall_button.click)
    assert isinstance(recalled, Ticket) and recalled.status is VisitStatus.CALLED
    started = act(qtbot, panel, panel.start_button.click)
    assert isinstance(started, Ticket) and started.status is VisitStatus.SERVING

    panel.finish_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, OutcomeDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # Enter without a choice: the dialog stays open
    assert dialog.isVisible() and panel.current is not None
    dialog.buttons[VisitOutcome.ACCOUNT_OPENED].setChecked(True)
    assert dialog.ok_button.isEnabled()
    done = act(qtbot, panel, dialog.ok_button.click)
    assert isinstance(done, Ticket) and done.status is VisitStatus.DONE
    assert panel.current is None and panel.call_button.isEnabled()


def test_telesales_counter_calls_the_appointment_client_first(qtbot, page: ReceptionPage) -> None:
    panel = page.counter
    assert panel is not None
    choose(panel, 1)
    assert "电销专属" in panel.lines_label.text()
    issue(qtbot, page, ServiceLine.NEW_ACCOUNT)
    from .test_reception_support import booked_today

    assert page.checkin is not None
    appointment = booked_today(page.context.store)[0]
    with qtbot.waitSignal(page.checkin.sig_check_in_done, timeout=WAIT):
        page.checkin.search_edit.setText(appointment.code)
        page.checkin.enter_pressed()
    called = act(qtbot, panel, panel.call_button.click)
    assert isinstance(called, Ticket) and called.service_line is ServiceLine.TELESALES


def test_skip_and_transfer(qtbot, page: ReceptionPage) -> None:
    panel = page.counter
    assert panel is not None
    choose(panel, 3)
    issue(qtbot, page, ServiceLine.TRANSFER_IN)
    issue(qtbot, page, ServiceLine.TRANSFER_IN)
    act(qtbot, panel, panel.call_button.click)
    skipped = act(qtbot, panel, panel.skip_button.click)
    assert isinstance(skipped, Ticket) and skipped.status is VisitStatus.NO_SHOW
    assert panel.current is None

    act(qtbot, panel, panel.call_button.click)
    panel.transfer_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, TransferDialog)
    dialog.combo.setCurrentIndex(dialog.combo.findData(ServiceLine.OTHER.value))
    moved = act(qtbot, panel, dialog.accept)
    assert isinstance(moved, Ticket) and moved.label.startswith("C") and moved.status is VisitStatus.WAITING
    assert panel.current is None


def test_empty_queue_says_nobody_is_waiting(qtbot, page: ReceptionPage, presenter) -> None:
    panel = page.counter
    assert panel is not None
    choose(panel, 4)
    refusal = act(qtbot, panel, panel.call_button.click)
    assert not isinstance(refusal, Ticket)
    assert "暂无等候" in panel.message.text()
    assert presenter.reports == []


def test_the_counter_opens_the_account_wizard_linked_to_the_visit(qtbot, page: ReceptionPage) -> None:
    from workstation.accounts.steps import Step
    from workstation.domain import ApplicationKind
    from workstation.models import AccountApplication
    from workstation.ui.accounts.wizard import AccountWizardDialog

    panel = page.counter
    assert panel is not None
    assert not panel.paperwork_button.isEnabled()  # nobody at the counter yet
    choose(panel, 3)  # serves B first
    ticket = issue(qtbot, page, ServiceLine.TRANSFER_IN)
    act(qtbot, panel, panel.call_button.click)
    assert panel.paperwork_button.isEnabled()
    menu = panel.paperwork_button.menu()
    assert menu is not None and menu.defaultAction() is panel.transfer_in_action  # follows the B line
    dialog = panel.open_paperwork(ApplicationKind.TRANSFER_IN)
    assert isinstance(dialog, AccountWizardDialog)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=WAIT) as blocker:
        pass
    draft = blocker.args[0]
    assert draft.kind is ApplicationKind.TRANSFER_IN and draft.current_step is Step.IDENTITY
    with page.context.store.read() as session:
        application = session.get(AccountApplication, draft.application_id)
        assert application is not None and application.visit_id == ticket.visit_id
