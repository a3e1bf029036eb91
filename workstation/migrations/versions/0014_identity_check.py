"""account_application: the online identity check (联网核查) result and a supervisor's override

``identity_check_status`` is "" (never asked), consistent, inconsistent or not_checked, with the
time and the gateway's reference; an inconsistent result blocks submission until a supervisor
overrides it with a reason. New columns on an existing synced table: its change-log trigger
(0003) already covers them.

Revision ID: 0014
Revises: 0005
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0014"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("account_application") as batch:
        batch.add_column(sa.Column("identity_check_status", sa.String(16), nullable=False, server_default=""))
        batch.add_column(sa.Column("identity_check_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("identity_check_ref", sa.String(60), nullable=False, server_default=""))
        batch.add_column(
            sa.Column(
                "identity_override_by_id",
                sa.Uuid(),
                sa.ForeignKey("staff.id", name="fk_account_application_identity_override_by_id_staff"),
                nullable=True,
            )
        )
        batch.add_column(sa.Column("identity_override_reason", sa.String(300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("account_application") as batch:
        for column in (
            "identity_override_reason",
            "identity_override_by_id",
            "identity_check_ref",
            "identity_check_at",
            "identity_check_status",
        ):
            batch.drop_column(column)
