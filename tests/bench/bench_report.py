"""Benchmark: build + sign a report with 10 photos, as a ratio to reportlab
building a bare document with the same 10 images, measured in one run.

Goal (issue: signed report): ratio at most 3x, file at most 3 MB.
Run: python tests/bench/bench_report.py
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from arbocheck.core.check import answers, photos  # noqa: E402
from arbocheck.core.trust import keys, seal
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta  # noqa: E402
from arbocheck.core.samples.demo import drawn_photo, sample_answers_path  # noqa: E402
from arbocheck.core.check.draft_photos import PhotoRef  # noqa: E402
from arbocheck.core.report.build import build  # noqa: E402

N = 7


def bare(images: list[bytes]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, SimpleDocTemplate

    buf = io.BytesIO()
    story = []
    for data in images:
        story.append(Image(io.BytesIO(data), width=120 * mm, height=90 * mm))
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def main() -> None:
    doc = answers.loads(sample_answers_path().read_bytes())
    q = qloader.find(doc.questionnaire_id, doc.questionnaire_version)
    sections = [s.id for s in q.data.sections if s.photo_prompt]
    shots = [photos.process(drawn_photo("side" if i % 2 else "window")) for i in range(10)]
    # Ten different photos (a drawn scene varies too little): perturb each.
    from PIL import Image

    varied = []
    for i, p in enumerate(shots):
        im = Image.open(io.BytesIO(p.data)).rotate(i * 3, expand=False, fillcolor=(200, 200, 200))
        im = Image.blend(im, Image.effect_noise(im.size, 30 + i).convert("RGB"), 0.15)
        b = io.BytesIO()
        im.save(b, "JPEG", quality=85)
        varied.append(photos.process(b.getvalue()))
    store = {p.sha256: p.data for p in varied}
    meta = {"photos": [PhotoRef(p.sha256, sections[i % len(sections)], f"foto {i + 1}").to_json()
                       for i, p in enumerate(varied)]}
    key = keys.generate("Bench")
    _, recipient = seal.new_identity()

    def ours() -> bytes:
        rm = ReportMeta(signer_name="Bench", fingerprint="")
        return build(q, doc.answers, meta, key, rm, store.__getitem__, expert_recipient=recipient,
                     personal_copy=False).signed

    def baseline() -> bytes:
        return bare([p.data for p in varied])

    ours(), baseline()  # warm up: fonts, pyHanko import
    t_ours, t_bare = [], []
    for _ in range(N):  # interleaved, so machine noise hits both alike
        t0 = time.perf_counter()
        signed = ours()
        t_ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        plain = baseline()
        t_bare.append(time.perf_counter() - t0)
    mo, mb = statistics.median(t_ours), statistics.median(t_bare)
    ratio = mo / mb
    size_mb = len(signed) / 1e6
    print(f"report build+sign (10 photos): median {mo:.3f} s; bare reportlab with the same images: "
          f"median {mb:.3f} s; ratio {ratio:.2f} (goal <= 3)")
    print(f"signed report size: {size_mb:.2f} MB (goal <= 3 MB); bare document: {len(plain) / 1e6:.2f} MB. "
          f"Timed: print-size photos, PDF, sealing, attaching, signing and the self-check; not the personal copy")


if __name__ == "__main__":
    main()
