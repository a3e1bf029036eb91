"""Dates as a clerk types them from an ID card: ``20160520``, ``2016-05-20``, ``2016.5.20``,
``2016/5/20``, ``2016年5月20日`` (full-width digits too). Qt-free: the wizard and the imports share it."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SEPARATED = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
LONG_TERM_WORDS = ("长期", "长期有效")
"""What a clerk types into a validity end date for a document that never expires."""


def parse_day(text: str) -> dt.date | None:
    """The date ``text`` names, or None when it names none (empty, unreadable, 2016-02-30)."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    match = _COMPACT.fullmatch(cleaned) or _SEPARATED.fullmatch(cleaned)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_long_term(text: str) -> bool:
    """``text`` says the document is valid for good (长期 / 长期有效)."""
    return unicodedata.normalize("NFKC", text).strip() in LONG_TERM_WORDS
