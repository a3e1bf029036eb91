"""Tab shortcuts that do not read as counts: "办理(&1)" showed as "办理(1)" over an empty list.

Tabs keep plain titles; Alt+1…Alt+9 choose them and the tooltip says so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QWidget


def number_tabs(tabs: QTabWidget, owner: QWidget) -> list[QShortcut]:
    """Alt+N opens tab N of ``tabs`` while ``owner`` (the page) is shown; returns the shortcuts."""
    shortcuts: list[QShortcut] = []
    for index in range(min(tabs.count(), 9)):
        shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), owner)
        shortcut.activated.connect(lambda i=index: tabs.setCurrentIndex(i))
        tip = QCoreApplication.translate("Tabs", "快捷键 Alt+%1").replace("%1", str(index + 1))
        tabs.setTabToolTip(index, tip)
        shortcuts.append(shortcut)
    return shortcuts
