"""Rendering benchmark for ``workstation-cli bench`` (issue 3, §6).

:func:`metrics` measures, in this process, the account-opening package (application +
questionnaire result + match notice + disclosure + custody page) against a bare one-page ReportLab
document rendered in the same run (the baseline), and, in a fresh subprocess, the first render
including imports and font loading. Print-to-queue times are in :mod:`workstation.printing.queue_bench`
(its own provider: it prints on the cups-pdf queue).
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import time
from typing import Any

PACKAGE_TARGET_MS = 150.0
FIRST_RENDER_TARGET_MS = 500.0
RUNS = 10

_FIRST_RENDER_SCRIPT = """
import json, time
t0 = time.perf_counter()
from workstation.printing import render
render.render_account_opening_package(render.sample_package())
t1 = time.perf_counter()
import io
from reportlab.pdfgen.canvas import Canvas
c = Canvas(io.BytesIO(), invariant=1); c.drawString(72, 720, "baseline"); c.showPage(); c.save()
print(json.dumps({"first_ms": (t1 - t0) * 1000, "bare_ms": (time.perf_counter() - t1) * 1000}))
"""


def _bare_page() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, "Counter Workstation baseline page")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _median_ms(func: Any, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _metric(name: str, value: float, baseline: float, target: float, unit: str = "ms") -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 2),
        "unit": unit,
        "baseline": round(baseline, 3),
        "ratio": round(value / baseline, 1) if baseline > 0 else None,
        "target": target,
        "ok": value <= target,
    }


def metrics(runs: int = RUNS) -> list[dict[str, Any]]:
    """``[{"name", "value", "unit", "baseline", "ratio", "target", "ok"}, ...]``."""
    from workstation.printing import render

    package = render.sample_package()
    render.render_account_opening_package(package)  # warm: imports, fonts, caches
    _bare_page()
    package_ms = _median_ms(lambda: render.render_account_opening_package(package), runs)
    bare_ms = _median_ms(_bare_page, runs)
    first = subprocess.run(
        [sys.executable, "-c", _FIRST_RENDER_SCRIPT], capture_output=True, text=True, check=True, timeout=120
    )
    fresh = json.loads(first.stdout.strip().splitlines()[-1])
    return [
        _metric("print.package_render_median", package_ms, bare_ms, PACKAGE_TARGET_MS),
        _metric("print.package_first_render", fresh["first_ms"], fresh["bare_ms"], FIRST_RENDER_TARGET_MS),
    ]


if __name__ == "__main__":
    for row in metrics():
        print(json.dumps(row, ensure_ascii=False))
