"""The signed RI&E contribution: checked with pdfsig, qpdf, exiftool and pypdf, and attacked."""

from __future__ import annotations

import base64
import io
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from arbocheck.core.report import assessment, sealed_size
from arbocheck.core.trust import keys, seal
from arbocheck.core.check import photos
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.check.draft_photos import PhotoRef
from arbocheck.core.report.build import build
from arbocheck.core.trust.verify import Rejected, verify
from samples import tagged_jpeg
from locations import DATA, ROOT, SCENARIOS

ANSWERS = {"body_height_cm": 160, "device_setup": "laptop_only", "desk_height_cm": 74,
           "desk_height_adjustable": False, "laptop_stand": False, "neck_pain": 5, "provided": ["none"]}


@pytest.fixture(scope="module")
def mini():
    return qloader.load(DATA / "mini.yaml")


@pytest.fixture(scope="module")
def expert():
    return seal.new_identity()


@pytest.fixture(scope="module")
def worker_key():
    return keys.generate("Sanne de Vries")


@pytest.fixture(scope="module")
def made(mini, expert, worker_key):
    """One signed report with a GPS-tagged photo (shared) and an expert-only photo."""
    shared = photos.process(tagged_jpeg((1200, 900)))
    private = photos.process(tagged_jpeg((800, 600), orientation=6))
    store = {shared.sha256: shared.data, private.sha256: private.data}
    meta = {"photos": [PhotoRef(shared.sha256, "desk", "zijaanzicht").to_json(),
                       PhotoRef(private.sha256, "desk", "rug", expert_only=True).to_json()],
            "signature_strokes": [[[0.1, 0.5], [0.4, 0.2], [0.8, 0.6]]]}
    rm = ReportMeta(signer_name="Sanne de Vries", fingerprint="", organisation="Gemeente Voorbeeld",
                    campaign_id="thuis-2026", employee_id="E042")
    ex = build(mini, ANSWERS, meta, worker_key, rm, store.__getitem__, expert_recipient=expert[1])
    return ex, store


def have(tool):
    return shutil.which(tool) is not None


def test_verifies_and_carries_the_assessment(made, worker_key):
    ex, _ = made
    v = verify(ex.signed, pinned_spki=worker_key.spki_der)
    assert v.assessment == json.loads(assessment.dumps(ex.assessment))
    assert v.signer_fingerprint == worker_key.fingerprint
    assert v.attachments == ["assessment.json", "confidential.age"]
    a = v.assessment
    assert a["campaign_id"] == "thuis-2026" and a["employee_id"] == "E042" and a["revision"] == 1
    assert "neck_pain" not in a["answers"] and "neck" not in [f["rule"] for f in a["findings"]]
    assert a["confidential"]["sealed"] is True


