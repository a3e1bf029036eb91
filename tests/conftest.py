"""Shared fixtures: offscreen Qt, a migrated database on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
# No test, nor any process a test starts, may print on a real queue (workstation.printing.spool).
os.environ["WORKSTATION_PRINT_ONLY_TO"] = "PDF,cw-test-*,NO_SUCH_*"  # NO_SUCH_*: never exists

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.dbfiles import copy_db
from workstation import pgserver as pg
from workstation.store import Store, open_store

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg.PgServer]:
    """One PostgreSQL server for the whole run. Missing server: skip, unless CI requires it."""
    try:
        server = pg.start_server()
    except (RuntimeError, KeyError, OSError) as exc:
        if os.environ.get("WORKSTATION_REQUIRE_PG"):
            raise
        pytest.skip(f"PostgreSQL not available: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: pg.PgServer) -> str:
    """A database migrated once; each test gets a copy (CREATE DATABASE … TEMPLATE)."""
    admin = sa.create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE ws_template")
    admin.dispose()
    open_store(pg_server.url("ws_template")).dispose()
    return "ws_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_store(path).dispose()
    return path


def fresh_pg_url(pg_server: pg.PgServer, template: str) -> str:
    name = f"ws_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    admin.dispose()
    return pg_server.url(name)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a freshly migrated, empty database: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "workstation.db"
        copy_db(template, target)
        return str(target)
    server: pg.PgServer = request.getfixturevalue("pg_server")
    return fresh_pg_url(server, request.getfixturevalue("pg_template"))


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database with no schema at all: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "empty.db")
    server: pg.PgServer = request.getfixturevalue("pg_server")
    return fresh_pg_url(server, "template0")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open store on an empty migrated database (both backends)."""
    opened = open_store(db_url)
    yield opened
    opened.dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path, sqlite_template: Path) -> Iterator[Store]:
    """An open store on a local SQLite file only (for SQLite-specific behaviour)."""
    target = tmp_path / "workstation.db"
    copy_db(sqlite_template, target)
    opened = open_store(target)
    yield opened
    opened.dispose()


@pytest.fixture(autouse=True)
def _none_refcount_guard() -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call (see
    workstation/ui/refcount_guard.py): keep it topped up between tests."""
    from workstation.ui.refcount_guard import keep_none_alive

    keep_none_alive()
