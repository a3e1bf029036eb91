"""读卡 at the counter, against a simulated reader on a pseudo-terminal: the wizard's identity step
is filled from the card (and the contact address), an expired card is refused, the read is audited
masked; at reception a card on the reader checks its holder's appointment in."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings

from tests.idcard.simulator import SimulatedReader
from tests.idcard.test_reader import resident
from tests.ui.conftest import make_context
from tests.ui.test_accounts_wizard import open_page, start
from workstation.accounts.steps import Step
from workstation.clock import business_date, utcnow
from workstation.domain import ApplicationKind, AppointmentStatus
from workstation.idcard import ReaderSettings
from workstation.idcard.card import IdCard
from workstation.models import Appointment, AuditEvent, Client
from workstation.services.reception import new_appointment_code
from workstation.ui import idcard as ui_idcard
from workstation.ui.accounts.step_pages import IdentityPage
from workstation.ui.reception.checkin import CheckInPanel

WAIT = 20_000


@pytest.fixture(autouse=True)
def reader_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "reader.ini"
    monkeypatch.setattr(ui_idcard, "settings", lambda: QSettings(str(path), QSettings.Format.IniFormat))
    return path


def use_reader(sim: SimulatedReader) -> None:
    ui_idcard.save_reader_settings(ReaderSettings(kind="serial", port=sim.port))


def test_reading_the_card_fills_the_identity_step(qtbot: Any, opened, tasks, presenter) -> None:
    context = make_context(opened, tasks, presenter, "V001")
    dialog = start(qtbot, open_page(qtbot, context), ApplicationKind.NEW_ACCOUNT)
    page = dialog.pages[Step.IDENTITY]
    assert isinstance(page, IdentityPage)
    card = resident("𠮷振䶮", valid_to=business_date() + timedelta(days=10))
    with SimulatedReader(card=card) as sim:
        use_reader(sim)
        with qtbot.waitSignal(page.sig_card_read, timeout=WAIT):
            page.read_button.click()
    data = page.data()
    assert data["name"] == "𠮷振䶮" and data["id_number"] == card.id_number
    assert data["id_issuer"] == card.issuer and data["id_address"] == card.address
    assert "到期" in page.card_status.text()  # expiring within 30 days: a warning
    address = dialog.pages[Step.CLIENT_DATA].form.editors["address"].get()
    assert address == card.address
    with opened.store.read() as session:
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "idcard.read")).one()
    assert event.details["purpose"] == "identity" and card.id_number not in str(event.details)
    assert presenter.reports == []


@pytest.mark.parametrize(
    ("card", "words"),
    [(resident(valid_to=date(2020, 1, 1), valid_from=date(2000, 1, 1)), "过期"), (None, "未检测到证件")],
)
def test_an_expired_card_or_none_fills_nothing(
    qtbot: Any, opened, tasks, presenter, card: IdCard | None, words: str
) -> None:
    context = make_context(opened, tasks, presenter, "V001")
    dialog = start(qtbot, open_page(qtbot, context), ApplicationKind.NEW_ACCOUNT)
    page = dialog.pages[Step.IDENTITY]
    assert isinstance(page, IdentityPage)
    with SimulatedReader(card=card) as sim:
        use_reader(sim)
        page.read_button.click()
        qtbot.waitUntil(lambda: words in page.card_status.text(), timeout=WAIT)
    assert not page.data().get("id_number")
    assert page.read_button.isEnabled()


def test_without_a_reader_the_button_says_how_to_set_one_up(qtbot: Any, opened, tasks, presenter) -> None:
    context = make_context(opened, tasks, presenter, "V001")
    dialog = start(qtbot, open_page(qtbot, context), ApplicationKind.NEW_ACCOUNT)
    page = dialog.pages[Step.IDENTITY]
    assert isinstance(page, IdentityPage)
    page.read_button.click()
    qtbot.waitUntil(lambda: "未配置身份证阅读器" in page.card_status.text(), timeout=WAIT)


def test_a_card_on_the_reader_checks_in_the_holders_appointment(qtbot: Any, opened, tasks, presenter) -> None:
    context = make_context(opened, tasks, presenter, "R001")
    card = resident("赵读卡")
    now = utcnow()
    with opened.store.write() as session:  # a known client whose mobile the call centre booked today
        client = Client(
            branch_id=context.actor.branch_id, name=card.name, id_number=card.id_number, mobile="13912345678"
        )
        appointment = Appointment(
            branch_id=context.actor.branch_id, code=new_appointment_code(), client_name=card.name,
            mobile="13912345678", slot_start=now + timedelta(minutes=20), slot_end=now + timedelta(minutes=50),
        )  # fmt: skip
        session.add_all([client, appointment])
        session.flush()
        appointment_id = appointment.id
    panel = CheckInPanel(context)
    qtbot.addWidget(panel)
    panel.show()
    with SimulatedReader(card=card) as sim:
        use_reader(sim)
        with qtbot.waitSignal(panel.sig_check_in_done, timeout=WAIT) as done:
            panel.read_card_button.click()
    assert done.args[0].ticket.label.startswith("T")
    with opened.store.read() as session:
        checked = session.get(Appointment, appointment_id)
        assert checked is not None and checked.status is AppointmentStatus.CHECKED_IN


def test_a_card_without_an_appointment_offers_a_walk_in_ticket(qtbot: Any, opened, tasks, presenter) -> None:
    context = make_context(opened, tasks, presenter, "R001")
    panel = CheckInPanel(context)
    qtbot.addWidget(panel)
    panel.show()
    with SimulatedReader(card=resident("王新客")) as sim:
        use_reader(sim)
        panel.read_card_button.click()
        qtbot.waitUntil(lambda: "没有预约" in panel.message.text(), timeout=WAIT)
    assert panel.name_edit.text() == "王新客"


def test_an_inconsistent_online_check_needs_a_supervisor_on_the_spot(qtbot: Any, opened, tasks, presenter) -> None:
    from tests.accounts.test_identity_check import Gateway
    from tests.accounts.world import GOOD_ID, pages
    from tests.ui.test_accounts_wizard import fill, run_through

    gateway = Gateway()
    gateway.answers[GOOD_ID] = {"result": "inconsistent", "reference": "GA-77"}
    ui_idcard.settings().setValue(ui_idcard.GATEWAY_URL_KEY, gateway.url)
    try:
        context = make_context(opened, tasks, presenter, "V001")
        dialog = start(qtbot, open_page(qtbot, context), ApplicationKind.NEW_ACCOUNT)
        page = dialog.pages[Step.IDENTITY]
        assert isinstance(page, IdentityPage)
        fill(dialog, Step.IDENTITY, pages()[Step.IDENTITY])
        page.check_button.click()
        qtbot.waitUntil(lambda: "不一致" in page.check_status.text(), timeout=WAIT)
        assert "GA-77" in page.check_status.text() and page.check_status.property("role") == "error"
        run_through(qtbot, dialog, ApplicationKind.NEW_ACCOUNT)
        dialog.summary.submit_button.click()
        qtbot.waitUntil(lambda: getattr(dialog, "override_dialog", None) is not None, timeout=WAIT)
        override = dialog.override_dialog
        assert "GA-77" in override.findChild(type(page.check_status)).text()
        override.staff_no.setText("C001")  # a clerk cannot approve
        override.password.setText("Demo1234")
        override.reason.setPlainText("已人工比对证件照片与本人")
        override.buttons.accepted.emit()
        qtbot.waitUntil(lambda: override.message.text() != "", timeout=WAIT)
        assert "无权" in override.message.text()
        override.staff_no.setText("S001")
        override.password.setText("Demo1234")
        with qtbot.waitSignal(dialog.sig_submitted, timeout=WAIT):
            override.buttons.accepted.emit()
    finally:
        gateway.close()
    with opened.store.read() as session:
        actions = set(session.scalars(sa.select(AuditEvent.action)))
    assert {"accounts.identity_check", "accounts.identity_override", "accounts.submit"} <= actions
    assert presenter.reports == []
