"""``workstation-cli leads register|withdraw`` and ``funding import`` on a demo workstation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.dbfiles import copy_db
from workstation import cli, paths
from workstation.demo import DEMO_PASSWORD, seed_demo
from workstation.models import Client, Lead, OutboxMessage
from workstation.store import open_store


@pytest.fixture(scope="module")
def demo_file(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("leads-demo") / "demo.db"
    copy_db(sqlite_template, path)
    store = open_store(path)
    seed_demo(store, clients=5, appointments=1)
    store.dispose()
    return path


@pytest.fixture
def db(demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    target = tmp_path / "workstation.db"
    copy_db(demo_file, target)
    return str(target)


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_register_then_withdraw_a_lead(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--db", db, "leads")
    who = ("--staff", "R001", "--password-stdin", "--mobile", "13812345678")
    consent = ("--source", "booth", "--consent-purpose", "电话回访介绍开户", "--consent-channel", "纸质签字")
    code, out, _ = run(monkeypatch, capsys, *base, "register", *who, *consent, "--detail", "国贸社区", "--name", "张三")
    assert code == 0 and "138****5678" in out and "13812345678" not in out
    code, _, err = run(monkeypatch, capsys, *base, "register", *who, *consent)
    assert code == 2 and "已登记为线索" in err
    code, _, err = run(monkeypatch, capsys, *base, "register", *who[:3], "--mobile", "12345", *consent)
    assert code == 2 and "手机号码" in err
    code, out, _ = run(monkeypatch, capsys, *base, "withdraw", *who)
    assert code == 0 and "撤回同意" in out
    store = open_store(db)
    try:
        with store.read() as session:
            (lead,) = session.scalars(sa.select(Lead)).all()
            assert lead.withdrawn_at is not None and lead.source_detail == "国贸社区"
            assert session.scalar(sa.select(sa.func.count()).where(OutboxMessage.entity == "lead")) == 2
    finally:
        store.dispose()


def test_funding_import_from_the_command_line(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(db)
    try:
        with store.write() as session:
            client = session.scalars(sa.select(Client).order_by(Client.id)).first()
            assert client is not None
            client.fund_account = "330000000001"
    finally:
        store.dispose()
    path = tmp_path / "daily.csv"
    path.write_bytes('日报\n资金账号,首次入金日期,资产(元)\n330000000001,2026-12-01,"1,500,000"\n'.encode("gbk"))
    argv = ("--db", db, "funding", "import", str(path), "--staff", "C001", "--password-stdin", "--as-of", "2026-12-02")
    code, out, _ = run(monkeypatch, capsys, *argv)
    assert code == 0 and "匹配 1 户" in out and "新增有效户 1 户" in out
    code, _, err = run(monkeypatch, capsys, "--db", db, "funding", "import", str(tmp_path / "none.csv"),
                       "--staff", "C001", "--password-stdin")  # fmt: skip
    assert code == 2 and "找不到文件" in err


def test_return_visits_from_the_command_line(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from workstation.domain import ApplicationKind, ApplicationStatus
    from workstation.models import AccountApplication, Staff

    store = open_store(db)
    try:
        with store.write() as session:
            agent = session.scalars(sa.select(Staff).where(Staff.staff_no == "T001")).one()
            clerk = session.scalars(sa.select(Staff).where(Staff.staff_no == "C001")).one()
            client = session.scalars(sa.select(Client).order_by(Client.id)).first()
            assert client is not None and clerk.branch_id is not None
            client.telesales_agent_id = agent.id
            approved = ApplicationStatus.APPROVED
            session.add(AccountApplication(branch_id=clerk.branch_id, kind=ApplicationKind.NEW_ACCOUNT,
                                           status=approved, clerk_id=clerk.id, client_id=client.id))  # fmt: skip
    finally:
        store.dispose()
    code, out, _ = run(monkeypatch, capsys, "--db", db, "returns", "plan")
    assert code == 0 and "1 条" in out
    code, out, _ = run(monkeypatch, capsys, "--db", db, "returns", "list", "--staff", "T001")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2 and lines[1].endswith("待回访")
    task = lines[1].split("\t")[0]
    done = ("--db", db, "returns", "done", task, "--staff", "S001", "--password-stdin", "--outcome", "reached")
    code, out, _ = run(monkeypatch, capsys, *done)
    assert code == 0 and "已回访" in out
    code, _, err = run(monkeypatch, capsys, *done)
    assert code == 2 and "不能重复登记" in err
    code, out, _ = run(monkeypatch, capsys, "--db", db, "returns", "list", "--staff", "T001", "--all")
    assert out.strip().splitlines()[1].endswith("已回访")
