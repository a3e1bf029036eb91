"""Firm rules of the account wizards, read from policies, and the suitability questionnaire.

Everything a firm may set differently is configuration (domain notes: "firm-specific values are
configuration"): the policies ``suitability`` (score bands, re-test period, professional
thresholds — seeded by the demo), ``client_tiers`` (asset thresholds) and ``accounts`` (ages,
双录 triggers, services and their risk levels, custody banks, commission table, AML rating
inputs). :data:`ACCOUNT_DEFAULTS` holds the coded defaults; a policy row overrides them key by key.

The questionnaire is versioned data (:class:`~workstation.models.Questionnaire`, ``code`` +
``revision``): :func:`ensure_questionnaire` seeds :data:`DEFAULT_QUESTIONNAIRE` as revision 1
when the database has none, without a migration.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from workstation.domain import ClientTier
from workstation.forms.account import BANKS
from workstation.models import Questionnaire
from workstation.services.policy import get_policy

DEFAULT_BANDS: tuple[dict[str, Any], ...] = (
    {"class": "C1", "min": 0, "max": 0, "lowest_category": True},
    {"class": "C1", "min": 1, "max": 19},
    {"class": "C2", "min": 20, "max": 36},
    {"class": "C3", "min": 37, "max": 53},
    {"class": "C4", "min": 54, "max": 82},
    {"class": "C5", "min": 83, "max": 100},
)
"""中信证券 2018 bands (domain notes §3), used when no ``suitability`` policy gives any."""

SUITABILITY_DEFAULTS: dict[str, Any] = {
    "bands": list(DEFAULT_BANDS),
    "retest_months": 24,
    "professional_min_assets_fen": 500_000_000,
    "professional_min_income_fen": 50_000_000,
    "professional_min_years": 2,
    "professional_valid_months": 24,
}
TIER_DEFAULTS: dict[str, Any] = {"core_min_assets_fen": 100_000_000, "important_min_assets_fen": 20_000_000}

ACCOUNT_DEFAULTS: dict[str, Any] = {
    "adult_age": 18,
    "elderly_age": 70,
    "elderly_requires_dual_recording": True,
    "mismatch_requires_dual_recording": True,
    "professional_requires_dual_recording": True,
    "services": {
        "a_share": {"label": "沪深主板 A 股交易", "risk": "R3"},
        "fund": {"label": "场内基金交易", "risk": "R2"},
        "bond": {"label": "债券及国债逆回购", "risk": "R1"},
        "chinext": {"label": "创业板交易权限", "risk": "R4"},
        "star": {"label": "科创板交易权限", "risk": "R4"},
        "risk_warning": {"label": "风险警示股票交易", "risk": "R5"},
    },
    "banks": [code for code, _ in BANKS],
    "commission": {
        "walk_in": {"default_ppm": 250, "floor_ppm": 180},
        "telesales": {"default_ppm": 200, "floor_ppm": 150},
        "bank_outlet": {"default_ppm": 200, "floor_ppm": 150},
        "referral": {"default_ppm": 220, "floor_ppm": 160},
        "online": {"default_ppm": 150, "floor_ppm": 120},
    },
    "commission_max_ppm": 3000,
    "aml_medium_occupations": ["06", "07", "0A"],
    "aml_high_countries": ["PRK", "IRN", "MMR"],
    "required_documents": ["risk_disclosure", "client_notice", "agency", "custody"],
}


@dataclass(frozen=True)
class AccountRules:
    """The merged policies a wizard validates against (plain data, safe across threads)."""

    suitability: Mapping[str, Any]
    tiers: Mapping[str, Any]
    accounts: Mapping[str, Any]

    @property
    def adult_age(self) -> int:
        return int(self.accounts["adult_age"])

    @property
    def elderly_age(self) -> int:
        return int(self.accounts["elderly_age"])

    @property
    def bands(self) -> list[Mapping[str, Any]]:
        return list(self.suitability.get("bands") or DEFAULT_BANDS)

    @property
    def services(self) -> Mapping[str, Mapping[str, Any]]:
        services: Mapping[str, Mapping[str, Any]] = self.accounts["services"]
        return services

    def flag(self, name: str) -> bool:
        return bool(self.accounts.get(name))


DEFAULT_RULES = AccountRules(SUITABILITY_DEFAULTS, TIER_DEFAULTS, ACCOUNT_DEFAULTS)
"""The coded defaults, for validating without a database (tests, the prefill dry run)."""


def load_rules(session: Session, branch_id: uuid.UUID | None) -> AccountRules:
    """The rules in force at ``branch_id``: coded defaults overlaid by the policy rows."""
    return AccountRules(
        {**SUITABILITY_DEFAULTS, **get_policy(session, "suitability", branch_id)},
        {**TIER_DEFAULTS, **get_policy(session, "client_tiers", branch_id)},
        {**ACCOUNT_DEFAULTS, **get_policy(session, "accounts", branch_id)},
    )


def tier_for(assets_fen: int, rules: AccountRules) -> ClientTier:
    """The client tier (一般/重要/核心) for assets at the firm, from the ``client_tiers`` policy."""
    if assets_fen >= int(rules.tiers.get("core_min_assets_fen", TIER_DEFAULTS["core_min_assets_fen"])):
        return ClientTier.CORE
    if assets_fen >= int(rules.tiers.get("important_min_assets_fen", TIER_DEFAULTS["important_min_assets_fen"])):
        return ClientTier.IMPORTANT
    return ClientTier.STANDARD


# --- the questionnaire ------------------------------------------------------------------------------

QUESTIONNAIRE_CODE = "individual"


def _q(code: str, text: str, *options: tuple[str, str, int] | tuple[str, str, int, bool]) -> dict[str, Any]:
    return {
        "code": code,
        "text": text,
        "options": [
            {"code": o[0], "text": o[1], "points": o[2], **({"lowest": True} if len(o) > 3 else {})} for o in options
        ],
    }


DEFAULT_QUESTIONNAIRE: dict[str, Any] = {
    "title": "个人投资者风险承受能力评估问卷",
    "questions": [
        _q("income_source", "您的主要收入来源是", ("a", "无固定收入", 0), ("b", "工资、劳务报酬", 6),
           ("c", "生产经营所得", 8), ("d", "金融资产收益", 10)),
        _q("income", "您的家庭可支配年收入", ("a", "10 万元以下", 2), ("b", "10 万至 50 万元", 5),
           ("c", "50 万至 100 万元", 8), ("d", "100 万元以上", 10)),
        _q("share", "可用于证券投资的资产占家庭金融资产的比例", ("a", "10% 以下", 2), ("b", "10%–30%", 5),
           ("c", "30%–50%", 8), ("d", "50% 以上", 10)),
        _q("debt", "您是否有尚未清偿的数额较大的债务", ("a", "有，数额较大", 0), ("b", "有，数额不大", 5),
           ("c", "没有", 10)),
        _q("knowledge", "您的投资知识", ("a", "基本没有", 0), ("b", "了解一些", 4), ("c", "比较丰富", 7),
           ("d", "非常丰富（金融从业或相关专业）", 10)),
        _q("experience", "您的证券投资经验", ("a", "没有经验", 0), ("b", "2 年以下", 4), ("c", "2–5 年", 7),
           ("d", "5 年以上", 10)),
        _q("term", "您计划的投资期限", ("a", "1 年以内", 2), ("b", "1–3 年", 6), ("c", "3 年以上", 10)),
        _q("goal", "您的投资目标", ("a", "保本，不愿承担本金损失", 0, True), ("b", "资产稳健增长", 4),
           ("c", "资产较快增长", 7), ("d", "追求高收益", 10)),
        _q("loss", "您能承受的最大投资损失", ("a", "不能承受任何损失", 0, True), ("b", "10% 以内", 3),
           ("c", "10%–30%", 6), ("d", "30%–50%", 8), ("e", "50% 以上", 10)),
        _q("reaction", "投资下跌 20% 时您会", ("a", "全部卖出", 0), ("b", "卖出部分", 4), ("c", "继续持有", 7),
           ("d", "继续买入", 10)),
    ],
}  # fmt: skip
"""Ten questions, 0–100 points. An option marked ``lowest`` (accepts no loss) makes the client a
最低类别 investor (domain notes §3 (二)) whatever the score."""


def ensure_questionnaire(session: Session) -> Questionnaire:
    """The newest active questionnaire; seeds :data:`DEFAULT_QUESTIONNAIRE` as revision 1 if none."""
    row = session.scalars(
        sa.select(Questionnaire)
        .where(Questionnaire.code == QUESTIONNAIRE_CODE, Questionnaire.active.is_(True))
        .where(Questionnaire.deleted_at.is_(None))
        .order_by(Questionnaire.revision.desc())
        .limit(1)
    ).first()
    if row is None:
        row = Questionnaire(
            code=QUESTIONNAIRE_CODE,
            revision=1,
            title=DEFAULT_QUESTIONNAIRE["title"],
            definition=DEFAULT_QUESTIONNAIRE,
        )
        session.add(row)
        session.flush()
    return row
