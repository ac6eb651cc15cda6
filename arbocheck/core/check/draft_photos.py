"""Photos that belong to a draft: processed JPEGs stored by content hash beside it.

The list (which section, caption, expert-only) lives in the draft's
`meta["photos"]`, so answers and photos are saved together; the image bytes
are written once, crash-safe, under `photos/<sha256>.jpg`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from arbocheck.core.common.storage import atomic_write

_SHA = re.compile(r"^[0-9a-f]{64}$")
_SECTION = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # a questionnaire id (qmodel.Id)
CAPTION_MAX = 200
"""Characters of a caption that are kept (the GUI's field takes no more)."""


@dataclass
class PhotoRef:
    id: str  # sha256 of the stored JPEG
    section: str
    caption: str = ""
    expert_only: bool = False

    def to_json(self) -> dict:
        return asdict(self)


class DraftPhotos:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder) / "photos"

    def path(self, photo_id: str) -> Path:
        if not _SHA.match(photo_id):  # never let a stored name become a path
            raise ValueError("not a photo id")
        return self.folder / f"{photo_id}.jpg"

    def store(self, jpeg: bytes, sha256: str) -> str:
        target = self.path(sha256)
        if not target.exists():
            atomic_write(target, jpeg, keep_previous=False)
        return sha256

    def read(self, photo_id: str) -> bytes:
        return self.path(photo_id).read_bytes()

    def prune(self, keep: set[str]) -> None:
        """Remove stored images no longer listed in the draft."""
        if not self.folder.is_dir():
            return
        for p in self.folder.glob("*.jpg"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)


def refs(meta: dict[str, Any]) -> list[PhotoRef]:
    """The photo list from draft meta, skipping malformed entries."""
    out = []
    for raw in meta.get("photos", []) if isinstance(meta.get("photos"), list) else []:
        if not isinstance(raw, dict):
            continue
        pid, section = raw.get("id"), raw.get("section")
        if not (isinstance(pid, str) and _SHA.match(pid) and isinstance(section, str) and _SECTION.match(section)):
            continue
        out.append(PhotoRef(pid, section, str(raw.get("caption", ""))[:CAPTION_MAX], bool(raw.get("expert_only", False))))
    return out


def set_refs(meta: dict[str, Any], photos: list[PhotoRef]) -> None:
    meta["photos"] = [p.to_json() for p in photos]
