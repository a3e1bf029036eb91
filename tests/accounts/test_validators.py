"""Step validators with the public vectors (domain.md §10) and hypothesis over their inputs."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric

from tests.accounts.world import ANSWERS_C3, GOOD_ID, TODAY, client_data, identity, questionnaire
from workstation.accounts.rules import DEFAULT_QUESTIONNAIRE, DEFAULT_RULES
from workstation.accounts.steps import Step
from workstation.accounts.suitability import (
    score_questionnaire,
    validate_aml_crs,
    validate_match,
    validate_questionnaire,
)
from workstation.accounts.validators import (
    ExistingClient,
    StepContext,
    validate_client_data,
    validate_commission,
    validate_custody_bank,
    validate_identity,
    validate_previous_broker,
)
from workstation.domain import RiskClass

CTX = StepContext(TODAY, questionnaire={**DEFAULT_QUESTIONNAIRE, "code": "individual", "revision": 1})


def fields(check: object) -> set[str]:
    return {p.field for p in check.errors}  # type: ignore[attr-defined]


# --- identity vectors ----------------------------------------------------------------------------

GOOD = ["360426199101010071", "44011320141005001x", "412723199010050012", "110102199101010078",
        "120110198012010073", "120110199212010072", "120103198806018241"]  # fmt: skip
BAD = ["990426199112010074", "T60426199101010078", "360426199113010079", "36042619910102009X",
       "360426199101010072", "360426910101007"]  # fmt: skip


@pytest.mark.parametrize("number", GOOD)
def test_valid_resident_ids_pass(number: str) -> None:
    check = validate_identity(identity(id_number=number), CTX)
    if int(number[6:10]) > 2008:  # a child: the age rule refuses, the number itself is fine
        assert fields(check) == {"birth_date"}
    else:
        assert check.ok, check.errors
        assert check.clean["id_number"] == number.upper()


@pytest.mark.parametrize("number", BAD)
def test_invalid_resident_ids_refused(number: str) -> None:
    check = validate_identity(identity(id_number=number), CTX)
    assert "id_number" in fields(check) or (number == "990426199112010074" and check.warnings)


def test_unknown_birthplace_is_a_warning_not_an_error() -> None:
    check = validate_identity(identity(id_number="990426199112010074"), CTX)
    assert check.ok and [w.code for w in check.warnings] == ["id_number.birthplace"]


def test_residence_permit_rule() -> None:
    body = "81000019900101001"
    number = body + ric.calc_check_digit(body + "X")
    as_id = validate_identity(identity(id_number=number), CTX)
    assert as_id.ok and as_id.warnings[0].code == "id_number.permit"
    assert as_id.clean["nationality"] == "HKG"
    permit = validate_identity(identity(id_type="0k", id_number=number), CTX)
    assert permit.ok and not permit.warnings
    wrong = validate_identity(identity(id_type="0k", id_number=GOOD_ID), CTX)
    assert "id_number" in fields(wrong)


def test_sex_and_birth_must_agree_with_number() -> None:
    assert fields(validate_identity(identity(sex="F"), CTX)) == {"sex"}
    assert fields(validate_identity(identity(birth_date="1991-01-02"), CTX)) == {"birth_date"}
    ok = validate_identity(identity(sex="M", birth_date="1991-01-01"), CTX)
    assert ok.ok and ok.clean["sex"] == "M" and ok.clean["age"] == 35


def test_expired_document_refused_unless_long_term() -> None:
    expired = validate_identity(identity(id_valid_to="2026-03-01"), CTX)
    assert fields(expired) == {"id_valid_to"} and "过期" in expired.errors[0].zh
    long_term = validate_identity(identity(id_valid_to="", id_long_term=True), CTX)
    assert long_term.ok
    both = validate_identity(identity(id_long_term=True), CTX)
    assert fields(both) == {"id_valid_to"}


def test_age_rules_from_policy() -> None:
    minor = "110101" + "20090302" + "001"
    minor += ric.calc_check_digit(minor + "X")
    assert fields(validate_identity(identity(id_number=minor), CTX)) == {"birth_date"}
    elder = validate_identity(identity(id_number="11010519491231002X"), CTX)
    assert elder.ok and elder.clean["elderly"] and [w.code for w in elder.warnings] == ["age.elderly"]


def test_other_documents_need_sex_and_birth_and_format() -> None:
    check = validate_identity(identity(id_type="04", id_number="H1234567801", id_issuer=""), CTX)
    assert fields(check) == {"sex", "birth_date"}
    ok = validate_identity(identity(id_type="04", id_number="h12345678", sex="F", birth_date="1980-02-29"), CTX)
    assert ok.ok and ok.clean["id_number"] == "H12345678"
    assert "id_number" in fields(validate_identity(identity(id_type="04", id_number="X1", sex="F",
                                                            birth_date="1980-01-01"), CTX))  # fmt: skip


# --- client data, custody, commission, transfer ---------------------------------------------------


def test_cn_mobile_required() -> None:
    assert fields(validate_client_data(client_data(mobile=""), CTX)) == {"mobile"}
    assert fields(validate_client_data(client_data(mobile="14012345678"), CTX)) == {"mobile"}
    assert fields(validate_client_data(client_data(mobile="021-12345678"), CTX)) == {"mobile"}
    virtual = validate_client_data(client_data(mobile="17012345678"), CTX)
    assert virtual.ok and virtual.warnings[0].code == "mobile.virtual"
    assert validate_client_data(client_data(mobile="+86 199 1234 5678"), CTX).clean["mobile"] == "19912345678"


def test_beneficial_owner_needed_when_not_self_and_integrity_warns() -> None:
    assert fields(validate_client_data(client_data(owner_is_self=False), CTX)) == {"owners"}
    owner = {"name": "𡒄丽娜", "role": "owner", "id_type": "00", "id_number": "11010519491231002X",
             "id_valid_to": "长期", "phone": "13912345678", "relation": "配偶"}  # fmt: skip
    assert validate_client_data(client_data(owner_is_self=False, owners=[owner]), CTX).ok
    bad = validate_client_data(client_data(owner_is_self=False, owners=[{**owner, "id_number": "1"}]), CTX)
    assert fields(bad) == {"owners[0].id_number"}
    flagged = validate_client_data(client_data(integrity_flag=True, integrity_note="法院失信被执行人"), CTX)
    assert flagged.ok and flagged.warnings[0].code == "integrity.record"


CTX_NAME = StepContext(TODAY, steps={Step.IDENTITY.value: {"name": "张三"}})


def test_card_luhn_is_a_warning_and_holder_must_be_client() -> None:
    ok = validate_custody_bank({"bank": "ICBC", "bank_card": "6214832018989180", "card_holder": "张三"}, CTX_NAME)
    assert ok.ok and [w.code for w in ok.warnings] == ["card.luhn"]
    valid = "621483201898918" + luhn.calc_check_digit("621483201898918")
    assert not validate_custody_bank({"bank": "ICBC", "bank_card": valid, "card_holder": "张三"}, CTX_NAME).warnings
    other = validate_custody_bank({"bank": "ICBC", "bank_card": valid, "card_holder": "李四"}, CTX_NAME)
    assert fields(other) == {"card_holder"}
    assert fields(validate_custody_bank({"bank": "XX", "bank_card": "123", "card_holder": "张三"}, CTX_NAME)) == {
        "bank", "bank_card"}  # fmt: skip


def test_commission_floor_needs_supervisor() -> None:
    ctx = StepContext(TODAY, steps={Step.CLIENT_DATA.value: {"channel": "telesales"}})
    assert validate_commission({}, ctx).clean["rate_ppm"] == 200
    assert fields(validate_commission({"rate_ppm": 100}, ctx)) == {"approver_no", "approval_reason"}
    ok = validate_commission({"rate_ppm": 100, "approver_no": "S001", "approval_reason": "大客户转户挽留"}, ctx)
    assert ok.ok and ok.clean["below_floor"]
    assert fields(validate_commission({"rate_ppm": 5000}, ctx)) == {"rate_ppm"}


def test_transfer_account_formats_are_warnings() -> None:
    base = {"previous_broker": "东岳证券", "csdc_account": "180123456789", "sh_account": "B123", "sz_account": "0123"}
    check = validate_previous_broker({**base, "sz_transfer": False}, CTX)
    assert check.ok and {w.code for w in check.warnings} == {"sh_account.format", "sz_account.format"}
    assert fields(validate_previous_broker({"previous_broker": "x", "csdc_account": "180123456789"}, CTX)) == {
        "sh_account"}  # fmt: skip
    assert "holdings" in fields(validate_previous_broker({**base, "sz_account": "0123456789"}, CTX))


# --- suitability ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "cls"), [(0, "C1"), (1, "C1"), (19, "C1"), (20, "C2"), (36, "C2"), (37, "C3"), (53, "C3"),
                        (54, "C4"), (82, "C4"), (83, "C5"), (100, "C5")],
)  # fmt: skip
def test_bands(points: int, cls: str) -> None:
    score = score_questionnaire(points, False, DEFAULT_RULES.bands)
    assert score.risk_class == cls and score.lowest_category == (points == 0)


def survey_ctx(**survey: object) -> StepContext:
    clean = dict(validate_questionnaire(questionnaire(), CTX).clean)
    return StepContext(TODAY, steps={Step.QUESTIONNAIRE.value: {**clean, **survey}})


def test_questionnaire_scores_and_lowest_category() -> None:
    check = validate_questionnaire(questionnaire(), CTX)
    assert check.ok and check.clean["score"] == 54 and check.clean["risk_class"] == "C4"
    assert check.clean["valid_until"] == "2028-03-02"
    lowest = validate_questionnaire(questionnaire(answers={**ANSWERS_C3, "loss": "a"}), CTX)
    assert lowest.clean["lowest_category"] and lowest.clean["risk_class"] == "C1"
    missing = validate_questionnaire(questionnaire(answers={"income": "a"}), CTX)
    assert "answers.goal" in fields(missing)


def test_expired_assessment_must_be_retested() -> None:
    old = ExistingClient(1, "张三", RiskClass.C3, 40, date(2024, 1, 1), date(2026, 1, 1))
    ctx = StepContext(TODAY, existing=old)
    assert fields(validate_questionnaire({"reuse_existing": True, "term": "short", "varieties": ["bond"]}, ctx)) == {
        "reuse_existing"}  # fmt: skip
    fresh = StepContext(TODAY, existing=ExistingClient(1, "张三", RiskClass.C3, 40, date(2025, 1, 1), date(2027, 1, 1)))
    assert validate_questionnaire({"reuse_existing": True, "term": "short", "varieties": ["bond"]}, fresh).ok


def test_professional_investor_qualification() -> None:
    no = validate_questionnaire(questionnaire(professional=True, financial_assets_fen=100), CTX)
    assert fields(no) == {"professional"}
    yes = validate_questionnaire(questionnaire(professional=True, financial_assets_fen=600_000_000,
                                               experience_years=3), CTX)  # fmt: skip
    assert yes.ok and yes.clean["professional_valid_until"] == "2028-03-02"


def test_match_mismatch_and_lowest_category() -> None:
    ctx = survey_ctx(risk_class="C2")
    assert validate_match({"services": ["fund"]}, ctx).ok
    refused = validate_match({"services": ["chinext"]}, ctx)
    assert fields(refused) == {"services"}
    no_recording = validate_match({"services": ["chinext"], "insist": True}, ctx)
    assert fields(no_recording) == {"dual_recording_ref"}
    insisted = validate_match({"services": ["chinext"], "insist": True, "dual_recording_ref": "SL-2026-0007"}, ctx)
    assert insisted.ok and insisted.warnings[0].code == "suitability.mismatch"
    assert insisted.clean["mismatched"] == ["chinext"]
    lowest = survey_ctx(risk_class="C1", lowest_category=True)
    hard = validate_match({"services": ["fund"], "insist": True, "dual_recording_ref": "SL-2026-0007"}, lowest)
    assert fields(hard) == {"services"} and "最低类别" in hard.errors[0].zh
    assert validate_match({"services": ["bond"]}, lowest).ok


def test_aml_rating_and_crs() -> None:
    assert fields(validate_aml_crs({"resident_type": "1"}, CTX)) == {"crs_declared", "birth_place"}
    ctx = StepContext(TODAY, steps={Step.IDENTITY.value: {"birthplace": "江西省", "nationality": "CHN"}})
    low = validate_aml_crs({"crs_declared": True, "resident_type": "1"}, ctx)
    assert low.ok and low.clean["aml_risk"] == "low"
    foreign = {"crs_declared": True, "resident_type": "3", "name_en": "ZHANG SAN"}
    assert fields(validate_aml_crs(foreign, ctx)) == {"jurisdictions"}
    rows = [{"country": "美国", "no_tin_reason": "B"}]
    assert fields(validate_aml_crs({**foreign, "jurisdictions": rows}, ctx)) == {"jurisdictions[0].explanation"}
    ok = validate_aml_crs({**foreign, "jurisdictions": [{"country": "新加坡", "tin": "S1234567D"}]}, ctx)
    assert ok.ok and ok.clean["aml_risk"] == "medium"
    high = validate_aml_crs({"crs_declared": True, "resident_type": "1", "pep": True}, ctx)
    assert high.clean["aml_risk"] == "high" and high.warnings[0].code == "aml.high"
    lower = validate_aml_crs({**foreign, "jurisdictions": [{"country": "新加坡", "tin": "S1"}], "aml_override": "low",
                              "aml_override_reason": "客户解释合理"}, ctx)  # fmt: skip
    assert fields(lower) == {"aml_override"}


# --- hypothesis -----------------------------------------------------------------------------------

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
RARE = st.sampled_from("𠮷䶮𡒄")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_any_text_as_name_is_accepted_clean_or_refused_with_a_message(text: str) -> None:
    check = validate_identity(identity(name=text), CTX)
    if check.ok:
        name = check.clean["name"]
        assert name and not any(ord(ch) < 32 for ch in name) and len(name) <= 60
    else:
        assert all(p.zh and p.field == "name" for p in check.errors)
        assert "name" not in check.clean or not check.clean["name"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(HAN, RARE), min_size=1, max_size=5), st.lists(HAN, min_size=0, max_size=4),
       st.sampled_from(["", "·", " · ", "•"]))  # fmt: skip
def test_real_names_with_rare_characters_and_dots_are_accepted(first: list[str], second: list[str], dot: str) -> None:
    name = "".join(first) + (dot + "".join(second) if second and dot else "")
    check = validate_identity(identity(name=name), CTX)
    assert check.ok, check.errors
    assert " " not in check.clean["name"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=string.digits + "Xx -", min_size=0, max_size=22))
def test_id_numbers(text: str) -> None:
    check = validate_identity(identity(id_number=text), CTX)
    compact = text.replace(" ", "").replace("-", "").upper()
    valid = len(compact) == 18 and ric.is_valid(compact) and ric.get_birth_date(compact) <= date(2008, 3, 2)
    if valid:
        assert check.ok, check.errors
    if not check.ok:
        assert all(p.zh for p in check.errors)
        assert "id_number" not in check.clean


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1900, 1, 2), max_value=date(2008, 3, 1)), st.integers(0, 999))
def test_every_valid_generated_id_is_accepted(birth: date, seq: int) -> None:
    body = f"110101{birth:%Y%m%d}{seq:03d}"
    number = body + ric.calc_check_digit(body + "X")
    check = validate_identity(identity(id_number=number), CTX)
    assert check.ok, check.errors
    assert check.clean["birth_date"] == birth.isoformat()
    assert check.clean["sex"] == ("M" if seq % 2 else "F")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=string.digits + " +-", max_size=20))
def test_phones(text: str) -> None:
    check = validate_client_data(client_data(mobile=text), CTX)
    if check.ok:
        assert len(check.clean["mobile"]) == 11 and check.clean["mobile"].startswith("1")
    else:
        assert fields(check) == {"mobile"} and "mobile" not in check.clean


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=string.digits, min_size=16, max_size=19))
def test_bank_cards_only_warn_on_luhn(card: str) -> None:
    check = validate_custody_bank({"bank": "ICBC", "bank_card": card, "card_holder": "张三"}, CTX_NAME)
    assert check.ok
    assert bool(check.warnings) == (not luhn.is_valid(card))


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_bad_bank_cards_get_a_message(card: str) -> None:
    check = validate_custody_bank({"bank": "ICBC", "bank_card": card, "card_holder": "张三"}, CTX_NAME)
    compact = "".join(card.split()).replace("-", "")
    if not (compact.isascii() and compact.isdigit() and 16 <= len(compact) <= 19):
        if check.ok:
            assert check.clean["bank_card"].isdigit()
        else:
            assert fields(check) == {"bank_card"} and "bank_card" not in check.clean


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["address", "employer", "occupation_text"]), st.integers(301, 2000),
       st.sampled_from(["\x00", "\x07", "\u200b", "\u202e"]))  # fmt: skip
def test_over_long_and_control_characters(field: str, length: int, control: str) -> None:
    long = validate_client_data(client_data(**{field: "长" * length}), CTX)
    assert field in fields(long) and "过长" in long.errors[0].zh and not long.clean.get(field)
    bad = validate_client_data(client_data(**{field: f"北京{control}市"}), CTX)
    assert field in fields(bad) and "控制字符" in bad.errors[0].zh and not bad.clean.get(field)
