"""The two ReportLab 5.1.0 fixes Chinese forms need, applied once (docs/tech-notes.md §2.2).

ReportLab is pinned to 5.1.0 in pyproject.toml because both fixes reach into its internals:

1. ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap`` writes a supplementary-plane character such as
   𠮷 (U+20BB7) as ``<20BB7>``, which is not UTF-16BE: pdftotext and pypdf then extract garbage.
   The fix rewrites those entries as the UTF-16 surrogate pair (``<D842DFB7>``).
2. ``wordWrap="CJK"`` may start a line with "，" or "！": ReportLab's list of characters that cannot
   start a line (``ALL_CANNOT_START``) has 、。 but lacks the full-width comma and friends. The
   list is bound twice (plain-text splitter and paragraph markup), so both are extended.

Call :func:`apply` before any rendering; :mod:`workstation.printing.fonts` does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import reportlab.lib.textsplit as textsplit
import reportlab.pdfbase.ttfonts as ttfonts
import reportlab.platypus.paragraph as paragraph

EXTRA_CANNOT_START = "，！？；：》〉）”’"
"""Full-width punctuation that must never begin a line (added to ReportLab's own list)."""

_lock = threading.Lock()
_applied = False
_original_cmap: Callable[[str, Sequence[int]], str] = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    text = _original_cmap(fontname, subset)
    for index, code_point in enumerate(subset):
        if code_point > 0xFFFF:
            utf16 = chr(code_point).encode("utf-16-be").hex().upper()
            text = text.replace(f"<{index:02X}> <{code_point:04X}>", f"<{index:02X}> <{utf16}>")
    return text


def apply() -> None:
    """Install both fixes (idempotent, thread-safe)."""
    global _applied
    with _lock:
        if _applied:
            return
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        missing = "".join(ch for ch in EXTRA_CANNOT_START if ch not in textsplit.ALL_CANNOT_START)
        textsplit.ALL_CANNOT_START += missing
        missing = "".join(ch for ch in EXTRA_CANNOT_START if ch not in paragraph.ALL_CANNOT_START)
        paragraph.ALL_CANNOT_START += missing
        _applied = True


def is_applied() -> bool:
    return _applied
