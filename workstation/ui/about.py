"""关于 (About): the version this PC runs, for the clerk and the support hotline."""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from workstation import __version__


def version_text() -> str:
    """``版本 0.1.0``: what the status bar and the login window show."""
    return QCoreApplication.translate("About", "版本 %1").replace("%1", __version__)


def about_text() -> str:
    frozen = QCoreApplication.translate("About", "安装包") if getattr(sys, "frozen", False) else "Python"
    return (
        QCoreApplication.translate("About", "证券营业部前台工作站")
        + f"\n{version_text()}（{frozen}）\n"
        + f"Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}\n"
        + f"{platform.system()} {platform.release()}"
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("About", "关于"), about_text())
