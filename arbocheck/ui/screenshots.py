"""Render every wizard page with a realistic sample worker to PNG, offscreen.

`arbocheck screenshots --out DIR [--lang nl|en]` — for reviewing pages and for the README.
Runs in a throw-away data folder; the user's own draft is never touched.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def render(out: Path, lang: str = "nl", size: tuple[int, int] = (1280, 720)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..core import answers, photos, qloader
    from ..core.demo import drawn_photo, sample_answers_path
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
        photo = photos.process(drawn_photo("side"))
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
