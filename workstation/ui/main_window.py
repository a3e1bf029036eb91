"""The main window: a thin shell holding navigation, the counter screens, the lock and the status bar.

The window knows nothing about what the screens do. It decides only which screens the staff
member sees (:mod:`workstation.ui.pages`), hides everything when the workstation is idle, and
asks the session flow to log out.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workstation import errors
from workstation.domain import Role
from workstation.ui.about import show_about
from workstation.ui.context import SessionContext
from workstation.ui.idle import IdleWatcher, LockScreen
from workstation.ui.pages import PageId, create_page, page_title, visible_pages
from workstation.ui.password import ChangePasswordDialog
from workstation.ui.statusbar import WorkstationStatusBar
from workstation.ui.sync.controller import install_sync

log = logging.getLogger(__name__)

NAV_WIDTH = 200
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
"""Navigation item data: the item's PageId."""


class ShellAction(enum.Enum):
    """The window's own actions (Picard-style registry)."""

    CHANGE_PASSWORD = "change_password"
    CARD_READER = "card_reader"
    HALL_DISPLAY = "hall_display"
    LOCK = "lock"
    LOGOUT = "logout"
    QUIT = "quit"
    ABOUT = "about"
    SLIP_PRINTER = "slip_printer"


class LogoutReason(enum.StrEnum):
    USER = "user"
    SWITCH_USER = "switch_user"
    QUIT = "quit"


def verify_unlock(context: SessionContext, password: str) -> None:
    from workstation.services import auth

    auth.verify_unlock(context.store, context.actor, password)


class LazyPages(Mapping[PageId, QWidget]):
    """The pages this staff member may see, in navigation order, each built on first use: the
    main window appears at once after login, and a page nobody opens costs nothing."""

    def __init__(self, page_ids: list[PageId], build: Callable[[PageId], QWidget]) -> None:
        self._order = page_ids
        self._build = build
        self._built: dict[PageId, QWidget] = {}

    def __getitem__(self, page_id: PageId) -> QWidget:
        if page_id not in self._order:
            raise KeyError(page_id)
        if page_id not in self._built:
            self._built[page_id] = self._build(page_id)
        return self._built[page_id]

    def __iter__(self) -> Iterator[PageId]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def built(self) -> list[QWidget]:
        """The pages built so far (without building the others)."""
        return list(self._built.values())


