"""Tables over frozen records: the one table model and view set-up the screens share.

:class:`RecordModel` holds a tuple of records (frozen dataclasses from the services) and a list
of :class:`Column` s (title, cell text, optional alignment and colour); ``RECORD_ROLE`` hands back
the record behind a row. :func:`record_table` makes the read-only, row-selecting view for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

R = TypeVar("R")
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The record (a frozen dataclass) behind a row."""
AnyIndex = QModelIndex | QPersistentModelIndex
REFUSED = QColor("#8a1c1c")
OK = QColor("#1b6e3a")


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    align_right: bool = False
    colour: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str | None] | None = None
    """The cell's tooltip; by default its text (long cells are cut off in narrow columns)."""


class RecordModel(QAbstractTableModel, Generic[R]):
    """Rows of frozen records, replaced wholesale by :meth:`set_records` (a model reset).

    Column titles are translated in :attr:`translation_context` (the context their
    ``QT_TRANSLATE_NOOP`` used); each screen sets its own.
    """

    translation_context: ClassVar[str] = "Records"

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
            return column.tooltip(record) if column.tooltip is not None else column.text(record)
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
            return QCoreApplication.translate(self.translation_context, self.columns[section].title)
        return None


def record_table(model: RecordModel[Any], parent: QWidget) -> QTableView:
    """A read-only table for ``model``: whole rows, one at a time, columns sized to their text."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


def selected_record(view: QTableView, model: RecordModel[Any]) -> Any:
    """The record of the selected row, or None."""
    rows = view.selectionModel().selectedRows()
    return model.record(rows[0].row()) if rows else None
