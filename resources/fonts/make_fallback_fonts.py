"""Build the bundled fallback fonts from Debian's ``fonts-hanazono`` (HanaMinA/HanaMinB, 2017-09-04).

Run once when the fallback fonts change (needs ``pip install fonttools``)::

    apt-get download fonts-hanazono && dpkg -x fonts-hanazono_*.deb /tmp/hanazono
    python resources/fonts/make_fallback_fonts.py /tmp/hanazono/usr/share/fonts/truetype/hanazono

Output, next to this script:

- ``fallback-bmp.ttf``: the BMP characters of HanaMinA that WenQuanYi Micro Hei lacks — all of CJK
  Extension A (U+3400–4DB5), the unified ideographs WQY misses, compatibility ideographs, symbols.
  Supplementary-plane glyphs of HanaMinA are dropped (HanaMinB has them all).
- ``fallback-sip.ttf``: all of HanaMinB — CJK Extension B–F and Compatibility Supplement.

Both keep glyf outlines (ReportLab embeds only TrueType), drop hinting, OpenType layout and
vertical metrics (we set horizontal text only), and are renamed "CW Fallback BMP/SIP" so the
modified fonts do not carry the reserved names of the OFL option; we use them under the
Hanazono Font License (unlimited use and modification), see LICENSE-hanazono.txt.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent


def _options() -> subset.Options:
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.drop_tables += ["DSIG", "GSUB", "GPOS", "vhea", "vmtx", "VORG", "FFTM"]
    return opts


def _rename(font: TTFont, family: str) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for name_id, value in (
        (1, family),
        (2, "Regular"),
        (3, f"{family};subset"),
        (4, family),
        (6, family.replace(" ", "")),
    ):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)


def build(src: Path) -> None:
    primary = set(TTCollection(str(HERE / "wqy-microhei.ttc")).fonts[0].getBestCmap())
    jobs = (
        ("HanaMinA.ttf", "fallback-bmp.ttf", "CW Fallback BMP", lambda cp: cp <= 0xFFFF and cp not in primary),
        ("HanaMinB.ttf", "fallback-sip.ttf", "CW Fallback SIP", lambda cp: True),
    )
    for src_name, out_name, family, wanted in jobs:
        font = TTFont(str(src / src_name))
        keep = [cp for cp in font.getBestCmap() if wanted(cp)]
        subsetter = subset.Subsetter(_options())
        subsetter.populate(unicodes=keep)
        subsetter.subset(font)
        _rename(font, family)
        font.save(str(HERE / out_name))
        print(f"{out_name}: {len(keep)} characters, {(HERE / out_name).stat().st_size:,} bytes")


EXT_GH = (0x30000, 0x323AF)
"""CJK Extension G (U+30000–3134F) and H (U+31350–323AF): none in Hanazono (2017)."""


def build_ext_gh(babelstone: Path) -> None:
    """``fallback-extgh.ttf`` from Debian's ``fonts-babelstone-han`` (BabelStone Han 15.0.5)::

        apt-get download fonts-babelstone-han && dpkg -x fonts-babelstone-han_*.deb /tmp/bab
        python resources/fonts/make_fallback_fonts.py --ext-gh /tmp/bab/usr/share/fonts/truetype/babelstone

    Only the Extension G/H characters are kept. Licence: Arphic Public License (copies and
    modified copies allowed with a notice of the change and the licence retained; see
    LICENSE-babelstone-han.txt): the modification notice is written into the font's name table.
    """
    font = TTFont(str(babelstone / "BabelStoneHan.ttf"))
    keep = [cp for cp in font.getBestCmap() if EXT_GH[0] <= cp <= EXT_GH[1]]
    subsetter = subset.Subsetter(_options())
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    _rename(font, "CW Fallback ExtGH")
    notice = (
        "Modified by Counter Workstation (2026-12-03): subset of BabelStone Han 15.0.5 to CJK Extension G/H, "
        "hinting and OpenType layout dropped, renamed. Distributed under the Arphic Public License."
    )
    font["name"].setName(notice, 0, 3, 1, 0x409)
    font.save(str(HERE / "fallback-extgh.ttf"))
    print(f"fallback-extgh.ttf: {len(keep)} characters, {(HERE / 'fallback-extgh.ttf').stat().st_size:,} bytes")


if __name__ == "__main__":
    if sys.argv[1] == "--ext-gh":
        build_ext_gh(Path(sys.argv[2]))
    else:
        build(Path(sys.argv[1]))
