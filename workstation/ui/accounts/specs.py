"""The fields of each wizard step, as the step validators name them (``workstation.accounts``).

Codes and their Chinese labels come from the core (``forms.account``, ``forms.suitability``,
``domain``); the services offered and the custody banks come from the branch's rules.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from workstation.accounts.rules import AccountRules
from workstation.accounts.steps import Step
from workstation.domain import AmlRisk, Channel, IdType, Sex
from workstation.forms.account import (
    BANKS,
    CURRENCIES,
    EDUCATION,
    MARKETS,
    NO_TIN_REASONS,
    OCCUPATIONS,
    ORDER_CHANNELS,
    STATEMENT_WAYS,
    TAX_RESIDENT_TYPES,
)
from workstation.forms.suitability import DISCLOSURE_DOCS, TERMS, VARIETIES
from workstation.ui.accounts.fields import Kind, Spec

ID_TYPES = tuple((t.value, t.label) for t in IdType)
SEXES = tuple((s.value, s.label) for s in Sex)
CHANNELS = tuple((c.value, c.label) for c in Channel)
OWNER_ROLES = (("owner", "受益所有人"), ("controller", "实际控制人"))
AML_LEVELS = tuple((r.value, r.label) for r in (AmlRisk.LOW, AmlRisk.MEDIUM, AmlRisk.HIGH))


def identity() -> list[Spec]:
    return [
        Spec(
            "name",
            QT_TRANSLATE_NOOP("AccountFields", "客户姓名"),
            required=True,
            hint=QT_TRANSLATE_NOOP("AccountFields", "与证件一致，生僻字可用输入法输入"),
        ),
        Spec(
            "id_type",
            QT_TRANSLATE_NOOP("AccountFields", "证件类型"),
            Kind.CHOICE,
            ID_TYPES,
            default="00",
            required=True,
        ),
        Spec(
            "id_number",
            QT_TRANSLATE_NOOP("AccountFields", "证件号码"),
            required=True,
            hint=QT_TRANSLATE_NOOP("AccountFields", "18 位身份证号码，末位可为 X"),
        ),
        Spec("sex", QT_TRANSLATE_NOOP("AccountFields", "性别（身份证可不选，按号码）"), Kind.CHOICE, SEXES),
        Spec("birth_date", QT_TRANSLATE_NOOP("AccountFields", "出生日期（身份证可不填）"), Kind.DATE),
        Spec(
            "nationality",
            QT_TRANSLATE_NOOP("AccountFields", "国籍"),
            hint=QT_TRANSLATE_NOOP("AccountFields", "3 位代码，默认 CHN"),
        ),
        Spec(
            "ethnicity", QT_TRANSLATE_NOOP("AccountFields", "民族"), hint=QT_TRANSLATE_NOOP("AccountFields", "如 汉族")
        ),
        Spec("id_issuer", QT_TRANSLATE_NOOP("AccountFields", "签发机关"), required=True),
        Spec("id_valid_from", QT_TRANSLATE_NOOP("AccountFields", "证件有效期起"), Kind.DATE, required=True),
        Spec("id_valid_to", QT_TRANSLATE_NOOP("AccountFields", "证件有效期止"), Kind.DATE),
        Spec("id_long_term", QT_TRANSLATE_NOOP("AccountFields", "长期有效（不填有效期止）"), Kind.FLAG),
        Spec("id_address", QT_TRANSLATE_NOOP("AccountFields", "证件地址"), wide=True, required=True),
    ]


def client_data() -> list[Spec]:
    owner_columns = (
        Spec("role", QT_TRANSLATE_NOOP("AccountFields", "身份"), Kind.CHOICE, OWNER_ROLES),
        Spec("name", QT_TRANSLATE_NOOP("AccountFields", "姓名")),
        Spec("id_type", QT_TRANSLATE_NOOP("AccountFields", "证件类型"), Kind.CHOICE, ID_TYPES),
        Spec("id_number", QT_TRANSLATE_NOOP("AccountFields", "证件号码")),
        Spec("id_valid_to", QT_TRANSLATE_NOOP("AccountFields", "有效期至")),
        Spec("phone", QT_TRANSLATE_NOOP("AccountFields", "联系电话")),
        Spec("relation", QT_TRANSLATE_NOOP("AccountFields", "与本人关系")),
    )
    return [
        Spec(
            "mobile",
            QT_TRANSLATE_NOOP("AccountFields", "手机号码"),
            required=True,
            hint=QT_TRANSLATE_NOOP("AccountFields", "中国大陆 11 位手机号"),
        ),
        Spec("phone", QT_TRANSLATE_NOOP("AccountFields", "固定电话")),
        Spec("email", QT_TRANSLATE_NOOP("AccountFields", "电子邮箱")),
        Spec("postcode", QT_TRANSLATE_NOOP("AccountFields", "邮政编码"), required=True),
        Spec("address", QT_TRANSLATE_NOOP("AccountFields", "联系地址"), wide=True, required=True),
        Spec("occupation", QT_TRANSLATE_NOOP("AccountFields", "职业"), Kind.CHOICE, OCCUPATIONS, required=True),
        Spec("occupation_text", QT_TRANSLATE_NOOP("AccountFields", "职业说明（选“其他”时必填）")),
        Spec("employer", QT_TRANSLATE_NOOP("AccountFields", "工作单位")),
        Spec("education", QT_TRANSLATE_NOOP("AccountFields", "学历"), Kind.CHOICE, EDUCATION, required=True),
        Spec("channel", QT_TRANSLATE_NOOP("AccountFields", "客户来源渠道"), Kind.CHOICE, CHANNELS, default="walk_in"),
        Spec("assets_fen", QT_TRANSLATE_NOOP("AccountFields", "拟存入资产（元）"), Kind.MONEY),
        Spec("owner_is_self", QT_TRANSLATE_NOOP("AccountFields", "受益所有人为本人"), Kind.FLAG, default=True),
        Spec("controller_is_self", QT_TRANSLATE_NOOP("AccountFields", "实际控制人为本人"), Kind.FLAG, default=True),
        Spec(
            "owners",
            QT_TRANSLATE_NOOP("AccountFields", "受益所有人 / 实际控制人（非本人时填写）"),
            Kind.TABLE,
            columns=owner_columns,
        ),
        Spec("integrity_flag", QT_TRANSLATE_NOOP("AccountFields", "存在不良诚信记录"), Kind.FLAG),
        Spec("integrity_note", QT_TRANSLATE_NOOP("AccountFields", "诚信记录说明")),
    ]


def previous_broker() -> list[Spec]:
    holding_columns = (
        Spec("code", QT_TRANSLATE_NOOP("AccountFields", "证券代码")),
        Spec("name", QT_TRANSLATE_NOOP("AccountFields", "证券名称")),
        Spec("quantity", QT_TRANSLATE_NOOP("AccountFields", "数量")),
    )
    return [
        Spec("previous_broker", QT_TRANSLATE_NOOP("AccountFields", "原证券公司及营业部"), wide=True, required=True),
        Spec(
            "csdc_account",
            QT_TRANSLATE_NOOP("AccountFields", "一码通账户"),
            required=True,
            hint=QT_TRANSLATE_NOOP("AccountFields", "12 位数字"),
        ),
        Spec(
            "sh_account",
            QT_TRANSLATE_NOOP("AccountFields", "上海A股账户"),
            hint=QT_TRANSLATE_NOOP("AccountFields", "A 加 9 位数字"),
        ),
        Spec(
            "sz_account",
            QT_TRANSLATE_NOOP("AccountFields", "深圳A股账户"),
            hint=QT_TRANSLATE_NOOP("AccountFields", "0 开头 10 位数字"),
        ),
        Spec("transfer_assets_fen", QT_TRANSLATE_NOOP("AccountFields", "拟转入资产（元）"), Kind.MONEY),
        Spec(
            "sz_transfer",
            QT_TRANSLATE_NOOP("AccountFields", "办理深圳转托管（有深市持仓时勾选）"),
            Kind.FLAG,
            default=True,
        ),
        Spec("holdings", QT_TRANSLATE_NOOP("AccountFields", "深圳转托管证券清单"), Kind.TABLE, columns=holding_columns),
        Spec("retention_notes", QT_TRANSLATE_NOOP("AccountFields", "挽留与沟通记录"), Kind.LONGTEXT),
    ]


def questionnaire_extra() -> list[Spec]:
    return [
        Spec(
            "reuse_existing",
            QT_TRANSLATE_NOOP("AccountFields", "沿用客户仍在有效期内的测评结果（不重新作答）"),
            Kind.FLAG,
            wide=True,
        ),
        Spec("term", QT_TRANSLATE_NOOP("AccountFields", "拟投资期限"), Kind.CHOICE, TERMS, required=True),
        Spec("varieties", QT_TRANSLATE_NOOP("AccountFields", "拟投资品种"), Kind.MULTI, VARIETIES, required=True),
        Spec("professional", QT_TRANSLATE_NOOP("AccountFields", "申请认定为专业投资者"), Kind.FLAG),
        Spec("financial_assets_fen", QT_TRANSLATE_NOOP("AccountFields", "金融资产（元）"), Kind.MONEY),
        Spec("income_3y_fen", QT_TRANSLATE_NOOP("AccountFields", "近 3 年年均收入（元）"), Kind.MONEY),
        Spec("experience_years", QT_TRANSLATE_NOOP("AccountFields", "投资经历（年）"), Kind.INT),
    ]


def suitability_match(rules: AccountRules) -> list[Spec]:
    services = tuple((code, f"{s['label']}（{s['risk']}）") for code, s in rules.services.items())
    return [
        Spec(
            "services",
            QT_TRANSLATE_NOOP("AccountFields", "客户申请的业务（括号内为产品风险等级）"),
            Kind.MULTI,
            services,
            required=True,
        ),
        Spec(
            "insist",
            QT_TRANSLATE_NOOP("AccountFields", "客户坚持申请不匹配的业务（签署《风险不匹配警示书》）"),
            Kind.FLAG,
        ),
        Spec("dual_recording_ref", QT_TRANSLATE_NOOP("AccountFields", "双录编号（须双录时必填）")),
    ]


def aml_crs() -> list[Spec]:
    jurisdiction_columns = (
        Spec("country", QT_TRANSLATE_NOOP("AccountFields", "税收居民国（地区）")),
        Spec("tin", QT_TRANSLATE_NOOP("AccountFields", "纳税人识别号")),
        Spec(
            "no_tin_reason",
            QT_TRANSLATE_NOOP("AccountFields", "未提供原因"),
            Kind.CHOICE,
            tuple(r for r in NO_TIN_REASONS if r[0]),
        ),
        Spec("explanation", QT_TRANSLATE_NOOP("AccountFields", "具体说明")),
    )
    return [
        Spec(
            "crs_declared",
            QT_TRANSLATE_NOOP("AccountFields", "客户已如实填写并签署《个人税收居民身份声明文件》"),
            Kind.FLAG,
            wide=True,
        ),
        Spec(
            "resident_type",
            QT_TRANSLATE_NOOP("AccountFields", "税收居民身份"),
            Kind.CHOICE,
            TAX_RESIDENT_TYPES,
            default="1",
            wide=True,
        ),
        Spec("name_en", QT_TRANSLATE_NOOP("AccountFields", "英文或拼音姓名（非仅中国税收居民必填）")),
        Spec("birth_place", QT_TRANSLATE_NOOP("AccountFields", "出生地（默认按身份证号码）")),
        Spec(
            "jurisdictions",
            QT_TRANSLATE_NOOP("AccountFields", "税收居民国（地区）及纳税人识别号"),
            Kind.TABLE,
            columns=jurisdiction_columns,
        ),
        Spec("pep", QT_TRANSLATE_NOOP("AccountFields", "政治公众人物或其亲属"), Kind.FLAG),
        Spec(
            "aml_override", QT_TRANSLATE_NOOP("AccountFields", "人工调高反洗钱评级（可不选）"), Kind.CHOICE, AML_LEVELS
        ),
        Spec("aml_override_reason", QT_TRANSLATE_NOOP("AccountFields", "调高评级的原因")),
    ]


def custody_bank(rules: AccountRules) -> list[Spec]:
    allowed = set(rules.accounts.get("banks") or [])
    banks = tuple((code, label) for code, label in BANKS if code in allowed)
    return [
        Spec("bank", QT_TRANSLATE_NOOP("AccountFields", "存管银行"), Kind.CHOICE, banks, required=True),
        Spec(
            "bank_card",
            QT_TRANSLATE_NOOP("AccountFields", "银行卡号"),
            required=True,
            hint=QT_TRANSLATE_NOOP("AccountFields", "16–19 位，与卡面逐位核对"),
        ),
        Spec("card_holder", QT_TRANSLATE_NOOP("AccountFields", "持卡人姓名（须为客户本人）"), required=True),
    ]


def commission() -> list[Spec]:
    return [
        Spec("rate_ppm", QT_TRANSLATE_NOOP("AccountFields", "佣金费率（百万分之，留空用本渠道默认）"), Kind.INT),
        Spec("approver_no", QT_TRANSLATE_NOOP("AccountFields", "审批主管工号（低于下限时）")),
        Spec("approval_reason", QT_TRANSLATE_NOOP("AccountFields", "低于下限的原因"), wide=True),
    ]


def documents() -> list[Spec]:
    return [
        Spec(
            "markets",
            QT_TRANSLATE_NOOP("AccountFields", "开立证券账户"),
            Kind.MULTI,
            MARKETS,
            default=["SH_A", "SZ_A"],
            required=True,
        ),
        Spec("currencies", QT_TRANSLATE_NOOP("AccountFields", "资金账户币种"), Kind.MULTI, CURRENCIES, default=["CNY"]),
        Spec(
            "order_channels",
            QT_TRANSLATE_NOOP("AccountFields", "委托方式"),
            Kind.MULTI,
            ORDER_CHANNELS,
            default=["counter", "internet", "mobile"],
        ),
        Spec(
            "statement_ways", QT_TRANSLATE_NOOP("AccountFields", "对账单寄送"), Kind.MULTI, STATEMENT_WAYS, default=[]
        ),
        Spec(
            "signed",
            QT_TRANSLATE_NOOP("AccountFields", "已向客户讲解并由客户签署"),
            Kind.MULTI,
            DISCLOSURE_DOCS,
            default=[],
            required=True,
        ),
        Spec("originals_checked", QT_TRANSLATE_NOOP("AccountFields", "已核对客户证件原件"), Kind.FLAG, wide=True),
    ]


def specs_for(step: Step, rules: AccountRules) -> list[Spec]:
    """The fields of ``step`` (the questionnaire's questions are drawn by its own page)."""
    builders = {
        Step.IDENTITY: identity, Step.CLIENT_DATA: client_data, Step.PREVIOUS_BROKER: previous_broker,
        Step.QUESTIONNAIRE: questionnaire_extra, Step.AML_CRS: aml_crs, Step.COMMISSION: commission,
        Step.DOCUMENTS: documents,
    }  # fmt: skip
    if step is Step.SUITABILITY_MATCH:
        return suitability_match(rules)
    if step is Step.CUSTODY_BANK:
        return custody_bank(rules)
    return builders[step]()
