"""Printing fixtures: every form rendered once from its sample data (the suite stays fast)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workstation.forms.catalog import FORMS, PACKAGE_CODE
from workstation.printing import render

ALL_CODES = [*FORMS, PACKAGE_CODE]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Form code → path of its sample PDF."""
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for code in ALL_CODES:
        path = folder / f"{code}.pdf"
        path.write_bytes(render.render_code(code, render.sample_data(code)))
        out[code] = path
    return out


def poppler(tool: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} (poppler-utils) not installed")
    return exe


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(
        [poppler("pdftotext"), *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(text: str) -> str:
    """Text without any whitespace: wrapped lines and table cells join up again."""
    return re.sub(r"\s+", "", text)
