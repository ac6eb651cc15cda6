"""Hostile input: hundreds of mutated reports and hand-made nasties are each rejected with a
reason, nothing is written outside the register's folder, and no traceback escapes."""

import io
import json
import random
from pathlib import Path

import pytest
import yaml

from arbocheck.core.trust import keys
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.employer.importer import import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.report.build import build
from arbocheck.core.trust.signing import attach, sign
from locations import SCENARIOS

SCEN = SCENARIOS


@pytest.fixture(scope="module")
def valid(tmp_path_factory):
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCEN / "laptop_only_all_day.yaml").read_text())["answers"]
    key = keys.generate("Sanne")
    ex = build(q, answers, {}, key, ReportMeta(signer_name="Sanne", fingerprint=""), lambda i: b"",
               personal_copy=False)
    return ex.signed, key, ex.assessment


def mutations(pdf: bytes, n: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        b = bytearray(pdf)
        kind = i % 5
        if kind == 0:  # flip a few bits
            for _ in range(rng.randint(1, 4)):
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        elif kind == 1:  # truncate
            b = b[: rng.randrange(1, len(b) - 1)]
        elif kind == 2:  # delete a chunk
            at = rng.randrange(len(b) - 64)
            del b[at: at + rng.randint(1, 64)]
        elif kind == 3:  # duplicate a chunk
            at = rng.randrange(len(b) - 64)
            b[at:at] = b[at: at + rng.randint(1, 64)]
        else:  # overwrite with junk
            at = rng.randrange(len(b) - 32)
            b[at: at + 16] = bytes(rng.randrange(256) for _ in range(16))
        out.append(bytes(b))
    return out


def _plain_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 700, "x")
    c.showPage()
    c.save()
    return buf.getvalue()


def resigned(key, attachments: dict) -> bytes:
    """A properly signed PDF with the given attachments (attacks the signature does not catch)."""
    return sign(attach(_plain_pdf(), attachments), key, page=0, box=(10, 10, 200, 60), signer_name="x",
                reason="x", stamp_text="%(ts)s")


def bomb(key, megabytes: int = 200) -> bytes:
    """A signed PDF whose assessment.json is a Flate stream expanding to `megabytes` MB."""
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(_plain_pdf()))
    data = embed.EmbeddedFileObject.from_file_data(w, data=b" " * (megabytes * 1024 * 1024), compress=True)
    embed.embed_file(w, embed.FileSpec(file_spec_string="assessment.json", embedded_data=data))
    out = io.BytesIO()
    w.write(out)
    return sign(out.getvalue(), key, page=0, box=(10, 10, 200, 60), signer_name="x", reason="x",
                stamp_text="%(ts)s")


