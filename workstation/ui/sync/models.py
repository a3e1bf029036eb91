"""Table models of the Sync page: recent cycles and quarantined messages (frozen rows, no ORM)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from workstation.sync.engine import SyncStatus
from workstation.sync.status import QuarantinedMessage, RunRecord
from workstation.ui.statusbar import format_moment

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's dataclass (RunRecord or QuarantinedMessage)."""

Index = QModelIndex | QPersistentModelIndex


def _headers(*texts: object) -> tuple[str, ...]:
    """Column titles (source language); shown through the "SyncModels" translation context."""
    return tuple(str(text) for text in texts)


def status_text(status: SyncStatus) -> str:
    texts = {
        SyncStatus.OK: QCoreApplication.translate("SyncModels", "成功"),
        SyncStatus.OFFLINE: QCoreApplication.translate("SyncModels", "离线（中心无法连接）"),
        SyncStatus.FAILED: QCoreApplication.translate("SyncModels", "失败"),
    }
    return texts[status]


class _RowsModel(QAbstractTableModel):
    headers: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SyncModels", self.headers[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        return None

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: Any, column: int) -> str | None:
        return None


class RunsModel(_RowsModel):
    """Recent cycles, newest first."""

    headers = _headers(
        QT_TRANSLATE_NOOP("SyncModels", "时间"),
        QT_TRANSLATE_NOOP("SyncModels", "结果"),
        QT_TRANSLATE_NOOP("SyncModels", "上传"),
        QT_TRANSLATE_NOOP("SyncModels", "下载"),
        QT_TRANSLATE_NOOP("SyncModels", "新隔离"),
        QT_TRANSLATE_NOOP("SyncModels", "仍待上传"),
        QT_TRANSLATE_NOOP("SyncModels", "耗时（秒）"),
        QT_TRANSLATE_NOOP("SyncModels", "说明"),
    )

    def cell(self, row: RunRecord, column: int) -> str:
        values = (
            format_moment(row.at), status_text(row.status), str(row.pushed), str(row.pulled), str(row.quarantined),
            str(row.pending), f"{row.seconds:.1f}", row.error,
        )  # fmt: skip
        return values[column]

    def tooltip(self, row: RunRecord, column: int) -> str | None:
        return row.error or None


class QuarantineModel(_RowsModel):
    """Quarantined messages, oldest first."""

    headers = _headers(
        QT_TRANSLATE_NOOP("SyncModels", "记录类型"),
        QT_TRANSLATE_NOOP("SyncModels", "记录时间"),
        QT_TRANSLATE_NOOP("SyncModels", "隔离时间"),
        QT_TRANSLATE_NOOP("SyncModels", "发送次数"),
        QT_TRANSLATE_NOOP("SyncModels", "原因"),
        QT_TRANSLATE_NOOP("SyncModels", "中心原文"),
    )

    def cell(self, row: QuarantinedMessage, column: int) -> str:
        values = (
            row.entity_label, format_moment(row.created_at), format_moment(row.quarantined_at), str(row.attempts),
            row.explanation, row.error,
        )  # fmt: skip
        return values[column]

    def tooltip(self, row: QuarantinedMessage, column: int) -> str | None:
        return f"{row.entity} {row.entity_id}\n{row.error}"
