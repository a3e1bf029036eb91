"""Table models of the gifts screen over frozen dataclasses, with their columns.

:class:`RecordModel` holds a tuple of records and a list of :class:`Column` s (title, cell text,
optional highlight); ``RECORD_ROLE`` hands back the record behind a row. Titles are translated in
the ``GiftColumns`` context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from workstation.clock import local
from workstation.services.gifts import ClientSummary, GiftIssueView
from workstation.services.gifts_report import DayReconciliation, IssueTally
from workstation.services.gifts_rules import GiftEligibility, yuan
from workstation.services.gifts_stock import GiftStock

R = TypeVar("R")
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record (a frozen dataclass) behind a row."""
AnyIndex = QModelIndex | QPersistentModelIndex
REFUSED = QColor("#8a1c1c")
OK = QColor("#1b6e3a")


def tr(text: str) -> str:
    return QCoreApplication.translate("GiftColumns", text)


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    align_right: bool = False
    colour: Callable[[R], QColor | None] | None = None


class RecordModel(QAbstractTableModel, Generic[R]):
    """Rows of frozen records, replaced wholesale by :meth:`set_records` (a model reset)."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
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

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(record)
            return QBrush(colour) if colour is not None else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.columns[section].title)
        return None


def signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def _when(moment: Any) -> str:
    return f"{local(moment):%m-%d %H:%M}" if moment else ""


ELIGIBLE = str(QT_TRANSLATE_NOOP("GiftColumns", "可领取"))
NOT_ELIGIBLE = str(QT_TRANSLATE_NOOP("GiftColumns", "不可领取"))


def _verdict_colour(g: GiftEligibility) -> QColor:
    return OK if g.eligible else REFUSED


CLIENT_COLUMNS: list[Column[ClientSummary]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "姓名")), lambda c: c.name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "证件号")), lambda c: c.id_masked),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "手机")), lambda c: c.mobile_masked),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "状态")), lambda c: c.status_label),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "来源")), lambda c: c.channel_label),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "邀约坐席")), lambda c: c.agent_name),
]

ELIGIBILITY_COLUMNS: list[Column[GiftEligibility]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动")), lambda g: g.campaign.name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda g: f"{g.gift.name} {g.gift.spec}".strip()),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "价值（元）")), lambda g: yuan(g.gift.unit_value_fen), align_right=True
    ),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "可用")), lambda g: str(g.gift.available), True),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "资格")),
        lambda g: tr(ELIGIBLE if g.eligible else NOT_ELIGIBLE),
        colour=_verdict_colour,
    ),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "依据 / 原因")), lambda g: g.why if g.eligible else g.reason),
]

ISSUE_COLUMNS: list[Column[GiftIssueView]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放时间")), lambda i: _when(i.issued_at)),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "客户")), lambda i: i.client_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动")), lambda i: i.campaign_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda i: i.gift_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "价值（元）")), lambda i: yuan(i.unit_value_fen * i.quantity), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放人")), lambda i: i.issued_by_name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "邀约坐席")), lambda i: i.agent_name),
]

STOCK_COLUMNS: list[Column[GiftStock]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "编码")), lambda s: s.sku),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda s: s.name),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动")), lambda s: s.campaign_code),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "单价（元）")), lambda s: yuan(s.unit_value_fen), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "营业部可分配")), lambda s: str(s.pool), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "本机备用")), lambda s: str(s.own_reserve), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "其他工作站备用")), lambda s: str(s.other_reserves), True),
    Column(
        str(QT_TRANSLATE_NOOP("GiftColumns", "合计")),
        lambda s: str(s.total),
        True,
        colour=lambda s: REFUSED if s.low_stock else None,
    ),
]

RECONCILIATION_COLUMNS: list[Column[DayReconciliation]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "礼品")), lambda r: f"{r.name}（{r.sku}）"),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "期初")), lambda r: str(r.opening), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "入库")), lambda r: str(r.received), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "分配")), lambda r: str(r.allocated), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放")), lambda r: str(r.issued), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "作废退回")), lambda r: str(r.voided), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "盘点调整")), lambda r: signed(r.adjustments), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "期末")), lambda r: str(r.closing), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "其中备用额度")), lambda r: str(r.reserved_at_close), True),
]

TALLY_COLUMNS: list[Column[IssueTally]] = [
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "活动 / 坐席")), lambda t: t.label),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "发放")), lambda t: str(t.issued), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "价值（元）")), lambda t: yuan(t.value_fen), True),
    Column(str(QT_TRANSLATE_NOOP("GiftColumns", "作废")), lambda t: str(t.voided), True),
]
