"""`arbocheck demo`: a realistic sample worker with photos → signed report and personal copy.

Everything is made fresh in the output folder (a throw-away worker key, a demo
employer's campaign, a demo arbo expert whose identity is saved so the sealed
part can be opened); the user's own keys and drafts are not touched.
"""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path

from arbocheck.core.common.errors import Refusal
from arbocheck.core.common.i18n import t
from arbocheck.core.check import answers as answers_mod
from arbocheck.core.trust import campaign as campaign_mod
from arbocheck.core.trust import keys, seal
from arbocheck.core.check import photos
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.check.draft_photos import PhotoRef, set_refs
from arbocheck.core.report.build import ExportError, export_report
from arbocheck.core.common.storage import atomic_write

SAMPLE = "sample-worker.json"
DEMO_CODE = "K7QF-2MXD"


class DemoError(Refusal):
    """The demo could not be made: a key of arbocheck/texts."""


def example_path(name: str) -> Path:
    """A file of questionnaires/examples/ (the installed copy or the source tree's)."""
    for d in qloader.default_dirs():
        p = d / "examples" / name
        if p.exists():
            return p
    raise DemoError("demo.no_example", name=name)


def sample_answers_path() -> Path:
    return example_path(SAMPLE)


def drawn_photo(kind: str = "side", gps: bool = True) -> bytes:
    """A drawn home-office scene as a phone would save it (with GPS in EXIF, to show it is removed)."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (2000, 1500), (236, 232, 224))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 1250, 2000, 1500), fill=(170, 150, 120))            # floor
    d.rectangle((0, 0, 2000, 40), fill=(250, 250, 250))
    if kind == "side":
        d.rectangle((900, 700, 1900, 750), fill=(120, 90, 60))           # desk top
        d.rectangle((1820, 750, 1870, 1250), fill=(100, 80, 60))         # desk leg
        d.rectangle((1380, 380, 1405, 700), fill=(30, 30, 30))           # monitor stand
        d.rectangle((1260, 300, 1420, 580), outline=(20, 20, 20), width=12)  # monitor
        d.rectangle((300, 850, 760, 900), fill=(60, 60, 70))             # seat
        d.rectangle((290, 450, 330, 880), fill=(60, 60, 70))             # backrest
        d.rectangle((515, 900, 545, 1190), fill=(80, 80, 80))            # column
        d.line((380, 1220, 680, 1220), fill=(40, 40, 40), width=18)      # base
    else:
        d.rectangle((600, 200, 1400, 1000), fill=(205, 225, 245))        # window
        d.line((1000, 200, 1000, 1000), fill=(255, 255, 255), width=14)
        d.rectangle((300, 1000, 1700, 1060), fill=(120, 90, 60))         # desk seen from behind
        d.rectangle((860, 620, 1140, 820), outline=(20, 20, 20), width=12)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Demo", "Phone"
    if gps:
        g = exif.get_ifd(0x8825)
        g[1], g[2], g[3], g[4] = "N", (52.0, 5.0, 30.0), "E", (5.0, 7.0, 10.0)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=88, exif=exif)
    return buf.getvalue()


def make_demo(out: Path, lang: str = "nl") -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    try:
        doc = answers_mod.loads(sample_answers_path().read_bytes())
        q = qloader.find(doc.questionnaire_id, doc.questionnaire_version)
    except (answers_mod.AnswersError, LookupError, qloader.QuestionnaireError) as e:
        raise DemoError("demo.unloadable", why=e) from e
    problems = answers_mod.problems(q, doc.answers)
    if problems:
        raise DemoError("demo.answers_differ", problems=problems)

    # Demo parties: an expert (identity saved so the sealed part can be opened), an employer, a worker.
    identity, recipient = seal.new_identity()
    expert_file = out / "demo-arbodeskundige.agekey"
    atomic_write(expert_file, (identity + "\n").encode(), keep_previous=False, mode=0o600)
    employer = keys.generate("Gemeente Voorbeeld (demo)")
    deadline = (_dt.date.today() + _dt.timedelta(days=42)).isoformat()
    camp_bytes = campaign_mod.create(employer, organisation="Gemeente Voorbeeld (demo)", campaign_id="demo-2026",
                                     questionnaire_id=q.id, questionnaire_version=q.version, deadline=deadline,
                                     expert_recipient=recipient)
    camp_file = out / "demo-campagne.json"
    atomic_write(camp_file, camp_bytes, keep_previous=False, mode=0o644)
    camp = campaign_mod.load(camp_bytes)
    worker = keys.generate("Sanne de Vries")

    side, window = photos.process(drawn_photo("side")), photos.process(drawn_photo("window"))
    store = {side.sha256: side.data, window.sha256: window.data}
    meta = dict(doc.meta)
    sections = [s.id for s in q.data.sections if s.photo_prompt]
    desk = next((s.id for s in q.data.sections if s.diagram == "side_view" and s.photo_prompt), sections[0])
    light = next((s for s in sections if "light" in s), sections[-1])
    set_refs(meta, [PhotoRef(side.sha256, desk, t("demo.caption.side", lang)),
                    PhotoRef(window.sha256, light, t("demo.caption.window", lang))])
    meta.setdefault("signature_strokes", [[[0.08, 0.62], [0.16, 0.35], [0.22, 0.6], [0.3, 0.4], [0.38, 0.58],
                                           [0.5, 0.45], [0.62, 0.55], [0.75, 0.42], [0.9, 0.5]]])
    report, personal = out / "demo-rie-bijdrage.pdf", out / "demo-persoonlijke-kopie.pdf"
    try:
        export_report(q, doc.answers, meta, store.__getitem__, report, personal, key=worker, lang=lang,
                      signer_name="Sanne de Vries", campaign=camp, employee_id="E-1042", code=DEMO_CODE)
    except (ExportError, OSError) as e:
        raise DemoError("demo.not_made", why=e) from e
    return {"signed report": report, "personal copy": personal, "campaign": camp_file,
            "demo expert identity": expert_file}
