"""Qt-free sync status for the UI: saved settings, configured cycles and their history, quarantine
with Chinese reasons, the audited retry, and ``workstation-cli sync`` with the saved settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.sync.conftest import Central
from tests.sync.helpers import add_clients
from workstation import errors
from workstation import pgserver as pg
from workstation.cli import main
from workstation.domain import IdType, Role
from workstation.models import AuditEvent, Client, Staff, SyncState
from workstation.services.actor import Actor
from workstation.services.identity import require_identity
from workstation.store import Store
from workstation.sync.engine import SyncStatus, run_once
from workstation.sync.settings import (
    SETTINGS_KEY,
    CentralSettings,
    CentralSettingsInvalid,
    check_connection,
    load_settings,
    save_settings,
)
from workstation.sync.status import (
    MAX_RUNS,
    MessageNotQuarantined,
    explain_error,
    quarantined_messages,
    recent_runs,
    record_run,
    retry_quarantined,
    run_configured,
    snapshot,
)

MakeWorkstation = Callable[[str, str], Store]


def settings_for(url: str, **changes: object) -> CentralSettings:
    """Settings pointing at a test database URL (no TLS on the loopback test server)."""
    parsed = make_url(url)
    values: dict[str, object] = {
        "host": parsed.host or "", "port": parsed.port or 5432, "database": parsed.database or "",
        "user": parsed.username or "", "sslmode": "disable",
    }  # fmt: skip
    values.update(changes)
    return CentralSettings(**values)  # type: ignore[arg-type]


def actor_of(store: Store, *roles: Role) -> Actor:
    """A member of the branch's (centrally pulled) staff acting with ``roles``."""
    with store.read() as session:
        identity = require_identity(session)
        staff = session.scalars(sa.select(Staff).where(Staff.branch_id == identity.branch_id)).first()
        assert staff is not None
        return Actor(
            staff_id=staff.id, staff_no=staff.staff_no, name=staff.name, roles=frozenset(roles),
            branch_id=identity.branch_id, workstation_id=identity.workstation_id,
        )  # fmt: skip


def quarantine_one(central: Central, make_workstation: MakeWorkstation) -> Store:
    """A workstation holding one refused client: the same ID card was registered at a sibling."""
    a1, a2 = make_workstation("0101", "a1"), make_workstation("0101", "a2")
    for store in (a1, a2):
        with store.write() as session:
            identity = require_identity(session)
            session.add(Client(branch_id=identity.branch_id, name="张三", id_type=IdType.RESIDENT_ID, id_number="X1"))
    assert run_once(a1, central.engine).ok
    return a2


def test_settings_are_validated_saved_audited_and_never_hold_a_password(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    ws = make_workstation("0101", "ws1")
    assert load_settings(ws) == CentralSettings() and not CentralSettings().configured
    with pytest.raises(CentralSettingsInvalid, match="主机、数据库名、用户名"):
        CentralSettings().checked()
    with pytest.raises(CentralSettingsInvalid, match="同步间隔"):
        settings_for(central.url, interval_s=1).checked()
    with pytest.raises(errors.PermissionDenied):
        save_settings(ws, actor_of(ws, Role.CLERK), settings_for(central.url))
    saved = save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url, host=" 127.0.0.1 "))
    assert load_settings(ws) == saved and saved.host == "127.0.0.1"
    assert saved.url().query["sslmode"] == "disable" and saved.url().password is None
    with ws.read() as session:
        stored = session.get(SyncState, SETTINGS_KEY)
        assert stored is not None and "password" not in stored.value
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "sync.settings")).one()
        assert event.details["central"] == saved.display()
    check = check_connection(saved)
    assert check.user == "postgres" and check.initialised


def test_check_connection_to_a_closed_port_is_offline_with_the_reason() -> None:
    closed = CentralSettings(host="127.0.0.1", port=pg.free_port(), database="c", user="u", sslmode="disable")
    with pytest.raises(errors.CentralUnavailable, match="中心数据库暂时无法连接"):
        check_connection(closed, "pw")


