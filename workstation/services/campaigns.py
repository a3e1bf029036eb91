"""Campaigns and the gift catalogue, administered where they belong: the central database.

Campaign and Gift are central-owned (``__sync__ = PULL``): a branch role may only read them and a
counter's local copy is overwritten by the next pull. These functions therefore take a session on
the **central** database opened by an administrator (``workstation-cli campaign …``,
:mod:`workstation.campaigns_cli`) and refuse a counter's local database. The change-log triggers
of the central schema record every insert and update, so the counters receive the changes with
their normal pull; ``version`` is bumped by the ORM on every update.

Validation (every problem at once, as a :class:`~workstation.errors.ValidationError` with Chinese
messages): code and name given, the period ends on or after its start, known channels and
purposes, a per-client value cap (廉洁从业) that is positive and at least every gift's unit value,
gift unit values positive, campaign codes and gift SKUs unique.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation import errors
from workstation.domain import Channel, Purpose
from workstation.errors import FieldProblem
from workstation.models import Branch, Campaign, Gift
from workstation.services.gifts_rules import yuan

MAX_CODE = 30
MAX_VALUE_FEN = 100_000_000
"""A sanity bound on money fields (1,000,000.00 元)."""


class CatalogueIsCentral(errors.UserError):
    """Campaigns and gifts were about to be written into a counter's local database."""

    code: ClassVar[str] = "campaigns.central_only"
    zh: ClassVar[str] = "营销活动与礼品目录由总部在中心数据库维护，不能在工作站本地修改（本地修改会被下次同步覆盖）。"
    en: ClassVar[str] = (
        "Campaigns and the gift catalogue are kept by head office in the central database and cannot be "
        "changed in a workstation's local database (the next sync would overwrite them)."
    )


@dataclass(frozen=True)
class CampaignSpec:
    """What an administrator sets on a campaign. ``branch_code`` empty = firm-wide."""

    code: str
    name: str
    starts_on: date
    ends_on: date
    per_client_cap_fen: int
    channels: tuple[str, ...] = ()
    """Channel codes (:class:`~workstation.domain.Channel`); empty = every channel."""
    purposes: tuple[str, ...] = ()
    """Purpose codes (:class:`~workstation.domain.Purpose`); empty = any business."""
    requires_completed: bool = False
    min_assets_fen: int = 0
    branch_code: str = ""
    description: str = ""
    active: bool = True


@dataclass(frozen=True)
class GiftSpec:
    """One catalogue item of a campaign, with its fair unit value in fen."""

    sku: str
    name: str
    unit_value_fen: int
    spec: str = ""
    active: bool = True


@dataclass(frozen=True)
class GiftItem:
    gift_id: uuid.UUID
    sku: str
    name: str
    spec: str
    unit_value_fen: int
    active: bool


@dataclass(frozen=True)
class CampaignView:
    """A campaign with its rules and catalogue, as lists and the CLI show it."""

    campaign_id: uuid.UUID
    code: str
    name: str
    branch_id: uuid.UUID | None
    starts_on: date
    ends_on: date
    channels: tuple[str, ...]
    purposes: tuple[str, ...]
    requires_completed: bool
    min_assets_fen: int
    per_client_cap_fen: int
    active: bool
    description: str
    version: int
    gifts: tuple[GiftItem, ...] = field(default=())

    def summary(self) -> str:
        """One line for the CLI and the supervisor's list."""
        labels = {c.value: c.label for c in Channel}
        channels = "、".join(labels.get(c, c) for c in self.channels) or "不限来源"
        state = "" if self.active else "（已停用）"
        return (
            f"{self.code} {self.name}{state}：{self.starts_on} 至 {self.ends_on}，{channels}，"
            f"单客上限 {yuan(self.per_client_cap_fen)} 元，礼品 {len(self.gifts)} 种"
        )


# --- validation -----------------------------------------------------------------------------------


