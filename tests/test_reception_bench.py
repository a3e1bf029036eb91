"""The reception benchmark provider: well-formed metrics on a small database, registered with the bench."""

from __future__ import annotations

import random
from pathlib import Path

from tests import dbfiles
from workstation import bench, reception_bench
from workstation.services import reception
from workstation.store import open_store


def test_metrics_on_a_small_database_have_every_key_and_sane_values() -> None:
    rows = reception_bench.metrics(clients=3_000, appointments=1_500)
    names = [row["name"] for row in rows]
    assert names[0] == "reception.search_p95" and "reception.ticket_p95" in names and "reception.build_db" in names
    assert {f"reception.search_p95.{kind}" for kind in reception_bench.KINDS} <= set(names)
    for row in rows:
        assert set(bench.REQUIRED_KEYS) <= set(row)
        assert row["value"] is not None and row["value"] >= 0
        assert isinstance(row["ok"], bool)
    search = next(r for r in rows if r["name"] == "reception.search_p95")
    assert search["baseline"] and search["target"] == reception_bench.SEARCH_TARGET_MS


def test_built_database_is_readable_through_the_services(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    built = reception_bench.build_database(path, clients=500, appointments=400)
    raw = dbfiles.connect(path)
    assert raw.execute("SELECT count(*) FROM client").fetchone() == (500,)
    assert raw.execute("SELECT count(*) FROM appointment").fetchone() == (400,)
    raw.close()
    texts = reception_bench.queries(built["samples"], random.Random(1))
    store = open_store(path)
    try:
        with store.read() as session:
            for kind in ("mobile", "code", "name", "pinyin_full", "mobile_tail"):
                text = texts[kind][0]
                matches = reception.find_appointments(session, built["branch_id"], text)
                assert matches, (kind, text)
    finally:
        store.dispose()


def test_registered_as_a_bench_provider() -> None:
    assert "workstation.reception_bench" in bench.PROVIDERS
