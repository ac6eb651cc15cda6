"""Benchmark: build + sign a report with 10 photos, as a ratio to reportlab
building a bare document with the same 10 images, measured in one run.

Goal (issue 15): ratio at most 2x, file at most 3 MB. Also prints where the time goes (layout,
images, sealing, attaching, signing, self-check), timed inside the same builds.
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
from arbocheck.core.report import build as build_mod  # noqa: E402
from arbocheck.core.report.build import build  # noqa: E402

STEPS: dict[str, list[float]] = {}
# build() reports its phases through `progress`; the time between two reports is that phase's wall time
# (the photos are made in a thread pool: adding up each photo's time would count the threads).
PHASES = {"photos": "images (print-size photos), assessment, sealing", "pdf": "layout (platypus, images embedded)",
          "sign": "attaching and signing (pypdf, pyHanko, stamp)", "verify": "self-check (verify)"}


def timed(owner, name: str, step: str) -> None:
    """Wrap owner.name so each call adds its time to STEPS[step] (the build calls it through the module)."""
    inner = getattr(owner, name)

    def wrapper(*a, **kw):
        t0 = time.perf_counter()
        try:
            return inner(*a, **kw)
        finally:
            STEPS.setdefault(step, [0.0])[-1] += time.perf_counter() - t0

    setattr(owner, name, wrapper)


class Phases:
    def __init__(self):
        self.last, self.name = None, None

    def __call__(self, pct: int, what: str) -> None:
        now = time.perf_counter()
        if self.name in PHASES:
            STEPS.setdefault(PHASES[self.name], [0.0])[-1] += now - self.last
        self.last, self.name = now, what


def instrument() -> None:
    from arbocheck.core.trust import signing

    timed(build_mod.seal, "seal", "  of which sealing (age)")
    timed(signing, "attach", "  of which attaching (pypdf)")
    timed(signing, "sign", "  of which signing (pyHanko, stamp)")


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
                     personal_copy=False, progress=Phases()).signed

    def before() -> bytes:  # as before issue 15: photos printed at 1280 px
        side, build_mod.PRINT_SIDE = build_mod.PRINT_SIDE, 1280
        try:
            return ours()
        finally:
            build_mod.PRINT_SIDE = side

    def baseline() -> bytes:
        return bare([p.data for p in varied])

    instrument()
    ours(), baseline()  # warm up: fonts, pyHanko import
    STEPS.clear()
    t_ours, t_bare, t_before = [], [], []
    for _ in range(N):  # interleaved, so machine noise hits both alike
        for v in STEPS.values():
            v.append(0.0)
        t0 = time.perf_counter()
        signed = ours()
        t_ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        plain = baseline()
        t_bare.append(time.perf_counter() - t0)
        saved = {k: v[-1] for k, v in STEPS.items()}
        t0 = time.perf_counter()
        before()
        t_before.append(time.perf_counter() - t0)
        for k, v in STEPS.items():  # the comparison run does not count in the breakdown
            v[-1] = saved.get(k, 0.0)
    mo, mb = statistics.median(t_ours), statistics.median(t_bare)
    ratio = mo / mb
    size_mb = len(signed) / 1e6
    print(f"report build+sign (10 photos): median {mo:.3f} s; bare reportlab with the same images: "
          f"median {mb:.3f} s; ratio {ratio:.2f} (goal <= 2)")
    print(f"the same with photos printed at 1280 px (before issue 15): median {statistics.median(t_before):.3f} s; "
          f"ratio {statistics.median(t_before) / mb:.2f}")
    print("breakdown (median per build):")
    order = list(PHASES.values())
    for step, times in sorted(STEPS.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else
                                                             order.index(PHASES["sign" if "sign" in kv[0] or "attach" in kv[0] else "photos"]) + 0.5)):
        m = statistics.median(times[-N:])
        print(f"  {step:40s} {m:.3f} s  {m / mo:5.1%}")
    print(f"signed report size: {size_mb:.2f} MB (goal <= 3 MB); bare document: {len(plain) / 1e6:.2f} MB. "
          f"Timed: print-size photos, PDF, sealing, attaching, signing and the self-check; not the personal copy")


if __name__ == "__main__":
    main()
