"""Test helpers for the encrypted local database files (workstation.cipher).

Every local SQLite file is encrypted and its key is in the keyring (in tests: :class:`FileKeyring`,
set up in tests/conftest.py and shared with the subprocesses the tests start). Tests that
look into a file by path open it with :func:`connect`; a copied file needs its key copied too
(:func:`copy_db`), since keys are kept per path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError, PasswordDeleteError

from workstation import cipher


def connect(path: Path | str, **kwargs: Any) -> Any:
    """A raw DB-API connection (sqlcipher3, sqlite3-compatible) to an encrypted or plain file.

    ``path`` may be a ``file:…?mode=ro`` URI (with ``uri=True``). A missing file is created plain
    (a test making a foreign or old-style database)."""
    text = str(path)
    file = Path(text.removeprefix("file:").split("?", 1)[0])
    return cipher.connect(text, None if cipher.is_new(file) else cipher.key_if_encrypted(file), **kwargs)


def copy_db(source: Path, target: Path) -> Path:
    """Copy a database file and give the copy the same key in the keyring."""
    shutil.copyfile(source, target)
    key = cipher.key_if_encrypted(source)
    if key is not None:
        cipher.store_key(target, key)
    return target


def file_bytes(path: Path) -> bytes:
    """The raw bytes of a file and of its -wal/-shm/-journal companions."""
    data = path.read_bytes() if path.exists() else b""
    for suffix in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            data += extra.read_bytes()
    return data


class FileKeyring(KeyringBackend):
    """The tests' keyring: one small file per secret in ``directory`` (``KEYRING_PROPERTY_DIRECTORY``),
    so thousands of test databases cost O(1) each and subprocesses share it. Plaintext: tests only."""

    priority = 0.1  # type: ignore[assignment]
    directory = ""

    def _path(self, service: str, username: str) -> Path:
        if not self.directory:
            raise NoKeyringError("KEYRING_PROPERTY_DIRECTORY is not set")
        return Path(self.directory) / hashlib.sha256(f"{service}\0{username}".encode()).hexdigest()

    def get_password(self, service: str, username: str) -> str | None:
        try:
            return self._path(service, username).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def set_password(self, service: str, username: str, password: str) -> None:
        path = self._path(service, username)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(password, encoding="utf-8")
        os.replace(tmp, path)

    def delete_password(self, service: str, username: str) -> None:
        try:
            self._path(service, username).unlink()
        except FileNotFoundError as exc:
            raise PasswordDeleteError(username) from exc


class DbKeysOnlyKeyring(KeyringBackend):
    """Wraps a backend: database keys pass through, every other secret (the central password)
    behaves as if there were no keyring at all."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, inner: KeyringBackend) -> None:
        super().__init__()
        self.inner = inner

    def get_password(self, service: str, username: str) -> str | None:
        if service == cipher.SERVICE:
            return self.inner.get_password(service, username)
        raise NoKeyringError("no keyring (test)")

    def set_password(self, service: str, username: str, password: str) -> None:
        if service == cipher.SERVICE:
            self.inner.set_password(service, username, password)
            return
        raise NoKeyringError("no keyring (test)")

    def delete_password(self, service: str, username: str) -> None:
        if service == cipher.SERVICE:
            self.inner.delete_password(service, username)
            return
        raise NoKeyringError("no keyring (test)")


class DbKeysOnlyFileKeyring(DbKeysOnlyKeyring):
    """:class:`DbKeysOnlyKeyring` over the tests' :class:`FileKeyring`, constructible by name
    (``PYTHON_KEYRING_BACKEND=tests.dbfiles.DbKeysOnlyFileKeyring``) in a subprocess."""

    def __init__(self) -> None:
        super().__init__(FileKeyring())
