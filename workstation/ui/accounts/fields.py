"""Field editors of the wizard pages, declared as data: a :class:`Spec` per field, a :class:`FieldForm`
that lays them out with the Chinese message under each one.

A form only displays and collects: :meth:`FieldForm.data` gives the page's input as the step
validators expect it (text, codes, ISO dates, booleans, lists, rows), :meth:`FieldForm.set_data`
shows a stored draft, :meth:`FieldForm.show_problems` puts each message under its field.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import FieldProblem
from workstation.ui.dateentry import DateEntry

LONG_TERM_DATES = {"id_valid_to": "id_long_term"}
"""Date fields where 长期 may be typed, and the flag it sets."""


def tr(text: object) -> str:
    return QCoreApplication.translate("AccountFields", str(text))


class Kind(enum.Enum):
    TEXT = "text"
    LONGTEXT = "longtext"
    CHOICE = "choice"
    DATE = "date"
    FLAG = "flag"
    MONEY = "money"
    """Entered in 元, handed on in 分."""
    INT = "int"
    MULTI = "multi"
    """A list of codes, one check box each."""
    TABLE = "table"


@dataclass(frozen=True)
class Spec:
    """One field of a page: its data key, label (translated in ``AccountFields``) and editor."""

    name: str
    label: Any
    """A ``QT_TRANSLATE_NOOP`` literal (typed ``object`` by PySide6), translated when shown."""
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[str, str], ...] = ()
    columns: tuple[Spec, ...] = ()
    hint: Any = ""
    default: Any = None
    wide: bool = False
    required: bool = False


def base_field(name: str) -> str:
    """``owners[0].name`` → ``owners``; ``answers.goal`` → ``answers``."""
    return re.split(r"[\[.]", name, maxsplit=1)[0]


def fen_from_yuan(text: str) -> int | str:
    """``"12.5"`` → 1250; anything that is not an amount is handed on for the validator to refuse."""
    cleaned = text.replace(",", "").replace("，", "").strip()
    try:
        return int((Decimal(cleaned) * 100).to_integral_value())
    except (InvalidOperation, ValueError):
        return cleaned


class RowsEditor(QWidget):
    """A small editable table (beneficial owners, tax jurisdictions, holdings) with add/remove."""

    sig_rows_changed = Signal()
    """A row was added, removed or edited."""

    def __init__(self, columns: Sequence[Spec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setHorizontalHeaderLabels([tr(c.label) for c in self.columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(180)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(QCoreApplication.translate("AccountFields", "添加一行"), self)
        self.remove_button = QPushButton(QCoreApplication.translate("AccountFields", "删除所选行"), self)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_row({}))
        self.remove_button.clicked.connect(self._remove_selected)
        self.table.itemChanged.connect(lambda _item: self.sig_rows_changed.emit())

    def add_row(self, values: Mapping[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, spec in enumerate(self.columns):
            value = values.get(spec.name, spec.default)
            if spec.kind is Kind.CHOICE:
                box = QComboBox(self.table)
                box.addItem(QCoreApplication.translate("AccountFields", "请选择"), "")
                for code, label in spec.choices:
                    box.addItem(label, code)
                box.setCurrentIndex(max(0, box.findData(value or "")))
                box.currentIndexChanged.connect(lambda _i: self.sig_rows_changed.emit())
                self.table.setCellWidget(row, col, box)
            else:
                self.table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
        self.sig_rows_changed.emit()

    def _remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)
        self.sig_rows_changed.emit()

    def rows(self) -> list[dict[str, Any]]:
        """The filled-in rows (a row left entirely empty is ignored)."""
        out = []
        for row in range(self.table.rowCount()):
            values: dict[str, Any] = {}
            for col, spec in enumerate(self.columns):
                widget = self.table.cellWidget(row, col)
                if isinstance(widget, QComboBox):
                    value: Any = widget.currentData() or ""
                else:
                    item = self.table.item(row, col)
                    value = item.text().strip() if item is not None else ""
                if value != "":
                    values[spec.name] = value
            if values:
                out.append(values)
        return out

    def set_rows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)


class FieldEditor:
    """One field: its label, editor widget and the message label under it."""

    def __init__(self, spec: Spec, parent: QWidget) -> None:
        self.spec = spec
        self.touched = False
        text = tr(spec.label) + (" *" if spec.required else "")
        self.label = QLabel(text, parent)
        self.label.setProperty("role", "field-label")
        self.error = QLabel(parent)
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.boxes: dict[str, QCheckBox] = {}
        self.widget = self._make(parent)
        self.widget.setObjectName(f"field-{spec.name}")
        self.set(spec.default)

    def _make(self, parent: QWidget) -> QWidget:
        kind, spec = self.spec.kind, self.spec
        if kind is Kind.CHOICE:
            box = QComboBox(parent)
            box.addItem(QCoreApplication.translate("AccountFields", "请选择"), "")
            for code, label in spec.choices:
                box.addItem(label, code)
            return box
        if kind is Kind.DATE:
            # Typed from the ID card: 20160520, 2016-05-20, 2016.5.20, 长期 for a validity end.
            near = dt.date(dt.date.today().year - 40, 1, 1) if spec.name == "birth_date" else None
            return DateEntry(parent, long_term=spec.name in LONG_TERM_DATES, near=near)
        if kind is Kind.FLAG:
            self.label.setText("")
            return QCheckBox(tr(spec.label), parent)
        if kind is Kind.LONGTEXT:
            area = QPlainTextEdit(parent)
            area.setMaximumHeight(80)
            area.setPlaceholderText(tr(spec.hint) if spec.hint else "")
            return area
        if kind is Kind.MULTI:
            holder = QWidget(parent)
            grid = QGridLayout(holder)
            grid.setContentsMargins(0, 0, 0, 0)
            for i, (code, label) in enumerate(spec.choices):
                check = QCheckBox(label, holder)
                check.setObjectName(f"option-{spec.name}-{code}")
                self.boxes[code] = check
                grid.addWidget(check, i // 3, i % 3)
            return holder
        if kind is Kind.TABLE:
            return RowsEditor(spec.columns, parent)
        edit = QLineEdit(parent)
        if spec.hint:
            edit.setPlaceholderText(tr(spec.hint))
        return edit

    # --- values ------------------------------------------------------------------------------------

    def get(self) -> Any:
        w, kind = self.widget, self.spec.kind
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        if isinstance(w, DateEntry):
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, RowsEditor):
            return w.rows()
        if kind is Kind.MULTI:
            return [code for code, box in self.boxes.items() if box.isChecked()]
        assert isinstance(w, QLineEdit)
        text = w.text()
        if kind is Kind.MONEY:
            return fen_from_yuan(text) if text.strip() else ""
        return text.strip() if kind is Kind.INT else text

    def set(self, value: Any) -> None:
        w, kind = self.widget, self.spec.kind
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value or "")))
        elif isinstance(w, DateEntry):
            w.set_value(value)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        elif isinstance(w, RowsEditor):
            w.set_rows(value or [])
        elif kind is Kind.MULTI:
            chosen = set(value or [])
            for code, box in self.boxes.items():
                box.setChecked(code in chosen)
        elif isinstance(w, QLineEdit):
            if kind is Kind.MONEY and isinstance(value, int):
                w.setText(f"{Decimal(value) / 100:.2f}")
            else:
                w.setText("" if value is None else str(value))

    def show_message(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.widget.setProperty("invalid", bool(text))
        self.widget.style().unpolish(self.widget)
        self.widget.style().polish(self.widget)


class FieldForm(QWidget):
    """Fields in two columns, each with its message underneath."""

    sig_field_left = Signal(str)
    """The clerk left (or changed) a field: payload its name; the page checks it live."""

    def __init__(self, specs: Sequence[Spec], parent: QWidget | None = None, *, columns: int = 2) -> None:
        super().__init__(parent)
        self.editors: dict[str, FieldEditor] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(4)
        row = col = 0
        for spec in specs:
            editor = FieldEditor(spec, self)
            self.editors[spec.name] = editor
            span = columns if spec.wide or spec.kind in (Kind.TABLE, Kind.MULTI, Kind.LONGTEXT) else 1
            if col + span > columns:
                row, col = row + 3, 0
            grid.addWidget(editor.label, row, col, 1, span)
            grid.addWidget(editor.widget, row + 1, col, 1, span)
            grid.addWidget(editor.error, row + 2, col, 1, span)
            col += span
            if col >= columns:
                row, col = row + 3, 0
            self._connect(editor)
        for c in range(columns):
            grid.setColumnStretch(c, 1)

    def _connect(self, editor: FieldEditor) -> None:
        name, w = editor.spec.name, editor.widget

        def left() -> None:
            editor.touched = True
            self.sig_field_left.emit(name)

        if isinstance(w, QLineEdit | DateEntry):
            w.editingFinished.connect(left)
        elif isinstance(w, QComboBox):
            w.activated.connect(lambda _i: left())
        elif isinstance(w, QCheckBox):
            w.toggled.connect(lambda _on: left())
        elif isinstance(w, RowsEditor):
            w.sig_rows_changed.connect(left)
        for box in editor.boxes.values():
            box.toggled.connect(lambda _on: left())

    def data(self) -> dict[str, Any]:
        out = {name: editor.get() for name, editor in self.editors.items()}
        for name, flag in LONG_TERM_DATES.items():
            widget = self.editors[name].widget if name in self.editors else None
            if isinstance(widget, DateEntry) and widget.is_long_term() and flag in self.editors:
                out[flag] = True  # typing 长期 is ticking 长期有效
                box = self.editors[flag].widget
                if isinstance(box, QCheckBox) and not box.isChecked():
                    box.setChecked(True)
        return out

    def set_data(self, data: Mapping[str, Any]) -> None:
        for name, editor in self.editors.items():
            editor.set(data.get(name, editor.spec.default))
            editor.touched = False

    def show_problems(self, problems: Iterable[FieldProblem], *, touched_only: bool = False) -> list[FieldProblem]:
        """Put each problem under its field; returns those no field of this form shows."""
        by_field: dict[str, list[str]] = {}
        rest: list[FieldProblem] = []
        for p in problems:
            name = base_field(p.field)
            if name in self.editors:
                by_field.setdefault(name, []).append(p.zh)
            else:
                rest.append(p)
        for name, editor in self.editors.items():
            if touched_only and not editor.touched:
                continue
            editor.show_message("\n".join(by_field.get(name, [])))
        return rest

    def message(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        return "" if self.editors[name].error.isHidden() else self.editors[name].error.text()

    def mark_all_touched(self) -> None:
        for editor in self.editors.values():
            editor.touched = True
