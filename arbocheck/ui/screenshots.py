"""Render every wizard page with a realistic sample worker to PNG, offscreen.

`arbocheck screenshots --out DIR [--lang nl|en]` — for reviewing pages and for the README.
Runs in a throw-away data folder; the user's own draft is never touched.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

SAMPLE = "sample-worker.json"


def sample_answers_path() -> Path:
    from ..core.qloader import default_dirs

    for d in default_dirs():
        p = d / "examples" / SAMPLE
        if p.exists():
            return p
    raise FileNotFoundError(f"no examples/{SAMPLE} beside the questionnaires")


def _sample_photo() -> bytes:
    """A drawn side view of a desk (no real home in the picture)."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1600, 1200), (236, 232, 224))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 1000, 1600, 1200), fill=(170, 150, 120))
    d.rectangle((700, 560, 1500, 600), fill=(120, 90, 60))
    d.rectangle((1440, 600, 1480, 1000), fill=(100, 80, 60))
    d.rectangle((1100, 300, 1120, 560), fill=(30, 30, 30))
    d.rectangle((1000, 250, 1130, 470), outline=(20, 20, 20), width=8)
    d.rectangle((250, 680, 600, 720), fill=(60, 60, 70))
    d.rectangle((240, 380, 270, 700), fill=(60, 60, 70))
    d.rectangle((410, 720, 430, 960), fill=(80, 80, 80))
    d.line((300, 980, 540, 980), fill=(40, 40, 40), width=14)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def render(out: Path, lang: str = "nl", size: tuple[int, int] = (1280, 760)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..core import answers, photos, qloader
    from ..core.draft_photos import DraftPhotos, PhotoRef, set_refs
    from ..core.drafts import DraftStore
    from ..core.worksheet import Worksheet
    from .tasks import SyncRunner
    from .wizard import WizardWindow

    out.mkdir(parents=True, exist_ok=True)
    qapp = QApplication.instance() or QApplication([])
    doc = answers.loads(sample_answers_path().read_bytes())
    q = qloader.find(doc.questionnaire_id, doc.questionnaire_version)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = DraftStore(Path(tmp) / "drafts")
        store.open()
        ws = Worksheet.from_doc(q, doc)
        photo = photos.process(_sample_photo())
        section = next((s.id for s in q.data.sections if s.diagram == "side_view" and s.photo_prompt), None)
        if section:
            DraftPhotos(store.folder).store(photo.data, photo.sha256)
            caption = "Zijaanzicht van bureau en stoel" if lang == "nl" else "Side view of desk and chair"
            set_refs(ws.meta, [PhotoRef(photo.sha256, section, caption)])
        ws.meta.update({"declared": True, "signer_name": "Sanne de Vries"})
        w = WizardWindow(ws, store, SyncRunner(), lang)
        w.resize(*size)
        w.show()
        for i, key in enumerate(w.keys):
            w.go(i)
            qapp.processEvents()
            path = out / f"{i:02d}-{key}.png"
            w.grab().save(str(path))
            written.append(path)
            page = w.pages[key]
            page.resize(w.stack.width() - 16, page.sizeHint().height())
            full = out / f"{i:02d}-{key}-full.png"
            page.grab().save(str(full))
            written.append(full)
        w.close()
    (out / "index.json").write_text(json.dumps([p.name for p in written], indent=1), encoding="utf-8")
    return written
