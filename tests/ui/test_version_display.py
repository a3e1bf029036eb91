"""The version this PC runs is on the login window, in the status bar and in 关于 (About)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from workstation import __version__
from workstation.ui import about
from workstation.ui.login import LoginDialog
from workstation.ui.main_window import MainWindow, ShellAction


def test_the_login_window_shows_the_version(qtbot, tasks, presenter) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(tasks, presenter)
    qtbot.addWidget(dialog)
    assert dialog.version_label.text() == f"版本 {__version__}"


def test_the_status_bar_and_about_show_the_version(  # type: ignore[no-untyped-def]
    qtbot, supervisor_context, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(supervisor_context, idle_lock_ms=600_000)
    qtbot.addWidget(window)
    assert window.status.version_label.text() == f"版本 {__version__}"
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: shown.append((title, text)))
    window.actions_by_id[ShellAction.ABOUT].trigger()
    ((title, text),) = shown
    assert title == "关于" and f"版本 {__version__}（Python）" in text and "Qt 6." in text


def test_a_frozen_bundle_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.frozen", True, raising=False)
    assert "（安装包）" in about.about_text()
