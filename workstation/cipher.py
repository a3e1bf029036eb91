"""The local database is encrypted (SQLCipher 4): its key lives in the OS keyring, never in a file.

- One random 256-bit raw key per database file, created on first use and kept in the OS keyring
  (Windows Credential Manager, Secret Service) under :data:`SERVICE`, user name
  ``db-<sha256 of the file's absolute path>``. It is applied as ``PRAGMA key = "x'<64 hex>'"``:
  a raw key skips the passphrase KDF, so a connection opens in well under a millisecond
  (docs/tech-notes.md §9).
- No keyring, or one that does not keep what it is given (``null`` backend): the database is
  refused with :class:`~workstation.errors.DatabaseKeyringUnavailable`. There is no plain fallback.
- Backups are encrypted with the database's own key (restoring one is copying it back).
- A plain database (made by an older version) is encrypted in place by :func:`encrypt_plain`:
  its WAL folded in, an encrypted copy written with ``ATTACH … KEY`` + ``sqlcipher_export``,
  verified (opened with the key, integrity check, same row count in every table), swapped in,
  and only then the plain file overwritten and removed. Until the swap the plain file is the
  backup; an interrupted run is finished or undone at the next open (:func:`recover_interrupted`).

``sqlcipher3`` (the pysqlite fork with SQLCipher bundled in its wheels for Linux and Windows) is the
DB-API driver of every local SQLite file; a file opened without a key behaves like plain SQLite.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2

from workstation import errors
from workstation.files import create_private, secure_remove

dbapi: Any = sqlcipher3.dbapi2
"""The DB-API module of every local SQLite file (SQLAlchemy's ``module=``)."""

log = logging.getLogger(__name__)

SERVICE = "counter-workstation-db"
SQLITE_HEADER = b"SQLite format 3\x00"
KEY_HEX_LENGTH = 64
ENCRYPTING_SUFFIX = ".encrypting"
PLAIN_OLD_SUFFIX = ".plain-old"
BACKUP_MARK = ".backup-"
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, dbapi.Error)
"""What a raw driver connection raises (stdlib sqlite3 in old code, sqlcipher3 for our files)."""

_KEY_RE = re.compile(r"[0-9a-f]{64}")


# --- the key in the keyring -----------------------------------------------------------------------


def key_owner(path: Path) -> Path:
    """The database whose key opens ``path``: a backup ``<db>.backup-…`` shares its database's key
    (restoring it is copying it back)."""
    name, sep, _rest = path.name.partition(BACKUP_MARK)
    return path.with_name(name) if sep and name else path


def account_of(path: Path) -> str:
    """The keyring user name for a database file: a hash of its absolute path (a backup: of its
    database's path)."""
    text = os.path.normcase(str(key_owner(Path(path).expanduser().resolve())))
    return "db-" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _keyring() -> Any:
    import keyring  # ≈ 90 ms with backend detection: only when a database is opened

    return keyring


def load_key(path: Path) -> str | None:
    """The key of ``path`` from the keyring, or None when the keyring has none.

    Raises:
        DatabaseKeyringUnavailable: no usable keyring.
    """
    keyring = _keyring()
    from keyring.errors import KeyringError

    try:
        found = keyring.get_password(SERVICE, account_of(path))
    except (KeyringError, RuntimeError) as exc:
        raise errors.DatabaseKeyringUnavailable(detail=type(exc).__name__) from exc
    if found is None:
        return None
    if not isinstance(found, str) or not _KEY_RE.fullmatch(found):
        raise errors.DatabaseKeyMissing(path=str(path))
    return found


def store_key(path: Path, key: str) -> None:
    """Keep ``key`` for ``path`` in the keyring and read it back.

    Raises:
        DatabaseKeyringUnavailable: no usable keyring, or it did not keep the key.
    """
    if not _KEY_RE.fullmatch(key):
        raise ValueError("a database key is 64 lowercase hex digits")
    keyring = _keyring()
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, account_of(path), key)
    except (KeyringError, RuntimeError) as exc:
        raise errors.DatabaseKeyringUnavailable(detail=type(exc).__name__) from exc
    if load_key(path) != key:
        raise errors.DatabaseKeyringUnavailable(detail=f"{type(keyring.get_keyring()).__name__}: 未保存密钥")


