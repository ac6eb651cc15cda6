"""No health signal for the employer, by any channel (issue 11).

Over random health answers and expert-only photos, the signed report the employer
receives is the same file: the same size, the same assessment.json and the same
bytes everywhere except inside the sealed part's ciphertext and the signature value.
What differs between two builds for other reasons (times, random ids, font subset
tags) is fixed here, in the test, not by loosening the comparison.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from arbocheck.core.check import answers as answers_mod
from arbocheck.core.trust import keys, seal
from arbocheck.core.check import photos
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report import sealed_size
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.check.draft_photos import CAPTION_MAX, PhotoRef
from arbocheck.core.report.build import build
from samples import tagged_jpeg
from test_sealed_size import NOT_SURROGATE, health_answers
from locations import ROOT

Q = qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")
SAMPLE = answers_mod.loads((ROOT / "questionnaires" / "examples" / "sample-worker.json").read_bytes())
BASE = {k: v for k, v in SAMPLE.answers.items() if k not in Q.health_items()}
NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)  # near now: the key's certificate is valid


class _Frozen(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return NOW.astimezone(tz) if tz else NOW.replace(tzinfo=None)


@contextlib.contextmanager
def deterministic():
    """One build without the randomness that has nothing to do with answers: reportlab's
    creation date and document id, pyHanko's signing time, stamp resource names, trailer
    id and font subset tag, and the time fontTools writes into that subset. The ECDSA signature and age's encryption stay random."""
    from pyhanko.pdf_utils.metadata import info, xmp_xml
    from pyhanko.sign.signers import pdf_cms, pdf_signer
    from pyhanko.stamp import text
    from reportlab import rl_config

    counter = [0]

    def urandom(n: int) -> bytes:  # pyHanko's trailer /ID and uuid4 (stamp resource names)
        out = b""
        while len(out) < n:
            counter[0] += 1
            out += hashlib.sha256(b"arbocheck-test-%d" % counter[0]).digest()
        return out[:n]

    with contextlib.ExitStack() as stack:
        for module in (pdf_signer, pdf_cms, text, info, xmp_xml):
            stack.enter_context(mock.patch.object(module, "datetime", _Frozen))
        stack.enter_context(mock.patch("os.urandom", urandom))
        # fontTools stamps the stamp font's subset with the time, unless this says otherwise
        stack.enter_context(mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}))
        stack.enter_context(mock.patch.object(rl_config, "invariant", 1))
        stack.enter_context(mock.patch("pyhanko.pdf_utils.font.api.generate_subset_prefix", lambda: "ARBOCK"))
        yield


@pytest.fixture(scope="module")
def setup():
    return make_setup()


def make_setup() -> Setup:
    """The worker's key, the expert's recipient, a shared photo and a pool of expert-only
    photos: small ones, and a noisy one far over the per-photo budget."""
    from PIL import Image

    shared = photos.process(tagged_jpeg((1200, 900)))
    noisy = Image.merge("RGB", [Image.effect_noise((2000, 1500), 90 + 10 * i) for i in range(3)])
    buf = io.BytesIO()
    noisy.save(buf, "JPEG", quality=95)
    pool = [photos.process(tagged_jpeg((640, 480))), photos.process(tagged_jpeg((480, 640), orientation=6)),
            photos.process(buf.getvalue())]
    assert len(pool[2].data) > sealed_size.PHOTO_BYTES  # within() must step it down
    store = {p.sha256: p.data for p in [shared, *pool]}
    return Setup(key=keys.generate("Sanne de Vries"), recipient=seal.new_identity()[1], shared=shared,
                 pool=[p.sha256 for p in pool], store=store)


class Setup(dict):
    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing case: not megabytes of JPEG
        return "<setup>"


def _build(setup, answers: dict, expert_photos: list[tuple[str, str, str]], recipient: str | None = "default"):
    meta = {"photos": [PhotoRef(setup["shared"].sha256, "workspace", "bureau van opzij").to_json()]
            + [PhotoRef(pid, section, caption, expert_only=True).to_json() for pid, section, caption in expert_photos],
            "signature_strokes": [[[0.1, 0.5], [0.4, 0.2], [0.8, 0.6]]]}
    rm = ReportMeta(signer_name="Sanne de Vries", fingerprint="", report_id="6f1c2a8e-0c1d-4a51-9a57-3d2f0e4b8c11",
                    created_at="2026-11-24T10:00:00+00:00", organisation="Gemeente Voorbeeld",
                    campaign_id="thuis-2026", employee_id="E042")
    with deterministic():
        return build(Q, answers, meta, setup["key"], rm, setup["store"].__getitem__,
                     expert_recipient=setup["recipient"] if recipient == "default" else recipient,
                     personal_copy=False)


