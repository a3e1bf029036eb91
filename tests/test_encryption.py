"""The local database is encrypted (SQLCipher), its key in the keyring; files are private (0600)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
import sqlalchemy as sa
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from tests import dbfiles, records
from workstation import cipher, errors, files
from workstation import store as store_module
from workstation.models import Client
from workstation.store import backup_sqlite, open_store

MOBILE = "13912345678"
ID_NUMBER = "11010519491231002X"


class DictKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[DictKeyring]:
    previous = keyring.get_keyring()
    backend = DictKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def add_client(path: Path, *, encrypted: bool = True) -> None:
    opened = open_store(path, encrypted=encrypted)
    try:
        with opened.write() as session:
            branch = records.branch(session)
            records.client(session, branch, mobile=MOBILE, id_number=ID_NUMBER)
    finally:
        opened.dispose()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_is_encrypted_with_a_random_key_kept_in_the_keyring(
    tmp_path: Path, memory_keyring: DictKeyring
) -> None:
    path = tmp_path / "ws.db"
    add_client(path)
    [(service, user)] = memory_keyring.entries
    assert service == cipher.SERVICE and user == cipher.account_of(path)
    key = memory_keyring.entries[(service, user)]
    assert len(key) == 64 and int(key, 16) >= 0
    data = dbfiles.file_bytes(path)
    assert not data.startswith(cipher.SQLITE_HEADER)
    assert MOBILE.encode() not in data and ID_NUMBER.encode() not in data
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    con = cipher.connect(path, key)
    try:
        assert con.execute("SELECT mobile FROM client").fetchall() == [(MOBILE,)]
        assert con.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    finally:
        con.close()
    other = tmp_path / "other.db"
    add_client(other)
    assert memory_keyring.entries[(cipher.SERVICE, cipher.account_of(other))] != key  # one key per file


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["no keyring", "keyring keeps nothing"])
def test_without_a_keyring_the_database_is_refused_never_created_plain(
    tmp_path: Path, backend: type[KeyringBackend]
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        with pytest.raises(errors.DatabaseKeyringUnavailable) as caught:
            open_store(tmp_path / "ws.db")
    finally:
        keyring.set_keyring(previous)
    assert "密钥环" in caught.value.message() and "加密" in caught.value.message()
    assert not (tmp_path / "ws.db").exists()


def test_an_encrypted_file_without_its_key_is_refused_untouched(tmp_path: Path, memory_keyring: DictKeyring) -> None:
    path = tmp_path / "ws.db"
    add_client(path)
    before = path.read_bytes()
    memory_keyring.entries.clear()  # e.g. the file was copied from another PC
    with pytest.raises(errors.DatabaseKeyMissing) as caught:
        open_store(path)
    assert isinstance(caught.value, errors.DatabaseCorrupt)
    assert "密钥" in caught.value.message() and str(path) in caught.value.message()
    assert path.read_bytes() == before and memory_keyring.entries == {}


def test_a_wrong_key_is_refused_as_corrupt(tmp_path: Path, memory_keyring: DictKeyring) -> None:
    path = tmp_path / "ws.db"
    add_client(path)
    memory_keyring.entries[(cipher.SERVICE, cipher.account_of(path))] = "ab" * 32
    with pytest.raises(errors.DatabaseCorrupt):
        open_store(path)


def test_a_plain_database_is_encrypted_in_place_and_the_plain_copy_removed(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    add_client(path, encrypted=False)
    holder = dbfiles.connect(path)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("INSERT INTO sync_state (key, value, updated_at) VALUES ('in-wal', '{}', '2026-01-01')")
    holder.commit()
    holder.close()
    assert cipher.is_plain(path) and MOBILE.encode() in dbfiles.file_bytes(path)

    opened = open_store(path)
    try:
        assert opened.key is not None
        with opened.read() as session:
            assert session.scalars(sa.select(Client.mobile)).all() == [MOBILE]
            assert session.connection().exec_driver_sql("SELECT key FROM sync_state").scalars().all() == ["in-wal"]
    finally:
        opened.dispose()
    assert not cipher.is_plain(path)
    assert MOBILE.encode() not in dbfiles.file_bytes(path)
    leftovers = {p.name for p in tmp_path.iterdir()} - {"ws.db", "ws.db-wal", "ws.db-shm"}
    assert leftovers == set()  # no plain copy, no half-made encrypted one
    open_store(path).dispose()  # and it opens again with the kept key


def test_a_failed_verification_leaves_the_plain_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ws.db"
    add_client(path, encrypted=False)
    before = path.read_bytes()
    real = cipher.table_counts
    calls: list[int] = []

    def counts_differ(con: object) -> dict[str, int]:
        calls.append(1)
        found = real(con)
        return found if len(calls) == 1 else {**found, "client": found["client"] + 1}

    monkeypatch.setattr(cipher, "table_counts", counts_differ)
    with pytest.raises(errors.DatabaseEncryptionFailed) as caught:
        open_store(path)
    assert "原文件未被改动" in caught.value.message()
    assert path.read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} == {"ws.db"}


def test_an_interrupted_encryption_is_undone_then_done(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    add_client(path, encrypted=False)
    os.replace(path, path.with_name("ws.db" + cipher.PLAIN_OLD_SUFFIX))  # killed between the renames
    path.with_name("ws.db" + cipher.ENCRYPTING_SUFFIX).write_bytes(b"half")
    opened = open_store(path)
    try:
        with opened.read() as session:
            assert session.scalars(sa.select(Client.mobile)).all() == [MOBILE]
    finally:
        opened.dispose()
    assert not cipher.is_plain(path)
    assert {p.name for p in tmp_path.iterdir()} <= {"ws.db", "ws.db-wal", "ws.db-shm"}


def test_backups_are_encrypted_with_the_database_key_and_private(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    add_client(path)
    backup = backup_sqlite(path, "0005", keep=2)
    assert not cipher.is_plain(backup)
    assert MOBILE.encode() not in backup.read_bytes()
    assert mode(backup) == files.FILE_MODE
    con = dbfiles.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT mobile FROM client").fetchall() == [(MOBILE,)]
    finally:
        con.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_database_files_and_new_folders_are_readable_by_the_user_only(tmp_path: Path) -> None:
    previous = os.umask(0o022)  # a lax umask: the store tightens what it creates anyway
    try:
        path = tmp_path / "new" / "ws.db"
        opened = open_store(path)
        with opened.write() as session:
            records.branch(session)
        assert path.with_name("ws.db-wal").exists()
        for made in (path, path.with_name("ws.db-wal"), path.with_name("ws.db-shm")):
            assert mode(made) == 0o600, made
        assert mode(path.parent) == 0o700
        opened.dispose()
        old = tmp_path / "old.db"
        add_client(old)
        old.chmod(0o644)  # made world-readable by an older version
        open_store(old).dispose()
        assert mode(old) == 0o600
    finally:
        os.umask(previous)


def test_private_temp_files_are_removed_whatever_happens(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), files.private_temp_file(suffix=".pdf", data=b"%PDF") as temp:
        seen = temp
        assert temp.read_bytes() == b"%PDF"
        if os.name == "posix":
            assert mode(temp) == 0o600
        raise RuntimeError("printer jammed")
    assert not seen.exists()
    target = files.write_private(tmp_path / "report.csv", b"a,b\n")
    if os.name == "posix":
        assert mode(target) == 0o600


def test_secure_remove_overwrites_before_unlinking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plain.db"
    path.write_bytes(MOBILE.encode() * 1000)
    seen: list[bytes] = []
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        seen.append(self.read_bytes())
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    files.secure_remove(path)
    assert not path.exists() and seen == [b"\0" * (len(MOBILE) * 1000)]


def test_the_engine_uses_sqlcipher(sqlite_store: store_module.Store) -> None:
    assert sqlite_store.key is not None
    with sqlite_store.read() as session:
        version = session.connection().exec_driver_sql("PRAGMA cipher_version").scalar()
    assert version and str(version).startswith("4.")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_logs_and_exports_are_readable_by_the_user_only(tmp_path: Path) -> None:
    """In a fresh process with a lax umask, as the app would start (the log handler is global)."""
    import subprocess
    import sys

    code = (
        "import os, sys; from pathlib import Path; os.umask(0o022);"
        "from workstation.ui.logfile import setup_logging;"
        "from workstation.ui.reports.export import ReportTable, export;"
        "log = setup_logging(Path(sys.argv[1]) / 'logs'); import logging; logging.getLogger('x').warning('hello');"
        "export([ReportTable('t', ('a',), (('1',),))], Path(sys.argv[1]) / 'r.csv');"
        "from workstation.files import private_umask; private_umask();"
        "(Path(sys.argv[1]) / 'later.txt').write_text('x')"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, timeout=60)
    assert mode(tmp_path / "logs") == 0o700
    assert mode(tmp_path / "logs" / "workstation.log") == 0o600
    assert mode(tmp_path / "r.csv") == 0o600
    assert mode(tmp_path / "later.txt") == 0o600  # after the programs' umask


def test_the_encryption_bench_measures_both_files(tmp_path: Path) -> None:
    """``bench --only encryption`` on tiny data: a plain and an encrypted file, same measurements."""
    from workstation import cipher_bench

    plain = cipher_bench.search_p95(tmp_path, encrypted=False, clients=300, appointments=200)
    encrypted = cipher_bench.search_p95(tmp_path, encrypted=True, clients=300, appointments=200)
    assert plain > 0 and encrypted > 0
    assert cipher.is_plain(tmp_path / "plain.db") and not cipher.is_plain(tmp_path / "enc.db")
    metric = cipher_bench._metric("encryption.search_p95", encrypted, plain, "ms")
    assert metric["baseline"] == round(plain, 4) and metric["max_ratio"] == cipher_bench.MAX_RATIO


def test_a_demo_database_whose_key_is_lost_is_set_aside_and_seeded_anew(
    tmp_path: Path, memory_keyring: DictKeyring
) -> None:
    from workstation.ui.startup import open_database

    path = tmp_path / "demo.db"
    open_database(str(path), demo=True).store.dispose()
    memory_keyring.entries.clear()  # e.g. the desktop keyring was reset
    opened = open_database(str(path), demo=True)
    opened.store.dispose()
    assert opened.seeded_demo
    [aside] = tmp_path.glob("demo.db.unreadable-*")
    with pytest.raises(errors.DatabaseCorrupt):  # kept as it was: nothing can read it, nothing deleted it
        open_store(aside, upgrade=False)


def test_a_working_database_whose_key_is_lost_is_refused_not_replaced(
    tmp_path: Path, memory_keyring: DictKeyring
) -> None:
    from workstation.ui.startup import open_database

    path = tmp_path / "ws.db"
    add_client(path)
    memory_keyring.entries.clear()
    with pytest.raises(errors.DatabaseKeyMissing):
        open_database(str(path))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ws.db")) == ["ws.db"]
