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
from workstation.sync.apply import APPOINTMENT_MERGED, synced_tables

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
                f"GRANT SELECT ON {name} TO {BRANCH_GROUP}",
                f"CREATE POLICY branch_rows ON {name} FOR SELECT TO {BRANCH_GROUP} USING ({_visible(synced.table)})",
            ]
            continue
        if synced.direction is SyncDirection.BOTH:
            columns = ", ".join((*APPOINTMENT_MERGED, "version", "updated_at"))
            out += [
                f"GRANT SELECT, INSERT ON {name} TO {BRANCH_GROUP}",
                f"GRANT UPDATE ({columns}) ON {name} TO {BRANCH_GROUP}",
            ]
        else:
            out.append(f"GRANT SELECT, INSERT, UPDATE ON {name} TO {BRANCH_GROUP}")
        out.append(f"CREATE POLICY branch_rows ON {name} FOR ALL TO {BRANCH_GROUP} USING ({own}) WITH CHECK ({own})")
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
    return out


def secure(conn: sa.Connection) -> None:
    """Apply :func:`security_statements` in the caller's transaction."""
    for statement in security_statements():
        conn.exec_driver_sql(statement)


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
    conn.exec_driver_sql(f"{verb} ROLE \"{role}\" LOGIN PASSWORD '{verifier}'")
    conn.exec_driver_sql(f'GRANT {BRANCH_GROUP} TO "{role}"')
    conn.exec_driver_sql(f"ALTER ROLE \"{role}\" SET idle_in_transaction_session_timeout = '60s'")
    conn.execute(
        sa.text(
            "INSERT INTO sync.branch_login (role_name, branch_id) VALUES (:r, :b) "
            "ON CONFLICT (role_name) DO UPDATE SET branch_id = excluded.branch_id"
        ),
        {"r": role, "b": branch_id},
    )
    return role, password
