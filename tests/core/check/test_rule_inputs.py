"""Rules declare their inputs; no verdict before the facts; advice never contradicts another answer."""

import re

import pytest

from arbocheck.core.check import rules
from arbocheck.core.check.worksheet import Worksheet
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.questionnaire.loader import placeholders
from arbocheck.core.questionnaire.model import Hours, Number
from tests.locations import ROOT

Q = qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")


def _stem(item_id: str) -> str:
    return re.sub(r"_(cm|minutes|min|hours|days)$", "", item_id)


def advised_items(q, rule) -> set[str]:
    """Number items whose value the rule's advice recommends: a derived value named for the item
    ({rec_seat_height_cm}, {seat_height_for_desk_cm}, {target_seat_height_cm} advise a seat height)."""
    texts = [rule.title, rule.advice] + [a.text for a in rule.advice_if]
    names = {p for text in texts for lang in ("nl", "en") for p in placeholders(text.get(lang))}
    out = set()
    for name in names:
        if name not in q.derived:
            continue
        for item_id, it in q.items.items():
            if isinstance(it, (Number, Hours)) and _stem(item_id) in name:
                out.add(item_id)
    return out


def test_advice_for_another_number_item_shows_there_too():
    """Where a finding advises a value for another item (the desk rule advises a seat height), that
    item is in the rule's `also`, so it shows the finding and not "In orde"."""
    wrong = []
    for rule in Q.data.rules:
        for item_id in advised_items(Q, rule) - {rule.item} - set(rule.also):
            wrong.append(f"{rule.id} advises {item_id} but lacks it in also")
    assert not wrong, "\n".join(wrong)
    # The scan sees what it should: the desk rule's seat advice.
    assert "seat_height_cm" in advised_items(Q, Q.rules["desk_too_high_fixable"])


def test_rule_inputs_follow_from_when_derived_values_and_placeholders():
    r = Q.rules["desk_too_high_fixable"]
    inputs = rules.rule_inputs(Q, r)
    assert {"desk_height_cm", "body_height_cm"} <= inputs  # body height through the derived values
    assert all(i in Q.items for i in inputs)


def test_the_desk_says_nothing_until_height_and_adjustability_are_known():
    ws = Worksheet(Q, {"screen_hours_per_day": 6})
    ws.set("desk_height_cm", 80)
    assert ws.verdict("desk_height_cm") == "unknown" and not ws.findings_for("desk_height_cm")
    ws.set("body_height_cm", 165)
    assert ws.verdict("desk_height_cm") == "unknown"  # adjustability still open
    ws.set("desk_height_adjustable", False)
    assert ws.verdict("desk_height_cm") == "findings"
    ws.set("desk_height_adjustable", True)
    assert ws.verdict("desk_height_cm") in ("ok", "findings", "unknown")


def test_ok_only_when_every_rule_about_the_item_has_its_inputs():
    base = {"body_height_cm": 175, "screen_hours_per_day": 6}
    ws = Worksheet(Q, base)
    for item_id in Q.items:
        v = ws.verdict(item_id)
        if v == "ok":
            live = ws.live()
            open_ = rules.open_items(Q, ws.values, ws.values)
            for rid in ws.rules_about(item_id):
                assert rid not in live.pending
                rule = Q.rules[rid]
                assert rules.judge(rule.when, ws.values, open_) is not None
                assert not rules.rule_inputs(Q, rule) & ws.open_items(), (item_id, rid)
    assert ws.verdict("desk_height_cm") == "unknown"  # nothing known about the desk yet


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_still_judges_optional_questions_left_open(lang):
    """A report (wait=False) reads an optional question left open as unanswered, as the content says."""
    ans = {"residence_country": "BE", "work_days_per_week": 5, "home_days_per_week": 2,
           "other_days_in_residence_country": 0, "works_in_third_country": False}
    final = rules.evaluate(Q, ans, lang)
    live = rules.evaluate(Q, ans, lang, wait=True)
    assert "cross_border_request" in {f.rule for f in final.findings}
    assert "cross_border_request" not in {f.rule for f in live.findings}
    assert "cross_border_request" in live.pending
