"""The arbo expert: identity, unsealing, the review queue, the append-only trail and signed advice."""

import json
import os
from pathlib import Path

import pytest

from arbocheck.core.expert import advice, identity as expert_identity, queue as expert
from arbocheck.core.trust import keys
from arbocheck.core.check import photos
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.expert.trail import ReviewTrail, TrailError
from arbocheck.core.trust.verify import verify
from locations import ROOT

SCEN = ROOT / "tests" / "scenarios"


@pytest.fixture(scope="module")
def q():
    return qloader.find("thuiswerkplek")


@pytest.fixture(scope="module")
def ident(tmp_path_factory):
    return expert_identity.load_or_create(tmp_path_factory.mktemp("expert"))


def _report(q, answers, recipient, name, tmp):
    rm = ReportMeta(signer_name=name, fingerprint="", employee_id=name[:3].upper())
    ex = build(q, answers, {}, keys.generate(name), rm, lambda i: b"", expert_recipient=recipient,
               personal_copy=False)
    path = tmp / f"{name}.pdf"
    path.write_bytes(ex.signed)
    return path


@pytest.fixture(scope="module")
def folder(q, ident, tmp_path_factory):
    import yaml

    tmp = tmp_path_factory.mktemp("reports")
    stress = yaml.safe_load((SCEN / "complaints_and_stress.yaml").read_text())["answers"]
    laptop = yaml.safe_load((SCEN / "laptop_only_all_day.yaml").read_text())["answers"]
    compliant = yaml.safe_load((SCEN / "fully_compliant.yaml").read_text())["answers"]
    _report(q, stress, ident.recipient, "Anna", tmp)
    _report(q, laptop, ident.recipient, "Bram", tmp)
    _report(q, compliant, ident.recipient, "Cor", tmp)
    other = expert_identity.load_or_create(tmp_path_factory.mktemp("other"))
    _report(q, stress, other.recipient, "Dirk", tmp)
    (tmp / "kapot.pdf").write_bytes(b"%PDF-1.7 not really")
    return tmp


def test_identity_is_created_once_never_in_clear_and_can_have_a_passphrase(tmp_path):
    a = expert_identity.load_or_create(tmp_path / "e", method="keyring")
    b = expert_identity.load_or_create(tmp_path / "e")
    assert a == b and a.recipient.startswith("age1") and len(a.fingerprint) == 79
    assert not any(b"AGE-SECRET-KEY" in f.read_bytes() for f in (tmp_path / "e").iterdir())
    p = expert_identity.load_or_create(tmp_path / "p", passphrase="geheim genoeg", method="passphrase")
    assert b"AGE-SECRET-KEY" not in (tmp_path / "p" / expert_identity.IDENTITY_FILE).read_bytes()
    if os.name != "nt":
        assert (tmp_path / "p" / expert_identity.IDENTITY_FILE).stat().st_mode & 0o777 == 0o600
    assert expert_identity.load_or_create(tmp_path / "p", passphrase="geheim genoeg") == p
    with pytest.raises(expert_identity.ExpertError, match="passphrase is not right"):
        expert_identity.load_or_create(tmp_path / "p", passphrase="fout")
    with pytest.raises(expert_identity.ExpertError, match="protected by a passphrase"):
        expert_identity.load_or_create(tmp_path / "p")


def test_opening_a_folder_unseals_only_what_is_ours(folder, ident):
    reps = {p.name: expert.open_report(p, ident) for p in expert.report_files([folder])}
    assert reps["Anna.pdf"].sealed_state == "opened"
    assert reps["Anna.pdf"].sealed.answers["workload_pace"] == 5
    assert reps["Dirk.pdf"].accepted and reps["Dirk.pdf"].sealed_state == "other_expert"
    assert not reps["kapot.pdf"].accepted and reps["kapot.pdf"].reason


def test_queue_puts_who_needs_attention_first(folder, ident):
    reps = [expert.open_report(p, ident) for p in expert.report_files([folder])]
    items = expert.review_items(reps)
    assert items[0].priority == "high"
    workers = list(dict.fromkeys(it.worker for it in items))
    assert "Cor" not in workers  # nothing to review for a compliant workplace
    anna = [it for it in items if it.worker == "Anna"]
    assert any(it.health and it.rule == "high_workload" for it in anna)
    dirk = [it for it in items if it.worker == "Dirk"]
    assert not any(it.health for it in dirk)  # sealed for someone else: no health items reach the queue


