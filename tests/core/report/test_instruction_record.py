"""The worker's confirmation of the instruction (Arbowet art. 8) travels from the draft into the signed
report's assessment.json, bounded by the strict model; a report without it still verifies."""

from __future__ import annotations

import copy
import datetime as _dt

import pytest
import yaml

from arbocheck.core.check import instruction
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.build import export_report
from arbocheck.core.trust import assessment_model, keys
from arbocheck.core.trust.verify import verify
from locations import ROOT, SCENARIOS

Q = qloader.load_cached(ROOT / "questionnaires" / "thuiswerkplek.yaml")
ANSWERS = yaml.safe_load((SCENARIOS / "kitchen_table_laptop.yaml").read_text())["answers"]


@pytest.fixture(scope="module")
def worker():
    return keys.generate("Sanne de Vries")


def test_a_confirmed_instruction_is_in_the_signed_assessment(worker, tmp_path):
    meta: dict = {}
    instruction.confirm(meta, Q, today=_dt.date(2026, 11, 28))
    out = tmp_path / "r.pdf"
    ex = export_report(Q, ANSWERS, meta, {}.__getitem__, out, None, key=worker, signer_name="Sanne")
    assert ex.assessment["instruction"] == {"date": "2026-11-28", "version": Q.data.instruction.version}
    v = verify(out.read_bytes(), pinned_spki=worker.spki_der)
    assert v.assessment["instruction"] == {"date": "2026-11-28", "version": Q.data.instruction.version}


def test_without_confirmation_or_for_an_old_version_the_field_is_absent_and_the_report_verifies(worker, tmp_path):
    out = tmp_path / "r.pdf"
    stale = {instruction.META_KEY: {"date": "2026-01-05", "version": "0"}}
    ex = export_report(Q, ANSWERS, stale, {}.__getitem__, out, None, key=worker, signer_name="Sanne")
    assert "instruction" not in ex.assessment
    v = verify(out.read_bytes(), pinned_spki=worker.spki_der)
    assert "instruction" not in v.assessment
    assert assessment_model.validate(v.assessment).instruction is None


def test_the_strict_model_bounds_the_field(worker, tmp_path):
    meta: dict = {}
    instruction.confirm(meta, Q, today=_dt.date(2026, 11, 28))
    ex = export_report(Q, ANSWERS, meta, {}.__getitem__, tmp_path / "r.pdf", None, key=worker, signer_name="S")
    good = ex.assessment
    assert assessment_model.validate(good).instruction.date == "2026-11-28"
    for bad in ({"date": "2026-02-30", "version": "1"}, {"date": "28-11-2026", "version": "1"},
                {"date": "2026-11-28", "version": "1" * 40}, {"date": "2026-11-28", "version": "1", "by": "x"},
                {"date": "2026-11-28"}, "2026-11-28"):
        a = copy.deepcopy(good)
        a["instruction"] = bad
        with pytest.raises(assessment_model.InvalidAssessment):
            assessment_model.validate(a)
