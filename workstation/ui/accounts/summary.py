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
from workstation.ui.accounts.step_names import step_text


def tr(text: str) -> str:
    return QCoreApplication.translate("AccountSummary", text)


def _label(options: tuple[tuple[str, str], ...], code: Any) -> str:
    return dict(options).get(str(code or ""), str(code or "—"))


def step_lines(step: Step, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(caption, value)`` pairs worth showing for ``step``."""
    d = data
    if step is Step.IDENTITY:
        id_type = IdType(d["id_type"]).label if d.get("id_type") in {t.value for t in IdType} else ""
        valid = (
            QCoreApplication.translate("AccountSummary", "长期有效")
            if d.get("id_long_term")
            else str(d.get("id_valid_to") or "")
        )
        return [
            (QCoreApplication.translate("AccountSummary", "姓名"), str(d.get("name", ""))),
            (QCoreApplication.translate("AccountSummary", "证件"), f"{id_type} {mask_id_number(d.get('id_number'))}"),
            (QCoreApplication.translate("AccountSummary", "出生日期"), str(d.get("birth_date", ""))),
            (QCoreApplication.translate("AccountSummary", "证件有效期至"), valid),
        ]
    if step is Step.CLIENT_DATA:
        channel = Channel(d["channel"]).label if d.get("channel") in {c.value for c in Channel} else ""
        return [
            (QCoreApplication.translate("AccountSummary", "手机"), mask_phone(d.get("mobile"))),
            (QCoreApplication.translate("AccountSummary", "地址"), str(d.get("address", ""))),
            (QCoreApplication.translate("AccountSummary", "职业"), _label(OCCUPATIONS, d.get("occupation"))),
            (QCoreApplication.translate("AccountSummary", "来源渠道"), channel),
        ]
    if step is Step.PREVIOUS_BROKER:
        return [
            (QCoreApplication.translate("AccountSummary", "原券商"), str(d.get("previous_broker", ""))),
            (QCoreApplication.translate("AccountSummary", "沪A"), str(d.get("sh_account") or "—")),
            (QCoreApplication.translate("AccountSummary", "深A"), str(d.get("sz_account") or "—")),
            (QCoreApplication.translate("AccountSummary", "转托管证券"), str(len(d.get("holdings") or []))),
        ]
    if step is Step.QUESTIONNAIRE:
        lowest = QCoreApplication.translate("AccountSummary", "（最低类别）") if d.get("lowest_category") else ""
        return [
            (QCoreApplication.translate("AccountSummary", "风险承受能力"), f"{d.get('risk_class', '')}{lowest}"),
            (QCoreApplication.translate("AccountSummary", "得分"), str(d.get("score", ""))),
            (QCoreApplication.translate("AccountSummary", "有效期至"), str(d.get("valid_until", ""))),
        ]
    if step is Step.SUITABILITY_MATCH:
        risks = d.get("service_risks") or {}
        names = "、".join(str(risks.get(s, {}).get("label", s)) for s in d.get("services") or [])
        mismatched = "、".join(str(risks.get(s, {}).get("label", s)) for s in d.get("mismatched") or [])
        return [
            (QCoreApplication.translate("AccountSummary", "申请业务"), names),
            (
                QCoreApplication.translate("AccountSummary", "不匹配（客户坚持）"),
                mismatched or QCoreApplication.translate("AccountSummary", "无"),
            ),
            (QCoreApplication.translate("AccountSummary", "双录编号"), str(d.get("dual_recording_ref") or "—")),
        ]
    if step is Step.AML_CRS:
        risk = AmlRisk(d["aml_risk"]).label if d.get("aml_risk") in {r.value for r in AmlRisk} else ""
        return [
            (
                QCoreApplication.translate("AccountSummary", "反洗钱评级"),
                f"{risk}（{'；'.join(d.get('aml_reasons') or [])}）",
            ),
            (
                QCoreApplication.translate("AccountSummary", "税收居民身份"),
                _label(TAX_RESIDENT_TYPES, d.get("resident_type")),
            ),
        ]
    if step is Step.CUSTODY_BANK:
        return [
            (QCoreApplication.translate("AccountSummary", "存管银行"), _label(BANKS, d.get("bank"))),
            (QCoreApplication.translate("AccountSummary", "银行卡"), mask_card(d.get("bank_card"))),
            (QCoreApplication.translate("AccountSummary", "持卡人"), str(d.get("card_holder", ""))),
        ]
    if step is Step.COMMISSION:
        rate = d.get("rate_ppm")
        floor = QCoreApplication.translate("AccountSummary", "（低于下限，主管已审批）") if d.get("below_floor") else ""
        return [
            (QCoreApplication.translate("AccountSummary", "佣金费率"), f"{rate} / 1,000,000{floor}" if rate else "—")
        ]
    signed = "、".join(_label(DISCLOSURE_DOCS, code) for code in d.get("signed") or [])
    return [(QCoreApplication.translate("AccountSummary", "已签署"), signed or "—")]


def summary_html(draft: DraftView) -> str:
    """The whole application as simple rich text (step title, state, lines, confirmed warnings)."""
    parts = []
    for state in draft.steps:
        mark = (
            QCoreApplication.translate("AccountSummary", "已完成")
            if state.done
            else (
                QCoreApplication.translate("AccountSummary", "待确认提示")
                if state.saved
                else QCoreApplication.translate("AccountSummary", "未完成")
            )
        )
        colour = "#1b6e3a" if state.done else "#8a1c1c"
        parts.append(f"<h3>{html.escape(step_text(state.step))} <span style='color:{colour}'>· {mark}</span></h3>")
        rows = "".join(
            f"<tr><td style='color:#555;padding-right:16px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in (step_lines(state.step, state.data) if state.saved else [])
        )
        if rows:
            parts.append(f"<table>{rows}</table>")
        for w in state.warnings:
            done = (
                QCoreApplication.translate("AccountSummary", "已确认")
                if w.code in state.confirmed
                else QCoreApplication.translate("AccountSummary", "未确认")
            )
            parts.append(f"<p style='color:#8a5a00'>⚠ {html.escape(w.zh)}（{done}）</p>")
    return "".join(parts)