def test_trail_is_append_only_and_tamper_evident(tmp_path):
    trail = ReviewTrail(tmp_path / "review.jsonl")
    trail.append("r1", "high_workload", "advice_given", "eerste advies")
    trail.append("r1", "high_workload", "refer_to_physician", "toch naar de bedrijfsarts")
    assert [e.status for e in trail.history("r1", "high_workload")] == ["advice_given", "refer_to_physician"]
    assert trail.current()[("r1", "high_workload")].advice == "toch naar de bedrijfsarts"
    assert trail.verify() == []
    lines = trail.path.read_text().splitlines()
    trail.path.write_text(lines[0].replace("eerste", "ander") + "\n" + lines[1] + "\n")
    assert any("changed" in p for p in trail.verify())
    trail.path.write_text(lines[1] + "\n")
    assert any("removed" in p for p in trail.verify())
    with pytest.raises(TrailError):
        trail.append("r1", "x", "maybe", "")


def test_signed_advice_reports_and_the_employer_version_holds_no_health(folder, ident, q, tmp_path):
    rep = expert.open_report(folder / "Anna.pdf", ident)
    trail = ReviewTrail(tmp_path / "review.jsonl")
    for it in expert.review_items([rep]):
        trail.append(it.report_id, it.rule, "refer_to_physician" if it.health else "advice_given",
                     f"Advies over {it.title}; rugklachten besproken" if it.health else f"Advies over {it.title}")
    key = keys.generate("Dr. E. Pert")
    out = advice.build(rep, trail.current(), q, key, "Dr. E. Pert")
    w, e = verify(out.worker_pdf), verify(out.employer_pdf)
    assert w.assessment["version"] == "worker" and e.assessment["version"] == "employer"
    assert any(i["health"] for i in w.assessment["items"])
    assert advice.health_free(e.assessment, q, rep.sealed)
    assert not advice.health_free(w.assessment, q, rep.sealed)
    text = json.dumps(e.assessment, ensure_ascii=False)
    assert "rugklachten" not in text and "workload" not in text
    from pypdf import PdfReader
    import io

    pages = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.employer_pdf)).pages)
    assert "rugklachten" not in pages and "Hoge werkdruk" not in pages


def test_an_adaptation_reaches_the_employer_as_a_measure_without_its_reason(folder, ident, q, tmp_path):
    """Arbowet art. 5 and AVG art. 9: the bedrijfsarts tells the employer what to do, never why."""
    rep = expert.open_report(folder / "Anna.pdf", ident)
    trail = ReviewTrail(tmp_path / "review.jsonl")
    health = [it for it in expert.review_items([rep]) if it.health]
    assert health
    trail.append(health[0].report_id, health[0].rule, "advice_given", "Je hebt een zit-stabureau nodig.",
                 employer_measures=["adjustable_desk"])
    assert trail.verify() == [] and trail.current()[health[0].key].employer_measures == ("adjustable_desk",)
    out = advice.build(rep, trail.current(), q, keys.generate("Dr. E. Pert"), "Dr. E. Pert")
    e = verify(out.employer_pdf).assessment
    [adapt] = [i for i in e["items"] if i.get("kind") == "adaptation"]
    assert [m["measure"] for m in adapt["measures"]] == ["adjustable_desk"]
    assert "rule" not in adapt and health[0].rule not in json.dumps(e) and "zit-sta" not in json.dumps(e)
    assert advice.health_free(e, q, rep.sealed)


def test_a_referral_to_the_physician_is_not_shown_to_the_employer(folder, ident, q, tmp_path):
    rep = expert.open_report(folder / "Bram.pdf", ident)  # workplace findings only
    trail = ReviewTrail(tmp_path / "review.jsonl")
    workplace = [it for it in expert.review_items([rep]) if not it.health]
    trail.append(workplace[0].report_id, workplace[0].rule, "refer_to_physician", "Ga naar de bedrijfsarts.")
    e = advice.build(rep, trail.current(), q, keys.generate("Dr. E. Pert"), "Dr. E. Pert").employer_doc
    assert "refer_to_physician" not in json.dumps(e)
    assert [i["status"] for i in e["items"] if i.get("rule") == workplace[0].rule] == ["advice_given"]


def test_a_trail_written_before_employer_measures_still_verifies(tmp_path):
    trail = ReviewTrail(tmp_path / "review.jsonl")
    trail.append("r1", "x", "resolved", "ok")
    trail.append("r1", "y", "advice_given", "a", employer_measures=["footrest", "footrest"])
    assert trail.verify() == [] and trail.current()[("r1", "y")].employer_measures == ("footrest",)
    line = (tmp_path / "review.jsonl").read_text().splitlines()[0]
    assert "employer_measures" not in line  # a line without them is written as before