def _money(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_campaign(spec: CampaignSpec, gift_values: Sequence[tuple[str, int]] = ()) -> list[FieldProblem]:
    """The problems of ``spec`` (empty = valid); ``gift_values`` are its gifts' (sku, unit value)."""
    problems = []
    if not spec.code.strip() or len(spec.code.strip()) > MAX_CODE:
        problems.append(FieldProblem("code", f"活动代码必填，最多 {MAX_CODE} 个字符", "campaign code required"))
    if not spec.name.strip():
        problems.append(FieldProblem("name", "活动名称必填", "campaign name required"))
    if spec.ends_on < spec.starts_on:
        problems.append(
            FieldProblem(
                "ends_on",
                f"活动结束日期（{spec.ends_on}）不能早于开始日期（{spec.starts_on}）",
                f"the campaign ends ({spec.ends_on}) before it starts ({spec.starts_on})",
            )
        )
    unknown = sorted(set(spec.channels) - {c.value for c in Channel})
    if unknown:
        known = "、".join(f"{c.value}（{c.label}）" for c in Channel)
        problems.append(FieldProblem("channels", f"未知的客户来源：{'、'.join(unknown)}；可选：{known}"))
    unknown = sorted(set(spec.purposes) - {p.value for p in Purpose})
    if unknown:
        known = "、".join(f"{p.value}（{p.label}）" for p in Purpose)
        problems.append(FieldProblem("purposes", f"未知的业务类型：{'、'.join(unknown)}；可选：{known}"))
    if not _money(spec.min_assets_fen) or not 0 <= spec.min_assets_fen <= MAX_VALUE_FEN * 100:
        problems.append(FieldProblem("min_assets_fen", "资产门槛应为不小于 0 的整数（分）", "minimum assets ≥ 0"))
    cap = spec.per_client_cap_fen
    if not _money(cap) or not 0 < cap <= MAX_VALUE_FEN:
        problems.append(
            FieldProblem(
                "per_client_cap_fen",
                "单客礼品价值上限必须大于 0（廉洁从业规定每个活动须设上限）",
                "a positive per-client value cap is required",
            )
        )
    else:
        for sku, value in gift_values:
            if value > cap:
                problems.append(
                    FieldProblem(
                        "per_client_cap_fen",
                        f"单客上限 {yuan(cap)} 元低于礼品“{sku}”的单价 {yuan(value)} 元",
                        f"the cap {yuan(cap)} is below the unit value of “{sku}” ({yuan(value)})",
                    )
                )
    return problems


def check_gift(spec: GiftSpec, cap_fen: int) -> list[FieldProblem]:
    """The problems of a gift of a campaign whose per-client cap is ``cap_fen``."""
    problems = []
    if not spec.sku.strip() or len(spec.sku.strip()) > MAX_CODE:
        problems.append(FieldProblem("sku", f"礼品编码必填，最多 {MAX_CODE} 个字符", "gift SKU required"))
    if not spec.name.strip():
        problems.append(FieldProblem("name", "礼品名称必填", "gift name required"))
    value = spec.unit_value_fen
    if not _money(value) or value <= 0:
        problems.append(FieldProblem("unit_value_fen", "礼品单价必须大于 0（分）", "the unit value must be positive"))
    elif cap_fen > 0 and value > cap_fen:
        problems.append(
            FieldProblem(
                "unit_value_fen",
                f"礼品单价 {yuan(value)} 元超过活动单客上限 {yuan(cap_fen)} 元",
                f"the unit value {yuan(value)} exceeds the campaign's cap of {yuan(cap_fen)}",
            )
        )
    return problems


def _raise(problems: list[FieldProblem]) -> None:
    if problems:
        raise errors.ValidationError(problems)


# --- writing ------------------------------------------------------------------------------------


def _require_central(session: Session) -> None:
    from workstation.services.identity import current_identity

    if current_identity(session) is not None:
        raise CatalogueIsCentral()


def _branch_id(session: Session, code: str) -> uuid.UUID | None:
    if not code.strip():
        return None
    branch_id = session.scalar(sa.select(Branch.id).where(Branch.code == code.strip()))
    if branch_id is None:
        raise errors.BranchUnknown(code=code)
    return branch_id


def _campaign(session: Session, code: str) -> Campaign:
    campaign = session.scalar(sa.select(Campaign).where(Campaign.code == code.strip()))
    if campaign is None or campaign.deleted_at is not None:
        raise errors.NotFound(what=f"营销活动 {code}")
    return campaign


def _gift_values(session: Session, campaign_id: uuid.UUID) -> list[tuple[str, int]]:
    rows = session.execute(
        sa.select(Gift.sku, Gift.unit_value_fen).where(Gift.campaign_id == campaign_id, Gift.deleted_at.is_(None))
    ).all()
    return [(sku, int(value)) for sku, value in rows]


def _apply(campaign: Campaign, spec: CampaignSpec, branch_id: uuid.UUID | None) -> None:
    campaign.name = spec.name.strip()
    campaign.branch_id = branch_id
    campaign.starts_on = spec.starts_on
    campaign.ends_on = spec.ends_on
    campaign.channels = sorted(set(spec.channels))
    rules: dict[str, Any] = {"purposes": sorted(set(spec.purposes)), "requires_completed": spec.requires_completed}
    if spec.min_assets_fen:
        rules["min_assets_fen"] = spec.min_assets_fen
    campaign.rules = rules
    campaign.per_client_cap_fen = spec.per_client_cap_fen
    campaign.description = spec.description.strip()[:500]
    campaign.active = spec.active


def create_campaign(session: Session, spec: CampaignSpec, gifts: Sequence[GiftSpec] = ()) -> CampaignView:
    """Create a campaign (and its first gifts) in the caller's central transaction.

    Raises:
        CatalogueIsCentral: ``session`` is a counter's local database.
        ValidationError: the problems of the campaign and its gifts, including a taken code or SKU.
        BranchUnknown: ``branch_code`` names no branch.
    """
    _require_central(session)
    problems = check_campaign(spec, [(g.sku, g.unit_value_fen) for g in gifts if _money(g.unit_value_fen)])
    if session.scalar(sa.select(Campaign.id).where(Campaign.code == spec.code.strip())) is not None:
        problems.append(FieldProblem("code", f"活动代码 {spec.code} 已存在", f"campaign code {spec.code} is taken"))
    for gift in gifts:
        problems += check_gift(gift, 0)
    problems += _sku_problems(session, [g.sku for g in gifts], None)
    _raise(problems)
    campaign = Campaign(code=spec.code.strip())
    _apply(campaign, spec, _branch_id(session, spec.branch_code))
    session.add(campaign)
    session.flush()
    for gift in gifts:
        session.add(_new_gift(campaign.id, gift))
    session.flush()
    return campaign_view(session, campaign)


def update_campaign(session: Session, spec: CampaignSpec) -> CampaignView:
    """Change the campaign with ``spec.code`` (period, channels, rules, cap, name, active).

    Raises:
        CatalogueIsCentral, NotFound (no such campaign), ValidationError, BranchUnknown.
    """
    _require_central(session)
    campaign = _campaign(session, spec.code)
    _raise(check_campaign(spec, _gift_values(session, campaign.id)))
    _apply(campaign, spec, _branch_id(session, spec.branch_code))
    session.flush()
    return campaign_view(session, campaign)


def _sku_problems(session: Session, skus: Sequence[str], own: uuid.UUID | None) -> list[FieldProblem]:
    problems = []
    cleaned = [s.strip() for s in skus]
    for sku in sorted({s for s in cleaned if cleaned.count(s) > 1}):
        problems.append(FieldProblem("sku", f"礼品编码 {sku} 重复", f"gift SKU {sku} is repeated"))
    query = sa.select(Gift.sku).where(Gift.sku.in_(set(cleaned)))
    if own is not None:
        query = query.where(Gift.id != own)
    for sku in sorted(session.scalars(query)):
        problems.append(FieldProblem("sku", f"礼品编码 {sku} 已存在", f"gift SKU {sku} is taken"))
    return problems


def _new_gift(campaign_id: uuid.UUID, spec: GiftSpec) -> Gift:
    return Gift(
        campaign_id=campaign_id,
        sku=spec.sku.strip(),
        name=spec.name.strip(),
        spec=spec.spec.strip()[:100],
        unit_value_fen=spec.unit_value_fen,
        active=spec.active,
    )


def save_gift(session: Session, campaign_code: str, spec: GiftSpec) -> GiftItem:
    """Add a gift to a campaign, or update the campaign's gift with this SKU.

    Raises:
        CatalogueIsCentral, NotFound (no such campaign), ValidationError (including a SKU taken by
        another campaign's gift, or a value above the campaign's cap).
    """
    _require_central(session)
    campaign = _campaign(session, campaign_code)
    gift = session.scalar(sa.select(Gift).where(Gift.sku == spec.sku.strip()))
    problems = check_gift(spec, campaign.per_client_cap_fen)
    if gift is not None and gift.campaign_id != campaign.id:
        problems.append(
            FieldProblem(
                "sku", f"礼品编码 {spec.sku} 已属于其他活动", f"gift SKU {spec.sku} belongs to another campaign"
            )
        )
    _raise(problems)
    if gift is None:
        gift = _new_gift(campaign.id, spec)
        session.add(gift)
    else:
        gift.name = spec.name.strip()
        gift.spec = spec.spec.strip()[:100]
        gift.unit_value_fen = spec.unit_value_fen
        gift.active = spec.active
    session.flush()
    return _item(gift)


# --- reading ------------------------------------------------------------------------------------


def _item(gift: Gift) -> GiftItem:
    return GiftItem(gift.id, gift.sku, gift.name, gift.spec, gift.unit_value_fen, gift.active)


def campaign_view(session: Session, campaign: Campaign) -> CampaignView:
    gifts = session.scalars(
        sa.select(Gift).where(Gift.campaign_id == campaign.id, Gift.deleted_at.is_(None)).order_by(Gift.sku)
    ).all()
    rules = campaign.rules or {}
    return CampaignView(
        campaign.id,
        campaign.code,
        campaign.name,
        campaign.branch_id,
        campaign.starts_on,
        campaign.ends_on,
        tuple(campaign.channels or ()),
        tuple(rules.get("purposes") or ()),
        bool(rules.get("requires_completed", False)),
        int(rules.get("min_assets_fen") or 0),
        campaign.per_client_cap_fen,
        campaign.active,
        campaign.description,
        campaign.version,
        tuple(_item(g) for g in gifts),
    )


def list_campaigns(session: Session, branch_id: uuid.UUID | None = None) -> list[CampaignView]:
    """Campaigns (firm-wide and, with ``branch_id``, that branch's; all without it), newest first.

    Read-only: works on the central database and on a counter's local copy alike.
    """
    query = sa.select(Campaign).where(Campaign.deleted_at.is_(None))
    if branch_id is not None:
        query = query.where(sa.or_(Campaign.branch_id.is_(None), Campaign.branch_id == branch_id))
    rows = session.scalars(query.order_by(Campaign.starts_on.desc(), Campaign.code)).all()
    return [campaign_view(session, c) for c in rows]
