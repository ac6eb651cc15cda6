import json

import pytest

from arbocheck.core.check import answers


def doc(ans, qid="mini", ver="1.2"):
    return {"questionnaire": {"id": qid, "version": ver}, "answers": ans}


def test_envelope_round_trip():
    d = answers.parse(doc({"body_height_cm": 180}))
    again = answers.loads(d.dumps())
    assert again == d
    assert json.loads(d.dumps())["format_version"] == answers.FORMAT_VERSION


@pytest.mark.parametrize("obj, fragment", [
    ([], "JSON object"),
    ({"answers": {}}, "'questionnaire'"),
    ({"questionnaire": {"version": "1"}, "answers": {}}, "'questionnaire.id' is missing"),
    ({"questionnaire": {"id": "mini", "version": "1"}, "answers": []}, "'answers' must be an object"),
    ({"questionnaire": {"id": "mini", "version": "1"}, "answers": {}, "format_version": 99}, "newer"),
    ({"questionnaire": {"id": "mini", "version": "1"}, "answers": {}, "junk": 1}, "unknown top-level"),
    ({"questionnaire": {"id": "mini", "version": "1"}, "answers": {}, "format": "other"}, "not an arbocheck"),
])
def test_bad_envelopes(obj, fragment):
    with pytest.raises(answers.AnswersError) as exc:
        answers.parse(obj)
    assert any(fragment in str(p) for p in exc.value.problems), exc.value.problems


def test_not_json():
    with pytest.raises(answers.AnswersError, match="not valid JSON"):
        answers.loads(b"{nope")


def test_every_problem_is_listed(mini):
    probs = answers.problems(mini, {
        "body_height_cm": "tall", "device_setup": "tablet", "desk_height_cm": 500, "foo": 1,
        "provided": ["none", "chair"], "neck_pain": 4.5, "remarks": "x" * 21, "rec_desk_height_cm": 70,
        "desk_height_adjustable": "yes", "residence_country": "XX", "sleep_hours": 25,
    })
    assert sorted(map(str, probs)) == sorted([
        "'body_height_cm': expected a number, got 'tall'",
        "'device_setup': 'tablet' is not one of the options (laptop_only, desktop)",
        "'desk_height_cm': 500 cm is outside the allowed range 50–130 cm",
        "unknown item 'foo'",
        "'provided': 'none' cannot be combined with other options",
        "'neck_pain': expected a whole number on the scale 1–5, got 4.5",
        "'remarks': text is longer than 20 characters",
        "unknown item 'rec_desk_height_cm' (it is computed, not answered)",
        "'desk_height_adjustable': expected yes/no (true/false), got 'yes'",
        "'residence_country': 'XX' is not an ISO 3166 country code",
        "'sleep_hours': 25 hours a night is outside the allowed range 0–24 hours a night",
    ])
    dutch = {p.text("nl") for p in probs}  # every reason reads in Dutch too, with the questionnaire's own unit
    assert "'desk_height_cm': 500 cm valt buiten het toegestane bereik 50–130 cm" in dutch
    assert "onbekende vraag 'foo'" in dutch
    assert "'sleep_hours': 25 uur per nacht valt buiten het toegestane bereik 0–24 uur per nacht" in dutch


def test_valid_answers_have_no_problems(mini):
    assert answers.problems(mini, {"body_height_cm": 180, "provided": ["chair", "screen"], "neck_pain": 3,
                                   "desk_height_adjustable": True, "residence_country": "DE"}) == []


def test_booleans_are_not_numbers(mini):
    assert list(map(str, answers.problems(mini, {"body_height_cm": True}))) == [
        "'body_height_cm': expected a number, got True"]


def test_effective_adds_defaults_and_drops_hidden_items(mini):
    eff = answers.effective(mini, {"device_setup": "desktop", "laptop_stand": False, "body_height_cm": 170})
    assert eff["residence_country"] == "NL"          # default
    assert "laptop_stand" not in eff                  # hidden: not a laptop user
    eff = answers.effective(mini, {"device_setup": "laptop_only", "laptop_stand": False})
    assert eff["laptop_stand"] is False


def test_derived_values(mini):
    vals = answers.with_derived(mini, {"body_height_cm": 180, "desk_height_cm": 76})
    assert vals["rec_desk_height_cm"] == 72 and vals["desk_excess"] == 4
    assert "desk_excess" not in answers.with_derived(mini, {"body_height_cm": 180})


def test_missing_required(mini):
    assert answers.missing_required(mini, {}) == ["body_height_cm", "device_setup"]
    assert answers.missing_required(mini, {"body_height_cm": 170, "device_setup": "desktop"}) == []
