"""The review queue and the client page: four-eyes refusals shown on the panel, a return needs a
comment, another reviewer approves; the client page masks ID and mobile and shows tier and risk."""

from __future__ import annotations

import uuid
from typing import Any

from tests.accounts.world import pages
from tests.ui.conftest import make_context
from workstation.accounts.steps import steps_for
from workstation.accounts.wizard import AccountWizard
from workstation.domain import ApplicationKind, ApplicationStatus
from workstation.ui.accounts import AccountsPage
from workstation.ui.context import SessionContext

WAIT = 20_000


def submit_application(context: SessionContext) -> uuid.UUID:
    """A new account submitted by ``context``'s staff member (through the controller)."""
    wizard, actor = AccountWizard(), context.actor
    with context.store.write() as s:
        app_id = wizard.start(s, actor, ApplicationKind.NEW_ACCOUNT).application_id
    data = pages()
    for step in steps_for(ApplicationKind.NEW_ACCOUNT):
        with context.store.write() as s:
            assert wizard.save_step(s, actor, app_id, step, data[step], confirmed=["card.luhn"]).done
    with context.store.write() as s:
        wizard.submit(s, actor, app_id)
    return app_id


def review_page(qtbot: Any, context: SessionContext) -> AccountsPage:
    page = AccountsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    assert page.review_panel is not None
    with qtbot.waitSignal(page.review_panel.sig_queue_loaded, timeout=WAIT):
        page.show()
    return page


def open_first(qtbot: Any, page: AccountsPage) -> None:
    panel = page.review_panel
    assert panel is not None and panel.model.rowCount() == 1
    panel.select_row(0)
    qtbot.waitUntil(panel.approve_button.isEnabled, timeout=WAIT)


def test_clerk_cannot_review_own_application(qtbot: Any, opened, tasks, presenter) -> None:
    clerk = make_context(opened, tasks, presenter, "V001")  # clerk and reviewer
    submit_application(clerk)
    page = review_page(qtbot, clerk)
    panel = page.review_panel
    assert panel is not None
    open_first(qtbot, page)
    assert "𠮷振䶮" in panel.summary.toPlainText()
    with qtbot.waitSignal(panel.sig_refused, timeout=WAIT) as refused:
        panel.approve_button.click()
    assert "经办与复核不能为同一人" in refused.args[0]
    assert panel.message_label.isVisibleTo(panel) and "经办与复核不能为同一人" in panel.message_label.text()
    assert panel.model.rowCount() == 1 and not presenter.reports


def test_reviewer_returns_with_comment_then_approves(qtbot: Any, opened, tasks, presenter) -> None:
    clerk = make_context(opened, tasks, presenter, "C001")
    submit_application(clerk)
    reviewer = make_context(opened, tasks, presenter, "S001")
    page = review_page(qtbot, reviewer)
    panel = page.review_panel
    assert panel is not None
    open_first(qtbot, page)
    with qtbot.waitSignal(panel.sig_refused, timeout=WAIT) as refused:
        panel.return_button.click()
    assert "退回意见" in refused.args[0]
    panel.comment_edit.setPlainText("资料齐全，同意开户")
    with qtbot.waitSignal(panel.sig_reviewed, timeout=WAIT) as reviewed:
        panel.approve_button.click()
    assert reviewed.args[0].status is ApplicationStatus.APPROVED
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT)
    assert panel.empty_label.isVisibleTo(panel)


def test_client_page_masks_and_shows_tier_and_risk(qtbot: Any, opened, tasks, presenter) -> None:
    clerk = make_context(opened, tasks, presenter, "C001")
    submit_application(clerk)
    reviewer = make_context(opened, tasks, presenter, "S001")
    page = review_page(qtbot, reviewer)
    panel = page.review_panel
    assert panel is not None
    open_first(qtbot, page)
    qtbot.waitUntil(panel.client_button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(page.sig_client_opened, timeout=WAIT) as opened_dialog:
        panel.client_button.click()
    dialog = opened_dialog.args[0]
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_loaded, timeout=WAIT) as loaded:
        pass
    summary = loaded.args[0]
    assert dialog.name_label.text() == "𠮷振䶮"
    assert dialog.values["id"].text() == summary.id_number_masked != "360426199101010071"
    assert "13800138000" not in dialog.values["mobile"].text()
    assert dialog.values["tier"].text() == "一般" and dialog.values["risk"].text() == "C4"
    assert dialog.documents.rowCount() == len(summary.documents) > 0
    assert not dialog.expired_label.isVisibleTo(dialog)
