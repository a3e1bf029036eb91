"""Sync in the app: the controller's cycles against a real central PostgreSQL, offline, a stalled
network (the GUI thread keeps ticking), the status bar, the Sync page with quarantine and retry."""

# ruff: noqa: F811 - the sync fixtures (central, make_workstation, proxy, memory_keyring) are imported

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction

from tests.sync.conftest import Central, central, make_workstation, proxy  # noqa: F401 - fixtures
from tests.sync.helpers import add_clients
from tests.sync.proxy import Proxy
from tests.sync.test_status import actor_of, quarantine_one, settings_for
from tests.sync.test_sync_cli import MemoryKeyring, memory_keyring  # noqa: F401 - fixture
from workstation import pgserver as pg
from workstation.domain import Role
from workstation.models import AuditEvent
from workstation.store import Store
from workstation.sync.engine import SyncStatus
from workstation.sync.settings import CentralSettings, save_settings
from workstation.ui.context import SessionContext
from workstation.ui.main_window import MainWindow
from workstation.ui.pages import PageId
from workstation.ui.sync import SyncPage
from workstation.ui.sync.controller import SyncController

MakeWorkstation = Callable[[str, str], Store]
WAIT = 20_000
STALL_BOUND_MS = 500  # quiet runs measure 11–57 ms; the bound only has to catch sync work on the GUI thread (≥ 1 s)
stalls: dict[str, float] = {}
"""Worst GUI-thread gap per test (ms), printed at the end of the module with ``-s``."""


class StallDetector(QObject):
    """A 10 ms timer on the GUI thread; records the longest gap between two ticks."""

    def __init__(self) -> None:
        super().__init__()
        self.worst_ms = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.worst_ms

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1


@pytest.fixture(scope="module", autouse=True)
def report_stalls() -> Iterator[None]:
    yield
    for name, worst in stalls.items():
        print(f"\nGUI stall during sync, {name}: {worst:.1f} ms")


def context_for(store: Store, tasks, presenter, *roles: Role) -> SessionContext:  # type: ignore[no-untyped-def]
    from workstation.services.identity import current_identity

    with store.read() as session:
        identity = current_identity(session)
    assert identity is not None
    return SessionContext(store, identity, actor_of(store, *(roles or (Role.SUPERVISOR,))), tasks, presenter)


def open_window(qtbot, context: SessionContext) -> tuple[MainWindow, StallDetector]:  # type: ignore[no-untyped-def]
    """The main window (its first cycle starts at once) and a stall detector started with it."""
    detector = StallDetector()
    window = MainWindow(context, idle_lock_ms=600_000)
    qtbot.addWidget(window)
    detector.start()
    return window, detector


def first_report(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    """Wait for the cycle the window started right after login; return its report."""
    with qtbot.waitSignal(window.sync.sig_sync_did_finish, timeout=WAIT) as blocker:
        pass
    return blocker.args[0]


def test_a_cycle_against_the_central_database_shows_online_and_counts(
    qtbot, central: Central, make_workstation: MakeWorkstation, tasks, presenter
) -> None:  # fmt: skip
    ws = make_workstation("0101", "ws1")
    save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url))
    add_clients(ws, 200)
    window, detector = open_window(qtbot, context_for(ws, tasks, presenter))
    report = first_report(qtbot, window)
    stalls["online cycle, 400+ messages"] = detector.stop()
    assert report.outcome.status is SyncStatus.OK and report.outcome.pushed > 400
    assert central.count("client") == 200
    status = window.status
    assert status.sync_label.text() == "已连接中心"
    assert status.pending_label.text() == "待上传 0"
    assert status.quarantined_label.text() == "被拒收 0" and status.quarantined_label.property("role") == ""
    assert status.last_success_label.text().startswith("上次成功同步 ")
    assert detector.ticks > 0 and detector.worst_ms < STALL_BOUND_MS, detector.worst_ms
    assert window.sync.interval_ms == 30_000

    page = window.pages[PageId.SYNC]
    assert isinstance(page, SyncPage)
    with qtbot.waitSignal(window.sync.sig_sync_did_finish, timeout=WAIT):  # 立即同步 (Ctrl+S)
        window.findChild(QAction, "action-sync-now").trigger()
    assert [run.status for run in page.snapshot.runs] == [SyncStatus.OK, SyncStatus.OK]
    assert page.runs_model.rowCount() == 2 and page.runs_model.index(0, 1).data() == "成功"
    assert "中心数据库：postgres@127.0.0.1" in page.state_label.text()
    assert presenter.reports == []


