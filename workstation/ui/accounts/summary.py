"""The application at a glance (wizard summary page and the reviewer's view): per step, the points
a reviewer checks, with ID, phone and card numbers masked (:mod:`workstation.masking`)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from workstation.accounts.steps import Step
from workstation.accounts.wizard import DraftView
from workstation.domain import AmlRisk, Channel, IdType
from workstation.forms.account import BANKS, OCCUPATIONS, TAX_RESIDENT_TYPES
from workstation.forms.suitability import DISCLOSURE_DOCS
from workstation.masking import mask_card, mask_id_number, mask_phone


def tr(text: str) -> str:
    return QCoreApplication.translate("AccountSummary", text)


def _label(options: tuple[tuple[str, str], ...], code: Any) -> str:
    return dict(options).get(str(code or ""), str(code or "—"))


def step_lines(step: Step, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(caption, value)`` pairs worth showing for ``step``."""
    d = data
    if step is Step.IDENTITY:
        id_type = IdType(d["id_type"]).label if d.get("id_type") in {t.value for t in IdType} else ""
        valid = tr("长期有效") if d.get("id_long_term") else str(d.get("id_valid_to") or "")
        return [(tr("姓名"), str(d.get("name", ""))), (tr("证件"), f"{id_type} {mask_id_number(d.get('id_number'))}"),
                (tr("出生日期"), str(d.get("birth_date", ""))), (tr("证件有效期至"), valid)]  # fmt: skip
    if step is Step.CLIENT_DATA:
        channel = Channel(d["channel"]).label if d.get("channel") in {c.value for c in Channel} else ""
        return [(tr("手机"), mask_phone(d.get("mobile"))), (tr("地址"), str(d.get("address", ""))),
                (tr("职业"), _label(OCCUPATIONS, d.get("occupation"))), (tr("来源渠道"), channel)]  # fmt: skip
    if step is Step.PREVIOUS_BROKER:
        return [(tr("原券商"), str(d.get("previous_broker", ""))), (tr("沪A"), str(d.get("sh_account") or "—")),
                (tr("深A"), str(d.get("sz_account") or "—")),
                (tr("转托管证券"), str(len(d.get("holdings") or [])))]  # fmt: skip
    if step is Step.QUESTIONNAIRE:
        lowest = tr("（最低类别）") if d.get("lowest_category") else ""
        return [(tr("风险承受能力"), f"{d.get('risk_class', '')}{lowest}"), (tr("得分"), str(d.get("score", ""))),
                (tr("有效期至"), str(d.get("valid_until", "")))]  # fmt: skip
    if step is Step.SUITABILITY_MATCH:
        risks = d.get("service_risks") or {}
        names = "、".join(str(risks.get(s, {}).get("label", s)) for s in d.get("services") or [])
        mismatched = "、".join(str(risks.get(s, {}).get("label", s)) for s in d.get("mismatched") or [])
        return [(tr("申请业务"), names), (tr("不匹配（客户坚持）"), mismatched or tr("无")),
                (tr("双录编号"), str(d.get("dual_recording_ref") or "—"))]  # fmt: skip
    if step is Step.AML_CRS:
        risk = AmlRisk(d["aml_risk"]).label if d.get("aml_risk") in {r.value for r in AmlRisk} else ""
        return [(tr("反洗钱评级"), f"{risk}（{'；'.join(d.get('aml_reasons') or [])}）"),
                (tr("税收居民身份"), _label(TAX_RESIDENT_TYPES, d.get("resident_type")))]  # fmt: skip
    if step is Step.CUSTODY_BANK:
        return [(tr("存管银行"), _label(BANKS, d.get("bank"))), (tr("银行卡"), mask_card(d.get("bank_card"))),
                (tr("持卡人"), str(d.get("card_holder", "")))]  # fmt: skip
    if step is Step.COMMISSION:
        rate = d.get("rate_ppm")
        floor = tr("（低于下限，主管已审批）") if d.get("below_floor") else ""
        return [(tr("佣金费率"), f"{rate} / 1,000,000{floor}" if rate else "—")]
    signed = "、".join(_label(DISCLOSURE_DOCS, code) for code in d.get("signed") or [])
    return [(tr("已签署"), signed or "—")]


def summary_html(draft: DraftView) -> str:
    """The whole application as simple rich text (step title, state, lines, confirmed warnings)."""
    parts = []
    for state in draft.steps:
        mark = tr("已完成") if state.done else (tr("待确认提示") if state.saved else tr("未完成"))
        colour = "#1b6e3a" if state.done else "#8a1c1c"
        parts.append(f"<h3>{html.escape(state.step.label)} <span style='color:{colour}'>· {mark}</span></h3>")
        rows = "".join(
            f"<tr><td style='color:#555;padding-right:16px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in (step_lines(state.step, state.data) if state.saved else [])
        )
        if rows:
            parts.append(f"<table>{rows}</table>")
        for w in state.warnings:
            done = tr("已确认") if w.code in state.confirmed else tr("未确认")
            parts.append(f"<p style='color:#8a5a00'>⚠ {html.escape(w.zh)}（{done}）</p>")
    return "".join(parts)
