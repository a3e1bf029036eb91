"""data protection: client anonymised / consent withdrawn, printed document data purged

Retention (workstation/services/retention.py) anonymises prospects without an account after the
policy's days and empties printed-document data after the legal keeping period; a data-subject
request records the withdrawal of consent. The columns are new on existing synced tables: their
change-log triggers (0003) already cover them.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

def upgrade() -> None:
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("consent_withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("printed_document") as batch:
        batch.add_column(sa.Column("data_purged_at", sa.DateTime(timezone=True), nullable=True))

def downgrade() -> None:
    with op.batch_alter_table("printed_document") as batch:
        batch.drop_column("data_purged_at")
    with op.batch_alter_table("client") as batch:
        batch.drop_column("consent_withdrawn_at")
        batch.drop_column("anonymised_at")
