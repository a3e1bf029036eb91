"""Reading the call centre's export (CSV or XLSX) into rows keyed by field, with file line numbers.

Never a silent guess: the encoding is detected per file (a BOM, else strict UTF-8, else strict
GB18030; a mostly-UTF-8 file with a stray byte is refused naming the line); an unclosed quote
that would swallow the following rows is refused naming its line; the header row is found below
title rows (also a two-row merged header) and on any sheet; merged cells (a date merged down
several rows) give their value to every row they cover. Each row carries ``LINE`` = its line in
the file (blank rows and header rows counted), the number the clerk sees in Excel or Notepad.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from workstation import errors
from workstation.errors import FieldProblem

LINE = "__line__"
HEADER_SCAN_ROWS = 20
FIELD_LIMIT = 128 * 1024

HEADERS: dict[str, tuple[str, ...]] = {
    "external_ref": ("外呼编号", "预约编号", "记录编号", "预约id", "呼叫中心编号", "external_ref"),
    "row_no": ("编号", "序号", "行号", "id", "ref", "no"),
    "client_name": ("客户姓名", "姓名", "客户", "name", "client_name"),
    "mobile": ("手机号", "手机号码", "手机", "联系电话", "电话", "mobile", "phone"),
    "day": ("预约日期", "日期", "到店日期", "date", "day"),
    "slot": ("预约时段", "时段", "预约时间", "时间", "slot", "time"),
    "purpose": ("办理业务", "业务类型", "业务", "预约事项", "purpose"),
    "branch": ("营业部", "营业部代码", "网点", "branch"),
    "agent": ("坐席工号", "电销工号", "工号", "坐席", "agent"),
    "campaign": ("活动编号", "活动代码", "活动", "campaign"),
    "status": ("预约状态", "状态", "status"),
    "notes": ("备注", "说明", "notes"),
    "lead": ("线索编号", "lead_id", "lead"),
}
"""Column names per field. ``external_ref`` is the call centre's stable key; a plain 编号/序号
is often just the row number of one export and is never used as identity."""
REQUIRED = ("client_name", "mobile", "day", "slot")


def _refuse(zh: str, en: str) -> errors.ValidationError:
    return errors.ValidationError([FieldProblem("file", zh, en)])


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX export keyed by field (plus ``LINE``), blank rows left out.

    Raises:
        ValidationError: the file cannot be read, is damaged, or a required column is missing.
    """
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            sheets = _xlsx_sheets(path)
        else:
            text = decode(path.read_bytes())
            first = text.split("\n", 1)[0]
            delimiter = "\t" if first.count("\t") > first.count(",") else ","  # Excel's "Unicode text"
            sheets = [("", _csv_rows(text, delimiter))]
    except FileNotFoundError as exc:
        raise _refuse(f"找不到文件 {path}", f"No such file: {path}") from exc
    except IsADirectoryError as exc:
        raise _refuse(f"{path} 是文件夹，不是文件", f"{path} is a folder") from exc
    except OSError as exc:
        raise _refuse(f"无法读取文件：{exc.strerror or exc}", f"Cannot read the file: {exc}") from exc
    if not any(any(cell.strip() for cell in cells) for _, rows in sheets for _, cells in rows):
        raise _refuse("文件中没有数据。", "The file is empty.")
    best: tuple[int, str, int, list[str]] | None = None
    for sheet, rows in sheets:
        found = _find_header(rows)
        if isinstance(found, tuple):
            columns, data_from = found
            return [_keyed(line, cells, columns) for line, cells in rows[data_from:] if any(c.strip() for c in cells)]
        score, line, missing = found.score, found.line, found.missing
        if best is None or score > best[0]:
            best = (score, sheet, line, missing)
    assert best is not None
    _, sheet, line, missing = best
    labels = "、".join(f"{HEADERS[name][0]}（也可写作 {'/'.join(HEADERS[name][1:3])}）" for name in missing)
    where = f"工作表“{sheet}”" if sheet else ""
    raise _refuse(
        f"缺少必需的列：{labels}。最接近表头的是{where}第 {line} 行；请检查列名。",
        f"Missing columns: {', '.join(missing)} (closest header: {sheet} line {line}).",
    )


def _keyed(line: int, cells: list[str], columns: dict[int, str]) -> dict[str, str]:
    row = {columns[i]: cell.strip() for i, cell in enumerate(cells) if i in columns}
    row[LINE] = str(line)
    return row


class _Miss:
    def __init__(self, score: int, line: int, missing: list[str]) -> None:
        self.score, self.line, self.missing = score, line, missing


