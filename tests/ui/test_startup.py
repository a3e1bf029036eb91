"""Start-up: the session flow from opening the database to logout, and every way opening fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import dbfiles
from workstation import errors
from workstation.demo import DEMO_PASSWORD
from workstation.ui import app as app_module
from workstation.ui import errors as presenter_module
from workstation.ui import flow as flow_module
from workstation.ui.errors import Severity
from workstation.ui.flow import EXIT_DATABASE, EXIT_OK, LaunchOptions, SessionFlow
from workstation.ui.startup import WorkstationNotSetUp

STORE_ERRORS = [
    errors.DatabaseLocked(path="/srv/ws.db"),
    errors.DatabaseReadOnly(path="/srv/ws.db"),
    errors.DatabaseCorrupt(path="/srv/ws.db"),
    errors.SchemaTooNew(found="0099"),
    errors.DatabaseUnreachable(target="postgresql://central/ws", detail="connection refused"),
    errors.MigrationFailed(backup="/srv/ws.db.backup", detail="boom"),
    WorkstationNotSetUp(target="/srv/ws.db"),
]


def start_flow(qtbot, tasks, presenter, target: str, **options) -> SessionFlow:
    flow = SessionFlow(LaunchOptions(target=target, **options), tasks, presenter)
    qtbot.addWidget(flow.login)
    flow.start()
    return flow


@pytest.mark.parametrize("error", STORE_ERRORS, ids=[e.code for e in STORE_ERRORS])
def test_each_store_error_ends_in_a_clear_message_and_exit_code(qtbot, tasks, presenter, monkeypatch, error) -> None:
    def fail(target: str, demo: bool = False):
        raise error

    monkeypatch.setattr(flow_module, "open_database", fail)
    flow = SessionFlow(LaunchOptions(target="/srv/ws.db"), tasks, presenter)
    qtbot.addWidget(flow.login)
    with qtbot.waitSignal(flow.sig_finished, timeout=10_000) as blocker:
        flow.start()
    assert blocker.args == [EXIT_DATABASE]
    [report] = presenter.reports
    assert report.severity is Severity.CRITICAL
    assert report.title == "数据库不可用"
    assert report.text == error.message("zh_CN")
    assert "Traceback" not in report.text
    assert not flow.login.isVisible()


def test_corrupt_file_from_disk(qtbot, tasks, presenter, tmp_path: Path) -> None:
    target = tmp_path / "workstation.db"
    target.write_bytes(b"this is not a database" * 100)
    flow = SessionFlow(LaunchOptions(target=str(target)), tasks, presenter)
    qtbot.addWidget(flow.login)
    with qtbot.waitSignal(flow.sig_finished, timeout=10_000) as blocker:
        flow.start()
    assert blocker.args == [EXIT_DATABASE]
    assert "已损坏" in presenter.reports[0].text
    assert target.read_bytes().startswith(b"this is not")  # untouched


def test_locked_file_from_disk(qtbot, tasks, presenter, branch_db: Path) -> None:
    holder = dbfiles.connect(branch_db)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        flow = SessionFlow(LaunchOptions(target=str(branch_db)), tasks, presenter)
        qtbot.addWidget(flow.login)
        with qtbot.waitSignal(flow.sig_finished, timeout=15_000):
            flow.start()
    finally:
        holder.rollback()
        holder.close()
    assert "占用" in presenter.reports[0].text


def test_database_without_branch_says_use_demo(qtbot, tasks, presenter, tmp_path: Path) -> None:
    target = tmp_path / "empty.db"
    flow = SessionFlow(LaunchOptions(target=str(target)), tasks, presenter)
    qtbot.addWidget(flow.login)
    with qtbot.waitSignal(flow.sig_finished, timeout=30_000) as blocker:
        flow.start()
    assert blocker.args == [EXIT_DATABASE]
    text = presenter.reports[0].text
    assert "--demo" in text and f"workstation-cli demo --db {target}" in text


def test_main_shows_the_error_dialog_and_returns_non_zero(qapp, tmp_path: Path, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(presenter_module, "message_box_display", lambda report, parent: shown.append(report))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("workstation.ui.logfile.setup_logging", lambda *a, **k: None)
    target = tmp_path / "bad.db"
    target.write_bytes(b"garbage" * 200)
    assert app_module.main(["--db", str(target)]) == EXIT_DATABASE
    assert len(shown) == 1
    assert shown[0].text == errors.DatabaseKeyMissing(path=str(target)).message()  # garbage = encrypted without its key


def test_full_session_login_logout_login_quit(qtbot, tasks, presenter, branch_db: Path) -> None:
    flow = start_flow(qtbot, tasks, presenter, str(branch_db), idle_lock_ms=600_000)
    qtbot.waitSignal(flow.sig_database_opened, timeout=10_000).wait()
    with qtbot.waitSignal(flow.sig_main_window_shown, timeout=10_000) as blocker:
        flow.log_in_as("S001", DEMO_PASSWORD)
    window = blocker.args[0]
    assert not flow.login.isVisible()
    window.logout_button.click()
    assert flow.login.isVisible() and flow.window is None
    assert flow.login.staff_edit.text() == ""
    with qtbot.waitSignal(flow.sig_main_window_shown, timeout=10_000) as blocker:
        flow.log_in_as("C001", DEMO_PASSWORD)
    assert blocker.args[0].context.actor.staff_no == "C001"
    with qtbot.waitSignal(flow.sig_finished, timeout=10_000) as finished:
        blocker.args[0].close()
    assert finished.args == [EXIT_OK]
    tasks.wait_for_done()
    with flow.database.store.read() as session:
        from sqlalchemy import select

        from workstation.models import AuditEvent

        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.at)))
    assert actions == ["auth.login", "auth.logout", "auth.login", "auth.logout"]
    flow.close_store()


def test_quit_on_login_dialog_exits_zero(qtbot, tasks, presenter, branch_db: Path) -> None:
    flow = start_flow(qtbot, tasks, presenter, str(branch_db))
    with qtbot.waitSignal(flow.sig_finished, timeout=10_000) as blocker:
        flow.login.quit_button.click()
    assert blocker.args == [EXIT_OK]
    tasks.wait_for_done()
    flow.close_store()


def test_demo_database_is_separate_and_seeded(qtbot, tasks, presenter, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("WORKSTATION_DB", str(tmp_path / "real.db"))
    from workstation.ui.startup import default_target

    target = default_target(demo=True)
    assert target.endswith("demo.db") and str(tmp_path / "data") in target
    assert default_target(demo=False) == str(tmp_path / "real.db")
    assert default_target(demo=False, explicit="/x.db") == "/x.db"
    flow = start_flow(qtbot, tasks, presenter, target, demo=True)
    with qtbot.waitSignal(flow.sig_database_opened, timeout=60_000) as blocker:
        pass
    assert blocker.args[0].identity.branch_name == "华夏证券北京国贸营业部"
    assert not (tmp_path / "real.db").exists()
    flow.finish(EXIT_OK)
    tasks.wait_for_done()
    flow.close_store()
