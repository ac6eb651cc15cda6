"""Realistic workers in tests/scenarios/*.yaml, judged end to end as an arbo expert would.

Each scenario names what must fire and what must not, who owns it, the measures, the numbers in
the advice, what stays sealed and what the employer sees. Every single rule is also tested on
its own, with a near miss, in test_rule_pairs.py.
"""

from pathlib import Path

import pytest
import yaml

from arbocheck.core.check import answers, rules
from arbocheck.core.questionnaire import loader as qloader
from locations import ROOT, SCENARIOS

SCEN = sorted(SCENARIOS.glob("*.yaml"))


@pytest.fixture(scope="module")
def q():
    return qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_scenarios():
    assert len(SCEN) >= 8


@pytest.mark.parametrize("path", SCEN, ids=lambda p: p.stem)
def test_scenario(q, path):
    sc = _load(path)
    ans = sc["answers"]
    assert answers.problems(q, ans) == [], f"{path.name}: invalid answers"
    exp = sc["expect"]
    for lang in ("nl", "en"):
        ev = rules.evaluate(q, ans, lang)
        fired = {f.rule: f for f in ev.findings}
        for rid in exp.get("fires", []):
            assert rid in q.rules, f"{path.name}: unknown rule {rid}"
            assert rid in fired, f"{path.name}: {rid} should fire; fired: {sorted(fired)}"
        for rid in exp.get("not_fires", []):
            assert rid in q.rules, f"{path.name}: unknown rule {rid}"
            assert rid not in fired, f"{path.name}: {rid} should not fire"
        for prio in exp.get("no_priority", []):
            assert not [f.rule for f in ev.findings if f.priority == prio], f"{path.name}: has {prio} findings"
        for rid, owner in exp.get("owner", {}).items():
            assert fired[rid].owner == owner
        if "max_findings" in exp:
            assert len(ev.findings) <= exp["max_findings"], f"{path.name}: {len(ev.findings)} findings: {sorted(fired)}"
        for rid, measures in exp.get("measures", {}).items():
            assert list(fired[rid].measures) == measures, f"{path.name}: {rid} measures {fired[rid].measures}"
        for f in ev.findings:
            assert f.measures, f"{path.name}: {f.rule} has no measure"
            for n in f.norms:
                assert n.id not in exp.get("no_norm", []), f"{path.name}: {f.rule} cites {n.id}"
        for f in ev.findings:
            assert "{" not in f.advice and "—" not in f.advice, f"{f.rule}: unfilled placeholder: {f.advice}"
    ev = rules.evaluate(q, ans, "nl")
    fired = {f.rule: f for f in ev.findings}
    for rid, parts in exp.get("advice_contains", {}).items():
        for part in parts:
            assert str(part) in fired[rid].advice, f"{path.name}: {rid} advice lacks {part!r}: {fired[rid].advice}"
    for rid, parts in exp.get("advice_lacks", {}).items():
        for part in parts:
            assert str(part) not in fired[rid].advice, f"{path.name}: {rid} advice says {part!r}: {fired[rid].advice}"
    for rid in exp.get("sealed", []):
        assert fired[rid].health, f"{path.name}: {rid} should be sealed for the occupational physician"
    if "employer_sees" in exp:
        from arbocheck.core.check import sharing

        s = sharing.split(q, ans, {}, "nl")
        employer = {f.rule for f in s.employer_findings}
        assert set(exp["employer_sees"]) <= employer, f"{path.name}: employer sees {sorted(employer)}"
        assert not (employer & set(exp.get("sealed", []))), f"{path.name}: a sealed finding reaches the employer"
