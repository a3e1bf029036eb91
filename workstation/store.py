"""Opening the database: local SQLite (the default) or PostgreSQL, checked, migrated, ready.

:func:`open_store` turns every way a database can be unusable (locked, read-only, corrupt, from
a newer program, unreachable) into a :class:`~workstation.errors.StoreError` with a clear message,
and never changes a file it cannot use. Writes go through :meth:`Store.write`, which on SQLite
starts with ``BEGIN IMMEDIATE`` so a write never fails half-way on a lock.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from workstation import cipher, errors
from workstation.files import create_private, private_dir, private_file
from workstation.outbox import install_outbox

log = logging.getLogger(__name__)
install_outbox()  # every Session queues its pushed changes (idempotent)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
PROBE_BUSY_TIMEOUT_MS = 1500
"""How long opening waits for another program's write lock before reporting DatabaseLocked."""
CONNECT_TIMEOUT_S = 5
BACKENDS = ("sqlite", "postgresql")


def normalize_url(target: str | Path) -> URL:
    """A SQLAlchemy URL from ``--db``: a URL, or a plain file path meaning a SQLite file.

    Raises:
        DatabaseUnreachable: empty or malformed, or not a SQLite or PostgreSQL database.
    """
    text = str(target).strip()
    if not text:
        raise errors.DatabaseUnreachable(target="", detail="未指定数据库地址")
    try:
        if "://" not in text:
            if "\x00" in text:
                raise ValueError("NUL in path")
            return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise errors.DatabaseUnreachable(target=text, detail="地址格式不正确") from exc
    if url.get_backend_name() not in BACKENDS:
        raise errors.DatabaseUnreachable(target=text, detail=f"不支持的数据库类型“{url.get_backend_name()}”")
    if url.database and "\x00" in url.database:
        raise errors.DatabaseUnreachable(target=text, detail="地址格式不正确")
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername == "sqlite":
        url = url.set(drivername="sqlite+pysqlite")
    return url


def display_url(url: URL) -> str:
    """The URL with its password hidden, for messages and logs; a SQLite file as its path."""
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


@dataclass
class Store:
    """An open, migrated database and the sessions to use it."""

    engine: Engine
    url: URL
    backups: list[Path] = field(default_factory=list)
    """Backups taken by this open (before a migration)."""
    key: str | None = field(default=None, repr=False)
    """The SQLCipher key of a local file (None: PostgreSQL, or a plain file opened as it is)."""

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end."""
        with translate_db_errors(self), self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or not at all.

        Raises:
            ConflictError: a row changed since it was read (optimistic lock: ``version``).
            StoreError: the database failed (locked, read-only, corrupt, unreachable).
        """
        with translate_db_errors(self), self._write_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_db_errors(store: Store) -> Iterator[None]:
    """Turn low-level database failures into StoreErrors a clerk can act on."""
    try:
        yield
    except StaleDataError as exc:
        raise errors.ConflictError() from exc
    except OperationalError as exc:
        raise classify_operational_error(exc, display_url(store.url)) from exc
    except DatabaseError as exc:
        # Only the plain DatabaseError (SQLite: "malformed", "not a database"); integrity and
        # programming errors are the caller's business.
        if type(exc) is not DatabaseError:
            raise
        raise classify_operational_error(exc, display_url(store.url)) from exc


def classify_operational_error(exc: DBAPIError | Exception, target: str) -> errors.StoreError:
    """The StoreError for a driver error (wrapped by SQLAlchemy or raw sqlite3)."""
    text = str(exc.orig if isinstance(exc, DBAPIError) else exc).lower()
    if "locked" in text or "busy" in text:
        return errors.DatabaseLocked(path=target)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return errors.DatabaseReadOnly(path=target)
    if ("full" in text and ("disk" in text or "database" in text)) or "no space" in text:
        return errors.DiskFull(path=target)
    if "malformed" in text or "not a database" in text or "disk image" in text:
        return errors.DatabaseCorrupt(path=target)
    return errors.DatabaseUnreachable(
        target=target, detail=first_line(str(exc.orig if isinstance(exc, DBAPIError) else exc))
    )


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


