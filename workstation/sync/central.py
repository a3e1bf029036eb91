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

Hardening (issue 10; README "Security of the central database", docs/security.md). :func:`secure`
also re-creates, on every ``central init``, the sync functions and triggers, so their allow-lists
follow the models (no migration needed when a table starts to sync):

- insert-only facts (:data:`~workstation.sync.apply.INSERT_ONLY`): SELECT/INSERT only, and a
  trigger refusing UPDATE/DELETE/TRUNCATE even for the owner (:data:`IMMUTABLE_SQLSTATE`);
- ``gift_stock_movement``: a restrictive policy (:data:`BRANCH_MOVEMENT_CHECK`) so a branch
  cannot insert receipts or allocations (:data:`HEAD_OFFICE_KINDS`);
- ``staff.password_hash`` is not selectable by branch roles (:data:`HIDDEN_COLUMNS`); the pull
  gets verifiers through :func:`staff_verifiers`;
- ``sync.log_change`` checks the table against the synchronised tables; no sync function is
  executable by PUBLIC; SECURITY DEFINER functions pin ``search_path``; nobody but the owner
  creates objects or temp tables; branch roles get a CONNECTION LIMIT and role timeouts
  (:data:`ROLE_SETTINGS`), and the pull ends stuck branch sessions (:func:`reaper_statement`).
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
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from workstation import errors
from workstation.domain import StockMovementKind, SyncDirection
from workstation.store import display_url, normalize_url
from workstation.sync.apply import APPOINTMENT_MERGED, INSERT_ONLY, synced_tables

BRANCH_GROUP = "ws_branch"
"""The NOLOGIN role every branch role belongs to; grants and policies name it."""
BRANCH_CONNECTION_LIMIT = 20
"""Default CONNECTION LIMIT of a branch role (a counter holds one or two connections at a time)."""
ROLE_SETTINGS: dict[str, str] = {
    "idle_in_transaction_session_timeout": "60s",
    "idle_session_timeout": "15min",
    "statement_timeout": "60s",
    "lock_timeout": "30s",
}
"""Role-level defaults of every branch role. They are user-settable GUCs: a branch session can
still ``SET`` them for itself (README, Security); the CONNECTION LIMIT it cannot lift."""
HIDDEN_COLUMNS: dict[str, frozenset[str]] = {"staff": frozenset({"password_hash"})}
"""Columns of PULL tables a branch role may not SELECT (verifiers come via sync.staff_verifiers)."""
HEAD_OFFICE_KINDS = (StockMovementKind.RECEIPT, StockMovementKind.ALLOCATION)
"""Gift stock movements only head office writes (goods into branch stock, allocations)."""
BRANCH_MOVEMENT_CHECK = (
    f"kind NOT IN ({', '.join(repr(k.value) for k in HEAD_OFFICE_KINDS)}) "
    "AND (kind <> 'issue' OR quantity < 0) AND (kind <> 'void' OR (quantity > 0 AND gift_issue_id IS NOT NULL)) "
    "AND (kind <> 'reserve' OR (workstation_id IS NULL) = (quantity < 0)) "
    "AND (kind <> 'reserve_release' OR (workstation_id IS NULL) = (quantity > 0))"
)
"""What a branch role may insert into ``gift_stock_movement``: no receipts or allocations; issues
take stock out, voids give an issue's units back; a reserve only moves units out of the branch
pool into a workstation, a release only back (each side of the double entry has its sign)."""
REAP_AFTER_S = int(os.environ.get("WORKSTATION_REAP_AFTER_S") or 120)
"""A branch transaction holding an xid or snapshot this long is ended by the next pull (see
:func:`reaper_statement`); read when ``central init`` runs."""
FORBIDDEN_SQLSTATE = "42501"
"""insufficient_privilege: sync.log_change fired by a table outside its allow-list."""
IMMUTABLE_SQLSTATE = "WS001"
"""Raised by sync.refuse_change: an UPDATE, DELETE or TRUNCATE of an insert-only fact."""
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
    ``cancel()`` travels the same dead path (docs/tech-notes.md §1.8), so a timer shuts the socket down
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


def scope_of(table: sa.Table) -> str:
    """How a change of ``table`` is scoped in the change log: ``branch``, ``campaign`` or ``global``."""
    if table.name == "gift":
        return "campaign"
    return "branch" if "branch_id" in table.c else "global"


def _sql_list(names: Iterable[str]) -> str:
    return ", ".join(f"'{n}'" for n in sorted(names))


