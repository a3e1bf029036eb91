"""The status bar: branch, who is logged in, the sync state and the clock.

The sync fields (state, last successful sync, pending and quarantined counts) follow the
:class:`~workstation.ui.sync.controller.SyncController` they are attached to: they change when a
cycle starts and after every cycle, from the signal's payload. Quarantined messages are
highlighted (``role="alert"``) because a supervisor must look at them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from workstation.ui.about import version_text
from workstation.ui.context import SessionContext
from workstation.ui.pages import role_labels

if TYPE_CHECKING:
    from workstation.sync.status import CycleReport
    from workstation.ui.sync.controller import SyncController

CLOCK_FORMAT = "%Y-%m-%d %H:%M"


def format_moment(moment: datetime) -> str:
    """A stored UTC time as the branch reads it: "HH:MM:SS" today, "MM-DD HH:MM" on other days."""
    from workstation.clock import business_date, local

    shown = local(moment)
    return shown.strftime("%H:%M:%S") if shown.date() == business_date() else shown.strftime("%m-%d %H:%M")


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
        self.sync_label.setObjectName("syncState")
        self.last_success_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.quarantined_label = QLabel(self)
        self.quarantined_label.setObjectName("syncQuarantined")
        self.clock_label = QLabel(self)
        self.version_label = QLabel(version_text(), self)
        self.version_label.setObjectName("appVersion")
        self.addWidget(self.branch_label)
        self.addWidget(self.staff_label, 1)
        for label in (self.sync_label, self.last_success_label, self.pending_label, self.quarantined_label):
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.clock_label)
        self.addPermanentWidget(self.version_label)
        self.set_sync_state(online=False)
        self.last_success_label.hide()
        self.pending_label.hide()
        self.quarantined_label.hide()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.update_clock)
        self._clock.start()
        self.update_clock()

    def set_sync_state(self, *, online: bool, detail: str = "") -> None:
        """Show whether the central database is reachable."""
        text = self.tr("已连接中心") if online else self.tr("未连接中心")
        self.sync_label.setText(f"{text} {detail}".strip())
        self._set_role(self.sync_label, "ok" if online else "offline")

    def attach_sync(self, controller: SyncController) -> None:
        """Follow ``controller``: "同步中…" while a cycle runs, the report after each one."""
        controller.sig_sync_did_start.connect(self._sync_started)
        controller.sig_sync_did_finish.connect(self.show_sync_report)

    def _sync_started(self) -> None:
        if not self.sync_label.text():
            self.sync_label.setText(self.tr("正在同步…"))
        self.sync_label.setToolTip(self.tr("正在与中心数据库同步…"))

    def show_sync_report(self, report: CycleReport) -> None:
        """State, last success, pending and quarantined counts from one cycle's report."""
        from workstation.sync.engine import SyncStatus

        snap, outcome = report.snapshot, report.outcome
        if outcome is None:
            self.sync_label.setText(self.tr("未配置中心"))
            self.sync_label.setToolTip(self.tr("尚未设置中心数据库，业务数据只保存在本机。主管可在“同步”菜单中设置。"))
            self._set_role(self.sync_label, "offline")
        elif outcome.status is SyncStatus.QUARANTINED or (outcome.status is SyncStatus.OK and snap.quarantined):
            self.sync_label.setText(self.tr("有隔离记录"))
            self.sync_label.setToolTip(
                self.tr("已连接中心，但有记录被中心拒收（已隔离），数据未上传。请主管在“同步”页处理。")
            )
            self._set_role(self.sync_label, "alert")
        elif outcome.status is SyncStatus.OK:
            self.sync_label.setText(self.tr("已连接中心"))
            self.sync_label.setToolTip(snap.central)
            self._set_role(self.sync_label, "ok")
        else:
            offline = outcome.status is SyncStatus.OFFLINE
            self.sync_label.setText(self.tr("离线（中心无法连接）") if offline else self.tr("同步失败"))
            self.sync_label.setToolTip(outcome.error)
            self._set_role(self.sync_label, "offline" if offline else "alert")
        if snap.last_success is not None:
            when = format_moment(snap.last_success)
            self.last_success_label.setText(self.tr("上次成功同步 %1").replace("%1", when))
        else:
            self.last_success_label.setText(self.tr("尚未成功同步"))
        self.last_success_label.setVisible(snap.configured or snap.last_success is not None)
        self.pending_label.setText(self.tr("待上传 %1").replace("%1", str(snap.pending)))
        self.pending_label.show()
        self.quarantined_label.setText(self.tr("被拒收 %1").replace("%1", str(snap.quarantined)))
        self.quarantined_label.setToolTip(
            self.tr("有记录被中心拒收，请主管在“同步”页处理。") if snap.quarantined else self.tr("没有被中心拒收的记录")
        )
        self._set_role(self.quarantined_label, "alert" if snap.quarantined else "")
        self.quarantined_label.show()

    @staticmethod
    def _set_role(label: QLabel, role: str) -> None:
        if label.property("role") != role:
            label.setProperty("role", role)
            label.style().unpolish(label)
            label.style().polish(label)

    def update_clock(self) -> None:
        """The branch's time (China Standard Time), whatever the PC's time zone: the same clock
        as the business dates on every page."""
        from workstation.clock import local, utcnow

        self.clock_label.setText(local(utcnow()).strftime(CLOCK_FORMAT))
