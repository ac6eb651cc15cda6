"""Table-driven rule tests: realistic workers in tests/core/scenarios/*.yaml.

Every rule in the questionnaire must fire in at least one scenario.
"""

from pathlib import Path

import pytest
import yaml

from arbocheck.core import answers, qloader, rules

ROOT = Path(__file__).resolve().parents[2]
SCEN = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


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
        for f in ev.findings:
            assert "{" not in f.advice and "—" not in f.advice, f"{f.rule}: unfilled placeholder: {f.advice}"
    ev = rules.evaluate(q, ans, "nl")
    fired = {f.rule: f for f in ev.findings}
    for rid, parts in exp.get("advice_contains", {}).items():
        for part in parts:
            assert str(part) in fired[rid].advice, f"{path.name}: {rid} advice lacks {part!r}: {fired[rid].advice}"


def test_every_rule_fires_in_some_scenario(q):
    covered = set()
    for path in SCEN:
        covered |= set(_load(path)["expect"].get("fires", []))
    assert sorted(set(q.rules) - covered) == []
