"""Suitability (适当性) and AML/CRS step validators.

- :func:`score_questionnaire`: answers → score → C1–C5 by the policy's bands; an answer marked
  ``lowest`` or a band marked ``lowest_category`` makes a 最低类别 investor (C1, R1 only).
- :func:`validate_questionnaire`: a new assessment, or reuse of a client's assessment that is
  still valid (an expired one must be re-tested); professional-investor qualification.
- :func:`validate_match`: requested services R1–R5 against the class. A mismatch is refused for
  the lowest category whatever the client says; an ordinary investor who insists gets the written
  special warning (风险不匹配警示书), with a 双录 reference where the policy asks for one.
- :func:`validate_aml_crs`: the AML rating (低/中/高) with its reasons, and the mandatory CRS
  self-declaration (non-residents: a TIN or a reason per jurisdiction).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from workstation.accounts.checks import Findings, StepCheck
from workstation.accounts.steps import Step
from workstation.accounts.validators import StepContext
from workstation.domain import AmlRisk
from workstation.forms.account import NO_TIN_REASONS, TAX_RESIDENT_TYPES
from workstation.forms.suitability import TERMS, VARIETIES, class_rank

AML_ORDER = (AmlRisk.LOW, AmlRisk.MEDIUM, AmlRisk.HIGH)


@dataclass(frozen=True)
class Score:
    points: int
    risk_class: str
    lowest_category: bool


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def score_questionnaire(points: int, lowest_answer: bool, bands: list[Mapping[str, Any]]) -> Score:
    """The class for ``points`` by ``bands`` (``[{"class", "min", "max", "lowest_category"?}]``).

    An answer marked ``lowest`` puts the client in the C1-最低 band, whose score is 0 whatever the
    other answers gave (so the printed score agrees with the printed class).
    """
    if lowest_answer:
        return Score(0, "C1", True)
    for band in bands:
        if int(band["min"]) <= points <= int(band["max"]):
            lowest = lowest_answer or bool(band.get("lowest_category"))
            return Score(points, "C1" if lowest else str(band["class"]), lowest)
    top = max(bands, key=lambda b: int(b["max"]))
    return Score(points, str(top["class"]), False)


def validate_questionnaire(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """Answers scored by the questionnaire in force, or ``reuse_existing`` of a valid assessment;
    investment term and varieties; the professional-investor claim with its evidence."""
    f = Findings(data)
    rules = ctx.rules
    if f.flag("reuse_existing", "沿用有效的风险测评结果"):
        old = ctx.existing
        if old is None or old.risk_class is None or old.risk_valid_until is None:
            f.error("reuse_existing", "该客户没有可沿用的风险测评结果，请重新测评。", "No assessment to reuse.")
        elif old.risk_valid_until < ctx.today:
            f.error(
                "reuse_existing",
                f"客户的风险测评已于 {old.risk_valid_until.isoformat()} 过期，须重新测评。",
                f"The assessment expired on {old.risk_valid_until.isoformat()}; the client must be re-tested.",
            )
        else:
            f.clean.update(
                score=old.risk_score or 0,
                risk_class=old.risk_class.value,
                lowest_category=old.lowest_category,
                assessed_on=(old.risk_assessed_on or ctx.today).isoformat(),
                valid_until=old.risk_valid_until.isoformat(),
                answers={},
            )
    else:
        _score_answers(f, ctx)
    f.choice("term", "拟投资期限", [code for code, _ in TERMS])
    varieties = data.get("varieties")
    codes = [code for code, _ in VARIETIES]
    if not isinstance(varieties, list) or not varieties or any(v not in codes for v in varieties):
        f.error(
            "varieties", f"请选择拟投资品种（可选：{'、'.join(codes)}）。", "Choose the intended investment varieties."
        )
    else:
        f.clean["varieties"] = sorted(set(varieties), key=codes.index)
    if f.flag("professional", "申请认定为专业投资者"):
        assets = f.integer("financial_assets_fen", "金融资产（分）", required=False) or 0
        income = f.integer("income_3y_fen", "近 3 年年均收入（分）", required=False) or 0
        years = f.integer("experience_years", "投资经历（年）", maximum=80, required=False) or 0
        wealthy = assets >= int(rules.suitability["professional_min_assets_fen"])
        earning = income >= int(rules.suitability["professional_min_income_fen"])
        if not (wealthy or earning) or years < int(rules.suitability["professional_min_years"]):
            f.error(
                "professional",
                "不符合专业投资者条件：金融资产不低于 500 万元或近 3 年年均收入不低于 50 万元，"
                "且具有 2 年以上投资经历。",
                "Not a professional investor: assets ≥ 5 m or income ≥ 0.5 m a year, and ≥ 2 years' experience.",
            )
        else:
            months = int(rules.suitability["professional_valid_months"])
            f.clean["professional_valid_until"] = add_months(ctx.today, months).isoformat()
    return f.result()


def _score_answers(f: Findings, ctx: StepContext) -> None:
    definition = ctx.questionnaire
    if not definition:
        f.error("answers", "没有可用的风险测评问卷，请联系管理员。", "No questionnaire is available.")
        return
    answers = f.data.get("answers")
    if not isinstance(answers, Mapping):
        f.error("answers", "请逐题作答风险测评问卷。", "Answer the questionnaire.")
        return
    points, lowest, clean = 0, False, {}
    for number, question in enumerate(definition["questions"], start=1):
        chosen = answers.get(question["code"])
        options = {o["code"]: o for o in question["options"]}
        if chosen is None or chosen == "":
            f.error(f"answers.{question['code']}", f"第 {number} 题未作答：{question['text']}。", f"Answer {number}.")
            continue
        if chosen not in options:
            f.error(f"answers.{question['code']}", f"第 {number} 题的答案无效。", f"Answer {number} is not an option.")
            continue
        clean[question["code"]] = chosen
        points += int(options[chosen]["points"])
        lowest = lowest or bool(options[chosen].get("lowest"))
    unknown = [code for code in answers if code not in {q["code"] for q in definition["questions"]}]
    if unknown:
        f.error("answers", f"问卷中没有题目“{unknown[0]}”。", f"The questionnaire has no question {unknown[0]!r}.")
    if f.errors:
        return
    score = score_questionnaire(points, lowest, ctx.rules.bands)
    f.clean.update(
        answers=clean,
        score=score.points,
        risk_class=score.risk_class,
        lowest_category=score.lowest_category,
        assessed_on=ctx.today.isoformat(),
        valid_until=add_months(ctx.today, int(ctx.rules.suitability["retest_months"])).isoformat(),
        questionnaire_code=str(definition.get("code", "")),
        questionnaire_revision=int(definition.get("revision", 0)),
    )


def validate_match(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """Requested services against the class: matched, or refused (lowest category), or the
    client insists and signs the special warning (+ 双录 where the policy says so)."""
    f = Findings(data)
    rules = ctx.rules
    survey = ctx.step(Step.QUESTIONNAIRE)
    risk_class = str(survey.get("risk_class") or "")
    services = data.get("services")
    if not isinstance(services, list) or not services or any(s not in rules.services for s in services):
        shown = "、".join(f"{code}（{s['label']}）" for code, s in rules.services.items())
        f.error("services", f"请选择客户申请的业务（可选：{shown}）。", "Choose the requested services.")
        services = []
    insist = f.flag("insist", "客户坚持申请不匹配的业务")
    recording = f.text("dual_recording_ref", "双录编号", required=False, max_length=60)
    if recording and not re.fullmatch(r"[A-Za-z0-9\-]{4,60}", recording):
        f.error("dual_recording_ref", "双录编号应为 4–60 位字母、数字或“-”。", "The recording reference is malformed.")
    if not risk_class:
        f.error("services", "请先完成风险承受能力评估。", "Complete the risk assessment first.")
        return f.result()
    valid_until = date.fromisoformat(str(survey["valid_until"]))
    if valid_until < ctx.today:
        f.error("services", "风险测评结果已过期，须重新测评。", "The risk assessment has expired; re-test the client.")
    professional = bool(survey.get("professional"))
    lowest = bool(survey.get("lowest_category"))
    matched = [s for s in services if professional or class_rank(rules.services[s]["risk"]) <= class_rank(risk_class)]
    mismatched = [s for s in services if s not in matched]
    names = "、".join(f"{rules.services[s]['label']}（{rules.services[s]['risk']}）" for s in mismatched)
    f.clean.update(
        services=list(services),
        matched=matched,
        mismatched=mismatched,
        risk_class=risk_class,
        investor_type="professional" if professional else "ordinary",
        service_risks={
            s: {"label": str(rules.services[s]["label"]), "risk": str(rules.services[s]["risk"])} for s in services
        },
    )
    needs_recording: list[str] = []
    if mismatched and lowest:
        f.error(
            "services",
            f"客户为风险承受能力最低类别投资者，只能接受 R1 级业务，不得办理：{names}。即使客户坚持也须拒绝。",
            "A lowest-category investor may only take R1 services; refuse the others even if the client insists.",
        )
    elif mismatched and not insist:
        f.error(
            "services",
            f"{names}的风险等级高于客户的风险承受能力（{risk_class}）。请取消这些业务，或在客户坚持时勾选"
            "“客户坚持申请”并由客户签署《风险不匹配警示书》。",
            f"Services above the client's class ({risk_class}): remove them, or record that the client insists.",
        )
    elif mismatched:
        f.warn(
            "suitability.mismatch",
            "services",
            f"不匹配：{names}。将打印《风险不匹配警示书》，须向客户作出特别风险提示并由客户签字确认。",
            "Mismatch: the special warning will be printed for the client to sign.",
        )
        if rules.flag("mismatch_requires_dual_recording"):
            needs_recording.append("向普通投资者提供高于其风险承受能力的业务")
    if ctx.step(Step.IDENTITY).get("elderly") and rules.flag("elderly_requires_dual_recording"):
        needs_recording.append("老年投资者")
    if professional and rules.flag("professional_requires_dual_recording"):
        needs_recording.append("认定为专业投资者")
    if needs_recording and not recording:
        f.error(
            "dual_recording_ref",
            f"本次办理须全程录音录像（双录）：{'、'.join(needs_recording)}。请填写双录编号。",
            "This application needs an audio/video record (双录): enter its reference.",
        )
    f.clean["dual_recording_required"] = bool(needs_recording)
    return f.result()


def validate_aml_crs(data: Mapping[str, Any], ctx: StepContext) -> StepCheck:
    """The CRS self-declaration (mandatory) and the AML rating with its reasons; the clerk may raise
    the rating (with a reason) but never lower it below what the facts give."""
    f = Findings(data)
    if not f.flag("crs_declared", "客户已签署税收居民身份声明"):
        f.error(
            "crs_declared",
            "税收居民身份声明为开户必备文件，客户须如实填写并签署。",
            "The CRS declaration is mandatory.",
        )
    resident = f.choice("resident_type", "税收居民身份", [code for code, _ in TAX_RESIDENT_TYPES])
    foreign = resident in ("2", "3")
    name_en = f.text("name_en", "英文或拼音姓名", required=foreign, max_length=80)
    if name_en and not re.fullmatch(r"[A-Za-z][A-Za-z ,.'\-]*", name_en):
        f.error("name_en", "英文或拼音姓名只能包含英文字母、空格和“-”。", "The Latin name may only hold letters.")
    identity = ctx.step(Step.IDENTITY)
    place = f.text("birth_place", "出生地", required=False, max_length=80) or str(identity.get("birthplace") or "")
    if not place:
        f.error("birth_place", "请填写出生地。", "Enter the place of birth.")
    f.clean["birth_place"] = place
    rows: list[dict[str, Any]] = []
    for i, row in enumerate(f.rows("jurisdictions", "税收居民国（地区）", maximum=3)):
        sub = Findings(row)
        sub.text("country", "税收居民国（地区）", max_length=40)
        tin = sub.text("tin", "纳税人识别号", required=False, max_length=40)
        reason = sub.choice("no_tin_reason", "未提供原因", [c for c, _ in NO_TIN_REASONS if c], required=False)
        explanation = sub.text("explanation", "具体说明", required=False, max_length=100)
        if not tin and not reason:
            sub.error("tin", "须填写纳税人识别号，或选择未提供的原因。", "Enter the TIN or the reason for none.")
        if reason == "B" and not explanation:
            sub.error("explanation", "未能取得纳税人识别号时须说明原因。", "Explain why no TIN could be obtained.")
        for p in sub.errors:
            f.error(f"jurisdictions[{i}].{p.field}", f"第 {i + 1} 个税收居民国（地区）：{p.zh}", f"Row {i + 1}: {p.en}")
        rows.append(sub.clean)
    f.clean["jurisdictions"] = rows if foreign else []
    if foreign and not rows:
        f.error(
            "jurisdictions", "非仅中国税收居民须填写税收居民国（地区）及纳税人识别号。", "List the tax jurisdictions."
        )
    pep = f.flag("pep", "政治公众人物或其亲属")
    risk, reasons = aml_rating(ctx, foreign=foreign, pep=pep)
    override = f.choice("aml_override", "人工调整评级", [r.value for r in AML_ORDER], required=False)
    if override:
        reason_text = f.text("aml_override_reason", "调整评级的原因", max_length=300)
        if AML_ORDER.index(AmlRisk(override)) < AML_ORDER.index(risk):
            f.error("aml_override", f"人工评级不能低于系统评级“{risk.label}”。", "The rating may only be raised.")
        elif reason_text:
            risk = AmlRisk(override)
            reasons.append(f"经办人调整：{reason_text}")
    f.clean.update(aml_risk=risk.value, aml_reasons=reasons)
    if risk is AmlRisk.HIGH:
        f.warn(
            "aml.high",
            "aml_risk",
            f"反洗钱风险等级为“高”（{'；'.join(reasons)}）：须加强尽职调查，并由主管关注。",
            "AML risk is high: enhanced due diligence and supervisor attention are needed.",
        )
    return f.result()


def aml_rating(ctx: StepContext, *, foreign: bool, pep: bool) -> tuple[AmlRisk, list[str]]:
    """The AML risk from the application's facts, with every reason that raised it."""
    rules = ctx.rules.accounts
    identity, client = ctx.step(Step.IDENTITY), ctx.step(Step.CLIENT_DATA)
    high: list[str] = []
    medium: list[str] = []
    nationality = str(identity.get("nationality") or "CHN")
    if pep:
        high.append("政治公众人物或其亲属")
    if client.get("integrity_flag"):
        high.append("存在不良诚信记录")
    if nationality in rules["aml_high_countries"]:
        high.append(f"国籍 {nationality} 属高风险国家（地区）")
    elif nationality != "CHN":
        medium.append(f"非中国大陆国籍（{nationality}）")
    if client.get("occupation") in rules["aml_medium_occupations"]:
        medium.append("职业或收入来源不固定")
    if client.get("owner_is_self") is False or client.get("controller_is_self") is False:
        medium.append("受益所有人或实际控制人非本人")
    if foreign:
        medium.append("具有其他国家（地区）税收居民身份")
    if high:
        return AmlRisk.HIGH, high + medium
    if medium:
        return AmlRisk.MEDIUM, medium
    return AmlRisk.LOW, ["未发现风险因素"]
