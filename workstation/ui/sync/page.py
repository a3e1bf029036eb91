"""同步 (Sync) page, for supervisors and admins: the state of the exchange with the central database.

Shows where the workstation syncs to and how the last cycle went, how many records wait to be
sent, the records the central database refused (quarantined: each with its type, times and the
reason in Chinese, the central database's own words alongside) with "重新发送", and the recent
cycles. "立即同步" and "中心设置…" act through the :class:`SyncController` the window attached.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from workstation.sync.engine import SyncStatus
from workstation.ui.page import OverviewPage, load_overview
from workstation.ui.pages import PageId
from workstation.ui.statusbar import format_moment
from workstation.ui.sync.models import QUARANTINE_COLUMNS, ROW_ROLE, RUN_COLUMNS, SyncRecordModel, status_text

if TYPE_CHECKING:
    from workstation.services.overview import BranchOverview
    from workstation.store import Store
    from workstation.sync.status import CycleReport, QuarantinedMessage, SyncSnapshot
    from workstation.ui.sync.controller import SyncController

log = logging.getLogger(__name__)


def load_page(store: Store, branch_id: object) -> tuple[BranchOverview, SyncSnapshot]:
    """Today's overview and the sync snapshot (runs on a worker thread)."""
    from workstation.sync.status import snapshot

    return load_overview(store, branch_id), snapshot(store)  # type: ignore[arg-type]


