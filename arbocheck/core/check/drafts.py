"""The worker's draft: answers saved on every change, resumed at the next start.

A draft is an answers file (answers.py) with `meta.saved_at` and
`meta.current_section`. It is written with storage.atomic_write; when the
current file is unreadable the previous version is used.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from arbocheck.core.check import answers as answers_mod
from arbocheck.core.common.storage import PREV_SUFFIX, atomic_write, sweep_temp_files

DRAFT_NAME = "draft.json"


@dataclass
class Loaded:
    doc: answers_mod.AnswersDoc
    path: Path
    from_previous: bool
    """True when the newest file was damaged and the previous version was used."""


class DraftStore:
    def __init__(self, folder: str | Path, name: str = DRAFT_NAME):
        self.folder = Path(folder)
        self.path = self.folder / name
        self.prev = self.path.with_name(self.path.name + PREV_SUFFIX)

    def open(self) -> list[Path]:
        """Prepare the folder (owner-only) and sweep temp files of crashed writers."""
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self.folder.chmod(0o700)
        except OSError:
            pass
        return sweep_temp_files(self.folder)

    def exists(self) -> bool:
        return self.path.exists() or self.prev.exists()

    def save(self, doc: answers_mod.AnswersDoc) -> None:
        doc.meta["saved_at"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        atomic_write(self.path, doc.dumps())

    def load(self) -> Loaded | None:
        """The newest readable draft, or None when there is none."""
        for path, fallback in ((self.path, False), (self.prev, True)):
            try:
                return Loaded(answers_mod.loads(path.read_bytes()), path, fallback)
            except (OSError, answers_mod.AnswersError):
                continue
        return None

    def discard(self) -> None:
        """Start over. The old draft is kept once more as `*.discarded`, in case of regret."""
        if self.path.exists():
            self.path.replace(self.path.with_name(self.path.name + ".discarded"))
        self.prev.unlink(missing_ok=True)
