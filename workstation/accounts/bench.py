"""Account wizard benchmark for ``workstation-cli bench`` (issue 5): each step's validate + save.

On a temporary SQLite database with the demo branch (as at the counter), one write transaction per
step — what Next does: load the draft, validate the page against the policies and the other
steps, store the draft, write the audit event, commit. The first application is a warm-up (imports,
font tables); each metric is the median over ``runs`` applications. Target ≤ 30 ms per step; the
baseline is a bare write transaction that updates the application row.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

STEP_TARGET_MS = 30.0
RUNS = 9


def metrics(runs: int = RUNS, *, encrypted: bool = True) -> list[dict[str, Any]]:
    """``[{"name", "value", "unit", "baseline", "ratio", "target", "ok"}]`` per wizard step
    (``encrypted=False``: on a plain file, the encryption benchmark's baseline)."""
    import sqlalchemy as sa

    from workstation.accounts import _bench_pages
    from workstation.accounts.steps import Step, steps_for
    from workstation.accounts.wizard import AccountWizard
    from workstation.demo import seed_branch, seed_staff
    from workstation.domain import ApplicationKind
    from workstation.models import AccountApplication
    from workstation.services.auth import actor_for
    from workstation.services.identity import register_workstation
    from workstation.store import open_store

    kind = ApplicationKind.TRANSFER_IN
    samples: dict[Step, list[float]] = {step: [] for step in steps_for(kind)}
    baseline: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db", encrypted=encrypted)
        try:
            with store.write() as session:
                branch = seed_branch(session)
                staff = {s.staff_no: s for s in seed_staff(session, branch)}
                ws = register_workstation(session, branch, "bench", "bench")
                clerk = actor_for(staff["C001"], branch, ws.workstation_id)
            wizard = AccountWizard()
            pages = _bench_pages.pages()
            for run in range(runs + 1):
                with store.write() as session:
                    app_id = wizard.start(session, clerk, kind).application_id
                for step in steps_for(kind):
                    started = time.perf_counter()
                    with store.write() as session:
                        result = wizard.save_step(session, clerk, app_id, step, pages[step], confirmed=["card.luhn"])
                    elapsed = (time.perf_counter() - started) * 1000
                    if not result.saved:
                        raise RuntimeError(f"bench data refused at {step}: {result.errors}")
                    if run:
                        samples[step].append(elapsed)
                started = time.perf_counter()
                with store.write() as session:
                    session.execute(
                        sa.update(AccountApplication).where(AccountApplication.id == app_id).values(current_step="x")
                    )
                if run:
                    baseline.append((time.perf_counter() - started) * 1000)
        finally:
            store.dispose()
    base = statistics.median(baseline)
    out = []
    for step, values in samples.items():
        value = statistics.median(values)
        out.append({
            "name": f"accounts.step.{step.value}", "value": round(value, 2), "unit": "ms",
            "baseline": round(base, 2), "ratio": round(value / base, 2) if base else None,
            "target": STEP_TARGET_MS, "ok": value <= STEP_TARGET_MS,
        })  # fmt: skip
    return out
