"""The central PostgreSQL database: engine with bounded waits, schema, branch roles and row security.

The schema is the workstation's own (Alembic, ``workstation.migrate``) plus the ``sync`` schema of
migration 0003 (change log, processed messages, branch logins). :func:`secure` then derives the
grants and row-level security policies from each model's ``__sync__`` direction, so they cannot
drift from the ownership table in :mod:`workstation.sync.apply`:

- every branch role is a member of :data:`BRANCH_GROUP`, mapped to its branch in
  ``sync.branch_login``; ``sync.current_branch()`` is that branch for the connected role;
- PUSH tables: select/insert/update of rows whose ``branch_id`` is the role's branch, no delete;
- appointment (BOTH): the same rows; insert, but update only of the columns the branch owns;
- PULL tables: read only, rows of the role's branch or firm-wide (``branch_id`` NULL); gifts
  through their campaign; branches and questionnaires are readable by all;
- ``sync.change_log``: the role's branch and firm-wide entries; ``sync.processed_message``: its own.

:func:`hardening_statements` closes what a stolen branch credential could otherwise do (README
"Security"): insert-only facts (:data:`~workstation.sync.apply.INSERT_ONLY`) refuse UPDATE, DELETE
and TRUNCATE for everyone; a branch inserts only the stock movements a counter makes (never a
receipt or an allocation, never a reserve that is not taken from its own pool, never a void larger
than its issue); ``staff.password_hash`` is not readable (verifiers come through
``sync.staff_verifiers``); the SECURITY DEFINER functions check what calls them, run with a fixed
``search_path`` and cannot be executed by PUBLIC; branch roles cannot create objects, not even
temporary tables, and have a connection limit and server-side timeouts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from workstation import errors
from workstation.domain import SyncDirection
from workstation.store import display_url, normalize_url
from workstation.sync.apply import APPOINTMENT_MERGED, INSERT_ONLY, synced_tables

BRANCH_GROUP = "ws_branch"
"""The NOLOGIN role every branch role belongs to; grants and policies name it."""
CONNECT_TIMEOUT_S = 5
STALL_TIMEOUT_S = 8.0
"""A central round trip (one push batch, one pull page) that takes longer is abandoned."""
KEEPALIVE_ARGS: dict[str, Any] = {
    "connect_timeout": CONNECT_TIMEOUT_S,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
    "tcp_user_timeout": 9000,
    "application_name": "counter-workstation-sync",
    # A dead workstation must not hold the cluster's xmin horizon (and so every branch's pull).
    "options": "-c idle_in_transaction_session_timeout=60000",
}

BRANCH_CONNECTION_LIMIT = int(os.environ.get("WORKSTATION_BRANCH_CONNECTION_LIMIT") or 30)
"""Connections one branch role may hold at once: its PCs (sync, queue, gift draws) with room to spare,
far below the server's ``max_connections``, so one stolen credential cannot lock every branch out."""
BRANCH_ROLE_SETTINGS: dict[str, str] = {
    "idle_in_transaction_session_timeout": "60s",
    "idle_session_timeout": "30min",
    "statement_timeout": "120s",
    "lock_timeout": "30s",
}
"""Role-level defaults of every branch role. PostgreSQL lets a session change these user-settable
settings for itself (README "Security"): they bound honest clients; the connection limit and
``idle_in_transaction_session_timeout`` set on the server are what an attacker cannot lift."""
HIDDEN_COLUMNS: dict[str, tuple[str, ...]] = {"staff": ("password_hash",)}
"""Columns of PULL tables a branch role cannot select; they come through a narrow function."""
BRANCH_MOVEMENT_KINDS = ("reserve", "reserve_release", "issue", "void", "adjustment")
"""Stock movements a counter makes; receipts and allocations are head office's alone."""

