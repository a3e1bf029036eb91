"""Gift benchmark for ``workstation-cli bench`` (issue 6): issue a gift and render its receipt.

On a temporary demo database (SQLite, as at the counter), each run is what the clerk's "发放"
does end to end: one write transaction that checks eligibility, locks and takes the stock,
records the issue, numbers and renders the 礼品领取签收单 PDF, and commits. The first run (imports,
fonts) is a warm-up; the metric is the median of the rest, against a bare ``BEGIN IMMEDIATE``
write transaction on the same database as the baseline.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ISSUE_TARGET_MS = 200.0
RUNS = 15


def metrics(runs: int = RUNS) -> list[dict[str, Any]]:
    """``[{"name", "value", "unit", "baseline", "ratio", "target", "ok", ...}]``."""
    import sqlalchemy as sa

    from workstation.demo import SUPERVISOR_NO, seed_demo
    from workstation.domain import ApplicationKind, ApplicationStatus, ClientStatus
    from workstation.models import AccountApplication, Branch, Client, Gift, Staff
    from workstation.services import gifts, gifts_receipt
    from workstation.services.auth import actor_for
    from workstation.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        try:
            summary = seed_demo(store, clients=60, appointments=5)
            with store.write() as session:
                branch = session.scalars(sa.select(Branch)).one()
                clerk = session.scalars(sa.select(Staff).where(Staff.staff_no == "C001")).one()
                reviewer = session.scalars(sa.select(Staff).where(Staff.staff_no == SUPERVISOR_NO)).one()
                actor = actor_for(clerk, branch, summary.identity.workstation_id)
                gift_id = session.scalars(sa.select(Gift.id).where(Gift.sku == "XKYL-FBD")).one()
                clients = session.scalars(
                    sa.select(Client).where(Client.status == ClientStatus.PROSPECT, Client.mobile != "").limit(runs + 1)
                ).all()
                for client in clients:
                    session.add(
                        AccountApplication(
                            branch_id=branch.id,
                            kind=ApplicationKind.NEW_ACCOUNT,
                            status=ApplicationStatus.SUBMITTED,
                            client_id=client.id,
                            clerk_id=clerk.id,
                        )
                    )
                client_ids = [c.id for c in clients]
                reviewer_id = reviewer.id

            samples = []
            for client_id in client_ids:
                start = time.perf_counter()
                with store.write() as session:
                    outcome = gifts.issue(session, actor, client_id, gift_id, request_id=uuid.uuid4())
                    gifts_receipt.create_receipt(session, actor, outcome.issue.issue_id, reviewer_id)
                samples.append((time.perf_counter() - start) * 1000)
            baseline = []
            for _ in range(len(client_ids)):
                start = time.perf_counter()
                with store.write() as session:
                    session.execute(sa.text("SELECT 1"))
                baseline.append((time.perf_counter() - start) * 1000)
        finally:
            store.dispose()
    value = statistics.median(samples[1:])
    base = statistics.median(baseline[1:])
    return [
        {
            "name": "gifts.issue_and_receipt",
            "value": round(value, 2),
            "unit": "ms",
            "baseline": round(base, 3),
            "ratio": round(value / base, 1) if base > 0 else None,
            "target": ISSUE_TARGET_MS,
            "ok": value <= ISSUE_TARGET_MS,
            "first_ms": round(samples[0], 2),
            "max_ms": round(max(samples[1:]), 2),
            "runs": len(samples) - 1,
        }
    ]


if __name__ == "__main__":
    import json

    for line in metrics():
        print(json.dumps(line, ensure_ascii=False))
