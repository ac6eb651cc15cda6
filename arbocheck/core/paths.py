"""Where arbocheck keeps its files: one user data folder, overridable for tests.

ARBOCHECK_HOME moves everything (drafts, keys, settings) into one folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    env = os.environ.get("ARBOCHECK_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("arbocheck", appauthor=False)


def drafts_dir() -> Path:
    return home() / "drafts"


def settings_file() -> Path:
    return home() / "settings.json"


def assets_dir() -> Path:
    """Fonts and images: the installed package copy, else the source tree."""
    here = Path(__file__).resolve().parent.parent
    for d in (here / "assets", here.parent / "assets"):
        if d.is_dir():
            return d
    raise FileNotFoundError("arbocheck's assets folder is missing")


def font(style: str = "Regular") -> Path:
    return assets_dir() / "fonts" / f"NotoSans-{style}.ttf"
