"""Table models over frozen dataclasses (never live ORM rows), and the columns of each reception list.

:class:`RecordTableModel` holds a tuple of records and a list of :class:`Column` s; each column
turns a record into display text (and optionally a sort key and a highlight). Views filter and
sort through a :class:`QSortFilterProxyModel`; ``RECORD_ROLE`` hands back the record itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from workstation.clock import local, utcnow
from workstation.domain import AppointmentStatus, VisitStatus
from workstation.masking import mask_phone
from workstation.services.queue import QueueEntry
from workstation.services.reception import AppointmentMatch
from workstation.services.staffing import HourLoad, OfferView
from workstation.ui.theme import COLOURS

R = TypeVar("R")

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record (a frozen dataclass) behind a row."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""A sortable key for the cell (numbers and datetimes sort as such)."""
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 3
"""True when the row needs the clerk's attention (shown highlighted)."""

AnyIndex = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("ReceptionColumns", text)


label_text = tr
"""An enum's Chinese ``label`` in the UI language (the labels are listed at the end of this module)."""


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its (untranslated) title, the cell text and, optionally, a sort key."""

    title: object
    """The untranslated title (``QT_TRANSLATE_NOOP`` marks it for the catalogue)."""
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of frozen records; replaced wholesale by :meth:`set_records` (a model reset)."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        flagged: Callable[[R], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._flagged = flagged
        self._records: tuple[R, ...] = ()

    @property
    def records(self) -> tuple[R, ...]:
        return self._records

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = tuple(records)
        self.endResetModel()

    def record(self, row: int) -> R:
        return self._records[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(str(self.columns[section].title))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            key = column.sort_key(record) if column.sort_key else column.text(record)
            return key.isoformat() if isinstance(key, datetime | date) else key  # Qt compares str and numbers
        flagged = self._flagged is not None and self._flagged(record)
        if role == FLAGGED_ROLE:
            return flagged
        if role == Qt.ItemDataRole.BackgroundRole and flagged:
            return QBrush(QColor(COLOURS["error_bg"]))
        if role == Qt.ItemDataRole.FontRole and flagged:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def filter_proxy(model: QAbstractTableModel, parent: Any = None) -> QSortFilterProxyModel:
    """A proxy filtering on every column (case-insensitive) and sorting by :data:`SORT_ROLE`."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortRole(SORT_ROLE)
    return proxy


# --- the reception lists ------------------------------------------------------------------------


def hhmm(moment: datetime | None) -> str:
    return local(moment).strftime("%H:%M") if moment else ""


def slot_text(match: AppointmentMatch) -> str:
    start = local(match.slot_start)
    prefix = "" if match.is_today else start.strftime("%m-%d ")
    return f"{prefix}{start:%H:%M}–{local(match.slot_end):%H:%M}"


def minutes_since(moment: datetime, now: datetime | None = None) -> int:
    return max(0, int(((now or utcnow()) - moment).total_seconds() // 60))


def match_columns() -> list[Column[AppointmentMatch]]:
    """Search results: enough to tell two 张伟 apart, phone masked."""
    return [
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "姓名"), lambda m: m.client_name),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "手机"), lambda m: mask_phone(m.mobile)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "时段"), slot_text, lambda m: m.slot_start),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "业务"), lambda m: tr(m.purpose.label)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "坐席"), lambda m: m.agent_name),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "状态"), lambda m: tr(m.status.label)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "营业部"), lambda m: "" if m.at_this_branch else m.branch_name),
    ]


def today_columns() -> list[Column[AppointmentMatch]]:
    return [
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "时段"), slot_text, lambda m: m.slot_start),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "姓名"), lambda m: m.client_name),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "手机"), lambda m: mask_phone(m.mobile)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "业务"), lambda m: tr(m.purpose.label)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "状态"), lambda m: tr(m.status.label)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "坐席"), lambda m: m.agent_name),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "活动"), lambda m: m.campaign_name),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "预约码"), lambda m: m.code),
    ]


def queue_columns() -> list[Column[QueueEntry]]:
    return [
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "号码"), lambda e: e.label),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "业务"), lambda e: tr(e.service_line.label)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "客户"), lambda e: e.client_name),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "状态"), lambda e: tr(e.status.label)),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "取号"), lambda e: hhmm(e.issued_at), lambda e: e.issued_at),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "已等（分钟）"),
            lambda e: str(minutes_since(e.issued_at)) if e.status is VisitStatus.WAITING else "",
            lambda e: minutes_since(e.issued_at),
            align_right=True,
        ),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "柜台"), lambda e: e.counter_name),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "备注"), lambda e: punctuality_text(e.punctuality)),
    ]


def punctuality_text(value: str) -> str:
    return {
        "early": QCoreApplication.translate("ReceptionColumns", "提前到店"),
        "late": QCoreApplication.translate("ReceptionColumns", "迟到"),
    }.get(value, "")


def offer_columns() -> list[Column[OfferView]]:
    return [
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "同业机构"), lambda o: o.competitor),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "活动内容"), lambda o: o.offer),
        Column(QT_TRANSLATE_NOOP("ReceptionColumns", "挽留/应对"), lambda o: o.retention_steps),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "有效期至"),
            lambda o: (
                (o.valid_until.isoformat() if o.valid_until else QCoreApplication.translate("ReceptionColumns", "长期"))
                + (QCoreApplication.translate("ReceptionColumns", "（已过期）") if o.expired else "")
            ),
            lambda o: o.valid_until.isoformat() if o.valid_until else "9999",
        ),
    ]


def load_columns() -> list[Column[HourLoad]]:
    return [
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "日期"),
            lambda h: f"{local(h.start):%m-%d} {tr(str(WEEKDAYS[local(h.start).weekday()]))}",
        ),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "时段"),
            lambda h: (
                f"{local(h.start):%H}:00–{local(h.start).hour + 1:02d}:00"
                + (QCoreApplication.translate("ReceptionColumns", "（营业时间外）") if h.after_hours else "")
            ),
        ),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "预约"),
            lambda h: str(h.appointments),
            lambda h: h.appointments,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "在岗柜员"),
            lambda h: str(h.staff_on_duty),
            lambda h: h.staff_on_duty,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "其中加班"),
            lambda h: str(h.overtime_staff),
            lambda h: h.overtime_staff,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "可接待"),
            lambda h: str(h.capacity),
            lambda h: h.capacity,
            align_right=True,
        ),
        Column(
            QT_TRANSLATE_NOOP("ReceptionColumns", "需增派"),
            lambda h: (
                QCoreApplication.translate("ReceptionColumns", "%1 人").replace("%1", str(h.shortfall))
                if h.shortfall
                else ""
            ),
            lambda h: h.shortfall,
            align_right=True,
        ),
    ]


def is_open_appointment(match: AppointmentMatch) -> bool:
    return match.status is AppointmentStatus.BOOKED


WEEKDAYS = (
    QT_TRANSLATE_NOOP("ReceptionColumns", "周一"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "周二"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "周三"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "周四"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "周五"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "周六"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "周日"),
)

# Labels of enums travel through the translation catalogue (context "ReceptionColumns").
_ENUM_LABELS = (
    QT_TRANSLATE_NOOP("ReceptionColumns", "新开户"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "转户"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "其他业务"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "电销预约"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已预约"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已签到"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已办理"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "未到店"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已取消"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "等候中"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已叫号"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "办理中"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已完成"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "过号未到"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已开户"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已提交转户"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "仅咨询"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "未办理离开"),
    QT_TRANSLATE_NOOP("ReceptionColumns", "已转介"),
)
