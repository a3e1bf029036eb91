"""Fonts, coverage refusal and the two ReportLab patches (docs/tech-notes.md §2.2)."""

from __future__ import annotations

import io

import pytest
import reportlab.lib.textsplit as textsplit
import reportlab.pdfbase.ttfonts as ttfonts
import reportlab.platypus.paragraph as paragraph
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from workstation.errors import ValidationError
from workstation.printing import fonts, patches


def test_patches_are_applied_once() -> None:
    fonts.ensure_primary()
    patches.apply()
    patches.apply()
    assert patches.is_applied()
    for module in (textsplit, paragraph):
        assert all(module.ALL_CANNOT_START.count(ch) == 1 for ch in patches.EXTRA_CANNOT_START)


def test_tounicode_cmap_writes_surrogate_pairs_for_non_bmp() -> None:
    fonts.ensure_primary()
    cmap = ttfonts.makeToUnicodeCMap("X", [0x41, 0x20BB7, 0x4DAE])
    assert "<01> <D842DFB7>" in cmap
    assert "<00> <0041>" in cmap and "<02> <4DAE>" in cmap
    assert "20BB7" not in cmap


def test_non_bmp_text_extracts_exactly_from_a_bare_canvas() -> None:
    fonts.ensure_primary()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    from workstation.printing.document import draw_text

    draw_text(canvas, 72, 720, "吉𠮷𡒄䶮·阿依古丽", 14)
    canvas.showPage()
    canvas.save()
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "吉𠮷𡒄䶮·阿依古丽" in text


@pytest.mark.parametrize("width", [float(w) for w in range(200, 460, 13)])
def test_no_line_starts_with_forbidden_punctuation(width: float) -> None:
    fonts.ensure_primary()
    style = ParagraphStyle("t", fontName=fonts.PRIMARY, fontSize=10, leading=13, wordWrap="CJK")
    text = "本人已认真阅读，并理解上述警示！经审慎考虑？仍坚持申请；自愿承担：全部风险》。" * 6
    para = Paragraph(text, style)
    para.wrap(width, 10_000)
    starts = []
    for line in para.blPara.lines:
        words = line.words if hasattr(line, "words") else line[1]
        first = "".join(getattr(w, "text", w if isinstance(w, str) else "") for w in words[:1])
        starts.append(first[:1])
    bad = [s for s in starts if s and s in patches.EXTRA_CANNOT_START]
    assert not bad, f"lines start with {bad} at width {width}"


def test_font_routing() -> None:
    assert fonts.font_for("张") == fonts.PRIMARY
    assert fonts.font_for("䶮") == fonts.FALLBACK_BMP
    assert fonts.font_for("𠮷") == fonts.FALLBACK_SIP
    assert fonts.font_for("𡒄") == fonts.FALLBACK_SIP
    assert fonts.font_for("\U00030041") is None  # CJK Extension G: no bundled font
    assert list(fonts.runs("王𠮷䶮")) == [(fonts.PRIMARY, "王"), (fonts.FALLBACK_SIP, "𠮷"), (fonts.FALLBACK_BMP, "䶮")]
    assert fonts.markup("a<b>&𠮷") == f'a&lt;b&gt;&amp;<font name="{fonts.FALLBACK_SIP}">𠮷</font>'


def test_uncovered_character_is_refused_with_its_name() -> None:
    with pytest.raises(ValidationError) as caught:
        fonts.require_printable([("client_name", "客户姓名", "王\U00030041明")])
    message = caught.value.message()
    assert "字符“\U00030041”(U+30041) 无法打印：字体缺字" in message
    assert caught.value.problems[0].field == "client_name"


def test_extension_ranges_fully_covered() -> None:
    """Ext A (Unicode 3.0 block) and Ext B–F as bundled: no hole in the fallback coverage."""
    ranges = {
        "Ext A": (0x3400, 0x4DB5),
        "Ext B": (0x20000, 0x2A6D6),
        "Ext C": (0x2A700, 0x2B734),
        "Ext D": (0x2B740, 0x2B81D),
        "Ext E": (0x2B820, 0x2CEA1),
        "Ext F": (0x2CEB0, 0x2EBE0),
    }
    for name, (low, high) in ranges.items():
        missing = [cp for cp in range(low, high + 1) if fonts.font_for(chr(cp)) is None]
        assert not missing, f"{name}: {len(missing)} characters uncovered, first U+{missing[0]:04X}"


def test_extension_g_and_h_characters_from_babelstone_print() -> None:
    # Issue 14 item 13: U+30EDE (Ext G) and U+31350 (Ext H) are in the BabelStone Han subset.
    assert fonts.font_for("\U00030ede") == fonts.FALLBACK_EXT_GH
    assert fonts.font_for("\U00031350") == fonts.FALLBACK_EXT_GH
    fonts.require_printable([("client_name", "客户姓名", "王\U00030ede明")])
    assert fonts.font_for("\U00030041") is None  # one BabelStone does not have: still refused by name
