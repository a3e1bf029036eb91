"""Input checks shared by every boundary (wizard, prefill, import, booking): digits, invisible
characters and spreadsheet formulas.

- :func:`ascii_digits`: full-width digits (０–９) become ASCII; any other script's digits
  (Arabic-Indic ٣, Thai ๓, Devanagari ३, …) are refused — Python's ``\\d`` and ``str.isdigit``
  accept them, and they must never be stored in an ID, card, phone or account number.
- :func:`hostile_character`: NUL and other control characters, zero-width and bidi-override
  characters (Unicode category C*, which includes the format characters Cf).
- :func:`is_formula` / :func:`escape_formula`: text a spreadsheet would run as a formula
  (CSV injection): refused on import, prefixed with ``'`` on every CSV/XLSX export.
"""

from __future__ import annotations

import unicodedata

from workstation.errors import FieldProblem, ValidationError

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def foreign_digit(text: str) -> str | None:
    """The first digit-like character that is neither ASCII nor full-width, or None."""
    for ch in text:
        if ch in "0123456789" or "０" <= ch <= "９":
            continue
        if ch.isdigit() or ch.isdecimal() or unicodedata.category(ch) == "Nd":
            return ch
    return None


def ascii_digits(value: str, field: str = "number", label: str = "号码") -> str:
    """``value`` with full-width digits made ASCII.

    Raises:
        ValidationError: a digit of another script (named with its code point).
    """
    bad = foreign_digit(value)
    if bad is not None:
        raise ValidationError([digit_problem(field, label, bad)])
    return value.translate(_FULL_WIDTH)


def digit_problem(field: str, label: str, ch: str) -> FieldProblem:
    return FieldProblem(
        field,
        f"“{label}”含有非阿拉伯数字字符“{ch}”（U+{ord(ch):04X}），请用 0–9 输入。",
        f"{label} contains the digit “{ch}” (U+{ord(ch):04X}) of another script; use 0-9.",
    )


def hostile_character(text: str, *, allow_newline: bool = False) -> str | None:
    """The first control, zero-width, bidi or other invisible format character, or None."""
    for ch in text:
        if allow_newline and ch == "\n":
            continue
        if unicodedata.category(ch).startswith("C"):
            return ch
    return None


def hostile_problem(field: str, label: str, ch: str) -> FieldProblem:
    return FieldProblem(
        field,
        f"“{label}”含有不可见的控制字符（如 U+{ord(ch):04X}），请重新输入。",
        f"{label} contains an invisible control character (U+{ord(ch):04X}).",
    )


def is_formula(text: str) -> bool:
    """True if a spreadsheet would evaluate ``text`` (it starts with = + - @ or a tab/CR)."""
    return text.lstrip(" ").startswith(FORMULA_START) if text else False


def escape_formula(value: object) -> object:
    """A cell value safe to write to CSV/XLSX: text that looks like a formula gets a leading ``'``."""
    if isinstance(value, str) and value and value.startswith(FORMULA_START):
        return "'" + value
    return value