def function_statements() -> list[str]:
    """The sync schema's functions, re-created on every ``central init`` (allow-lists from the models).

    Every SECURITY DEFINER function pins ``search_path = pg_catalog, pg_temp`` and names every
    object with its schema, and no function is executable by PUBLIC (see :func:`security_statements`).
    """
    tables = synced_tables()
    by_scope: dict[str, list[str]] = {"branch": [], "campaign": [], "global": []}
    for synced in tables.values():
        by_scope[scope_of(synced.table)].append(synced.name)
    return [
        # The change log writer: only the synchronised tables of schema public, only AFTER ROW
        # INSERT/UPDATE; the scope comes from the table, not from the trigger's argument. A trigger
        # on anything else (a temp table of a branch role…) fails instead of forging entries.
        f"""CREATE OR REPLACE FUNCTION sync.log_change() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            scope uuid;
        BEGIN
            IF TG_TABLE_SCHEMA <> 'public' OR TG_WHEN <> 'AFTER' OR TG_LEVEL <> 'ROW'
               OR TG_OP NOT IN ('INSERT', 'UPDATE')
               OR TG_TABLE_NAME NOT IN ({_sql_list(tables)}) THEN
                RAISE EXCEPTION 'sync.log_change: %.% is not a synchronised table', TG_TABLE_SCHEMA, TG_TABLE_NAME
                    USING ERRCODE = '{FORBIDDEN_SQLSTATE}';
            END IF;
            IF TG_TABLE_NAME IN ({_sql_list(by_scope["branch"])}) THEN
                scope := NEW.branch_id;
            ELSIF TG_TABLE_NAME IN ({_sql_list(by_scope["campaign"] or ["-"])}) THEN
                SELECT c.branch_id INTO scope FROM public.campaign AS c WHERE c.id = NEW.campaign_id;
            END IF;
            INSERT INTO sync.change_log (entity, entity_id, branch_id) VALUES (TG_TABLE_NAME, NEW.id, scope);
            RETURN NULL;
        END $$""",
        # Facts are never rewritten, by anyone: head office corrects with a compensating row.
        f"""CREATE OR REPLACE FUNCTION sync.refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
            RAISE EXCEPTION '%.% is insert-only: % refused (record a compensating row instead)',
                TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = '{IMMUTABLE_SQLSTATE}';
        END $$""",
        # The branch of a role, only for the session's own roles (no oracle of the role -> branch
        # mapping); superusers are members of every role.
        """CREATE OR REPLACE FUNCTION sync.branch_of(role_name name) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            SELECT b.branch_id FROM sync.branch_login AS b
            WHERE b.role_name = $1 AND pg_catalog.pg_has_role(session_user, $1, 'MEMBER')
        $$""",
        """CREATE OR REPLACE FUNCTION sync.current_branch() RETURNS uuid
        LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT sync.branch_of(current_user) $$""",
        # Why this is safe: see staff_verifiers().
        """CREATE OR REPLACE FUNCTION sync.staff_verifiers(ids uuid[])
        RETURNS TABLE (id uuid, password_hash text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            SELECT s.id, CASE WHEN s.active THEN s.password_hash::text ELSE '!inactive' END
            FROM public.staff AS s
            WHERE s.id = ANY ($1)
              AND (pg_catalog.has_column_privilege(session_user, 'public.staff', 'password_hash', 'SELECT')
                   OR s.branch_id IS NULL OR s.branch_id = sync.branch_of(session_user))
        $$""",
        reaper_statement(),
    ]


