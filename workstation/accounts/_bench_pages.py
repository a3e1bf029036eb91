"""Valid page data of a transfer-in, for the benchmark (kept out of the tests package)."""

from __future__ import annotations

from typing import Any

from workstation.accounts.steps import Step


def pages() -> dict[Step, dict[str, Any]]:
    """One valid input per step (the card fails Luhn on purpose: a warning, confirmed)."""
    return {
        Step.IDENTITY: {
            "name": "𠮷振䶮", "id_type": "00", "id_number": "360426199101010071", "id_valid_from": "2016-05-20",
            "id_valid_to": "2036-05-20", "id_issuer": "德安县公安局",
            "id_address": "江西省九江市德安县蒲亭镇宝塔路108号",
        },
        Step.CLIENT_DATA: {"mobile": "13800138000", "address": "北京市朝阳区建国门外大街1号", "postcode": "100004",
                           "occupation": "03", "education": "2"},
        Step.PREVIOUS_BROKER: {"previous_broker": "东岳证券北京望京营业部", "csdc_account": "180123456789",
                               "sh_account": "A123456789", "sz_account": "0123456789",
                               "holdings": [{"code": "000001", "name": "平安银行", "quantity": 2000}]},
        Step.QUESTIONNAIRE: {"answers": {"income_source": "b", "income": "b", "share": "b", "debt": "c",
                                         "knowledge": "b", "experience": "b", "term": "b", "goal": "b", "loss": "c",
                                         "reaction": "b"}, "term": "medium", "varieties": ["bond", "equity"]},
        Step.SUITABILITY_MATCH: {"services": ["a_share", "fund"]},
        Step.AML_CRS: {"crs_declared": True, "resident_type": "1"},
        Step.CUSTODY_BANK: {"bank": "ICBC", "bank_card": "6214832018989180", "card_holder": "𠮷振䶮"},
        Step.COMMISSION: {},
        Step.DOCUMENTS: {"signed": ["risk_disclosure", "client_notice", "agency", "custody"],
                         "originals_checked": True},
    }  # fmt: skip
