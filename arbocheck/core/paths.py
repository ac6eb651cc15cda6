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
