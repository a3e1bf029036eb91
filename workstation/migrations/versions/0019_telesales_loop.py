"""telesales loop: leads from booths, appointment → lead, funded accounts on clients

- ``lead``: a prospect's phone registered outside the branch (booth, partner, campaign, staff) with
  the consent that allows the call-back (purpose, channel, time, who recorded it) and its
  withdrawal. A branch fact (PUSH); on PostgreSQL it gets the change-log trigger of 0003.
- ``return_visit``: the return visit (回访) due after an opening or transfer-in, for the agent
  who invited the client: due date, outcome. A branch fact (PUSH), with the trigger too.
- ``appointment.lead_id``: the lead an appointment was booked from (no foreign key, see the model).
- ``client.first_funded_on`` / ``client.assets_as_of``: from the back office's daily file.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

NEW_TABLES = ("lead", "return_visit")
"""Branch facts (PUSH) new in this revision: the change-log trigger of 0003 on PostgreSQL."""


def upgrade() -> None:
    op.create_table(
        "lead",
        sa.Column("mobile", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column(
            "source",
            sa.Enum("booth", "partner", "campaign", "staff", name="leadsource", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("source_detail", sa.String(length=100), nullable=False),
        sa.Column("campaign_id", sa.Uuid(), nullable=True),
        sa.Column(
            "interest",
            sa.Enum("new_account", "transfer_in", "other", name="purpose", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("consent_purpose", sa.String(length=200), nullable=False),
        sa.Column("consent_channel", sa.String(length=40), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notes", sa.String(length=500), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_lead_branch_id_branch")),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"], name=op.f("fk_lead_campaign_id_campaign")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["staff.id"], name=op.f("fk_lead_recorded_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead")),
    )
    with op.batch_alter_table("lead") as batch:
        batch.create_index(batch.f("ix_lead_branch_id"), ["branch_id"], unique=False)
        batch.create_index("ix_lead_branch_id_mobile", ["branch_id", "mobile"], unique=False)
    op.create_table(
        "return_visit",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind", sa.Enum("new_account", "transfer_in", name="applicationkind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("assignee_id", sa.Uuid(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "reached", "no_answer", "declined", "complaint", name="returnvisitoutcome", native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("outcome_note", sa.String(length=500), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Uuid(), nullable=True),
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"], ["account_application.id"], name=op.f("fk_return_visit_application_id_account_application")
        ),
        sa.ForeignKeyConstraint(["assignee_id"], ["staff.id"], name=op.f("fk_return_visit_assignee_id_staff")),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_return_visit_branch_id_branch")),
        sa.ForeignKeyConstraint(["client_id"], ["client.id"], name=op.f("fk_return_visit_client_id_client")),
        sa.ForeignKeyConstraint(["done_by_id"], ["staff.id"], name=op.f("fk_return_visit_done_by_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_visit")),
        sa.UniqueConstraint("application_id", name=op.f("uq_return_visit_application_id")),
    )
    with op.batch_alter_table("return_visit") as batch:
        batch.create_index(batch.f("ix_return_visit_branch_id"), ["branch_id"], unique=False)
        batch.create_index("ix_return_visit_assignee_id_due_on", ["assignee_id", "due_on"], unique=False)
    with op.batch_alter_table("appointment") as batch:
        batch.add_column(sa.Column("lead_id", sa.Uuid(), nullable=True))
        batch.create_index(batch.f("ix_appointment_lead_id"), ["lead_id"], unique=False)
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("assets_as_of", sa.Date(), nullable=True))
        batch.add_column(sa.Column("first_funded_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for table in NEW_TABLES:
            op.execute(
                f"CREATE TRIGGER sync_log_change AFTER INSERT OR UPDATE ON public.{table} "
                "FOR EACH ROW EXECUTE FUNCTION sync.log_change('branch')"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NEW_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS sync_log_change ON public.{table}")
    with op.batch_alter_table("client") as batch:
        batch.drop_column("first_funded_on")
        batch.drop_column("assets_as_of")
    with op.batch_alter_table("appointment") as batch:
        batch.drop_index(batch.f("ix_appointment_lead_id"))
        batch.drop_column("lead_id")
    with op.batch_alter_table("lead") as batch:
        batch.drop_index("ix_lead_branch_id_mobile")
        batch.drop_index(batch.f("ix_lead_branch_id"))
    op.drop_table("lead")
    with op.batch_alter_table("return_visit") as batch:
        batch.drop_index("ix_return_visit_assignee_id_due_on")
        batch.drop_index(batch.f("ix_return_visit_branch_id"))
    op.drop_table("return_visit")
