"""Self-signed reports from a modified client (forge.py): a malformed assessment.json, findings the
answers do not give, hostile PDF structure, a tampered signature container. Each is refused with
its own reason; with the check in question switched off, the same file would pass (the attack is
real); every genuine report passes all of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

import forge
from arbocheck.core.trust import assessment_model, keys, pdf_structure
from arbocheck.core.report import claims
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.common import reasons
from arbocheck.core.report.assessment import ReportMeta, build as build_assessment, dumps
from arbocheck.core.report.build import build
from arbocheck.core.trust.verify import Rejected, verify
from locations import SCENARIOS

SCEN = SCENARIOS


@pytest.fixture(scope="module")
def genuine():
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCEN / "many_shortcomings.yaml").read_text())["answers"]
    key = keys.generate("Sanne")
    ex = build(q, answers, {}, key, ReportMeta(signer_name="Sanne", fingerprint=""), lambda i: b"",
               personal_copy=False)
    return key, ex.signed, ex.assessment


def refused(pdf: bytes) -> Rejected | reasons.Refusal:
    with pytest.raises(reasons.Refusal) as e:
        claims.check(verify(pdf).assessment)
    for lang in ("nl", "en"):  # a sentence in both languages, never a key or a traceback
        text = e.value.text(lang)
        assert text and "{" not in text and "Traceback" not in text
    return e.value


def test_every_genuine_report_passes_every_check(tmp_path):
    q = qloader.find("thuiswerkplek")
    key = keys.generate("Wim")
    for path in sorted(SCEN.glob("*.yaml")):
        answers = yaml.safe_load(path.read_text())["answers"]
        for lang in ("nl", "en"):
            ex = build(q, answers, {}, key, ReportMeta(signer_name="Wim", fingerprint="", lang=lang, employee_id="E1"),
                       lambda i: b"", personal_copy=False)
            a = claims.check(verify(ex.signed).assessment)
            assert a == json.loads(dumps(ex.assessment)), path.name
    from arbocheck.core.samples.demo import make_demo

    files = make_demo(tmp_path / "demo")
    report = next(p for p in files.values() if p.name.endswith("bijdrage.pdf"))
    v = verify(report.read_bytes())
    assert v.attachments == ["assessment.json", "confidential.age"]
    claims.check(v.assessment)


@pytest.mark.parametrize("name", list(forge.malformed(forge.sample_assessment())))
def test_a_malformed_assessment_is_refused_with_a_reason(genuine, name):
    key, _, a = genuine
    data = forge.malformed(a)[name]
    e = refused(forge.report(key, data))
    assert e.key in ("assessment.field", "assessment.too_deep", "assessment.too_large", "bad_json", "not_arbocheck",
                     "attachment_too_large"), (name, e.key)


def test_the_model_names_the_field_and_the_problem(genuine):
    key, _, a = genuine
    cases = forge.malformed(a)
    e = refused(forge.report(key, cases["revision-abc"]))
    assert str(e) == "assessment.json: the field revision has the wrong type"
    assert e.text("nl") == "assessment.json: het veld revision heeft het verkeerde type"
    assert "employee_id is too long" in str(refused(forge.report(key, cases["employee-id-long"])))
    assert "report_id is missing" in str(refused(forge.report(key, cases["report-id-missing"])))
    assert "nested deeper" in str(refused(forge.report(key, cases["deep-100000"])))
    assert refused(forge.report(key, cases["lone-surrogate"])).key == "bad_json"
    assert refused(forge.report(key, cases["nan"])).key == "bad_json"
    few = dict(a, findings=[dict(a["findings"][0], norms=[], advice="", title="")] * 301)
    assert "findings has too many elements" in str(refused(forge.report(key, few)))


@pytest.mark.parametrize("name", list(forge.forged_claims(forge.sample_assessment())))
def test_forged_claims_are_refused(genuine, name):
    key, _, a = genuine
    evil = forge.forged_claims(a)[name]
    assessment_model.validate(evil)  # well-formed: only the recomputation can tell
    e = refused(forge.report(key, evil))
    assert e.key in ("claims_differ", "answer_invalid", "health_in_employer_part", "questionnaire_differs",
                     "unknown_questionnaire"), (name, e.key)


def test_an_invented_measure_is_named(genuine):
    key, _, a = genuine
    e = refused(forge.report(key, forge.forged_claims(a)["invented-measure"]))
    assert str(e) == ("what the report says about the action plan does not follow from its answers "
                      "('electric_desk' is there but does not follow from the answers)")


def test_measure_texts_come_from_the_questionnaire(genuine):
    _, signed, _ = genuine
    q = qloader.find("thuiswerkplek")
    a = claims.check(verify(signed).assessment)
    assert a["action_plan"] and all(p["text"] == q.measures[p["measure"]].text.get(a["lang"]) for p in a["action_plan"])


@pytest.mark.parametrize("name", list(forge.STRUCTURE_EDITS) + ["deep-100000"])
def test_hostile_structure_is_refused(genuine, name, monkeypatch):
    key, _, a = genuine
    if name == "deep-100000":
        pdf = forge.report(key, a, after_attach=forge.deep_nesting)
    else:
        pdf = forge.report(key, a, forge.rewritten(forge.plain_pdf(), forge.STRUCTURE_EDITS[name]))
    e = refused(pdf)
    assert e.key == "pdf_structure", (name, str(e))
    monkeypatch.setattr(pdf_structure, "check_document", lambda *args: None)
    claims.check(verify(pdf).assessment)  # without the structure check, this file would be accepted


def test_the_signature_container_cannot_change(genuine, monkeypatch):
    """Each variant keeps a valid signature over the same bytes: without check_signature it would
    verify; the README's "any change is rejected" holds because it does not."""
    _, signed, _ = genuine
    variants = forge.cms_variants(signed)
    assert len(variants) == 8, sorted(variants)
    for name, pdf in variants.items():
        assert pdf != signed
        e = refused(pdf)
        assert e.key == "signature_form", (name, str(e))
    monkeypatch.setattr(pdf_structure, "check_signature", lambda *args: None)
    for name, pdf in variants.items():
        verify(pdf)  # pyHanko alone takes every one of them


