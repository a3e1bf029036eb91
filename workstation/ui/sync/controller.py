"""Background sync in the app: a timer, a "同步" action and one worker thread for the network.

:class:`SyncController` runs :func:`workstation.sync.status.run_configured` (settings from the
local database, password from the keyring, then ``run_once``) on its own one-thread task runner,
never on the GUI thread and never in the database write pool, so the counter keeps working while a
slow or stalled central database is waited for. Cycles never overlap: a request while one runs is
remembered and served right after it. Each cycle ends in :attr:`SyncController.sig_sync_did_finish`
with the :class:`~workstation.sync.status.CycleReport` as payload; the status bar and the Sync
page refresh from it (one notification, style §5).

:func:`install_sync` wires a controller into the main window: the 同步 menu (立即同步 Ctrl+S,
中心设置… for supervisors and admins), the status bar and the Sync page. The first cycle starts
right after login.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from workstation.sync.settings import DEFAULT_INTERVAL_S, MANAGERS
from workstation.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from workstation.store import Store
    from workstation.sync.status import CycleReport
    from workstation.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_network: TaskRunner | None = None


def network_runner() -> TaskRunner:
    """The process-wide runner for central-database work (its write pool has one thread).

    Not owned by a window: a cycle still running at logout finishes in the background instead of
    blocking the GUI thread while the window is destroyed; its result is then dropped.
    """
    global _network
    if _network is None:
        _network = TaskRunner()
    return _network


def run_cycle(store: Store) -> CycleReport:
    """One configured cycle (runs on the network worker), one at a time per workstation. After a
    successful one the central link stops backing off: the branch queue and the gift stock use the
    central database again at the next click."""
    from workstation.services import runtime
    from workstation.sync.status import run_configured

    mine = runtime.for_store(store)
    report = run_configured(store, lock=mine.sync_lock)
    if report.outcome is not None and report.outcome.completed:
        mine.link.reached()
    return report


class SyncController(QObject):
    """Runs sync cycles on a timer and on demand, one at a time, off the GUI thread."""

    sig_sync_did_start = Signal()
    """A cycle has started on the worker."""
    sig_sync_did_finish = Signal(object)
    """A cycle ended (payload: :class:`~workstation.sync.status.CycleReport`)."""

    def __init__(self, store: Store, parent: QObject | None = None, *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner or network_runner()
        self.running = False
        self.last_report: CycleReport | None = None
        self._again = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(DEFAULT_INTERVAL_S * 1000)
        self._timer.timeout.connect(self.sync_now)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        """Start the timer and run the first cycle now."""
        self._stopped = False
        self._timer.start()
        self.sync_now()

    def stop(self) -> None:
        """No more cycles; a running one finishes on its worker and its result is dropped."""
        self._stopped = True
        self._timer.stop()

    def sync_now(self) -> None:
        """Run a cycle now, or right after the one in progress."""
        if self._stopped:
            return
        if self.running:
            self._again = True
            return
        self.running = True
        self._again = False
        store = self.store
        self.sig_sync_did_start.emit()
        self.runner.run(lambda: run_cycle(store), self._finished, self._failed, writes=True, owner=self)

    def _finished(self, report: CycleReport) -> None:
        self.running = False
        self.last_report = report
        interval_ms = max(1, report.snapshot.interval_s) * 1000
        if interval_ms != self._timer.interval() and not self._stopped:
            self._timer.start(interval_ms)
        if self._stopped:
            return
        self.sig_sync_did_finish.emit(report)
        if self._again:
            self.sync_now()

    def _failed(self, exc: BaseException) -> None:
        # run_configured reports expected failures in the outcome; this is a bug or a broken store.
        self.running = False
        log.error("sync cycle failed", exc_info=(type(exc), exc, exc.__traceback__))
        if self._again and not self._stopped:
            self.sync_now()


def install_sync(window: MainWindow) -> SyncController:
    """Create the window's controller, its menu and connections; start syncing."""
    from workstation.ui.sync.page import SyncPage
    from workstation.ui.sync.settings_dialog import open_settings_dialog

    context = window.context
    controller = SyncController(context.store, window)
    menu = window.menuBar().addMenu(QCoreApplication.translate("SyncController", "同步(&S)"))
    sync_action = QAction(QCoreApplication.translate("SyncController", "立即同步"), window)
    sync_action.setObjectName("action-sync-now")
    sync_action.setShortcut(QKeySequence("Ctrl+S"))
    sync_action.triggered.connect(controller.sync_now)
    menu.addAction(sync_action)
    if context.actor.has_any(MANAGERS):
        settings_action = QAction(QCoreApplication.translate("SyncController", "中心设置…"), window)
        settings_action.setObjectName("action-sync-settings")
        settings_action.triggered.connect(lambda: open_settings_dialog(context, controller, window))
        menu.addAction(settings_action)
    window.status.attach_sync(controller)

    def attach(page: object) -> None:
        if isinstance(page, SyncPage):
            page.attach(controller)

    for page in window.pages.built():
        attach(page)
    window.sig_page_created.connect(attach)  # the Sync page is built when first opened
    controller.start()
    return controller
