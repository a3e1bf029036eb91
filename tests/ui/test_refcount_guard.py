"""The guard against PySide6 6.12's lost references to None (Python 3.11): without it a process
that makes enough void Qt calls aborts with "deallocating None"; with it, it exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from workstation.ui import refcount_guard

SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
if sys.argv[1] == "guard":
    from workstation.ui.refcount_guard import keep_none_alive
    keep_none_alive()
label = QLabel()
for i in range(20_000):
    label.setText(str(i))
print("done")
"""


def run(mode: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.skipif(not refcount_guard.needed(), reason="None is immortal from Python 3.12, or PySide6 is fixed")
def test_many_void_qt_calls_exit_cleanly_with_the_guard() -> None:
    guarded = run("guard")
    assert guarded.returncode == 0 and "done" in guarded.stdout, guarded.stderr[-500:]


def test_the_guard_tops_up_only_when_low() -> None:
    before = sys.getrefcount(None)
    refcount_guard.keep_none_alive()
    after = sys.getrefcount(None)
    if refcount_guard.needed():
        assert after >= refcount_guard.LOW_WATER
        refcount_guard.keep_none_alive()
        assert sys.getrefcount(None) - after < refcount_guard.CHUNK // 2  # no second chunk when high
    else:
        assert abs(after - before) < 100


def test_the_guard_runs_exactly_where_pyside_loses_references() -> None:
    if sys.version_info >= (3, 12):
        assert not refcount_guard.needed()
    else:
        assert refcount_guard.needed() == refcount_guard.loses_references()


def test_topping_up_pins_no_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    if not refcount_guard.needed():
        pytest.skip("no guard on this Python/PySide6")
    monkeypatch.setattr(refcount_guard, "LOW_WATER", sys.getrefcount(None) + 10)  # as if worn down
    before = sys.getrefcount(None)
    tracemalloc.start()
    try:
        refcount_guard.keep_none_alive()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sys.getrefcount(None) - before >= refcount_guard.CHUNK - 1000
    assert peak < 100_000  # not the 8 MB list of the old guard
