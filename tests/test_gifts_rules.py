"""Gift eligibility rules, table-driven over plain facts (no database)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from workstation.domain import ClientStatus, Purpose
from workstation.services.gifts_rules import (
    RULES,
    CampaignTerms,
    ClientFacts,
    GiftOffer,
    PriorIssue,
    evaluate,
    yuan,
)

TODAY = date(2026, 11, 25)
CAMPAIGN = CampaignTerms(
    campaign_id=uuid.UUID(int=1),
    code="XK",
    name="新开户有礼",
    starts_on=date(2026, 11, 1),
    ends_on=date(2026, 12, 31),
    active=True,
    channels=(),
    purposes=("new_account",),
    requires_completed=True,
    min_assets_fen=0,
    cap_fen=20_000,
)
GIFT = GiftOffer(uuid.UUID(int=2), "XK-CUP", "保温杯", "500ml", 8_800, True, 10)
CLIENT = ClientFacts(
    client_id=uuid.UUID(int=3),
    status=ClientStatus.ACTIVE,
    channels=frozenset({"walk_in"}),
    purposes=frozenset({Purpose.NEW_ACCOUNT}),
    completed=frozenset({Purpose.NEW_ACCOUNT}),
    assets_fen=0,
)
PRIOR = PriorIssue(uuid.UUID(int=4), "帆布袋", datetime(2026, 11, 20, 2, tzinfo=UTC), 3_500, "已签收")


@pytest.mark.parametrize(
    ("client", "campaign", "gift", "quantity", "rule", "reason"),
    [
        (replace(CLIENT, status=ClientStatus.CLOSED), CAMPAIGN, GIFT, 1, "client", "客户已销户"),
        (CLIENT, replace(CAMPAIGN, starts_on=date(2026, 12, 1)), GIFT, 1, "period", "活动尚未开始（2026-12-01 至"),
        (CLIENT, replace(CAMPAIGN, ends_on=date(2026, 11, 24)), GIFT, 1, "period", "活动已结束"),
        (CLIENT, replace(CAMPAIGN, active=False), GIFT, 1, "period", "活动或礼品已停用"),
        (CLIENT, CAMPAIGN, replace(GIFT, active=False), 1, "period", "活动或礼品已停用"),
        (
            CLIENT, replace(CAMPAIGN, channels=("telesales",)), GIFT, 1, "channel",
            "仅限电销邀约客户（该客户来源：自然到店）",
        ),
        (
            replace(CLIENT, purposes=frozenset({Purpose.OTHER})),
            CAMPAIGN, GIFT, 1, "purpose", "仅限新开户客户",
        ),
        (
            replace(CLIENT, purposes=frozenset({Purpose.NEW_ACCOUNT}), completed=frozenset()),
            CAMPAIGN, GIFT, 1, "completed", "尚未完成开户",
        ),
        (
            replace(CLIENT, purposes=frozenset({Purpose.TRANSFER_IN}), completed=frozenset({Purpose.TRANSFER_IN})),
            replace(CAMPAIGN, purposes=("transfer_in",), min_assets_fen=5_000_000), GIFT, 1, "assets",
            "资产 0.00 元，未达到 50,000.00 元门槛",
        ),
        (
            replace(CLIENT, issued={CAMPAIGN.campaign_id: PRIOR}), CAMPAIGN, GIFT, 1, "once",
            "已于 2026-11-20 领取“帆布袋”",
        ),
        (CLIENT, CAMPAIGN, replace(GIFT, unit_value_fen=25_000), 1, "cap", "价值 250.00 元超过单客上限 200.00 元"),
        (CLIENT, CAMPAIGN, GIFT, 3, "cap", "价值 264.00 元超过单客上限 200.00 元"),
        (CLIENT, CAMPAIGN, replace(GIFT, available=0), 1, "stock", "库存不足（可用 0 件）"),
        (CLIENT, CAMPAIGN, replace(GIFT, available=1), 2, "stock", "库存不足（可用 1 件）"),
    ],
)  # fmt: skip
def test_each_rule_refuses_with_its_reason(client, campaign, gift, quantity, rule, reason) -> None:
    result = evaluate(client, campaign, gift, TODAY, quantity)
    assert not result.eligible
    assert result.failed[0].rule == rule
    assert reason in result.reason
    assert result.reason_en  # an English reason for the English UI


@pytest.mark.parametrize(
    ("client", "campaign", "why"),
    [
        (CLIENT, CAMPAIGN, "新开户已完成"),
        (CLIENT, replace(CAMPAIGN, purposes=(), requires_completed=False), "不限业务类型"),
        (
            replace(CLIENT, channels=frozenset({"walk_in", "telesales"})),
            replace(CAMPAIGN, channels=("telesales",)),
            "客户来源：电销邀约",
        ),
        (
            replace(CLIENT, assets_fen=6_000_000, purposes=frozenset({Purpose.TRANSFER_IN}),
                    completed=frozenset({Purpose.TRANSFER_IN})),
            replace(CAMPAIGN, purposes=("transfer_in",), min_assets_fen=5_000_000),
            "资产 60,000.00 元 ≥ 50,000.00 元",
        ),
        (CLIENT, replace(CAMPAIGN, cap_fen=0), "（无上限）"),
        (CLIENT, CAMPAIGN, "价值 88.00 元 ≤ 单客上限 200.00 元"),
    ],
)  # fmt: skip
def test_eligible_gifts_say_why(client, campaign, why) -> None:
    result = evaluate(client, campaign, GIFT, TODAY)
    assert result.eligible, result.reason
    assert result.reason == ""
    assert why in result.why


def test_the_period_includes_its_first_and_last_day() -> None:
    assert evaluate(CLIENT, CAMPAIGN, GIFT, CAMPAIGN.starts_on).eligible
    assert evaluate(CLIENT, CAMPAIGN, GIFT, CAMPAIGN.ends_on).eligible


def test_a_prior_gift_of_another_campaign_does_not_count() -> None:
    other = replace(CLIENT, issued={uuid.UUID(int=99): PRIOR})
    assert evaluate(other, CAMPAIGN, GIFT, TODAY).eligible


def test_every_failure_is_listed_in_rule_order() -> None:
    client = replace(CLIENT, status=ClientStatus.CLOSED, completed=frozenset())
    result = evaluate(client, CAMPAIGN, replace(GIFT, available=0), TODAY)
    assert [v.rule for v in result.failed] == ["client", "completed", "stock"]
    assert len(result.verdicts) == len(RULES)


@pytest.mark.parametrize(("fen", "text"), [(0, "0.00"), (8_800, "88.00"), (5_000_000, "50,000.00"), (-150, "-1.50")])
def test_yuan(fen, text) -> None:
    assert yuan(fen) == text
