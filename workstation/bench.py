"""``workstation-cli bench``: benchmarks as JSON lines, one object per metric.

Every line has ``name, value, unit, baseline, ratio, target, ok`` (``baseline``/``ratio``/
``target`` may be null); a metric that could not be measured has ``value`` null, ``ok`` false and
an ``error`` text instead of crashing the run. Groups (select with ``--only``):

- ``demo``: seeding the temporary demo database (target < 3 s).
- ``core``: login service (argon2 verify + audit write) and client lookups by mobile and by
  pinyin on the 200-client demo database, in process.
- ``startup``: cold start of the GUI to the login window and to the main window (auto-login as the
  demo supervisor), each a subprocess ``python -m workstation.ui.app --probe-startup …``, against
  a bare ``QApplication`` + ``QMainWindow`` shown-and-painted subprocess measured in the same run.
  Wall time, median of ``--repeat`` runs after one warm-up. Target: ≤ 1.0 s and ≤ 4× baseline.
- ``encryption``: reception search p95, wizard step and sync push on an encrypted database
  against a plain one in the same run (:mod:`workstation.cipher_bench`).
- providers: modules in :data:`PROVIDERS` exposing ``metrics() -> list[dict]`` (group = the
  module's package name, e.g. ``printing``), skipped if not importable.

Qt runs only in subprocesses: this module does not import PySide6.
"""

from __future__ import annotations

import fnmatch
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

PROVIDERS: tuple[str, ...] = (
    "workstation.printing.bench",
    "workstation.printing.queue_bench",
    "workstation.gifts_bench",
    "workstation.reception_bench",
    "workstation.sync.bench",
    "workstation.accounts.bench",
    "workstation.hall_bench",
)
REQUIRED_KEYS = ("name", "value", "unit", "baseline", "ratio", "target", "ok")
STARTUP_TARGET_S = 1.0
STARTUP_MAX_RATIO = 4.0
GROUPS = ("demo", "core", "startup", "encryption")
DB_GROUPS = ("demo", "core", "startup")

BARE_QT_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])

