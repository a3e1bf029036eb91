"""Suitability paperwork (适当性): questionnaire result, match notice, mismatch warning, disclosure.

C1–C5 investors may take R1..Rn products (domain notes §3). A match notice is only for a match;
a mismatch needs the warning (风险不匹配警示书), which the lowest category (最低类别) may never get.
Score bands are firm policy (policy "suitability"), applied by the account wizard, not here.
"""

from __future__ import annotations

from workstation.errors import FieldProblem
from workstation.forms.base import Data, Field, FormDefinition, Kind, Section
from workstation.forms.common import (
    CLIENT_NAME,
    FOUR_EYES,
    FUND_ACCOUNT,
    INVESTOR_TYPE,
    OFFICE_FIELDS,
    PRODUCT_RISK,
    RARE_NAME_2,
    RISK_CLASS,
    sample_client,
    sample_office,
)

"""``(lowest score, highest score, class)``; a score of 0 with a lowest-category answer is C1-最低."""

TERMS = (("short", "短期（1 年以内）"), ("medium", "中期（1–5 年）"), ("long", "长期（5 年以上）"))
VARIETIES = (
    ("deposit", "存款及货币类"),
    ("bond", "债券、债券基金"),
    ("equity", "股票、混合基金"),
    ("derivative", "期货、期权等衍生品"),
    ("structured", "复杂或高风险产品"),
)
DISCLOSURE_DOCS = (
    ("risk_disclosure", "《证券交易风险揭示书》"),
    ("client_notice", "《客户须知》"),
    ("sse_guide", "《上海证券交易所个人投资者行为指引》"),
    ("agency", "《证券交易委托代理协议》"),
    ("custody", "《客户交易结算资金第三方存管协议》"),
    ("chinext", "《创业板投资风险揭示书》"),
    ("delisting", "《退市整理期股票交易风险揭示书》"),
)

VALID_UNTIL = Field("valid_until", "评估结果有效期至", Kind.DATE)


def class_rank(code: object) -> int:
    """``"C3"`` or ``"R3"`` → 3 (0 when unknown)."""
    text = str(code or "")
    return int(text[1]) if len(text) == 2 and text[1].isdigit() else 0


def _check_score(data: Data) -> list[FieldProblem]:
    # The score → class bands are firm policy, applied by the account wizard; the form prints the
    # result it is given and checks only what holds under every policy.
    score, level = data.get("score"), data.get("risk_class")
    if not isinstance(score, int) or not 0 <= score <= 100:
        return [FieldProblem("score", "“评估得分”应在 0–100 之间")]
    if data.get("lowest_category") and level != "C1":
        return [FieldProblem("lowest_category", "最低类别投资者的等级只能为 C1")]
    return []


def _check_match(data: Data) -> list[FieldProblem]:
    if class_rank(data.get("product_risk")) > class_rank(data.get("risk_class")):
        return [FieldProblem("product_risk", "产品风险等级高于客户风险承受能力，应出具《风险不匹配警示书》")]
    return []


def _check_mismatch(data: Data) -> list[FieldProblem]:
    problems = []
    if class_rank(data.get("product_risk")) <= class_rank(data.get("risk_class")):
        problems.append(FieldProblem("product_risk", "产品风险等级与客户等级匹配，应出具《适当性匹配意见告知书》"))
    if data.get("lowest_category"):
        problems.append(
            FieldProblem("lowest_category", "最低类别投资者不得购买或接受高于其风险承受能力的产品或服务，即使本人坚持")
        )
    return problems


# --- 风险承受能力评估结果 ------------------------------------------------------------------------

RISK_ASSESSMENT = FormDefinition(
    code="risk-assessment",
    title="投资者风险承受能力评估结果确认书",
    fields=(
        *OFFICE_FIELDS,
        CLIENT_NAME,
        FUND_ACCOUNT,
        Field("survey_date", "评估日期", Kind.DATE),
        Field("score", "评估得分", Kind.INT),
        RISK_CLASS,
        Field("lowest_category", "风险承受能力最低类别", Kind.BOOL),
        VALID_UNTIL,
        Field("term", "拟投资期限", Kind.CHOICE, choices=TERMS),
        Field("varieties", "拟投资品种", Kind.MULTI, choices=VARIETIES, wide=True),
        Field(
            "answers",
            "问卷作答摘要",
            Kind.TABLE,
            required=False,
            columns=(
                Field("question", "题目", max_length=100),
                Field("answer", "所选答案", max_length=100),
                Field("points", "得分", Kind.INT),
            ),
        ),
    ),
    sections=(
        Section("投资者", ("client_name", "fund_account", "survey_date")),
        Section("评估结果", ("score", "risk_class", "lowest_category", "valid_until", "term", "varieties")),
        Section(
            "问卷作答摘要",
            ("answers",),
            text="本评估结果不能取代您自己的投资判断，也不表明本公司对产品或服务的风险和收益作出实质性判断或保证。"
            "您的风险承受能力等级为{risk_class}，适合购买或接受风险等级不高于相应等级的产品或服务。"
            "评估结果有效期至{valid_until}；如您的财务状况、投资经验等发生重大变化，请及时重新评估。",
        ),
    ),
    checks=(FOUR_EYES, _check_score),
    sample=lambda: {
        **sample_office("PG-20250301-0001"),
        **sample_client(),
        "survey_date": "2025-03-01",
        "score": 45,
        "risk_class": "C3",
        "lowest_category": False,
        "valid_until": "2027-02-28",
        "term": "medium",
        "varieties": ["bond", "equity"],
        "answers": [
            {"question": "您的主要收入来源是", "answer": "工资、劳务报酬", "points": 4},
            {"question": "家庭可支配年收入", "answer": "50 万至 100 万元", "points": 8},
            {"question": "可用于投资的资产占比", "answer": "10%–30%", "points": 6},
            {"question": "证券投资经验", "answer": "3–5 年，投资过股票和基金", "points": 9},
            {"question": "可承受的最大亏损", "answer": "本金亏损 10%–30%", "points": 10},
            {"question": "投资目标", "answer": "资产稳健增长", "points": 8},
        ],
    },
)

