"""policy: one firm-wide row per key

A unique constraint on (key, branch_id) lets any number of firm-wide rows (branch_id NULL) share
a key, and get_policy then merged them in no particular order. Duplicates already present are
resolved by keeping the most recently updated row (ties: the greatest id).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 15:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        DELETE FROM policy
        WHERE branch_id IS NULL
          AND EXISTS (
            SELECT 1 FROM policy AS newer
            WHERE newer.branch_id IS NULL
              AND newer.key = policy.key
              AND (newer.updated_at > policy.updated_at
                   OR (newer.updated_at = policy.updated_at AND newer.id > policy.id))
          )
        """
    )
    op.create_index(
        "uq_policy_firm_wide_key",
        "policy",
        ["key"],
        unique=True,
        sqlite_where=sa.text("branch_id IS NULL"),
        postgresql_where=sa.text("branch_id IS NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_policy_firm_wide_key",
        table_name="policy",
        sqlite_where=sa.text("branch_id IS NULL"),
        postgresql_where=sa.text("branch_id IS NULL"),
    )
