"""The English catalogue covers every string of the UI sources, each under the context it is looked up in."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from workstation.ui.i18n import CATALOGUE, ui_sources
from workstation.ui.resources import resource_path


def refreshed_catalogue(tmp_path: Path) -> ET.ElementTree:
    """The shipped English .ts, updated by pyside6-lupdate from today's sources into a copy."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) or "pyside6-lupdate"
    copy = tmp_path / "en.ts"
    shutil.copyfile(resource_path("translations") / f"{CATALOGUE}_en.ts", copy)
    sources = [str(p) for p in ui_sources()]
    subprocess.run(
        [lupdate, "-silent", "-no-obsolete", "-source-language", "zh_CN", "-target-language", "en", *sources,
         "-ts", str(copy)],
        check=True,
    )  # fmt: skip
    return ET.parse(copy)


def test_every_ui_string_has_an_english_translation_in_its_own_context(tmp_path: Path) -> None:
    root = refreshed_catalogue(tmp_path).getroot()
    untranslated, without_context = [], []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
                untranslated.append(f"{name}: {source}")
            if not name:  # a tr() helper lupdate cannot place: the lookup at run time never finds it
                without_context.append(source)
    assert not without_context, "use QT_TRANSLATE_NOOP(context, …) for: " + "; ".join(without_context)
    assert not untranslated, "run python -m workstation.ui.i18n and translate: " + "; ".join(untranslated)