sync_metadata = sa.MetaData(schema="sync")
change_log = sa.Table(
    "change_log",
    sync_metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True),
    sa.Column("xid", sa.Text),  # xid8: always read as text, compared with CAST(:x AS xid8)
    sa.Column("entity", sa.Text),
    sa.Column("entity_id", sa.Uuid),
    sa.Column("branch_id", sa.Uuid),
)
processed_message = sa.Table(
    "processed_message",
    sync_metadata,
    sa.Column("msg_id", sa.Uuid, primary_key=True),
    sa.Column("branch_id", sa.Uuid),
    sa.Column("entity", sa.Text),
    sa.Column("entity_id", sa.Uuid),
    sa.Column("row_version", sa.Integer),
    sa.Column("processed_at", sa.DateTime(timezone=True)),
)
branch_login = sa.Table(
    "branch_login", sync_metadata, sa.Column("role_name", sa.Text, primary_key=True), sa.Column("branch_id", sa.Uuid)
)


# --- connecting -----------------------------------------------------------------------------------


def central_url(target: str | URL, password: str | None = None) -> URL:
    """The psycopg URL of the central database (TLS options in the query pass through to libpq).

    Raises:
        CentralNotPostgres: the URL is not a PostgreSQL URL.
    """
    url = target if isinstance(target, URL) else normalize_url(target)
    if url.get_backend_name() != "postgresql":
        raise errors.CentralNotPostgres(target=display_url(url))
    if url.drivername != "postgresql+psycopg":
        url = url.set(drivername="postgresql+psycopg")
    return url.set(password=password) if password is not None else url


def central_engine(target: str | URL, password: str | None = None) -> Engine:
    """An engine for sync: a fresh connection per cycle, libpq timeouts and TCP keepalives."""
    return sa.create_engine(central_url(target, password), poolclass=NullPool, connect_args=dict(KEEPALIVE_ARGS))


@contextmanager
def stall_guard(connection: sa.Connection, seconds: float = STALL_TIMEOUT_S) -> Iterator[None]:
    """Abandon ``connection`` if the block has not finished after ``seconds``.

    A stalled peer that still ACKs TCP defeats keepalives and ``tcp_user_timeout``, and
    ``cancel()`` travels the same dead path (tech-notes §1.8), so a timer shuts the socket down
    (through a duplicate of its descriptor); the blocked call then fails with an OperationalError.

    Raises:
        CentralStalled: the block was cut by the timer.
    """
    raw = connection.connection.driver_connection
    fd = raw.fileno() if raw is not None else -1
    fired = threading.Event()

    def cut() -> None:
        fired.set()
        try:
            with socket.socket(fileno=os.dup(fd)) as dup:
                dup.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    timer = threading.Timer(seconds, cut)
    timer.daemon = True
    timer.start()
    try:
        yield
    except DBAPIError as exc:
        if fired.is_set():
            raise errors.CentralStalled(seconds=f"{seconds:g}") from exc
        raise
    finally:
        timer.cancel()


# --- schema and security --------------------------------------------------------------------------


def init_central(engine: Engine) -> str:
    """Create or upgrade the central schema (Alembic) and (re)apply grants and policies.

    Returns the schema revision. Raises StoreError subclasses from :mod:`workstation.migrate`.
    """
    from workstation import migrate

    plan = migrate.inspect_schema(engine)
    if plan.needs_upgrade:
        migrate.upgrade(engine)
    with engine.begin() as conn:
        secure(conn)
    return plan.head


def _visible(table: sa.Table) -> str:
    """The row filter of a PULL table for a branch role."""
    me = "(SELECT sync.current_branch())"
    if table.name == "gift":
        return "EXISTS (SELECT 1 FROM public.campaign AS c WHERE c.id = gift.campaign_id)"
    if "branch_id" in table.c:
        return f"branch_id IS NULL OR branch_id = {me}"
    return "true"


