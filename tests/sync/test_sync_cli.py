"""``workstation-cli central …`` and ``workstation-cli sync``; the password lives in the keyring only."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import pytest
import sqlalchemy as sa
from keyring.backend import KeyringBackend

from tests.conftest import fresh_pg_url
from tests.sync.conftest import Central
from tests.sync.helpers import add_clients
from workstation import cipher, errors
from workstation import pgserver as pg
from workstation.cli import main
from workstation.store import Store
from workstation.sync import credentials
from workstation.sync.cli import EXIT_OFFLINE

MakeWorkstation = Callable[[str, str], Store]


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict; local database keys (workstation.cipher) stay with the previous backend."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, databases: KeyringBackend | None = None) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.databases = databases

    def get_password(self, service: str, username: str) -> str | None:
        if service == cipher.SERVICE and self.databases is not None:
            return self.databases.get_password(service, username)
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if service == cipher.SERVICE and self.databases is not None:
            self.databases.set_password(service, username, password)
            return
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring(previous)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def test_central_init_then_sync_from_the_command_line(
    pg_server: pg.PgServer, pg_template: str, central: Central, make_workstation: MakeWorkstation,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    empty = fresh_pg_url(pg_server, "template0")
    assert main(["central", "init", "--central", plain(empty)]) == 0
    assert "中心数据库已就绪" in capsys.readouterr().out
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 2)
    assert ws.path is not None
    assert main(["--db", str(ws.path), "sync", "--central", plain(central.url)]) == 0
    assert capsys.readouterr().out.startswith("ok: pushed 5 / pulled 0 / quarantined 0 / pending 0")


def test_sync_offline_exits_3(make_workstation: MakeWorkstation, capsys: pytest.CaptureFixture[str]) -> None:
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 1)
    code = main(["--db", str(ws.path), "sync", "--central", f"postgresql://x@127.0.0.1:{pg.free_port()}/c"])
    assert code == EXIT_OFFLINE
    assert capsys.readouterr().out.startswith("offline: pushed 0")


def test_add_branch_and_login_keep_the_password_out_of_files(
    central: Central, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], tmp_path: Any,
) -> None:  # fmt: skip
    assert main(["central", "add-branch", "0101", "--central", plain(central.url)]) == 0
    out = capsys.readouterr().out
    role = out.split("：")[1].splitlines()[0]
    password = out.strip().splitlines()[-1].split("：")[-1]
    assert role == "ws_branch_0101" and len(password) >= 24
    branch_url = plain(sa.engine.make_url(central.url).set(username=role).render_as_string())
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["central", "login", "--central", branch_url, "--password-stdin"]) == 0
    assert password not in capsys.readouterr().out
    assert list(memory_keyring.entries.values()) == [password]
    resolved = credentials.with_password(sa.engine.make_url(branch_url))
    assert resolved.password == password
    assert password not in repr(resolved) and password not in str(resolved)
    assert credentials.delete_password(resolved) and not credentials.delete_password(resolved)


def test_without_a_keyring_the_error_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(errors.KeyringUnavailable):
            credentials.save_password(sa.engine.make_url("postgresql://u@h/d"), "secret")
    finally:
        keyring.set_keyring(previous)


def test_add_branch_refuses_an_unknown_branch(central: Central) -> None:
    from workstation.sync.central import add_branch

    with pytest.raises(errors.BranchUnknown), central.engine.begin() as conn:
        add_branch(conn, "9999")


def test_sync_with_rows_quarantined_in_the_cycle_exits_4(
    central: Central, make_workstation: MakeWorkstation, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.sync.test_status import quarantine_one
    from workstation.sync.cli import EXIT_QUARANTINED

    ws = quarantine_one(central, make_workstation)
    capsys.readouterr()
    assert main(["--db", str(ws.path), "sync", "--central", plain(central.url)]) == EXIT_QUARANTINED
    assert capsys.readouterr().out.startswith("quarantined: pushed")
    assert main(["--db", str(ws.path), "sync", "--central", plain(central.url)]) == 0  # nothing new refused


def test_add_branch_sets_the_connection_limit(central: Central, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["central", "add-branch", "0202", "--connection-limit", "7", "--central", plain(central.url)]) == 0
    capsys.readouterr()
    with central.engine.connect() as conn:
        limit = conn.exec_driver_sql("SELECT rolconnlimit FROM pg_roles WHERE rolname = 'ws_branch_0202'").scalar()
    assert limit == 7
