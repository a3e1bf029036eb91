"""notify schema (central only): messages to clients and their SMS consent

``notify.message``: one row per appointment and kind (confirmation, reminder the day before, two
hours before) with its text, due time and outcome (pending, sent, skipped, failed) — the log of
every message. ``notify.consent``: per mobile, the purpose, channel, time and who recorded it, and
when it was withdrawn. No branch role has any right on either. See :mod:`workstation.notify`.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 14:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE SCHEMA IF NOT EXISTS notify")
    op.execute("REVOKE ALL ON SCHEMA notify FROM PUBLIC")
    op.execute(
        """
        CREATE TABLE notify.message (
            id uuid PRIMARY KEY,
            appointment_id uuid NOT NULL REFERENCES public.appointment (id),
            kind text NOT NULL,
            mobile text NOT NULL,
            body text NOT NULL,
            due_at timestamptz NOT NULL,
            status text NOT NULL DEFAULT 'pending',
            attempts integer NOT NULL DEFAULT 0,
            gateway_ref text,
            last_error text,
            sent_at timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT uq_message_appointment_kind UNIQUE (appointment_id, kind)
        )
        """
    )
    op.execute("CREATE INDEX ix_message_pending_due ON notify.message (due_at) WHERE status = 'pending'")
    op.execute(
        """
        CREATE TABLE notify.consent (
            mobile text PRIMARY KEY,
            purpose text NOT NULL DEFAULT '',
            channel text NOT NULL DEFAULT '',
            recorded_at timestamptz NOT NULL,
            recorded_by text NOT NULL DEFAULT '',
            withdrawn_at timestamptz
        )
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP SCHEMA IF EXISTS notify CASCADE")
