"""Issue 15 defect 1: dates are typed from the ID card, by keyboard, in every usual form."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from workstation.datetext import parse_day
from workstation.ui.accounts.fields import FieldForm
from workstation.ui.accounts.specs import identity
from workstation.ui.dateentry import DateEntry


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("20160520", "2016-05-20"),
        ("2016-05-20", "2016-05-20"),
        ("2016.5.20", "2016-05-20"),
        ("2016/5/20", "2016-05-20"),
        ("2010-03-15", "2010-03-15"),
        (" 2016-5-2 ", "2016-05-02"),
    ],
)
def test_typed_dates_in_every_usual_form(qtbot: Any, typed: str, iso: str) -> None:
    form = FieldForm(identity())
    qtbot.addWidget(form)
    form.show()
    entry = form.editors["id_valid_from"].widget
    assert isinstance(entry, DateEntry)
    entry.edit.setFocus()
    qtbot.keyClicks(entry.edit, typed)
    qtbot.keyClick(entry.edit, Qt.Key.Key_Return)
    assert form.data()["id_valid_from"] == iso
    assert entry.edit.text() == iso  # shown as understood
    # select-all + typing replaces the whole date, never a part of it
    entry.edit.setFocus()
    qtbot.keyClick(entry.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(entry.edit, "20100315")
    qtbot.keyClick(entry.edit, Qt.Key.Key_Return)
    assert form.data()["id_valid_from"] == "2010-03-15"


def test_an_empty_date_is_empty_and_a_bad_one_is_explained(qtbot: Any) -> None:
    form = FieldForm(identity())
    qtbot.addWidget(form)
    entry = form.editors["id_valid_from"].widget
    assert isinstance(entry, DateEntry)
    assert form.data()["id_valid_from"] == "" and entry.edit.text() == ""  # no "未填写" to type after
    qtbot.keyClicks(entry.edit, "20160230")
    assert form.data()["id_valid_from"] == "20160230"  # left as typed: the validator says why
    assert parse_day("20160230") is None


def test_long_term_typed_in_chinese_ticks_the_flag(qtbot: Any) -> None:
    form = FieldForm(identity())
    qtbot.addWidget(form)
    form.show()
    entry = form.editors["id_valid_to"].widget
    assert isinstance(entry, DateEntry)
    entry.edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("长期")  # what a Chinese input method commits (keyClicks cannot type it)
    QApplication.sendEvent(entry.edit, event)
    assert entry.edit.text() == "长期"
    data = form.data()
    assert data["id_valid_to"] == "" and data["id_long_term"] is True


def test_the_calendar_opens_near_a_sensible_date(qtbot: Any) -> None:
    form = FieldForm(identity())
    qtbot.addWidget(form)
    form.show()
    valid_from = form.editors["id_valid_from"].widget
    birth = form.editors["birth_date"].widget
    assert isinstance(valid_from, DateEntry) and isinstance(birth, DateEntry)
    valid_from.open_calendar()
    assert valid_from.calendar.selectedDate().year() == dt.date.today().year
    valid_from._menu.hide()
    birth.open_calendar()
    assert birth.calendar.selectedDate().year() == dt.date.today().year - 40
    birth._menu.hide()
    qtbot.keyClicks(valid_from.edit, "2016.5.20")
    valid_from.open_calendar()
    chosen = valid_from.calendar.selectedDate()
    assert (chosen.year(), chosen.month(), chosen.day()) == (2016, 5, 20)
    valid_from._menu.hide()


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2016年5月20日", dt.date(2016, 5, 20)),
        ("２０１６０５２０", dt.date(2016, 5, 20)),
        ("2016-13-01", None),
        ("", None),
    ],
)
def test_the_parser_shared_with_the_validators(text: str, day: dt.date | None) -> None:
    assert parse_day(text) == day