def security_statements() -> list[str]:
    """The idempotent DDL that grants each side what it owns (see the module docstring)."""
    me = "(SELECT sync.current_branch())"
    own = f"branch_id = {me}"
    out = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{BRANCH_GROUP}') "
        f"THEN CREATE ROLE {BRANCH_GROUP} NOLOGIN; END IF; END $$",
        f"GRANT USAGE ON SCHEMA public, sync TO {BRANCH_GROUP}",
    ]
    for synced in synced_tables().values():
        name = f"public.{synced.name}"
        out += [
            f"REVOKE ALL ON {name} FROM {BRANCH_GROUP}",
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS branch_rows ON {name}",
        ]
        if synced.direction is SyncDirection.PULL:
            out += [
                f"GRANT SELECT {_readable_columns(synced.table)}ON {name} TO {BRANCH_GROUP}",
                f"CREATE POLICY branch_rows ON {name} FOR SELECT TO {BRANCH_GROUP} USING ({_visible(synced.table)})",
            ]
            continue
        if synced.direction is SyncDirection.BOTH:
            columns = ", ".join((*APPOINTMENT_MERGED, "version", "updated_at"))
            out += [
                f"GRANT SELECT, INSERT ON {name} TO {BRANCH_GROUP}",
                f"GRANT UPDATE ({columns}) ON {name} TO {BRANCH_GROUP}",
            ]
        elif synced.name in INSERT_ONLY:
            out.append(f"GRANT SELECT, INSERT ON {name} TO {BRANCH_GROUP}")
        else:
            out.append(f"GRANT SELECT, INSERT, UPDATE ON {name} TO {BRANCH_GROUP}")
        check = own
        if synced.name == "gift_stock_movement":
            kinds = ", ".join(f"'{k}'" for k in BRANCH_MOVEMENT_KINDS)
            check = (
                f"{own} AND kind IN ({kinds}) AND (kind NOT IN ('issue', 'adjustment') OR quantity < 0) "
                "AND (kind <> 'void' OR (quantity > 0 AND gift_issue_id IS NOT NULL))"
            )
        out.append(f"CREATE POLICY branch_rows ON {name} FOR ALL TO {BRANCH_GROUP} USING ({own}) WITH CHECK ({check})")
    for name, grants, policy in (
        ("sync.change_log", "SELECT", f"FOR SELECT TO {BRANCH_GROUP} USING (branch_id IS NULL OR {own})"),
        ("sync.processed_message", "SELECT, INSERT", f"FOR ALL TO {BRANCH_GROUP} USING ({own}) WITH CHECK ({own})"),
    ):
        out += [
            f"REVOKE ALL ON {name} FROM {BRANCH_GROUP}",
            f"GRANT {grants} ON {name} TO {BRANCH_GROUP}",
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS branch_rows ON {name}",
            f"CREATE POLICY branch_rows ON {name} {policy}",
        ]
    out.append(f"REVOKE ALL ON sync.branch_login FROM {BRANCH_GROUP}")
    return out + hardening_statements()


def _readable_columns(table: sa.Table) -> str:
    """``"(a, b, …) "`` when some columns are hidden from branch roles, else ``""`` (all)."""
    hidden = HIDDEN_COLUMNS.get(table.name)
    if not hidden:
        return ""
    return "(" + ", ".join(c.name for c in table.columns if c.name not in hidden) + ") "


def _log_scope(table: sa.Table) -> str:
    """How a change of ``table`` is scoped in the change log (as migration 0003 set it up)."""
    if table.name == "gift":
        return "campaign"
    return "branch" if "branch_id" in table.c else "global"


