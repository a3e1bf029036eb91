"""Account-opening paperwork: application (开户申请表), bank custody page, CRS and beneficial owner."""

from __future__ import annotations

from typing import Any

from workstation.domain import IdType, Sex
from workstation.errors import FieldProblem
from workstation.forms.base import Data, Field, FormDefinition, Kind, Section, choices_of
from workstation.forms.common import (
    BRANCH_ADDRESS,
    CLIENT_NAME,
    FOUR_EYES,
    FUND_ACCOUNT,
    ID_NUMBER,
    ID_TYPE,
    LONG_ADDRESS,
    MINORITY_NAME,
    MOBILE,
    OFFICE_FIELDS,
    RARE_NAME,
    RARE_NAME_2,
    RISK_CLASS,
    check_id_number,
    sample_client,
    sample_office,
)

OCCUPATIONS = (
    ("01", "文教科卫"),
    ("02", "党政机关干部"),
    ("03", "企事业单位干部"),
    ("04", "工人"),
    ("05", "农民"),
    ("06", "个体工商户"),
    ("07", "无业"),
    ("08", "军人"),
    ("09", "学生"),
    ("0A", "自由职业"),
    ("10", "证券从业人员"),
    ("11", "离退休"),
    ("99", "其他"),
)
EDUCATION = (
    ("0", "博士"),
    ("1", "硕士"),
    ("2", "本科"),
    ("3", "大专"),
    ("4", "中专"),
    ("5", "高中"),
    ("6", "初中及以下"),
    ("Z", "其他"),
)
MARKETS = (("SH_A", "沪A"), ("SZ_A", "深A"), ("SH_B", "沪B"), ("SZ_B", "深B"))
CURRENCIES = (("CNY", "人民币"), ("USD", "美元"), ("HKD", "港币"))
ORDER_CHANNELS = (
    ("phone", "电话"),
    ("counter", "柜台"),
    ("internet", "网上"),
    ("mobile", "手机"),
    ("kiosk", "自助"),
)
STATEMENT_WAYS = (("sms", "短信"), ("email", "电子邮件"), ("post", "信函"))
BANKS = (
    ("ICBC", "中国工商银行"),
    ("ABC", "中国农业银行"),
    ("BOC", "中国银行"),
    ("CCB", "中国建设银行"),
    ("BOCOM", "交通银行"),
    ("CMB", "招商银行"),
    ("PSBC", "中国邮政储蓄银行"),
)

_CLIENT_CORE = (
    CLIENT_NAME,
    FUND_ACCOUNT,
    ID_TYPE,
    ID_NUMBER,
)

# --- 开户申请表 -------------------------------------------------------------------------------

