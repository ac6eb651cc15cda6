"""Render every wizard page with a realistic sample worker, and the employer's and the arbo
expert's windows with a sample team, to PNG, offscreen.

`arbocheck screenshots --out DIR [--lang nl|en]` — for reviewing pages and for the README.
Runs in a throw-away data folder; the user's own draft, keys and register are never touched.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def render(out: Path, lang: str = "nl", size: tuple[int, int] = (1280, 720)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from arbocheck.core.check import answers, photos
    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.samples.demo import drawn_photo, sample_answers_path
    from arbocheck.core.check.draft_photos import DraftPhotos, PhotoRef, set_refs
    from arbocheck.core.check.drafts import DraftStore
    from arbocheck.core.check.worksheet import Worksheet
    from arbocheck.ui.tasks import SyncRunner
    from arbocheck.ui.worker.wizard import WizardWindow
    from arbocheck.ui.texts import tr

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
            caption = tr("screenshots.caption.side", lang)
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
        written += _team_windows(out, lang, size, Path(tmp) / "home")
    (out / "index.json").write_text(json.dumps([p.name for p in written], indent=1), encoding="utf-8")
    return written


def _team_windows(out: Path, lang: str, size: tuple[int, int], home: Path) -> list[Path]:
    """The start window, the employer's tabs after importing the sample team, and the expert's queue."""
    from PySide6.QtWidgets import QApplication

    from arbocheck.core.expert import queue as expert
    from arbocheck.core.expert import identity as expert_identity
    from arbocheck.core.samples.sample_team import make_team
    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.expert.window import ExpertWindow
    from arbocheck.ui.tasks import SyncRunner

    from arbocheck.core.common.environment import variable_set
    from arbocheck.ui.start import StartWindow

    qapp = QApplication.instance()
    start = StartWindow(lang, None)
    start.show()
    qapp.processEvents()
    written = [out / "start.png"]
    start.grab().save(str(written[0]))
    start.close()
    with variable_set("ARBOCHECK_HOME", str(home)):
        import secrets

        from arbocheck.core.employer import campaign_setup

        # A throw-away home: its keys are protected like any (there is no unprotected key), with a
        # passphrase nobody needs to know.
        passphrase = secrets.token_urlsafe(16)
        identity = expert_identity.load_or_create(passphrase=passphrase, method="passphrase")
        reg = campaign_setup.open_register(key=campaign_setup.employer_key(passphrase=passphrase,
                                                                           method="passphrase"))
        team = make_team(home / "team", reg, identity.recipient, lang)
        (home / "team" / "rapporten" / "scan-van-formulier.pdf").write_bytes(b"%PDF-1.4 a scanned form, unsigned")
        w = EmployerWindow(reg, SyncRunner(), lang)
        w.resize(*size)
        w.show()
        w.import_tab.import_paths([str(home / "team" / "rapporten")])
        for i, name in enumerate(("campaign", "import", "employees", "provisions", "topics")):
            w.tabs.setCurrentIndex(i)
            qapp.processEvents()
            path = out / f"employer-{i + 1}-{name}.png"
            w.grab().save(str(path))
            written.append(path)
        w.close()
        x = ExpertWindow(identity, SyncRunner(), lang, name="")
        x.resize(*size)
        x.show()
        x.open_paths([str(p) for p in team.reports])
        qapp.processEvents()
        path = out / "expert-queue.png"
        x.grab().save(str(path))
        written.append(path)
        x.close()
    return written
