"""``workstation-cli prefill``: good records become drafts, bad ones are listed field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.accounts.world import client_data, identity, make_world
from workstation import cli
from workstation.accounts.prefill import waiting_drafts
from workstation.accounts.steps import Step
from workstation.accounts.wizard import AccountWizard
from workstation.models import AccountApplication
from workstation.store import open_store


def test_prefill_cli_good_and_bad_records(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(db_url)
    world = make_world(store)
    store.dispose()
    records = {
        "records": [
            {"ref": "CC-1", "kind": "new_account", "agent_no": "T001", "identity": identity(),
             "client_data": client_data(mobile="17012345678")},
            {"ref": "CC-2", "agent_no": "T002", "identity": identity(id_number="36042619910102009X", name="张3"),
             "client_data": client_data(mobile="14012345678")},
            {"ref": "CC-3", "agent_no": "C001", "identity": identity()},
            {"ref": "CC-4", "kind": "transfer_in", "agent_no": "T003", "identity": identity(),
             "previous_broker": {"previous_broker": "海川证券深圳福田营业部", "csdc_account": "180123456789",
                                 "sh_account": "A123456789"}},
        ]
    }  # fmt: skip
    path = tmp_path / "prefill.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    code = cli.main(["--db", db_url, "prefill", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "已生成草稿 2 条，未通过 2 条" in out
    assert "第 2 条（CC-2）未导入" in out and "identity.id_number" in out and "校验位" in out
    assert "identity.name" in out and "client_data.mobile" in out
    assert "第 3 条（CC-3）未导入" in out and "agent_no" in out
    assert "需在柜台与客户确认的提示" in out and "client_data.mobile" in out.split("需在柜台与客户确认的提示")[1]
    # Issue 15 defect 10: the same file again makes no second draft, and says so.
    assert cli.main(["--db", db_url, "prefill", str(path)]) == 0
    again = capsys.readouterr().out
    assert "已生成草稿 0 条" in again and "已有草稿跳过 2 条" in again and "第 1 条（CC-1）：已有草稿" in again
    store = open_store(db_url)
    try:
        with store.read() as s:
            drafts = waiting_drafts(s, world.branch_id)
            assert [d[2] for d in drafts] == ["client_data", "client_data"]  # the first step not done
            first = AccountWizard().resume(s, drafts[0][0])
            assert first.state(Step.IDENTITY).done and not first.state(Step.CLIENT_DATA).done  # virtual number: pending
            assert first.state(Step.CLIENT_DATA).pending[0].code == "mobile.virtual"
            assert first.telesales_agent_id is not None
            assert s.scalar(sa.select(sa.func.count(AccountApplication.id))) == 2
    finally:
        store.dispose()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert cli.main(["--db", db_url, "prefill", str(bad)]) == 2
