"""``--screenshot DIR``: log in as the demo supervisor, visit every page, write one PNG each.

Also ``--probe-startup``: exit as soon as the login dialog (``login``) or the main window after an
automatic login (``main``) has been painted once; ``workstation-cli bench`` times these runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from workstation.ui.flow import EXIT_OK, FirstPaint, SessionFlow

if TYPE_CHECKING:  # the main window (every page) loads after the login window, not before
    from workstation.ui.main_window import MainWindow

log = logging.getLogger(__name__)

POLL_MS = 20
SETTLE_MS = 60
TIMEOUT_MS = 60_000
EXIT_SCREENSHOT_FAILED = 4


class ScreenshotTour(QObject):
    """Walks the flow through its screens and saves what each looks like."""

    def __init__(self, flow: SessionFlow, folder: Path, credentials: tuple[str, str]) -> None:
        super().__init__(flow)
        self.flow = flow
        self.folder = folder
        self.credentials = credentials
        self.saved: list[Path] = []
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(TIMEOUT_MS)
        self._deadline.timeout.connect(self._give_up)
        flow.sig_database_opened.connect(self._database_opened)
        flow.sig_main_window_shown.connect(self._main_window_shown)

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._deadline.start()

    def save(self, widget: QWidget, name: str) -> Path:
        path = self.folder / f"{len(self.saved):02d}-{name}.png"
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        self.saved.append(path)
        log.info("screenshot %s", path)
        return path

    def _when_idle(self, then: Callable[[], None]) -> None:
        """Call ``then`` once no background task is pending and the window has settled."""
        if self.flow.tasks.pending:
            QTimer.singleShot(POLL_MS, lambda: self._when_idle(then))
        else:
            QTimer.singleShot(SETTLE_MS, then)

    def _database_opened(self, database: object) -> None:
        login = self.flow.login
        login.staff_edit.setText(self.credentials[0])
        login.resize(login.sizeHint())

        def shoot_login(_result: object = None) -> None:
            self.save(login, "login")
            self.flow.log_in_as(*self.credentials)

        def seeding_failed(exc: BaseException) -> None:
            log.warning("screenshot documents not seeded: %r", exc)
            shoot_login()

        store = getattr(database, "store", None)
        if store is None:
            QTimer.singleShot(SETTLE_MS, shoot_login)
            return
        # A few printed documents, so the Documents page shows real rows (demo data has none).
        from workstation.ui.documents.demo import seed_screenshot_documents

        self.flow.tasks.run(lambda: seed_screenshot_documents(store), shoot_login, seeding_failed, writes=True)

    def _main_window_shown(self, window: MainWindow) -> None:
        pages = list(window.pages)

        def visit(index: int) -> None:
            if index == len(pages):
                self._extras(window)
                return
            window.show_page(pages[index])

            def shoot() -> None:
                self.save(window, pages[index].value)
                visit(index + 1)

            self._when_idle(shoot)

        self._when_idle(lambda: visit(0))

    def _extras(self, window: MainWindow) -> None:
        dialog = window.open_change_password()

        def shoot_dialog() -> None:
            self.save(dialog, "change-password")
            dialog.reject()
            window.lock()
            QTimer.singleShot(SETTLE_MS, shoot_lock)

        def shoot_lock() -> None:
            self.save(window, "idle-lock")
            self._deadline.stop()
            self.flow.finish(EXIT_OK)

        QTimer.singleShot(SETTLE_MS, shoot_dialog)

    def _give_up(self) -> None:
        log.error("screenshot tour timed out after %d shots", len(self.saved))
        self.flow.finish(EXIT_SCREENSHOT_FAILED)


class StartupProbe(QObject):
    """Finishes the flow once the chosen window has been painted for the first time."""

    def __init__(self, flow: SessionFlow, stage: str) -> None:
        super().__init__(flow)
        self.flow = flow
        if stage == "login":
            self._watch(flow.login)
        else:
            flow.sig_main_window_shown.connect(self._watch)

    def _watch(self, widget: QWidget) -> None:
        painted = FirstPaint(widget)
        painted.sig_painted.connect(lambda: self.flow.finish(EXIT_OK))
