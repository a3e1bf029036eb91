"""The gifts bench provider: issue a gift and render its receipt, within 200 ms end to end."""

from __future__ import annotations

from workstation import bench, gifts_bench


def test_gifts_bench_reports_the_issue_and_receipt_metric() -> None:
    assert "workstation.gifts_bench" in bench.PROVIDERS
    (metric,) = gifts_bench.metrics(runs=4)
    assert set(bench.REQUIRED_KEYS) <= set(metric)
    assert metric["name"] == "gifts.issue_and_receipt" and metric["unit"] == "ms"
    assert metric["value"] > 0 and metric["target"] == gifts_bench.ISSUE_TARGET_MS
    assert metric["ok"], metric
