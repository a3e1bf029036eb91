"""The account wizards driven through the Accounts page, offscreen, on the demo branch: the clerk
types (Chinese through ``setText``, never keyClicks), Next saves through the controller, errors
stay under their field, a Luhn-failing card needs confirming, submit lists the documents; a
closed window resumes at the right step; the transfer-in end to end."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit

from tests.accounts.world import pages
from tests.ui.conftest import make_context
from workstation.accounts.steps import Step
from workstation.domain import ApplicationKind
from workstation.ui.accounts import AccountsPage
from workstation.ui.accounts.wizard import AccountWizardDialog
from workstation.ui.context import SessionContext

WAIT = 20_000
BAD_CHECK_DIGIT = "360426199101010072"
LUHN_FAILING = "6214832018989180"


@pytest.fixture
def clerk(opened, tasks, presenter) -> SessionContext:
    return make_context(opened, tasks, presenter, "V001")  # reviewer + clerk: may open and review


def open_page(qtbot: Any, context: SessionContext) -> AccountsPage:
    page = AccountsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def start(qtbot: Any, page: AccountsPage, kind: ApplicationKind) -> AccountWizardDialog:
    button = page.new_button if kind is ApplicationKind.NEW_ACCOUNT else page.transfer_button
    with qtbot.waitSignal(page.sig_wizard_opened, timeout=WAIT) as opened:
        button.click()
    dialog: AccountWizardDialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=WAIT)
    return dialog


def type_text(dialog: AccountWizardDialog, step: Step, name: str, text: str) -> None:
    """What the clerk types into a line edit, then leaving it (live check)."""
    edit = dialog.pages[step].form.editors[name].widget
    assert isinstance(edit, QLineEdit)
    edit.setText(text)
    edit.editingFinished.emit()


def next_page(qtbot: Any, dialog: AccountWizardDialog) -> Any:
    assert dialog.next_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_step_saved, timeout=WAIT) as saved:
        dialog.next_button.click()
        assert not dialog.next_button.isEnabled()  # busy while the save runs
    qtbot.waitUntil(dialog.next_button.isEnabled if dialog.current_page else lambda: True, timeout=WAIT)
    return saved.args[0]


def fill(dialog: AccountWizardDialog, step: Step, data: dict[str, Any]) -> None:
    page = dialog.pages[step]
    if step is Step.QUESTIONNAIRE:
        for code, option in data["answers"].items():
            page.answer(code, option)  # type: ignore[attr-defined]
        data = {k: v for k, v in data.items() if k != "answers"}
    for name, value in data.items():
        page.form.editors[name].set(value)


def run_through(qtbot: Any, dialog: AccountWizardDialog, kind: ApplicationKind, start_at: int = 0) -> None:
    data = pages(kind)
    data[Step.CUSTODY_BANK] = {**data[Step.CUSTODY_BANK], "bank_card": LUHN_FAILING}
    steps = [s.step for s in dialog.draft.steps][start_at:]  # type: ignore[union-attr]
    for step in steps:
        assert dialog.current_page is dialog.pages[step], step
        fill(dialog, step, data[step])
        result = next_page(qtbot, dialog)
        if step is Step.CUSTODY_BANK:
            assert [w.code for w in result.pending] == ["card.luhn"]
            assert dialog.current_page is dialog.pages[step]  # stays until confirmed
            assert dialog.pages[step].warning_box.isVisible()
            assert "Luhn" in dialog.pages[step].warning_box.findChild(QLabel).text()
            dialog.pages[step]._warnings["card.luhn"].setChecked(True)
            result = next_page(qtbot, dialog)
        assert result.done, (step, result.errors)


def test_new_account_end_to_end(qtbot: Any, clerk: SessionContext, monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(qtbot, clerk)
    dialog = start(qtbot, page, ApplicationKind.NEW_ACCOUNT)
    identity = dialog.pages[Step.IDENTITY]
    assert dialog.current_page is identity and dialog.windowTitle() == "新开户向导"

    fill(dialog, Step.IDENTITY, pages()[Step.IDENTITY])
    type_text(dialog, Step.IDENTITY, "name", "𠮷振䶮")
    with qtbot.waitSignal(dialog.sig_checked, timeout=WAIT):
        type_text(dialog, Step.IDENTITY, "id_number", BAD_CHECK_DIGIT)
    qtbot.waitUntil(lambda: "校验位" in identity.form.message("id_number"), timeout=WAIT)  # live, before Next
    result = next_page(qtbot, dialog)
    assert not result.saved and "校验位" in identity.form.message("id_number")
    assert dialog.current_page is identity and identity.error_label.isVisibleTo(identity)

    type_text(dialog, Step.IDENTITY, "id_number", pages()[Step.IDENTITY]["id_number"])
    run_through(qtbot, dialog, ApplicationKind.NEW_ACCOUNT)
    assert dialog.stack.currentWidget() is dialog.summary and dialog.summary.submit_button.isEnabled()
    assert (
        "𠮷振䶮" in dialog.summary.text.toPlainText() and "360426199101010071" not in dialog.summary.text.toPlainText()
    )

    with qtbot.waitSignal(dialog.sig_submitted, timeout=WAIT) as submitted:
        dialog.summary.submit_button.click()
    outcome = submitted.args[0]
    assert dialog.done_page.table.rowCount() == len(outcome.documents) == 7
    printed: list[Any] = []
    monkeypatch.setattr("workstation.ui.printing.preview_and_print", lambda ctx, doc, parent: printed.append(doc))
    dialog.done_page.table.cellWidget(0, 2).click()
    assert printed == [outcome.documents[0].document_id]
    # Issue 15 defect 3: print-all is one key press, one job (real CUPS), every form logged.
    with qtbot.waitSignal(dialog.sig_printed_all, timeout=WAIT):
        qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
        if dialog.done_page.print_all_button.isEnabled():  # offscreen: mnemonics need an active window
            dialog.done_page.print_all_button.click()
    from workstation.services import documents as document_service

    with clerk.store.read() as session:
        refs = {
            tuple(j.job_ref for j in document_service.print_jobs(session, d.document_id)) for d in outcome.documents
        }
    assert len(refs) == 1 and len(next(iter(refs))) == 1 and next(iter(refs))[0]


def test_closed_draft_resumes_at_its_step(qtbot: Any, clerk: SessionContext) -> None:
    page = open_page(qtbot, clerk)
    dialog = start(qtbot, page, ApplicationKind.NEW_ACCOUNT)
    data = pages()
    for step in (Step.IDENTITY, Step.CLIENT_DATA):
        fill(dialog, step, data[step])
        assert next_page(qtbot, dialog).done
    assert dialog.current_page is dialog.pages[Step.QUESTIONNAIRE]
    with qtbot.waitSignal(page.sig_drafts_loaded, timeout=WAIT):
        dialog.close()
    qtbot.waitUntil(lambda: page.draft_model.rowCount() == 1, timeout=WAIT)
    line = page.draft_model.record(0)
    assert line.mine and line.step is Step.QUESTIONNAIRE and line.client_name == "𠮷振䶮"
    page.draft_view.selectRow(0)
    with qtbot.waitSignal(page.sig_wizard_opened, timeout=WAIT) as opened:
        page.continue_button.click()
    again: AccountWizardDialog = opened.args[0]
    qtbot.waitUntil(lambda: again.draft is not None, timeout=WAIT)
    assert again.current_page is again.pages[Step.QUESTIONNAIRE]
    assert again.pages[Step.IDENTITY].form.editors["name"].get() == "𠮷振䶮"
    run_through(qtbot, again, ApplicationKind.NEW_ACCOUNT, start_at=2)
    assert again.stack.currentWidget() is again.summary


def test_transfer_in_end_to_end(qtbot: Any, clerk: SessionContext) -> None:
    page = open_page(qtbot, clerk)
    dialog = start(qtbot, page, ApplicationKind.TRANSFER_IN)
    assert dialog.windowTitle() == "转户向导" and Step.PREVIOUS_BROKER in dialog.pages
    run_through(qtbot, dialog, ApplicationKind.TRANSFER_IN)
    with qtbot.waitSignal(dialog.sig_submitted, timeout=WAIT) as submitted:
        dialog.summary.submit_button.click()
    outcome = submitted.args[0]
    assert outcome.documents[-1].form_code == "transfer-in" and outcome.transfer_tasks
    with qtbot.waitSignal(page.transfer_panel.sig_loaded, timeout=WAIT):
        page.transfer_panel.refresh()
    panel = page.transfer_panel
    assert panel.model.rowCount() == 1
    panel.view.selectRow(0)
    assert panel.task_model.rowCount() == len(outcome.transfer_tasks)
    panel.task_view.selectRow(1)
    panel.status_box.setCurrentIndex(panel.status_box.findData("done"))
    panel.note_edit.setText("T+1 已到账")
    with qtbot.waitSignal(panel.sig_task_updated, timeout=WAIT) as updated:
        panel.update_button.click()
    assert updated.args[0].status.value == "done"
    qtbot.waitUntil(lambda: panel.task_model.rowCount() and panel.task_model.record(1).note == "T+1 已到账",
                    timeout=WAIT)  # fmt: skip


def test_tab_titles_carry_no_digits_that_read_as_counts(qtbot: Any, clerk: SessionContext) -> None:
    """Issue 15 defect 4: "办理(1)" read as a count over an empty list; Alt+N still chooses tab N."""
    page = open_page(qtbot, clerk)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[0] == "办理" and titles[1].startswith("复核队列")
    assert all("&" not in t and "(" not in t for t in titles)
    assert page.tabs.tabToolTip(1) == "快捷键 Alt+2"
    (alt3,) = [s for s in page.findChildren(QShortcut) if s.key() == QKeySequence("Alt+3")]
    alt3.activated.emit()  # offscreen windows are never active, so the key itself is not delivered
    assert page.tabs.currentIndex() == 2
    page._show_queue_size(2)
    assert page.tabs.tabText(1) == "复核队列 · 2"
    page._show_queue_size(0)
    assert page.tabs.tabText(1) == "复核队列"
