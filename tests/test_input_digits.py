"""Issue 14 items 9 and 10: digits of other scripts and invisible characters at every boundary."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric

from workstation import errors, textcheck
from workstation.accounts.checks import Findings
from workstation.accounts.steps import Step
from workstation.accounts.validators import (
    StepContext,
    validate_client_data,
    validate_custody_bank,
    validate_identity,
    validate_previous_broker,
)
from workstation.forms.identity import check_mobile, check_resident_id

CTX = StepContext(today=date(2026, 12, 1))
ARABIC = "١٢٣٤٥٦"  # Arabic-Indic 1-6
FOREIGN = ["١", "۱", "๑", "१", "፩", "১", "𝟏"[:0] + "߁", "\U00010a40"]


@pytest.mark.parametrize("digit", FOREIGN)
def test_foreign_digits_are_refused(digit: str) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        textcheck.ascii_digits(f"12{digit}4")
    assert f"U+{ord(digit):04X}" in caught.value.message()


def test_full_width_digits_become_ascii() -> None:
    assert textcheck.ascii_digits("１３８００１３８０００") == "13800138000"


def _number(prefix17: str) -> str:
    return prefix17 + ric.calc_check_digit(prefix17 + "0")


@pytest.mark.parametrize(
    "value",
    [
        _number("11010519491231002").translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
        "11010519491231002" + "\U00010a40",
        "1101051949123100\U00010a40X",  # Kharosthi digit: isdigit() but int() fails (ValueError)
        "119000199001011233",  # stdnum's entry without a county: KeyError 'county' before
        _number("11000019900101123"),
        _number("71000019900101123"),
    ],
)
def test_the_id_check_never_crashes(value: str) -> None:
    try:
        info = check_resident_id(value, today=date(2026, 12, 1))
    except errors.ValidationError:
        return
    assert info.number.isascii()


def test_identity_step_refuses_arabic_digits_in_the_id_number() -> None:
    number = _number("11010519491231002").translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    check = validate_identity({"name": "张三", "id_type": "resident_id", "id_number": number}, CTX)
    assert any(p.field == "id_number" and "U+0661" in p.zh for p in check.errors)
    assert "id_number" not in check.clean


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"phone": f"010-{ARABIC}78", "postcode": "100000"}, "phone"),
        ({"postcode": ARABIC}, "postcode"),
        ({"mobile": "١٣٨٠٠١٣٨٠٠٠"}, "mobile"),
    ],
)
def test_client_data_digit_fields(data: dict[str, str], field: str) -> None:
    base = {"mobile": "13800138000", "address": "北京", "postcode": "100000", "occupation": "01", "education": "1"}
    check = validate_client_data({**base, **data}, CTX)
    assert any(p.field == field for p in check.errors)
    assert field not in check.clean or check.clean[field] == ""


def test_previous_broker_and_bank_card() -> None:
    check = validate_previous_broker(
        {"previous_broker": "某证券", "csdc_account": "١" * 12, "sh_account": "A" + "١" * 9}, CTX
    )
    assert any(p.field == "csdc_account" for p in check.errors)
    assert "csdc_account" not in check.clean and "sh_account" not in check.clean
    ctx = StepContext(today=CTX.today, steps={Step.IDENTITY.value: {"name": "张三"}})
    bank = validate_custody_bank({"bank": "icbc", "bank_card": "٦٢٢٢" * 4, "card_holder": "张三"}, ctx)
    assert any(p.field == "bank_card" for p in bank.errors)
    assert "bank_card" not in bank.clean


def test_full_width_mobile_is_normalised() -> None:
    assert check_mobile("１３８００１３８０００").number == "13800138000"


@pytest.mark.parametrize("bad", ["\x00", "\u200b", "\u202e", "\u2067"])
def test_wizard_text_refuses_invisible_characters(bad: str) -> None:
    f = Findings({"name": f"张{bad}三", "address": f"北京{bad}"})
    f.person_name("name", "客户姓名")
    f.text("address", "联系地址")
    assert {p.field for p in f.errors} == {"name", "address"}
    assert f.result().clean == {}


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_exports_escape_formulas(value: str) -> None:
    assert textcheck.escape_formula(value) == "'" + value
    assert textcheck.escape_formula(12) == 12 and textcheck.escape_formula("张三") == "张三"


def test_the_data_subject_export_writes_a_formula_name_as_text() -> None:
    from workstation.services.data_subject import _cell

    assert _cell('=HYPERLINK("http://evil","点我")') == '\'=HYPERLINK("http://evil","点我")'
