"""The one place the look is decided: bundled font, palette and style sheet, applied once.

Counter screens are read all day by clerks and, across the desk, by clients: large type, dark
text on light backgrounds, one strong accent colour. Style sheets live in ``resources/style/*.qss``
and use ``@name`` tokens for the colours in :data:`COLOURS`; widgets only set a ``role``
property (``title``, ``lead``, ``error``, ``figure``…) and never call ``setStyleSheet``.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from workstation.ui.resources import resource_path

log = logging.getLogger(__name__)

BUNDLED_FONT = ("fonts", "wqy-microhei.ttc")
BUNDLED_FAMILY = "WenQuanYi Micro Hei"
FALLBACK_FONTS = (("fonts", "fallback-bmp.ttf"), ("fonts", "fallback-sip.ttf"), ("fonts", "fallback-extgh.ttf"))
"""Fallbacks for rare name characters, as in the printed forms: Hanazono (CJK Ext A; Ext B–F) and a
BabelStone Han subset (Ext G/H, 5,316 of their characters)."""
BASE_POINT_SIZE = 12
THEME_PROPERTY = "workstationThemeApplied"

COLOURS: dict[str, str] = {
    "window": "#eef1f5",
    "base": "#ffffff",
    "text": "#111827",
    "muted": "#4b5563",
    "border": "#c3cad5",
    "border_strong": "#6b7280",
    "accent": "#0b4f9c",
    "accent_dark": "#083b75",
    "accent_text": "#ffffff",
    "nav": "#13294b",
    "nav_text": "#e8eef7",
    "nav_hover": "#1f3d6b",
    "error": "#b3261e",
    "error_bg": "#fdecea",
    "ok": "#1b6e3a",
    "lock": "#13294b",
}

_font_family: str | None = None
_fallback_families: list[str] | None = None


def load_bundled_font() -> str | None:
    """Register the bundled CJK font once; return its family, or None if it could not be loaded."""
    global _font_family
    if _font_family is None:
        path = resource_path(*BUNDLED_FONT)
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("bundled font not loaded: %s", path)
            return None
        _font_family = BUNDLED_FAMILY if BUNDLED_FAMILY in families else families[0]
    return _font_family


def load_fallback_fonts() -> list[str]:
    """Register the rare-character fallback fonts once (a few ms: only their headers are read)."""
    global _fallback_families
    if _fallback_families is None:
        _fallback_families = []
        for parts in FALLBACK_FONTS:
            path = resource_path(*parts)
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if not families:
                log.warning("fallback font not loaded: %s", path)
            _fallback_families.extend(families[:1])
    return _fallback_families


def application_font() -> QFont:
    """The application font: the bundled family first (Chinese renders everywhere), then the
    rare-character fallbacks (䶮, 𠮷, 𡒄 in names), large size."""
    font = QFont()
    family = load_bundled_font()
    if family:
        font.setFamilies([family, *load_fallback_fonts(), *QFont().families()])
    font.setPointSize(BASE_POINT_SIZE)
    return font


def palette() -> QPalette:
    """A light, high-contrast palette built from :data:`COLOURS`."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "window",
        QPalette.ColorRole.WindowText: "text",
        QPalette.ColorRole.Base: "base",
        QPalette.ColorRole.AlternateBase: "window",
        QPalette.ColorRole.Text: "text",
        QPalette.ColorRole.Button: "base",
        QPalette.ColorRole.ButtonText: "text",
        QPalette.ColorRole.Highlight: "accent",
        QPalette.ColorRole.HighlightedText: "accent_text",
        QPalette.ColorRole.ToolTipBase: "base",
        QPalette.ColorRole.ToolTipText: "text",
        QPalette.ColorRole.PlaceholderText: "muted",
    }
    for role, name in roles.items():
        pal.setColor(role, QColor(COLOURS[name]))
    return pal


def style_sheet() -> str:
    """All ``resources/style/*.qss`` files in name order, with ``@name`` colour tokens filled in."""
    folder = resource_path("style")
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.qss")))

    def colour(match: re.Match[str]) -> str:
        return COLOURS.get(match.group(1), match.group(0))

    return re.sub(r"@([a-z_]+)", colour, text)


def apply_theme(app: QApplication) -> None:
    """Font, palette and style sheet for the whole application; later calls do nothing."""
    if app.property(THEME_PROPERTY):
        return
    app.setStyle("Fusion")  # the same widgets on every counter PC, whatever its desktop theme
    app.setFont(application_font())
    app.setPalette(palette())
    app.setStyleSheet(style_sheet())
    app.setProperty(THEME_PROPERTY, True)
