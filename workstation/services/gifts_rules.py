"""Gift eligibility as a table of rules over plain facts (no database, no Qt).

:func:`evaluate` runs every rule of :data:`RULES` for one client, campaign and gift and returns a
:class:`GiftEligibility`: eligible or not, the first reason it is not (what the clerk reads), and
the verdict of every rule (the "why" of an eligible gift). The facts are loaded from the database
by :func:`workstation.services.gifts.client_facts`; tests build them directly.

Rules (domain.md §9, 廉洁从业): the client's account is not closed; the campaign is active and
today falls in its period; the client came through one of its channels (e.g. telesales
invitations only); the client's business is one of its purposes (new account / transfer-in); the
account was actually opened or the transfer submitted; the client's assets reach the campaign's
minimum; no live gift of this campaign yet (one per client per campaign, also a database rule);
the value stays within the per-client cap; the stock this workstation may draw on holds it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from workstation.clock import local
from workstation.domain import Channel, ClientStatus, Purpose


def yuan(fen: int) -> str:
    """``8800`` → ``"88.00"``."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


@dataclass(frozen=True)
class PriorIssue:
    """A live (not voided) gift a client already holds from a campaign."""

    issue_id: uuid.UUID
    gift_name: str
    issued_at: datetime
    value_fen: int
    status_label: str


@dataclass(frozen=True)
class ClientFacts:
    """What the rules need to know about a client (and the visit or appointment at hand)."""

    client_id: uuid.UUID
    status: ClientStatus
    channels: frozenset[str]
    """The client's acquisition channel, plus ``telesales`` when a telesales agent invited them."""
    purposes: frozenset[Purpose]
    """What the client came for: appointments, the visit's line, account applications."""
    completed: frozenset[Purpose]
    """What was actually done: account opened / transfer submitted (visit outcome or application)."""
    assets_fen: int
    issued: Mapping[uuid.UUID, PriorIssue] = field(default_factory=dict)
    """Live issues by campaign id."""


@dataclass(frozen=True)
class CampaignTerms:
    """A campaign's rules as plain data (from :class:`~workstation.models.Campaign`)."""

    campaign_id: uuid.UUID
    code: str
    name: str
    starts_on: date
    ends_on: date
    active: bool
    channels: tuple[str, ...]
    purposes: tuple[str, ...]
    requires_completed: bool
    min_assets_fen: int
    cap_fen: int


@dataclass(frozen=True)
class GiftOffer:
    """A gift of the catalogue with the stock this workstation may draw on."""

    gift_id: uuid.UUID
    sku: str
    name: str
    spec: str
    unit_value_fen: int
    active: bool
    available: int


@dataclass(frozen=True)
class Verdict:
    """One rule's answer: passed or not, and what to say about it (Chinese, English)."""

    rule: str
    ok: bool
    zh: str
    en: str


@dataclass(frozen=True)
class GiftEligibility:
    """Whether a client may receive a gift now, and why (not)."""

    campaign: CampaignTerms
    gift: GiftOffer
    verdicts: tuple[Verdict, ...]

    @property
    def eligible(self) -> bool:
        return all(v.ok for v in self.verdicts)

    @property
    def failed(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if not v.ok)

    @property
    def reason(self) -> str:
        """The first reason the gift cannot be given (empty when eligible)."""
        return self.failed[0].zh if self.failed else ""

    @property
    def reason_en(self) -> str:
        return self.failed[0].en if self.failed else ""

    @property
    def why(self) -> str:
        """For an eligible gift, what qualifies the client (the rules that matter)."""
        return "；".join(v.zh for v in self.verdicts if v.ok and v.rule in WHY_RULES)


@dataclass(frozen=True)
class Context:
    client: ClientFacts
    campaign: CampaignTerms
    gift: GiftOffer
    today: date
    quantity: int


Rule = Callable[[Context], Verdict]

PURPOSE_LABELS = {p.value: p.label for p in Purpose}
PURPOSE_EN = {"new_account": "new account", "transfer_in": "transfer-in", "other": "other business"}
CHANNEL_LABELS = {c.value: c.label for c in Channel}
DONE_LABELS = {"new_account": "开户", "transfer_in": "转户"}


def _labels(codes: Collection[str], labels: Mapping[str, str]) -> str:
    return "、".join(labels.get(code, code) for code in sorted(codes)) or "无"


def client_open(c: Context) -> Verdict:
    if c.client.status is ClientStatus.CLOSED:
        return Verdict("client", False, "客户已销户", "the client's account is closed")
    return Verdict("client", True, "客户状态正常", "client in good standing")


def campaign_period(c: Context) -> Verdict:
    t = c.campaign
    span = f"{t.starts_on:%Y-%m-%d} 至 {t.ends_on:%Y-%m-%d}"
    if not t.active or not c.gift.active:
        return Verdict("period", False, "活动或礼品已停用", "the campaign or gift is no longer offered")
    if c.today < t.starts_on:
        return Verdict("period", False, f"活动尚未开始（{span}）", f"the campaign has not started ({span})")
    if c.today > t.ends_on:
        return Verdict("period", False, f"活动已结束（{span}）", f"the campaign has ended ({span})")
    return Verdict("period", True, f"活动期内（{span}）", f"within the campaign period ({span})")


