"""Where the bundled resources (fonts, style sheets, translations) are found."""

from __future__ import annotations

import os
from pathlib import Path

RESOURCES_ENV = "WORKSTATION_RESOURCES"


def resources_dir() -> Path:
    """The ``resources/`` folder: ``$WORKSTATION_RESOURCES``, or the one beside the package."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """A file inside ``resources/``, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``."""
    return resources_dir().joinpath(*parts)
