import pytest

from arbocheck.core.check import rules


@pytest.mark.parametrize("prios, top", [
    (["low"], "low"), (["low", "medium"], "medium"), (["medium", "high", "low"], "high"), (["high"], "high"),
])
def test_highest_priority(prios, top):
    assert rules.highest(prios) == top


SHORT_AT_FIXED_DESK = {"body_height_cm": 160, "device_setup": "desktop", "desk_height_cm": 74,
                       "desk_height_adjustable": False}


def test_advice_carries_the_workers_own_numbers(mini):
    ev = rules.evaluate(mini, SHORT_AT_FIXED_DESK, "nl")
    [f] = ev.findings
    assert f.rule == "desk_too_high" and f.owner == "worker" and f.priority == "medium"
    assert f.advice == "Je bureau is 74 cm hoog; bij 160 cm past ongeveer 64 cm."
    assert f.norms[0].status == "rule_of_thumb"
    en = rules.evaluate(mini, SHORT_AT_FIXED_DESK, "en").findings[0]
    assert en.advice == "Your desk is 74 cm high; at 160 cm about 64 cm fits."


def test_threshold_is_exclusive(mini):
    ok = dict(SHORT_AT_FIXED_DESK, body_height_cm=175)  # 70 cm recommended: 4 cm too high, not more
    assert rules.evaluate(mini, ok).findings == []


def test_adjustable_desk_is_no_finding(mini):
    assert rules.evaluate(mini, dict(SHORT_AT_FIXED_DESK, desk_height_adjustable=True)).findings == []


def test_partial_answers_are_judged_without_error(mini):
    ev = rules.evaluate(mini, {"desk_height_cm": 74})
    assert ev.findings == [] and ev.missing == ["body_height_cm", "device_setup"]


def test_hidden_items_do_not_fire(mini):
    ans = {"device_setup": "desktop", "laptop_stand": False}
    assert [f.rule for f in rules.evaluate(mini, ans).findings] == []
    ans["device_setup"] = "laptop_only"
    assert [f.rule for f in rules.evaluate(mini, ans).findings] == ["laptop_without_stand"]


def test_findings_sorted_by_priority_then_section_and_health_flagged(mini):
    ans = dict(SHORT_AT_FIXED_DESK, device_setup="laptop_only", laptop_stand=False, neck_pain=5, provided=["none"])
    ev = rules.evaluate(mini, ans, "nl")
    assert [(f.rule, f.priority) for f in ev.findings] == [
        ("laptop_without_stand", "high"), ("neck", "high"), ("desk_too_high", "medium"), ("nothing_provided", "low")]
    assert [f.health for f in ev.findings] == [False, True, False, False]
    assert ev.counts() == {"high": 2, "medium": 1, "low": 1}
    # Choice answers appear by their label, in the worker's language.
    assert ev.findings[-1].advice == "Jij kreeg: Niets."


def test_action_plan_merges_measures(mini):
    ans = dict(SHORT_AT_FIXED_DESK, device_setup="laptop_only", laptop_stand=False, neck_pain=5)
    plan = {p.measure: p for p in rules.evaluate(mini, ans, "en").plan}
    foot = plan["footrest"]
    # Called for by a medium and a high finding: high priority, the shorter (explicit) term.
    assert foot.priority == "high" and foot.term == "now" and foot.term_days == 7
    assert foot.rules == ("laptop_without_stand", "desk_too_high")
    assert foot.owner == "employer" and foot.provision and not foot.health
    assert plan["adjust_chair"].term == "three_months" and plan["adjust_chair"].owner == "worker"
    assert plan["talk"].health  # only a health finding asks for it: sealed, not for the employer
    assert [p.measure for p in rules.evaluate(mini, ans).plan][0] == "footrest"


def test_json_shape(mini):
    js = rules.evaluate(mini, SHORT_AT_FIXED_DESK, "nl").to_json()
    f = js["findings"][0]
    assert {"item", "priority", "owner", "title", "advice"} <= set(f)
    assert js["questionnaire"] == {"id": "mini", "version": "1.2"}
    assert js["action_plan"][0]["measure"] in ("adjust_chair", "footrest")
