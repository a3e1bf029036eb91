"""Sync benchmark for ``workstation-cli bench`` (issue 7, Performance).

:func:`metrics` measures, on one PostgreSQL server in one run:

- ``sync.push_10k``: :func:`workstation.sync.push.push` of 10,000 outbox events (new clients)
  into a central database, against raw psycopg ``executemany`` of the same 10,000 rows into an
  identical database (baseline). Target ≤ 3 s.
- ``sync.pull_10k``: :func:`workstation.sync.pull.pull` of 10,000 centrally booked appointments
  into a workstation's SQLite file, against ``COPY … TO STDOUT`` of the same rows plus sqlite3
  ``executemany`` into the same table of a fresh file (baseline). Target ≤ 2 s.

``ratio`` is time / baseline time (the core's convention); ``throughput_ratio`` is its inverse,
our rows per second over raw rows per second, with the goal ≥ 0.5 (:data:`MIN_THROUGHPUT_RATIO`).

The server: ``$WORKSTATION_BENCH_PG`` (an admin URL on a server where databases may be created),
else a throw-away cluster on a free loopback port (:mod:`workstation.pgserver`).
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from workstation import cipher
from workstation.clock import utcnow
from workstation.ids import new_id
from workstation.outbox import to_json

ROWS = 10_000
PUSH_TARGET_S = 3.0
PULL_TARGET_S = 2.0
MIN_THROUGHPUT_RATIO = 0.5
ENV = "WORKSTATION_BENCH_PG"
BRANCH_CODE = "9001"


@contextmanager
def _server() -> Iterator[str]:
    """An admin URL (database ``postgres``) of a server for the bench."""
    if configured := os.environ.get(ENV):
        yield configured
        return
    from workstation import pgserver as pg

    server = pg.start_server()
    try:
        yield server.url()
    finally:
        server.stop()


def _create_database(admin_url: str, name: str) -> str:
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return str(sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False))


def _central(admin_url: str, name: str) -> tuple[sa.Engine, uuid.UUID]:
    """A migrated, secured central database with one branch."""
    from workstation.models import Branch
    from workstation.sync.central import central_engine, init_central

    engine = central_engine(_create_database(admin_url, name))
    init_central(engine)
    with sa.orm.Session(engine) as session, session.begin():
        session.info["applying_sync"] = True
        branch = Branch(code=BRANCH_CODE, name="基准营业部", address="-")
        session.add(branch)
        session.flush()
        return engine, branch.id


def _client_rows(branch_id: uuid.UUID) -> list[dict[str, Any]]:
    from workstation.models import Client

    table = Client.__table__
    now = utcnow()
    rows = []
    for i in range(ROWS):
        row: dict[str, Any] = {c.key: None for c in table.columns}
        row.update(
            id=new_id(), branch_id=branch_id, name=f"客户{i}", id_type="00", id_number=f"B{i:017d}", status="prospect",
            tier="standard", aml_risk="unrated", channel="walk_in", nationality="CHN", assets_fen=0,
            id_long_term=False, lowest_category=False, professional=False, integrity_flag=False,
            created_at=now, updated_at=now, version=1,
        )  # fmt: skip
        for c in table.columns:
            if row[c.key] is None and not c.nullable:
                row[c.key] = ""
        rows.append(row)
    return rows


def _timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _metric(name: str, value: float, baseline: float, target: float) -> dict[str, Any]:
    throughput = baseline / value if value > 0 else None
    return {
        "name": name,
        "value": round(value, 3),
        "unit": "s",
        "baseline": round(baseline, 3),
        "ratio": round(value / baseline, 2) if baseline > 0 else None,
        "target": target,
        "ok": value <= target and throughput is not None and throughput >= MIN_THROUGHPUT_RATIO,
        "throughput_ratio": None if throughput is None else round(throughput, 2),
        "rows": ROWS,
    }


def _workstation(folder: Path, central: sa.Engine, *, encrypted: bool = True) -> Any:
    from workstation.store import open_store
    from workstation.sync.engine import enroll

    store = open_store(folder / "ws.db", encrypted=encrypted)
    enroll(store, central, BRANCH_CODE, "bench")
    return store


def push_metric(admin_url: str, folder: Path, *, encrypted: bool = True) -> dict[str, Any]:
    from workstation.models import OutboxMessage
    from workstation.sync.pull import pull
    from workstation.sync.push import push

    engine, branch_id = _central(admin_url, f"bench_push_{uuid.uuid4().hex[:8]}")
    raw_engine, raw_branch = _central(admin_url, f"bench_raw_{uuid.uuid4().hex[:8]}")
    store = _workstation(folder, engine, encrypted=encrypted)
    try:
        push(store, engine)  # the workstation row: not part of the measured events
        rows = _client_rows(branch_id)
        outbox = [
            {
                "msg_id": new_id(), "branch_id": branch_id, "entity": "client", "entity_id": row["id"], "op": "insert",
                "row_version": 1, "payload": {k: to_json(v) for k, v in row.items()}, "created_at": utcnow(),
            }
            for row in rows
        ]  # fmt: skip
        with store.write() as session:
            session.execute(sa.insert(OutboxMessage), outbox)
        value = _timed(lambda: push(store, engine, batch_size=1000))
        pull(store, engine, branch_id)
        columns = list(rows[0])
        raw_rows = [tuple(raw_branch if k == "branch_id" else v for k, v in row.items()) for row in rows]
        statement = f"INSERT INTO client ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"

        def raw_insert() -> None:
            with raw_engine.connect() as conn:
                driver = conn.connection.driver_connection
                assert driver is not None
                with driver.cursor() as cursor:
                    cursor.executemany(statement, raw_rows)
                driver.commit()

        baseline = _timed(raw_insert)
    finally:
        store.dispose()
        engine.dispose()
        raw_engine.dispose()
    return _metric("sync.push_10k", value, baseline, PUSH_TARGET_S)


def pull_metric(admin_url: str, folder: Path) -> dict[str, Any]:
    from workstation.models import Appointment
    from workstation.sync.pull import pull

    engine, branch_id = _central(admin_url, f"bench_pull_{uuid.uuid4().hex[:8]}")
    store = _workstation(folder, engine)
    table = Appointment.__table__
    now = utcnow()
    rows = [
        {
            "id": new_id(), "branch_id": branch_id, "code": f"P{i:08d}", "client_name": f"客户{i}", "pinyin_full": "",
            "pinyin_initials": "", "mobile": f"139{i:08d}", "purpose": "new_account",
            "slot_start": now + timedelta(minutes=i), "slot_end": now + timedelta(minutes=i + 30),
            "status": "booked", "status_clock": "", "notes": "", "prefill": {}, "created_at": now,
            "updated_at": now, "version": 1,
        }
        for i in range(ROWS)
    ]  # fmt: skip
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(Appointment), rows)
        empty = folder / "raw.db"
        assert store.path is not None
        cipher.copy_database(store.path, empty, store.key)  # the live file is in WAL mode: copy through SQLite
        value = _timed(lambda: pull(store, engine, branch_id))
        columns = [c.name for c in table.columns]

        def raw_copy() -> None:
            with engine.connect() as conn:
                driver = conn.connection.driver_connection
                assert driver is not None
                with driver.cursor() as cursor:
                    query = f"COPY (SELECT {', '.join(columns)} FROM appointment) TO STDOUT"
                    with cursor.copy(query) as copy:
                        copied = list(copy.rows())
            target = cipher.connect(empty, store.key)
            with target:
                target.executemany(
                    f"INSERT INTO appointment ({', '.join(columns)}) VALUES ({', '.join(['?'] * len(columns))})",
                    copied,
                )
            target.close()

        baseline = _timed(raw_copy)
    finally:
        store.dispose()
        engine.dispose()
    return _metric("sync.pull_10k", value, baseline, PULL_TARGET_S)


def metrics() -> list[dict[str, Any]]:
    """``[{"name", "value", "unit", "baseline", "ratio", "target", "ok", "throughput_ratio"}, …]``."""
    results: list[dict[str, Any]] = []
    with _server() as admin_url, tempfile.TemporaryDirectory(prefix="ws-sync-bench-") as folder:
        for measure, sub in ((push_metric, "push"), (pull_metric, "pull")):
            path = Path(folder) / sub
            path.mkdir()
            results.append(measure(admin_url, path))
    return results
