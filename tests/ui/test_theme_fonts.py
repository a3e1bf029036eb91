"""Rare characters in client names render on screen (bundled fallbacks), not as empty boxes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from workstation.ui import theme

MISSING = "\U0010fffd"  # a private-use code point no font has: what a missing glyph looks like


def rendered(text: str) -> QImage:
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = theme.application_font()
    font.setPixelSize(40)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


@pytest.mark.parametrize("char", ["张", "䶮", "𠮷", "𡒄", "·"])
def test_name_characters_have_real_glyphs(qapp, char: str) -> None:
    assert "CW Fallback SIP" in theme.application_font().families()
    image = rendered(char)
    assert image != rendered(" "), "nothing was drawn"
    assert image != rendered(MISSING), "drawn as the missing-glyph box"