def hardening_statements() -> list[str]:
    """Idempotent DDL against a stolen branch credential (see the module docstring)."""
    group = BRANCH_GROUP
    scopes = "\n".join(
        f"WHEN '{name}' THEN '{_log_scope(synced.table)}'" for name, synced in sorted(synced_tables().items())
    )
    out = [
        # Nothing but head office creates objects: no tables, no functions, no temporary tables.
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "REVOKE ALL ON SCHEMA sync FROM PUBLIC",
        "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$",
        # The branch of the connected role, without exposing the role → branch mapping.
        "CREATE OR REPLACE VIEW sync.my_branch WITH (security_barrier) AS "
        "SELECT branch_id FROM sync.branch_login WHERE role_name = current_user",
        f"REVOKE ALL ON sync.my_branch FROM PUBLIC, {group}",
        f"GRANT SELECT ON sync.my_branch TO {group}",
        "CREATE OR REPLACE FUNCTION sync.current_branch() RETURNS uuid LANGUAGE sql STABLE "
        "SET search_path = pg_catalog, pg_temp AS $$ SELECT branch_id FROM sync.my_branch $$",
        "REVOKE ALL ON FUNCTION sync.branch_of(name) FROM PUBLIC",
        # The change log: only the synchronised tables reach it, with their own scope.
        f"""CREATE OR REPLACE FUNCTION sync.log_change() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            kind text;
            scope uuid;
        BEGIN
            IF TG_TABLE_SCHEMA <> 'public' OR TG_LEVEL <> 'ROW' OR TG_WHEN <> 'AFTER' THEN
                RAISE EXCEPTION 'sync.log_change: %.% is not a synchronised table', TG_TABLE_SCHEMA, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            kind := CASE TG_TABLE_NAME {scopes} END;
            IF kind IS NULL THEN
                RAISE EXCEPTION 'sync.log_change: %.% is not a synchronised table', TG_TABLE_SCHEMA, TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF kind = 'branch' THEN
                scope := NEW.branch_id;
            ELSIF kind = 'campaign' THEN
                SELECT c.branch_id INTO scope FROM public.campaign AS c WHERE c.id = NEW.campaign_id;
            END IF;
            INSERT INTO sync.change_log (entity, entity_id, branch_id) VALUES (TG_TABLE_NAME, NEW.id, scope);
            RETURN NULL;
        END $$""",
        "REVOKE ALL ON FUNCTION sync.log_change() FROM PUBLIC",
        # Facts are never rewritten: not by a branch, not by the owner (corrections are new rows).
        """CREATE OR REPLACE FUNCTION sync.refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
            RAISE EXCEPTION '% is insert-only: its rows are never changed or deleted', TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege', HINT = 'Record a compensating row instead.';
        END $$""",
        "REVOKE ALL ON FUNCTION sync.refuse_change() FROM PUBLIC",
        # A counter reserves only what its own pool holds and voids at most what it issued.
        f"""CREATE OR REPLACE FUNCTION sync.check_branch_movement() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            net bigint;
        BEGIN
            IF NOT pg_has_role(current_user, '{group}', 'MEMBER') OR current_user IN
                    (SELECT r.rolname FROM pg_roles AS r WHERE r.rolsuper) THEN
                RETURN NULL;
            END IF;
            IF NEW.kind IN ('reserve', 'reserve_release') THEN
                SELECT coalesce(sum(m.quantity), 0) INTO net FROM public.gift_stock_movement AS m
                WHERE m.branch_id = NEW.branch_id AND m.gift_id = NEW.gift_id
                  AND m.kind IN ('reserve', 'reserve_release');
                IF net > 0 THEN
                    RAISE EXCEPTION 'a reserve must be taken from the branch pool first'
                        USING ERRCODE = 'check_violation';
                END IF;
            ELSIF NEW.kind = 'void' THEN
                SELECT coalesce(sum(m.quantity), 0) INTO net FROM public.gift_stock_movement AS m
                WHERE m.gift_issue_id = NEW.gift_issue_id AND m.kind IN ('issue', 'void');
                IF net > 0 THEN
                    RAISE EXCEPTION 'a void returns at most what was issued' USING ERRCODE = 'check_violation';
                END IF;
            END IF;
            RETURN NULL;
        END $$""",
        "REVOKE ALL ON FUNCTION sync.check_branch_movement() FROM PUBLIC",
        "DROP TRIGGER IF EXISTS branch_movement ON public.gift_stock_movement",
        "CREATE TRIGGER branch_movement AFTER INSERT ON public.gift_stock_movement "
        "FOR EACH ROW EXECUTE FUNCTION sync.check_branch_movement()",
        # Verifiers for offline login, only of the staff this branch's counters must check.
        """CREATE OR REPLACE FUNCTION sync.staff_verifiers(ids uuid[])
        RETURNS TABLE (id uuid, password_hash text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            WITH caller AS (SELECT l.branch_id FROM sync.branch_login AS l WHERE l.role_name = session_user)
            SELECT s.id, s.password_hash FROM public.staff AS s
            WHERE s.id = ANY (ids) AND s.deleted_at IS NULL AND (
                NOT EXISTS (SELECT 1 FROM caller)
                OR (s.active AND (s.branch_id IS NULL OR s.branch_id = (SELECT branch_id FROM caller))))
        $$""",
        "REVOKE ALL ON FUNCTION sync.staff_verifiers(uuid[]) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION sync.staff_verifiers(uuid[]) TO {group}",
        f"GRANT EXECUTE ON FUNCTION sync.current_branch() TO {group}",
    ]
    for name in sorted(INSERT_ONLY):
        out += [
            f"DROP TRIGGER IF EXISTS insert_only ON public.{name}",
            f"CREATE TRIGGER insert_only BEFORE UPDATE OR DELETE ON public.{name} "
            "FOR EACH ROW EXECUTE FUNCTION sync.refuse_change()",
            f"DROP TRIGGER IF EXISTS insert_only_truncate ON public.{name}",
            f"CREATE TRIGGER insert_only_truncate BEFORE TRUNCATE ON public.{name} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sync.refuse_change()",
        ]
    return out


