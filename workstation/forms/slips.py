"""Gift receipt (礼品领取签收单), queue ticket (80 mm thermal), appointment confirmation slip and the
directions slip (到店指引, 80 mm thermal) reception prints on demand."""

from __future__ import annotations

from workstation.domain import ServiceLine
from workstation.errors import FieldProblem
from workstation.forms.base import Data, Field, FormDefinition, Kind, PageSize, Section, choices_of, different_people
from workstation.forms.common import (
    BRANCH,
    BRANCH_ADDRESS,
    BRANCH_NAME,
    CLIENT_NAME,
    DATE,
    DOC_NO,
    FUND_ACCOUNT,
    ID_NUMBER,
    MINORITY_NAME,
    MOBILE,
    RARE_NAME,
)

# --- 礼品领取签收单 -------------------------------------------------------------------------------


def _check_gift_total(data: Data) -> list[FieldProblem]:
    items = data.get("items") or []
    if not items:
        return [FieldProblem("items", "“礼品明细”至少一项")]
    return []


GIFT_RECEIPT = FormDefinition(
    code="gift-receipt",
    title="礼品领取签收单",
    page_size=PageSize.A5,
    fields=(
        DOC_NO,
        BRANCH,
        DATE,
        Field("campaign_code", "活动编号", max_length=30),
        Field("campaign", "活动名称", max_length=80, wide=True),
        Field("source", "预约来源", required=False, max_length=40),
        CLIENT_NAME,
        Field(ID_NUMBER.name, ID_NUMBER.label, max_length=30, mask="id"),
        Field(MOBILE.name, MOBILE.label, pattern=MOBILE.pattern, pattern_hint=MOBILE.pattern_hint, mask="phone"),
        Field(
            "fund_account", FUND_ACCOUNT.label, required=False, pattern=FUND_ACCOUNT.pattern, pattern_hint="6–20 位数字"
        ),
        Field(
            "condition",
            "领取条件",
            Kind.CHOICE,
            choices=(("new_account", "新开户"), ("transfer_in", "转户"), ("deposit", "入金")),
        ),
        Field(
            "items",
            "礼品明细",
            Kind.TABLE,
            columns=(
                Field("name", "礼品", max_length=40),
                Field("spec", "规格", required=False, max_length=40),
                Field("quantity", "数量", Kind.INT, maximum=9999),
                Field("unit_value", "单价（元）", Kind.MONEY, maximum=1_000_000),
            ),
        ),
        Field("issuer", "发放人", max_length=30),
        Field("reviewer", "复核人", max_length=30),
        Field("issued_at", "发放时间", Kind.DATETIME),
    ),
    sections=(
        Section("活动", ("campaign", "campaign_code", "condition", "source")),
        Section("客户", ("client_name", "id_number", "mobile", "fund_account")),
        Section(
            "礼品",
            ("items", "issuer", "reviewer", "issued_at"),
            text="本人确认已领取上述礼品，礼品按公允价值计价，符合公司营销活动规定，与任何投资收益承诺无关。",
        ),
    ),
    signatures=("客户签字", "发放人", "复核人"),
    checks=(different_people("issuer", "reviewer", "发放人与复核人不能为同一人"), _check_gift_total),
    sample=lambda: {
        "doc_no": "LP-20250301-0001",
        "branch": BRANCH_NAME,
        "date": "2025-03-01",
        "campaign_code": "HD2025-03",
        "campaign": "2025 年春季新开户有礼",
        "source": "电销邀约（T0231）",
        "client_name": MINORITY_NAME,
        "id_number": "650102198806018245",
        "mobile": "13712345678",
        "fund_account": "310012345680",
        "condition": "new_account",
        "items": [{"name": "保温杯", "spec": "500 毫升", "quantity": 1, "unit_value": 45.0}],
        "issuer": "李晓峰（A1023）",
        "reviewer": "王静（A1088）",
        "issued_at": "2025-03-01 10:42",
    },
)

# --- 排队小票 -------------------------------------------------------------------------------------

QUEUE_TICKET = FormDefinition(
    code="queue-ticket",
    title="排队号",
    page_size=PageSize.SLIP_80MM,
    must_return_signed=False,
    signatures=(),
    fields=(
        DOC_NO,
        BRANCH,
        Field("ticket", "号码", pattern=r"[A-Z]\d{3}", pattern_hint="字母加三位数字，如 A012"),
        Field("service_line", "业务类型", Kind.CHOICE, choices=choices_of(ServiceLine)),
        Field("waiting_ahead", "前面等候", Kind.INT, maximum=9999),
        Field("estimated_wait", "预计等候（分钟）", Kind.INT, required=False, maximum=24 * 60),
        Field("issued_at", "取号时间", Kind.DATETIME),
        Field("client_name", "客户", required=False, max_length=60, mask="name"),
        Field("note", "温馨提示", Kind.LONGTEXT, required=False, wide=True),
    ),
    sections=(
        Section("", ("service_line", "waiting_ahead", "estimated_wait", "issued_at", "client_name", "note"), columns=1),
    ),
    sample=lambda: {
        "doc_no": "PD-20250301-A012",
        "branch": BRANCH_NAME,
        "ticket": "A012",
        "service_line": "A",
        "waiting_ahead": 3,
        "estimated_wait": 45,
        "issued_at": "2025-03-01 09:31",
        "client_name": RARE_NAME,
        "note": "请留意叫号屏幕与广播，过号请重新取号。办理开户请准备好本人身份证原件及本人名下银行卡。",
    },
)