ACCOUNT_APPLICATION = FormDefinition(
    code="account-application",
    title="证券开户申请表",
    subtitle="（自然人，含证券账户注册信息）",
    fields=(
        *OFFICE_FIELDS,
        *_CLIENT_CORE,
        Field("sex", "性别", Kind.CHOICE, choices=choices_of(Sex)),
        Field("birth_date", "出生日期", Kind.DATE),
        Field("nationality", "国籍", max_length=30, example="中国"),
        Field("ethnicity", "民族", required=False, max_length=20, example="汉族"),
        Field("id_valid_from", "证件有效期起", Kind.DATE),
        Field("id_valid_to", "证件有效期止", Kind.DATE, required=False),
        Field("id_long_term", "长期有效", Kind.BOOL, required=False),
        Field("id_issuer", "签发机关", max_length=60),
        Field("id_address", "证件地址", Kind.LONGTEXT, wide=True),
        MOBILE,
        Field("phone", "固定电话", required=False, max_length=30),
        Field("fax", "传真", required=False, max_length=30),
        Field(
            "email",
            "电子邮箱",
            required=False,
            max_length=80,
            pattern=r"[^@\s]+@[^@\s]+\.[^@\s]+",
            pattern_hint="如 name@example.com",
        ),
        Field("address", "联系地址", Kind.LONGTEXT, wide=True),
        Field("postcode", "邮政编码", pattern=r"\d{6}", pattern_hint="6 位数字"),
        Field("occupation", "职业", Kind.CHOICE, choices=OCCUPATIONS),
        Field("education", "学历", Kind.CHOICE, choices=EDUCATION),
        Field("markets", "开立证券账户", Kind.MULTI, choices=MARKETS, wide=True),
        Field("sh_account", "上海A股账户", required=False, max_length=20),
        Field("sz_account", "深圳A股账户", required=False, max_length=20),
        Field("currencies", "资金账户币种", Kind.MULTI, choices=CURRENCIES, wide=True),
        RISK_CLASS,
        Field("order_channels", "委托方式", Kind.MULTI, choices=ORDER_CHANNELS, wide=True),
        Field("statement_ways", "对账单寄送", Kind.MULTI, choices=STATEMENT_WAYS, required=False, wide=True),
        Field("marketer_name", "营销人员", required=False, max_length=30),
        Field("marketer_no", "营销人员编号", required=False, max_length=20),
        Field("marketer_cert", "执业证书编号", required=False, max_length=30),
        Field("branch_address", "营业部地址", Kind.LONGTEXT, wide=True),
        Field("complaint_phone", "投诉电话", max_length=30),
    ),
    sections=(
        Section(
            "客户基本信息", ("client_name", "sex", "birth_date", "nationality", "ethnicity", "occupation", "education")
        ),
        Section(
            "身份证件",
            ("id_type", "id_number", "id_valid_from", "id_valid_to", "id_long_term", "id_issuer", "id_address"),
        ),
        Section("联系方式", ("mobile", "phone", "fax", "email", "postcode", "address")),
        Section(
            "账户与服务",
            (
                "fund_account",
                "risk_class",
                "markets",
                "sh_account",
                "sz_account",
                "currencies",
                "order_channels",
                "statement_ways",
            ),
        ),
        Section("营销人员", ("marketer_name", "marketer_no", "marketer_cert")),
        Section(
            "乙方（证券公司）",
            ("branch", "branch_address", "complaint_phone"),
            text="本人承诺以上所填信息真实、准确、完整，如有变更将及时通知贵公司。本人已阅读并理解《客户须知》及"
            "《风险揭示书》的全部内容，自愿开立证券账户及资金账户，并自行承担投资风险。",
        ),
    ),
    checks=(FOUR_EYES, check_id_number),
    sample=lambda: _sample_application(),
)


def _sample_application() -> dict[str, Any]:
    return {
        **sample_office("KH-20250301-0001"),
        **sample_client(),
        "id_type": "00",
        "id_number": "360426199101010071",
        "sex": "M",
        "birth_date": "1991-01-01",
        "nationality": "中国",
        "ethnicity": "汉族",
        "id_valid_from": "2016-05-20",
        "id_valid_to": "2036-05-20",
        "id_issuer": "德安县公安局",
        "id_address": "江西省九江市德安县蒲亭镇宝塔路一百零八号",
        "mobile": "13800138000",
        "phone": "010-62345678",
        "email": "client@example.com",
        "address": LONG_ADDRESS,
        "postcode": "835000",
        "occupation": "0A",
        "education": "2",
        "markets": ["SH_A", "SZ_A"],
        "sh_account": "A123456789",
        "sz_account": "0123456789",
        "currencies": ["CNY"],
        "risk_class": "C3",
        "order_channels": ["counter", "internet", "mobile"],
        "statement_ways": ["email"],
        "marketer_name": "赵敏",
        "marketer_no": "M0456",
        "marketer_cert": "S0100119120045",
        "branch_address": BRANCH_ADDRESS,
        "complaint_phone": "010-95500",
    }


# --- 三方存管协议（数据页） -------------------------------------------------------------------

