"""UI fixtures: a demo branch on SQLite, a task runner, a presenter that records instead of showing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dbfiles import copy_db
from workstation.demo import DEMO_PASSWORD, SUPERVISOR_NO, seed_branch, seed_staff
from workstation.services import auth
from workstation.services.identity import register_workstation
from workstation.store import open_store
from workstation.ui.context import SessionContext
from workstation.ui.errors import ErrorPresenter, ErrorReport
from workstation.ui.startup import OpenedDatabase, open_database
from workstation.ui.tasks import TaskRunner


@pytest.fixture(scope="session")
def branch_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file with the demo branch, its staff and this workstation (seeded once)."""
    path = tmp_path_factory.mktemp("ui-template") / "branch.db"
    copy_db(sqlite_template, path)
    store = open_store(path)
    with store.write() as session:
        branch = seed_branch(session)
        seed_staff(session, branch)
        register_workstation(session, branch, "前台-01")
    store.dispose()
    return path


@pytest.fixture
def branch_db(branch_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo branch database for one test."""
    target = tmp_path / "workstation.db"
    copy_db(branch_template, target)
    return target


@pytest.fixture
def opened(branch_db: Path) -> Iterator[OpenedDatabase]:
    database = open_database(str(branch_db))
    yield database
    database.store.dispose()


class RecordingPresenter(ErrorPresenter):
    """The real presenter with its display replaced: reports are collected, nothing is modal."""

    def __init__(self, lang: str = "zh_CN") -> None:
        self.reports: list[ErrorReport] = []
        super().__init__(lang, display=lambda report, _parent: self.reports.append(report))


@pytest.fixture
def presenter() -> RecordingPresenter:
    return RecordingPresenter()


@pytest.fixture
def tasks(qapp, presenter: RecordingPresenter) -> Iterator[TaskRunner]:
    runner = TaskRunner(failure_handler=presenter.show)
    yield runner
    runner.wait_for_done(10_000)


def make_context(opened: OpenedDatabase, tasks: TaskRunner, presenter: ErrorPresenter, staff_no: str) -> SessionContext:
    actor = auth.login(opened.store, opened.identity.branch_id, staff_no, DEMO_PASSWORD, opened.identity.workstation_id)
    return SessionContext(opened.store, opened.identity, actor, tasks, presenter)


@pytest.fixture
def supervisor_context(opened: OpenedDatabase, tasks: TaskRunner, presenter: RecordingPresenter) -> SessionContext:
    return make_context(opened, tasks, presenter, SUPERVISOR_NO)
