"""Idle lock: the screen hides after the quiet period and opens again with the same password."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from workstation.demo import DEMO_PASSWORD
from workstation.ui.main_window import MainWindow


def make_window(qtbot, context, idle_ms: int) -> MainWindow:
    window = MainWindow(context, idle_lock_ms=idle_ms)
    qtbot.addWidget(window)
    window.show()
    return window


def test_locks_when_idle_and_unlocks_with_the_password(qtbot, supervisor_context) -> None:
    window = make_window(qtbot, supervisor_context, idle_ms=150)
    with qtbot.waitSignal(window.sig_lock_changed, timeout=15_000) as blocker:
        pass
    assert blocker.args == [True]
    assert window.is_locked
    assert not window.workspace.isVisible()  # the counter screen's content is hidden
    assert not window.menuBar().isEnabled()
    assert "周敏" in window.lock_screen.who.text()

    window.lock_screen.password_edit.setText("wrong-password")
    window.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.lock_screen.error_label.isVisible(), timeout=10_000)
    assert "再错 4 次" in window.lock_screen.error_label.text()
    assert window.is_locked

    window.lock_screen.password_edit.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(window.sig_lock_changed, timeout=10_000) as blocker:
        qtbot.keyClick(window.lock_screen.password_edit, Qt.Key.Key_Return)
    assert blocker.args == [False]
    assert not window.is_locked
    assert window.workspace.isVisible()
    assert window.idle.active  # watching again


def test_input_keeps_the_screen_unlocked(qtbot, supervisor_context) -> None:
    window = make_window(qtbot, supervisor_context, idle_ms=400)
    end = time.monotonic() + 0.9
    while time.monotonic() < end:
        move = QMouseEvent(
            QEvent.Type.MouseMove, QPointF(10, 10), QPointF(10, 10),
            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        )  # fmt: skip
        QApplication.sendEvent(window.navigation, move)
        qtbot.wait(50)
    assert not window.is_locked
    qtbot.waitUntil(lambda: window.is_locked, timeout=15_000)


def test_switch_user_from_the_lock_screen(qtbot, supervisor_context) -> None:
    window = make_window(qtbot, supervisor_context, idle_ms=600_000)
    window.lock()
    assert window.is_locked
    with qtbot.waitSignal(window.sig_logout_requested) as blocker:
        window.lock_screen.switch_button.click()
    assert blocker.args == ["switch_user"]


def test_locking_closes_open_dialogs(qtbot, supervisor_context) -> None:
    window = make_window(qtbot, supervisor_context, idle_ms=600_000)
    dialog = window.open_change_password()
    assert dialog.isVisible()
    window.lock()
    assert not dialog.isVisible()
