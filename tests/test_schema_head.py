"""The start-up fast path trusts workstation.migrations.HEAD: it must be the real head revision."""

from __future__ import annotations

import subprocess
import sys

from alembic.script import ScriptDirectory

from workstation.migrate import alembic_config
from workstation.migrations import HEAD


def test_head_constant_is_the_newest_revision() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path) -> None:
    db = tmp_path / "ws.db"
    code = (
        "import sys\n"
        "from workstation.store import open_store\n"
        f"open_store({str(db)!r}).dispose()\n"  # creates and migrates: Alembic needed
        "for name in [m for m in sys.modules if m == 'alembic' or m.startswith(('alembic.', 'mako'))]:\n"
        "    del sys.modules[name]\n"
        f"open_store({str(db)!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m == 'alembic' or m.startswith('alembic.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
