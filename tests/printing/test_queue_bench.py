"""The print-to-queue bench runs for real (cups-pdf, a raw queue to a listener) and cleans up."""

from __future__ import annotations

import os
import subprocess

import pytest

from workstation.printing import queue_bench, spool


def test_print_to_queue_metrics(monkeypatch: pytest.MonkeyPatch) -> None:
    if not spool.CupsBackend().scheduler_running():
        if os.environ.get("WORKSTATION_REQUIRE_CUPS"):
            pytest.fail("CUPS is not running")
        pytest.skip("CUPS is not running")
    monkeypatch.setenv(spool.ONLY_TO_ENV, os.environ[spool.ONLY_TO_ENV] + ",cw-bench-*")
    rows = {row["name"]: row for row in queue_bench.metrics()}
    assert set(rows) == {f"print.{name}" for name in queue_bench.TARGET_MS}
    for row in rows.values():
        assert row["value"] is not None and row["value"] > 0, row
        assert set(row) >= {"name", "value", "unit", "baseline", "ratio", "target", "ok"}
    assert rows["print.package_to_cups"]["baseline"] > 0
    queues = subprocess.run(["lpstat", "-p"], capture_output=True, text=True).stdout
    assert "cw-bench-" not in queues  # the raw queue is removed again