def reaper_statement(reap_after_s: int | None = None) -> str:
    """``sync.reap_stuck_sessions()``: end branch sessions that hold back every branch's pull.

    A branch session can ``SET idle_in_transaction_session_timeout = 0`` and sit in a transaction
    that holds an xid or a snapshot; the pull reads only entries older than the oldest running
    transaction (docs/tech-notes.md §1.3), so that one session would stop every branch's pull. Every pull
    calls this function first: it terminates the sessions of branch roles (never anyone else,
    never the caller) whose transaction holding an xid or snapshot started more than
    ``reap_after_s`` seconds ago. A legitimate branch transaction lasts seconds (the sync
    watchdog cuts at :data:`STALL_TIMEOUT_S`), so no threshold is taken from the caller.
    """
    after = REAP_AFTER_S if reap_after_s is None else int(reap_after_s)
    return f"""CREATE OR REPLACE FUNCTION sync.reap_stuck_sessions() RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            ended integer := 0;
            s record;
        BEGIN
            FOR s IN
                SELECT a.pid FROM pg_catalog.pg_stat_activity AS a
                JOIN pg_catalog.pg_auth_members AS m ON m.member = a.usesysid
                JOIN pg_catalog.pg_roles AS g ON g.oid = m.roleid AND g.rolname = '{BRANCH_GROUP}'
                WHERE a.pid <> pg_catalog.pg_backend_pid()
                  AND (a.backend_xid IS NOT NULL OR a.backend_xmin IS NOT NULL)
                  AND a.xact_start < pg_catalog.now() - make_interval(secs => {after})
            LOOP
                BEGIN
                    IF pg_catalog.pg_terminate_backend(s.pid, 1000) THEN
                        ended := ended + 1;
                    END IF;
                EXCEPTION WHEN insufficient_privilege THEN
                    NULL;  -- the central owner lacks pg_signal_backend: only the timeouts remain
                END;
            END LOOP;
            RETURN ended;
        END $$"""


def trigger_statements() -> list[str]:
    """The change-log trigger on every synchronised table and the refusal on insert-only facts."""
    out = []
    for synced in synced_tables().values():
        name = f"public.{synced.name}"
        out.append(
            f"CREATE OR REPLACE TRIGGER sync_log_change AFTER INSERT OR UPDATE ON {name} "
            f"FOR EACH ROW EXECUTE FUNCTION sync.log_change('{scope_of(synced.table)}')"
        )
        if synced.name in INSERT_ONLY:
            out += [
                f"CREATE OR REPLACE TRIGGER sync_insert_only BEFORE UPDATE OR DELETE ON {name} "
                "FOR EACH ROW EXECUTE FUNCTION sync.refuse_change()",
                f"CREATE OR REPLACE TRIGGER sync_insert_only_truncate BEFORE TRUNCATE ON {name} "
                "FOR EACH STATEMENT EXECUTE FUNCTION sync.refuse_change()",
            ]
    return out


def _grant_select(table: sa.Table) -> str:
    """SELECT on a PULL table: every column but the hidden ones (``staff.password_hash``)."""
    hidden = HIDDEN_COLUMNS.get(table.name)
    if not hidden:
        return f"GRANT SELECT ON public.{table.name} TO {BRANCH_GROUP}"
    columns = ", ".join(c.name for c in table.columns if c.name not in hidden)
    return f"GRANT SELECT ({columns}) ON public.{table.name} TO {BRANCH_GROUP}"


