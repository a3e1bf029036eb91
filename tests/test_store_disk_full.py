"""Issue 14 item 11: ``db upgrade`` on a full disk is a clear message, never a 0-byte backup.

The real test mounts a tiny tmpfs (needs root, as in CI's container); where mounting is not
allowed it is skipped and the monkeypatched variant below still covers the logic.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.migration_scripts import add_test_revision
from workstation import cipher, errors
from workstation.store import Store, backup_sqlite, open_store


@pytest.fixture
def db_file(sqlite_store: Store) -> Path:
    path = sqlite_store.path
    assert path is not None
    sqlite_store.dispose()
    return path


@pytest.fixture
def tiny_disk(tmp_path: Path, db_file: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    size = db_file.stat().st_size
    kib = (size * 3 + size // 2) // 1024 + 1  # the database and two backups fit, a third does not
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.backup-*"))


def test_upgrade_on_a_full_disk(
    db_file: Path, tiny_disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tiny_disk / "workstation.db"
    shutil.copy(db_file, target)
    key = cipher.key_if_encrypted(db_file)
    if key is not None:
        cipher.store_key(target, key)
    good = [backup_sqlite(target, "0016", keep=5, key=key) for _ in range(2)]
    add_test_revision(tmp_path, monkeypatch)
    for _ in range(6):  # every retry: a clear message, no new file, the real backups kept
        with pytest.raises(errors.StoreError) as caught:
            open_store(target)
        assert isinstance(caught.value, errors.DiskFull), caught.value.message()
        assert "磁盘空间不足" in caught.value.message() and "无法连接数据库" not in caught.value.message()
        assert backups(target) == good


def test_a_failed_backup_leaves_no_file(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = [backup_sqlite(db_file, "0016", keep=5) for _ in range(5)]

    def full(source: Path, target: Path, key: str | None) -> None:
        target.write_bytes(b"")  # what the driver leaves behind before it fails
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(cipher, "copy_database", full)
    for _ in range(3):
        with pytest.raises(errors.DiskFull):
            backup_sqlite(db_file, "0016", keep=5)
    assert backups(db_file) == real
