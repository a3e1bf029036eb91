"""Table models of the Sync page: recent cycles and quarantined messages (frozen rows, no ORM)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from workstation.sync.engine import SyncStatus
from workstation.sync.status import QuarantinedMessage, RunRecord
from workstation.ui.records import RECORD_ROLE, Column, RecordModel
from workstation.ui.statusbar import format_moment

ROW_ROLE = RECORD_ROLE
"""The row's dataclass (RunRecord or QuarantinedMessage)."""


def status_text(status: SyncStatus) -> str:
    texts = {
        SyncStatus.OK: QCoreApplication.translate("SyncModels", "成功"),
        SyncStatus.QUARANTINED: QCoreApplication.translate("SyncModels", "有隔离记录"),
        SyncStatus.OFFLINE: QCoreApplication.translate("SyncModels", "离线（中心无法连接）"),
        SyncStatus.FAILED: QCoreApplication.translate("SyncModels", "失败"),
    }
    return texts[status]


def _error_tip(row: RunRecord) -> str | None:
    return row.error or None


def _held_tip(row: QuarantinedMessage) -> str:
    return f"{row.entity} {row.entity_id}\n{row.error}"


def _c(title: object, text: Callable[[Any], str], tooltip: Callable[[Any], str | None] | None = None) -> Column[Any]:
    return Column(str(title), text, tooltip=tooltip)


RUN_COLUMNS: list[Column[RunRecord]] = [
    _c(QT_TRANSLATE_NOOP("SyncModels", "时间"), lambda r: format_moment(r.at), _error_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "结果"), lambda r: status_text(r.status), _error_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "上传"), lambda r: str(r.pushed), _error_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "下载"), lambda r: str(r.pulled), _error_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "新隔离"), lambda r: str(r.quarantined), _error_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "仍待上传"), lambda r: str(r.pending), _error_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "耗时（秒）"), lambda r: f"{r.seconds:.1f}", _error_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "说明"), lambda r: r.error, _error_tip),
]
"""Recent cycles, newest first (the tooltip is the cycle's error, if any)."""

QUARANTINE_COLUMNS: list[Column[QuarantinedMessage]] = [
    _c(QT_TRANSLATE_NOOP("SyncModels", "记录类型"), lambda q: q.entity_label, _held_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "记录时间"), lambda q: format_moment(q.created_at), _held_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "隔离时间"), lambda q: format_moment(q.quarantined_at), _held_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "发送次数"), lambda q: str(q.attempts), _held_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "原因"), lambda q: q.explanation, _held_tip),
    _c(QT_TRANSLATE_NOOP("SyncModels", "中心原文"), lambda q: q.error, _held_tip),
]
"""Quarantined messages, oldest first (the tooltip names the record and the server's words)."""


class SyncRecordModel(RecordModel[Any]):
    """A :class:`RecordModel` whose titles translate in the ``SyncModels`` context."""

    translation_context = "SyncModels"