def key_for(path: Path, *, create: bool) -> str:
    """The key of ``path``; a new random one is made and kept when ``create`` and none exists.

    Raises:
        DatabaseKeyringUnavailable: no usable keyring.
        DatabaseKeyMissing: the keyring has no key for this (existing, encrypted) file.
    """
    key = load_key(path)
    if key is not None:
        return key
    if not create:
        raise errors.DatabaseKeyMissing(path=str(path))
    key = secrets.token_hex(KEY_HEX_LENGTH // 2)
    store_key(path, key)
    _warn_if_plaintext_keyring()
    return key


def _warn_if_plaintext_keyring() -> None:
    backend = type(_keyring().get_keyring())
    if "Plaintext" in backend.__name__:
        log.warning("the database key is kept by %s, which stores it unencrypted (test machines only)", backend)


# --- connections ----------------------------------------------------------------------------------


def key_pragma(key: str) -> str:
    return f"PRAGMA key = \"x'{key}'\""


def connect(path: Path | str, key: str | None, **kwargs: Any) -> Any:
    """A raw ``sqlcipher3`` connection to ``path``, keyed first (``key`` None: a plain file)."""
    con = dbapi.connect(str(path), **kwargs)
    if key is not None:
        try:
            con.execute(key_pragma(key))
        except BaseException:
            con.close()
            raise
    return con


def header_of(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return b""


def is_plain(path: Path) -> bool:
    """A plain (unencrypted) SQLite file: its first 16 bytes are the SQLite header."""
    return header_of(path) == SQLITE_HEADER


def is_new(path: Path) -> bool:
    """Missing or empty: the database is about to be created."""
    return not path.exists() or path.stat().st_size == 0


def key_if_encrypted(path: Path) -> str | None:
    """The key to open ``path``, None for a plain file."""
    return None if is_plain(path) else key_for(path, create=False)


def copy_database(source: Path, target: Path, key: str | None) -> None:
    """Copy a live database with the online backup API into a new file encrypted with the same
    key, in rollback-journal mode (one self-contained file). ``target`` is created ``0600``."""
    create_private(target)
    src = connect(source, key)
    try:
        dest = connect(target, key)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        src.close()


# --- a plain database encrypted in place ------------------------------------------------------------


def _siblings(path: Path, suffix: str) -> list[Path]:
    base = path.with_name(path.name + suffix)
    return [base, *(base.with_name(base.name + s) for s in ("-journal", "-wal", "-shm"))]


def recover_interrupted(path: Path) -> None:
    """Finish or undo an encryption that was interrupted (power loss, kill)."""
    old = path.with_name(path.name + PLAIN_OLD_SUFFIX)
    if old.exists():
        if not path.exists():
            os.replace(old, path)  # stopped between the two renames: start again from the plain file
            log.warning("restored %s after an interrupted encryption", path)
        else:
            secure_remove(old)  # the encrypted file is in place: the plain copy must go
    for leftover in _siblings(path, ENCRYPTING_SUFFIX):
        if leftover.exists():
            secure_remove(leftover)


def table_counts(con: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in sorted(names)}


def encrypt_plain(path: Path, key: str) -> None:
    """Encrypt the plain database ``path`` in place with ``key`` (see the module docstring).

    Raises:
        DatabaseEncryptionFailed: nothing was swapped; the plain file is as it was.
    """
    tmp = path.with_name(path.name + ENCRYPTING_SUFFIX)
    old = path.with_name(path.name + PLAIN_OLD_SUFFIX)
    for leftover in _siblings(path, ENCRYPTING_SUFFIX):
        secure_remove(leftover)
    try:
        plain = connect(path, None, isolation_level=None)
        try:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            expected = table_counts(plain)
            user_version = plain.execute("PRAGMA user_version").fetchone()[0]
            create_private(tmp)
            plain.execute("ATTACH DATABASE ? AS enc KEY ?", (str(tmp), f"x'{key}'"))
            plain.execute("SELECT sqlcipher_export('enc')")
            plain.execute(f"PRAGMA enc.user_version = {int(user_version)}")
            plain.execute("DETACH DATABASE enc")
        finally:
            plain.close()
        check = connect(tmp, key)
        try:
            integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
            found = table_counts(check)
        finally:
            check.close()
        if integrity != "ok" or found != expected:
            raise RuntimeError(f"verification failed: {integrity}, {len(found)}/{len(expected)} tables")
    except (sqlite3.Error, dbapi.Error, OSError, RuntimeError) as exc:
        for leftover in _siblings(path, ENCRYPTING_SUFFIX):
            secure_remove(leftover)
        raise errors.DatabaseEncryptionFailed(path=str(path), detail=str(exc).splitlines()[0]) from exc
    try:
        for stale in (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")):
            secure_remove(stale)
        os.replace(path, old)
        os.replace(tmp, path)
    except OSError as exc:  # e.g. Windows: another program holds the file; undone at the next open
        raise errors.DatabaseEncryptionFailed(path=str(path), detail=str(exc)) from exc
    secure_remove(old)
    log.info("database %s encrypted in place (%d tables)", path, len(expected))
