"""Step validators of the account wizards: identity, client data, previous broker, bank custody,
commission and the documents checklist (suitability and AML/CRS are in :mod:`.suitability`).

Each validator is a pure function ``(data, context) -> StepCheck``: no database, no clock (the
business date comes in the :class:`StepContext`), so the wizard, the prefill import and the tests
run exactly the same rules. Validating a step's own cleaned output gives the same result again
(the wizard re-checks every step on submission against the final state of the others).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stdnum import luhn

from workstation.accounts.checks import Findings, StepCheck, digits_only, require_printable
from workstation.accounts.rules import DEFAULT_RULES, AccountRules
from workstation.accounts.steps import Step
from workstation.domain import ApplicationKind, Channel, IdType, RiskClass
from workstation.errors import ValidationError
from workstation.forms.account import CURRENCIES, EDUCATION, MARKETS, OCCUPATIONS, ORDER_CHANNELS, STATEMENT_WAYS
from workstation.forms.identity import age_on, check_mobile, check_resident_id, normalize_id_number
from workstation.forms.suitability import DISCLOSURE_DOCS
from workstation.names import normalize_name


@dataclass(frozen=True)
class ExistingClient:
    """What the rules need to know of a client already on file with the same document."""

    client_id: Any
    name: str
    risk_class: RiskClass | None = None
    risk_score: int | None = None
    risk_assessed_on: date | None = None
    risk_valid_until: date | None = None
    lowest_category: bool = False
    professional: bool = False
    professional_valid_until: date | None = None


@dataclass(frozen=True)
class StepContext:
    """Everything a validator may consult besides the step's own input."""

    today: date
    rules: AccountRules = DEFAULT_RULES
    kind: ApplicationKind = ApplicationKind.NEW_ACCOUNT
    steps: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Cleaned data of the application's other steps, by step value."""
    questionnaire: Mapping[str, Any] | None = None
    """The questionnaire definition in force, with ``code`` and ``revision``."""
    existing: ExistingClient | None = None

    def step(self, step: Step) -> Mapping[str, Any]:
        return self.steps.get(step.value, {})


Validator = Callable[[Mapping[str, Any], StepContext], StepCheck]

_CHIP_IDS = (IdType.RESIDENT_ID.value, IdType.HMT_RESIDENCE_PERMIT.value)
OTHER_ID_PATTERNS: dict[str, tuple[str, str]] = {
    IdType.HOME_RETURN_PERMIT.value: (r"[HM][0-9]{8}([0-9]{2})?", "H 或 M 加 8 位数字（旧证另加 2 位换证次数）"),
    IdType.HK_MACAU_PASS.value: (r"[A-Z0-9]{8,12}", "8–12 位字母或数字"),
    IdType.TAIWAN_PASS.value: (r"[A-Z0-9]{8,12}", "8–12 位字母或数字"),
    IdType.PASSPORT_CN.value: (r"[A-Z0-9]{5,17}", "5–17 位字母或数字"),
    IdType.FOREIGN_PASSPORT.value: (r"[A-Z0-9]{5,17}", "5–17 位字母或数字"),
    IdType.FOREIGN_PERMANENT_RESIDENT.value: (r"[A-Z0-9]{15,18}", "15 或 18 位字母或数字"),
}
"""Loose checks for documents without a public check algorithm (domain notes §2.3 [U])."""
PERMIT_NATIONALITY = {"香港": "HKG", "澳门": "MAC", "台湾": "TWN"}


# --- identity ------------------------------------------------------------------------------------