def test_without_settings_a_cycle_does_nothing_and_says_so(make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    add_clients(ws, 2)
    report = run_configured(ws)
    assert report.outcome is None
    assert not report.snapshot.configured and report.snapshot.pending == 5 and report.snapshot.runs == ()


def test_a_configured_cycle_syncs_and_is_recorded(central: Central, make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url))
    add_clients(ws, 2)
    report = run_configured(ws)
    assert report.outcome is not None and report.outcome.status is SyncStatus.OK, report
    snap = report.snapshot
    assert (snap.pending, snap.quarantined, snap.configured) == (0, 0, True)
    assert snap.last_success is not None and snap.last_run is not None
    assert snap.last_run.status is SyncStatus.OK and snap.last_run.pushed == report.outcome.pushed > 0
    assert central.count("client") == 2


def test_the_run_history_is_newest_first_and_capped(central: Central, make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    offline = f"postgresql://x@127.0.0.1:{pg.free_port()}/c"
    for _ in range(2):
        record_run(ws, run_once(ws, offline))
    record_run(ws, run_once(ws, central.engine))
    runs = recent_runs(ws)
    assert [r.status for r in runs] == [SyncStatus.OK, SyncStatus.OFFLINE, SyncStatus.OFFLINE]
    assert "无法连接" in runs[1].error
    outcome = run_once(ws, central.engine)
    for _ in range(MAX_RUNS + 5):
        record_run(ws, outcome)
    assert len(recent_runs(ws, limit=1000)) == MAX_RUNS


def test_quarantined_messages_are_listed_explained_and_retried(
    central: Central, make_workstation: MakeWorkstation
) -> None:
    a2 = quarantine_one(central, make_workstation)
    outcome = run_once(a2, central.engine)
    assert outcome.quarantined == 1
    assert outcome.status is SyncStatus.QUARANTINED and not outcome.ok and outcome.completed  # a failure state
    assert "中心拒收 1 条" in outcome.error and snapshot(a2).last_success is not None
    [held] = quarantined_messages(a2)
    assert held.entity == "client" and held.entity_label == "客户资料"
    assert held.explanation == "中心拒收：与中心已有记录重复（唯一性冲突）"
    assert "uq_client_id_type_id_number" in held.error and held.attempts == 1
    assert snapshot(a2).held == (held,) and snapshot(a2).quarantined == 1

    with pytest.raises(errors.PermissionDenied):
        retry_quarantined(a2, actor_of(a2, Role.CLERK), held.seq)
    with central.engine.begin() as conn:  # head office corrects the other record
        conn.exec_driver_sql("UPDATE client SET id_number = 'X1-old' WHERE id_number = 'X1'")
    supervisor = actor_of(a2, Role.SUPERVISOR)
    retry_quarantined(a2, supervisor, held.seq)
    with pytest.raises(MessageNotQuarantined):
        retry_quarantined(a2, supervisor, held.seq)
    assert snapshot(a2).quarantined == 0 and snapshot(a2).pending >= 1
    with a2.read() as session:
        event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "sync.retry")).one()
        assert event.entity_id == held.msg_id and event.details["message_entity"] == "client"
    again = run_once(a2, central.engine)
    assert again.ok and again.quarantined == 0 and again.quarantined_total == 0 and again.pending == 0
    assert central.count("client", "id_number = 'X1'") == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('new row violates row-level security policy for table "client"', "行级安全"),
        ("permission denied for table campaign", "无权写入"),
        ('insert or update on table "visit" violates foreign key constraint "fk"', "引用的记录在中心不存在"),
        ('null value in column "name" violates not-null constraint', "缺少必填数据"),
        ("表 campaign 不由营业部写入（not owned by the branch）", "只能由总部维护"),
        ("something new", "中心拒收：something new"),
        ("", "未给出原因"),
    ],
)
def test_errors_are_explained_in_chinese(raw: str, expected: str) -> None:
    assert expected in explain_error(raw)


def test_cli_sync_uses_the_saved_settings_and_records_the_run(
    central: Central, make_workstation: MakeWorkstation, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = make_workstation("0101", "ws1")
    assert main(["--db", str(ws.path), "sync"]) == 2
    assert "尚未保存中心设置" in capsys.readouterr().err
    save_settings(ws, actor_of(ws, Role.SUPERVISOR), settings_for(central.url))
    add_clients(ws, 1)
    assert main(["--db", str(ws.path), "sync"]) == 0
    assert capsys.readouterr().out.startswith("ok: pushed")
    assert [run.status for run in recent_runs(ws)] == [SyncStatus.OK]
