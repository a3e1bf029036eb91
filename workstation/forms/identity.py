"""Identity documents and mobile numbers: validation for the counter, and demo generators.

Qt-free; shared by the account wizard, check-in and the demo data.

- :func:`check_resident_id` validates an 18-character resident ID (居民身份证, GB 11643-1999) or a
  Hong Kong/Macau/Taiwan residence permit number (港澳台居民居住证, same format, area 810000/
  820000/830000). The check digit and the birth date are hard errors; an area code that
  python-stdnum does not know is only a warning (new and abolished counties exist).
- :func:`check_mobile` validates a mainland mobile number with phonenumbers.
- :func:`generate_resident_id` makes valid demo numbers from python-stdnum's area-code data.

Hard errors raise :class:`~workstation.errors.ValidationError`; warnings come back in the result
for the clerk to confirm. Messages never repeat the number itself (they may end up in logs).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

import phonenumbers
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumValidationError

from workstation.clock import business_date
from workstation.domain import IdType, Sex
from workstation.errors import FieldProblem, ValidationError
from workstation.textcheck import digit_problem, foreign_digit

PERMIT_AREAS = {"81": ("810000", "香港"), "82": ("820000", "澳门"), "83": ("830000", "台湾")}
"""Residence-permit prefixes: the whole area part is fixed, and stdnum's place data does not apply."""
EARLIEST_BIRTH = date(1900, 1, 1)
VIRTUAL_MOBILE_PREFIXES = ("162", "165", "167", "170", "171")
"""Virtual operators (虚拟运营商): valid numbers, but worth a word with the client."""

_PLACE_SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位"}


# --- resident ID ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidentIdInfo:
    """What a valid resident ID (or residence permit) number tells about its holder."""

    number: str
    """The normalized number: 18 characters, upper-case X."""
    birth_date: date
    sex: Sex
    area_code: str
    birthplace: str
    """Province, city and county for the birth year, e.g. "江西省九江市德安县"; empty if unknown."""
    permit_region: str = ""
    """"香港", "澳门" or "台湾" for a residence permit; empty for a resident ID."""
    warnings: tuple[FieldProblem, ...] = ()

    @property
    def is_residence_permit(self) -> bool:
        return bool(self.permit_region)

    def age_on(self, day: date) -> int:
        """Completed years of age on ``day``."""
        return age_on(self.birth_date, day)


