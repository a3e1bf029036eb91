"""Alembic, driven from code: where the schema stands and bringing it to the head revision.

Alembic itself (with Mako) takes ~0.15 s to import, so an up-to-date database — the case at
every start of the app — is recognised by reading ``alembic_version`` directly and comparing it
with :data:`workstation.migrations.HEAD`; Alembic is imported only to migrate or to explain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from workstation import errors
from workstation.migrations import HEAD
from workstation.store import display_url, first_line

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@dataclass(frozen=True)
class SchemaPlan:
    current: str | None
    head: str

    @property
    def needs_upgrade(self) -> bool:
        return self.current != self.head


def inspect_schema(engine: Engine) -> SchemaPlan:
    """Where the database's schema stands against this program's migrations.

    Raises:
        SchemaTooNew: the database was migrated by a newer program.
        DatabaseCorrupt: it holds tables but is not a workstation database.
    """
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        if "alembic_version" in tables:
            stored = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
            if stored == [HEAD]:
                return SchemaPlan(current=HEAD, head=HEAD)  # the usual case, without Alembic
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current is None and tables - {"alembic_version"}:
        raise errors.DatabaseCorrupt(path=display_url(engine.url))
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise errors.SchemaTooNew(found=current)
    return SchemaPlan(current=current, head=head)


def upgrade(engine: Engine, *, backup: Path | None = None, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` in one transaction (SQLite: foreign keys off meanwhile).

    Raises:
        MigrationFailed: the upgrade did not apply; the database is as it was (and ``backup`` kept).
    """
    from alembic import command

    _migrate(engine, command.upgrade, revision, backup)


def downgrade(engine: Engine, revision: str, *, backup: Path | None = None) -> None:
    """Revert migrations down to ``revision`` ("base": nothing left), like :func:`upgrade`.

    Raises:
        MigrationFailed: the downgrade did not apply; the database is as it was.
    """
    from alembic import command

    _migrate(engine, command.downgrade, revision, backup)


def _migrate(engine: Engine, step: Callable[[Config, str], None], revision: str, backup: Path | None) -> None:
    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as conn:
            if sqlite:
                # DROP TABLE in batch mode would fire ON DELETE CASCADE. The pragma is a no-op inside
                # a transaction, so it goes to the driver connection before SQLAlchemy's BEGIN.
                _driver_execute(conn, "PRAGMA foreign_keys=OFF")
            try:
                with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                    config.attributes["connection"] = conn
                    step(config, revision)
                    if sqlite:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise RuntimeError(f"foreign key check failed after migration: {broken[:3]}")
            finally:
                if sqlite:
                    _driver_execute(conn, "PRAGMA foreign_keys=ON")
    except errors.WorkstationError:
        raise
    except Exception as exc:  # a migration script may raise anything; the transaction is rolled back
        detail = first_line(str(exc)) or type(exc).__name__
        raise errors.MigrationFailed(backup=str(backup or "-"), detail=detail) from exc


def _driver_execute(conn: sa.Connection, statement: str) -> None:
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute(statement)
