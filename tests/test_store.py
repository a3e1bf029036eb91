"""Opening the database: engine settings, write transactions, and every way a database is refused.

A refused database must end in the specific StoreError with a Chinese message, and its file must
be exactly as it was (bytes and mtime). Upgrades back the file up first.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError

from tests import dbfiles, records
from tests.conftest import fresh_pg_url
from tests.migration_scripts import add_test_revision
from workstation import errors, migrate
from workstation import pgserver as pg
from workstation import store as store_module
from workstation.models import Branch, Client, Counter, OutboxMessage, SyncState
from workstation.store import Store, backup_sqlite, normalize_url, open_store

# --- helpers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileState:
    sha256: str
    mtime_ns: int
    size: int


def file_state(path: Path) -> FileState:
    stat = path.stat()
    return FileState(hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_mtime_ns, stat.st_size)


def siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@contextmanager
def refused_untouched(path: Path, error: type[errors.StoreError]) -> Iterator[pytest.ExceptionInfo[errors.StoreError]]:
    """Expect ``error`` from the block, with a Chinese message, and ``path`` left as it was."""
    before, names = file_state(path), siblings(path)
    with pytest.raises(error) as caught:
        yield caught
    assert file_state(path) == before, "a refused database file was changed"
    assert siblings(path) == names, "files appeared or disappeared beside a refused database"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message()), caught.value.message()


def table_names(path: Path) -> set[str]:
    con = dbfiles.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


@contextmanager
def read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Make a file or folder read-only for this process; yields how it was done.

    Root ignores permission bits, and CI runs as root: there the immutable flag (``chattr +i``,
    which binds root too) is used. Only when that is impossible (no chattr, a filesystem without
    the flag, no CAP_LINUX_IMMUTABLE) does ``os.access`` get patched to deny writes, which tests
    the store's check but not SQLite's own refusal.
    """
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield "chmod"
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0:
        try:
            yield "chattr +i"
        finally:
            subprocess.run([chattr, "-i", str(path)], check=True)
        return
    real_access = os.access
    protected = path.resolve()

    def access(target: object, mode: int, *args: object, **kwargs: object) -> bool:
        if mode & os.W_OK and Path(str(target)).resolve() == protected:
            return False
        return real_access(target, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    yield "os.access patched (root, and no immutable flag here)"


@pytest.fixture
def db_file(sqlite_store: Store) -> Path:
    """A migrated workstation database file, closed."""
    path = sqlite_store.path
    assert path is not None
    sqlite_store.dispose()
    return path


@pytest.fixture
def fast_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> int:
    """Lock waits of 200 ms, so locked-database tests fail fast."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    return 200


def backups_of(path: Path) -> list[Path]:
    """Every file beside ``path`` that came from a backup (including any -wal or -shm)."""
    return sorted(path.parent.glob(f"{path.name}.backup-*"))


# --- SQLite engine settings ----------------------------------------------------------------------


def test_sqlite_pragmas_read_back(sqlite_store: Store) -> None:
    with sqlite_store.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == store_module.BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_a_new_file_is_created_with_its_folder_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "新建" / "sub" / "workstation.db"
    opened = open_store(path)
    try:
        assert opened.path == path
        assert opened.backups == []  # nothing to back up in a new file
    finally:
        opened.dispose()
    assert path.read_bytes()[:16] != store_module.SQLITE_HEADER  # encrypted (test_encryption.py)
    con = dbfiles.connect(path)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()
    assert {"alembic_version", "client", "outbox"} <= table_names(path)


def test_opening_twice_changes_nothing_and_takes_no_backup(db_file: Path) -> None:
    before = file_state(db_file)
    opened = open_store(db_file)
    opened.dispose()
    assert opened.backups == []
    assert backups_of(db_file) == []
    assert file_state(db_file).sha256 == before.sha256


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(IntegrityError), store.write() as session:
        session.add(Counter(branch_id=records.new_uuid(), number=1, name="1号窗口"))
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Counter)) == 0


@contextmanager
def recorded_statements(engine: sa.Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_writes_begin_immediate_and_reads_deferred(sqlite_store: Store) -> None:
    with recorded_statements(sqlite_store.engine) as seen:
        with sqlite_store.write() as session:
            session.scalars(sa.select(SyncState)).all()
        assert seen[0] == "BEGIN IMMEDIATE"
        seen.clear()
        with sqlite_store.read() as session:
            session.scalars(sa.select(SyncState)).all()
        assert seen[0] == "BEGIN DEFERRED"


def test_a_second_writer_waits_for_the_first_instead_of_failing(sqlite_store: Store) -> None:
    holding = threading.Event()
    failures: list[BaseException] = []

    def first_writer() -> None:
        try:
            with sqlite_store.write() as session:
                session.add(SyncState(key="first"))
                session.flush()  # the write lock is taken now
                holding.set()
                time.sleep(0.5)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)
            holding.set()

    thread = threading.Thread(target=first_writer)
    thread.start()
    assert holding.wait(10)
    started = time.monotonic()
    # Read, then write: in a deferred transaction the write would fail at once ("database is
    # locked", busy handler unused) because the first writer committed after our read began.
    with sqlite_store.write() as session:
        seen = set(session.scalars(sa.select(SyncState.key)))
        session.add(SyncState(key="second"))
    waited = time.monotonic() - started
    thread.join()
    assert not failures
    assert waited >= 0.3, "the second writer did not wait for the first"
    assert seen == {"first"}  # it began after the first committed
    with sqlite_store.read() as session:
        assert set(session.scalars(sa.select(SyncState.key))) == {"first", "second"}


def test_why_immediate_a_deferred_writer_fails_instantly(sqlite_store: Store) -> None:
    """The failure BEGIN IMMEDIATE avoids (tech notes §7), so the test above means something."""
    engine = sqlite_store.engine
    with engine.connect() as reader, engine.connect() as other:
        transaction = reader.begin()  # BEGIN DEFERRED
        reader.exec_driver_sql("SELECT count(*) FROM sync_state").scalar()
        with other.execution_options(sqlite_begin="IMMEDIATE").begin():
            other.execute(sa.insert(SyncState).values(key="other", value={}, updated_at=records.now()))
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"):
            reader.execute(sa.insert(SyncState).values(key="late", value={}, updated_at=records.now()))
        assert time.monotonic() - started < 1.0  # not the 5 s busy timeout: it gives up at once
        transaction.rollback()


# --- write transactions ----------------------------------------------------------------------------


def test_write_commits_all_or_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError, match="clerk cancelled"), store.write() as session:
        branch = records.branch(session)
        records.client(session, branch)
        session.flush()
        raise RuntimeError("clerk cancelled")
    with store.read() as session:
        for model in (Branch, Client, OutboxMessage):
            assert session.scalar(sa.select(sa.func.count()).select_from(model)) == 0, model


def test_write_fails_whole_on_a_database_error(store: Store) -> None:
    with store.write() as session:
        records.branch(session, code="DUP")
    with pytest.raises(IntegrityError), store.write() as session:
        other = records.branch(session, code="OTHER")
        records.client(session, other)
        session.add(Branch(code="DUP", name="重复", address="-"))
    with store.read() as session:
        assert list(session.scalars(sa.select(Branch.code))) == ["DUP"]
        assert session.scalar(sa.select(sa.func.count()).select_from(Client)) == 0
        assert session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0


def test_store_reports_its_backend(store: Store) -> None:
    assert store.engine.dialect.name in ("sqlite", "postgresql")
    assert (store.path is not None) == store.is_sqlite


# --- refused databases ---------------------------------------------------------------------------


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_locked_database_is_refused_quickly_and_untouched(
    db_file: Path, fast_busy_timeout: int, journal_mode: str
) -> None:
    con = dbfiles.connect(db_file)
    con.execute(f"PRAGMA journal_mode={journal_mode}")
    con.close()
    holder = dbfiles.connect(db_file, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("INSERT INTO sync_state (key, value, updated_at) VALUES ('held', '{}', '2026-01-01')")
        started = time.monotonic()
        with refused_untouched(db_file, errors.DatabaseLocked) as caught:
            open_store(db_file)
        assert time.monotonic() - started < 3
        assert "占用" in caught.value.message()
        assert str(db_file) in caught.value.message()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    open_store(db_file).dispose()  # usable again once the other program lets go


def test_a_write_blocked_by_another_program_ends_in_database_locked(db_file: Path, fast_busy_timeout: int) -> None:
    opened = open_store(db_file)
    holder = dbfiles.connect(db_file, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(errors.DatabaseLocked), opened.write() as session:
            session.add(SyncState(key="blocked"))
        assert time.monotonic() - started < 3
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        opened.dispose()


def test_a_read_only_file_is_refused_untouched(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with read_only(db_file, monkeypatch) as how:
        with refused_untouched(db_file, errors.DatabaseReadOnly) as caught:
            open_store(db_file)
        assert "不可写" in caught.value.message(), how


def test_a_database_in_a_read_only_folder_is_refused_untouched(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with read_only(db_file.parent, monkeypatch) as how:
        with refused_untouched(db_file, errors.DatabaseReadOnly):
            open_store(db_file)  # WAL needs to create -wal and -shm beside the file
        assert not (db_file.parent / "new.db").exists(), how


def test_a_new_database_in_a_read_only_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder, monkeypatch), pytest.raises(errors.DatabaseReadOnly):
        open_store(folder / "workstation.db")
    assert list(folder.iterdir()) == []


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _random_after_header(path: Path) -> None:
    path.write_bytes(store_module.SQLITE_HEADER + os.urandom(64 * 1024))


def _text_file(path: Path) -> None:
    path.write_text("客户名单\n张三,13800138000\n", encoding="utf-8")


@pytest.mark.parametrize("spoil", [_random_bytes, _random_after_header, _text_file])
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, spoil: object) -> None:
    path = tmp_path / "workstation.db"
    spoil(path)  # type: ignore[operator]
    with refused_untouched(path, errors.DatabaseCorrupt) as caught:
        open_store(path)
    assert "损坏" in caught.value.message()


@pytest.mark.parametrize("keep", [0.5, 0.1, 0.02])
def test_a_truncated_database_is_refused_untouched(db_file: Path, keep: float) -> None:
    opened = open_store(db_file)
    with opened.write() as session:  # some data, so the file has pages past the schema
        branch = records.branch(session)
        for _ in range(50):
            records.client(session, branch, address="北京" * 100)
    opened.dispose()
    data = db_file.read_bytes()
    assert len(data) > 64 * 1024
    db_file.write_bytes(data[: max(int(len(data) * keep) // 4096 * 4096, 4096)])
    with refused_untouched(db_file, errors.DatabaseCorrupt):
        open_store(db_file)


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "workstation.db"
    path.mkdir()
    with pytest.raises(errors.DatabaseCorrupt):
        open_store(path)


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = dbfiles.connect(path)  # rollback journal: WAL would rewrite its header
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('张三')")
    con.commit()
    con.close()
    with refused_untouched(path, errors.DatabaseCorrupt) as caught:
        open_store(path)
    assert str(path) in caught.value.message()


def test_a_database_from_a_newer_program_is_refused_untouched(db_file: Path) -> None:
    con = dbfiles.connect(db_file)
    con.execute("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    con.commit()
    con.close()
    with refused_untouched(db_file, errors.SchemaTooNew) as caught:
        open_store(db_file)
    assert "f00d_from_the_future" in caught.value.message()
    assert "比本程序新" in caught.value.message()
    assert backups_of(db_file) == []


def test_a_postgresql_database_from_a_newer_program_is_refused_untouched(
    pg_server: pg.PgServer, pg_template: str
) -> None:
    db_url = fresh_pg_url(pg_server, pg_template)
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
        with pytest.raises(errors.SchemaTooNew):
            open_store(db_url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "f00d_from_the_future"
    finally:
        engine.dispose()


def test_an_unreachable_server_fails_fast() -> None:
    port = pg.free_port()  # bound and released: nothing listens there
    started = time.monotonic()
    with pytest.raises(errors.DatabaseUnreachable) as caught:
        open_store(f"postgresql://postgres@127.0.0.1:{port}/x")
    assert time.monotonic() - started < 10
    assert "无法连接数据库" in caught.value.message()
    assert f"127.0.0.1:{port}" in caught.value.message()


def test_a_password_never_shows_in_the_message() -> None:
    with pytest.raises(errors.DatabaseUnreachable) as caught:
        open_store(f"postgresql://clerk:s3cret-pw@127.0.0.1:{pg.free_port()}/x")
    assert "s3cret-pw" not in caught.value.message()
    assert "s3cret-pw" not in caught.value.message("en")


@pytest.mark.parametrize(
    "target",
    [
        "",
        "   ",
        "postgresql://postgres@127.0.0.1:notaport/x",
        "mysql://root@127.0.0.1/x",
        "postgresql+nosuchdriver://127.0.0.1/x",
        "sqlite:///bad\x00name.db",
        "bad\x00name.db",
        "://nothing",
    ],
)
def test_a_malformed_url_is_refused(target: str) -> None:
    with pytest.raises(errors.DatabaseUnreachable) as caught:
        open_store(target)
    assert "无法连接数据库" in caught.value.message()


def test_normalize_url_makes_paths_absolute_sqlite_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    url = normalize_url("data/ws.db")
    assert url.drivername == "sqlite+pysqlite"
    assert url.database == str(tmp_path / "data" / "ws.db")
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:///x.db").drivername == "sqlite+pysqlite"


# --- backups before migrations --------------------------------------------------------------------


def test_upgrading_an_older_database_takes_exactly_one_backup(
    db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = open_store(db_file)
    old_head = migrate.inspect_schema(opened.engine).current
    with opened.write() as session:
        branch = records.branch(session, code="KEEP")
        session.add(Counter(branch_id=branch.id, number=1, name="1号窗口"))
    opened.dispose()
    revision = add_test_revision(tmp_path, monkeypatch)

    upgraded = open_store(db_file)
    try:
        assert len(upgraded.backups) == 1
        assert backups_of(db_file) == upgraded.backups
        with upgraded.read() as session:
            conn = session.connection()
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == revision
            assert conn.exec_driver_sql("SELECT code, test_note FROM branch").all() == [("KEEP", "ok")]
            # The parent table was copied and dropped: its children survived (foreign keys off).
            assert conn.exec_driver_sql("SELECT count(*) FROM counter").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        upgraded.dispose()

    backup = upgraded.backups[0]
    assert old_head is not None and old_head in backup.name
    con = dbfiles.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old_head
        assert con.execute("SELECT code FROM branch").fetchall() == [("KEEP",)]
    finally:
        con.close()

    open_store(db_file).dispose()  # at head now: no second backup
    assert backups_of(db_file) == upgraded.backups


def test_a_failed_upgrade_leaves_the_database_as_it_was_and_keeps_the_backup(
    db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_test_revision(
        tmp_path,
        monkeypatch,
        upgrade="""
        op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
        op.execute("INSERT INTO no_such_table VALUES (1)")
        """,
        downgrade="pass",
    )
    with pytest.raises(errors.MigrationFailed) as caught:
        open_store(db_file)
    backups = backups_of(db_file)
    assert len(backups) == 1
    assert str(backups[0]) in caught.value.message()
    assert "half_done" not in table_names(db_file)
    assert ScriptDirectory.from_config(migrate.alembic_config()).get_current_head() == "9001_test"


def test_a_migration_raising_a_python_error_is_a_migration_failure(
    db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_test_revision(tmp_path, monkeypatch, upgrade='raise ValueError("bad data in row 7")', downgrade="pass")
    with pytest.raises(errors.MigrationFailed, match="bad data in row 7"):
        open_store(db_file)


def test_upgrade_can_be_declined(db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_test_revision(tmp_path, monkeypatch)
    before = file_state(db_file)
    open_store(db_file, upgrade=False).dispose()
    assert backups_of(db_file) == []
    assert file_state(db_file).sha256 == before.sha256


def test_backups_keep_only_the_newest(db_file: Path) -> None:
    made = [backup_sqlite(db_file, "0001", keep=3) for _ in range(5)]
    assert backups_of(db_file) == made[-3:]
    for backup in made[-3:]:
        con = dbfiles.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        finally:
            con.close()
    assert backups_of(db_file) == made[-3:]  # opening a backup leaves no -wal/-shm beside it


def test_repeated_upgrades_keep_at_most_n_backups(
    db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_test_revision(tmp_path, monkeypatch)
    base_head = "0001"
    for _ in range(4):
        opened = open_store(db_file, keep_backups=2)
        migrate.downgrade(opened.engine, base_head)
        opened.dispose()
    assert len(backups_of(db_file)) == 2