BANK_CUSTODY = FormDefinition(
    code="bank-custody",
    title="客户交易结算资金第三方存管协议",
    subtitle="（协议数据页）",
    fields=(
        *OFFICE_FIELDS,
        *_CLIENT_CORE,
        Field("address", "地址", Kind.LONGTEXT, wide=True),
        Field("postcode", "邮政编码", pattern=r"\d{6}", pattern_hint="6 位数字"),
        Field("email", "电子邮箱", required=False, max_length=80),
        MOBILE,
        Field("bank", "存管银行", Kind.CHOICE, choices=BANKS),
        Field("bank_card", "银行结算账户（卡号）", pattern=r"\d{12,19}", pattern_hint="12–19 位数字"),
        Field(
            "op_type",
            "建立方式",
            Kind.CHOICE,
            choices=(("0", "一步式（在证券公司输入银行密码）"), ("1", "预指定（持卡到银行确认）")),
            wide=True,
        ),
    ),
    sections=(
        Section(
            "甲方（投资者）",
            ("client_name", "fund_account", "id_type", "id_number", "mobile", "email", "postcode", "address"),
        ),
        Section(
            "存管银行账户",
            ("bank", "bank_card", "op_type"),
            text="甲方指定上述银行结算账户作为其证券交易结算资金第三方存管的银行账户，该账户须为甲方本人名下账户。"
            "甲方已阅读并同意《客户交易结算资金第三方存管协议》全部条款。",
        ),
        Section("乙方（证券公司）", ("branch",)),
    ),
    checks=(FOUR_EYES, check_id_number),
    sample=lambda: {
        **sample_office("CG-20250301-0001"),
        **sample_client(),
        "id_type": "00",
        "id_number": "360426199101010071",
        "address": LONG_ADDRESS,
        "postcode": "835000",
        "email": "client@example.com",
        "mobile": "13800138000",
        "bank": "ICBC",
        "bank_card": "6222020200112233445",
        "op_type": "1",
    },
)

# --- 税收居民身份声明（CRS） ---------------------------------------------------------------

TAX_RESIDENT_TYPES = (
    ("1", "仅为中国税收居民"),
    ("2", "仅为非居民"),
    ("3", "既是中国税收居民又是其他国家（地区）税收居民"),
)
NO_TIN_REASONS = (
    ("", "（已提供）"),
    ("A", "居民国（地区）不发放纳税人识别号"),
    ("B", "账户持有人未能取得纳税人识别号"),
)


def _check_crs(data: Data) -> list[FieldProblem]:
    if data.get("resident_type") == "1":
        return []
    rows = data.get("jurisdictions") or []
    if not rows:
        return [FieldProblem("jurisdictions", "非仅中国税收居民须填写税收居民国（地区）及纳税人识别号")]
    problems = []
    for i, row in enumerate(rows):
        if not row.get("tin") and not row.get("no_tin_reason"):
            problems.append(FieldProblem(f"jurisdictions[{i}].tin", f"第 {i + 1} 行：须填写纳税人识别号或未提供原因"))
    return problems


CRS_DECLARATION = FormDefinition(
    code="crs-declaration",
    title="个人税收居民身份声明文件",
    fields=(
        *OFFICE_FIELDS,
        CLIENT_NAME,
        FUND_ACCOUNT,
        Field("name_en", "英文或拼音姓名", max_length=80, example="JI ZHENYAN"),
        Field("resident_type", "税收居民身份", Kind.CHOICE, choices=TAX_RESIDENT_TYPES, wide=True),
        Field("birth_date", "出生日期", Kind.DATE),
        Field("birth_place", "出生地", max_length=80),
        Field("birth_place_en", "出生地（英文）", required=False, max_length=120),
        Field("address", "现居地址", Kind.LONGTEXT, wide=True),
        Field("address_en", "现居地址（英文或拼音）", Kind.LONGTEXT, required=False, wide=True, max_length=300),
        Field(
            "jurisdictions",
            "税收居民国（地区）及纳税人识别号",
            Kind.TABLE,
            required=False,
            columns=(
                Field("country", "税收居民国（地区）", max_length=40),
                Field("tin", "纳税人识别号", required=False, max_length=40),
                Field("no_tin_reason", "未提供原因", Kind.CHOICE, required=False, choices=NO_TIN_REASONS),
                Field("explanation", "具体说明", required=False, max_length=100),
            ),
        ),
    ),
    sections=(
        Section(
            "账户持有人", ("client_name", "name_en", "fund_account", "birth_date", "birth_place", "birth_place_en")
        ),
        Section("地址", ("address", "address_en")),
        Section(
            "税收居民身份",
            ("resident_type", "jurisdictions"),
            text="本人确认上述信息真实、准确和完整，且当这些信息发生变更时，将在 30 日内通知贵机构，"
            "否则本人承担由此造成的不利后果。",
        ),
    ),
    checks=(FOUR_EYES, _check_crs),
    sample=lambda: {
        **sample_office("CRS-20250301-0001"),
        **sample_client(),
        "name_en": "JI ZHENYAN",
        "resident_type": "3",
        "birth_date": "1991-01-01",
        "birth_place": "江西省九江市德安县",
        "birth_place_en": "De'an County, Jiujiang, Jiangxi, China",
        "address": LONG_ADDRESS,
        "address_en": (
            "Room 1502, Unit 2, Building 7, Ayidun Residential Area, No. 37 Jiefang West Road, Yining, Xinjiang"
        ),
        "jurisdictions": [
            {"country": "新加坡", "tin": "S1234567D", "no_tin_reason": "", "explanation": ""},
            {"country": "美国", "tin": "", "no_tin_reason": "B", "explanation": "尚在申请中"},
        ],
    },
)


