"""Pinyin search keys for Chinese personal names (check-in and client search by name).

``search_keys("张三")`` gives ``SearchKeys(full="zhangsan", initials="zs")``: lower-case, no
tones, no spaces, ü written ``v`` (as typed on a pinyin keyboard, e.g. 吕 → "lv").

Names are not ordinary text, so three things differ from a plain ``pypinyin.lazy_pinyin``:

- Surnames read differently from the same character in words: 单 shan, 曾 zeng, 仇 qiu, 解 xie,
  区 ou, 查 zha, 朴 piao, 翟 zhai, 覃 qin, 缪 miao, 乐 yue…; compound surnames (尉迟, 万俟,
  单于…) too. The table applies to the first character(s) of a Han name only.
- Minority names joined by a middle dot (阿依古丽·买买提) lose the dot in the keys; every dot
  variant (· • ・ ‧ ． .) is normalized to ``·`` by :func:`normalize_name`.
- Characters pypinyin does not know (rare Extension B characters such as 𠮷) are looked up in a
  small supplement, else skipped: the rest of the name still gets keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

FULL_MAX = 200
INITIALS_MAX = 60
"""Column widths of ``pinyin_full`` / ``pinyin_initials`` on client and appointment."""

_Errors = Callable[[str], list[str]]
_PinyinFunction = Callable[[str, _Errors], list[str]]

NAME_DOT = "·"
_DOT_VARIANTS = "·•・‧∙．.｡"

COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "上官": ("shang", "guan"),
    "诸葛": ("zhu", "ge"),
    "东方": ("dong", "fang"),
    "皇甫": ("huang", "fu"),
    "尉迟": ("yu", "chi"),
    "公孙": ("gong", "sun"),
    "慕容": ("mu", "rong"),
    "令狐": ("ling", "hu"),
    "长孙": ("zhang", "sun"),
    "宇文": ("yu", "wen"),
    "司徒": ("si", "tu"),
    "夏侯": ("xia", "hou"),
    "万俟": ("mo", "qi"),
    "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"),
    "轩辕": ("xuan", "yuan"),
    "端木": ("duan", "mu"),
    "呼延": ("hu", "yan"),
    "南宫": ("nan", "gong"),
    "濮阳": ("pu", "yang"),
    "钟离": ("zhong", "li"),
    "闻人": ("wen", "ren"),
    "赫连": ("he", "lian"),
}

SURNAME_READINGS: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "仇": "qiu",
    "解": "xie",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "翟": "zhai",
    "覃": "qin",
    "缪": "miao",
    "乐": "yue",
    "盖": "ge",
    "召": "shao",
    "种": "chong",
    "秘": "bi",
    "繁": "po",
    "员": "yun",
    "尉": "yu",
    "折": "she",
    "长": "chang",
    "重": "chong",
    "柏": "bai",
    "藏": "zang",
    "都": "du",
    "华": "hua",
    "任": "ren",
    "沈": "shen",
    "石": "shi",
    "宿": "su",
    "朝": "chao",
    "句": "gou",
    "纪": "ji",
    "冼": "xian",
    "洗": "xian",
    "隗": "wei",
    "阚": "kan",
    "粘": "nian",
    "逄": "pang",
    "能": "nai",
    "黑": "he",
    "薄": "bo",
    "卜": "bu",
    "车": "che",
    "费": "fei",
    "哈": "ha",
    "寻": "xun",
    "祭": "zhai",
    "曲": "qu",
    "那": "na",
    "贲": "ben",
    "佴": "nai",
}
"""Single-character surnames whose name reading differs from pypinyin's everyday choice."""

RARE_READINGS: dict[str, str] = {
    "𠮷": "ji",  # U+20BB7, the 吉 variant (吉野家 and a few Chinese family names)
}
"""Readings for rare name characters that pypinyin does not know (or reads wrongly in names)."""


@dataclass(frozen=True)
class SearchKeys:
    """The two search columns for a name: full pinyin and initials."""

    full: str
    initials: str


def normalize_name(name: str) -> str:
    """A name as stored: NFC (not NFKC, which would change some rare characters), trimmed,
    inner spaces collapsed, every middle-dot variant as ``·`` without spaces around it."""
    text = unicodedata.normalize("NFC", name or "").strip()
    text = re.sub(rf"\s*[{re.escape(_DOT_VARIANTS)}]\s*", NAME_DOT, text)
    text = re.sub(r"\s+", " ", text)
    # "李 四" is 李四: spaces only separate Latin words
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)


def search_keys(name: str) -> SearchKeys:
    """Full pinyin and initials of ``name``; never raises (unknown characters are skipped)."""
    syllables = name_syllables(name)
    full = "".join(syllables)[:FULL_MAX]
    initials = "".join(s[0] for s in syllables if s)[:INITIALS_MAX]
    return SearchKeys(full=full, initials=initials)


def name_syllables(name: str) -> list[str]:
    """The name's syllables in order (Latin words count as one), e.g. 单田芳 → shan tian fang."""
    text = normalize_name(name)
    if not text:
        return []
    parts = [part for part in re.split(rf"[{NAME_DOT}\s]+", text) if part]
    han_name = len(parts) == 1 and _is_han(parts[0][0])
    result: list[str] = []
    for index, part in enumerate(parts):
        rest = part
        if index == 0 and han_name and len(part) >= 2:
            surname, rest = _split_surname(part)
            result.extend(surname)
        result.extend(_syllables(rest))
    return result


def _split_surname(name: str) -> tuple[tuple[str, ...], str]:
    """The surname's readings (if the table knows it) and the rest of the name."""
    compound = COMPOUND_SURNAMES.get(name[:2])
    if compound is not None and len(name) >= 3:
        return compound, name[2:]
    reading = SURNAME_READINGS.get(name[0])
    if reading is not None:
        return (reading,), name[1:]
    return (), name


def _syllables(text: str) -> list[str]:
    if not text:
        return []
    return [s for s in _lazy_pinyin()(text, _unknown) if s]


def _unknown(chars: str) -> list[str]:
    """pypinyin's fallback for what it cannot read: Latin letters/digits kept, rare characters
    from the supplement, anything else dropped."""
    result: list[str] = []
    for run in re.findall(r"[A-Za-z0-9]+|.", chars, flags=re.DOTALL):
        if run.isascii() and run.isalnum():
            result.append(run.lower())
        else:
            result.append(RARE_READINGS.get(run, ""))
    return result


@cache
def _lazy_pinyin() -> _PinyinFunction:
    # Imported on first use: pypinyin loads its dictionaries at import (~0.2 s).
    from pypinyin import Style, lazy_pinyin

    def convert(text: str, errors: _Errors) -> list[str]:
        # pypinyin accepts a callback returning a list (one item per character); its hints say str
        return list(lazy_pinyin(text, style=Style.NORMAL, errors=cast(Any, errors)))

    return convert


def _is_han(ch: str) -> bool:
    return "CJK" in unicodedata.name(ch, "")