def test_arbocheck_writes_the_one_form_it_accepts(genuine):
    """One certificate, low s, zero padding: what signing.py writes is what check_signature wants."""
    from asn1crypto import algos, cms

    _, signed, _ = genuine
    der, size = forge.container(signed)
    sd = cms.ContentInfo.load(der)["content"]
    assert len(sd["certificates"]) == 1 and sd["crls"].native is None
    si = sd["signer_infos"][0]
    assert si["unsigned_attrs"].native is None
    s = algos.DSASignature.load(si["signature"].native)["s"].native
    assert s <= pdf_structure.P256_ORDER // 2
    assert pdf_structure.strict_der(der) and size > len(der)


def test_strict_der_refuses_ber():
    assert pdf_structure.strict_der(bytes.fromhex("3003020101"))
    assert not pdf_structure.strict_der(bytes.fromhex("308103020101"))  # long form for a short length
    assert not pdf_structure.strict_der(bytes.fromhex("3080020101 0000".replace(" ", "")))  # indefinite
    assert not pdf_structure.strict_der(bytes.fromhex("300402020001"))  # integer with a redundant zero
    assert not pdf_structure.strict_der(bytes.fromhex("30032401ff"))  # constructed OCTET STRING
    assert not pdf_structure.strict_der(bytes.fromhex("3003010101"))  # BOOLEAN true not FF


def test_whether_a_workplace_item_shows_never_depends_on_a_health_answer():
    """What claims.py relies on: the employer's answers follow from the employer's answers alone.
    (A show_if on a health item would also tell the employer something about the worker's health.)"""
    from arbocheck.core.questionnaire.conditions import referenced

    for path in qloader.questionnaire_files():
        q = qloader.load(path)
        for item_id, it in q.items.items():
            if not it.health and it.show_if is not None:
                assert not q.reads_health(referenced(it.show_if)), (path.name, item_id)


# -- properties ----------------------------------------------------------------------------

