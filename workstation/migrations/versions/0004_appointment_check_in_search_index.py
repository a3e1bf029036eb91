"""appointment: one index that answers check-in by name, pinyin and "last four + surname"

Those searches look among one branch's appointments from 7 days before to 30 days after today
for a prefix of the name or of its pinyin keys (or the mobile's last four digits). Only
(branch_id, slot_start) served them, so every appointment row in those 37 days was read from the
table (≈8,000 rows, p95 13–40 ms through the service on the 100,000-appointment benchmark).

This index starts with the same (branch_id, slot_start) range and carries the searched columns, so
SQLite checks name, pinyin and mobile inside the index and reads only the matching rows (deferred
seek): p95 2–10 ms. The planner prefers it to (branch_id, slot_start) without ANALYZE statistics,
which the counter databases do not have; separate indexes per key were not used for the
``pinyin_initials OR pinyin_full`` search without them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 16:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = ["branch_id", "slot_start", "client_name", "pinyin_initials", "pinyin_full", "mobile"]


def upgrade() -> None:
    op.create_index("ix_appointment_check_in_search", "appointment", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_appointment_check_in_search", table_name="appointment")
