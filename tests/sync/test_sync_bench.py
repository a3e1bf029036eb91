"""The sync bench provider runs end to end (on a small number of rows) and reports every key."""

from __future__ import annotations

import pytest

from workstation import bench as core_bench
from workstation import pgserver as pg
from workstation.sync import bench


def test_the_sync_bench_reports_push_and_pull_against_raw_psycopg(
    pg_server: pg.PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(bench.ENV, pg_server.url())
    monkeypatch.setattr(bench, "ROWS", 300)
    records = bench.metrics()
    assert [r["name"] for r in records] == ["sync.push_10k", "sync.pull_10k"]
    for record in records:
        assert set(core_bench.REQUIRED_KEYS) <= set(record)
        assert record["value"] > 0 and record["baseline"] > 0 and record["rows"] == 300
    assert "workstation.sync.bench" in core_bench.PROVIDERS