def _answer_strategy(it):
    from arbocheck.core.questionnaire import model as qmodel
    from arbocheck.core.questionnaire.countries import ISO_3166_ALPHA2

    if isinstance(it, qmodel.YesNo):
        return st.booleans()
    if isinstance(it, qmodel.MultiChoice):
        plain = [o.value for o in it.options if not o.exclusive]
        only = [[o.value] for o in it.options if o.exclusive]
        return st.one_of(st.lists(st.sampled_from(plain), unique=True, max_size=len(plain)) if plain else st.just([]),
                         *([st.sampled_from(only)] if only else []))
    if isinstance(it, qmodel.SingleChoice):
        return st.sampled_from([o.value for o in it.options])
    if isinstance(it, qmodel.Country):
        return st.sampled_from(sorted(ISO_3166_ALPHA2))
    if isinstance(it, qmodel.Scale):
        return st.integers(int(it.min), int(it.max))
    if isinstance(it, (qmodel.Number, qmodel.Hours)):
        if getattr(it, "integer", False):
            return st.integers(int(it.min), int(it.max))
        return st.floats(it.min, it.max, allow_nan=False).map(lambda x: round(x, 1)).filter(
            lambda x: it.min <= x <= it.max)
    if isinstance(it, qmodel.FreeText):
        return st.text(max_size=min(40, it.max_length))
    return st.none()


@st.composite
def answer_sets(draw):
    q = qloader.find("thuiswerkplek")
    out = {}
    for item_id, it in q.items.items():
        if draw(st.booleans()):
            value = draw(_answer_strategy(it))
            if value is not None:
                out[item_id] = value
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), lang=st.sampled_from(["nl", "en"]))
def test_what_the_writer_writes_the_importer_recomputes(answers, lang):
    """Property: for any valid answers, assessment.json as written passes the model, and its
    findings, plan, counts and computed values are exactly what the importer recomputes."""
    from arbocheck.core.check.answers import problems

    q = qloader.find("thuiswerkplek")
    if problems(q, answers):
        return
    rm = ReportMeta(signer_name="P", fingerprint=" ".join(["ABCD"] * 16), lang=lang)
    a, _ = build_assessment(q, answers, {}, rm, sealed=False)
    checked = assessment_model.loads(dumps(a))
    assert claims.check(checked) == checked


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                 max_size=4), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(path=st.lists(st.sampled_from(["revision", "answers", "findings", "action_plan", "counts", "photos", "signer",
                                      "questionnaire", "0", "rule", "text", "high", "name", "id"]), min_size=1,
                     max_size=3), value=_json)
def test_any_change_of_type_is_a_refusal_never_a_crash(genuine, path, value):
    """Property: assessment.json with any value put anywhere is accepted by the model or refused
    with InvalidAssessment; the recomputation then accepts it or refuses with a Refusal."""
    _, _, a = genuine
    b = json.loads(json.dumps(a))
    node = b
    for p in path[:-1]:
        try:
            node = node[int(p)] if isinstance(node, list) else node[p]
        except (KeyError, IndexError, ValueError, TypeError):
            break
    if isinstance(node, dict):
        node[path[-1]] = value
    elif isinstance(node, list) and node:
        node[0] = value
    raw = json.dumps(b, allow_nan=True).encode("utf-8", "surrogatepass")
    try:
        checked = assessment_model.loads(raw)
    except assessment_model.InvalidAssessment as e:
        assert e.text("nl") and e.text("en")
        return
    try:
        claims.check(checked)
    except reasons.Refusal as e:
        assert e.text("nl") and e.text("en")


def test_report_verify_refuses_forged_claims_as_the_importer_does(genuine, tmp_path, cli):
    key, signed, a = genuine
    (tmp_path / "good.pdf").write_bytes(signed)
    (tmp_path / "forged.pdf").write_bytes(forge.report(key, forge.forged_claims(a)["invented-measure"]))
    env = {"ARBOCHECK_HOME": tmp_path / "home"}
    good = cli("--lang", "nl", "report", "verify", tmp_path / "good.pdf", env=env)
    assert good.returncode == 0 and ": geldig" in good.stdout, good
    bad = cli("--lang", "nl", "report", "verify", tmp_path / "forged.pdf", env=env)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stdout == (f"{tmp_path / 'forged.pdf'}: geweigerd: wat het rapport zegt over het plan van aanpak "
                          "volgt niet uit de antwoorden ('electric_desk' staat erin maar volgt niet uit de "
                          "antwoorden)\n"), bad.stdout
    bad = cli("report", "verify", tmp_path / "forged.pdf", env=env)  # without --lang: English, for scripts
    assert bad.returncode == 1 and ": rejected: what the report says about the action plan" in bad.stdout