def age_on(birth: date, day: date) -> int:
    """Completed years between ``birth`` and ``day`` (a 29 February birthday counts on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def normalize_id_number(value: str) -> str:
    """Full-width digits to ASCII, spaces and dashes removed, x to X."""
    text = unicodedata.normalize("NFKC", value or "")
    return re.sub(r"[\s\-]", "", text).upper()


def check_resident_id(
    value: str,
    *,
    field: str = "id_number",
    id_type: IdType = IdType.RESIDENT_ID,
    today: date | None = None,
) -> ResidentIdInfo:
    """Validate a resident ID (``id_type`` RESIDENT_ID) or residence permit (HMT_RESIDENCE_PERMIT).

    Returns the holder's birth date, sex and birthplace, with warnings (unknown area code; a
    permit number entered as a resident ID) for the clerk to confirm.

    Raises:
        ValidationError: empty, 15-digit, wrong length or characters, wrong check digit, a birth
            date that does not exist, lies in the future or before 1900, or a permit number whose
            area is not exactly 810000/820000/830000.
    """
    number = normalize_id_number(value)
    today = today or business_date()

    def fail(zh: str, en: str) -> ValidationError:
        return _problem(field, zh, en)

    if not number:
        raise fail("请输入证件号码。", "Enter the ID number.")
    bad = foreign_digit(number)
    if bad is not None:
        raise ValidationError([digit_problem(field, "身份证号码", bad)])
    if len(number) == 15 and number.isascii() and number.isdigit():
        raise fail(
            "15 位旧身份证号码已停止使用，请使用 18 位居民身份证号码。",
            "15-digit ID numbers are no longer valid; use the 18-character number.",
        )
    if len(number) != 18:
        raise fail(
            f"身份证号码应为 18 位，当前为 {len(number)} 位。",
            f"An ID number has 18 characters, not {len(number)}.",
        )
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        raise fail(
            "身份证号码前 17 位应为数字，最后一位为数字或字母 X。",
            "The first 17 characters must be digits and the last a digit or X.",
        )
    if ric.calc_check_digit(number) != number[17]:  # calc_check_digit ignores the last character
        raise fail(
            "身份证号码校验位不正确，请对照证件逐位核对。",
            "The check digit is wrong; compare the number with the card digit by digit.",
        )
    birth = _birth_date(number, field, today)
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE

    warnings: list[FieldProblem] = []
    permit = PERMIT_AREAS.get(number[:2])
    if id_type == IdType.HMT_RESIDENCE_PERMIT and permit is None:
        raise fail(
            "港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头。",
            "A residence permit number starts with 810000 (HK), 820000 (Macau) or 830000 (Taiwan).",
        )
    if permit is not None:
        area, region = permit
        if number[:6] != area:
            raise fail(
                f"以 {number[:2]} 开头的是{region}居民居住证号码，前 6 位应为 {area}。",
                f"A number starting with {number[:2]} is a {region} residence permit; it must start with {area}.",
            )
        if id_type == IdType.RESIDENT_ID:
            warnings.append(
                FieldProblem(
                    field,
                    f"该号码是{region}居民居住证号码，请将证件类型改为“港澳台居民居住证”。",
                    "This is a Hong Kong/Macau/Taiwan residence permit number; change the document type.",
                )
            )
        return ResidentIdInfo(number, birth, sex, area, "", region, tuple(warnings))

    place = birthplace(number)
    if not place:
        warnings.append(
            FieldProblem(
                field,
                f"未能识别地区代码 {number[:6]}（可能是新设或已撤销的行政区划），请与证件原件核对。",
                f"Unknown area code {number[:6]} (a new or abolished county?); check against the card.",
            )
        )
    return ResidentIdInfo(number, birth, sex, number[:6], place, "", tuple(warnings))


def _problem(field: str, zh: str, en: str) -> ValidationError:
    return ValidationError([FieldProblem(field, zh, en)])


def _birth_date(number: str, field: str, today: date) -> date:
    text = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    try:
        birth = ric.get_birth_date(number)
    except StdnumValidationError:
        raise _problem(
            field,
            f"身份证号码中的出生日期 {text} 不存在，请核对第 7–14 位。",
            f"The birth date {text} in the number does not exist (characters 7–14).",
        ) from None
    if birth > today:
        raise _problem(
            field,
            f"身份证号码中的出生日期 {text} 晚于今天，号码有误。",
            f"The birth date {text} in the number is in the future.",
        )
    if birth < EARLIEST_BIRTH:
        raise _problem(
            field,
            f"身份证号码中的出生日期 {text} 早于 1900 年，号码有误。",
            f"The birth date {text} in the number is before 1900.",
        )
    return birth


def birthplace(number: str) -> str:
    """The province, city and county of a resident ID's area code at its birth year, or ""."""
    return "".join(birthplace_parts(number))


def birthplace_parts(number: str) -> tuple[str, ...]:
    """(province, city, county) names for the birth year; the city is left out for municipalities
    and county-level codes directly under a province; empty if the code is unknown."""
    try:
        info = ric.get_birth_place(number)
    except (StdnumValidationError, KeyError, ValueError):  # a province-only code has no 'county'
        return ()
    parts = [info.get("province", "")]
    prefecture = _county_name(number[:4] + "00", ric.get_birth_date(number).year)
    if prefecture and number[4:6] != "00" and prefecture not in _PLACE_SKIP and prefecture != parts[0]:
        parts.append(prefecture)
    county = info.get("county", "")
    if county and county not in _PLACE_SKIP and county not in parts:
        parts.append(county)
    return tuple(parts)


# --- stdnum's area-code data --------------------------------------------------------------------


@dataclass(frozen=True)
class AreaCode:
    """A county-level area code and the years (inclusive; None = open) it was in use."""

    code: str
    name: str
    start: int | None
    end: int | None

    def valid_in(self, year: int) -> bool:
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)


@cache
def area_codes() -> tuple[AreaCode, ...]:
    """Every county-level code in python-stdnum's ``cn/loc`` data (cities, provinces skipped)."""
    from stdnum import numdb

    result: list[AreaCode] = []
    for length, low, high, _props, children in numdb.get("cn/loc").prefixes:
        if length != 2 or low != high or low in PERMIT_AREAS or low == "71":
            continue
        for child_length, child_low, child_high, child_props, _ in children:
            if child_length != 4 or child_low != child_high or child_low.endswith(("00", "01")):
                continue
            for start, end, name in _parse_county(child_props.get("county", "")):
                if name not in _PLACE_SKIP:
                    result.append(AreaCode(low + child_low, name, start, end))
    return tuple(result)


def _parse_county(text: str) -> list[tuple[int | None, int | None, str]]:
    """``"[-1991]东郊区,[1992-]东丽区"`` → ``[(None, 1991, "东郊区"), (1992, None, "东丽区")]``."""
    result: list[tuple[int | None, int | None, str]] = []
    for part in text.split(","):
        match = re.fullmatch(r"\[(\d*)-(\d*)\](.+)", part)
        if match:
            start, end, name = match.groups()
            result.append((int(start) if start else None, int(end) if end else None, name))
        elif part:
            result.append((None, None, part))
    return result


