"""Fixtures for the reception and reports screen tests: the seeded demo branch, a page, helpers.

Imported by ``test_reception_*.py`` and ``test_reports_*.py``; holds no tests itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings

from tests.dbfiles import copy_db
from workstation.clock import business_date, local
from workstation.demo import seed_demo
from workstation.domain import AppointmentStatus
from workstation.models import Appointment
from workstation.store import Store, open_store
from workstation.ui.context import SessionContext
from workstation.ui.reception import queue_panel
from workstation.ui.startup import OpenedDatabase, open_database
from workstation.ui.tasks import TaskRunner

from .conftest import RecordingPresenter, make_context


@pytest.fixture(scope="session", name="demo_template")
def demo_template_fixture(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file holding the whole demo branch (clients, today's appointments…), seeded once."""
    path = tmp_path_factory.mktemp("reception-template") / "demo.db"
    copy_db(sqlite_template, path)
    store = open_store(path)
    seed_demo(store)
    store.dispose()
    return path


@pytest.fixture(name="demo_opened")
def demo_opened_fixture(demo_template: Path, tmp_path: Path) -> Iterator[OpenedDatabase]:
    target = tmp_path / "workstation.db"
    copy_db(demo_template, target)
    database = open_database(str(target))
    yield database
    database.store.dispose()


@pytest.fixture(autouse=True, name="counter_settings")
def counter_settings_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The remembered counter goes to a per-test INI file, never to the user's settings."""
    path = tmp_path / "settings.ini"
    monkeypatch.setattr(queue_panel, "settings", lambda: QSettings(str(path), QSettings.Format.IniFormat))
    return path


def context_for(
    demo_opened: OpenedDatabase, tasks: TaskRunner, presenter: RecordingPresenter, staff_no: str
) -> SessionContext:
    return make_context(demo_opened, tasks, presenter, staff_no)


def booked_today(store: Store) -> list[Appointment]:
    """Today's appointments still waiting for their client, in slot order (detached rows)."""
    with store.read() as session:
        rows = session.scalars(
            sa.select(Appointment)
            .where(Appointment.status == AppointmentStatus.BOOKED)
            .order_by(Appointment.slot_start)
        ).all()
        today = business_date()
        return [row for row in rows if local(row.slot_start).date() == today]


def move_to_tomorrow(store: Store, appointment: Appointment) -> None:
    with store.write() as session:
        row = session.get(Appointment, appointment.id)
        assert row is not None
        row.slot_start += timedelta(days=1)
        row.slot_end += timedelta(days=1)
