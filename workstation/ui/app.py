"""``workstation``: the counter workstation's desktop entry point.

Start-up is kept light (the login dialog is on screen in a few hundred milliseconds): SQLAlchemy
and Alembic load on a worker thread while the dialog is shown; ReportLab, keyring and openpyxl
are imported only by the actions that need them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workstation import __version__

if TYPE_CHECKING:
    from workstation.printing.spool import PrintBackend
    from workstation.ui.errors import ErrorReport

log = logging.getLogger(__name__)

PROBE_STAGES = ("login", "main")
DEMO_SUPERVISOR = ("S001", "Demo1234")  # mirrors workstation.demo (not imported: start-up cost)
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workstation",
        description="证券营业部前台工作站 Counter Workstation",
        epilog="数据库地址也可由环境变量 WORKSTATION_DB 给出。",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db",
        metavar="URL",
        help="数据库：SQLite 文件路径或 postgresql://… 地址（默认：用户数据目录下的 workstation.db）",
    )
    where.add_argument("--demo", action="store_true", help="使用独立的演示数据库（首次使用时自动生成演示数据）")
    parser.add_argument(
        "--create", action="store_true", help="--db 指定的数据库文件不存在时新建（否则拒绝，以防路径写错）"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="界面语言（默认 zh_CN）")
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        type=Path,
        help="以演示主管 S001 登录，逐页截图保存到 DIR 后退出",
    )
    parser.add_argument("--hall", action="store_true", help="叫号屏与语音播报（大厅电视，不需登录）")
    parser.add_argument("--screen", type=int, default=None, metavar="N", help="--hall：在第 N 块屏幕上全屏显示")
    parser.add_argument("--probe-startup", choices=PROBE_STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def needs_offscreen(args: argparse.Namespace) -> bool:
    """Screenshots and probes also run on machines without a display (CI, servers)."""
    unattended = bool(args.screenshot or args.probe_startup)
    has_display = any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    return unattended and not has_display and sys.platform.startswith("linux")


def warm_up_imports() -> threading.Thread:
    """Import the database layer on a side thread while Qt starts (the GIL is free during much of both)."""

    def work() -> None:
        try:
            import workstation.migrate
            import workstation.services.auth
            import workstation.services.overview  # noqa: F401
        except Exception:  # the real import, on the task thread, reports any problem
            log.debug("warm-up import failed", exc_info=True)

    thread = threading.Thread(target=work, name="warm-up-imports", daemon=True)
    thread.start()
    return thread


def qt_print_backend() -> PrintBackend:
    """Qt's print system, built only when something prints (QtPdf/QtPrintSupport load then)."""
    from workstation.ui.printing.qt_print import QtPrintBackend

    return QtPrintBackend()


def print_report(report: ErrorReport, _parent: object) -> None:
    """Unattended runs (screenshots, probes) print errors instead of waiting on a dialog."""
    print(f"{report.title}: {report.text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the workstation; return the process exit code (0 = normal exit)."""
    args = build_parser().parse_args(argv)
    from workstation import errors, paths

    missing = None if args.create else paths.missing_db_file(args.db)
    if missing is not None:  # a mistyped --db path must not silently become a new, empty database
        print(errors.DatabaseMissing(path=str(missing)).message(args.lang), file=sys.stderr)
        return 2
    if argv is None:  # the program itself: every file it makes (logs, exports, PDFs) is private
        from workstation.files import private_umask

        private_umask()
    if needs_offscreen(args):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    warm_up_imports()
    from workstation.ui.logfile import setup_logging

    log_file = setup_logging()
    log.info("workstation %s starting (log: %s)", __version__, log_file)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from workstation.ui import refcount_guard
    from workstation.ui.errors import ErrorPresenter
    from workstation.ui.flow import LaunchOptions, SessionFlow
    from workstation.ui.i18n import install_translators
    from workstation.ui.startup import default_target
    from workstation.ui.tasks import TaskRunner
    from workstation.ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "workstation"])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-workstation")
    app.setApplicationDisplayName("证券营业部前台工作站")
    app.setQuitOnLastWindowClosed(False)  # the session flow decides when to exit
    apply_theme(app)
    from workstation.printing import spool

    spool.register_qt_backend(qt_print_backend)  # Windows prints through Qt
    refcount_guard.install(app)  # PySide6 6.12 on Python 3.11: see the module
    install_translators(app, args.lang)

    unattended = args.screenshot is not None or args.probe_startup is not None
    presenter = ErrorPresenter(args.lang, display=print_report if unattended else None)
    presenter.install_excepthook()
    tasks = TaskRunner(failure_handler=presenter.show)
    if args.hall:
        from workstation.ui.hall import run_hall

        return run_hall(app, tasks, presenter, default_target(args.demo, args.db), demo=args.demo, screen=args.screen)
    options = LaunchOptions(
        target=default_target(args.demo, args.db),
        demo=args.demo,
        lang=args.lang,
        auto_login=DEMO_SUPERVISOR if args.probe_startup == "main" else None,
    )
    flow = SessionFlow(options, tasks, presenter)
    if args.screenshot is not None:
        from workstation.ui.screenshot import ScreenshotTour

        ScreenshotTour(flow, args.screenshot, DEMO_SUPERVISOR).start()
    elif args.probe_startup is not None:
        from workstation.ui.screenshot import StartupProbe

        StartupProbe(flow, args.probe_startup)

    loop = QEventLoop()
    flow.sig_finished.connect(loop.exit)
    QTimer.singleShot(0, flow.start)
    code = loop.exec()
    if args.probe_startup is not None:
        # The probe is timed: leave at once, without waiting for the database to finish opening.
        logging.shutdown()
        os._exit(code)
    tasks.wait_for_done(10_000 if unattended else -1)
    flow.close_store()
    presenter.uninstall_excepthook()
    log.info("workstation exiting with %d", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
