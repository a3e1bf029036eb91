"""Printing from reception: the ticket slip and the directions slip are stored, then previewed."""

from __future__ import annotations

import re
import uuid

import pytest

from workstation.domain import ServiceLine
from workstation.services import documents
from workstation.ui import printing
from workstation.ui.reception import ReceptionPage

from .test_printing_support import pdf_text
from .test_reception_support import (  # noqa: F401 - fixtures
    context_for,
    counter_settings_fixture,
    demo_opened_fixture,
    demo_template_fixture,
)

WAIT = 10_000


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    """The shared preview/print dialog, replaced: no printer is ever asked."""
    opened: list[uuid.UUID] = []
    monkeypatch.setattr(
        printing, "preview_and_print", lambda _context, document_id, _parent: opened.append(document_id)
    )
    return opened


@pytest.fixture
def page(qtbot, demo_opened, tasks, presenter) -> ReceptionPage:
    widget = ReceptionPage(context_for(demo_opened, tasks, presenter, "R001"))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    return widget


def test_ticket_slip_is_stored_with_the_ticket_and_previewed(qtbot, page: ReceptionPage, previews, presenter) -> None:
    panel = page.checkin
    assert panel is not None
    assert not panel.print_ticket_button.isEnabled()
    panel.name_edit.setText("王小明")
    with qtbot.waitSignal(panel.sig_ticket_issued, timeout=WAIT) as blocker:
        panel.walk_in_buttons[ServiceLine.TRANSFER_IN].click()
    ticket = blocker.args[0]
    assert panel.print_ticket_button.isEnabled()
    panel.print_ticket_button.click()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=WAIT)
    assert presenter.reports == []
    with page.context.store.read() as session:
        view = documents.get_document(session, previews[0])
    assert view.form_code == "queue-ticket"
    with page.context.store.read() as session:
        from workstation.models import PrintedDocument

        stored = session.get(PrintedDocument, previews[0])
        assert stored is not None and stored.data["ticket"] == ticket.label and stored.visit_id == ticket.visit_id


def test_directions_slip_for_the_selected_appointment(
    qtbot, page: ReceptionPage, previews, presenter, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    view = page.appointments
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT)
    assert not view.directions_button.isEnabled()
    view.view.selectRow(0)
    assert view.directions_button.isEnabled()
    match = view.selected()
    assert match is not None
    view.directions_button.click()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=WAIT)
    assert presenter.reports == []
    with page.context.store.read() as session:
        from workstation.models import PrintedDocument

        stored = session.get(PrintedDocument, previews[0])
        assert stored is not None and stored.form_code == "appointment"
        assert stored.data["client_name"] == match.client_name
        assert (
            stored.data["transit"] and stored.data["landmarks"] and "停车" in stored.data["parking"]
        ) or stored.data["parking"]
    # Issue 15 defect 8: the slip carries the appointment code and a QR check-in accepts.
    from workstation.printing import document as pdf_document
    from workstation.services import reception

    assert stored.data["appointment_code"] == match.code
    drawn: list[str] = []
    real = pdf_document.qr_runs
    monkeypatch.setattr(pdf_document, "qr_runs", lambda value: (drawn.append(value), real(value))[1])
    with page.context.store.read() as session:
        text = pdf_text(documents.render_document(session, previews[0], copy=False))
        assert match.code in text and "预约码" in text
        assert f"APPT:{match.code}" in drawn
        found = reception.find_appointments(session, page.context.actor.branch_id, f"APPT:{match.code}")
    assert [m.appointment_id for m in found] == [match.appointment_id]


def test_branch_directions_slip_on_demand(qtbot, page: ReceptionPage, previews, presenter) -> None:
    panel = page.checkin
    assert panel is not None
    assert panel.print_directions_button.isVisible() and panel.print_directions_button.isEnabled()
    panel.print_directions_button.click()
    qtbot.waitUntil(lambda: len(previews) == 1, timeout=WAIT)
    assert presenter.reports == []
    with page.context.store.read() as session:
        from workstation.models import Branch, PrintedDocument

        stored = session.get(PrintedDocument, previews[0])
        branch = session.get(Branch, page.context.actor.branch_id)
        assert stored is not None and branch is not None
        assert stored.form_code == "directions" and stored.doc_no.startswith("ZY-")
        assert stored.data["branch_address"] == branch.address and stored.data["transit"] == list(branch.transit)
    with page.context.store.read() as session:
        pdf = documents.render_document(session, previews[0], copy=False)
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert re.sub(r"\s+", "", branch.address) in text


def test_with_a_slip_printer_the_ticket_goes_straight_to_it(qtbot, page: ReceptionPage, previews, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from workstation.printing import thermal_settings

    out = tmp_path / "lp0"
    thermal_settings.save_target(page.context.store, None, f"file:{out}")
    panel = page.checkin
    assert panel is not None
    with qtbot.waitSignal(panel.sig_ticket_issued, timeout=WAIT) as blocker:
        panel.walk_in_buttons[ServiceLine.TRANSFER_IN].click()
    ticket = blocker.args[0]
    panel.print_ticket_button.click()
    qtbot.waitUntil(lambda: "已送至小票打印机" in panel.message.text(), timeout=WAIT)
    assert previews == [] and ticket.label.encode() in out.read_bytes()  # no dialog, no document
