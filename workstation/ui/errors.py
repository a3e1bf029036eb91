"""The one error presenter: every error a clerk sees is shown here, in one of three ways.

- :class:`~workstation.errors.UserError` (and other expected errors): the clerk can act on it —
  a warning box with ``error.message(lang)``.
- :class:`~workstation.errors.StoreError`: the database cannot be used — a critical box.
- Anything else is a bug: a short Chinese (or English) apology in a critical box, and the
  traceback to the log file only. :meth:`ErrorPresenter.install_excepthook` routes uncaught
  exceptions (including those raised in Qt slots) here.

Tests replace :attr:`ErrorPresenter.display` to capture reports instead of opening modal boxes.
"""

from __future__ import annotations

import enum
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workstation import errors

log = logging.getLogger(__name__)


class Severity(enum.Enum):
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True)
class ErrorReport:
    """What the clerk is shown for one error."""

    severity: Severity
    title: str
    text: str
    error: BaseException


Display = Callable[[ErrorReport, QWidget | None], None]


def message_box_display(report: ErrorReport, parent: QWidget | None) -> None:
    """Show ``report`` in a modal QMessageBox (the default display)."""
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning if report.severity is Severity.WARNING else QMessageBox.Icon.Critical)
    box.setWindowTitle(report.title)
    box.setText(report.text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


class ErrorPresenter:
    """Turns exceptions into clerk-readable reports and shows them."""

    def __init__(self, lang: str = "zh_CN", display: Display | None = None) -> None:
        self.lang = lang
        self.display: Display = display or message_box_display
        self._previous_hook: Callable[..., object] | None = None

    def report_for(self, exc: BaseException) -> ErrorReport:
        """The report for ``exc``; unexpected errors get a fixed message (details go to the log)."""
        if isinstance(exc, errors.StoreError):
            return ErrorReport(
                Severity.CRITICAL,
                QCoreApplication.translate("ErrorPresenter", "数据库不可用"),
                exc.message(self.lang),
                exc,
            )
        if isinstance(exc, errors.SyncError):
            return ErrorReport(
                Severity.WARNING, QCoreApplication.translate("ErrorPresenter", "同步失败"), exc.message(self.lang), exc
            )
        if isinstance(exc, errors.WorkstationError):
            return ErrorReport(
                Severity.WARNING, QCoreApplication.translate("ErrorPresenter", "提示"), exc.message(self.lang), exc
            )
        text = QCoreApplication.translate(
            "ErrorPresenter", "程序出现意外错误，已记录日志。请重试；如果反复出现，请联系技术支持。"
        )
        return ErrorReport(Severity.CRITICAL, QCoreApplication.translate("ErrorPresenter", "意外错误"), text, exc)

    def show(self, exc: BaseException, parent: QWidget | None = None) -> ErrorReport:
        """Log ``exc`` (with its traceback if unexpected) and show it to the clerk."""
        report = self.report_for(exc)
        if isinstance(exc, errors.WorkstationError):
            log.warning("shown to clerk: %r", exc)
        else:
            log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        self.display(report, parent)
        return report

    # --- uncaught exceptions --------------------------------------------------------------------

    def install_excepthook(self) -> None:
        """Route uncaught exceptions on the GUI thread to :meth:`show`; worker threads only log."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = _thread_excepthook

    def uninstall_excepthook(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None
        threading.excepthook = threading.__excepthook__

    def _excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        try:
            self.show(exc)
        except Exception:  # the presenter itself failed: at least keep the log
            log.exception("error presenter failed")


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    log.error(
        "uncaught exception in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )
