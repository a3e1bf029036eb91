"""Which version each workstation runs: reported at sync, listed for head office."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from tests.sync.conftest import Central
from workstation import __version__
from workstation.cli import main
from workstation.models import Workstation
from workstation.store import Store
from workstation.sync import versions
from workstation.sync.central import add_branch, central_engine
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]


def central_row(central: Central, name: str) -> sa.Row:  # type: ignore[type-arg]
    with central.engine.connect() as conn:
        return conn.execute(
            sa.select(Workstation.app_version, Workstation.last_seen_at, Workstation.version).where(
                Workstation.name == name
            )
        ).one()


def test_a_new_workstation_reports_its_version_and_is_seen_at_sync(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    assert run_once(ws, central.engine).status is SyncStatus.OK
    row = central_row(central, "ws1")
    assert row.app_version == __version__ and row.last_seen_at is not None
    first_seen = row.last_seen_at
    assert run_once(ws, central.engine).pushed == 0  # nothing new: no message per cycle
    assert central_row(central, "ws1").last_seen_at == first_seen  # stamped at most every 5 minutes


def test_an_upgraded_workstation_pushes_its_new_version_through_a_branch_login(
    central: Central, make_workstation: MakeWorkstation, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workstation("0101", "ws1")
    with central.engine.begin() as conn:
        role, password = add_branch(conn, "0101")
    role_url = sa.engine.make_url(central.url).set(username=role, password=password)
    engine = central_engine(role_url)
    try:
        assert run_once(ws, engine).status is SyncStatus.OK
        with central.engine.begin() as conn:  # seen long ago
            conn.execute(sa.update(Workstation).values(last_seen_at=sa.func.now() - sa.text("interval '1 hour'")))
        before = central_row(central, "ws1").last_seen_at
        monkeypatch.setattr(versions, "__version__", "0.2.0")  # the PC was upgraded
        outcome = run_once(ws, engine)
        assert outcome.status is SyncStatus.OK and outcome.pushed == 1, outcome
    finally:
        engine.dispose()
    row = central_row(central, "ws1")
    assert row.app_version == "0.2.0" and row.last_seen_at > before  # the branch role may stamp its own row


def test_head_office_lists_versions_per_branch(
    central: Central, make_workstation: MakeWorkstation, capsys: pytest.CaptureFixture[str]
) -> None:
    for code, name in (("0101", "ws1"), ("0101", "ws2"), ("0202", "sh1")):
        run_once(make_workstation(code, name), central.engine)
    rows = versions.list_workstations(central.engine)
    assert [(r.branch_code, r.number, r.name, r.app_version) for r in rows] == [
        ("0101", 1, "ws1", __version__), ("0101", 2, "ws2", __version__), ("0202", 1, "sh1", __version__),
    ]  # fmt: skip
    url = sa.engine.make_url(central.url).render_as_string(hide_password=False)
    assert main(["central", "workstations", "--central", url, "--branch", "0202"]) == 0
    out = capsys.readouterr().out
    assert "sh1" in out and __version__ in out and "ws1" not in out and "共 1 台工作站" in out
