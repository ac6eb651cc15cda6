"""export_report: the one way the wizard, the command line and the demo make a report, which
evaluates the answers once and hands that split to the assessment and to both PDFs."""

from __future__ import annotations

import json
import sys

import pytest

from arbocheck.core.check import rules
from arbocheck.core.report.build import export_report
from arbocheck.core.trust import campaign as campaign_mod
from arbocheck.core.trust import keys, seal
from arbocheck.core.trust.identity import EmployeeIdError
from arbocheck.core.trust.seal import SealError
from arbocheck.core.trust.verify import verify

ANSWERS = {"body_height_cm": 160, "device_setup": "laptop_only", "desk_height_cm": 74,
           "desk_height_adjustable": False, "laptop_stand": False, "neck_pain": 5, "provided": ["none"]}


@pytest.fixture(scope="module")
def worker():
    return keys.generate("Sanne de Vries")


@pytest.fixture(scope="module")
def camp(mini):
    _, recipient = seal.new_identity()
    data = campaign_mod.create(keys.generate("Werkgever"), organisation="Gemeente Voorbeeld", campaign_id="c1",
                               questionnaire_id=mini.id, questionnaire_version=mini.version, deadline="2030-12-31",
                               expert_recipient=recipient)
    return campaign_mod.load(data)


@pytest.fixture
def evaluations(monkeypatch):
    """How often the rules are evaluated: every module's name for rules.evaluate counts."""
    calls = []
    real = rules.evaluate

    def counted(*args, **kw):
        calls.append(args[2] if len(args) > 2 else kw.get("lang"))
        return real(*args, **kw)

    for name, module in list(sys.modules.items()):
        if name.startswith("arbocheck") and getattr(module, "evaluate", None) is real:
            monkeypatch.setattr(module, "evaluate", counted)
    return calls


def test_one_export_evaluates_the_answers_once(mini, worker, camp, tmp_path, evaluations):
    out, personal = tmp_path / "r.pdf", tmp_path / "p.pdf"
    ex = export_report(mini, ANSWERS, {}, {}.__getitem__, out, personal, key=worker, lang="en",
                       signer_name="Sanne", campaign=camp, employee_id="E042", code="K7QF-2MXD")
    assert evaluations == ["en"], "the signed PDF, the personal copy and assessment.json share one evaluation"
    # ... and what it produced is still whole: a verified report whose findings are the employer's part.
    v = verify(out.read_bytes(), pinned_spki=worker.spki_der)
    assert v.assessment == json.loads(json.dumps(ex.assessment)) and ex.sealed and personal.exists()
    assert [f["rule"] for f in v.assessment["findings"]] and "neck_pain" not in v.assessment["answers"]


def test_the_campaign_gives_organisation_expert_and_enrolment(mini, worker, camp, tmp_path):
    ex = export_report(mini, ANSWERS, {}, {}.__getitem__, tmp_path / "r.pdf", None, key=worker,
                       campaign=camp, employee_id=" e042 ", code="K7QF-2MXD")
    a = ex.assessment
    assert (a["organisation"], a["campaign_id"], a["employee_id"]) == ("Gemeente Voorbeeld", "c1", "E042")
    assert a["enrolment_proof"] == campaign_mod.enrolment_proof("K7QF-2MXD", "c1", "E042", worker.spki_der)
    assert a["confidential"] == {"sealed": True, "recipient_fingerprint": camp.expert_fingerprint}
    assert a["revision"] == 1 and a["report_id"]
    again = export_report(mini, ANSWERS, {}, {}.__getitem__, tmp_path / "r2.pdf", None, key=worker,
                          report_id=a["report_id"], revision=2)
    assert (again.assessment["report_id"], again.assessment["revision"]) == (a["report_id"], 2)
    assert again.assessment["campaign_id"] is None and not again.sealed


def test_bad_input_is_refused_before_anything_is_written(mini, worker, tmp_path):
    out = tmp_path / "r.pdf"
    with pytest.raises(EmployeeIdError):
        export_report(mini, ANSWERS, {}, {}.__getitem__, out, None, key=worker, employee_id="E\u200b42")
    with pytest.raises(SealError):
        export_report(mini, ANSWERS, {}, {}.__getitem__, out, None, key=worker, expert="age1nope")
    assert not out.exists()
