"""Field-level checks shared by every wizard step, and what a step's validation returns.

A step validator gets the clerk's input (a JSON-like mapping) and returns a :class:`StepCheck`:
the cleaned data (normalized, only known fields, derived values added), the hard errors
(:class:`~workstation.errors.FieldProblem`, the step cannot be completed) and the warnings
(:class:`StepWarning`, the clerk confirms them by ``code`` and goes on — Tryton's UserWarning).
Messages are Chinese with English, and never repeat an ID, phone or card number.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from workstation.datetext import parse_day
from workstation.errors import FieldProblem
from workstation.names import normalize_name
from workstation.textcheck import digit_problem, foreign_digit, hostile_character, hostile_problem, is_formula

MAX_TEXT = 300
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
NAME_PATTERN = re.compile(rf"[{_HAN}A-Za-z·' .\-]+")
"""A personal name: Han characters (with Extensions A–H), the middle dot '·', Latin letters for
foreign names, and the space, apostrophe, dot and hyphen foreign names use."""


@dataclass(frozen=True)
class StepWarning:
    """A rule the clerk may override after confirming; ``code`` is stable within the step."""

    code: str
    field: str
    zh: str
    en: str = ""

    def message(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") and self.en else self.zh

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class StepCheck:
    """The outcome of validating one step's input."""

    clean: Mapping[str, Any]
    errors: tuple[FieldProblem, ...] = ()
    warnings: tuple[StepWarning, ...] = ()

    @property
    def ok(self) -> bool:
        """No hard errors (warnings may still wait for confirmation)."""
        return not self.errors


