"""Translations: Chinese is the source language; English comes from ``resources/translations``.

Every user-visible string in ``workstation/ui`` goes through ``self.tr()`` or
``QCoreApplication.translate()``. To refresh the English catalogue after changing strings::

    /work/venv/bin/python -m workstation.ui.i18n      # pyside6-lupdate, then pyside6-lrelease

then fill in the new ``<translation>`` entries of ``resources/translations/workstation_en.ts``
(Qt Linguist, or by hand) and run it again to rebuild the ``.qm``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workstation.ui.resources import resource_path

LANGUAGES = ("zh_CN", "en")
CATALOGUE = "workstation"
_installed: list[QTranslator] = []  # translators must outlive their installation


def normalize_lang(lang: str) -> str:
    """``en``, ``en_US`` → ``en``; anything else → ``zh_CN`` (the source language)."""
    return "en" if lang.lower().startswith("en") else "zh_CN"


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install Qt's own and our catalogue for ``lang``; replaces any earlier installation."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = normalize_lang(lang)
    QLocale.setDefault(QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Chinese))
    candidates = [(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    if lang != "zh_CN":
        candidates.append((f"{CATALOGUE}_{lang}", str(resource_path("translations"))))
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return list(_installed)


def ui_sources() -> list[Path]:
    """The Python files whose strings are translated."""
    root = Path(__file__).resolve().parent
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def update_translations(langs: tuple[str, ...] = ("en",)) -> list[Path]:
    """Run pyside6-lupdate over the UI sources and pyside6-lrelease on the result; return the .qm files."""
    bindir = Path(sys.executable).parent
    lupdate = shutil.which("pyside6-lupdate", path=str(bindir)) or "pyside6-lupdate"
    lrelease = shutil.which("pyside6-lrelease", path=str(bindir)) or "pyside6-lrelease"
    folder = resource_path("translations")
    built = []
    for lang in langs:
        ts = folder / f"{CATALOGUE}_{lang}.ts"
        sources = [str(p) for p in ui_sources()]
        subprocess.run([lupdate, "-no-obsolete", "-source-language", "zh_CN", "-target-language", lang,
                        *sources, "-ts", str(ts)], check=True)  # fmt: skip
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


if __name__ == "__main__":
    for path in update_translations():
        print(path)
