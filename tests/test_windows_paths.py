"""Windows-specific paths in the code, checked here by faking the platform where that is honest.

What these tests prove and what they cannot (see docs/packaging.md, "Not tested here"):

- platformdirs: the Windows implementation run with its environment-variable folder lookup (the
  real one asks the shell through ctypes, absent here) puts the database under LOCALAPPDATA,
  *not* the roaming AppData that can be redirected to a network share (SQLite WAL must not be).
- keyring: the Windows Credential Manager backend exists in the installed keyring and every
  secret we store fits its 2560-byte blob limit (UTF-16); the vault itself cannot be reached.
- printing: on Windows documents print through Qt (QtPrintBackend) and a slip printer's raw queue
  through the Windows spooler (python-escpos Win32Raw), not ``lp``.
- fonts/resources: found relative to the package, the same in a PyInstaller bundle on either OS.
"""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest

from workstation import paths
from workstation.printing import spool, thermal


def test_the_database_lives_in_local_not_roaming_appdata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\clerk\AppData\Local")
    monkeypatch.setenv("APPDATA", r"C:\Users\clerk\AppData\Roaming")
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", platformdirs.windows.get_win_folder_from_env_vars)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(
        platformdirs, "user_data_dir", lambda *a, **k: platformdirs.windows.Windows(*a, **k).user_data_dir
    )
    folder = PureWindowsPath(str(paths.data_dir()))
    assert folder == PureWindowsPath(r"C:\Users\clerk\AppData\Local\counter-workstation")
    assert "Roaming" not in folder.parts


def test_secrets_fit_the_windows_credential_manager() -> None:
    from keyring.backends import Windows

    from workstation.sync import credentials

    with pytest.raises(RuntimeError, match="Requires Windows"):  # shipped with keyring, viable only there
        Windows.WinVaultKeyring.priority  # noqa: B018
    import secrets

    password = secrets.token_urlsafe(24)  # what central add-branch generates (workstation/sync/central.py)
    assert len(password.encode("utf-16-le")) <= 2560
    target = f"{'u' * 63}@{'h' * 100}:5432/{'d' * 63}@{credentials.SERVICE}"  # WinVault target name
    assert len(target) < 32767  # CRED_MAX_GENERIC_TARGET_NAME_LENGTH


def test_windows_prints_documents_through_qt_and_slips_through_the_spooler(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(spool.BACKEND_ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    assert spool.backend_choice() == "qt"
    ran: list[object] = []
    monkeypatch.setattr(spool.CupsBackend, "_run", lambda self, args, stdin=None: ran.append(args))
    with pytest.raises(thermal.ThermalUnreachable, match="queue:Ticket"):  # no pywin32 here
        thermal.send(b"\x1b@", thermal.ThermalTarget.parse("queue:Ticket"))
    assert ran == []  # never lp on Windows


def test_resources_are_found_beside_the_package_as_in_a_bundle() -> None:
    from workstation.printing import fonts

    here = Path(paths.__file__).resolve().parents[1]
    assert fonts.fonts_dir() == here / "resources" / "fonts"
    assert (fonts.fonts_dir() / "wqy-microhei.ttc").exists()