def secure(conn: sa.Connection) -> None:
    """Apply :func:`security_statements` in the caller's transaction."""
    for statement in security_statements():
        conn.exec_driver_sql(statement.replace("%", "%%"))  # no parameters: "%" is the driver's escape


def role_name_for(branch_code: str) -> str:
    """The PostgreSQL login role of a branch: ``ws_branch_<code>`` (lower case, [a-z0-9_])."""
    cleaned = re.sub(r"[^a-z0-9_]", "_", branch_code.strip().lower())
    return f"{BRANCH_GROUP}_{cleaned}"[:63]


def scram_verifier(password: str, *, iterations: int = 4096) -> str:
    """A SCRAM-SHA-256 verifier, so the clear password never reaches the server (or its log)."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    b64 = base64.b64encode
    stored = hashlib.sha256(client_key).digest()
    return f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}${b64(stored).decode()}:{b64(server_key).decode()}"


def add_branch(conn: sa.Connection, branch_code: str, password: str | None = None) -> tuple[str, str]:
    """Create (or re-key) the login role of branch ``branch_code``; return ``(role, password)``.

    The password is generated when not given and is returned once, for ``central login`` at the
    branch; only its SCRAM verifier is sent to the server.

    Raises:
        BranchUnknown: no branch row with this code in the central database.
    """
    branch_id = conn.execute(sa.text("SELECT id FROM public.branch WHERE code = :c"), {"c": branch_code}).scalar()
    if branch_id is None:
        raise errors.BranchUnknown(code=branch_code)
    role = role_name_for(branch_code)
    password = password or secrets.token_urlsafe(24)
    verifier = scram_verifier(password).replace("'", "''")
    exists = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    verb = "ALTER" if exists else "CREATE"
    conn.exec_driver_sql(
        f'{verb} ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOREPLICATION NOBYPASSRLS '
        f"CONNECTION LIMIT {BRANCH_CONNECTION_LIMIT} PASSWORD '{verifier}'"
    )
    conn.exec_driver_sql(f'GRANT {BRANCH_GROUP} TO "{role}"')
    for setting, value in BRANCH_ROLE_SETTINGS.items():
        conn.exec_driver_sql(f"ALTER ROLE \"{role}\" SET {setting} = '{value}'")
    conn.execute(
        sa.text(
            "INSERT INTO sync.branch_login (role_name, branch_id) VALUES (:r, :b) "
            "ON CONFLICT (role_name) DO UPDATE SET branch_id = excluded.branch_id"
        ),
        {"r": role, "b": branch_id},
    )
    return role, password
