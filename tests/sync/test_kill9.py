"""kill -9 of the sync process at random points (issue 7, "tests with real faults").

``workstation-cli sync`` runs as a real subprocess, connected as the branch's own role, with
small push batches and pull pages (``WORKSTATION_SYNC_BATCH`` / ``WORKSTATION_SYNC_PAGE``) so a
kill can land between them. Each kill waits for a trigger (seeded): a random delay after the
start (start-up, connect), the first new central commit of a push batch (mid-push, around the
COMMIT and the local ack) or the first move of the local pull cursor (mid-pull), then a seeded
random delay of a few milliseconds, then SIGKILL. Between kills the counter and the call centre
keep working. Then one clean sync: the local SQLite is intact, both sides agree, every outbox
event was applied exactly once and the pull cursor stands on the last change-log entry.

A second test kills a busy workstation in the middle of its local writes: the SQLite WAL
recovers, and every committed business row still has its outbox event.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

import pytest
import sqlalchemy as sa

from tests import dbfiles
from tests.sync.conftest import Central, book
from tests.sync.helpers import add_clients, assert_agree, outbox_ids
from tests.sync.test_faults import assert_exactly_once, processed
from workstation.models import Appointment, Client, OutboxMessage, Visit
from workstation.store import Store, open_store
from workstation.sync.central import add_branch
from workstation.sync.pull import Cursor, load_state

MakeWorkstation = Callable[[str, str], Store]

SEED = 20240607
KILLS = 12
ROOT = Path(__file__).resolve().parents[2]
TRIGGERS = ("start", "commit", "push", "pull")
SPAWN_TIMEOUT_S = 60.0
"""Generous: a loaded 2-core CI machine may take seconds to import and connect."""


def branch_url(central: Central, code: str) -> str:
    """The central URL as branch ``code``'s own role, password included (a subprocess cannot see
    the test's in-memory keyring)."""
    with central.engine.begin() as conn:
        role, password = add_branch(conn, code)
    url = sa.engine.make_url(central.url).set(username=role, password=password)
    return url.render_as_string(hide_password=False)


_children: list[subprocess.Popen[str]] = []


def start_sync(ws: Store, url: str) -> subprocess.Popen[str]:
    env = dict(os.environ, WORKSTATION_SYNC_BATCH="20", WORKSTATION_SYNC_PAGE="25")
    command = [sys.executable, "-m", "workstation.cli", "--db", str(ws.path), "sync", "--central", url]
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _children.append(child)
    return child


def local_cursor(path: Path) -> str | None:
    """The pull cursor as the child left it, read through a separate read-only connection."""
    with dbfiles.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as db:
        row = db.execute("SELECT value FROM sync_state WHERE key = 'pull_cursor'").fetchone()
    return None if row is None else str(row[0])


def wait_for(child: subprocess.Popen[str], event: Callable[[], bool], *, pause: float = 0.002) -> bool:
    """Poll ``event`` until it is true (True) or the child has exited (False)."""
    deadline = time.monotonic() + SPAWN_TIMEOUT_S
    while time.monotonic() < deadline:
        if child.poll() is not None:
            return False
        if event():
            return True
        time.sleep(pause)
    raise AssertionError("the sync process neither progressed nor exited")


def grew(count: Callable[[], int], seen: int) -> Callable[[], bool]:
    return lambda: count() > seen


def moved(path: Path, cursor: str | None) -> Callable[[], bool]:
    return lambda: local_cursor(path) != cursor


def landed(central: Central, ws: Store, before: tuple[int, str | None], code: str = "0101") -> str:
    """Where the kill landed, judged from what each side holds afterwards."""
    o = OutboxMessage.__table__
    with ws.read() as session:
        waiting = set(session.scalars(sa.select(o.c.msg_id).where(o.c.acked_at.is_(None))))
    in_doubt = waiting & processed(central)
    acked = len(outbox_ids(ws)) - len(waiting)
    assert ws.path is not None
    if in_doubt:
        return "after central COMMIT, before local ack"
    if (acked, local_cursor(ws.path)) == before:
        return "start-up / connect / before the first COMMIT"
    if waiting:
        return "mid-push (between batches)"
    if local_cursor(ws.path) == before[1]:
        return "after push, before the first page"
    if load_state(ws)[0] != last_entry(central, code):
        return "mid-pull (between pages)"
    return "after the last page"


def progress(ws: Store) -> tuple[int, str | None]:
    o = OutboxMessage.__table__
    with ws.read() as session:
        acked = int(session.scalar(sa.select(sa.func.count()).where(o.c.acked_at.is_not(None))) or 0)
    assert ws.path is not None
    return acked, local_cursor(ws.path)


def last_entry(central: Central, code: str) -> Cursor:
    with central.engine.connect() as conn:
        row = conn.execute(
            sa.text(
                "SELECT c.xid::text, c.seq FROM sync.change_log AS c WHERE c.branch_id = :b OR c.branch_id IS NULL "
                "ORDER BY c.xid DESC, c.seq DESC LIMIT 1"  # by the xid8, not its text (issue 10)
            ),
            {"b": central.branch_ids[code]},
        ).one()
    return Cursor(int(row[0]), int(row[1]))


