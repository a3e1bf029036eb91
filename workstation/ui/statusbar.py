"""The status bar: branch, who is logged in, the sync state and the clock."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from workstation.ui.context import SessionContext
from workstation.ui.pages import role_labels

CLOCK_FORMAT = "yyyy-MM-dd HH:mm"


class WorkstationStatusBar(QStatusBar):
    """Permanent fields only; transient messages are not used at the counter."""

    def __init__(self, context: SessionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        actor = context.actor
        self.branch_label = QLabel(f"{context.identity.branch_name} · {context.identity.workstation_name}", self)
        self.staff_label = QLabel(
            self.tr("%1（%2）%3")
            .replace("%1", actor.name)
            .replace("%2", actor.staff_no)
            .replace("%3", role_labels(actor)),
            self,
        )
        self.sync_label = QLabel(self)
        self.clock_label = QLabel(self)
        self.addWidget(self.branch_label)
        self.addWidget(self.staff_label, 1)
        self.addPermanentWidget(self.sync_label)
        self.addPermanentWidget(self.clock_label)
        self.set_sync_state(online=False)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.update_clock)
        self._clock.start()
        self.update_clock()

    def set_sync_state(self, *, online: bool, detail: str = "") -> None:
        """Show whether the central database is reachable (the sync screen will call this)."""
        text = self.tr("已连接中心") if online else self.tr("未连接中心")
        self.sync_label.setText(f"{text} {detail}".strip())

    def update_clock(self) -> None:
        self.clock_label.setText(QDateTime.currentDateTime().toString(CLOCK_FORMAT))
