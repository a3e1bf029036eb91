"""central sync: change log, processed messages, branch logins (PostgreSQL only)

Central-only objects live in their own schema ``sync`` so the workstation models (schema
``public``) stay exactly what Alembic compares; SQLite workstations get nothing from this revision.

- ``sync.change_log``: one row per insert/update of a synchronised table, written by triggers, with
  ``xid xid8 DEFAULT pg_current_xact_id()`` and ``seq bigserial``: the pull cursor (docs/tech-notes.md §1.3).
  ``branch_id`` is the row's branch, NULL for rows every branch sees (firm-wide policies, staff…).
- ``sync.processed_message``: the msg_id of every outbox message applied (the idempotent inbox).
- ``sync.branch_login``: which PostgreSQL role pushes and pulls for which branch (row-level security).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen at this revision: the synchronised tables and how a change is scoped to a branch.
SCOPED = (  # rows with a branch_id (NULL = every branch)
    "account_application", "appointment", "audit_event", "campaign", "client", "competitor_offer",
    "counter", "duty_shift", "gift_issue", "gift_stock_movement", "policy", "print_job",
    "printed_document", "staff", "transfer_step", "visit", "workstation",
)  # fmt: skip
GLOBAL = ("branch", "questionnaire")
BY_CAMPAIGN = ("gift",)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE SCHEMA IF NOT EXISTS sync")
    op.execute(
        """
        CREATE TABLE sync.change_log (
            seq bigserial PRIMARY KEY,
            xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            entity text NOT NULL,
            entity_id uuid NOT NULL,
            branch_id uuid
        )
        """
    )
    op.execute("CREATE INDEX ix_change_log_xid_seq ON sync.change_log (xid, seq)")
    op.execute(
        """
        CREATE TABLE sync.processed_message (
            msg_id uuid PRIMARY KEY,
            branch_id uuid,
            entity text NOT NULL,
            entity_id uuid NOT NULL,
            row_version integer NOT NULL,
            processed_at timestamptz NOT NULL DEFAULT now(),
            processed_by name NOT NULL DEFAULT current_user
        )
        """
    )
    op.execute(
        """
        CREATE TABLE sync.branch_login (
            role_name name PRIMARY KEY,
            branch_id uuid NOT NULL REFERENCES public.branch (id)
        )
        """
    )
    # SECURITY DEFINER: a branch role's push writes the log without any right on it.
    op.execute(
        """
        CREATE FUNCTION sync.log_change() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            scope uuid;
        BEGIN
            IF TG_ARGV[0] = 'branch' THEN
                scope := NEW.branch_id;
            ELSIF TG_ARGV[0] = 'campaign' THEN
                SELECT c.branch_id INTO scope FROM public.campaign AS c WHERE c.id = NEW.campaign_id;
            END IF;
            INSERT INTO sync.change_log (entity, entity_id, branch_id) VALUES (TG_TABLE_NAME, NEW.id, scope);
            RETURN NULL;
        END $$
        """
    )
    # The branch of the role running the statement; SECURITY DEFINER reads the mapping for it.
    op.execute(
        """
        CREATE FUNCTION sync.branch_of(role_name name) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            SELECT branch_id FROM sync.branch_login WHERE branch_login.role_name = $1
        $$
        """
    )
    op.execute(
        "CREATE FUNCTION sync.current_branch() RETURNS uuid LANGUAGE sql STABLE AS $$ "
        "SELECT sync.branch_of(current_user) $$"
    )
    for tables, scope in ((SCOPED, "branch"), (GLOBAL, "global"), (BY_CAMPAIGN, "campaign")):
        for table in tables:
            op.execute(
                f"CREATE TRIGGER sync_log_change AFTER INSERT OR UPDATE ON public.{table} "
                f"FOR EACH ROW EXECUTE FUNCTION sync.log_change('{scope}')"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in (*SCOPED, *GLOBAL, *BY_CAMPAIGN):
        op.execute(f"DROP TRIGGER IF EXISTS sync_log_change ON public.{table}")
    op.execute("DROP SCHEMA sync CASCADE")