# --- 适当性匹配意见告知书 / 风险不匹配警示书 --------------------------------------------------

_NOTICE_FIELDS = (
    *OFFICE_FIELDS,
    CLIENT_NAME,
    FUND_ACCOUNT,
    INVESTOR_TYPE,
    RISK_CLASS,
    Field("lowest_category", "风险承受能力最低类别", Kind.BOOL),
    VALID_UNTIL,
    Field("product", "产品或服务名称", max_length=100, wide=True),
    PRODUCT_RISK,
    Field("term_match", "投资期限", Kind.CHOICE, choices=(("yes", "匹配"), ("no", "不匹配"))),
    Field("variety_match", "投资品种", Kind.CHOICE, choices=(("yes", "匹配"), ("no", "不匹配"))),
)

SUITABILITY_MATCH = FormDefinition(
    code="suitability-match",
    title="适当性匹配意见告知书",
    fields=_NOTICE_FIELDS,
    sections=(
        Section(
            "投资者", ("client_name", "fund_account", "investor_type", "risk_class", "lowest_category", "valid_until")
        ),
        Section(
            "产品或服务",
            ("product", "product_risk", "term_match", "variety_match"),
            text="根据《证券期货投资者适当性管理办法》，经评估，您的风险承受能力等级为{risk_class}，"
            "您拟购买或接受的{product}风险等级为{product_risk}，两者相匹配。"
            "本告知书不表明本公司对产品或服务的风险和收益作出实质性判断或保证。"
            "投资有风险，您可能损失全部本金；市场、政策、流动性及证券公司经营状况等变化均可能造成损失，请审慎决策。",
        ),
    ),
    checks=(FOUR_EYES, _check_match),
    sample=lambda: {
        **sample_office("PP-20250301-0001"),
        **sample_client(),
        "investor_type": "ordinary",
        "risk_class": "C3",
        "lowest_category": False,
        "valid_until": "2027-02-28",
        "product": "普通 A 股及证券投资基金交易（沪深主板）",
        "product_risk": "R3",
        "term_match": "yes",
        "variety_match": "yes",
    },
)

SUITABILITY_MISMATCH = FormDefinition(
    code="suitability-mismatch",
    title="风险不匹配警示书",
    subtitle="（投资者确认书）",
    fields=(*_NOTICE_FIELDS, Field("recording_id", "双录编号", max_length=40)),
    sections=(
        Section(
            "投资者", ("client_name", "fund_account", "investor_type", "risk_class", "lowest_category", "valid_until")
        ),
        Section(
            "产品或服务",
            ("product", "product_risk", "term_match", "variety_match", "recording_id"),
            text="特别风险提示：您的风险承受能力等级为{risk_class}，您拟购买或接受的{product}风险等级为"
            "{product_risk}，高于您的风险承受能力，不匹配。该产品或服务可能导致您损失全部本金，甚至超出本金的损失。"
            "\n本人已认真阅读并理解上述警示，经审慎考虑，仍坚持申请购买或接受该产品或服务，"
            "并自愿承担由此产生的全部风险和损失。",
        ),
    ),
    checks=(FOUR_EYES, _check_mismatch),
    sample=lambda: {
        **sample_office("BP-20250301-0001"),
        **sample_client(),
        "client_name": RARE_NAME_2,
        "investor_type": "ordinary",
        "risk_class": "C2",
        "lowest_category": False,
        "valid_until": "2026-12-31",
        "product": "创业板股票交易权限",
        "product_risk": "R4",
        "term_match": "yes",
        "variety_match": "no",
        "recording_id": "SL-20250301-0007",
    },
)

# --- 风险揭示书签署确认 -------------------------------------------------------------------------

RISK_DISCLOSURE = FormDefinition(
    code="risk-disclosure",
    title="风险揭示书签署确认书",
    fields=(
        *OFFICE_FIELDS,
        CLIENT_NAME,
        FUND_ACCOUNT,
        Field("documents", "已阅读并签署的文件", Kind.MULTI, choices=DISCLOSURE_DOCS, wide=True),
    ),
    sections=(
        Section("投资者", ("client_name", "fund_account")),
        Section(
            "已签署文件",
            ("documents",),
            text="本人已收到并认真阅读上述文件，证券公司工作人员已向本人说明其内容，特别是可能导致本金损失的各项风险。"
            "本人充分理解证券投资的风险，愿意承担投资损失，确认不存在他人代为签署的情形。"
            "\n证券投资的主要风险包括但不限于：宏观经济与政策风险、市场风险、上市公司经营风险、技术系统风险、"
            "不可抗力风险，以及因本人操作不当、密码泄露、委托他人操作造成的损失。",
        ),
    ),
    checks=(FOUR_EYES,),
    sample=lambda: {
        **sample_office("JS-20250301-0001"),
        **sample_client(),
        "documents": ["risk_disclosure", "client_notice", "sse_guide", "agency", "custody"],
    },
)