@pytest.mark.skipif(not have("pdfsig"), reason="poppler-utils (pdfsig) not installed")
def test_pdfsig_reports_a_valid_signature_over_the_whole_file(made, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(made[0].signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    # pdfsig always exits 0 and calls a self-signed certificate "not trusted": read its text.
    assert "Signature #1:" in out and "Signature #2" not in out
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Signer Certificate Common Name: Sanne de Vries" in out


@pytest.mark.skipif(not have("qpdf"), reason="qpdf not installed")
def test_qpdf_check_passes(made, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(made[0].signed)
    r = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "No syntax or stream encoding errors" in r.stdout


def test_wrong_pinned_key_is_rejected(made):
    other = keys.generate("Someone Else")
    with pytest.raises(Rejected, match="different key"):
        verify(made[0].signed, pinned_spki=other.spki_der)


def _signed_ranges(pdf: bytes) -> list[tuple[int, int]]:
    import re

    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    a, b, c, d = map(int, m.groups())
    return [(a, a + b), (c, c + d)]


def test_one_flipped_byte_anywhere_in_the_signed_range_is_rejected(made):
    pdf = made[0].signed
    ranges = _signed_ranges(pdf)
    assert ranges[1][1] == len(pdf)
    rng = random.Random(4)
    positions = [rng.randrange(*ranges[i % 2]) for i in range(60)] + [0, ranges[0][1] - 1, len(pdf) - 1]
    for pos in positions:
        bad = bytearray(pdf)
        bad[pos] ^= 0x01
        with pytest.raises(Rejected):
            verify(bytes(bad))


def test_a_changed_byte_in_the_signature_room_after_the_signature_is_rejected(made):
    """The one range the signature cannot cover: pdfsig would not notice, verify does."""
    pdf = made[0].signed
    (_, gap_start), (gap_end, _) = _signed_ranges(pdf)
    hexed = pdf[gap_start + 1:gap_end - 1]
    last = len(hexed.rstrip(b"0"))  # the signature's own hex digits end about here
    rng = random.Random(5)
    for pos in [gap_end - 2] + [gap_start + 1 + rng.randrange(last + 16, len(hexed)) for _ in range(20)]:
        bad = bytearray(pdf)
        bad[pos:pos + 1] = rng.choice([b"1", b"f", b"A"])
        with pytest.raises(Rejected, match="the signature is not built the way arbocheck writes it"):
            verify(bytes(bad))


def test_trailing_bytes_are_rejected(made):
    with pytest.raises(Rejected, match="changed or extended"):
        verify(made[0].signed + b"\n% appended\n")


def _incremental(pdf: bytes, change) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_changed_title_after_signing_is_rejected(made):
    from pyhanko.pdf_utils import generic

    def retitle(w):
        info = w.trailer["/Info"]
        info["/Title"] = generic.TextStringObject("Alles in orde")
        w.update_container(info)

    with pytest.raises(Rejected):
        verify(_incremental(made[0].signed, retitle))


def test_added_attachment_after_signing_is_rejected(made):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(PdfReader(io.BytesIO(made[0].signed)), incremental=True)
    w.add_attachment("extra.json", b'{"findings": []}')
    out = io.BytesIO()
    w.write(out)
    with pytest.raises(Rejected):
        verify(out.getvalue())


def test_added_annotation_after_signing_is_rejected(made):
    from pyhanko.pdf_utils import generic

    def annotate(w):
        page = w.root["/Pages"]["/Kids"][0].get_object()
        annot = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(x) for x in (50, 50, 80, 80)]),
            generic.NameObject("/Contents"): generic.TextStringObject("niet waar"),
        })
        ref = w.add_object(annot)
        page[generic.NameObject("/Annots")] = generic.ArrayObject([ref])
        w.update_container(page)

    with pytest.raises(Rejected):
        verify(_incremental(made[0].signed, annotate))


@pytest.mark.parametrize("data, reason", [
    (b"", "not a PDF"), (b"PK\x03\x04 zip file", "not a PDF"), (b"%PDF-1.7\n%%EOF\n", "cannot be read|no signature"),
])
def test_not_a_report(data, reason):
    with pytest.raises(Rejected, match=reason):
        verify(data)


def test_unsigned_personal_copy_is_not_a_report(made):
    with pytest.raises(Rejected, match="no signature"):
        verify(made[0].personal)


def test_sealed_part_opens_for_the_expert_only(made, expert):
    v = verify(made[0].signed)
    conf = json.loads(seal.unseal(v.confidential, expert[0]))
    assert conf["answers"] == {"neck_pain": 5}
    assert [f["rule"] for f in conf["findings"]] == ["neck"]
    assert len(conf["photos"]) == 1 and conf["photos"][0]["jpeg_base64"]
    other, _ = seal.new_identity()
    with pytest.raises(seal.SealError):
        seal.unseal(v.confidential, other)


