"""The ``workstation`` command: --help, lazy start-up imports, screenshots, start-up probes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workstation.ui.app import build_parser

PAGES = ["reception", "accounts", "gifts", "documents", "sync", "reports"]


def run_app(*args: str, tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        HOME=str(tmp_path / "home"),
    )
    env.pop("WORKSTATION_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "workstation.ui.app", *args],
        env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def test_help_lists_the_options(tmp_path: Path) -> None:
    result = run_app("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    for option in ("--db", "--demo", "--lang", "--screenshot"):
        assert option in result.stdout
    assert "--probe-startup" not in result.stdout  # hidden


def test_db_and_demo_are_exclusive() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--db", "x.db", "--demo"])


def test_startup_imports_stay_lazy() -> None:
    code = (
        "import sys, workstation.ui.app as a, workstation.ui.flow, workstation.ui.login, workstation.ui.theme;"
        "names = ('sqlalchemy', 'alembic', 'reportlab', 'keyring', 'openpyxl', 'argon2');"
        "heavy = [m for m in names if m in sys.modules];"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One screenshot run; it also leaves a seeded demo database under the returned home."""
    base = tmp_path_factory.mktemp("shots")
    result = run_app("--demo", "--screenshot", str(base / "out"), tmp_path=base)
    return result, base


def test_screenshot_mode_writes_one_png_per_page(screenshots) -> None:
    result, base = screenshots
    folder = base / "out"
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.glob("*.png"))
    stems = [name.split("-", 1)[1].removesuffix(".png") for name in names]
    assert stems[0] == "login"
    assert stems[1:7] == PAGES
    for path in folder.glob("*.png"):
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 2_000


@pytest.mark.parametrize("stage", ["login", "main"])
def test_startup_probe_exits_zero(screenshots, stage: str) -> None:
    result = run_app("--demo", "--probe-startup", stage, tmp_path=screenshots[1], timeout=60)
    assert result.returncode == 0, result.stderr


def test_store_error_in_unattended_mode_exits_non_zero_without_blocking(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 100)
    result = run_app("--db", str(bad), "--probe-startup", "main", tmp_path=tmp_path, timeout=60)
    assert result.returncode == 3
    assert "数据库文件已损坏" in result.stderr
