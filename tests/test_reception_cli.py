"""``workstation-cli import-appointments``: imported / duplicates / rejected lines; exit 0 or 2."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.dbfiles import copy_db
from workstation import cli, paths
from workstation.clock import business_date
from workstation.demo import seed_demo
from workstation.store import open_store

HEADER = "外呼编号,客户姓名,手机号,预约日期,预约时段,办理业务,坐席工号\n"


@pytest.fixture(scope="module")
def demo_file(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-demo") / "demo.db"
    copy_db(sqlite_template, path)
    store = open_store(path)
    seed_demo(store, clients=20, appointments=5)
    store.dispose()
    return path


@pytest.fixture
def db(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    target = tmp_path / "workstation.db"
    copy_db(demo_file, target)
    return target


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_reports_imported_duplicates_and_each_rejected_line(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    day = (business_date() + timedelta(days=1)).isoformat()  # a slot today may already be past
    source = tmp_path / "calls.csv"
    source.write_text(
        HEADER
        + f"A1,赵六,13912340001,{day},10:00-10:30,新开户,T001\n"
        + f"A1,赵六,13912340001,{day},10:00-10:30,新开户,T001\n"
        + f"A2,钱七,139123,{day},10:00,转户,T001\n"
        + f"A3,孙八,13912340003,{day},10:00,炒股,T999\n",
        encoding="gbk",
    )
    code, out, err = run(capsys, "--db", str(db), "import-appointments", str(source))
    assert code == 0, err
    assert "已导入 1 条，重复 1 条，未导入 2 条" in out
    assert "第 3 行" in out  # the duplicate
    assert "第 4 行未导入：" in out and "手机" in out
    assert "第 5 行未导入：" in out and "炒股" in out and "T999" in out

    code, out, _ = run(capsys, "--db", str(db), "import-appointments", str(source))
    assert code == 0 and "已导入 0 条，重复 2 条" in out  # never twice


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    source = tmp_path / "calls.csv"
    source.write_text(
        HEADER + f"B1,赵六,13912340001,{business_date() + timedelta(days=1)},10:00,新开户,\n", encoding="utf-8-sig"
    )
    code, out, _ = run(capsys, "--db", str(db), "import-appointments", "--dry-run", str(source))
    assert code == 0 and "可导入 1 条" in out and "试运行" in out
    code, out, _ = run(capsys, "--db", str(db), "import-appointments", str(source))
    assert "已导入 1 条" in out


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.csv", None, "找不到文件"),
        ("empty.csv", b"", "没有数据"),
        ("columns.csv", "姓名,备注\n张三,x\n".encode(), "缺少必需的列"),
        ("broken.xlsx", b"\x00\x01 not a zip", "无法读取"),
        ("binary.csv", bytes(range(256)) * 4, "无法读取"),
    ],
)
def test_unreadable_file_exits_2_with_a_message(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, name: str, content: bytes | None, fragment: str
) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    code, _out, err = run(capsys, "--db", str(db), "import-appointments", str(source))
    assert code == 2
    assert fragment in err and "Traceback" not in err


def test_help_and_registration(capsys: pytest.CaptureFixture[str]) -> None:
    assert "workstation.reception_cli" in cli.PLUGIN_MODULES
    code, out, _ = run(capsys, "import-appointments", "--help")
    assert code == 0 and "FILE" in out