# --- engines ------------------------------------------------------------------------------------


def create_engine(url: URL, *, key: str | None = None) -> Engine:
    """An engine configured for the workstation: SQLite pragmas and explicit BEGIN, or psycopg 3.

    SQLite goes through the ``sqlcipher3`` driver; with ``key`` every new connection applies it
    first (``PRAGMA key``), before any listener or the dialect touches the file.

    Raises:
        DatabaseUnreachable: the URL names a driver that is not installed.
    """
    try:
        if url.get_backend_name() == "sqlite":
            options: dict[str, Any] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
            if key is not None and url.database not in (None, "", ":memory:"):
                database = str(url.database)
                engine = sa.create_engine(
                    url, module=cipher.dbapi, creator=lambda: cipher.connect(database, key, **options)
                )
            else:
                engine = sa.create_engine(url, module=cipher.dbapi, connect_args=options)
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        return sa.create_engine(
            url,
            pool_pre_ping=True,
            connect_args={
                "connect_timeout": CONNECT_TIMEOUT_S,
                "application_name": "counter-workstation",
            },
        )
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise errors.DatabaseUnreachable(target=display_url(url), detail="不支持的数据库驱动") from exc


def _sqlite_on_connect(dbapi_con: sqlite3.Connection, _record: Any) -> None:
    # Take BEGIN away from pysqlite (Python 3.11 legacy mode) so _sqlite_on_begin decides it.
    # Only per-connection pragmas here: nothing that writes to the file (WAL is switched on by
    # open_store once the file is known to be ours, see enable_wal).
    dbapi_con.isolation_level = None
    for pragma in ("foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}", "synchronous=NORMAL"):
        dbapi_con.execute(f"PRAGMA {pragma}")


def _sqlite_on_begin(conn: sa.Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


# --- opening ------------------------------------------------------------------------------------


def open_store(target: str | Path, *, upgrade: bool = True, keep_backups: int = 5, encrypted: bool = True) -> Store:
    """Open the database at ``target``, check it, and migrate it to the current schema.

    A SQLite file is created if missing (with its folder), encrypted (:mod:`workstation.cipher`,
    key in the OS keyring) and readable by the user only. A plain file from an older version is
    encrypted in place first (unless ``upgrade`` is False: then it is only read as it is). Before a
    migration changes an existing SQLite file, an (encrypted) backup copy is taken beside it (the
    newest ``keep_backups`` are kept).

    ``encrypted=False`` opens a SQLite file without encryption: for tests and the encryption
    benchmark's baseline only; the app and ``workstation-cli`` never pass it.

    Raises:
        DatabaseLocked, DatabaseReadOnly, DatabaseCorrupt, SchemaTooNew, DatabaseUnreachable,
        MigrationFailed, DatabaseKeyringUnavailable, DatabaseKeyMissing, DatabaseEncryptionFailed:
        the database cannot be used; nothing was changed.
    """
    from workstation import migrate  # Alembic is only needed here

    url = normalize_url(target)
    key: str | None = None
    encrypt = False
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database)
        check_sqlite_file(path)
        if encrypted and cipher.is_plain(path):
            encrypt = upgrade  # an old plain database: encrypted in place once known to be ours
        elif encrypted:
            key = cipher.key_for(path, create=cipher.is_new(path))
            create_private(path)
    engine = create_engine(url, key=key)
    store = Store(engine=engine, url=url, key=key)
    try:
        probe(store)
        plan = migrate.inspect_schema(engine)
        if encrypt:  # a workstation database (inspect_schema refuses others): encrypt it in place
            engine.dispose()
            assert store.path is not None
            key = cipher.key_for(store.path, create=True)
            cipher.encrypt_plain(store.path, key)
            engine = create_engine(url, key=key)
            store = Store(engine=engine, url=url, key=key)
            probe(store)
        if store.path is not None:
            private_file(store.path)
        if store.is_sqlite:
            enable_wal(store)  # only now: WAL rewrites the header of a file we might refuse
        if plan.needs_upgrade and upgrade:
            if store.path is not None and plan.current is not None:
                store.backups.append(backup_sqlite(store.path, plan.current, keep=keep_backups, key=store.key))
            migrate.upgrade(engine, backup=store.backups[-1] if store.backups else None)
    except DBAPIError as exc:
        engine.dispose()
        raise classify_operational_error(exc, display_url(url)) from exc
    except BaseException:
        engine.dispose()
        raise
    return store