class SyncPage(OverviewPage):
    """同步: what was sent and received, what waits, what the central database refused."""

    page_id = PageId.SYNC

    def heading(self) -> str:
        return self.tr("同步")

    def lead(self) -> str:
        return self.tr(
            "本工作站与中心数据库交换数据：上传本营业部的业务记录，下载预约、活动与人员信息。"
            "断网时照常办理业务，恢复连接后自动补传。"
        )

    def figure_captions(self) -> list[str]:
        return [self.tr("待上传的记录"), self.tr("被中心拒收的记录（已隔离）")]

    def figure_values(self, overview: BranchOverview) -> list[int]:
        return [overview.outbox_pending, 0]

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.controller: SyncController | None = None
        self.snapshot: SyncSnapshot | None = None
        layout, head = self.working_layout()
        head.addStretch(1)
        self.sync_button = QPushButton(self.tr("立即同步"), self)
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setProperty("role", "primary")
        self.sync_button.setToolTip(self.tr("马上与中心数据库同步一次（Ctrl+S）"))
        self.settings_button = QPushButton(self.tr("中心设置…"), self)
        self.settings_button.setObjectName("syncSettings")
        head.addWidget(self.settings_button)
        head.addWidget(self.sync_button)
        layout.addLayout(head)

        lead = QLabel(self.lead(), self)
        lead.setProperty("role", "lead")
        lead.setWordWrap(True)
        layout.addWidget(lead)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("syncPageState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state_label)
        self.status_label = QLabel(self)
        self.status_label.setProperty("role", "hint")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        held_head = QHBoxLayout()
        held_title = QLabel(self.tr("被中心拒收的记录（已隔离）"), self)
        held_title.setProperty("role", "section")
        held_head.addWidget(held_title)
        held_head.addStretch(1)
        self.retry_button = QPushButton(self.tr("重新发送所选记录"), self)
        self.retry_button.setObjectName("syncRetry")
        self.retry_button.setEnabled(False)
        held_head.addWidget(self.retry_button)
        layout.addLayout(held_head)
        held_hint = QLabel(
            self.tr(
                "被拒收的记录不会阻塞其他数据上传。请按“原因”核对（必要时联系总部信息技术部），"
                "然后点“重新发送”：下次同步时会再发送一次，若仍被拒收会重新出现在这里。"
            ),
            self,
        )
        held_hint.setProperty("role", "hint")
        held_hint.setWordWrap(True)
        layout.addWidget(held_hint)
        self.held_model = SyncRecordModel(QUARANTINE_COLUMNS, self)
        self.held_view = self._view(self.held_model, "syncQuarantined", stretch=4)
        layout.addWidget(self.held_view, 2)
        self.held_empty = QLabel(self.tr("没有被中心拒收的记录。"), self)
        self.held_empty.setProperty("role", "hint")
        layout.addWidget(self.held_empty)
        self.held_hint = held_hint

        runs_title = QLabel(self.tr("最近同步"), self)
        runs_title.setProperty("role", "section")
        layout.addWidget(runs_title)
        self.runs_model = SyncRecordModel(RUN_COLUMNS, self)
        self.runs_view = self._view(self.runs_model, "syncRuns", stretch=7)
        layout.addWidget(self.runs_view, 3)
        self.runs_empty = QLabel(self.tr("还没有同步记录。"), self)
        self.runs_empty.setProperty("role", "hint")
        layout.addWidget(self.runs_empty)
        layout.addStretch(1)
        self._connect_signals()

    def _view(self, model: SyncRecordModel, name: str, *, stretch: int) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    def _connect_signals(self) -> None:
        self.sync_button.clicked.connect(self.sync_now)
        self.settings_button.clicked.connect(self.open_settings)
        self.retry_button.clicked.connect(self.retry_selected)
        self.held_view.selectionModel().selectionChanged.connect(self._selection_changed)

    def attach(self, controller: SyncController) -> None:
        """Follow ``controller``'s cycles; the buttons act through it."""
        self.controller = controller
        controller.sig_sync_did_start.connect(self._sync_started)
        controller.sig_sync_did_finish.connect(self.show_report)
        if controller.running:
            self._sync_started()

    # --- loading --------------------------------------------------------------------------

    def refresh(self, notice: str = "") -> None:
        """Reload the counts, runs and quarantined list; then show ``notice`` if given."""
        store, branch_id = self.context.store, self.context.identity.branch_id

        def loaded(result: tuple[BranchOverview, SyncSnapshot]) -> None:
            overview, snap = result
            self.show_snapshot(snap)
            if notice:
                self.status_label.setText(notice)
            self.sig_overview_loaded.emit(overview)

        self.context.tasks.run(
            lambda: load_page(store, branch_id), on_success=loaded, on_failure=self._show_failure, owner=self
        )

    def show_report(self, report: CycleReport) -> None:
        """After a cycle: its outcome in the state line, then the fresh snapshot."""
        self.sync_button.setEnabled(True)
        self.sync_button.setText(self.tr("立即同步"))
        self.show_snapshot(report.snapshot)

    def show_snapshot(self, snap: SyncSnapshot) -> None:
        self.snapshot = snap
        self.cards[0].set_value(snap.pending)
        self.cards[1].set_value(snap.quarantined)
        self._set_state(self.cards[1], "alert" if snap.quarantined else "")
        self._set_state(self.cards[1].value_label, "alert" if snap.quarantined else "")
        self.state_label.setText(self._state_text(snap))
        healthy = (
            snap.configured
            and snap.last_run is not None
            and snap.last_run.status is SyncStatus.OK
            and not snap.quarantined
        )
        self._set_state(self.state_label, "ok" if healthy else "warning")
        self.held_model.set_records(snap.held)
        self.runs_model.set_records(snap.runs)
        for widget in (self.held_view, self.held_hint, self.retry_button):
            widget.setVisible(bool(snap.held))
        self.held_empty.setVisible(not snap.held)
        self.runs_view.setVisible(bool(snap.runs))
        self.runs_empty.setVisible(not snap.runs)
        self._selection_changed()
        if snap.held:
            self.status_label.setText(
                self.tr("有 %1 条记录被中心拒收，需要主管处理。").replace("%1", str(len(snap.held)))
            )
        else:
            self.status_label.clear()

    @staticmethod
    def _set_state(widget: QWidget, state: str) -> None:
        if widget.property("state") != state:
            widget.setProperty("state", state)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _state_text(self, snap: SyncSnapshot) -> str:
        if not snap.configured:
            return self.tr("尚未设置中心数据库：业务数据只保存在本机，不会上传。请点“中心设置…”填写中心地址与密码。")
        parts = [self.tr("中心数据库：%1").replace("%1", snap.central)]
        last = snap.last_run
        if last is not None:
            text = (
                self.tr("最近一次同步 %1：%2")
                .replace("%1", format_moment(last.at))
                .replace("%2", status_text(last.status))
            )
            if last.status is not SyncStatus.OK and last.error:
                text += f"（{last.error}）"
            parts.append(text)
        if snap.last_success is not None:
            parts.append(self.tr("上次成功同步 %1").replace("%1", format_moment(snap.last_success)))
        else:
            parts.append(self.tr("尚未成功同步"))
        parts.append(self.tr("每 %1 秒自动同步").replace("%1", str(snap.interval_s)))
        return "；".join(parts)

    def _show_failure(self, exc: BaseException) -> None:
        log.error("sync page failed to load", exc_info=(type(exc), exc, exc.__traceback__))
        self.status_label.setText(self.tr("暂时无法读取同步状态，详情已记录日志。"))

    # --- actions --------------------------------------------------------------------------

    def _sync_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.sync_button.setText(self.tr("正在同步…"))

    def sync_now(self) -> None:
        if self.controller is not None:
            self.controller.sync_now()

    def open_settings(self) -> QWidget | None:
        if self.controller is None:
            return None
        from workstation.ui.sync.settings_dialog import open_settings_dialog

        return open_settings_dialog(self.context, self.controller, self)

    def selected_message(self) -> QuarantinedMessage | None:
        rows = self.held_view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self.retry_button.setEnabled(self.selected_message() is not None)

    def retry_selected(self) -> None:
        """Release the selected quarantined message; it is sent again with the next cycle."""
        message = self.selected_message()
        if message is None:
            return
        from workstation.sync.status import retry_quarantined

        store, actor, seq = self.context.store, self.context.actor, message.seq
        self.retry_button.setEnabled(False)

        def done(_result: object) -> None:
            self.refresh(self.tr("已放回发送队列：%1，将在下次同步时重新发送。").replace("%1", message.entity_label))

        def failed(exc: BaseException) -> None:
            self.context.presenter.show(exc, self)
            self.refresh()

        self.context.tasks.run(lambda: retry_quarantined(store, actor, seq), done, failed, writes=True, owner=self)
