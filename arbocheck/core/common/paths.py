"""Where arbocheck keeps its files: one user data folder, overridable for tests.

ARBOCHECK_HOME moves everything (drafts, keys, settings) into one folder.
"""

from __future__ import annotations

from pathlib import Path

from arbocheck.core.common.environment import environment


def home() -> Path:
    env = environment().home
    if env:
        return env
    from platformdirs import user_data_path

    return user_data_path("arbocheck", appauthor=False)


def drafts_dir() -> Path:
    return home() / "drafts"


def settings_file() -> Path:
    return home() / "settings.json"


def cache_dir() -> Path:
    """What arbocheck may throw away and make again (a parsed copy of its texts)."""
    return home() / "cache"


def data_dirs(name: str) -> list[Path]:
    """A data folder of arbocheck (assets, questionnaires): the installed package copy
    (arbocheck/<name>), else the source tree's (<repo>/<name>); the first that exists."""
    package = Path(__file__).resolve().parents[2]  # arbocheck/core/common/paths.py -> arbocheck/
    return [d for d in (package / name, package.parent / name) if d.is_dir()][:1]


def assets_dir() -> Path:
    """Fonts and images."""
    for d in data_dirs("assets"):
        return d
    raise FileNotFoundError("arbocheck's assets folder is missing")


def font(style: str = "Regular") -> Path:
    return assets_dir() / "fonts" / f"NotoSans-{style}.ttf"
