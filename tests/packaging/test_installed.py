"""The installed .deb: files and menu entry, a start with no Python of ours, the screenshot tour,
size and cold start against the development install.

Runs against ``/opt/counter-workstation`` as installed by ``packaging/smoke-deb.sh``, which sets
``WORKSTATION_REQUIRE_PACKAGE`` (CI: the last step of .ci/run, ``packaging/build-deb.sh --smoke``).
Without that variable the tests skip, so the main suite never tests a stale install. The app runs
with a scrubbed environment (``env -i``-like: no PYTHONPATH, no virtualenv on PATH, a fresh HOME),
so it can only use what the bundle carries.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workstation import __version__

OPT = Path("/opt/counter-workstation")
EXE = OPT / "counter-workstation"
PAGES = ("login", "reception", "accounts", "gifts", "documents", "sync", "reports")
"""Pages the screenshot tour must have saved (its file names are ``NN-<page>.png``)."""


@pytest.fixture(scope="module")
def installed() -> Path:
    if not os.environ.get("WORKSTATION_REQUIRE_PACKAGE"):  # an old install would test stale files
        pytest.skip("run by packaging/build-deb.sh --smoke right after installing the fresh .deb")
    if not EXE.exists():
        pytest.fail(f"WORKSTATION_REQUIRE_PACKAGE is set but {EXE} is not installed (packaging/smoke-deb.sh)")
    return EXE


def in_session_keyring(command: list[str]) -> list[str]:
    """``command`` in a desktop-like session with a real Secret Service (gnome-keyring), which the
    encrypted database needs for its key, as scripts/demo.sh does on a machine without one."""
    unlock = 'printf demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"'
    return ["dbus-run-session", "--", "bash", "-c", unlock, "_", *command]


def clean_env(home: Path) -> dict[str, str]:
    """What a desktop session gives a menu entry: no Python, no virtualenv, a fresh home."""
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "WORKSTATION_PRINT_ONLY_TO": os.environ.get("WORKSTATION_PRINT_ONLY_TO", "PDF"),
    }


def test_the_package_installs_the_bundle_a_command_and_a_menu_entry(installed: Path) -> None:
    status = subprocess.run(["dpkg-query", "-W", "-f=${Version} ${Status}", "counter-workstation"],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert status == f"{__version__} install ok installed"
    assert os.access("/usr/bin/counter-workstation", os.X_OK) and os.access("/usr/bin/counter-workstation-cli", os.X_OK)
    entry = configparser.ConfigParser(interpolation=None)
    entry.read("/usr/share/applications/counter-workstation.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "counter-workstation" and desktop["Name[zh_CN]"] == "证券营业部前台工作站"
    assert Path(f"/usr/share/icons/hicolor/scalable/apps/{desktop['Icon']}.svg").exists()
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", "/usr/share/applications/counter-workstation.desktop"], check=True)


def test_the_bundle_carries_its_own_python(installed: Path, tmp_path: Path) -> None:
    assert list((OPT / "_internal").glob("libpython3*.so*")), "no bundled libpython"
    out = subprocess.run(["/usr/bin/counter-workstation", "--version"], env=clean_env(tmp_path),
                         capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    assert out.stdout.strip() == f"workstation {__version__}"
    forms = subprocess.run(["/usr/bin/counter-workstation-cli", "render", "--list"], env=clean_env(tmp_path),
                           capture_output=True, text=True, timeout=60, check=True).stdout  # fmt: skip
    assert "证券开户申请表" in forms
    pdf = tmp_path / "a.pdf"
    subprocess.run(["/usr/bin/counter-workstation-cli", "render", "appointment", "--sample", "--out", str(pdf)],
                   env=clean_env(tmp_path), capture_output=True, timeout=60, check=True)  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF-")  # ReportLab and the bundled fonts are in the bundle


def test_the_installed_app_starts_and_shows_every_page(installed: Path, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    started = time.monotonic()
    env = {k: v for k, v in clean_env(tmp_path).items() if k != "PYTHON_KEYRING_BACKEND"}  # the real one
    command = in_session_keyring(["/usr/bin/counter-workstation", "--demo", "--screenshot", str(shots)])
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-2000:]
    saved = sorted(p.name for p in shots.glob("*.png"))
    for page in PAGES:
        assert any(name.endswith(f"-{page}.png") for name in saved), (page, saved)
    from PIL import Image

    for name in saved:
        with Image.open(shots / name) as image:
            low, high = image.convert("L").getextrema()
            assert image.width >= 300 and high - low > 50, f"{name} looks blank"
    print(f"screenshot tour of the installed app: {len(saved)} pages in {time.monotonic() - started:.1f} s")


def _median_start(command: list[str], env: dict[str, str], runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*command, "--probe-startup", "login"], env=env, capture_output=True, timeout=120, check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _size_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 1024


def test_size_and_cold_start_against_the_development_install(installed: Path, tmp_path: Path) -> None:
    """Measured, printed and written to build/packaging-metrics.json; asserts only sanity bounds."""
    dev_script = Path(sys.executable).with_name("workstation")
    if not dev_script.exists():
        pytest.skip("no development install (the venv's workstation script) to compare with")
    bundle_s = _median_start(["/usr/bin/counter-workstation"], clean_env(tmp_path / "b"))
    dev_env = dict(os.environ) | {"HOME": str(tmp_path / "d"), "QT_QPA_PLATFORM": "offscreen"}
    dev_s = _median_start([str(dev_script)], dev_env)
    site = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
    metrics = {
        "bundle_mb": round(_size_mb(OPT), 1),
        "dev_site_packages_mb": round(_size_mb(site), 1),
        "bundle_start_login_s": round(bundle_s, 3),
        "dev_start_login_s": round(dev_s, 3),
    }
    print("packaging metrics:", json.dumps(metrics))
    out = Path(__file__).resolve().parents[2] / "build"
    out.mkdir(exist_ok=True)
    (out / "packaging-metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    assert metrics["bundle_mb"] < 600 and bundle_s < 30
