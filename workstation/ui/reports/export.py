"""Report tables and their export to CSV and XLSX (no Qt here).

Both exports are atomic (a temporary file in the target folder, then ``os.replace``: a reader sees
the old file or the new one, never half). CSV is UTF-8 with a BOM so that Excel on a Chinese
Windows opens it with the right characters; the tables follow one another, each under its title.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workstation.printing.files import atomic_write_bytes

MAX_SHEET_TITLE = 31
"""Excel's limit on a worksheet name."""
SHEET_FORBIDDEN = str.maketrans({ch: "_" for ch in "[]:*?/\\"})


@dataclass(frozen=True)
class ReportTable:
    """One table of a report: a title, column headers and rows of cell values."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str | int | float | None, ...], ...]


def csv_bytes(tables: Sequence[ReportTable]) -> bytes:
    """All tables in one CSV, UTF-8 with BOM; a blank line and the title separate them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([_safe_text(table.title)])
        writer.writerow([_safe_text(h) for h in table.headers])
        for row in table.rows:
            writer.writerow(["" if cell is None else _safe_text(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _safe_text(cell: str | int | float) -> str | int | float:
    """Text starting with = + - @ (or tab/CR) is not a formula in Excel (CSV injection): prefix an apostrophe."""
    from workstation.textcheck import escape_formula

    return escape_formula(cell)  # type: ignore[return-value]


def xlsx_bytes(tables: Sequence[ReportTable]) -> bytes:
    """One worksheet per table, headers bold and frozen, columns sized to their content."""
    from openpyxl import Workbook  # imported only when exporting
    from openpyxl.styles import Font

    workbook = Workbook()
    for sheet in list(workbook.worksheets):
        workbook.remove(sheet)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([_safe_text(h) for h in table.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe_text(cell) if isinstance(cell, str) else cell for cell in row])
        sheet.freeze_panes = "A2"
        for column_cells in sheet.columns:
            width = max(_display_width(cell.value) for cell in column_cells)
            letter = column_cells[0].column_letter
            sheet.column_dimensions[letter].width = min(60, max(8, width + 2))
    if not tables:
        workbook.create_sheet("报表")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    base = (title.translate(SHEET_FORBIDDEN) or "Sheet")[:MAX_SHEET_TITLE]
    name, counter = base, 2
    while name in used:
        suffix = f"({counter})"
        name = base[: MAX_SHEET_TITLE - len(suffix)] + suffix
        counter += 1
    used.add(name)
    return name


def _display_width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)  # CJK characters are two columns wide


def export(tables: Sequence[ReportTable], path: str | os.PathLike[str]) -> Path:
    """Write ``tables`` to ``path``: XLSX if it ends in ``.xlsx``, else CSV. Atomic.

    Raises:
        OSError: the folder does not exist or cannot be written.
    """
    target = Path(path)
    data = xlsx_bytes(tables) if target.suffix.lower() == ".xlsx" else csv_bytes(tables)
    return atomic_write_bytes(target, data)
