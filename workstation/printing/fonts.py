"""Fonts for printed forms: one CJK TrueType face plus fallbacks, and a per-character coverage check.

ReportLab embeds TrueType (glyf) fonts only and has no per-glyph fallback, so every character
must be routed to a font that has it (docs/tech-notes.md §2.1):

- ``CWSans`` — WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``), the face of every form;
- ``CWFallbackBMP`` — Hanazono Mincho A subset: CJK Extension A (䶮) and the BMP characters WQY lacks;
- ``CWFallbackSIP`` — Hanazono Mincho B: CJK Extension B–F (𠮷 𡒄) and Compatibility Supplement.

Fonts register lazily, once per process; the fallbacks only when a text needs them. A character no
font covers is refused before rendering (:func:`require_printable`), never printed blank or wrong.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workstation.errors import FieldProblem, ValidationError
from workstation.printing import patches

PRIMARY = "CWSans"
FALLBACK_BMP = "CWFallbackBMP"
FALLBACK_SIP = "CWFallbackSIP"
FALLBACK_EXT_GH = "CWFallbackExtGH"
"""CJK Extension G/H (BabelStone Han subset, Arphic Public License): see resources/fonts."""

WHITESPACE = frozenset("\n\r\t")
"""Characters that are layout, not glyphs: a newline breaks a line, the others become spaces."""


@dataclass(frozen=True)
class _FontFile:
    name: str
    file: str
    subfont: int = 0


_FILES = {
    PRIMARY: _FontFile(PRIMARY, "wqy-microhei.ttc", 0),
    FALLBACK_BMP: _FontFile(FALLBACK_BMP, "fallback-bmp.ttf"),
    FALLBACK_SIP: _FontFile(FALLBACK_SIP, "fallback-sip.ttf"),
    FALLBACK_EXT_GH: _FontFile(FALLBACK_EXT_GH, "fallback-extgh.ttf"),
}

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}


def fonts_dir() -> Path:
    """``$WORKSTATION_RESOURCES/fonts``, or ``resources/fonts`` beside the package."""
    root = os.environ.get("WORKSTATION_RESOURCES")
    base = Path(root) if root else Path(__file__).resolve().parents[2] / "resources"
    return base / "fonts"


def _load(name: str) -> frozenset[int]:
    """Register font ``name`` with ReportLab (once) and return the code points it covers."""
    cached = _coverage.get(name)
    if cached is not None:
        return cached
    with _lock:
        cached = _coverage.get(name)
        if cached is not None:
            return cached
        patches.apply()
        spec = _FILES[name]
        font = TTFont(spec.name, str(fonts_dir() / spec.file), subfontIndex=spec.subfont)
        pdfmetrics.registerFont(font)
        if name == PRIMARY:
            # No bold/italic faces: map the family so <b>/<i> markup never fails.
            pdfmetrics.registerFontFamily(PRIMARY, normal=PRIMARY, bold=PRIMARY, italic=PRIMARY, boldItalic=PRIMARY)
        # Glyph 0 is .notdef: a code point mapped to it has no real glyph.
        covered = frozenset(cp for cp, glyph in font.face.charToGlyph.items() if glyph)
        _coverage[name] = covered
        return covered


def ensure_primary() -> str:
    """Register the primary face (and apply the ReportLab patches); returns its name."""
    _load(PRIMARY)
    return PRIMARY


def font_for(char: str) -> str | None:
    """The first font that has a glyph for ``char``, or ``None`` if none does."""
    cp = ord(char)
    if cp in _load(PRIMARY):
        return PRIMARY
    if cp >= 0x30000:  # Extension G and later: only the BabelStone subset has them
        return FALLBACK_EXT_GH if cp in _load(FALLBACK_EXT_GH) else None
    fallback = FALLBACK_BMP if cp <= 0xFFFF else FALLBACK_SIP
    return fallback if cp in _load(fallback) else None


def missing_chars(text: str) -> list[str]:
    """The distinct characters of ``text`` no font covers, in order of appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in WHITESPACE and ch not in seen and font_for(ch) is None:
            seen[ch] = None
    return list(seen)


def missing_char_problem(field: str, label: str, char: str) -> FieldProblem:
    cp = ord(char)
    return FieldProblem(
        field,
        f"{label}：字符“{char}”(U+{cp:04X}) 无法打印：字体缺字",
        f"{label}: character “{char}” (U+{cp:04X}) cannot be printed: no font has it",
    )


def coverage_problems(texts: Iterable[tuple[str, str, str]]) -> list[FieldProblem]:
    """Problems for every uncovered character in ``(field, label, text)`` triples."""
    problems: list[FieldProblem] = []
    for field, label, text in texts:
        problems.extend(missing_char_problem(field, label, ch) for ch in missing_chars(text))
    return problems


def require_printable(texts: Iterable[tuple[str, str, str]]) -> None:
    """Raise :class:`ValidationError` naming each character that no bundled font can print."""
    problems = coverage_problems(texts)
    if problems:
        raise ValidationError(problems)


def runs(text: str) -> Iterator[tuple[str, str]]:
    """Split ``text`` into ``(font, chunk)`` runs. Raises ``KeyError`` for an uncovered character."""
    current: str | None = None
    chunk: list[str] = []
    for ch in text:
        font = PRIMARY if ch in WHITESPACE else font_for(ch)
        if font is None:
            raise KeyError(f"U+{ord(ch):04X}")
        if font != current and chunk:
            assert current is not None
            yield current, "".join(chunk)
            chunk = []
        current = font
        chunk.append(ch)
    if chunk and current is not None:
        yield current, "".join(chunk)


def markup(text: str) -> str:
    """Paragraph markup for ``text`` in the primary face, fallback runs wrapped in ``<font>``.

    XML specials are escaped; a newline becomes ``<br/>``; tabs and CRs become spaces.
    """
    parts: list[str] = []
    for font, chunk in runs(text.replace("\r\n", "\n").replace("\r", " ").replace("\t", " ")):
        body = escape(chunk).replace("\n", "<br/>")
        parts.append(body if font == PRIMARY else f'<font name="{font}">{body}</font>')
    return "".join(parts)


def string_width(text: str, size: float) -> float:
    """Width of ``text`` at ``size`` points, each run measured in its own font."""
    return float(sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text)))


def loaded_fonts() -> Mapping[str, int]:
    """Registered fonts and their coverage size (for diagnostics and the benchmark)."""
    return {name: len(cps) for name, cps in _coverage.items()}
