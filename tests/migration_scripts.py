"""A copy of the real migrations plus one test revision, to exercise upgrades of an older database.

The program has a single revision so far; these tests need a database that is *behind* head.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from workstation import migrate

TEST_REVISION = "9001_test"

ADD_COLUMN = """
    # Recreate (copy, drop, rename) the parent table on SQLite, as batch mode does for most
    # changes: with foreign keys on, the DROP of `branch` would fail or cascade into its children.
    recreate = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("branch", recreate=recreate) as batch:
        batch.add_column(sa.Column("test_note", sa.String(20), nullable=False, server_default="ok"))
"""

DROP_COLUMN = """
    recreate = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("branch", recreate=recreate) as batch:
        batch.drop_column("test_note")
"""


def add_test_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgrade: str = ADD_COLUMN, downgrade: str = DROP_COLUMN
) -> str:
    """Point workstation.migrate at a copy of the migrations with one more revision; return it."""
    target = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    source = f'''"""test revision"""

import sqlalchemy as sa
from alembic import op

revision = "{TEST_REVISION}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{textwrap.indent(textwrap.dedent(upgrade), "    ")}

def downgrade() -> None:
{textwrap.indent(textwrap.dedent(downgrade), "    ")}
'''
    (target / "versions" / f"{TEST_REVISION}.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", target)
    monkeypatch.setattr(migrate, "HEAD", TEST_REVISION)  # the start-up fast path compares with HEAD
    return TEST_REVISION
