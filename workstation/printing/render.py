"""Public rendering API: (form code, data) → PDF bytes, and the account-opening package.

Rendering is pure: the same data gives byte-identical PDFs (``invariant=1``, no clock reads), so a
reprint can be rendered again from ``PrintedDocument.data``. Before layout the data is validated
by the form definition and every character is checked against the bundled fonts; problems are
raised together as one :class:`~workstation.errors.ValidationError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workstation.errors import FieldProblem, ValidationError
from workstation.forms.base import Data, FormDefinition
from workstation.forms.catalog import ACCOUNT_OPENING_PACKAGE, FORMS, PACKAGE_CODE, get_form
from workstation.printing import document, fonts
from workstation.printing.document import Part


def problems(form: FormDefinition, data: Data) -> list[FieldProblem]:
    """Everything that prevents printing ``data`` on ``form``: field problems, then missing glyphs."""
    found = form.validate(data)
    if isinstance(data, Mapping):
        found.extend(fonts.coverage_problems(form.text_values(data)))
    return found


def render(code: str, data: Data, *, copy: bool = False) -> bytes:
    """The PDF of form ``code`` filled with ``data``; ``copy`` marks a reprint 副本/COPY.

    Raises :class:`~workstation.errors.NotFound` for an unknown code and
    :class:`~workstation.errors.ValidationError` listing every problem of the data, including any
    character no bundled font can print.
    """
    form = get_form(code)
    found = problems(form, data)
    if found:
        raise ValidationError(found)
    return document.build([Part(form, data, copy)], author=str(data.get("branch", "")))


def render_many(items: Sequence[tuple[str, Data]], *, copy: bool = False, title: str = "") -> bytes:
    """Several forms as one PDF, in order; each keeps its own number, QR code and pages x/y."""
    parts: list[Part] = []
    found: list[FieldProblem] = []
    for code, data in items:
        form = get_form(code)
        found.extend(
            FieldProblem(f"{code}.{p.field}", f"{form.title}：{p.zh}", f"{form.title}: {p.en or p.zh}")
            for p in problems(form, data)
        )
        parts.append(Part(form, data, copy))
    if found:
        raise ValidationError(found)
    branch = str(items[0][1].get("branch", "")) if items else ""
    return document.build(parts, title=title, author=branch)


def render_account_opening_package(data: Mapping[str, Data], *, copy: bool = False) -> bytes:
    """The account-opening set (application, questionnaire result, match notice, disclosure,
    custody page) as one PDF. ``data`` maps each form code of :data:`ACCOUNT_OPENING_PACKAGE` to
    that form's data; a missing form is a validation problem."""
    missing = [code for code in ACCOUNT_OPENING_PACKAGE if code not in data]
    if missing:
        raise ValidationError(
            [FieldProblem(code, f"开户资料包缺少“{FORMS[code].title}”的数据", f"missing {code}") for code in missing]
        )
    items = [(code, data[code]) for code in ACCOUNT_OPENING_PACKAGE]
    return render_many(items, copy=copy, title="开户资料")


def sample_package() -> dict[str, Data]:
    return {code: FORMS[code].sample() for code in ACCOUNT_OPENING_PACKAGE}


def render_code(code: str, data: Data, *, copy: bool = False) -> bytes:
    """:func:`render`, or the package for :data:`PACKAGE_CODE` (``data`` keyed by form code)."""
    if code == PACKAGE_CODE:
        return render_account_opening_package(data, copy=copy)
    return render(code, data, copy=copy)


def sample_data(code: str) -> Data:
    return sample_package() if code == PACKAGE_CODE else get_form(code).sample()