def test_no_exif_or_gps_in_any_image_or_attachment(made, expert, tmp_path):
    from PIL import Image
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(made[0].signed))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1  # the shared photo; the expert-only one is sealed, not on a page
    for i, img in enumerate(images):
        im = Image.open(io.BytesIO(img.data))
        assert not im.getexif() and "exif" not in im.info and "icc_profile" not in im.info
        if have("exiftool"):
            path = tmp_path / f"img{i}.jpg"
            path.write_bytes(img.data)
            tags = json.loads(subprocess.run(["exiftool", "-j", "-G1", "-a", "-s", str(path)],
                                             capture_output=True, text=True, check=True).stdout)[0]
            leaked = [k for k in tags if k.split(":")[0] in ("GPS", "IFD0", "ExifIFD", "XMP", "ICC_Profile")]
            assert leaked == [], leaked
    for name, blobs in reader.attachments.items():
        for blob in blobs:
            # The sealed part is ciphertext (random bytes, where "GPS" turns up by chance): look
            # inside it, at the expert-only photo as the bedrijfsarts will get it.
            if name != "confidential.age":
                assert b"Exif" not in blob and b"GPS" not in blob, name
                continue
            sealed = json.loads(seal.unseal(blob, expert[0]))
            jpegs = [base64.b64decode(ph["jpeg_base64"]) for ph in sealed["photos"]]
            assert len(jpegs) == 1
            for data in jpegs:
                im = Image.open(io.BytesIO(data))
                assert not im.getexif() and "exif" not in im.info and b"GPS" not in data
    if have("exiftool"):
        path = tmp_path / "r.pdf"
        path.write_bytes(made[0].signed)
        tags = json.loads(subprocess.run(["exiftool", "-j", "-G1", "-a", "-s", "-ee", str(path)],
                                         capture_output=True, text=True, check=True).stdout)[0]
        assert not [k for k in tags if "GPS" in k], tags


def test_personal_copy_is_marked_and_holds_everything(made):
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(made[0].personal)).pages)
    assert "PERSOONLIJK — NIET DELEN" in text
    assert "Nekklachten" in text  # the health answer is in the worker's own copy
    signed_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(made[0].signed)).pages)
    assert "Nekklachten" not in signed_text and "PERSOONLIJK" not in signed_text


HEALTH = st.fixed_dictionaries({}, optional={"neck_pain": st.integers(1, 5),
                                             "sleep_hours": st.integers(0, 24)})


@settings(max_examples=25, deadline=None)
@given(h1=HEALTH, h2=HEALTH)
def test_health_answers_change_neither_assessment_nor_sealed_length(mini, expert, h1, h2):
    rm = ReportMeta(signer_name="X", fingerprint="F", report_id="r", created_at="2026-11-24T10:00:00+00:00")
    a1, c1 = assessment.build(mini, dict(ANSWERS, **h1), {}, rm, sealed=True)
    a2, c2 = assessment.build(mini, dict(ANSWERS, **h2), {}, rm, sealed=True)
    assert assessment.dumps(a1) == assessment.dumps(a2)
    room = sealed_size.room(mini, rm.report_id, 0)  # as report.build seals it
    s1 = seal.seal(assessment.dumps(c1), expert[1], room=room)
    s2 = seal.seal(assessment.dumps(c2), expert[1], room=room)
    assert len(s1) == len(s2)


# -- layout: what an employer files in its RI&E should look finished ------------------------------

SCENARIO_FILES = sorted(SCENARIOS.glob("*.yaml"))


def _record(monkeypatch):
    """Make report_pdf lay out through a template that notes (page, flowable, frame width) as it places them."""
    from arbocheck.core.report import pdf as report_pdf

    placed: list = []

    class Recording(report_pdf.SimpleDocTemplate):
        def afterFlowable(self, flowable):
            placed.append((self.page, flowable, self.width))

    monkeypatch.setattr(report_pdf, "SimpleDocTemplate", Recording)
    return placed


def _last_on_each_page(placed) -> dict:
    from reportlab.platypus import CondPageBreak, Spacer
    from reportlab.platypus.doctemplate import ActionFlowable

    last = {}
    for page, f, _ in placed:
        if not isinstance(f, (ActionFlowable, Spacer, CondPageBreak)) and f.__class__.__name__ != "LCActionFlowable":
            last[page] = f
    return last


def _is_heading(f) -> bool:
    from reportlab.platypus import Paragraph

    from arbocheck.core.report.pdf import HEADINGS

    return isinstance(f, Paragraph) and f.style.name in HEADINGS


