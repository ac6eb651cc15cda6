"""The signed RI&E contribution: checked with pdfsig, qpdf, exiftool and pypdf, and attacked."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from arbocheck.core import assessment, keys, photos, qloader, seal
from arbocheck.core.assessment import ReportMeta
from arbocheck.core.draft_photos import PhotoRef
from arbocheck.core.report import build
from arbocheck.core.verify import Rejected, verify
from samples import tagged_jpeg

DATA = Path(__file__).parent / "data"
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


def test_no_exif_or_gps_in_any_image_or_attachment(made, tmp_path):
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
            assert b"Exif" not in blob and b"GPS" not in blob, name
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
    s1 = seal.seal(assessment.dumps(c1), expert[1])
    s2 = seal.seal(assessment.dumps(c2), expert[1])
    assert len(s1) == len(s2)