class Window(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        QTimer.singleShot(0, app.quit)

window = Window()
window.resize(1280, 800)
window.show()
QTimer.singleShot(30000, lambda: app.exit(3))
sys.exit(app.exec())
"""
"""The baseline: the least a Qt app must do to put a painted main window on screen."""


@dataclass
class Metric:
    """One measurement; ``ok`` needs a value within ``target`` and within ``max_ratio`` × baseline."""

    name: str
    value: float | None
    unit: str
    baseline: float | None = None
    target: float | None = None
    max_ratio: float | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def ok(self) -> bool:
        if self.error is not None or self.value is None:
            return False
        if self.target is not None and self.value > self.target:
            return False
        ratio = self.ratio
        return not (self.max_ratio is not None and ratio is not None and ratio > self.max_ratio)

    def as_dict(self) -> dict[str, Any]:
        ratio = self.ratio
        result: dict[str, Any] = {
            "name": self.name,
            "value": _round(self.value),
            "unit": self.unit,
            "baseline": _round(self.baseline),
            "ratio": None if ratio is None else round(ratio, 2),
            "target": self.target,
            "ok": self.ok,
        }
        if self.max_ratio is not None:
            result["max_ratio"] = self.max_ratio
        if self.error is not None:
            result["error"] = self.error
        result.update(self.extra)
        return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# --- selection ----------------------------------------------------------------------------------


def selects(patterns: Sequence[str], name: str) -> bool:
    """Whether ``--only`` patterns pick metric or group ``name``: exact, dotted prefix, or glob."""
    if not patterns:
        return True
    return any(
        name == p or name.startswith(p + ".") or p.startswith(name + ".") or fnmatch.fnmatch(name, p) for p in patterns
    )


def group_selected(patterns: Sequence[str], group: str) -> bool:
    """Whether a built-in group has to run for ``patterns``."""
    return not patterns or any(selects([p], group) or "*" in p or "?" in p for p in patterns)


def provider_selected(patterns: Sequence[str], group: str) -> bool:
    """Providers name their metrics freely ("print.…" from workstation.printing.bench), so they run
    unless every pattern is about a built-in group."""
    return not patterns or any(group_selected([p], group) or not any(selects([p], g) for g in GROUPS) for p in patterns)


# --- running ------------------------------------------------------------------------------------


def run(*, only: Sequence[str] = (), repeat: int = 5, timeout: float = 60.0, out: IO[str] | None = None) -> int:
    """Run the selected benchmarks, writing JSON lines to ``out`` (stdout); 0 if every metric is ok."""
    stream = out or sys.stdout
    all_ok = True

    def emit(metrics: Iterable[Metric | dict[str, Any]]) -> None:
        nonlocal all_ok
        for metric in metrics:
            record = metric.as_dict() if isinstance(metric, Metric) else normalize(metric)
            if not selects(only, str(record["name"])):
                continue
            all_ok = all_ok and bool(record["ok"])
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            stream.flush()

    needs_db = any(group_selected(only, group) for group in DB_GROUPS if group in GROUPS)
    with tempfile.TemporaryDirectory(prefix="ws-bench-") as tmp:
        if needs_db:
            db_path = Path(tmp) / "demo.db"
            emit([seed_database(db_path)])
            if group_selected(only, "core"):
                emit(core_metrics(db_path, repeat))
            if group_selected(only, "startup"):
                emit(startup_metrics(db_path, repeat, timeout))
        if "encryption" in GROUPS and group_selected(only, "encryption"):
            emit(encryption_metrics())
        for provider in PROVIDERS:
            if provider_selected(only, provider.split(".")[-2]):
                emit(provider_metrics(provider))
    return 0 if all_ok else 1


def encryption_metrics() -> list[Metric | dict[str, Any]]:
    """Encrypted vs plain database in the same run (workstation/cipher_bench.py)."""
    from workstation import cipher_bench

    try:
        return list(cipher_bench.metrics())
    except Exception as exc:
        return [Metric("encryption", None, "", error=f"{type(exc).__name__}: {exc}")]


def normalize(record: dict[str, Any]) -> dict[str, Any]:
    """A provider's dict with every required key (missing ones null; ``ok`` false without a value)."""
    result = {key: record.get(key) for key in REQUIRED_KEYS}
    result["name"] = str(result["name"] or "unnamed")
    result["unit"] = str(result["unit"] or "")
    if result["ratio"] is None and isinstance(result["value"], int | float) and result["baseline"]:
        result["ratio"] = round(result["value"] / result["baseline"], 2)
    if result["ok"] is None:
        value, target = result["value"], result["target"]
        result["ok"] = value is not None and "error" not in record and (target is None or value <= target)
    result.update({k: v for k, v in record.items() if k not in result})
    return result


def provider_metrics(module_name: str) -> list[Metric | dict[str, Any]]:
    """``metrics()`` of an optional provider module; nothing if it does not exist yet."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            return []
        return [Metric(module_name, None, "", error=f"import failed: {exc}")]
    except Exception as exc:
        return [Metric(module_name, None, "", error=f"import failed: {type(exc).__name__}: {exc}")]
    try:
        records = list(module.metrics())
    except Exception as exc:
        return [Metric(module_name, None, "", error=f"{type(exc).__name__}: {exc}")]
    return [r if isinstance(r, dict) else Metric(module_name, None, "", error=f"not a dict: {r!r}") for r in records]


def seed_database(path: Path) -> Metric:
    """Create and seed the temporary demo database; the seeding time is the ``demo.seed`` metric."""
    from workstation.demo import seed_demo
    from workstation.store import open_store

    store = open_store(path)
    try:
        started = time.perf_counter()
        seed_demo(store)
        return Metric("demo.seed", time.perf_counter() - started, "s", target=3.0)
    finally:
        store.dispose()


# --- core ---------------------------------------------------------------------------------------


def _median_of(repeat: int, action: Callable[[], None], inner: int = 1) -> float:
    """Median seconds per call of ``action`` over ``repeat`` rounds of ``inner`` calls, after a warm-up."""
    action()
    rounds = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(inner):
            action()
        rounds.append((time.perf_counter() - started) / inner)
    return statistics.median(rounds)


def core_metrics(db_path: Path, repeat: int) -> list[Metric]:
    """Login service time and indexed client lookups on the demo database."""
    import sqlalchemy as sa

    from workstation.demo import DEMO_PASSWORD, SUPERVISOR_NO
    from workstation.models import Client
    from workstation.services import auth
    from workstation.services.clients import find_by_mobile, find_by_pinyin
    from workstation.services.identity import require_identity
    from workstation.store import open_store

    store = open_store(db_path)
    try:
        with store.read() as session:
            identity = require_identity(session)
            mobiles = list(session.scalars(sa.select(Client.mobile).order_by(Client.mobile)))
            initials = list(session.scalars(sa.select(Client.pinyin_initials).order_by(Client.pinyin_initials)))
        results: list[Metric] = []

        def login() -> None:
            auth.login(store, identity.branch_id, SUPERVISOR_NO, DEMO_PASSWORD, identity.workstation_id)

        results.append(Metric("core.login", _median_of(repeat, login) * 1000, "ms", target=500.0))

        with store.read() as session:
            step = iter(range(10**9))

            def by_mobile() -> None:
                found = find_by_mobile(session, mobiles[next(step) % len(mobiles)], identity.branch_id)
                assert found, "demo client not found by mobile"

            def by_pinyin() -> None:
                found = find_by_pinyin(session, initials[next(step) % len(initials)], identity.branch_id)
                assert found, "demo client not found by pinyin"

            per_mobile = _median_of(repeat, by_mobile, inner=len(mobiles))
            per_pinyin = _median_of(repeat, by_pinyin, inner=len(initials))
        results.append(
            Metric("core.lookup_mobile", per_mobile * 1000, "ms", target=5.0, extra={"clients": len(mobiles)})
        )
        results.append(
            Metric("core.lookup_pinyin", per_pinyin * 1000, "ms", target=10.0, extra={"clients": len(initials)})
        )
        return results
    finally:
        store.dispose()


# --- startup ------------------------------------------------------------------------------------


class ProbeFailed(Exception):
    """A start-up subprocess did not exit cleanly in time."""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    return env


def time_process(command: Sequence[str], timeout: float) -> float:
    """Wall-clock seconds from spawn to exit of ``command``.

    Raises:
        ProbeFailed: a non-zero exit (with the last line of stderr) or a timeout.
    """
    started = time.perf_counter()
    try:
        done = subprocess.run(
            list(command), env=_child_env(), capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        raise ProbeFailed(f"no exit within {timeout:g} s") from None
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        lines = [line for line in (done.stderr or "").splitlines() if line.strip()]
        raise ProbeFailed(f"exit code {done.returncode}: {lines[-1] if lines else 'no output'}")
    return elapsed


def probe_command(db_path: Path, stage: str) -> list[str]:
    return [sys.executable, "-m", "workstation.ui.app", "--db", str(db_path), "--probe-startup", stage]


def startup_metrics(db_path: Path, repeat: int, timeout: float) -> list[Metric]:
    """Bare Qt window, login window and main window: runs interleaved, median after one warm-up."""
    commands = {
        "startup.bare_qt": [sys.executable, "-c", BARE_QT_SCRIPT],
        "startup.login_window": probe_command(db_path, "login"),
        "startup.main_window": probe_command(db_path, "main"),
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    failures: dict[str, str] = {}
    for round_no in range(repeat + 1):
        for name, command in commands.items():
            if name in failures:
                continue
            try:
                elapsed = time_process(command, timeout)
            except (ProbeFailed, OSError) as exc:
                failures[name] = str(exc)
                continue
            if round_no > 0:  # round 0 warms the OS file cache and Python's bytecode cache
                samples[name].append(elapsed)
    baseline = statistics.median(samples["startup.bare_qt"]) if samples["startup.bare_qt"] else None
    results = [Metric("startup.bare_qt", baseline, "s", error=failures.get("startup.bare_qt"), extra={"runs": repeat})]
    for name in ("startup.login_window", "startup.main_window"):
        value = statistics.median(samples[name]) if samples[name] else None
        results.append(
            Metric(
                name,
                value,
                "s",
                baseline=baseline,
                target=STARTUP_TARGET_S,
                max_ratio=STARTUP_MAX_RATIO,
                error=failures.get(name),
                extra={"runs": len(samples[name]), "max": _round(max(samples[name])) if samples[name] else None},
            )
        )
    return results
