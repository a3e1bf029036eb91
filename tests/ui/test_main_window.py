"""The main window: role visibility table, every page, status bar, logout, change password."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt

from workstation.demo import DEMO_STAFF
from workstation.domain import Role
from workstation.services.actor import Actor
from workstation.ui.main_window import LogoutReason, MainWindow, ShellAction
from workstation.ui.pages import PAGE_ROLES, PageId, visible_pages

from .conftest import make_context

ALL = list(PageId)
R, A, G, D, S, P = PageId.RECEPTION, PageId.ACCOUNTS, PageId.GIFTS, PageId.DOCUMENTS, PageId.SYNC, PageId.REPORTS

EXPECTED = {
    Role.TELESALES: [R],
    Role.RECEPTION: [R, G],
    Role.CLERK: [R, A, G, D],
    Role.REVIEWER: [A, G, D],
    Role.SUPERVISOR: ALL,
    Role.ADMIN: ALL,
}


def actor(*roles: Role) -> Actor:
    return Actor(staff_id=uuid.uuid4(), staff_no="X1", name="测试", roles=frozenset(roles), branch_id=uuid.uuid4())


@pytest.mark.parametrize(("role", "pages"), EXPECTED.items(), ids=[r.value for r in EXPECTED])
def test_role_visibility_table(role: Role, pages: list[PageId]) -> None:
    assert visible_pages(actor(role)) == pages


def test_table_covers_every_page_and_sync_reports_are_supervisor_only() -> None:
    assert set(PAGE_ROLES) == set(PageId)
    assert PAGE_ROLES[S] == PAGE_ROLES[P] == {Role.SUPERVISOR}
    assert visible_pages(actor()) == []
    assert visible_pages(actor(Role.REVIEWER, Role.CLERK)) == [R, A, G, D]


@pytest.fixture
def window(qtbot, supervisor_context) -> MainWindow:
    main = MainWindow(supervisor_context, idle_lock_ms=600_000)
    qtbot.addWidget(main)
    main.show()
    return main


def test_supervisor_visits_every_page_and_sees_figures(qtbot, window: MainWindow, presenter) -> None:
    assert list(window.pages) == ALL
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        "接待", "开户/转户", "礼品", "单据", "同步", "报表",
    ]  # fmt: skip
    for page_id in ALL:
        page = window.pages[page_id]
        with qtbot.waitSignal(page.sig_overview_loaded, timeout=10_000) as blocker:
            window.show_page(page_id)
        assert window.current_page is page_id
        assert window.page_stack.currentWidget() is page
        assert blocker.args[0].business_date is not None
        assert all(card.value_label.text().isdigit() for card in page.cards)
    assert presenter.reports == []


BRANCH_STAFF = [m for m in DEMO_STAFF if m.at_branch]  # call-centre staff cannot log in at a branch


@pytest.mark.parametrize("member", BRANCH_STAFF, ids=[m.staff_no for m in BRANCH_STAFF])
def test_navigation_follows_the_table_for_each_demo_staff_member(qtbot, opened, tasks, presenter, member) -> None:
    context = make_context(opened, tasks, presenter, member.staff_no)
    main = MainWindow(context, idle_lock_ms=600_000)
    qtbot.addWidget(main)
    assert list(main.pages) == visible_pages(context.actor)


def test_status_bar_shows_branch_staff_roles_sync_state(qtbot, window: MainWindow) -> None:
    status = window.status
    assert "华夏证券北京国贸营业部" in status.branch_label.text()
    assert status.staff_label.text() == "周敏（S001）主管、复核"
    qtbot.waitUntil(lambda: status.sync_label.text() == "未配置中心", timeout=10_000)  # no central set up
    assert status.clock_label.text().count(":") == 1
    # The branch's clock (China Standard Time), the same day as the pages' business dates.
    from workstation.clock import business_date

    assert status.clock_label.text().startswith(business_date().isoformat())


def test_logout_button_asks_the_flow_to_log_out(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_logout_requested) as blocker:
        qtbot.mouseClick(window.logout_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [LogoutReason.USER.value]


def test_closing_the_window_means_quit(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_logout_requested) as blocker:
        window.close()
    assert blocker.args == ["quit"]
    assert window.isVisible()  # the flow disposes of it after recording the logout


def test_change_password_dialog(qtbot, window: MainWindow) -> None:
    window.actions_by_id[ShellAction.CHANGE_PASSWORD].trigger()
    dialog = window.findChild(type(window.open_change_password()), "changePasswordDialog")
    assert dialog is not None
    dialog.old_edit.setText("Demo1234")
    dialog.new_edit.setText("short")
    dialog.repeat_edit.setText("other")
    dialog.submit()
    assert dialog.error_label.text() == "两次输入的新密码不一致。"
    dialog.repeat_edit.setText("short")
    dialog.submit()
    qtbot.waitUntil(lambda: "至少 8 位" in dialog.error_label.text(), timeout=10_000)
    dialog.new_edit.setText("Better2026")
    dialog.repeat_edit.setText("Better2026")
    with qtbot.waitSignal(dialog.sig_password_changed, timeout=10_000):
        dialog.submit()
