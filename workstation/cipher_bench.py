"""What encrypting the local database costs (``workstation-cli bench --only encryption``).

Each metric is measured on an encrypted file and, in the same run, on a plain file built the same
way (the baseline; ``open_store(encrypted=False)`` exists for this and for tests only):

- ``encryption.search_p95``: reception check-in search p95 (mobile, last four + surname, code,
  name, pinyin) on ``clients``/``appointments`` rows (reception_bench's database);
- ``encryption.wizard_step``: mean over the transfer-in wizard's steps of the median save time
  (accounts.bench);
- ``encryption.sync_push``: pushing 10,000 outbox messages to a real PostgreSQL (sync.bench).

Target: at most 1.5× the plain database (SQLCipher encrypts pages with AES-256 and checks an
HMAC per page read; the key is raw, so no KDF at connect).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

MAX_RATIO = 1.5
CLIENTS = 50_000
APPOINTMENTS = 20_000


def _metric(name: str, value: float, baseline: float, unit: str, **extra: Any) -> dict[str, Any]:
    ratio = value / baseline if baseline > 0 else None
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "baseline": round(baseline, 4),
        "ratio": None if ratio is None else round(ratio, 2),
        "target": None,
        "max_ratio": MAX_RATIO,
        "ok": ratio is not None and ratio <= MAX_RATIO,
        **extra,
    }


def search_p95(folder: Path, *, encrypted: bool, clients: int, appointments: int) -> float:
    from workstation import reception_bench as rb
    from workstation.services import reception
    from workstation.store import open_store

    path = folder / ("enc.db" if encrypted else "plain.db")
    built = rb.build_database(path, clients=clients, appointments=appointments, encrypted=encrypted)
    texts = rb.queries(built["samples"], random.Random(7))
    store = open_store(path, encrypted=encrypted)
    try:

        def search(text: str) -> object:
            with store.read() as session:
                return reception.find_appointments(session, built["branch_id"], text)

        for text in texts["name"][:5]:
            search(text)
        samples = [ms for kind in rb.KINDS for ms in rb._timed_each(texts[kind], search)]
    finally:
        store.dispose()
    return float(rb._p95(samples))


def wizard_step_ms(*, encrypted: bool, runs: int) -> float:
    from workstation.accounts import bench

    return statistics.mean(float(m["value"]) for m in bench.metrics(runs, encrypted=encrypted))


def push_s(folder: Path, *, encrypted: bool) -> float:
    from workstation.sync import bench

    with bench._server() as admin_url:
        sub = folder / ("push-enc" if encrypted else "push-plain")
        sub.mkdir()
        return float(bench.push_metric(admin_url, sub, encrypted=encrypted)["value"])


def metrics(*, clients: int = CLIENTS, appointments: int = APPOINTMENTS, runs: int = 3) -> list[dict[str, Any]]:
    """The three encrypted-vs-plain metrics (each measured plain first, then encrypted)."""
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ws-cipher-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        plain = search_p95(folder, encrypted=False, clients=clients, appointments=appointments)
        enc = search_p95(folder, encrypted=True, clients=clients, appointments=appointments)
        out.append(_metric("encryption.search_p95", enc, plain, "ms", clients=clients, appointments=appointments))
        out.append(_metric("encryption.wizard_step", wizard_step_ms(encrypted=True, runs=runs),
                           wizard_step_ms(encrypted=False, runs=runs), "ms"))  # fmt: skip
        try:
            plain_push = push_s(folder, encrypted=False)
            out.append(_metric("encryption.sync_push", push_s(folder, encrypted=True), plain_push, "s", rows=10_000))
        except Exception as exc:  # no PostgreSQL here: reported, not crashed
            out.append({"name": "encryption.sync_push", "value": None, "unit": "s", "ok": False, "error": str(exc)})
        out[-1]["bench_s"] = round(time.perf_counter() - started, 1)
    return out