def test_cycles_never_overlap_and_a_request_during_one_runs_after_it(
    qtbot, central: Central, make_workstation: MakeWorkstation
) -> None:  # fmt: skip
    ws = make_workstation("0101", "ws1")
    save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url))
    controller = SyncController(ws)
    finished: list[object] = []
    controller.sig_sync_did_finish.connect(finished.append)
    controller.start()
    assert controller.running
    controller.sync_now()
    controller.sync_now()  # both fold into one follow-up cycle
    qtbot.waitUntil(lambda: len(finished) == 2 and not controller.running, timeout=WAIT)
    qtbot.wait(200)
    assert len(finished) == 2
    controller.stop()
    controller.sync_now()
    assert not controller.running


def test_offline_shows_offline_and_the_gui_never_blocks(
    qtbot, make_workstation: MakeWorkstation, tasks, presenter
) -> None:  # fmt: skip
    ws = make_workstation("0101", "ws1")
    closed = CentralSettings(host="127.0.0.1", port=pg.free_port(), database="c", user="u", sslmode="disable")
    save_settings(ws, actor_of(ws, Role.SUPERVISOR), closed)
    add_clients(ws, 3)
    window, detector = open_window(qtbot, context_for(ws, tasks, presenter))
    report = first_report(qtbot, window)
    stalls["offline (closed port)"] = detector.stop()
    assert report.outcome.status is SyncStatus.OFFLINE
    assert window.status.sync_label.text() == "离线（中心无法连接）"
    assert "无法连接" in window.status.sync_label.toolTip()
    assert window.status.pending_label.text() == "待上传 8"  # workstation row, 3 clients + 3 visits, settings audit
    assert window.status.last_success_label.text() == "尚未成功同步"
    assert detector.worst_ms < STALL_BOUND_MS, detector.worst_ms
    assert presenter.reports == []


def test_a_stalled_network_keeps_the_gui_and_the_counter_working(
    qtbot, central: Central, proxy: Proxy, make_workstation: MakeWorkstation, tasks, presenter
) -> None:  # fmt: skip
    ws = make_workstation("0101", "ws1")
    save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url, port=proxy.port))
    proxy.mode = "blackhole"
    window, detector = open_window(qtbot, context_for(ws, tasks, presenter))
    written: list[object] = []
    qtbot.wait(300)
    assert window.sync.running
    # The counter's own database work is not queued behind the stalled sync.
    tasks.run(lambda: add_clients(ws, 1), written.append, writes=True)
    qtbot.waitUntil(lambda: bool(written), timeout=10_000)
    assert window.sync.running
    report = first_report(qtbot, window)
    stalls["stalled network (blackhole proxy, ~5 s)"] = detector.stop()
    assert report.outcome.status is SyncStatus.OFFLINE
    assert detector.worst_ms < STALL_BOUND_MS, detector.worst_ms


def test_the_sync_page_lists_quarantined_records_and_retries_one(
    qtbot, central: Central, make_workstation: MakeWorkstation, tasks, presenter
) -> None:  # fmt: skip
    a2 = quarantine_one(central, make_workstation)
    save_settings(a2, actor_of(a2, Role.SUPERVISOR), settings_for(central.url))
    window, _detector = open_window(qtbot, context_for(a2, tasks, presenter))
    report = first_report(qtbot, window)
    assert report.outcome.quarantined == 1
    status = window.status
    assert status.quarantined_label.text() == "被拒收 1" and status.quarantined_label.property("role") == "alert"
    assert status.sync_label.text() == "有隔离记录" and status.sync_label.property("role") == "alert"
    page = window.pages[PageId.SYNC]
    assert isinstance(page, SyncPage)
    window.show()
    with qtbot.waitSignal(page.sig_overview_loaded, timeout=WAIT):
        window.show_page(PageId.SYNC)
    model = page.held_model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "客户资料"
    assert model.index(0, 4).data() == "中心拒收：与中心已有记录重复（唯一性冲突）"
    assert "uq_client_id_type_id_number" in model.index(0, 5).data()
    assert page.cards[1].value_label.text() == "1" and "1 条记录被中心拒收" in page.status_label.text()
    assert "有隔离记录" in page.state_label.text() and page.state_label.property("state") == "warning"  # error style
    assert not page.retry_button.isEnabled()
    page.held_view.selectRow(0)
    assert page.retry_button.isEnabled()

    with central.engine.begin() as conn:  # head office corrects the other record
        conn.exec_driver_sql("UPDATE client SET id_number = 'X1-old' WHERE id_number = 'X1'")
    with qtbot.waitSignal(page.sig_overview_loaded, timeout=WAIT):
        page.retry_button.click()
    assert model.rowCount() == 0 and "将在下次同步时重新发送" in page.status_label.text()
    with a2.read() as session:
        assert session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "sync.retry")) == 1
    with qtbot.waitSignal(window.sync.sig_sync_did_finish, timeout=WAIT) as blocker:
        page.sync_button.click()
    assert blocker.args[0].outcome.quarantined == 0 and status.quarantined_label.text() == "被拒收 0"
    assert status.sync_label.text() == "已连接中心" and "有隔离记录" not in page.state_label.text()
    assert central.count("client", "id_number = 'X1'") == 1
    assert presenter.reports == []


