"""A date field a clerk types into: ``20160520``, ``2016-05-20``, ``2016.5.20``, ``2016/5/20``
(and ``长期`` where long-term is allowed), with a calendar button for those who prefer to click.

A ``QDateEdit`` cannot be empty and its sections fight typing (select-all + typing gave wrong
dates, the calendar opened at January 1900), so this is a plain line edit with a parser."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from workstation.datetext import is_long_term, parse_day


class DateEntry(QWidget):
    """``edit`` for typing, ``calendar_button`` for a calendar popup; ``value()`` is ISO text."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, long_term: bool = False, near: dt.date | None = None) -> None:
        super().__init__(parent)
        self.long_term_allowed = long_term
        self.near = near
        """Where the calendar opens when the field is empty (default: today)."""
        self.edit = QLineEdit(self)
        hint = "20160520 / 2016-05-20" + (" / 长期" if long_term else "")
        self.edit.setPlaceholderText(QCoreApplication.translate("DateEntry", hint))
        self.edit.setMaxLength(16)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("📅")
        self.calendar_button.setToolTip(QCoreApplication.translate("DateEntry", "选择日期"))
        self.calendar_button.setFocusPolicy(self.calendar_button.focusPolicy().NoFocus)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self._menu = menu
        self.calendar_button.clicked.connect(self.open_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._finished)

    # --- values ------------------------------------------------------------------------------------

    def day(self) -> dt.date | None:
        return parse_day(self.edit.text())

    def is_long_term(self) -> bool:
        return self.long_term_allowed and is_long_term(self.edit.text())

    def value(self) -> str:
        """ISO date, "" when empty or 长期, else the text as typed (the validator explains it)."""
        text = self.edit.text().strip()
        if not text or self.is_long_term():
            return ""
        day = parse_day(text)
        return day.isoformat() if day is not None else text

    def set_value(self, value: object) -> None:
        text = "" if value is None else str(value)
        day = parse_day(text)
        self.edit.setText(day.isoformat() if day is not None else text)

    # --- calendar ----------------------------------------------------------------------------------

    def open_calendar(self) -> None:
        """The calendar opens at the typed date, else near a sensible date (not January 1900)."""
        start = self.day() or self.near or dt.date.today()
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self._menu.popup(self.calendar_button.mapToGlobal(self.calendar_button.rect().bottomLeft()))

    def _picked(self, qdate: QDate) -> None:
        self.edit.setText(f"{qdate.year():04d}-{qdate.month():02d}-{qdate.day():02d}")
        self._menu.hide()
        self.edit.setFocus()
        self.editingFinished.emit()

    def _finished(self) -> None:
        day = self.day()
        if day is not None:
            self.edit.setText(day.isoformat())  # the clerk sees what was understood
        elif self.is_long_term():
            self.edit.setText("长期")
        self.editingFinished.emit()
