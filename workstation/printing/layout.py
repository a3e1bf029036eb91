"""Flowables for a form: field grids, tables, statements, signature rows (ReportLab platypus).

Every piece of client text goes through :func:`workstation.printing.fonts.markup`, so rare
characters are drawn with the fallback fonts. Values sit in table cells as Paragraphs: a long
value wraps inside its cell (the row grows), a short-text field first shrinks to stay on one line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from workstation import masking
from workstation.forms.base import Data, Field, FormDefinition, Kind, Section
from workstation.printing.fonts import PRIMARY, markup

GRID = colors.Color(0.45, 0.45, 0.45)
LABEL_BG = colors.Color(0.93, 0.93, 0.93)
SECTION_BG = colors.Color(0.82, 0.86, 0.92)

CHECKED, UNCHECKED = "☑", "☐"


@dataclass(frozen=True)
class Styles:
    """Paragraph styles at one base size (A4 forms 9.5 pt, slips smaller)."""

    size: float

    def style(self, name: str, *, scale: float = 1.0, align: int = TA_LEFT, leading: float = 1.35) -> ParagraphStyle:
        size = self.size * scale
        return ParagraphStyle(
            name,
            fontName=PRIMARY,
            fontSize=size,
            leading=size * leading,
            alignment=align,
            wordWrap="CJK",
        )

    @property
    def body(self) -> ParagraphStyle:
        return self.style("body")

    @property
    def label(self) -> ParagraphStyle:
        return self.style("label", scale=0.95)

    @property
    def title(self) -> ParagraphStyle:
        return self.style("title", scale=1.8, align=TA_CENTER, leading=1.25)

    @property
    def subtitle(self) -> ParagraphStyle:
        return self.style("subtitle", scale=1.0, align=TA_CENTER)

    @property
    def section(self) -> ParagraphStyle:
        return self.style("section", scale=1.05)


# --- values as text --------------------------------------------------------------------------


def display(field: Field, value: Any) -> str:
    """The printed text of ``value`` (plain text, not markup); empty for a blank value."""
    if value is None or value == "" or value == []:
        if field.kind is Kind.MULTI:
            return "　".join(f"{UNCHECKED}{label}" for _, label in field.choices)
        return "—" if field.kind is Kind.BOOL else ""
    kind = field.kind
    if kind is Kind.CHOICE:
        return field.choice_label(value)
    if kind is Kind.MULTI:
        return "　".join(f"{CHECKED if code in value else UNCHECKED}{label}" for code, label in field.choices)
    if kind is Kind.BOOL:
        return f"{CHECKED}是　{UNCHECKED}否" if value else f"{UNCHECKED}是　{CHECKED}否"
    if kind is Kind.MONEY:
        return f"{float(value):,.2f}"
    if kind is Kind.LINES:
        return "\n".join(f"{i}. {line}" for i, line in enumerate(value, 1)) if len(value) > 1 else str(value[0])
    text = str(value)
    if field.mask == "id":
        return masking.mask_id_number(text)
    if field.mask == "phone":
        return masking.mask_phone(text)
    if field.mask == "card":
        return masking.mask_card(text)
    if field.mask == "name":
        return masking.mask_name(text)
    return text


def fit(text: str, style: ParagraphStyle, width: float, *, min_size: float = 6.5) -> Paragraph:
    """A one-line paragraph, shrunk until it fits ``width``; below ``min_size`` it wraps instead."""
    body = markup(text)
    para = Paragraph(body, style)
    size = style.fontSize
    while size > min_size and _line_count(para, width) > 1:
        size = max(min_size, size - 0.5)
        smaller = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.25)
        para = Paragraph(body, smaller)
    return para


def _line_count(para: Paragraph, width: float) -> int:
    para.wrap(width, 1e6)
    return len(para.blPara.lines)


def value_flowable(field: Field, value: Any, styles: Styles, width: float) -> Flowable | list[Flowable]:
    text = display(field, value)
    if field.kind is Kind.LINES and "\n" in text:
        # One paragraph per line: a ``<br/>`` right after a line that wrapped exactly at the
        # cell's edge makes ReportLab print an empty line (seen after "（A 口）").
        return [Paragraph(markup(line), styles.body) for line in text.split("\n")]
    if field.kind is Kind.TEXT:
        return fit(text, styles.body, width)
    return Paragraph(markup(text), styles.body)


def fill_template(template: str, form: FormDefinition, data: Data) -> str:
    """Statement markup: ``{name}`` replaced by the field's printed value (underlined).

    Static text goes through :func:`markup` too, so symbols such as ☐ get the fallback font.
    """
    parts = re.split(r"\{(\w+)\}", template)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(markup(part))
        elif part in form.field_map:
            out.append(f"<u>{markup(display(form.field(part), data.get(part)))}</u>")
        else:
            out.append(markup("{" + part + "}"))
    return "".join(out)


# --- blocks ------------------------------------------------------------------------------------

_PAD = 3


def section_bar(title: str, styles: Styles, width: float) -> Table:
    table = Table([[Paragraph(markup(title), styles.section)]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), PRIMARY),  # ReportLab's cell default is Helvetica
                ("BACKGROUND", (0, 0), (-1, -1), SECTION_BG),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def field_grid(fields: Sequence[Field], data: Data, styles: Styles, width: float, columns: int) -> Table | None:
    """Label/value cells, ``columns`` pairs per row; wide fields take a whole row."""
    if not fields:
        return None
    label_w = width * (0.18 if columns == 2 else 0.3)
    value_w = width / columns - label_w
    col_widths = [label_w, value_w] * columns
    rows: list[list[Any]] = []
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    pending: list[Any] = []

    def flush() -> None:
        if pending:
            rows.append(pending + [""] * (2 * columns - len(pending)))
            pending.clear()

    for f in fields:
        label = fit(f.label, styles.label, label_w - 2 * _PAD)
        if f.wide and columns > 1:
            flush()
            full = width - label_w
            rows.append(
                [label, value_flowable(f, data.get(f.name), styles, full - 2 * _PAD)] + [""] * (2 * columns - 2)
            )
            spans.append(((1, len(rows) - 1), (-1, len(rows) - 1)))
        else:
            pending.extend([label, value_flowable(f, data.get(f.name), styles, value_w - 2 * _PAD)])
            if len(pending) == 2 * columns:
                flush()
    flush()
    table = Table(rows, colWidths=col_widths)
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), PRIMARY),  # ReportLab's cell default is Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for c in range(0, 2 * columns, 2):
        commands.append(("BACKGROUND", (c, 0), (c, -1), LABEL_BG))
    commands.extend(("SPAN", start, end) for start, end in spans)
    commands.extend(("BACKGROUND", start, end, colors.white) for start, end in spans)
    table.setStyle(TableStyle(commands))
    return table


def data_table(field: Field, rows: Sequence[Mapping[str, Any]], styles: Styles, width: float) -> Table:
    """A table field: caption row, header row, one row per entry (empty rows print as blank lines)."""
    cols = field.columns
    weights = [2.0 if c.kind in (Kind.TEXT, Kind.LONGTEXT) and c.max_length >= 30 else 1.0 for c in cols]
    col_widths = [width * w / sum(weights) for w in weights]
    body = [[Paragraph(markup(field.label), styles.label)] + [""] * (len(cols) - 1)]
    body.append([Paragraph(markup(c.label), styles.label) for c in cols])
    for row in rows or [{}]:
        body.append(
            [
                value_flowable(c, row.get(c.name), styles, w - 2 * _PAD)
                if c.kind is not Kind.TEXT
                else Paragraph(markup(display(c, row.get(c.name))), styles.body)
                for c, w in zip(cols, col_widths, strict=True)
            ]
        )
    table = Table(body, colWidths=col_widths, repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), PRIMARY),  # ReportLab's cell default is Helvetica
                ("SPAN", (0, 0), (-1, 0)),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 1), LABEL_BG),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ]
        )
    )
    return table


def section_flowables(
    section: Section, form: FormDefinition, data: Data, styles: Styles, width: float
) -> list[Flowable]:
    out: list[Flowable] = []
    if section.title:
        out.append(section_bar(section.title, styles, width))
    grid_fields: list[Field] = []
    for name in section.fields:
        f = form.field(name)
        if f.kind is Kind.TABLE:
            grid = field_grid(grid_fields, data, styles, width, section.columns)
            if grid is not None:
                out.append(grid)
            grid_fields = []
            out.append(data_table(f, data.get(name) or [], styles, width))
        else:
            grid_fields.append(f)
    grid = field_grid(grid_fields, data, styles, width, section.columns)
    if grid is not None:
        out.append(grid)
    if section.text:
        out.append(Spacer(1, 3))
        out.append(Paragraph(fill_template(section.text, form, data), styles.style("statement", leading=1.5)))
    out.append(Spacer(1, 6))
    return out


def signature_block(form: FormDefinition, data: Data, styles: Styles, width: float) -> Table | None:
    """One cell per signer: role, printed name for staff, a line to sign on and a date."""
    if not form.signatures:
        return None
    names = {"经办": data.get("clerk"), "复核": data.get("reviewer")}
    names |= {"发放人": data.get("issuer"), "复核人": data.get("reviewer")}
    cells = []
    for role in form.signatures:
        who = names.get(role)
        lines = [markup(f"{role}：") + (markup(str(who)) if who else "")]
        lines.append("签字：")
        lines.append("日期：　　　年　　月　　日")
        cells.append(Paragraph("<br/><br/>".join(lines), styles.body))
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), PRIMARY),  # ReportLab's cell default is Helvetica
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return table
