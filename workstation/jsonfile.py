"""Reading a JSON input file (prefill, render data) with clear Chinese messages.

A UTF-8 BOM (Notepad's "UTF-8") is accepted; a syntax error names its line and column; a
document nested too deeply (``[[[[…`` 100k levels: ``RecursionError`` in the parser) and a
non-UTF-8 file are refused by name instead of escaping as internal errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workstation.errors import FieldProblem, ValidationError

MAX_DEPTH = 64


def _refuse(zh: str, en: str) -> ValidationError:
    return ValidationError([FieldProblem("file", zh, en)])


def load_json(path: Path) -> Any:
    """The parsed document of ``path``.

    Raises:
        ValidationError: missing/unreadable file, not UTF-8, a syntax error, or nesting deeper
            than :data:`MAX_DEPTH`.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise _refuse(f"找不到文件 {path}", f"No such file: {path}") from None
    except OSError as exc:
        raise _refuse(f"无法读取文件 {path}：{exc.strerror or exc}", f"Cannot read {path}: {exc}") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise _refuse(
            f"文件不是 UTF-8 编码（第 {line} 行），请另存为 UTF-8。",
            "The file is not UTF-8.",
        ) from None
    depth = 0
    deepest = 0
    in_string = escaped = False
    for ch in text:  # refuse deep nesting before the recursive parser sees it
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                raise _refuse(
                    f"JSON 嵌套层级过深（超过 {MAX_DEPTH} 层），不是有效的数据文件。",
                    f"The JSON is nested deeper than {MAX_DEPTH} levels.",
                )
        elif ch in "]}":
            depth -= 1
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _refuse(
            f"JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列（{exc.msg}）。",
            f"Invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.",
        ) from None
    except RecursionError:
        raise _refuse("JSON 嵌套层级过深，不是有效的数据文件。", "The JSON is nested too deeply.") from None