def assert_counts_match(central: Central, ws: Store, code: str) -> None:
    branch = central.branch_ids[code]
    for model in (Client, Visit, Appointment):
        table = cast(sa.Table, model.__table__)
        with ws.read() as session:
            mine = session.scalar(sa.select(sa.func.count()).select_from(table))
        assert mine == central.count(table.name, f"branch_id = '{branch}'"), table.name


def test_kill_9_at_random_points_loses_nothing_and_doubles_nothing(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    rng = random.Random(SEED)
    ws = make_workstation("0101", "ws1")
    assert ws.path is not None
    path = ws.path
    url = branch_url(central, "0101")
    add_clients(ws, 150, prefix="a")  # 300 outbox events
    book(central, "0101", 200)  # 200 central changes to pull
    landings: Counter[str] = Counter()
    with central.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as watch:

        def committed() -> int:  # one held connection: polling must be quicker than a local ack
            return int(watch.exec_driver_sql("SELECT count(*) FROM sync.processed_message").scalar_one())

        for kill in range(KILLS):
            trigger = TRIGGERS[kill % len(TRIGGERS)]
            before, seen = progress(ws), committed()
            child = start_sync(ws, url)
            if trigger == "start":
                time.sleep(rng.uniform(0.0, 0.8))
                reached = True
            elif trigger == "commit":  # as soon as a batch's COMMIT is visible centrally
                reached = wait_for(child, grew(committed, seen), pause=0.0)
            elif trigger == "push":
                reached = wait_for(child, grew(committed, seen))
                time.sleep(rng.uniform(0.0, 0.03))
            else:
                reached = wait_for(child, moved(path, before[1]))
                time.sleep(rng.uniform(0.0, 0.03))
            if reached and child.poll() is None:
                child.send_signal(signal.SIGKILL)
            output, _ = child.communicate(timeout=SPAWN_TIMEOUT_S)
            if child.returncode == -signal.SIGKILL:
                landings[f"{trigger}: {landed(central, ws, before)}"] += 1
            else:
                assert child.returncode == 0, output
                landings[f"{trigger}: finished before the kill"] += 1
            # the branch keeps working between kills (80 events: 4 batches), and so does the call centre
            add_clients(ws, 40, prefix=f"k{kill}-")
            book(central, "0101", 15, start=1000 + 15 * kill)
    print("kill -9 landings:", dict(sorted(landings.items())))

    clean = start_sync(ws, url)
    output, _ = clean.communicate(timeout=SPAWN_TIMEOUT_S)
    assert clean.returncode == 0, output
    assert output.startswith("ok:") and "pending 0" in output, output

    with dbfiles.connect(ws.path) as db:  # no corruption, nothing half-written
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert_exactly_once(central, ws)
    assert_counts_match(central, ws, "0101")
    assert_agree(central, ws, "0101")
    cursor, retry = load_state(ws)
    assert cursor == last_entry(central, "0101") and retry == {}  # nothing skipped, nothing left over
    assert sum(landings.values()) == KILLS


BUSY_WRITER = """
import sys
from tests.sync.helpers import add_clients
from workstation.store import open_store

store = open_store(sys.argv[1])
for n in range(10_000):
    add_clients(store, 25, prefix=f"busy{n}-")
    print(n, flush=True)
"""


def test_kill_9_in_the_middle_of_local_writes_the_sqlite_wal_recovers(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    rng = random.Random(SEED)
    ws = make_workstation("0101", "ws1")
    assert ws.path is not None
    path = ws.path
    ws.dispose()  # the busy writer owns the database now
    for _ in range(3):
        writer = subprocess.Popen(
            [sys.executable, "-c", BUSY_WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )  # fmt: skip
        _children.append(writer)
        assert writer.stdout is not None
        for _ in range(rng.randint(2, 6)):  # a few transactions committed, then mid-transaction
            assert writer.stdout.readline(), "the busy writer stopped"
        time.sleep(rng.uniform(0.0, 0.02))
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=SPAWN_TIMEOUT_S)
        assert writer.returncode == -signal.SIGKILL
    with dbfiles.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = open_store(path)
    try:
        o = OutboxMessage.__table__
        with store.read() as session:  # the transactional outbox: each committed row has its event
            clients = set(session.scalars(sa.select(Client.id)))
            events = set(session.scalars(sa.select(o.c.entity_id).where(o.c.entity == "client")))
        assert clients == events and len(clients) % 25 == 0 and clients
        from workstation.sync.engine import run_once

        assert run_once(store, central.engine).ok
        assert_exactly_once(central, store)
        assert_counts_match(central, store, "0101")
        assert_agree(central, store, "0101")
    finally:
        store.dispose()


@pytest.fixture(autouse=True)
def _children_cleaned_up(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The children get their password from the URL (never a desktop keyring); none outlives a
    failed test."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.dbfiles.DbKeysOnlyFileKeyring")  # database keys only
    yield
    while _children:
        child = _children.pop()
        if child.poll() is None:
            child.kill()
        child.communicate()