def _find_header(rows: list[tuple[int, list[str]]]) -> tuple[dict[int, str], int] | _Miss:
    """(column → field, index of the first data row), or the closest miss."""
    miss = _Miss(-1, rows[0][0] if rows else 1, list(REQUIRED))
    for index, (line, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        candidates = [(map_headers(cells), index + 1, line)]
        if index + 1 < len(rows):  # a two-row header: 客户信息 over 姓名/手机, 预约 over 日期/时段
            below = rows[index + 1][1]
            merged = [
                b if b.strip() else a for a, b in zip(_pad(cells, len(below)), _pad(below, len(cells)), strict=True)
            ]
            candidates.append((map_headers(merged), index + 2, rows[index + 1][0]))
        for columns, data_from, header_line in candidates:
            missing = [name for name in REQUIRED if name not in columns.values()]
            if not missing:
                return columns, data_from
            score = len(REQUIRED) - len(missing)
            if score > miss.score:
                miss = _Miss(score, header_line, missing)
    return miss


def _pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def map_headers(header: list[str]) -> dict[int, str]:
    lookup = {alias.lower(): name for name, aliases in HEADERS.items() for alias in aliases}
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        key = re.sub(r"[\s*：:（）()]", "", unicodedata.normalize("NFKC", title)).lower()
        if key in lookup and lookup[key] not in columns.values():
            columns[index] = lookup[key]
    return columns


# --- CSV ------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (b"\x84\x31\x95\x33", "gb18030"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """The text of a CSV export: BOM (stripped), else strict UTF-8, else strict GB18030.

    Raises:
        ValidationError: undecodable, or UTF-8 with a damaged byte (never guessed as GB18030).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _bad_byte(data, exc.start + len(bom), encoding) from None
            if encoding.startswith("utf-16") and not any(sep in text for sep in ",\t"):
                raise _refuse(
                    "无法读取文件：文件编码无法识别（像是 UTF-16，但没有逗号或制表符分隔的列）。",
                    "Unknown encoding: UTF-16 without separators.",
                )
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    valid_multibyte = sum(1 for ch in data.decode("utf-8", errors="replace") if ord(ch) > 0x7F and ch != "\ufffd")
    damaged = data.decode("utf-8", errors="replace").count("\ufffd")
    if valid_multibyte >= damaged:
        raise _bad_byte(data, first_bad, "utf-8")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _refuse(
            f"无法读取文件：文件编码无法识别（应为 UTF-8 或 GBK/GB18030），第 {line} 行有无法解码的字节。",
            f"Unknown encoding (UTF-8 or GBK expected); undecodable byte on line {line}.",
        ) from None


def _bad_byte(data: bytes, offset: int, encoding: str) -> errors.ValidationError:
    line = data[:offset].count(b"\n") + 1
    name = {"utf-8": "UTF-8", "gb18030": "GB18030"}.get(encoding, encoding.upper())
    return _refuse(
        f"无法读取文件：文件是 {name} 编码，但第 {line} 行有损坏的字节（0x{data[offset]:02X}），为免姓名乱码未导入；"
        "请在呼叫中心系统重新导出，或用记事本打开该行修正后另存为 UTF-8。",
        f"The file is {name} but line {line} has a damaged byte; not imported to avoid garbled names.",
    )


def _csv_rows(text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    old_limit = csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        quoted = "field larger" in str(exc) or "EOF" in str(exc) or "end of data" in str(exc)
        reason = '引号“"”没有闭合（其后各行会被并入该格）' if quoted else f"格式错误（{exc}）"
        raise _refuse(
            f"第 {start} 行{reason}，整个文件未导入；请修正该行后重新导入。",
            f"Line {start}: {'unclosed quote' if quoted else exc}; nothing was imported.",
        ) from None
    finally:
        csv.field_size_limit(old_limit)
    width = _header_width(rows)
    for line, cells in rows:
        for cell in cells:
            # A quoted cell that holds whole CSV rows: an unclosed quote swallowed them.
            if "\n" in cell and width > 2 and any(part.count(delimiter) >= width - 2 for part in cell.split("\n")[1:]):
                raise _refuse(
                    f'第 {line} 行的引号“"”没有闭合：其后各行被并入了该行的一格，整个文件未导入；'
                    "请修正该行后重新导入。",
                    f"Line {line}: an unclosed quote swallowed the following rows; nothing was imported.",
                )
    return rows


def _header_width(rows: list[tuple[int, list[str]]]) -> int:
    widths = [len(cells) for _, cells in rows[:HEADER_SCAN_ROWS] if len(cells) > 1]
    return max(widths, default=0)


# --- XLSX -----------------------------------------------------------------------------------------


def _xlsx_sheets(path: Path) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    from openpyxl import load_workbook  # only imports cost when an import actually runs

    if not path.exists():
        raise FileNotFoundError(path)
    try:
        workbook = load_workbook(path, data_only=True)
    except (OSError, MemoryError):
        raise
    except Exception as exc:  # damaged zip or XML: openpyxl raises many kinds
        raise _refuse(
            f"无法读取文件：Excel 文件已损坏或不是有效的 XLSX（{type(exc).__name__}）。请重新导出。",
            f"Cannot read the file: a damaged or invalid XLSX ({type(exc).__name__}).",
        ) from None
    try:
        return [(sheet.title, list(_sheet_rows(sheet))) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    fill: dict[tuple[int, int], Any] = {}
    for merged in sheet.merged_cells.ranges:  # a date merged down several rows: every row has it
        value = sheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                fill[(r, c)] = value
    for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield r, [cell_text(fill.get((r, c), v)) for c, v in enumerate(values, start=1)]


def cell_text(value: Any) -> str:
    """A cell as the text the call centre typed (numbers, dates and times as Excel shows them)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a mobile stored as a number: 13812345678.0
    if isinstance(value, datetime):
        if value.date() in (date(1899, 12, 30), date(1899, 12, 31), date(1900, 1, 1)):
            return value.strftime("%H:%M")  # a time-only cell read as a datetime on Excel's epoch
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time.min else value.date().isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
