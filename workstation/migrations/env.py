"""Alembic environment: runs on the connection handed over by workstation.migrate."""

from __future__ import annotations

from alembic import context

import workstation.models  # noqa: F401  (registers every table)
from workstation.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through workstation.migrate (workstation-cli db upgrade)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables instead
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
