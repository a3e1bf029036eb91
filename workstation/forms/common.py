"""Fields every form shares (document number, branch, 经办/复核, client) and the sample people.

The sample people exercise what goes wrong in print: rare characters outside the BMP (𠮷 U+20BB7,
𡒄 U+21484), CJK Extension A (䶮 U+4DAE), a minority name with the middle dot, a very long address.
"""

from __future__ import annotations

from typing import Any

from workstation.domain import IdType, RiskClass
from workstation.errors import FieldProblem, ValidationError
from workstation.forms.base import Data, Field, Kind, choices_of, different_people
from workstation.forms.identity import check_resident_id

# --- shared fields -----------------------------------------------------------------------------

DOC_NO = Field(
    "doc_no",
    "单据编号",
    pattern=r"[A-Za-z0-9-]{4,40}",
    pattern_hint="4–40 位字母、数字或“-”",
    example="KH-20250301-0001",
)
BRANCH = Field("branch", "营业部", max_length=60, wide=True, example="某某证券北京中关村大街营业部")
CLERK = Field("clerk", "经办", max_length=30, example="李经办（A1023）")
REVIEWER = Field("reviewer", "复核", max_length=30, example="王复核（A1088）")
DATE = Field("date", "日期", Kind.DATE, example="2025-03-01")
CLIENT_NAME = Field("client_name", "客户姓名", max_length=60, example="张三")
FUND_ACCOUNT = Field(
    "fund_account", "资金账号", pattern=r"\d{6,20}", pattern_hint="6–20 位数字", example="310012345678"
)
ID_TYPE = Field("id_type", "证件类型", Kind.CHOICE, choices=choices_of(IdType), example="00")
ID_NUMBER = Field("id_number", "证件号码", max_length=30, example="110101199003074514")
MOBILE = Field("mobile", "移动电话", pattern=r"1[3-9]\d{9}", pattern_hint="11 位手机号码", example="13800138000")
RISK_CLASS = Field("risk_class", "风险承受能力等级", Kind.CHOICE, choices=choices_of(RiskClass), example="C3")
PRODUCT_RISK = Field(
    "product_risk",
    "产品或服务风险等级",
    Kind.CHOICE,
    choices=(
        ("R1", "R1 低风险"),
        ("R2", "R2 中低风险"),
        ("R3", "R3 中风险"),
        ("R4", "R4 中高风险"),
        ("R5", "R5 高风险"),
    ),
    example="R3",
)
INVESTOR_TYPE = Field(
    "investor_type", "投资者类别", Kind.CHOICE, choices=(("ordinary", "普通投资者"), ("professional", "专业投资者"))
)

OFFICE_FIELDS = (DOC_NO, BRANCH, CLERK, REVIEWER, DATE)
"""Fields of the branch side: every signed form carries them."""

FOUR_EYES = different_people("clerk", "reviewer", "经办与复核不能为同一人")


def check_id_number(data: Data) -> list[FieldProblem]:
    """A resident ID (type 00) must pass GB 11643 (checksum, birth date) — the same check as the
    account wizard (:func:`workstation.forms.identity.check_resident_id`), so an unknown birthplace,
    a warning the clerk confirmed, does not stop the print. Other document types are free text."""
    number = data.get("id_number")
    if data.get("id_type", "00") != IdType.RESIDENT_ID.value or not isinstance(number, str):
        return []
    try:
        check_resident_id(number, field="id_number")
    except ValidationError as exc:
        return list(exc.problems)
    return []


# --- sample people and places ------------------------------------------------------------------

RARE_NAME = "𠮷振䶮"  # 𠮷 U+20BB7 (Ext B), 䶮 U+4DAE (Ext A)
RARE_NAME_2 = "𡒄丽娜"  # 𡒄 U+21484 (Ext B)
MINORITY_NAME = "阿依古丽·买买提"
LONG_ADDRESS = (
    "新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放西路第三十七号院阿依墩小区七号楼二单元十五层一五零二室"
    "（东门进入后左转第二栋，快递请放门卫室，联系人电话一三八零零一三八零零）"
)
BRANCH_NAME = "某某证券股份有限公司北京中关村大街证券营业部"
BRANCH_ADDRESS = "北京市海淀区中关村大街二十七号中关村大厦一层"


def sample_office(doc_no: str) -> dict[str, Any]:
    return {
        "doc_no": doc_no,
        "branch": BRANCH_NAME,
        "clerk": "李晓峰（A1023）",
        "reviewer": "王静（A1088）",
        "date": "2025-03-01",
    }


def sample_client() -> dict[str, Any]:
    return {"client_name": RARE_NAME, "fund_account": "310012345678"}
