"""Transfer-in (转户) checklist with the SH 指定交易 and SZ 转托管 data the client takes to the old broker."""

from __future__ import annotations

from workstation.errors import FieldProblem
from workstation.forms.base import Data, Field, FormDefinition, Kind, Section
from workstation.forms.common import (
    CLIENT_NAME,
    FOUR_EYES,
    FUND_ACCOUNT,
    MOBILE,
    OFFICE_FIELDS,
    sample_office,
)

CHECKLIST = (
    "☐ 携带本人有效身份证件原件，到原证券公司营业部办理（或通过原券商认可的线上渠道）。",
    "☐ 上海账户：在原券商申请“撤销指定交易”；办理当日不得有委托，不得有未交收或负资金，不得有未完成的新股申购。"
    "交易所于当日收市后确认，次一交易日起可在本营业部办理指定交易。",
    "☐ 深圳账户：在原券商填写《转托管申请书》，注明下列转入券商名称及交易单元号；交易时间内办理，当日可撤销，"
    "证券于 T+1 日到达本营业部；停牌证券不能转托管。",
    "☐ 通过银证转账将原资金账户内的资金全部转回银行卡，并注销原三方存管关系。",
    "☐ 如有融资融券、期权等账户或未了结合约，须先行了结。",
    "☐ 证券到账后，请携带身份证件及银行卡回到本营业部办理三方存管、重新进行风险测评及相关权限签约。",
)


def _check_holdings(data: Data) -> list[FieldProblem]:
    if data.get("sz_transfer") and not data.get("holdings"):
        return [FieldProblem("holdings", "办理深圳转托管须填写转托管证券清单")]
    return []


TRANSFER_IN = FormDefinition(
    code="transfer-in",
    title="转户办理清单",
    subtitle="（上海指定交易 / 深圳转托管）",
    must_return_signed=False,  # the client keeps it; the forms signed at the old broker are theirs
    signatures=("经办", "复核"),
    fields=(
        *OFFICE_FIELDS,
        CLIENT_NAME,
        FUND_ACCOUNT,
        MOBILE,
        Field("one_code_account", "一码通账户", pattern=r"\d{12}", pattern_hint="12 位数字"),
        Field("old_broker", "原证券公司及营业部", max_length=80, wide=True),
        Field("sh_account", "上海A股账户", required=False, max_length=20),
        Field("sh_seat", "本营业部上海交易单元", required=False, max_length=10),
        Field("sz_account", "深圳A股账户", required=False, max_length=20),
        Field("sz_transfer", "办理深圳转托管", Kind.BOOL),
        Field("new_broker", "转入证券公司名称", max_length=80, wide=True),
        Field("sz_seat", "转入交易单元（席位号）", required=False, max_length=10),
        Field(
            "holdings",
            "深圳转托管证券清单",
            Kind.TABLE,
            required=False,
            columns=(
                Field("code", "证券代码", pattern=r"\d{6}", pattern_hint="6 位数字"),
                Field("name", "证券名称", max_length=30),
                Field("quantity", "数量（股/份）", Kind.INT, maximum=10**12),
            ),
        ),
    ),
    sections=(
        Section("客户", ("client_name", "fund_account", "mobile", "one_code_account", "old_broker")),
        Section("上海：指定交易", ("sh_account", "sh_seat")),
        Section("深圳：转托管", ("sz_account", "sz_transfer", "new_broker", "sz_seat", "holdings")),
        Section("办理步骤", text="\n".join(CHECKLIST)),
    ),
    checks=(FOUR_EYES, _check_holdings),
    sample=lambda: {
        **sample_office("ZH-20250301-0001"),
        "client_name": "𡒄振华",
        "fund_account": "310012345679",
        "mobile": "13912345678",
        "one_code_account": "180123456789",
        "old_broker": "某某证券股份有限公司上海浦东新区世纪大道证券营业部",
        "sh_account": "A234567890",
        "sh_seat": "43210",
        "sz_account": "0234567890",
        "sz_transfer": True,
        "new_broker": "某某证券股份有限公司北京中关村大街证券营业部",
        "sz_seat": "012345",
        "holdings": [
            {"code": "000001", "name": "平安银行", "quantity": 2000},
            {"code": "000858", "name": "五粮液", "quantity": 300},
            {"code": "300750", "name": "宁德时代", "quantity": 100},
        ],
    },
)
