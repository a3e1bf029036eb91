"""The login dialog: success, refusal with remaining attempts, lock-out, Enter, English."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workstation.demo import DEMO_PASSWORD, SUPERVISOR_NO
from workstation.services import auth
from workstation.ui import login as login_module
from workstation.ui.i18n import install_translators
from workstation.ui.login import LoginDialog


@pytest.fixture
def dialog(qtbot, tasks, presenter, opened) -> LoginDialog:
    widget = LoginDialog(tasks, presenter)
    qtbot.addWidget(widget)
    widget.attach(opened.store, opened.identity)
    widget.show()
    return widget


def enter(dialog: LoginDialog, staff_no: str, password: str) -> None:
    dialog.staff_edit.setText(staff_no)
    dialog.password_edit.setText(password)


def test_shows_branch_and_logs_in(qtbot, dialog: LoginDialog) -> None:
    assert dialog.branch_label.text() == "华夏证券北京国贸营业部"
    enter(dialog, "s001", DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.sig_logged_in, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    actor = blocker.args[0]
    assert actor.staff_no == SUPERVISOR_NO
    assert actor.name == "周敏"
    assert dialog.password_edit.text() == ""


def test_enter_in_password_field_submits(qtbot, dialog: LoginDialog) -> None:
    enter(dialog, "C001", DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.sig_logged_in, timeout=10_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def test_wrong_password_shows_remaining_attempts_inline(qtbot, dialog: LoginDialog, presenter) -> None:
    enter(dialog, "C001", "wrong-1")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "再错 4 次" in dialog.error_label.text()
    assert dialog.password_edit.text() == ""
    assert dialog.login_button.isEnabled()
    assert presenter.reports == []  # inline, not a message box


def test_lock_out_message_after_repeated_failures(qtbot, dialog: LoginDialog) -> None:
    for attempt in range(5):
        enter(dialog, "C002", f"wrong-{attempt}")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.login_button.isEnabled() and dialog.error_label.isVisible(), timeout=10_000)
    assert "锁定" in dialog.error_label.text()
    enter(dialog, "C002", DEMO_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=10_000)
    assert "锁定" in dialog.error_label.text()


def test_empty_staff_number_is_refused_without_a_database_call(dialog: LoginDialog, monkeypatch) -> None:
    monkeypatch.setattr(login_module, "check_login", lambda *a: pytest.fail("service called"))
    enter(dialog, "", "x")
    dialog.submit()
    assert dialog.error_label.text() == "请输入工号。"


def test_submit_before_database_is_open_waits_then_logs_in(qtbot, tasks, presenter, opened) -> None:
    dialog = LoginDialog(tasks, presenter)
    qtbot.addWidget(dialog)
    enter(dialog, "S001", DEMO_PASSWORD)
    dialog.submit()
    assert not dialog.login_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_logged_in, timeout=10_000):
        dialog.attach(opened.store, opened.identity)


def test_password_check_runs_off_the_gui_thread(qtbot, dialog: LoginDialog, monkeypatch) -> None:
    threads: list[threading.Thread] = []
    real_login = auth.login

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_login(*args, **kwargs)

    monkeypatch.setattr(auth, "login", spy)
    enter(dialog, "S001", DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.sig_logged_in, timeout=10_000):
        dialog.submit()
    assert threads and threads[0] is not threading.main_thread()


@pytest.fixture
def english(qapp) -> Iterator[None]:
    install_translators(QApplication.instance(), "en")
    yield
    install_translators(QApplication.instance(), "zh_CN")


def test_english_login_dialog(qtbot, tasks, presenter, english) -> None:
    dialog = LoginDialog(tasks, presenter)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Counter Workstation — Log in"
    assert dialog.login_button.text() == "Log in"
    assert dialog.quit_button.text() == "Quit"
    assert dialog.branch_label.text() == "Opening the database…"
