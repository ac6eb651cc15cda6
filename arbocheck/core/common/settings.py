"""The user's settings, declared once here (name, type, default) and stored as JSON in the user
data folder; the ARBOCHECK_* environment variables are declared beside them (environment.py).

Unknown or badly typed values in the settings file fall back to the default, so a damaged
settings file never stops the program.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from arbocheck.core.common import paths
from arbocheck.core.common.storage import atomic_write

DECLARED: dict[str, tuple[type, Any, tuple | None]] = {
    # name: (type, default, allowed values or None)
    "language": (str, "nl", ("nl", "en")),
    "last_role": (str, "worker", ("worker", "employer", "expert")),
    "worker_name": (str, "", None),
    # Privacy: the employer's roll-up never shows a group of fewer people than this (AVG: nobody
    # recognisable). An employer may raise it, never lower it below 5.
    "min_group_size": (int, 5, range(5, 1001)),
}


class Settings:
    def __init__(self, path: Path | None = None):
        """The user's own settings (paths.settings_file()), or those in `path`."""
        self.path = path or paths.settings_file()
        self._values: dict[str, Any] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        if isinstance(raw, dict):
            for name, value in raw.items():
                if name in DECLARED and self._ok(name, value):
                    self._values[name] = value

    @staticmethod
    def _ok(name: str, value: Any) -> bool:
        typ, _, allowed = DECLARED[name]
        return isinstance(value, typ) and (allowed is None or value in allowed)

    def __getitem__(self, name: str) -> Any:
        return self._values.get(name, DECLARED[name][1])

    def __setitem__(self, name: str, value: Any) -> None:
        if name not in DECLARED:
            raise KeyError(name)
        if not self._ok(name, value):
            raise ValueError(f"setting {name!r} cannot be {value!r}")
        self._values[name] = value

    def save(self) -> None:
        atomic_write(self.path, json.dumps(self._values, indent=1).encode("utf-8"), keep_previous=False)
