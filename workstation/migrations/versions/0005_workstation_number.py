"""workstation: a short number per branch (1, 2, 3…), unique within the branch

Numbers a workstation makes while the central database is out of reach must never collide with
another workstation's (tickets, printed documents): they carry this number. It is given by the
central database at enrolment (under a lock, so two PCs enrolling at once get different numbers);
workstations enrolled before it get theirs on their first contact with the central queue.

The column is new on an existing synced table: its change-log trigger (0003) already covers it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workstation") as batch:
        batch.add_column(sa.Column("number", sa.Integer(), nullable=True))
    op.create_index("uq_workstation_branch_id_number", "workstation", ["branch_id", "number"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_workstation_branch_id_number", table_name="workstation")
    with op.batch_alter_table("workstation") as batch:
        batch.drop_column("number")
