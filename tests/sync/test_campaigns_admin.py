"""Campaigns and the gift catalogue are administered in the central database (never in a counter's
local copy) and reach the counters by the normal pull; eligibility at the counter then sees them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.sync.conftest import Central
from tests.sync.helpers import add_clients
from workstation import errors
from workstation.cli import main
from workstation.models import Branch, Campaign, Gift, Staff
from workstation.services import campaigns, gifts
from workstation.services.auth import actor_for
from workstation.services.campaigns import CampaignSpec, GiftSpec
from workstation.services.identity import require_identity
from workstation.store import Store
from workstation.sync.central import add_branch, central_engine
from workstation.sync.engine import SyncStatus, run_once

MakeWorkstation = Callable[[str, str], Store]
TODAY = date.today()


def spec(**changes: object) -> CampaignSpec:
    base = CampaignSpec(
        "TS2025", "电销开户礼", TODAY - timedelta(days=1), TODAY + timedelta(days=60), 10_000,
        channels=("telesales",), purposes=("new_account",), requires_completed=True,
    )  # fmt: skip
    return CampaignSpec(**{**base.__dict__, **changes})  # type: ignore[arg-type]


@pytest.fixture
def admin(central: Central) -> Iterator[sa.orm.Session]:
    """An administrator's session on the central database (rolled back unless committed)."""
    with sa.orm.Session(central.engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def branch_role(central: Central) -> Iterator[sa.Engine]:
    with central.engine.begin() as conn:
        role, password = add_branch(conn, "0101")
    engine = central_engine(sa.engine.make_url(central.url).set(username=role, password=password))
    yield engine
    engine.dispose()


CUP, PEN = GiftSpec("TS-CUP", "保温杯", 8_800, "500ml"), GiftSpec("TS-PEN", "签字笔", 2_000)


@pytest.mark.parametrize(
    ("campaign", "items", "message"),
    [
        (spec(ends_on=TODAY - timedelta(days=2)), [CUP], "结束日期"),
        (spec(per_client_cap_fen=5_000), [CUP], "单客上限 50.00 元低于礼品“TS-CUP”的单价 88.00 元"),
        (spec(per_client_cap_fen=0), [CUP], "单客礼品价值上限必须大于 0"),
        (spec(), [GiftSpec("TS-X", "赠品", 0)], "礼品单价必须大于 0"),
        (spec(), [CUP, GiftSpec("TS-CUP", "另一个杯", 100)], "礼品编码 TS-CUP 重复"),
        (spec(), [GiftSpec("G0101", "保温杯", 100)], "礼品编码 G0101 已存在"),
        (spec(code="C0101"), [], "活动代码 C0101 已存在"),
        (spec(channels=("tv",)), [], "未知的客户来源：tv"),
        (spec(purposes=("loan",)), [], "未知的业务类型：loan"),
        (spec(name=" "), [], "活动名称必填"),
    ],
)
def test_validation_refuses_with_chinese_messages(
    admin: sa.orm.Session, campaign: CampaignSpec, items: list[GiftSpec], message: str
) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        campaigns.create_campaign(admin, campaign, items)
    assert message in caught.value.message()
    assert admin.scalar(sa.select(sa.func.count()).select_from(Campaign).where(Campaign.code == campaign.code)) in (
        0,
        1 if campaign.code == "C0101" else 0,
    )


def test_gift_value_above_the_cap_and_a_cap_below_a_gift_are_refused(admin: sa.orm.Session) -> None:
    campaigns.create_campaign(admin, spec(), [CUP])
    with pytest.raises(errors.ValidationError, match=r"超过活动单客上限 100\.00 元"):
        campaigns.save_gift(admin, "TS2025", GiftSpec("TS-BIG", "音箱", 25_000))
    with pytest.raises(errors.ValidationError, match="已属于其他活动"):
        campaigns.save_gift(admin, "TS2025", GiftSpec("G0101", "保温杯", 100))
    with pytest.raises(errors.ValidationError, match="低于礼品“TS-CUP”的单价"):
        campaigns.update_campaign(admin, spec(per_client_cap_fen=8_000))
    with pytest.raises(errors.NotFound):
        campaigns.save_gift(admin, "NOPE", PEN)


def test_a_counters_local_database_is_refused(make_workstation: MakeWorkstation) -> None:
    ws = make_workstation("0101", "ws1")
    with pytest.raises(campaigns.CatalogueIsCentral), ws.write() as session:
        campaigns.create_campaign(session, spec(), [CUP])
    with ws.read() as session:
        assert session.scalar(sa.select(Campaign).where(Campaign.code == "TS2025")) is None


def eligibility_of(ws: Store, client_id: uuid.UUID) -> dict[str, gifts.GiftEligibility]:
    with ws.read() as session:
        identity = require_identity(session)
        branch = session.get(Branch, identity.branch_id)
        clerk = session.scalars(sa.select(Staff).where(Staff.staff_no == "S0101")).one()
        assert branch is not None
        actor = actor_for(clerk, branch, identity.workstation_id)
        return {g.gift.sku: g for g in gifts.eligibility(session, actor, client_id).gifts}


def test_created_centrally_pulled_by_the_branch_and_seen_by_eligibility(
    central: Central, admin: sa.orm.Session, branch_role: sa.Engine, make_workstation: MakeWorkstation
) -> None:
    with admin.begin():
        created = campaigns.create_campaign(admin, spec(), [CUP, PEN])
        campaigns.create_campaign(admin, spec(code="SH-ONLY", branch_code="0202"), [GiftSpec("SH-CUP", "杯", 100)])
    assert [g.sku for g in created.gifts] == ["TS-CUP", "TS-PEN"] and created.version == 1
    ws = make_workstation("0101", "ws1")
    (client_id,) = add_clients(ws, 1)
    outcome = run_once(ws, branch_role)
    assert outcome.status is SyncStatus.OK, outcome
    with ws.read() as session:
        local = session.scalars(sa.select(Campaign).where(Campaign.code == "TS2025")).one()
        assert (local.channels, local.per_client_cap_fen, local.rules["purposes"]) == (
            ["telesales"],
            10_000,
            ["new_account"],
        )
        assert session.scalar(sa.select(Campaign).where(Campaign.code == "SH-ONLY")) is None  # another branch's
    seen = eligibility_of(ws, client_id)
    assert {"TS-CUP", "TS-PEN"} <= set(seen) and "SH-CUP" not in seen
    assert not seen["TS-CUP"].eligible and "仅限电销邀约客户" in seen["TS-CUP"].reason

    with admin.begin():  # head office opens the campaign to every channel and reprices the pen
        updated = campaigns.update_campaign(admin, spec(channels=()))
        campaigns.save_gift(admin, "TS2025", GiftSpec("TS-PEN", "签字笔", 1_500))
    assert updated.version == 2
    assert run_once(ws, branch_role).status is SyncStatus.OK
    with ws.read() as session:
        local = session.scalars(sa.select(Campaign).where(Campaign.code == "TS2025")).one()
        pen = session.scalars(sa.select(Gift).where(Gift.sku == "TS-PEN")).one()
        assert (local.channels, local.version, pen.unit_value_fen) == ([], 2, 1_500)
    seen = eligibility_of(ws, client_id)
    assert "仅限新开户客户" in seen["TS-CUP"].reason  # the channel rule passes now; the purpose does not


def test_campaign_commands_from_the_command_line(central: Central, capsys: pytest.CaptureFixture[str]) -> None:
    url = central.url.replace("postgresql+psycopg://", "postgresql://")
    start, end = TODAY.isoformat(), (TODAY + timedelta(days=30)).isoformat()
    assert main(["campaign", "create", "QX", "--name", "转户礼", "--from", start, "--to", end, "--cap", "200",
                 "--purposes", "transfer_in", "--requires-completed", "--central", url]) == 0  # fmt: skip
    assert "QX 转户礼" in capsys.readouterr().out
    assert main(["campaign", "gift", "QX", "QX-BAG", "--name", "帆布袋", "--value", "35.50", "--central", url]) == 0
    assert "QX-BAG 帆布袋  35.50 元" in capsys.readouterr().out
    assert main(["campaign", "gift", "QX", "QX-TV", "--name", "电视", "--value", "3000", "--central", url]) == 2
    assert "超过活动单客上限 200.00 元" in capsys.readouterr().err
    assert main(["campaign", "update", "QX", "--to", start, "--channels", "telesales", "--central", url]) == 0
    assert main(["campaign", "update", "QX", "--to", "2000-01-01", "--central", url]) == 2
    assert "不能早于开始日期" in capsys.readouterr().err
    assert main(["campaign", "list", "--central", url]) == 0
    out = capsys.readouterr().out
    assert f"QX 转户礼：{start} 至 {start}，电销邀约，单客上限 200.00 元，礼品 1 种" in out
    with central.engine.connect() as conn:
        rules = conn.execute(sa.select(Campaign.rules).where(Campaign.code == "QX")).scalar_one()
    assert rules == {"purposes": ["transfer_in"], "requires_completed": True}
