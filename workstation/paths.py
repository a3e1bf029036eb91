"""Where the workstation keeps its files: the one rule shared by the GUI and ``workstation-cli``.

Database target, in order of precedence:

1. ``--demo``: the demo database ``demo.db`` in the user data folder (never the real one);
2. ``--db URL`` (a SQLite file path or a ``postgresql://`` URL);
3. the environment variable ``WORKSTATION_DB``;
4. ``workstation.db`` in the user data folder
   (``platformdirs.user_data_dir("counter-workstation")``, e.g. ``~/.local/share/counter-workstation``
   on Linux, ``%LOCALAPPDATA%\\counter-workstation`` on Windows).

The GUI and the CLI make ``--db`` and ``--demo`` mutually exclusive. platformdirs is imported on
first use (start-up time).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "counter-workstation"
DB_ENV = "WORKSTATION_DB"
DB_FILENAME = "workstation.db"
DEMO_DB_FILENAME = "demo.db"


def data_dir() -> Path:
    """The per-user data folder (not created here; opening a SQLite store creates it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The workstation's own SQLite file when nothing else is given."""
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    """The demo database, beside the real one."""
    return data_dir() / DEMO_DB_FILENAME


def default_target(demo: bool = False, explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The database to open: ``--demo``, else ``--db``, else ``$WORKSTATION_DB``, else the default file."""
    if demo:
        return str(demo_db_path())
    env = os.environ if environ is None else environ
    return explicit or env.get(DB_ENV) or str(default_db_path())


def missing_db_file(db: str | None) -> Path | None:
    """The SQLite file an explicit ``--db`` names when it does not exist (a mistyped path would
    otherwise silently create a new, empty database), else None. URLs of other databases, the
    default path and ``--demo`` are not checked: they are created on first use."""
    if not db or ("://" in db and not db.startswith("sqlite")):
        return None
    text = db.split(":///", 1)[1] if db.startswith("sqlite") and ":///" in db else db
    if text in ("", ":memory:") or text.startswith("file:"):
        return None
    path = Path(text).expanduser()
    return None if path.exists() else path
