from hypothesis import given, settings, strategies as st

from arbocheck.core.sharing import split

BASE = {"body_height_cm": 160, "device_setup": "laptop_only", "desk_height_cm": 74,
        "desk_height_adjustable": False, "laptop_stand": False}


def test_health_answers_and_findings_go_to_the_expert_only(mini):
    s = split(mini, dict(BASE, neck_pain=5, sleep_hours=5), {"photos": [
        {"id": "a" * 64, "section": "desk"}, {"id": "b" * 64, "section": "desk", "expert_only": True}]})
    assert "neck_pain" not in s.employer_answers and "sleep_hours" not in s.employer_answers
    assert s.expert_answers == {"neck_pain": 5, "sleep_hours": 5}
    assert [f.rule for f in s.expert_findings] == ["neck"]
    assert "neck" not in [f.rule for f in s.employer_findings]
    assert [p.measure for p in s.expert_plan] == ["talk"]
    assert [p.id[0] for p in s.employer_photos] == ["a"] and [p.id[0] for p in s.expert_photos] == ["b"]
    assert s.employer_derived["rec_desk_height_cm"] == 64


def test_a_measure_shared_with_a_health_finding_shows_no_trace_of_it():
    from pathlib import Path

    from arbocheck.core import qloader

    text = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
    q = qloader.loads(text.replace("measures: [adjust_chair, footrest]", "measures: [adjust_chair, talk]"))
    s = split(q, dict(BASE, neck_pain=5))
    talk = {p.measure: p for p in s.employer_plan}["talk"]
    # The health rule 'neck' (high) also asks for it; the employer sees only the desk finding.
    assert talk.rules == ("desk_too_high",) and talk.priority == "medium"
    assert {p.measure: p for p in s.evaluation.plan}["talk"].priority == "high"


@settings(max_examples=60, deadline=None)
@given(neck=st.one_of(st.none(), st.integers(1, 5)), sleep=st.one_of(st.none(), st.floats(0, 24).map(lambda x: round(x, 1))))
def test_employer_view_does_not_depend_on_health_answers(mini, neck, sleep):
    health = {k: v for k, v in {"neck_pain": neck, "sleep_hours": sleep}.items() if v is not None}
    a, b = split(mini, BASE), split(mini, dict(BASE, **health))
    assert a.employer_answers == b.employer_answers
    assert a.employer_derived == b.employer_derived
    assert a.employer_findings == b.employer_findings
    assert a.employer_plan == b.employer_plan
