"""workstation: the app version it runs and when the central database last heard from it

``app_version`` is set by the workstation itself (``workstation.__version__``) at sync when it
changed, and travels with the row like any other change; ``last_seen_at`` is written centrally at
sync (at most every few minutes). Head office lists both: ``workstation-cli central workstations``.

The columns are new on an existing synced table: its change-log trigger (0003) already covers them.

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workstation") as batch:
        batch.add_column(sa.Column("app_version", sa.String(length=40), nullable=False, server_default=""))
        batch.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workstation") as batch:
        batch.drop_column("last_seen_at")
        batch.drop_column("app_version")