def test_without_a_central_database_the_status_bar_says_not_configured(
    qtbot, make_workstation: MakeWorkstation, tasks, presenter
) -> None:  # fmt: skip
    ws = make_workstation("0101", "ws1")
    window, _detector = open_window(qtbot, context_for(ws, tasks, presenter, Role.CLERK))
    report = first_report(qtbot, window)
    assert report.outcome is None
    assert window.status.sync_label.text() == "未配置中心"
    assert window.findChild(QObject, "action-sync-settings") is None  # clerks do not configure sync
    assert PageId.SYNC not in window.pages


def test_the_settings_dialog_tests_the_connection_and_keeps_the_password_in_the_keyring(
    qtbot, central: Central, make_workstation: MakeWorkstation, tasks, presenter, memory_keyring: MemoryKeyring
) -> None:  # fmt: skip
    from workstation.models import SyncState
    from workstation.sync.credentials import SERVICE, account_of
    from workstation.sync.settings import load_settings
    from workstation.ui.sync.settings_dialog import CentralSettingsDialog

    ws = make_workstation("0101", "ws1")
    context = context_for(ws, tasks, presenter)
    page = SyncPage(context)
    qtbot.addWidget(page)
    controller = SyncController(ws)
    page.attach(controller)
    dialog = page.open_settings()
    assert isinstance(dialog, CentralSettingsDialog)
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT)
    assert dialog.password_edit.placeholderText() == "尚未保存密码"
    target = settings_for(central.url)
    dialog.save_button.click()  # nothing filled in: said inline, nothing saved
    assert "请填写主机、数据库名、用户名" in dialog.message_label.text()
    dialog.host_edit.setText(target.host)
    dialog.port_spin.setValue(target.port)
    dialog.database_edit.setText(target.database)
    dialog.user_edit.setText(target.user)
    dialog.ssl_combo.setCurrentIndex(dialog.ssl_combo.findData("disable"))
    with qtbot.waitSignal(dialog.sig_check_did_finish, timeout=WAIT):
        dialog.test_button.click()
    assert dialog.message_label.text().startswith("连接成功：账号 postgres")
    dialog.password_edit.setText("s3cret-密码")
    with (
        qtbot.waitSignal(dialog.sig_settings_did_save, timeout=WAIT),
        qtbot.waitSignal(controller.sig_sync_did_finish, timeout=WAIT),  # saving starts a cycle
    ):
        dialog.save_button.click()
    assert load_settings(ws) == target
    assert memory_keyring.entries == {(SERVICE, account_of(target.url())): "s3cret-密码"}
    with ws.read() as session:
        stored = session.get(SyncState, "central_settings")
        assert stored is not None and "s3cret" not in str(stored.value)
    assert presenter.reports == []


def test_without_a_keyring_the_dialog_says_so_and_keeps_the_other_settings(
    qtbot, central: Central, make_workstation: MakeWorkstation, tasks, presenter
) -> None:  # fmt: skip
    import keyring

    from tests.dbfiles import DbKeysOnlyKeyring
    from workstation.sync.settings import load_settings
    from workstation.ui.sync.settings_dialog import CentralSettingsDialog

    previous = keyring.get_keyring()
    keyring.set_keyring(DbKeysOnlyKeyring(previous))  # no keyring for passwords (the database key stays)
    try:
        ws = make_workstation("0101", "ws1")
        save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url))
        dialog = CentralSettingsDialog(context_for(ws, tasks, presenter))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT)
        assert "本机没有可用的系统密钥环" in dialog.message_label.text()
        dialog.interval_spin.setValue(60)
        dialog.password_edit.setText("pw")
        with qtbot.waitSignal(dialog.sig_settings_did_save, timeout=WAIT):
            dialog.save_button.click()
        assert dialog.message_label.text().startswith("连接设置已保存，但密码未保存。本机没有可用的系统密钥环")
        assert dialog.message_label.property("role") == "error" and dialog.result() == 0
        assert load_settings(ws).interval_s == 60
    finally:
        keyring.set_keyring(previous)
