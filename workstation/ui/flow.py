"""The session flow: open the database → log in → main window → log out → log in again.

The login dialog appears first, while the database opens on a worker thread. Every way opening
can fail ends in the error presenter's message and :attr:`SessionFlow.sig_finished` with a
non-zero exit code, never in a traceback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from workstation.services.actor import Actor
from workstation.ui.context import SessionContext
from workstation.ui.login import LoginDialog
from workstation.ui.startup import OpenedDatabase, open_database

if TYPE_CHECKING:
    from workstation.ui.errors import ErrorPresenter
    from workstation.ui.main_window import MainWindow
    from workstation.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DATABASE = 3
MS_PER_MINUTE = 60_000


@dataclass(frozen=True)
class LaunchOptions:
    """How this run was started (from the command line)."""

    target: str
    demo: bool = False
    lang: str = "zh_CN"
    idle_lock_ms: int | None = None
    """Overrides the branch policy ``ui.idle_lock_minutes`` (tests)."""
    auto_login: tuple[str, str] | None = None
    """Staff number and password to log in with as soon as the database is open."""


class FirstPaint(QObject):
    """Emits :attr:`sig_painted` once, after ``widget`` has been painted for the first time."""

    sig_painted = Signal()
    """The widget has been painted once."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            self.sig_painted.emit()
        return False


def record_logout(context: SessionContext, reason: str) -> None:
    from workstation.services import auth

    with context.store.write() as session:
        auth.record_logout(session, context.actor, reason)


class SessionFlow(QObject):
    """Drives the windows from start to exit."""

    sig_finished = Signal(int)
    """The workstation should exit with this code."""
    sig_database_opened = Signal(object)
    """The database is open (payload: :class:`OpenedDatabase`)."""
    sig_main_window_shown = Signal(object)
    """A staff member logged in and the main window is on screen (payload: the window)."""

    def __init__(self, options: LaunchOptions, tasks: TaskRunner, presenter: ErrorPresenter) -> None:
        super().__init__()
        self.options = options
        self.tasks = tasks
        self.presenter = presenter
        self.database: OpenedDatabase | None = None
        self.window: MainWindow | None = None
        self.exit_code: int | None = None
        self.login = LoginDialog(tasks, presenter)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.login.sig_logged_in.connect(self._logged_in)
        self.login.rejected.connect(lambda: self.finish(EXIT_OK))

    # --- opening ----------------------------------------------------------------------------

    def start(self) -> None:
        """Show the login dialog and open the database behind it."""
        self.login.show()
        target, demo = self.options.target, self.options.demo
        self.tasks.run(lambda: open_database(target, demo=demo), self._opened, self._open_failed, writes=True)

    def _opened(self, database: OpenedDatabase) -> None:
        self.database = database
        log.info("database open for %s (%s)", database.identity.branch_code, database.identity.workstation_name)
        self.login.attach(database.store, database.identity)
        self.sig_database_opened.emit(database)
        if self.options.auto_login and self.exit_code is None:
            self.log_in_as(*self.options.auto_login)

    def _open_failed(self, exc: BaseException) -> None:
        self.login.hide()
        self.presenter.show(exc)
        self.finish(EXIT_DATABASE)

    def log_in_as(self, staff_no: str, password: str) -> None:
        """Fill in the login dialog and submit it (screenshots, start-up probe)."""
        self.login.staff_edit.setText(staff_no)
        self.login.password_edit.setText(password)
        self.login.submit()

    # --- logged in --------------------------------------------------------------------------

    def idle_lock_ms(self) -> int:
        if self.options.idle_lock_ms is not None:
            return self.options.idle_lock_ms
        minutes = self.database.idle_lock_minutes if self.database else 5
        return int(minutes * MS_PER_MINUTE)

    def _logged_in(self, actor: Actor) -> None:
        from workstation.ui.main_window import MainWindow

        assert self.database is not None
        context = SessionContext(
            store=self.database.store,
            identity=self.database.identity,
            actor=actor,
            tasks=self.tasks,
            presenter=self.presenter,
            lang=self.options.lang,
        )
        log.info("logged in: %s", actor.staff_no)
        self.window = MainWindow(context, self.idle_lock_ms())
        self.window.sig_logout_requested.connect(self._log_out)
        self.login.hide()
        self.window.show()
        self.sig_main_window_shown.emit(self.window)

    def _log_out(self, reason: str) -> None:
        window = self.window
        if window is None:
            return
        self.window = None
        context = window.context
        window.dispose()
        quitting = reason == "quit"
        if not quitting:
            self.login.reset()
            self.login.show()

        def done(_result: object = None) -> None:
            if quitting:
                self.finish(EXIT_OK)

        def failed(exc: BaseException) -> None:
            log.warning("logout not recorded: %r", exc)
            done()

        self.tasks.run(lambda: record_logout(context, reason), done, failed, writes=True)

    # --- exit -------------------------------------------------------------------------------

    def finish(self, code: int) -> None:
        """Close every window and report the exit code (once)."""
        if self.exit_code is not None:
            return
        self.exit_code = code
        if self.window is not None:
            self.window.dispose()
            self.window = None
        self.login.hide()
        self.sig_finished.emit(code)

    def close_store(self) -> None:
        """Release the database (after the task runner is idle)."""
        if self.database is not None:
            from workstation.services import runtime

            runtime.forget(self.database.store)  # its central engine
            self.database.store.dispose()