@pytest.mark.slow
def test_hostile_corpus_is_rejected_with_reasons(valid, tmp_path):
    pdf, key, assessment = valid
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, data in enumerate(mutations(pdf, 500)):
        (corpus / f"m{i:03d}.pdf").write_bytes(data)
    hand = {
        "renamed.pdf": b"PK\x03\x04 this is a zip file renamed",
        "empty.pdf": b"",
        # Signed reports with attachments named like paths, with NUL and right-to-left characters.
        "path-attachment.pdf": resigned(key, {"assessment.json": b"{}", "../../x": b"evil"}),
        "windows-path.pdf": resigned(key, {"C:\\x": b"evil"}),
        "nul-name.pdf": resigned(key, {"a\x00b": b"evil"}),
        "rtl-name.pdf": resigned(key, {"\u202eexe.json": b"evil"}),
        # A compressed attachment that expands to 200 MB.
        "bomb-attachment.pdf": bomb(key),
        # A real assessment, signed by another key than the one it names.
        "other-key.pdf": resigned(keys.generate("Eve"), {"assessment.json": json.dumps(assessment).encode()}),
    }
    for name, data in hand.items():
        if data is not None:
            (corpus / Path(name).name).write_bytes(data)
    big = corpus / "big.pdf"
    with open(big, "wb") as f:  # sparse: 2 GB on paper, nothing on disk
        f.truncate(2 * 1024 ** 3)
    reg_dir = tmp_path / "register"
    reg = Register.open(f"sqlite:///{reg_dir / 'r.sqlite'}")
    before = set(tmp_path.rglob("*"))
    outcomes = import_files(reg, [corpus])
    assert len(outcomes) == 500 + len(hand) + 1
    accepted = [o for o in outcomes if o.accepted]
    # No mutation lands in bytes nobody checks: the padding after the signature inside /Contents is
    # the one range the signature cannot cover, and verify accepts only zeros there. Every outcome
    # is a verdict with a reason.
    assert accepted == [], [o.line() for o in accepted]
    assert all(o.reason for o in outcomes)
    new = set(tmp_path.rglob("*")) - before
    assert all(reg_dir in p.parents or p == reg_dir for p in new), sorted(map(str, new))[:5]
    reasons = {o.path.name: o.reason for o in outcomes}
    assert "larger than" in reasons["big.pdf"]
    assert "not a PDF" in reasons["renamed.pdf"]
    assert "unexpected attachment" in reasons["path-attachment.pdf"]
    assert "not the key that signed it" in reasons["other-key.pdf"]
    assert "larger than allowed" in reasons["bomb-attachment.pdf"]
    assert "unexpected attachment" in reasons["rtl-name.pdf"] and "unexpected attachment" in reasons["nul-name.pdf"]


def test_a_stuck_checker_costs_only_its_own_file(valid, tmp_path, monkeypatch):
    """With no time at all, every check 'hangs': each file is rejected, workers are replaced, no crash."""
    from arbocheck.core.employer import importer

    pdf, _, _ = valid
    for i in range(3):
        (tmp_path / f"r{i}.pdf").write_bytes(pdf)
    monkeypatch.setattr(importer, "TIME_LIMIT_S", 0)
    reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}")
    outcomes = import_files(reg, sorted(tmp_path.glob("r*.pdf")))
    assert [o.accepted for o in outcomes] == [False, False, False]
    assert all("took longer" in o.reason for o in outcomes)


def test_a_modified_client_cannot_put_health_data_into_the_register(valid, tmp_path):
    """A report signed by its own worker, but with health answers, findings and measures added to
    assessment.json: refused (claims.py), and nothing of it reaches the register."""
    _, key, assessment = valid
    finding = {"rule": "physical_complaints", "item": "complaint_areas", "section": "complaints",
               "priority": "medium", "owner": "worker", "title": "x", "advice": "x", "measures": [], "norms": [],
               "also": [], "outside_scope": None}
    measure = {"measure": "bedrijfsarts", "text": "x", "owner": "worker", "provision": False, "exemption": None,
               "priority": "medium",
               "term": "x", "term_label": "x", "term_days": 1, "rules": ["physical_complaints"],
               "sections": ["complaints"], "health": False}
    variants = {
        "answer": {**assessment, "answers": {**assessment["answers"], "complaint_areas": ["back"]}},
        "finding": {**assessment, "findings": assessment["findings"] + [finding]},
        "measure": {**assessment, "action_plan": assessment["action_plan"] + [measure]},
        "extra-key": {**assessment, "secret_notes": "rugklachten"},
    }
    paths = []
    for name, evil in variants.items():
        paths.append(tmp_path / f"evil-{name}.pdf")
        paths[-1].write_bytes(resigned(key, {"assessment.json": json.dumps(evil).encode()}))
    reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}")
    out = {o.path.stem: o for o in import_files(reg, paths)}
    assert not any(o.accepted for o in out.values()), [o.line() for o in out.values()]
    assert out["evil-answer"].key == "health_in_employer_part"
    assert out["evil-finding"].key == out["evil-measure"].key == "claims_differ"
    assert out["evil-extra-key"].key == "assessment.field" and "secret_notes" in out["evil-extra-key"].reason
    from sqlalchemy import text

    with reg.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM reports")).scalar() == 0
    assert list(reg.pdf_dir.glob("*.pdf")) == []
