"""workstation-cli: help everywhere, db upgrade/status, demo, plugins, and every expected error as a
Chinese message on stderr with exit code 2 — never a traceback."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tests import dbfiles
from workstation import cli, paths
from workstation.migrate import SchemaPlan
from workstation.migrations import HEAD


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_clean_error(code: int, err: str, fragment: str) -> None:
    assert code == cli.EXIT_ERROR
    assert fragment in err
    assert "Traceback" not in err


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder (platformdirs honours XDG_DATA_HOME on Linux) and no WORKSTATION_DB."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    return tmp_path / "xdg" / paths.APP_NAME


@pytest.mark.parametrize(
    "argv",
    [[], ["db"], ["db", "upgrade"], ["db", "status"], ["demo"], ["bench"], ["render"]],
    ids=lambda argv: " ".join(argv) or "top",
)
def test_help_everywhere(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    if argv[:1] == ["render"] and importlib.util.find_spec("workstation.printing.cli") is None:
        pytest.skip("the printing plugin is not there yet")
    code, out, _ = run(capsys, *argv, "--help")
    assert code == 0
    assert "usage: workstation-cli" in out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == cli.EXIT_ERROR and "COMMAND" in out


def test_db_and_demo_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "x.db", "--demo", "db", "status")
    assert code == 2 and "not allowed" in err


def test_paths_rule(isolated_data_dir: Path) -> None:
    assert paths.data_dir() == isolated_data_dir
    assert paths.default_target(environ={}) == str(isolated_data_dir / "workstation.db")
    assert paths.default_target(environ={paths.DB_ENV: "/env.db"}) == "/env.db"
    assert paths.default_target(explicit="/x.db", environ={paths.DB_ENV: "/env.db"}) == "/x.db"
    assert paths.default_target(demo=True, environ={paths.DB_ENV: "/env.db"}) == str(isolated_data_dir / "demo.db")
    assert paths.demo_db_path().parent == paths.default_db_path().parent


def test_status_upgrade_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "ws.db")
    code, out, _ = run(capsys, "--db", db, "db", "status", "--check")
    assert code == cli.EXIT_PENDING and "尚未创建" in out
    assert not Path(db).exists()  # status never creates anything
    code, out, _ = run(capsys, "--db", db, "db", "upgrade")
    assert code == 0 and "已初始化新数据库" in out
    code, out, _ = run(capsys, "--db", db, "db", "upgrade")
    assert code == 0 and "无需升级" in out
    code, out, _ = run(capsys, "--db", db, "db", "status", "--check")
    assert code == 0 and "已是最新" in out and f"当前版本：{HEAD}" in out


def test_upgrade_reports_the_backup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "ws.db"
    assert cli.main(["--db", str(db), "db", "upgrade"]) == 0
    # pretend the file is one revision behind: open_store then backs it up before migrating
    from workstation import migrate, store

    real_open = store.open_store
    monkeypatch.setattr(migrate, "inspect_schema", lambda engine: SchemaPlan(current="0000", head="0001"))

    def open_store(target: str, *, upgrade: bool = True) -> store.Store:
        opened = real_open(target, upgrade=False)
        if upgrade:
            opened.backups.append(store.backup_sqlite(db, "0000", keep=5))
        return opened

    monkeypatch.setattr(store, "open_store", open_store)
    code, out, _ = run(capsys, "--db", str(db), "db", "upgrade")
    assert code == 0 and "从版本 0000 升级到 0001" in out and "升级前备份：" in out
    backup = Path(out.split("升级前备份：")[1].strip())
    assert backup.exists() and backup.name.startswith("ws.db.backup-")


def test_demo_seeds_then_refuses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    code, out, _ = run(capsys, "--db", db, "demo", "--clients", "15", "--appointments", "6")
    assert code == 0 and "演示数据已生成" in out and "客户 15 名" in out and "S001" in out
    code, _, err = run(capsys, "--db", db, "demo")
    assert_clean_error(code, err, "已有营业部数据")


def test_demo_without_db_uses_the_demo_file(capsys: pytest.CaptureFixture[str], isolated_data_dir: Path) -> None:
    code, out, _ = run(capsys, "demo", "--clients", "5", "--appointments", "2")
    assert code == 0 and str(isolated_data_dir / "demo.db") in out
    assert not (isolated_data_dir / "workstation.db").exists()
    code, out, _ = run(capsys, "--demo", "db", "status")
    assert code == 0 and "已是最新" in out


# --- errors: message on stderr, exit 2, no traceback ---------------------------------------------


def test_corrupt_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "--db", str(bad), "db", "upgrade")
    assert_clean_error(code, err, "已损坏")
    assert bad.read_bytes().startswith(b"this is not")


def test_locked_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    assert cli.main(["--db", str(db), "db", "upgrade"]) == 0
    holder = dbfiles.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, "--db", str(db), "demo")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_clean_error(code, err, "正被其他程序占用")


def test_read_only_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "ws.db"
    assert cli.main(["--db", str(db), "db", "upgrade"]) == 0
    db.chmod(0o444)
    if os.geteuid() == 0:  # root ignores file modes: make the check see what a clerk's account would
        from workstation import store

        real_access = os.access
        monkeypatch.setattr(
            store.os, "access", lambda p, mode: False if mode == os.W_OK and str(p) == str(db) else real_access(p, mode)
        )
    try:
        code, _, err = run(capsys, "--db", str(db), "demo")
    finally:
        db.chmod(0o644)
    assert_clean_error(code, err, "不可写")


def test_unreachable_postgresql(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "postgresql://127.0.0.1:1/x", "db", "status")
    assert_clean_error(code, err, "无法连接数据库")


def test_newer_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "ws.db"
    assert cli.main(["--db", str(db), "db", "upgrade"]) == 0
    with dbfiles.connect(db) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    for command in (["db", "status"], ["db", "upgrade"], ["demo"]):
        code, _, err = run(capsys, "--db", str(db), *command)
        assert_clean_error(code, err, "比本程序新")
    code, _, err = run(capsys, "--lang", "en", "--db", str(db), "db", "status")
    assert_clean_error(code, err, "newer than this program")


def test_console_script_reports_errors_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("garbage")
    script = Path(sys.executable).with_name("workstation-cli")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "workstation.cli"]
    done = subprocess.run([*command, "--db", str(bad), "db", "status"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "已损坏" in done.stderr and "Traceback" not in done.stderr


def test_unexpected_errors_are_short_unless_debug(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(_args: object) -> int:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(cli, "cmd_db_status", boom)
    code, _, err = run(capsys, "db", "status")
    assert code == 1 and "内部错误" in err and "Traceback" not in err
    code, _, err = run(capsys, "--debug", "db", "status")
    assert code == 1 and "Traceback" in err


# --- plugins ------------------------------------------------------------------------------------


def test_missing_plugin_is_skipped_silently(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "PLUGIN_MODULES", ("workstation.no_such_plugin", "workstation.printing.no_cli"))
    code, _, err = run(capsys, "--help")
    assert code == 0 and err == ""


def test_plugin_adds_a_subcommand(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = types.ModuleType("workstation_test_plugin")

    def register(subparsers: object) -> None:
        parser = subparsers.add_parser("hello", help="测试命令")  # type: ignore[attr-defined]
        parser.set_defaults(func=lambda args: print("你好") or 0)

    plugin.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workstation_test_plugin", plugin)
    monkeypatch.setattr(cli, "PLUGIN_MODULES", ("workstation_test_plugin",))
    code, out, _ = run(capsys, "hello")
    assert code == 0 and "你好" in out


def test_broken_plugin_warns_and_the_cli_still_works(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "broken_plugin_mod.py").write_text("raise RuntimeError('oops')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cli, "PLUGIN_MODULES", ("broken_plugin_mod",))
    code, out, err = run(capsys, "--db", str(tmp_path / "x.db"), "db", "status")
    assert code == 0 and "已跳过" in err and "尚未创建" in out