def enable_wal(store: Store) -> None:
    """Put a SQLite file in WAL mode (persistent in the file; a no-op when it already is)."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        try:
            if raw.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
                raw.execute("PRAGMA journal_mode=WAL")
        except cipher.DRIVER_ERRORS as exc:
            raise classify_operational_error(exc, display_url(store.url)) from exc


def check_sqlite_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not a writable database file.

    An existing file that is not plain SQLite is taken for an encrypted one: without its key in
    the keyring it is refused as DatabaseKeyMissing (a kind of DatabaseCorrupt) by the caller.
    An encryption interrupted last time is finished or undone first (cipher.recover_interrupted).
    """
    shown = str(path)
    if path.is_dir():
        raise errors.DatabaseCorrupt(path=shown)
    if path.parent.is_dir() and os.access(path.parent, os.W_OK):
        cipher.recover_interrupted(path)
    if path.exists():
        if not os.access(path, os.R_OK):
            raise errors.DatabaseReadOnly(path=shown)
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise errors.DatabaseReadOnly(path=shown)
        return
    try:
        private_dir(path.parent)
    except OSError as exc:
        raise errors.DatabaseReadOnly(path=shown) from exc
    if not os.access(path.parent, os.W_OK):
        raise errors.DatabaseReadOnly(path=shown)


def probe(store: Store) -> None:
    """Connect once and, on SQLite, take the write lock briefly: fail now, not mid-transaction."""
    target = display_url(store.url)
    try:
        if store.is_sqlite:
            with store.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None
                raw.execute(f"PRAGMA busy_timeout={min(PROBE_BUSY_TIMEOUT_MS, BUSY_TIMEOUT_MS)}")
                try:
                    with conn.execution_options(sqlite_begin="IMMEDIATE").begin():
                        conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
                finally:
                    raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        else:
            with store.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1").scalar()
    except DBAPIError as exc:
        raise classify_operational_error(exc, target) from exc


def backup_sqlite(path: Path, revision: str, *, keep: int, key: str | None = None) -> Path:
    """Copy a live SQLite database with the online backup API; keep the newest ``keep`` copies.

    The copy is one self-contained file (rollback journal, not WAL), so it can be copied, mailed
    or opened read-only without ``-wal``/``-shm`` files appearing beside it. It is encrypted with
    the database's key (``key``, else the one in the keyring) and readable by the user only.
    """
    from workstation.clock import utcnow

    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    safe_revision = re.sub(r"[^0-9A-Za-z_]", "", revision)
    prefix = f"{path.name}.backup-"
    target = path.with_name(f"{prefix}{stamp}-{safe_revision}")
    try:
        cipher.copy_database(path, target, key if key is not None else cipher.key_if_encrypted(path))
    except BaseException as exc:
        # A failed copy (a full disk) leaves no file behind: a 0-byte "backup" would push the real
        # ones out of the keep-N rotation on every retry.
        for leftover in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            raise errors.DiskFull(path=str(target)) from exc
        if isinstance(exc, Exception) and isinstance(exc, (DBAPIError, *cipher.DRIVER_ERRORS)):
            raise classify_operational_error(exc, str(target)) from exc
        raise
    pattern = re.compile(re.escape(prefix) + r"\d{8}T\d{12}-[0-9A-Za-z_]*")
    old = sorted(p for p in path.parent.iterdir() if pattern.fullmatch(p.name))
    for stale in old[:-keep] if keep > 0 else []:
        for leftover in (stale, *(stale.with_name(stale.name + s) for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
    log.info("database backed up to %s before migration", target)
    return target