def employer_view(pdf: bytes) -> tuple[bytes, bytes, int]:
    """(assessment.json, the file with the sealed part's bytes and the signature value
    zeroed, the sealed part's length): all the employer can read in a report."""
    from pypdf import PdfReader

    files = {name: blobs[0] for name, blobs in PdfReader(io.BytesIO(pdf)).attachments.items()}
    assert set(files) == {"assessment.json", "confidential.age"}
    out = bytearray(pdf)
    sealed = files["confidential.age"]
    start = pdf.find(sealed)
    assert start > 0 and pdf.find(sealed, start + 1) == -1  # stored as it is, once
    out[start:start + len(sealed)] = bytes(len(sealed))
    [m] = re.finditer(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    gap_start, gap_end = int(m.group(1)), int(m.group(2))
    assert pdf[gap_start:gap_start + 1] == b"<" and pdf[gap_end - 1:gap_end] == b">"
    out[gap_start:gap_end] = b"0" * (gap_end - gap_start)
    return files["assessment.json"], bytes(out), len(sealed)


@pytest.fixture(scope="module")
def reference(setup):
    """No health answer at all, no expert-only photo: the sealed part is made all the same."""
    return _build(setup, BASE, [])


def _expert_photos(setup):
    sections = [s.id for s in Q.data.sections]
    return st.lists(st.tuples(st.sampled_from(setup["pool"]), st.sampled_from(sections),
                              st.text(NOT_SURROGATE, max_size=CAPTION_MAX)), max_size=sealed_size.PHOTO_SLOTS)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(data=st.data())
def test_the_employer_reads_the_same_file_whatever_the_health_answers(setup, reference, data):
    health = data.draw(health_answers(Q), label="health answers")
    expert = data.draw(_expert_photos(setup), label="expert-only photos")
    ex = _build(setup, dict(BASE, **health), expert)
    assert len(ex.signed) == len(reference.signed)
    assessment_json, view, sealed_len = employer_view(ex.signed)
    ref_json, ref_view, ref_sealed_len = employer_view(reference.signed)
    assert assessment_json == ref_json
    assert sealed_len == ref_sealed_len
    assert view == ref_view


def test_two_builds_of_the_same_answers_differ_only_where_the_employer_cannot_read(setup, reference):
    """The comparison above is not vacuous: the ciphertext and the signature do differ
    between two builds, and blanking them is all it takes."""
    again = _build(setup, BASE, [])
    assert again.signed != reference.signed
    assert employer_view(again.signed) == employer_view(reference.signed)


def test_many_health_findings_and_four_photos_seal_to_the_same_size_as_none(setup, reference):
    """The issue's case: a worker with complaints and stress (9 health findings) against one without."""
    import yaml

    scenario = yaml.safe_load((ROOT / "tests" / "scenarios" / "complaints_and_stress.yaml")
                              .read_text(encoding="utf-8"))["answers"]
    health = {k: v for k, v in scenario.items() if k in Q.health_items()}
    ex = _build(setup, dict(BASE, **health), [(setup["pool"][i % 3], "workspace", "rug") for i in range(4)])
    from arbocheck.core.check.sharing import split

    assert len(split(Q, dict(BASE, **health)).expert_findings) >= 5
    assert employer_view(ex.signed)[0] == employer_view(reference.signed)[0]
    assert len(ex.signed) == len(reference.signed)


def test_more_than_four_expert_photos_take_the_next_bucket_of_four(setup, reference):
    five = _build(setup, BASE, [(setup["pool"][0], "workspace", "")] * 5)
    eight = _build(setup, BASE, [(setup["pool"][2], "workspace", "x" * 200)] * 8)
    slot = sealed_size.photo_slot(Q)
    assert employer_view(five.signed)[2] == employer_view(eight.signed)[2]
    assert employer_view(five.signed)[2] - employer_view(reference.signed)[2] >= 4 * slot


def test_expert_only_photos_are_in_the_sealed_part_within_their_budget(setup, reference):
    from PIL import Image

    from arbocheck.core.trust.verify import verify

    ident, recipient = seal.new_identity()
    s = Setup(setup, recipient=recipient)
    ex = _build(s, BASE, [(pid, "workspace", f"foto {i}") for i, pid in enumerate(setup["pool"])])
    conf = json.loads(seal.unseal(verify(ex.signed).confidential, ident))
    import base64

    jpegs = [base64.b64decode(p["jpeg_base64"]) for p in conf["photos"]]
    assert [p["caption"] for p in conf["photos"]] == ["foto 0", "foto 1", "foto 2"]
    assert all(len(j) <= sealed_size.PHOTO_BYTES for j in jpegs)
    assert [hashlib.sha256(j).hexdigest() for j in jpegs] == [p["sha256"] for p in conf["photos"]]
    assert jpegs[0] == setup["store"][setup["pool"][0]]  # a photo that fits is kept as it is
    big = Image.open(io.BytesIO(jpegs[2]))
    assert max(big.size) >= 640 and not big.getexif() and "icc_profile" not in big.info


def _closing_page(pdf: bytes) -> str:
    """The account's part on what was sealed and left out (after the employer's page, before the annex)."""
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    start = text.index("Wat is verzegeld en wat is weggelaten")
    return text[start:text.index("Bijlage: antwoorden", start)]


def test_the_closing_page_says_who_can_open_the_sealed_part_and_nothing_about_its_contents(setup, reference):
    from arbocheck.core.trust.campaign import recipient_fingerprint

    text = " ".join(_closing_page(reference.signed).split())
    fp = recipient_fingerprint(setup["recipient"])
    assert "verzegeld deel" in text and "bedrijfsarts" in text and "medisch beroepsgeheim" in text
    assert fp.split()[0] in text and "De werkgever kan het niet openen" in text
    assert not re.search(r"\d+ (antwoord|bevinding|foto)", text), text


def test_without_an_expert_key_the_health_part_stays_in_the_personal_copy_only(setup):
    from pypdf import PdfReader

    ex = _build(setup, dict(BASE, workload_pace=5, burnout_signals=["exhaustion"]), [], recipient=None)
    assert set(PdfReader(io.BytesIO(ex.signed)).attachments) == {"assessment.json"}
    text = " ".join(_closing_page(ex.signed).split())
    assert "persoonlijke kopie" in text and not re.search(r"\d+ (antwoord|bevinding|foto)", text), text
