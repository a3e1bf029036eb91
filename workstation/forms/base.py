"""Form definitions: fields, validation and sample data of the paperwork a counter prints.

A :class:`FormDefinition` is Qt-free and rendering-free; ``workstation.printing`` lays it out and
the UI may use the same fields for editing. Form data is a flat JSON object: field name → value
(a string, integer, boolean, a list of codes for a multi-choice, or a list of row objects for a
table field). Choice fields take the stable code; the printed form shows its Chinese label.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workstation.errors import FieldProblem
from workstation.textcheck import hostile_character

Data = Mapping[str, Any]


class Kind(enum.StrEnum):
    TEXT = "text"
    LONGTEXT = "longtext"  # wraps over several lines (addresses, remarks)
    DATE = "date"  # "YYYY-MM-DD"
    DATETIME = "datetime"  # "YYYY-MM-DD HH:MM"
    INT = "int"
    MONEY = "money"  # number of yuan, printed with two decimals
    BOOL = "bool"
    CHOICE = "choice"  # one code of ``choices``
    MULTI = "multi"  # list of codes of ``choices``
    TABLE = "table"  # list of row objects, columns in ``columns``
    LINES = "lines"  # list of strings, one printed line each


class PageSize(enum.StrEnum):
    A4 = "A4"
    A5 = "A5"
    SLIP_80MM = "80mm"  # thermal roll, height fits the content


INT_MAX = 10**9
"""Largest quantity a form prints unless its field says otherwise."""
MONEY_MAX = 10**12
"""Largest amount (yuan) a form prints unless its field says otherwise: 1 万亿元."""


@dataclass(frozen=True)
class Field:
    """One field of a form: ``name`` is the JSON key, ``label`` the printed Chinese caption."""

    name: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    columns: tuple[Field, ...] = ()
    max_length: int = 200
    pattern: str = ""
    pattern_hint: str = ""
    example: Any = None
    wide: bool = False
    """Laid out across the whole width of the form (addresses, long names)."""
    maximum: float | None = None
    """Upper bound of an INT or MONEY field (default :data:`INT_MAX` / :data:`MONEY_MAX`)."""
    mask: str = ""
    """Printed masked by :mod:`workstation.masking`: ``"id"``, ``"phone"``, ``"card"`` or ``"name"``."""

    def choice_label(self, code: Any) -> str:
        for value, label in self.choices:
            if value == code:
                return label
        return str(code)


@dataclass(frozen=True)
class Section:
    """A titled block of the printed form: fields in a grid, then optional statement text."""

    title: str
    fields: tuple[str, ...] = ()
    text: str = ""
    """Statement printed below the fields; ``{name}`` placeholders take field values."""
    columns: int = 2


Check = Callable[[Data], list[FieldProblem]]


@dataclass(frozen=True)
class FormDefinition:
    code: str
    title: str
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    sample: Callable[[], dict[str, Any]]
    must_return_signed: bool = True
    """The client signs the paper and it is tracked until archived (``PaperStatus``)."""
    page_size: PageSize = PageSize.A4
    signatures: tuple[str, ...] = ("客户签字", "经办", "复核")
    checks: tuple[Check, ...] = ()
    subtitle: str = ""
    code_qr: tuple[str, str] | None = None
    """``(field, prefix)``: print a QR of ``prefix + value of field`` below the sections (e.g. the
    appointment code as ``APPT:<code>``, which check-in reads from a scanner)."""
    field_map: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "field_map", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field:
        return self.field_map[name]

    def validate(self, data: Data) -> list[FieldProblem]:
        """Every problem of ``data`` (empty when it can be printed), messages in Chinese."""
        if not isinstance(data, Mapping):
            return [FieldProblem("", "表单数据应为 JSON 对象", "Form data must be a JSON object")]
        problems: list[FieldProblem] = []
        known = set(self.field_map)
        for name in data:
            if name not in known:
                problems.append(FieldProblem(name, f"未知字段“{name}”", f"Unknown field “{name}”"))
        for f in self.fields:
            problems.extend(check_field(f, data.get(f.name)))
        if not problems:
            for check in self.checks:
                problems.extend(check(data))
        return problems

    def text_values(self, data: Data) -> list[tuple[str, str, str]]:
        """``(field, label, text)`` for every string in ``data`` that will be printed."""
        out: list[tuple[str, str, str]] = []
        for f in self.fields:
            value = data.get(f.name)
            if f.kind is Kind.TABLE and isinstance(value, list):
                for i, row in enumerate(value):
                    if isinstance(row, Mapping):
                        for col in f.columns:
                            cell = row.get(col.name)
                            if isinstance(cell, str):
                                out.append((f"{f.name}[{i}].{col.name}", f"{f.label}第{i + 1}行{col.label}", cell))
            elif f.kind is Kind.LINES and isinstance(value, list):
                out.extend((f"{f.name}[{i}]", f.label, v) for i, v in enumerate(value) if isinstance(v, str))
            elif isinstance(value, str):
                out.append((f.name, f.label, value))
        return out


# --- field checks ------------------------------------------------------------------------------


def _problem(f: Field, zh: str, en: str) -> FieldProblem:
    return FieldProblem(f.name, f"“{f.label}”{zh}", f"{f.label}: {en}")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, list) and not value)


def parse_date(text: str) -> dt.date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def check_field(f: Field, value: Any) -> list[FieldProblem]:
    if is_blank(value):
        return [_problem(f, "为必填项", "is required")] if f.required else []
    kind = f.kind
    if kind in (Kind.TEXT, Kind.LONGTEXT):
        if not isinstance(value, str):
            return [_problem(f, "应为文本", "must be text")]
        if len(value) > f.max_length:
            return [_problem(f, f"过长（最多 {f.max_length} 字）", f"is longer than {f.max_length} characters")]
        bad = hostile_character(value, allow_newline=kind is Kind.LONGTEXT)
        if bad is not None:
            return [
                _problem(
                    f, f"含有不可见的控制字符 U+{ord(bad):04X}", f"contains the control character U+{ord(bad):04X}"
                )
            ]
        if f.pattern and not re.fullmatch(f.pattern, value.strip()):
            return [_problem(f, f"格式不正确：{f.pattern_hint}", f"has a wrong format ({f.pattern})")]
    elif kind is Kind.DATE:
        if not isinstance(value, str) or parse_date(value) is None:
            return [_problem(f, "应为日期，格式 YYYY-MM-DD", "must be a date YYYY-MM-DD")]
    elif kind is Kind.DATETIME:
        ok = isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", value)
        if not ok or parse_date(value[:10]) is None:
            return [_problem(f, "应为时间，格式 YYYY-MM-DD HH:MM", "must be a time YYYY-MM-DD HH:MM")]
    elif kind is Kind.INT:
        top = int(f.maximum if f.maximum is not None else INT_MAX)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return [_problem(f, "应为非负整数", "must be a whole number ≥ 0")]
        if value > top:
            return [_problem(f, f"超出范围（最大 {top:,}）", f"is larger than {top:,}")]
    elif kind is Kind.MONEY:
        top_money = f.maximum if f.maximum is not None else MONEY_MAX
        if not isinstance(value, int | float) or isinstance(value, bool):
            return [_problem(f, "应为非负金额（元）", "must be an amount ≥ 0")]
        if not math.isfinite(value):
            return [_problem(f, "应为有效金额（不能是 NaN 或无穷大）", "must be a finite amount")]
        if value < 0 or value > top_money:
            return [_problem(f, f"金额超出范围（0 到 {top_money:,.0f} 元）", f"must be from 0 to {top_money:,.0f}")]
        if abs(value * 100 - round(value * 100)) > 1e-6 * max(1.0, abs(value)):
            return [_problem(f, "金额最多保留两位小数（分）", "has more than two decimals")]
    elif kind is Kind.BOOL:
        if not isinstance(value, bool):
            return [_problem(f, "应为 true 或 false", "must be true or false")]
    elif kind is Kind.CHOICE:
        codes = [c for c, _ in f.choices]
        if value not in codes:
            options = "、".join(f"{c}（{label}）" for c, label in f.choices)
            return [_problem(f, f"的取值“{value}”无效，可选：{options}", f"“{value}” is not one of {codes}")]
    elif kind is Kind.MULTI:
        codes = [c for c, _ in f.choices]
        if not isinstance(value, list) or any(v not in codes for v in value):
            options = "、".join(f"{c}（{label}）" for c, label in f.choices)
            return [_problem(f, f"应为以下代码的列表：{options}", f"must be a list of {codes}")]
    elif kind is Kind.LINES:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return [_problem(f, "应为文本列表", "must be a list of strings")]
    elif kind is Kind.TABLE:
        return _check_table(f, value)
    return []


def _check_table(f: Field, value: Any) -> list[FieldProblem]:
    if not isinstance(value, list) or not all(isinstance(row, Mapping) for row in value):
        return [_problem(f, "应为对象列表", "must be a list of objects")]
    problems: list[FieldProblem] = []
    for i, row in enumerate(value):
        for col in f.columns:
            for p in check_field(col, row.get(col.name)):
                problems.append(
                    FieldProblem(
                        f"{f.name}[{i}].{col.name}",
                        f"“{f.label}”第 {i + 1} 行：{p.zh}",
                        f"{f.label} row {i + 1}: {p.en}",
                    )
                )
        for name in row:
            if name not in {c.name for c in f.columns}:
                problems.append(FieldProblem(f"{f.name}[{i}].{name}", f"“{f.label}”第 {i + 1} 行：未知字段“{name}”"))
    return problems


def choices_of(enum_cls: type[enum.Enum], only: Sequence[str] = ()) -> tuple[tuple[str, str], ...]:
    """``(code, label)`` pairs of a :class:`workstation.domain.LabelledEnum` (optionally a subset)."""
    return tuple(
        (str(m.value), str(getattr(m, "label", m.value))) for m in enum_cls if not only or str(m.value) in only
    )


def different_people(a: str, b: str, zh: str) -> Check:
    """Four eyes: fields ``a`` and ``b`` (e.g. 经办 and 复核) must name different people."""

    def check(data: Data) -> list[FieldProblem]:
        x, y = data.get(a), data.get(b)
        if isinstance(x, str) and isinstance(y, str) and x.strip() and x.strip() == y.strip():
            return [FieldProblem(b, zh, f"{a} and {b} must be different people")]
        return []

    return check