def validate_identity(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """Name, document type and number, sex and birth date (agreeing with the number), validity
    (expired refused unless 长期有效), issuer, address, nationality; age rules from policy."""
    f = Findings(data)
    f.person_name("name", "客户姓名")
    id_type = f.choice("id_type", "证件类型", [t.value for t in IdType])
    raw = f.text("id_number", "证件号码", max_length=40)
    sex = f.choice("sex", "性别", ("M", "F"), required=id_type not in _CHIP_IDS)
    birth = f.day("birth_date", "出生日期", required=id_type not in _CHIP_IDS)
    nationality_default = "CHN"
    if raw and id_type in _CHIP_IDS:
        try:
            info = check_resident_id(raw, id_type=IdType(id_type), today=ctx.today)
        except ValidationError as exc:
            f.errors.extend(exc.problems)
        else:
            f.clean["id_number"] = info.number
            for w in info.warnings:
                f.warn("id_number.permit" if info.is_residence_permit else "id_number.birthplace", w.field, w.zh, w.en)
            if sex and sex != info.sex.value:
                f.error(
                    "sex",
                    f"性别与证件号码不符：号码第 17 位表示“{info.sex.label}”。",
                    "The sex does not agree with the ID number (17th digit).",
                )
            if birth and birth != info.birth_date:
                f.error(
                    "birth_date",
                    "出生日期与证件号码第 7–14 位不一致。",
                    "The birth date does not agree with characters 7–14 of the ID number.",
                )
            f.clean["sex"], f.clean["birth_date"] = info.sex.value, info.birth_date.isoformat()
            f.clean["birthplace"] = info.birthplace
            sex, birth = info.sex.value, info.birth_date
            nationality_default = PERMIT_NATIONALITY.get(info.permit_region, "CHN")
    elif raw and id_type:
        number = normalize_id_number(raw)
        pattern, hint = OTHER_ID_PATTERNS[id_type]
        if not re.fullmatch(pattern, number):
            f.error(
                "id_number", f"证件号码格式不正确：应为{hint}。", f"The document number has a wrong format ({hint})."
            )
        else:
            f.clean["id_number"] = number
        if birth and birth > ctx.today:
            f.error("birth_date", "出生日期不能晚于今天。", "The birth date cannot be in the future.")
            birth = None
    elif raw:
        f.clean.pop("id_number", None)  # no document type: the number cannot be checked, so it is not kept
    nationality = (f.text("nationality", "国籍", required=False, max_length=3) or nationality_default).upper()

    if not re.fullmatch(r"[A-Z]{3}", nationality):
        f.error("nationality", "国籍应为 3 位字母代码，如 CHN。", "Nationality is a 3-letter code such as CHN.")
    f.clean["nationality"] = nationality
    f.text("ethnicity", "民族", required=False, max_length=20)
    f.text("id_issuer", "签发机关", required=id_type == IdType.RESIDENT_ID.value, max_length=100)
    f.text("id_address", "证件地址", required=id_type in _CHIP_IDS, max_length=300)
    _check_validity(f, ctx.today)
    require_printable(f, ("name", "id_issuer", "id_address"))
    if birth is not None and not f.has_error("birth_date"):
        age = age_on(birth, ctx.today)
        f.clean["age"] = age
        if age < ctx.rules.adult_age:
            f.error(
                "birth_date",
                f"客户未满 {ctx.rules.adult_age} 周岁（{age} 岁），不具备完全民事行为能力，不能在柜台自行开户。",
                f"The client is under {ctx.rules.adult_age} ({age}) and cannot open an account alone.",
            )
        f.clean["elderly"] = age >= ctx.rules.elderly_age
        if age >= ctx.rules.elderly_age:
            f.warn(
                "age.elderly",
                "birth_date",
                f"客户年满 {ctx.rules.elderly_age} 周岁（{age} 岁）：请按老年投资者要求充分揭示风险，"
                "建议家属陪同，适当性匹配须录音录像（双录）。",
                f"The client is {age}: explain the risks fully; the suitability match needs dual recording.",
            )
    return f.result()


def _check_validity(f: Findings, today: date) -> None:
    start = f.day("id_valid_from", "证件有效期起")
    long_term = f.flag("id_long_term", "长期有效")
    end = f.day("id_valid_to", "证件有效期止", required=not long_term)
    if long_term and end is not None:
        f.error(
            "id_valid_to", "勾选“长期有效”时不填写有效期止日期。", "Leave the end date empty for a long-term document."
        )
    if start is not None and start > today:
        f.error("id_valid_from", "证件有效期起始日期晚于今天，请核对。", "The document's start date is in the future.")
    if end is not None and not long_term:
        if start is not None and end <= start:
            f.error("id_valid_to", "证件有效期止应晚于起始日期。", "The end date must be after the start date.")
        elif end < today:
            f.error(
                "id_valid_to",
                f"证件已于 {end.isoformat()} 过期，不能办理。请客户持有效证件办理。",
                f"The document expired on {end.isoformat()}; a valid document is needed.",
            )


# --- client data ---------------------------------------------------------------------------------


def validate_client_data(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """Contacts (a CN mobile is required), address, occupation, education, acquisition channel,
    beneficial owner / actual controller and the integrity record (诚信记录)."""
    f = Findings(data)
    mobile_raw = f.text("mobile", "手机号码", max_length=30)
    if mobile_raw:
        try:
            mobile = check_mobile(mobile_raw)
        except ValidationError as exc:
            f.errors.extend(exc.problems)
        else:
            f.clean["mobile"] = mobile.number
            for w in mobile.warnings:
                f.warn("mobile.virtual", w.field, w.zh, w.en)
    phone = f.text("phone", "固定电话", required=False, max_length=30)
    if phone and not re.fullmatch(r"[[0-9]\-+() ]{5,30}", phone):
        f.error(
            "phone", "固定电话只能包含数字、“-”、“+”和括号。", "The phone may only hold digits, '-', '+' and brackets."
        )
    email = f.text("email", "电子邮箱", required=False, max_length=120)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        f.error("email", "电子邮箱格式不正确，如 name@example.com。", "The e-mail address is not valid.")
    f.text("address", "联系地址", max_length=300)
    postcode = f.text("postcode", "邮政编码", max_length=6)
    if postcode and not re.fullmatch(r"[0-9]{6}", postcode):
        f.error("postcode", "邮政编码应为 6 位数字。", "The postcode has 6 digits.")
    occupation = f.choice("occupation", "职业", [code for code, _ in OCCUPATIONS])
    f.text("occupation_text", "职业说明", required=occupation == "99", max_length=100)
    f.text("employer", "工作单位", required=False, max_length=200)
    f.choice("education", "学历", [code for code, _ in EDUCATION])
    if not data.get("channel"):
        f.clean["channel"] = Channel.WALK_IN.value
    else:
        f.choice("channel", "客户来源渠道", [c.value for c in Channel])
    f.integer("assets_fen", "拟转入或存入资产（分）", required=False)
    _check_owners(f, ctx.today)
    require_printable(f, ("address", "occupation_text", "employer"))
    if f.flag("integrity_flag", "存在不良诚信记录"):
        f.text("integrity_note", "诚信记录说明", max_length=300)
        f.warn(
            "integrity.record",
            "integrity_flag",
            "客户存在不良诚信记录：反洗钱风险将评为“高”，须加强尽职调查并报主管。",
            "The client has a bad integrity record: AML risk will be high; enhanced due diligence needed.",
        )
    return f.result()


def _check_owners(f: Findings, today: date) -> None:
    owner_self = f.flag("owner_is_self", "受益所有人为本人", default=True)
    controller_self = f.flag("controller_is_self", "实际控制人为本人", default=True)
    clean_rows: list[dict[str, Any]] = []
    for i, row in enumerate(f.rows("owners", "受益所有人/实际控制人", maximum=5)):
        sub = Findings(row)
        sub.person_name("name", "姓名")
        role = sub.choice("role", "身份", ("owner", "controller"))
        id_type = sub.choice("id_type", "证件类型", [t.value for t in IdType])
        raw = sub.text("id_number", "证件号码", max_length=40)
        if raw and id_type in _CHIP_IDS:
            try:
                sub.clean["id_number"] = check_resident_id(raw, id_type=IdType(id_type), today=today).number
            except ValidationError as exc:
                sub.errors.extend(exc.problems)
        elif raw:
            sub.clean["id_number"] = normalize_id_number(raw)
        sub.text("id_valid_to", "证件有效期至", max_length=10)
        sub.text("phone", "联系电话", max_length=30)
        sub.text("relation", "与本人关系", max_length=20)
        for p in sub.errors:
            f.error(f"owners[{i}].{p.field}", f"第 {i + 1} 位受益所有人/控制人：{p.zh}", f"Owner row {i + 1}: {p.en}")
        clean_rows.append({"role": role, **sub.clean})
    f.clean["owners"] = clean_rows
    for is_self, role, label in ((owner_self, "owner", "受益所有人"), (controller_self, "controller", "实际控制人")):
        if not is_self and not any(r.get("role") == role for r in clean_rows):
            f.error("owners", f"{label}不是本人时须填写{label}的信息。", f"Enter the {role} when it is not the client.")


# --- transfer-in: previous broker and accounts ---------------------------------------------------


def validate_previous_broker(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """The old broker, the 一码通 / 沪A / 深A numbers (format hints are warnings only), the SZ
    holdings to transfer, and retention notes."""
    f = Findings(data)
    f.text("previous_broker", "原证券公司及营业部", max_length=100)
    csdc = digits_only(f.text("csdc_account", "一码通账户", max_length=40))
    if csdc and not re.fullmatch(r"[0-9]{12}", csdc):
        f.error(
            "csdc_account", "一码通账户应为 12 位数字（转户清单须填写）。", "The CSDC master account has 12 digits."
        )
    elif csdc:
        f.clean["csdc_account"] = csdc
    formats = (
        ("sh_account", "上海A股账户", 10, r"A[0-9]{9}", "上海A股账户通常为 A 加 9 位数字"),
        ("sz_account", "深圳A股账户", 10, r"0[0-9]{9}", "深圳A股账户通常为 0 开头的 10 位数字"),
    )
    for name, label, width, pattern, hint in formats:
        text = f.text(name, label, required=False, max_length=40)
        if not text:
            continue
        number = digits_only(text).upper()
        if not re.fullmatch(rf"[A-Z0-9]{{1,{width}}}", number):
            f.error(name, f"“{label}”只能包含字母和数字，最多 {width} 位。", f"{label}: letters and digits, ≤ {width}.")
            continue
        f.clean[name] = number
        if not re.fullmatch(pattern, number):
            f.warn(
                f"{name}.format", name, f"{hint}，请与客户的账户卡核对。", f"{label}: unusual format; check the card."
            )
    if not f.clean.get("sh_account") and not f.clean.get("sz_account") and not f.has_error("sh_account"):
        f.error("sh_account", "转户须至少填写上海或深圳A股账户之一。", "Enter the Shanghai or the Shenzhen account.")
    sz_transfer = f.flag("sz_transfer", "办理深圳转托管", default=bool(f.clean.get("sz_account")))
    holdings: list[dict[str, Any]] = []
    for i, row in enumerate(f.rows("holdings", "深圳转托管证券清单", maximum=50)):
        sub = Findings(row)
        code = sub.text("code", "证券代码", max_length=6)
        if code and not re.fullmatch(r"[0-9]{6}", code):
            sub.error("code", "证券代码应为 6 位数字。", "A security code has 6 digits.")
        sub.text("name", "证券名称", max_length=30)
        sub.integer("quantity", "数量", minimum=1)
        for p in sub.errors:
            f.error(f"holdings[{i}].{p.field}", f"转托管清单第 {i + 1} 行：{p.zh}", f"Holdings row {i + 1}: {p.en}")
        holdings.append(sub.clean)
    f.clean["holdings"] = holdings
    if sz_transfer and not holdings:
        f.error("holdings", "办理深圳转托管须填写转托管证券清单。", "List the securities for the Shenzhen transfer.")
    f.integer("transfer_assets_fen", "拟转入资产（分）", required=False)
    f.text("retention_notes", "挽留与沟通记录", required=False, max_length=1000, multiline=True)
    return f.result()


# --- bank custody, commission, documents ---------------------------------------------------------


def validate_custody_bank(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """Bank from the configured list, the card number (a Luhn failure is only a warning: some real
    UnionPay cards fail it) and the card holder, who must be the client."""
    f = Findings(data)
    f.choice("bank", "存管银行", list(ctx.rules.accounts["banks"]))
    raw = f.text("bank_card", "银行卡号", max_length=40)
    if raw:
        card = digits_only(raw)
        if not re.fullmatch(r"[0-9]{16,19}", card):
            f.error("bank_card", "银行卡号应为 16–19 位数字。", "A bank card number has 16–19 digits.")
        else:
            f.clean["bank_card"] = card
            if not luhn.is_valid(card):
                f.warn(
                    "card.luhn",
                    "bank_card",
                    "银行卡号未通过 Luhn 校验：部分银联卡属正常情况，请与卡面逐位核对，最终以银行校验为准。",
                    "The card number fails the Luhn check (normal for some UnionPay cards); compare with the card.",
                )
    holder = f.person_name("card_holder", "持卡人姓名")
    client_name = ctx.step(Step.IDENTITY).get("name", "")
    if holder and client_name and normalize_name(holder) != normalize_name(str(client_name)):
        f.error(
            "card_holder",
            "银行卡须为客户本人名下账户：持卡人姓名与客户姓名不一致。",
            "The card must be the client's own.",
        )
    f.clean["op_type"] = "1" if not data.get("op_type") else f.choice("op_type", "建立方式", ("0", "1"))
    return f.result()


def validate_commission(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """The commission rate by acquisition channel with the policy floor; below the floor needs a
    supervisor (``approver_no``) and a reason — the wizard checks the approver in the database."""
    f = Findings(data)
    channel = str(ctx.step(Step.CLIENT_DATA).get("channel") or Channel.WALK_IN.value)
    table: Mapping[str, Mapping[str, int]] = ctx.rules.accounts["commission"]
    row = table.get(channel) or table.get(Channel.WALK_IN.value) or {"default_ppm": 250, "floor_ppm": 0}
    default, floor = int(row["default_ppm"]), int(row["floor_ppm"])
    maximum = int(ctx.rules.accounts["commission_max_ppm"])
    if data.get("rate_ppm") in (None, ""):
        f.clean["rate_ppm"] = default
        rate: int | None = default
    else:
        rate = f.integer("rate_ppm", "佣金费率（百万分之）", minimum=1, maximum=maximum)
    f.clean.update(channel=channel, default_ppm=default, floor_ppm=floor, below_floor=False)
    if rate is not None and rate < floor:
        f.clean["below_floor"] = True
        approver = f.text("approver_no", "审批主管工号", required=False, max_length=20)
        reason = f.text("approval_reason", "低于下限的原因", required=False, max_length=300)
        if not approver and not f.has_error("approver_no"):
            f.error(
                "approver_no",
                f"费率低于本渠道下限（百万分之 {floor}），须主管审批：请填写审批主管工号。",
                f"The rate is below the channel floor ({floor} ppm); a supervisor must approve it.",
            )
        if len(reason) < 4 and not f.has_error("approval_reason"):
            f.error("approval_reason", "请填写低于佣金下限的原因（至少 4 个字）。", "Give the reason (≥ 4 characters).")
    return f.result()


def validate_documents(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """Markets, currencies, order channels; the disclosure documents explained and signed; the
    originals of the documents checked by the clerk."""
    f = Findings(data)
    for name, label, options, default in (
        ("markets", "开立证券账户", MARKETS, ["SH_A", "SZ_A"]),
        ("currencies", "资金账户币种", CURRENCIES, ["CNY"]),
        ("order_channels", "委托方式", ORDER_CHANNELS, ["counter", "internet", "mobile"]),
        ("statement_ways", "对账单寄送", STATEMENT_WAYS, []),
        ("signed", "已签署的文件", DISCLOSURE_DOCS, None),
    ):
        value = data.get(name, default)
        codes = [code for code, _ in options]
        if not isinstance(value, list) or any(not isinstance(v, str) or v not in codes for v in value):
            f.error(name, f"“{label}”的取值无效，可选：{'、'.join(codes)}。", f"{label} must be a list of {codes}.")
            continue
        f.clean[name] = sorted(set(value), key=codes.index)
    if "markets" in f.clean and not f.clean["markets"]:
        f.error("markets", "请至少选择一个证券账户。", "Choose at least one securities account.")
    if "signed" in f.clean:
        required = list(ctx.rules.accounts["required_documents"])
        missing = [label for code, label in DISCLOSURE_DOCS if code in required and code not in f.clean["signed"]]
        if missing:
            f.error(
                "signed",
                f"以下文件须向客户讲解并由客户签署：{'、'.join(missing)}。",
                "Required documents are unsigned.",
            )
    if not f.flag("originals_checked", "已核对证件原件"):
        f.error("originals_checked", "请核对客户证件原件并确认。", "Check the client's original documents and confirm.")
    return f.result()