# --- 预约确认及到店指引 -----------------------------------------------------------------------------

APPOINTMENT = FormDefinition(
    code="appointment",
    title="预约确认及到店指引",
    code_qr=("appointment_code", "APPT:"),  # check-in reads it from the reception's scanner
    page_size=PageSize.A5,
    must_return_signed=False,
    signatures=(),
    fields=(
        DOC_NO,
        BRANCH,
        CLIENT_NAME,
        Field("appointment_code", "预约码", required=False, max_length=16, example="K7M2Q9XA"),
        Field("purpose", "预约业务", max_length=40),
        Field("appointment_at", "预约时间", max_length=40, example="2025-03-05 上午 10:00–10:30"),
        Field("agent", "预约经办", required=False, max_length=30),
        Field("branch_address", "营业部地址", Kind.LONGTEXT, wide=True),
        Field("hotline", "联系电话", max_length=30),
        Field("hours", "营业时间", required=False, max_length=60, wide=True),
        Field("landmarks", "周边标志", Kind.LINES, required=False, wide=True),
        Field("transit", "交通路线", Kind.LINES, wide=True),
        Field("parking", "停车", Kind.LONGTEXT, required=False, wide=True),
        Field("bring", "请携带", Kind.LINES, required=False, wide=True),
    ),
    sections=(
        Section("预约信息", ("client_name", "appointment_code", "purpose", "appointment_at", "agent")),
        Section(
            "到店指引", ("branch", "branch_address", "hotline", "hours", "landmarks", "transit", "parking", "bring")
        ),
    ),
    sample=lambda: {
        "doc_no": "YY-20250305-0012",
        "branch": BRANCH_NAME,
        "client_name": RARE_NAME,
        "appointment_code": "K7M2Q9XA",
        "purpose": "新开户",
        "appointment_at": "2025-03-05 上午 10:00–10:30",
        "agent": "电销坐席 T0231",
        "branch_address": BRANCH_ADDRESS,
        "hotline": "010-62345678",
        "hours": "交易日 8:30–17:00，周六 9:00–15:00",
        "landmarks": ["中关村大厦一层，入口在大街东侧", "北邻海淀图书城，南侧为中国银行"],
        "transit": [
            "地铁 4 号线中关村站 A 口出，向北步行约 300 米",
            "公交 302、332 路中关村南站下车，向东步行约 100 米",
        ],
        "parking": "大厦地下停车场 B2 层，凭营业部盖章停车券免费 1 小时",
        "bring": ["本人有效身份证件原件", "本人名下银行卡", "预约短信或本确认单"],
    },
)

# --- 到店指引（按需打印，无需预约） -------------------------------------------------------------------

DIRECTIONS = FormDefinition(
    code="directions",
    title="到店指引",
    page_size=PageSize.SLIP_80MM,  # the reception desk's ticket printer: handed out over the counter
    must_return_signed=False,
    signatures=(),
    fields=(
        DOC_NO,
        BRANCH,
        Field("branch_address", "营业部地址", Kind.LONGTEXT, wide=True),
        Field("postcode", "邮政编码", required=False, pattern=r"\d{6}", pattern_hint="6 位数字", example="100004"),
        Field("phone", "联系电话", max_length=30),
        Field("hours", "营业时间", required=False, max_length=100, wide=True),
        Field("landmarks", "周边标志", Kind.LINES, required=False, wide=True),
        Field("transit", "交通路线", Kind.LINES, required=False, wide=True),
        Field("printed_at", "打印时间", Kind.DATETIME, required=False),
    ),
    sections=(
        Section("", ("branch_address", "postcode", "phone", "hours", "landmarks", "transit", "printed_at"), columns=1),
    ),
    sample=lambda: {
        "doc_no": "ZY-20250301-0003",
        "branch": BRANCH_NAME,
        "branch_address": BRANCH_ADDRESS,
        "postcode": "100080",
        "phone": "010-62345678",
        "hours": "交易日 8:30–17:00，周六 9:00–15:00",
        "landmarks": ["中关村大厦一层，入口在大街东侧", "北邻海淀图书城，南侧为中国银行"],
        "transit": [
            "地铁 4 号线中关村站 A 口出，向北步行约 300 米",
            "公交 302、332 路中关村南站下车，向东步行约 100 米",
            "自驾：大厦地下停车场 B2 层，凭营业部停车券免费 1 小时",
        ],
        "printed_at": "2025-03-01 09:45",
    },
)