def channel(c: Context) -> Verdict:
    wanted = c.campaign.channels
    if not wanted:
        return Verdict("channel", True, "不限客户来源", "any channel")
    if c.client.channels & set(wanted):
        found = _labels(c.client.channels & set(wanted), CHANNEL_LABELS)
        return Verdict("channel", True, f"客户来源：{found}", f"channel: {', '.join(sorted(c.client.channels))}")
    return Verdict(
        "channel",
        False,
        f"仅限{_labels(wanted, CHANNEL_LABELS)}客户（该客户来源：{_labels(c.client.channels, CHANNEL_LABELS)}）",
        f"only for clients from: {', '.join(wanted)}",
    )


def purpose(c: Context) -> Verdict:
    wanted = c.campaign.purposes
    if not wanted:
        return Verdict("purpose", True, "不限业务类型", "any business")
    held = {p.value for p in c.client.purposes}
    if held & set(wanted):
        return Verdict("purpose", True, f"办理{_labels(held & set(wanted), PURPOSE_LABELS)}", "business matches")
    return Verdict(
        "purpose",
        False,
        f"仅限{_labels(wanted, PURPOSE_LABELS)}客户（该客户未办理此类业务）",
        f"only for {' / '.join(PURPOSE_EN.get(w, w) for w in wanted)} clients",
    )


def completed(c: Context) -> Verdict:
    if not c.campaign.requires_completed:
        return Verdict("completed", True, "无需完成开户", "no completed account required")
    wanted = set(c.campaign.purposes) or set(PURPOSE_LABELS)
    done = {p.value for p in c.client.completed} & wanted
    if done:
        return Verdict(
            "completed", True, f"{_labels(done, PURPOSE_LABELS)}已完成", "account opened / transfer submitted"
        )
    what = "、".join(
        {"new_account": "开户", "transfer_in": "转户"}.get(w, PURPOSE_LABELS.get(w, w)) for w in sorted(wanted)
    )
    return Verdict(
        "completed",
        False,
        f"尚未完成{what}（到店结果或开户/转户申请未提交）",
        "the account is not opened / the transfer not submitted yet",
    )


def min_assets(c: Context) -> Verdict:
    minimum = c.campaign.min_assets_fen
    if minimum <= 0:
        return Verdict("assets", True, "无资产门槛", "no minimum assets")
    if c.client.assets_fen >= minimum:
        return Verdict("assets", True, f"资产 {yuan(c.client.assets_fen)} 元 ≥ {yuan(minimum)} 元", "assets reached")
    return Verdict(
        "assets",
        False,
        f"资产 {yuan(c.client.assets_fen)} 元，未达到 {yuan(minimum)} 元门槛",
        f"assets {yuan(c.client.assets_fen)} below the minimum of {yuan(minimum)} CNY",
    )


def one_per_campaign(c: Context) -> Verdict:
    prior = c.client.issued.get(c.campaign.campaign_id)
    if prior is None:
        return Verdict("once", True, "本活动尚未领取", "nothing received from this campaign yet")
    when = f"{local(prior.issued_at):%Y-%m-%d}"
    return Verdict(
        "once",
        False,
        f"已于 {when} 领取“{prior.gift_name}”（{prior.status_label}），每位客户每个活动限领一次",
        f"already received “{prior.gift_name}” on {when}; one gift per client per campaign",
    )


def value_cap(c: Context) -> Verdict:
    prior = c.client.issued.get(c.campaign.campaign_id)
    total = c.gift.unit_value_fen * c.quantity + (prior.value_fen if prior else 0)
    cap = c.campaign.cap_fen
    if cap > 0 and total > cap:
        return Verdict(
            "cap",
            False,
            f"价值 {yuan(total)} 元超过单客上限 {yuan(cap)} 元",
            f"value {yuan(total)} exceeds the per-client cap of {yuan(cap)} CNY",
        )
    limit = f"≤ 单客上限 {yuan(cap)} 元" if cap > 0 else "（无上限）"
    return Verdict("cap", True, f"价值 {yuan(total)} 元 {limit}", "within the per-client cap")


def stock(c: Context) -> Verdict:
    if c.gift.available >= c.quantity:
        return Verdict("stock", True, f"可用库存 {c.gift.available} 件", f"{c.gift.available} in stock")
    return Verdict(
        "stock",
        False,
        f"库存不足（可用 {c.gift.available} 件）",
        f"out of stock ({c.gift.available} available)",
    )


RULES: tuple[Rule, ...] = (
    client_open,
    campaign_period,
    channel,
    purpose,
    completed,
    min_assets,
    one_per_campaign,
    value_cap,
    stock,
)
"""Every rule, in the order a clerk should hear about the failures."""
WHY_RULES = frozenset({"channel", "purpose", "completed", "assets", "cap"})


def evaluate(
    client: ClientFacts, campaign: CampaignTerms, gift: GiftOffer, today: date, quantity: int = 1
) -> GiftEligibility:
    """Run every rule; the result lists each verdict in :data:`RULES` order."""
    context = Context(client, campaign, gift, today, quantity)
    return GiftEligibility(campaign, gift, tuple(rule(context) for rule in RULES))