def _county_name(code: str, year: int) -> str:
    """The name of a (prefecture-level) code in ``year``, or ""."""
    from stdnum import numdb

    info = {k: v for _, props in numdb.get("cn/loc").info(code) for k, v in props.items()}
    names = [name for start, end, name in _parse_county(info.get("county", "")) if _covers(start, end, year)]
    return names[0] if names else ""


def _covers(start: int | None, end: int | None, year: int) -> bool:
    return (start is None or year >= start) and (end is None or year <= end)


def generate_resident_id(
    rng: random.Random, *, birth_date: date, sex: Sex, province: str | None = None, area_code: str | None = None
) -> str:
    """A valid demo resident ID: a real county code in use in the birth year (optionally within
    ``province``, e.g. "11"), the birth date, a sequence whose parity matches ``sex``, and the
    GB 11643 check digit."""
    if area_code is None:
        candidates = _candidates(birth_date.year, province)
        if not candidates:
            raise ValueError(f"no area code for province {province!r} in {birth_date.year}")
        area_code = rng.choice(candidates)
    sequence = rng.randrange(0, 50) * 2 + (1 if sex == Sex.MALE else 0)
    body = f"{area_code}{birth_date:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "X")  # the filler stands for the dropped last char


@cache
def _candidates(year: int, province: str | None) -> tuple[str, ...]:
    """Codes valid in ``year``, preferring those still in use today (as most cards carry)."""
    valid = [a for a in area_codes() if a.valid_in(year) and (province is None or a.code.startswith(province))]
    current = tuple(a.code for a in valid if a.end is None)
    return current or tuple(a.code for a in valid)


# --- mobile numbers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MobileInfo:
    """A valid mainland mobile number."""

    number: str
    """11 digits, national format without spaces, e.g. "13800138000"."""
    e164: str
    warnings: tuple[FieldProblem, ...] = ()


def check_mobile(value: str, *, field: str = "mobile") -> MobileInfo:
    """Validate a mainland China mobile number (spaces, dashes, +86/0086 allowed).

    Raises:
        ValidationError: empty, not a number, not a valid Chinese number, a landline, or foreign.
    """

    def fail(zh: str, en: str) -> ValidationError:
        return _problem(field, zh, en)

    text = re.sub(r"[\s\-()（）]", "", unicodedata.normalize("NFKC", value or ""))
    bad = foreign_digit(text)
    if bad is not None:
        raise ValidationError([digit_problem(field, "手机号码", bad)])
    if not text:
        raise fail("请输入手机号码。", "Enter the mobile number.")
    if text.startswith("0086"):
        text = "+86" + text[4:]
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise fail("手机号码格式不正确，应为 11 位数字。", "The mobile number should have 11 digits.") from None
    if phonenumbers.region_code_for_number(parsed) not in ("CN", None) or parsed.country_code != 86:
        raise fail("请填写中国大陆手机号码（+86）。", "Enter a mainland China mobile number (+86).")
    if not phonenumbers.is_valid_number(parsed):
        raise fail("手机号码无效，请核对号段和位数。", "This is not a valid mobile number; check it.")
    if phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.MOBILE:
        raise fail(
            "这是固定电话号码，请填写手机号码（固定电话请填在“固定电话”栏）。",
            "This is a landline; enter a mobile number (landlines go in the phone field).",
        )
    national = str(parsed.national_number)
    warnings: tuple[FieldProblem, ...] = ()
    if national.startswith(VIRTUAL_MOBILE_PREFIXES):
        warnings = (
            FieldProblem(
                field,
                "该号码属虚拟运营商号段（如 170/171），请确认客户能正常接收短信验证码。",
                "This is a virtual-operator number (e.g. 170/171); make sure the client receives SMS.",
            ),
        )
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return MobileInfo(national, e164, warnings)


MOBILE_PREFIXES = tuple(
    str(n) for n in (*range(130, 140), 150, 151, 152, *range(155, 160), 166, 173, *range(175, 179), *range(180, 190),
                     191, 198, 199)
)  # fmt: skip
"""Ordinary (non-virtual) mobile prefixes for demo numbers."""


def generate_mobile(rng: random.Random) -> str:
    """A valid demo mobile number on an ordinary operator prefix."""
    while True:
        number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        parsed = phonenumbers.parse(number, "CN")
        if phonenumbers.is_valid_number(parsed):
            return number