class MainWindow(QMainWindow):
    """The logged-in workstation."""

    sig_logout_requested = Signal(str)
    """The staff member leaves (payload: a :class:`LogoutReason`)."""
    sig_page_changed = Signal(object)
    """The visible page changed (payload: its :class:`PageId`)."""
    sig_lock_changed = Signal(bool)
    """True when the screen has been locked, False when unlocked."""
    sig_page_created = Signal(object)
    """A page was built, on its first use (payload: the page widget)."""

    def __init__(self, context: SessionContext, idle_lock_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.pages = LazyPages(visible_pages(context.actor), self._create_page)
        self.actions_by_id: dict[ShellAction, QAction] = {}
        self._leaving = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("证券营业部前台工作站 — %1").replace("%1", context.identity.branch_name))
        self.idle = IdleWatcher(idle_lock_ms, self)
        self._build()
        self._create_actions()
        self._connect_signals()
        self.sync = install_sync(self)  # background sync: timer, 同步 menu, status bar, Sync page
        from workstation.ui.retention_job import RetentionJob

        self.retention = RetentionJob(context, self)  # daily retention run (issue 17)
        if self.pages:
            self.navigation.setCurrentRow(0)

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.root = QStackedWidget(self)
        self.workspace = QWidget(self.root)
        row = QHBoxLayout(self.workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)

        side = QVBoxLayout()
        side.setSpacing(0)
        header = QLabel(self.tr("业务导航"), self.workspace)
        header.setObjectName("navigationHeader")
        self.navigation = QListWidget(self.workspace)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAV_WIDTH)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        side.addWidget(header)
        side.addWidget(self.navigation, 1)
        self.lock_button = QPushButton(self.tr("锁定屏幕"), self.workspace)
        self.lock_button.setObjectName("navigationLock")
        self.logout_button = QPushButton(self.tr("注销"), self.workspace)
        self.logout_button.setObjectName("navigationLogout")
        for button in (self.lock_button, self.logout_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedWidth(NAV_WIDTH)
            side.addWidget(button)
        row.addLayout(side)

        self.page_stack = QStackedWidget(self.workspace)
        row.addWidget(self.page_stack, 1)
        for page_id in self.pages:
            item = QListWidgetItem(page_title(page_id), self.navigation)
            item.setData(PAGE_ROLE, page_id.value)

        self.lock_screen = LockScreen(self.root)
        self.root.addWidget(self.workspace)
        self.root.addWidget(self.lock_screen)
        self.setCentralWidget(self.root)
        self.status = WorkstationStatusBar(self.context, self)
        self.setStatusBar(self.status)
        self.resize(1280, 800)

    def _create_actions(self) -> None:
        specs = [
            (ShellAction.CHANGE_PASSWORD, self.tr("修改密码…"), QKeySequence(), self.open_change_password),
            (ShellAction.CARD_READER, self.tr("身份证阅读器设置…"), QKeySequence(), self.open_card_reader_settings),
            (ShellAction.HALL_DISPLAY, self.tr("打开叫号屏（第二块屏幕）"), QKeySequence(), self.open_hall_display),
            (ShellAction.LOCK, self.tr("锁定屏幕"), QKeySequence("Ctrl+L"), self.lock),
            (ShellAction.LOGOUT, self.tr("注销"), QKeySequence(), lambda: self.leave(LogoutReason.USER)),
            (ShellAction.SLIP_PRINTER, self.tr("小票打印机设置…"), QKeySequence(), self.open_slip_printer),
            (ShellAction.ABOUT, self.tr("关于…"), QKeySequence(), lambda: show_about(self)),
            (
                ShellAction.QUIT,
                self.tr("退出程序"),
                QKeySequence(QKeySequence.StandardKey.Quit),
                lambda: self.leave(LogoutReason.QUIT),
            ),
        ]
        menu = self.menuBar().addMenu(self.tr("工作站(&W)"))
        for action_id, text, shortcut, handler in specs:
            action = QAction(text, self)
            action.setObjectName(f"action-{action_id.value}")
            action.setShortcut(shortcut)
            action.triggered.connect(handler)
            self.actions_by_id[action_id] = action
            if action_id is ShellAction.QUIT:
                menu.addSeparator()
            menu.addAction(action)
        reader = self.actions_by_id[ShellAction.CARD_READER]
        reader.setEnabled(self.context.actor.has_any((Role.SUPERVISOR, Role.ADMIN)))

    def open_slip_printer(self) -> None:
        """小票打印机设置 (supervisors and admins; others are told they may not)."""
        from workstation.printing.thermal_settings import MANAGERS
        from workstation.ui.printing.thermal_dialog import ThermalPrinterDialog

        try:
            self.context.actor.require(MANAGERS, "设置小票打印机")
        except errors.PermissionDenied as exc:
            self.context.presenter.show(exc, self)
            return
        dialog = ThermalPrinterDialog(self.context, self)
        dialog.open()

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.lock_button.clicked.connect(self.lock)
        self.logout_button.clicked.connect(lambda: self.leave(LogoutReason.USER))
        self.idle.sig_idle.connect(self.lock)
        self.lock_screen.sig_unlock_requested.connect(self._unlock)
        self.lock_screen.sig_switch_user_requested.connect(lambda: self.leave(LogoutReason.SWITCH_USER))

    # --- pages ------------------------------------------------------------------------------

    def _create_page(self, page_id: PageId) -> QWidget:
        page = create_page(page_id, self.context, self.page_stack)
        self.page_stack.addWidget(page)
        self.sig_page_created.emit(page)
        return page

    @property
    def current_page(self) -> PageId | None:
        item = self.navigation.currentItem()
        return PageId(item.data(PAGE_ROLE)) if item is not None else None

    def show_page(self, page_id: PageId) -> None:
        """Switch to ``page_id``. Raises KeyError if this staff member may not see it."""
        self.navigation.setCurrentRow(list(self.pages).index(page_id))

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        page_id = list(self.pages)[row]
        self.page_stack.setCurrentWidget(self.pages[page_id])
        self.sig_page_changed.emit(page_id)

    # --- session ----------------------------------------------------------------------------

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if not self.is_locked:
            self.idle.start()

    def open_hall_display(self) -> None:
        """Start the hall's call display and voice as a separate process on the second screen."""
        import os
        import subprocess
        import sys

        from workstation import paths
        from workstation.store import display_url

        url = self.context.store.url
        target = str(self.context.store.path) if self.context.store.path else url.render_as_string(False)
        program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "workstation.ui.app"]
        screen = "1" if len(self.screen().virtualSiblings()) > 1 else "0"
        command = [*program, "--hall", "--screen", screen, "--lang", self.context.lang]
        env = {**os.environ, paths.DB_ENV: target}  # not on the command line: a URL may hold a password
        subprocess.Popen(command, env=env, start_new_session=True)
        self.status.showMessage(self.tr("已打开叫号屏：%1").replace("%1", display_url(url)), 5000)

    def open_card_reader_settings(self) -> QDialog:
        """This PC's ID card reader (supervisors and administrators set it up)."""
        from workstation.ui.idcard import ReaderSettingsDialog

        dialog = ReaderSettingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def leave(self, reason: LogoutReason) -> None:
        """Ask the session flow to log out (it closes this window)."""
        self.sig_logout_requested.emit(str(reason))

    def dispose(self) -> None:
        """Close for good, without asking again (called by the session flow)."""
        self._leaving = True
        self.idle.stop()
        self.sync.stop()
        self.retention.stop()
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving:
            event.accept()
            return
        event.ignore()  # the flow logs out, then disposes of the window
        self.leave(LogoutReason.QUIT)

    # --- idle lock --------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.root.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Hide everything behind the lock screen until the password is entered again."""
        if self.is_locked:
            return
        for dialog in self.findChildren(QDialog):
            dialog.reject()
        self.idle.stop()
        self.menuBar().setEnabled(False)
        self.lock_screen.prepare(self.context.actor)
        self.root.setCurrentWidget(self.lock_screen)
        self.lock_screen.password_edit.setFocus()
        log.info("screen locked for %s", self.context.actor.staff_no)
        self.sig_lock_changed.emit(True)

    def _unlock(self, password: str) -> None:
        self.lock_screen.set_busy(True)
        context = self.context
        context.tasks.run(
            lambda: verify_unlock(context, password),
            on_success=lambda _result: self._unlocked(),
            on_failure=self._unlock_refused,
            writes=True,
            owner=self,
        )

    def _unlocked(self) -> None:
        self.lock_screen.set_busy(False)
        self.lock_screen.password_edit.clear()
        self.root.setCurrentWidget(self.workspace)
        self.menuBar().setEnabled(True)
        self.idle.start()
        page = self.page_stack.currentWidget()
        if page is not None:
            page.setFocus()
        self.sig_lock_changed.emit(False)

    def _unlock_refused(self, exc: BaseException) -> None:
        self.lock_screen.set_busy(False)
        if isinstance(exc, errors.UserError):
            self.lock_screen.show_error(exc.message(self.context.lang))
        else:
            self.context.presenter.show(exc, self)