def security_statements() -> list[str]:
    """The idempotent DDL that grants each side what it owns (see the module docstring)."""
    me = "(SELECT sync.current_branch())"
    own = f"branch_id = {me}"
    out = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{BRANCH_GROUP}') "
        f"THEN CREATE ROLE {BRANCH_GROUP} NOLOGIN; END IF; END $$",
        # Nobody but the owner creates anything: no objects in public or sync, no temp tables.
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "REVOKE ALL ON SCHEMA sync FROM PUBLIC",
        "DO $$ BEGIN EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); "
        f"EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM {BRANCH_GROUP}', current_database()); END $$",
        f"REVOKE CREATE ON SCHEMA public, sync FROM {BRANCH_GROUP}",
        f"GRANT USAGE ON SCHEMA public, sync TO {BRANCH_GROUP}",
        *function_statements(),
        "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sync FROM PUBLIC",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sync FROM {BRANCH_GROUP}",
        f"GRANT EXECUTE ON FUNCTION sync.current_branch(), sync.branch_of(name), sync.staff_verifiers(uuid[]), "
        f"sync.reap_stuck_sessions() TO {BRANCH_GROUP}",
        *trigger_statements(),
    ]
    for synced in synced_tables().values():
        name = f"public.{synced.name}"
        out += [
            f"REVOKE ALL ON {name} FROM {BRANCH_GROUP}",
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS branch_rows ON {name}",
            f"DROP POLICY IF EXISTS branch_movement_kinds ON {name}",
        ]
        if synced.direction is SyncDirection.PULL:
            out += [
                _grant_select(synced.table),
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
        out.append(f"CREATE POLICY branch_rows ON {name} FOR ALL TO {BRANCH_GROUP} USING ({own}) WITH CHECK ({own})")
        if synced.name == "gift_stock_movement":
            out.append(
                f"CREATE POLICY branch_movement_kinds ON {name} AS RESTRICTIVE FOR INSERT TO {BRANCH_GROUP} "
                f"WITH CHECK ({BRANCH_MOVEMENT_CHECK})"
            )
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
    out += [
        f"REVOKE ALL ON sync.branch_login FROM {BRANCH_GROUP}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA sync FROM {BRANCH_GROUP}",
        # Existing branch roles get the current limits (a connection limit set by hand is kept).
        f"""DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT a.rolname, a.rolconnlimit FROM pg_catalog.pg_roles AS a
                     JOIN pg_catalog.pg_auth_members AS m ON m.member = a.oid
                     JOIN pg_catalog.pg_roles AS g ON g.oid = m.roleid AND g.rolname = '{BRANCH_GROUP}'
            LOOP
                {_harden_plpgsql()}
            END LOOP; END $$""",
    ]
    return out


def _harden_plpgsql() -> str:
    """PL/pgSQL giving the branch role in ``r`` its limits (the loop body in security_statements)."""
    lines = [
        "IF r.rolconnlimit < 0 THEN "
        f"EXECUTE format('ALTER ROLE %I CONNECTION LIMIT {branch_connection_limit()}', r.rolname); END IF;",
        "EXECUTE format('ALTER ROLE %I NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r.rolname);",
    ]
    for key, value in ROLE_SETTINGS.items():
        lines.append(f"EXECUTE format('ALTER ROLE %I SET {key} = ''{value}''', r.rolname);")
    return "\n                ".join(lines)


def branch_connection_limit() -> int:
    """Connections one branch role may hold at once (``WORKSTATION_BRANCH_CONNECTIONS``, default 20)."""
    try:
        return max(1, int(os.environ.get("WORKSTATION_BRANCH_CONNECTIONS") or BRANCH_CONNECTION_LIMIT))
    except ValueError:
        return BRANCH_CONNECTION_LIMIT


def secure(conn: sa.Connection) -> None:
    """Apply :func:`security_statements` in the caller's transaction."""
    for statement in security_statements():
        conn.exec_driver_sql(statement.replace("%", "%%"))  # psycopg reads % as placeholders


def staff_verifiers(conn: sa.Connection, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The password verifiers of staff ``ids`` a counter needs for offline login, via
    ``sync.staff_verifiers`` (a branch role cannot SELECT ``staff.password_hash``).

    Why this narrow path is safe: the SECURITY DEFINER function runs with a pinned search path and
    only EXECUTE for :data:`BRANCH_GROUP`; it returns, for the given ids only, the verifiers of
    the caller's own branch and of firm-wide staff (``branch_id`` NULL, who may log in at any
    branch), exactly those the workstation already stores locally to check an offline login, and
    never another branch's; inactive staff get a placeholder that matches no password. They are
    argon2id hashes (slow by design). A session that may read the column itself (the central
    owner) gets every requested row. What it cannot prevent: whoever holds the branch credential
    can fetch its own branch's verifiers, as the counter must (README, Security).
    """
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = conn.execute(sa.text("SELECT id, password_hash FROM sync.staff_verifiers(:ids)"), {"ids": wanted})
    return {row.id: row.password_hash for row in rows}


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


def add_branch(
    conn: sa.Connection, branch_code: str, password: str | None = None, *, connection_limit: int | None = None
) -> tuple[str, str]:
    """Create (or re-key) the login role of branch ``branch_code``; return ``(role, password)``.

    The role gets a CONNECTION LIMIT (``connection_limit``, else :func:`branch_connection_limit`)
    and the server-side defaults of :data:`ROLE_SETTINGS`.

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
    limit = branch_connection_limit() if connection_limit is None else max(1, int(connection_limit))
    conn.exec_driver_sql(
        f'{verb} ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS '
        f"CONNECTION LIMIT {limit} PASSWORD '{verifier}'"
    )
    conn.exec_driver_sql(f'GRANT {BRANCH_GROUP} TO "{role}"')
    for key, value in ROLE_SETTINGS.items():
        conn.exec_driver_sql(f"ALTER ROLE \"{role}\" SET {key} = '{value}'")
    conn.execute(
        sa.text(
            "INSERT INTO sync.branch_login (role_name, branch_id) VALUES (:r, :b) "
            "ON CONFLICT (role_name) DO UPDATE SET branch_id = excluded.branch_id"
        ),
        {"r": role, "b": branch_id},
    )
    return role, password