@dataclass
class Findings:
    """Collects a step's cleaned values, errors and warnings while its fields are checked."""

    data: Mapping[str, Any]
    clean: dict[str, Any] = field(default_factory=dict)
    errors: list[FieldProblem] = field(default_factory=list)
    warnings: list[StepWarning] = field(default_factory=list)

    def error(self, name: str, zh: str, en: str = "") -> None:
        self.errors.append(FieldProblem(name, zh, en))

    def warn(self, code: str, name: str, zh: str, en: str = "") -> None:
        self.warnings.append(StepWarning(code, name, zh, en))

    def has_error(self, name: str) -> bool:
        return any(p.field == name for p in self.errors)

    def result(self) -> StepCheck:
        """The outcome; a field with an error is left out of ``clean`` (nothing invalid is kept)."""
        bad = {re.split(r"[\[.]", p.field, maxsplit=1)[0] for p in self.errors}
        clean = {k: v for k, v in self.clean.items() if k not in bad}
        return StepCheck(clean, tuple(self.errors), tuple(self.warnings))

    # --- typed fields -----------------------------------------------------------------------------

    def text(
        self, name: str, label: str, *, required: bool = True, max_length: int = MAX_TEXT, multiline: bool = False
    ) -> str:
        """A trimmed NFC string ("" when absent and optional); records an error and returns ""."""
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(name, f"请填写“{label}”。", f"Enter the {label}.")
            self.clean[name] = ""
            return ""
        if not isinstance(value, str):
            self.error(name, f"“{label}”应为文本。", f"{label} must be text.")
            return ""
        text = unicodedata.normalize("NFC", value).strip()
        if multiline:
            text = re.sub(r"\r\n?", "\n", text)
        hostile = hostile_character(text, allow_newline=multiline)
        if hostile is not None:
            self.errors.append(hostile_problem(name, label, hostile))
            return ""
        digit = foreign_digit(text)
        if digit is not None:
            self.errors.append(digit_problem(name, label, digit))
            return ""
        if len(text) > max_length:
            self.error(
                name,
                f"“{label}”过长：最多 {max_length} 个字，当前 {len(text)} 个字。",
                f"{label} is too long: at most {max_length} characters, not {len(text)}.",
            )
            return ""
        self.clean[name] = text
        return text

    def person_name(self, name: str, label: str, *, required: bool = True, max_length: int = 60) -> str:
        """A personal name: rare characters, '·' and spaces allowed, digits and symbols refused."""
        text = self.text(name, label, required=required, max_length=max_length * 2)
        if not text:
            return ""
        text = normalize_name(text)
        if len(text) > max_length:
            self.error(
                name,
                f"“{label}”过长：最多 {max_length} 个字，当前 {len(text)} 个字。",
                f"{label} is too long: at most {max_length} characters, not {len(text)}.",
            )
            return ""
        if not NAME_PATTERN.fullmatch(text):
            bad = next(ch for ch in text if not NAME_PATTERN.fullmatch(ch))
            self.error(
                name,
                f"“{label}”含有不能用于姓名的字符“{bad}”：只能包含汉字、英文字母、间隔号“·”和空格。",
                f"{label} contains “{bad}”, which a name cannot hold: Chinese characters, letters, '·' and spaces.",
            )
            return ""
        if is_formula(text):
            self.error(name, f"“{label}”不能以 = + - @ 开头。", f"{label} cannot start with = + - @.")
            return ""
        if not any(ch.isalpha() for ch in text):
            self.error(name, f"“{label}”应包含汉字或字母。", f"{label} must contain letters.")
            return ""
        if text.startswith("·") or text.endswith("·") or "··" in text:
            self.error(
                name,
                f"“{label}”中的间隔号“·”只能用在两部分姓名之间。",
                f"In the {label}, '·' may only stand between two parts of the name.",
            )
            return ""
        self.clean[name] = text
        return text

    def choice(self, name: str, label: str, options: Collection[str], *, required: bool = True) -> str:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                self.error(name, f"请选择“{label}”。", f"Choose the {label}.")
            self.clean[name] = ""
            return ""
        if not isinstance(value, str) or value not in options:
            shown = "、".join(sorted(options))
            self.error(name, f"“{label}”的取值无效，可选：{shown}。", f"{label} must be one of {shown}.")
            return ""
        self.clean[name] = value
        return value

    def flag(self, name: str, label: str, *, default: bool = False) -> bool:
        value = self.data.get(name, default)
        if value is None:
            value = default
        if not isinstance(value, bool):
            self.error(name, f"“{label}”应为“是”或“否”。", f"{label} must be yes or no.")
            return default
        self.clean[name] = value
        return value

    def day(self, name: str, label: str, *, required: bool = True) -> dt.date | None:
        """A date given as typed from an ID card (``20160520``, ``2016-05-20``, ``2016.5.20``, see
        :func:`workstation.datetext.parse_day`) or a ``date``; stored back as ISO text."""
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                self.error(name, f"请填写“{label}”。", f"Enter the {label}.")
            self.clean[name] = ""
            return None
        parsed: dt.date | None = None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            parsed = value
        elif isinstance(value, str):
            parsed = parse_day(value)
        if parsed is None:
            self.error(
                name,
                f"“{label}”应为有效日期，如 20160520 或 2016-05-20。",
                f"{label} must be a date such as 2016-05-20.",
            )
            return None
        self.clean[name] = parsed.isoformat()
        return parsed

    def integer(
        self, name: str, label: str, *, minimum: int = 0, maximum: int = 10**15, required: bool = True
    ) -> int | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                self.error(name, f"请填写“{label}”。", f"Enter the {label}.")
            return None
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,16}\s*", value):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(name, f"“{label}”应为整数。", f"{label} must be a whole number.")
            return None
        if not minimum <= value <= maximum:
            self.error(
                name, f"“{label}”应在 {minimum} 到 {maximum} 之间。", f"{label} must be from {minimum} to {maximum}."
            )
            return None
        self.clean[name] = value
        return value

    def rows(self, name: str, label: str, *, maximum: int = 20) -> list[Mapping[str, Any]]:
        """A list of row objects (owners, tax jurisdictions, holdings)."""
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(row, Mapping) for row in value):
            self.error(name, f"“{label}”应为列表。", f"{label} must be a list of rows.")
            return []
        if len(value) > maximum:
            self.error(name, f"“{label}”最多 {maximum} 行。", f"{label} has at most {maximum} rows.")
            return []
        return list(value)


def digits_only(value: str) -> str:
    """Full-width digits to ASCII, spaces and dashes removed (other scripts' digits are refused
    earlier, by :meth:`Findings.text`, and never match the ``[0-9]`` patterns)."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", value))


def require_printable(f: Findings, names: tuple[str, ...]) -> None:
    """Refuse characters no bundled font can print (a rare name character must be on the forms)."""
    from workstation.printing import fonts  # loads the font tables once

    texts = [(n, n, str(f.clean[n])) for n in names if isinstance(f.clean.get(n), str) and not f.has_error(n)]
    for problem in fonts.coverage_problems(texts):
        f.clean.pop(problem.field, None)
        ch = problem.zh.split("“", 1)[1].split("”", 1)[0] if "“" in problem.zh else "?"
        f.error(
            problem.field,
            f"字符“{ch}”无法打印到开户文件上（字体缺字），请联系技术支持或改用证件上的规范字。",
            f"The character “{ch}” cannot be printed on the forms (no font has it).",
        )
