"""Resident IDs, residence permits and mobiles (forms/identity.py) and name search keys (names.py).

Vectors are the public ones collected in docs/domain.md §10 (python-stdnum's doctests, the stdnum
JS spec, a Rust crate) plus the project's pitfalls (future birth dates, 81/82/83 permits).
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from stdnum.cn import ric

from workstation.domain import IdType, Sex
from workstation.errors import ValidationError
from workstation.forms.identity import (
    age_on,
    area_codes,
    check_mobile,
    check_resident_id,
    generate_mobile,
    generate_resident_id,
)
from workstation.names import normalize_name, search_keys

VALID = [
    ("360426199101010071", date(1991, 1, 1), Sex.MALE, "江西省九江市德安县"),
    ("44011320141005001x", date(2014, 10, 5), Sex.MALE, "广东省广州市番禺区"),
    ("412723199010050012", date(1990, 10, 5), Sex.MALE, "商水县"),
    ("110102199101010078", date(1991, 1, 1), Sex.MALE, "北京市西城区"),
    ("120110198012010073", date(1980, 12, 1), Sex.MALE, "天津市东郊区"),  # before 1992 the county was 东郊区
    ("120110199212010072", date(1992, 12, 1), Sex.MALE, "天津市东丽区"),
    ("120103198806018241", date(1988, 6, 1), Sex.FEMALE, "天津市"),
    ("110101202311012176", date(2023, 11, 1), Sex.MALE, "北京市东城区"),
    ("11010519491231002X", date(1949, 12, 31), Sex.FEMALE, "北京市朝阳区"),
]


@pytest.mark.parametrize(("number", "birth", "sex", "place"), VALID)
def test_valid_public_vectors(number: str, birth: date, sex: Sex, place: str) -> None:
    info = check_resident_id(number, today=date(2026, 11, 25))
    assert info.number == number.upper()
    assert info.birth_date == birth
    assert info.sex == sex
    assert place in info.birthplace
    assert info.warnings == ()


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("T60426199101010078", "前 17 位应为数字"),
        ("360426199113010079", "出生日期 1991-13-01 不存在"),
        ("36042619910102009X", "校验位不正确"),
        ("360426199101010072", "校验位不正确"),
        ("110101202311012171", "校验位不正确"),
        ("", "请输入证件号码"),
        ("12345", "应为 18 位"),
        ("110101650101001", "15 位"),
    ],
)
def test_hard_errors(number: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_resident_id(number, field="id_no")
    assert fragment in caught.value.message()
    assert caught.value.problems[0].field == "id_no"
    assert caught.value.problems[0].en  # English for the translated UI
    assert number not in caught.value.message() or not number  # the number is never echoed


@pytest.mark.parametrize("number", ["990426199112010074", "110111198012010078", "110201199312010077"])
def test_unknown_or_out_of_period_place_is_a_warning_only(number: str) -> None:
    info = check_resident_id(number)
    assert info.birthplace == ""
    assert len(info.warnings) == 1 and "地区代码" in info.warnings[0].zh


def test_plausible_code_missing_from_stdnum_data_is_accepted_with_warning() -> None:
    # docs/domain.md §10 pitfall: stdnum's ranges reject 440113 in 1990 although such cards exist
    assert not ric.is_valid("440113199001011239")
    info = check_resident_id("440113199001011239")
    assert info.birth_date == date(1990, 1, 1) and info.warnings


def test_future_birth_date_is_refused() -> None:
    body = "11010120990101001"
    number = body + ric.calc_check_digit(body + "0")
    assert ric.is_valid(number) is False or ric.get_birth_date(number).year == 2099  # stdnum does not check
    with pytest.raises(ValidationError) as caught:
        check_resident_id(number, today=date(2026, 11, 25))
    assert "晚于今天" in caught.value.message()
    # born today is fine
    body = "11010120261125001"
    check_resident_id(body + ric.calc_check_digit(body + "0"), today=date(2026, 11, 25))


def test_check_digit_uses_all_17_digits() -> None:
    # the pitfall: ric.calc_check_digit drops the last character, so pass 18
    assert ric.calc_check_digit("11010519491231002X") == "X"
    assert ric.calc_check_digit("11010519491231002") != "X"


def _with_check(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


def test_residence_permits_follow_their_own_rule() -> None:
    hk_old = _with_check("81000019900101123")  # born before 1997: stdnum's place data refuses it
    assert not ric.is_valid(hk_old)
    info = check_resident_id(hk_old, id_type=IdType.HMT_RESIDENCE_PERMIT)
    assert info.permit_region == "香港" and info.is_residence_permit and info.warnings == ()
    tw = _with_check("83000019850512002")
    assert check_resident_id(tw, id_type=IdType.HMT_RESIDENCE_PERMIT).sex == Sex.FEMALE
    # entered as a resident ID: accepted with a hint to change the document type
    assert "港澳台居民居住证" in check_resident_id(tw).warnings[0].zh
    with pytest.raises(ValidationError, match="810000"):
        check_resident_id(_with_check("81010219900101123"))
    with pytest.raises(ValidationError, match="港澳台居民居住证号码应以"):
        check_resident_id("360426199101010071", id_type=IdType.HMT_RESIDENCE_PERMIT)


def test_input_is_normalized() -> None:
    assert check_resident_id(" 110105-1949 1231 002x ").number == "11010519491231002X"
    assert check_resident_id("３６０４２６１９９１０１０１００７１").number == "360426199101010071"


def test_age_on() -> None:
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 3, 1)) == 18
    assert age_on(date(1990, 6, 1), date(2026, 6, 1)) == 36


def test_generated_ids_are_valid_with_matching_sex_and_birth() -> None:
    rng = random.Random(7)
    assert len(area_codes()) > 3000
    for i in range(300):
        sex = Sex.MALE if i % 2 else Sex.FEMALE
        birth = date(1940 + i % 80, 1 + i % 12, 1 + i % 28)
        number = generate_resident_id(rng, birth_date=birth, sex=sex, province="11" if i % 3 == 0 else None)
        assert ric.is_valid(number), number  # check digit, date and a place valid in the birth year
        info = check_resident_id(number)
        assert (info.birth_date, info.sex, info.warnings) == (birth, sex, ())
        if i % 3 == 0:
            assert info.birthplace.startswith("北京市")


def test_generator_is_deterministic() -> None:
    def make() -> list[str]:
        rng = random.Random(3)
        return [generate_resident_id(rng, birth_date=date(1980, 5, 5), sex=Sex.MALE) for _ in range(5)]

    assert make() == make()


@pytest.mark.parametrize(
    "number", ["13800138000", "19912345678", "16612345678", "+86 138-0013-8000", "008613800138000"]
)
def test_valid_mobiles(number: str) -> None:
    info = check_mobile(number)
    assert len(info.number) == 11 and info.e164 == "+86" + info.number
    assert info.warnings == ()


def test_virtual_operator_mobile_warns() -> None:
    info = check_mobile("17012345678")
    assert info.number == "17012345678" and "虚拟运营商" in info.warnings[0].zh


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("14012345678", "无效"),
        ("10012345678", "无效"),
        ("021-12345678", "固定电话"),
        ("01012345678", "固定电话"),
        ("+852 9123 4567", "中国大陆"),
        ("abc", "11 位"),
        ("", "请输入手机号码"),
    ],
)
def test_invalid_mobiles(number: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_mobile(number, field="mobile")
    assert fragment in caught.value.message()


def test_generated_mobiles_are_valid() -> None:
    rng = random.Random(1)
    for _ in range(200):
        assert check_mobile(generate_mobile(rng)).warnings == ()


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张三", "zhangsan", "zs"),
        ("吕布", "lvbu", "lb"),
        ("单晓峰", "shanxiaofeng", "sxf"),  # surname 单 = shan, not dan
        ("曾国藩", "zengguofan", "zgf"),
        ("仇志刚", "qiuzhigang", "qzg"),
        ("区嘉豪", "oujiahao", "ojh"),
        ("朴美善", "piaomeishan", "pms"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("欧阳静怡", "ouyangjingyi", "oyjy"),
        ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
        ("买买提 • 艾力", "maimaitiaili", "mmtal"),
        ("刘䶮", "liuyan", "ly"),  # Extension A
        ("王𠮷", "wangji", "wj"),  # Extension B, unknown to pypinyin: supplement
        ("陈\U00030000明", "chenming", "cm"),  # Extension G, unknown to pypinyin: skipped, keep going
        ("John Smith", "johnsmith", "js"),
        ("", "", ""),
    ],
)
def test_search_keys(name: str, full: str, initials: str) -> None:
    keys = search_keys(name)
    assert (keys.full, keys.initials) == (full, initials)


def test_normalize_name() -> None:
    assert normalize_name(" 阿依古丽 ・ 买买提 ") == "阿依古丽·买买提"
    assert normalize_name("李  四") == "李四"
    assert normalize_name("John   Smith") == "John Smith"
    assert normalize_name("王𠮷") == "王𠮷"  # NFC keeps rare characters as they are


def test_single_character_is_not_treated_as_surname() -> None:
    assert search_keys("单").full == "dan"
