"""The core never imports Qt: only workstation.ui may (style §1; ruff TID251 checks the source).

This checks what actually gets imported, in a fresh interpreter, so an indirect import (a core
module importing a helper that imports PySide6) is caught too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import workstation

QT_PACKAGES = ("workstation.ui",)
"""The only places allowed to import PySide6."""

PROBE = r"""
import importlib, json, sys
found = {}
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6.") or m == "shiboken6")
    if qt:
        found[name] = qt
        break
print(json.dumps({"qt": found, "imported": sorted(m for m in sys.modules if m.startswith("workstation"))}))
"""


def core_modules() -> list[str]:
    """Every module of the package outside QT_PACKAGES, found on disk (importing nothing here).

    Migration scripts are left out: Alembic runs them, they cannot be imported on their own.
    """
    root = Path(workstation.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = ("workstation", *path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if name.startswith(QT_PACKAGES) or name.startswith("workstation.migrations."):
            continue
        names.append(name)
    return names


def test_core_modules_are_found() -> None:
    names = core_modules()
    for expected in ("workstation.store", "workstation.migrate", "workstation.outbox", "workstation.models.base"):
        assert expected in names
    assert not [n for n in names if n.startswith("workstation.ui")]


def test_importing_the_whole_core_loads_no_qt() -> None:
    names = core_modules()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(names)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["qt"] == {}, f"importing {next(iter(report['qt']))} loaded Qt: {report['qt']}"
    assert set(names) <= set(report["imported"])