def test_photos_come_from_the_pages_and_the_sealed_part(q, ident, tmp_path):
    from arbocheck.core.check.draft_photos import PhotoRef
    from samples import tagged_jpeg

    shared, private = photos.process(tagged_jpeg((900, 600))), photos.process(tagged_jpeg((600, 900)))
    store = {shared.sha256: shared.data, private.sha256: private.data}
    meta = {"photos": [PhotoRef(shared.sha256, "desk", "opzij").to_json(),
                       PhotoRef(private.sha256, "chair", "rug", expert_only=True).to_json()]}
    ex = build(q, {"body_height_cm": 170, "desk_height_cm": 74, "desk_height_adjustable": False}, meta,
               keys.generate("E"), ReportMeta(signer_name="E", fingerprint=""), store.__getitem__,
               expert_recipient=ident.recipient, personal_copy=False)
    path = tmp_path / "r.pdf"
    path.write_bytes(ex.signed)
    got = expert.report_photos(expert.open_report(path, ident))
    assert sorted((p["section"], p["caption"], p["expert_only"]) for p in got.values()) == [
        ("chair", "rug", True), ("desk", "opzij", False)]


def test_review_reports_from_an_employers_register(folder, ident, tmp_path, cli):
    from arbocheck.core.employer.importer import import_files
    from arbocheck.core.employer.register import Register

    db = f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}"
    reg = Register.open(db)
    import_files(reg, [folder / "Anna.pdf", folder / "Bram.pdf"])
    assert len(reg.stored_pdfs()) == 2
    home = tmp_path / "home"
    (home / "expert").mkdir(parents=True)
    (home / "expert" / expert_identity.IDENTITY_FILE).write_text(ident.secret + "\n")
    r = cli("expert", "review", "--db", db, "--json", env={"ARBOCHECK_HOME": home})
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert [x["sealed"] for x in out["reports"]] == ["opened", "opened"]
    assert any(i["health"] for i in out["items"])


def test_an_advice_is_not_opened_as_a_workers_report(folder, ident, q, tmp_path):
    rep = expert.open_report(folder / "Anna.pdf", ident)
    made = advice.build(rep, {}, q, keys.generate("Dr. E. Pert"), "Dr. E. Pert")
    (tmp_path / "advies.pdf").write_bytes(made.employer_pdf)
    opened = expert.open_report(tmp_path / "advies.pdf", ident)
    assert not opened.accepted and opened.refused.key == "not_worker_report"
    assert opened.report is None and expert.review_items([opened]) == []


def _with_sealed(q, ident, tmp_path, edit) -> Path:
    """A genuine, signed report whose sealed part the worker's own (modified) program wrote as `edit` says."""
    import forge
    from arbocheck.core.report import assessment as assessment_mod
    from arbocheck.core.trust import seal

    a, conf = assessment_mod.build(q, {"workload_pace": 5, "complaints": ["neck"]}, {},
                                   ReportMeta(signer_name="Eva", fingerprint=""), sealed=True)
    key = keys.generate("Eva")
    a["signer"]["fingerprint"] = key.fingerprint
    sealed = seal.seal(edit(conf), ident.recipient)
    path = tmp_path / "eva.pdf"
    path.write_bytes(forge.signed(key, {"assessment.json": assessment_mod.dumps(a), "confidential.age": sealed}))
    return path


@pytest.mark.parametrize("edit, state", [
    (lambda c: json.dumps(c).encode(), "opened"),
    (lambda c: json.dumps(dict(c, report_id="another-report")).encode(), "damaged"),
    (lambda c: json.dumps(dict(c, findings=[{"rule": 7}])).encode(), "damaged"),
    (lambda c: json.dumps(dict(c, answers={"x": float("nan")})).encode(), "damaged"),
    (lambda c: b"[" * 5000, "damaged"),
    (lambda c: b"not json", "damaged"),
])
def test_the_sealed_part_is_read_through_its_model_and_must_belong_to_its_report(q, ident, tmp_path, edit, state):
    rep = expert.open_report(_with_sealed(q, ident, tmp_path, edit), ident)
    assert rep.accepted and rep.sealed_state == state
    assert (rep.sealed is not None) == (state == "opened")
    if state == "opened":
        assert rep.answers["workload_pace"] == 5 and any(it.health for it in expert.review_items([rep]))
    else:
        assert all(not it.health for it in expert.review_items([rep]))