@pytest.mark.parametrize("lang, header", [
    ("nl", ["Maatregel", "Prioriteit", "Uiterlijk", "Arbovoorziening"]),
    ("en", ["Measure", "Priority", "By", "Arbo provision"]),
])
def test_action_plan_header_words_are_never_broken(mini, lang, header):
    from pypdf import PdfReader

    from arbocheck.core.report.pdf import ReportInput, build_pdf

    rm = ReportMeta(signer_name="Sanne de Vries", fingerprint="AB" * 32, lang=lang)
    for personal in (False, True):
        pdf = build_pdf(ReportInput(mini, ANSWERS, {}, rm, lambda pid: b"", personal=personal))
        lines = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).splitlines()
        start = lines.index(header[0])
        words = {w for h in header for w in h.split()}
        cells = lines[start:start + len(header) + 3]
        printed = [w for line in cells[:[i for i, c in enumerate(cells) if c not in words][0]] for w in line.split()]
        # a word broken in the middle ("Arbovoorz" / "iening") would print as two lines that are not words
        assert printed == [w for h in header for w in h.split()], cells


def test_headings_stay_with_what_follows_wherever_they_fall(monkeypatch):
    """At every height on the page: a heading never ends a page, a table never leaves its header (or
    one row) behind, a photo keeps its caption."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer

    from arbocheck.core.report import pdf as report_pdf

    report_pdf._register_fonts()
    st = report_pdf._styles()
    jpeg = photos.process(tagged_jpeg((1200, 900))).data
    for offset in range(0, 250, 4):
        for kind in ("table", "photo", "text"):
            placed = _record(monkeypatch)
            if kind == "table":
                rows = [[Paragraph("Vraag", st["cellb"]), Paragraph("Antwoord", st["cellb"])]]
                rows += [[Paragraph(f"vraag {i}", st["cell"]), Paragraph("ja", st["cell"])] for i in range(8)]
                follow = report_pdf._table(rows, [115 * mm, 55 * mm])
            elif kind == "photo":
                follow = KeepTogether([Image(io.BytesIO(jpeg), width=120 * mm, height=90 * mm),
                                       Paragraph("Foto 1: bureau", st["small"])])
            else:
                follow = Paragraph("woord " * 120, st["body"])
            story = [Spacer(1, offset * mm), Paragraph("Bureau", st["h2"]), Paragraph("Foto's", st["h3"]), follow]
            report_pdf.SimpleDocTemplate(io.BytesIO(), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                         topMargin=18 * mm, bottomMargin=18 * mm).build(report_pdf.keep_headings(story))
            assert not any(_is_heading(f) for f in _last_on_each_page(placed).values()), (offset, kind)
            heads = {p for p, f, _ in placed if _is_heading(f)}
            assert len(heads) == 1, (offset, kind)
            parts = [f for _, f, _ in placed if f.__class__.__name__ == "Table"]
            assert all(len(t._cellvalues) >= 3 for t in parts), (offset, [len(t._cellvalues) for t in parts])


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_real_reports_end_no_page_on_a_heading_and_keep_tables_in_the_margins(monkeypatch, path):
    import yaml

    from arbocheck.core.report.pdf import ReportInput, build_pdf

    q = qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")
    answers = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
    wide, tall = photos.process(tagged_jpeg((1200, 900))), photos.process(tagged_jpeg((900, 1200)))
    store = {wide.sha256: wide.data, tall.sha256: tall.data}
    sections = [s.id for s in q.data.sections if s.photo_prompt]
    meta = {"photos": [PhotoRef((wide, tall)[i % 2].sha256, sections[2 * i % len(sections)], "foto " * 5 * i).to_json()
                       for i in range(5)],
            "signature_strokes": [[[0.1, 0.5], [0.6, 0.3]]]}
    for lang, personal in (("nl", False), ("en", True)):
        placed = _record(monkeypatch)
        rm = ReportMeta(signer_name="Sanne de Vries", fingerprint="AB" * 32, lang=lang, organisation="Gemeente",
                        campaign_id="c", employee_id="E1", expert_fingerprint="CD" * 32)
        build_pdf(ReportInput(q, answers, meta, rm, store.__getitem__, personal=personal, sealed=True))
        ends = {page: f.text for page, f in _last_on_each_page(placed).items() if _is_heading(f)}
        assert ends == {}, f"headings that end a page: {ends}"
        wide_tables = [round(f._width) for _, f, w in placed if f.__class__.__name__ == "Table" and f._width > w + 0.01]
        assert wide_tables == [], "tables wider than the text"


# -- what the pages say: figure numbers, dates, scale answers ------------------------------------

def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_photos_are_numbered_down_the_report_not_in_the_order_they_were_added(worker_key):
    import re

    q = qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")
    sections = [s.id for s in q.data.sections if s.photo_prompt]
    assert len(sections) >= 4
    imgs = [photos.process(tagged_jpeg((600 + 80 * i, 450))) for i in range(4)]
    store = {p.sha256: p.data for p in imgs}
    # Added last section first; two photos in the first section (the second one is the same image
    # as a photo elsewhere: numbers go by place, not by image); an expert-only photo in between.
    added = [(imgs[0], sections[-1], "laatste", False), (imgs[1], sections[2], "midden", False),
             (imgs[3], sections[1], "alleen-expert", True), (imgs[2], sections[0], "eerste-a", False),
             (imgs[0], sections[0], "eerste-b", False)]
    meta = {"photos": [PhotoRef(img.sha256, sec, cap, expert_only=priv).to_json() for img, sec, cap, priv in added]}
    rm = ReportMeta(signer_name="Sanne de Vries", fingerprint="")
    ex = build(q, {}, meta, worker_key, rm, store.__getitem__)

    # assessment.json, as the employer reads it from the signed file
    listed = verify(ex.signed, pinned_spki=worker_key.spki_der).assessment["photos"]
    figure = {p["caption"]: p["figure"] for p in listed}
    assert figure == {"eerste-a": 1, "eerste-b": 2, "midden": 3, "laatste": 4}
    rank = [sections.index(p["section"]) for p in sorted(listed, key=lambda p: p["figure"])]
    assert rank == sorted(rank)

    # the signed report prints the same numbers, increasing down the pages
    printed = re.findall(r"Foto (\d+): (\S+)", _text(ex.signed))
    assert printed == [(str(n), cap) for cap, n in sorted(figure.items(), key=lambda kv: kv[1])]
    assert "alleen-expert" not in _text(ex.signed)

    # the personal copy numbers its own photos (the expert-only one included) down its pages too
    printed = re.findall(r"Foto (\d+): (\S+)", _text(ex.personal))
    assert printed == [("1", "eerste-a"), ("2", "eerste-b"), ("3", "alleen-expert"), ("4", "midden"), ("5", "laatste")]


@pytest.mark.parametrize("lang, long, iso", [("nl", "1 december 2026", "2026-12-01"),
                                             ("en", "1 December 2026", "2026-12-01")])
def test_dates_print_in_the_report_language_and_stay_iso_in_the_json(mini, monkeypatch, lang, long, iso):
    from arbocheck.core.report.pdf import ReportInput, build_pdf

    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")  # the OS locale plays no part
    rm = ReportMeta(signer_name="Sanne de Vries", fingerprint="AB" * 32, lang=lang,
                    created_at="2026-12-01T10:00:00+00:00")
    for personal in (False, True):
        text = _text(build_pdf(ReportInput(mini, ANSWERS, {}, rm, lambda pid: b"", personal=personal)))
        # cover, declaration block, and the footer of every page
        assert text.count(long) >= 2 + text.count("pagina " if lang == "nl" else "page "), text
        assert iso not in text
    a, _ = assessment.build(mini, ANSWERS, {}, rm, sealed=False)
    assert a["created_at"] == "2026-12-01T10:00:00+00:00"


def test_scale_answers_print_with_what_they_mean(mini):
    from arbocheck.core.check import textfmt
    from arbocheck.core.report.pdf import ReportInput, build_pdf

    assert textfmt.value(mini, "neck_pain", 1, "nl") == "1 — nooit"
    assert textfmt.value(mini, "neck_pain", 5, "en") == "5 — always"
    assert textfmt.value(mini, "neck_pain", 3, "nl") == "3 op een schaal van 1 (nooit) tot 5 (altijd)"
    assert textfmt.value(mini, "neck_pain", 2, "en") == "2 on a scale from 1 (never) to 5 (always)"
    assert textfmt.value(mini, "desk_height_cm", 74, "nl") == "74"  # other numbers stay bare
    for lang, shown in (("nl", "5 — altijd"), ("en", "5 — always")):
        rm = ReportMeta(signer_name="X", fingerprint="AB" * 32, lang=lang)
        assert shown in _text(build_pdf(ReportInput(mini, ANSWERS, {}, rm, lambda pid: b"", personal=True)))