# --- 受益所有人声明 ---------------------------------------------------------------------------


def _check_owners(data: Data) -> list[FieldProblem]:
    if (data.get("owner_is_self") is False or data.get("controller_is_self") is False) and not data.get("owners"):
        return [FieldProblem("owners", "受益所有人或实际控制人不是本人时，须填写其信息")]
    return []


BENEFICIAL_OWNER = FormDefinition(
    code="beneficial-owner",
    title="受益所有人及实际控制人声明",
    fields=(
        *OFFICE_FIELDS,
        *_CLIENT_CORE,
        Field("owner_is_self", "受益所有人为本人", Kind.BOOL),
        Field("controller_is_self", "实际控制人为本人", Kind.BOOL),
        Field(
            "owners",
            "受益所有人/实际控制人",
            Kind.TABLE,
            required=False,
            columns=(
                Field("name", "姓名", max_length=60),
                Field("role", "身份", Kind.CHOICE, choices=(("owner", "受益所有人"), ("controller", "实际控制人"))),
                Field("id_type", "证件类型", Kind.CHOICE, choices=choices_of(IdType)),
                Field("id_number", "证件号码", max_length=30),
                Field("id_valid_to", "证件有效期至", max_length=10),
                Field("phone", "联系电话", max_length=30),
                Field("relation", "与本人关系", max_length=20),
            ),
        ),
    ),
    sections=(
        Section("账户持有人", ("client_name", "fund_account", "id_type", "id_number")),
        Section(
            "声明",
            ("owner_is_self", "controller_is_self", "owners"),
            text="本人声明：本账户的交易及资金由本人及上述人员控制并享有收益，所填信息真实、准确、完整。"
            "如有变化，本人将及时告知贵公司。",
        ),
    ),
    checks=(FOUR_EYES, check_id_number, _check_owners),
    sample=lambda: {
        **sample_office("SY-20250301-0001"),
        **sample_client(),
        "id_type": "00",
        "id_number": "360426199101010071",
        "owner_is_self": False,
        "controller_is_self": True,
        "owners": [
            {
                "name": RARE_NAME_2,
                "role": "owner",
                "id_type": "00",
                "id_number": "11010519491231002X",
                "id_valid_to": "长期",
                "phone": "13912345678",
                "relation": "配偶",
            },
            {
                "name": MINORITY_NAME,
                "role": "owner",
                "id_type": "00",
                "id_number": "120103198806018241",
                "id_valid_to": "2031-06-30",
                "phone": "13712345678",
                "relation": "母亲",
            },
        ],
    },
)


__all__ = ["ACCOUNT_APPLICATION", "BANK_CUSTODY", "BENEFICIAL_OWNER", "CRS_DECLARATION", "RARE_NAME"]
