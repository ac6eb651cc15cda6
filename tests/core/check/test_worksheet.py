import pytest

from arbocheck.core.check.worksheet import Worksheet


def test_set_get_clear_and_cache_invalidation(mini):
    ws = Worksheet(mini)
    assert ws.set("body_height_cm", 160) is True
    assert ws.set("body_height_cm", 160) is False
    ws.set("desk_height_cm", 74)
    ws.set("desk_height_adjustable", False)
    assert [f.rule for f in ws.findings_for("desk_height_cm")] == ["desk_too_high"]
    ws.set("desk_height_adjustable", True)
    assert ws.findings_for("desk_height_cm") == []
    assert ws.set("desk_height_cm", None) is True and ws.get("desk_height_cm") is None


def test_bad_values_are_refused_with_a_reason(mini):
    ws = Worksheet(mini)
    with pytest.raises(ValueError, match="outside the allowed range"):
        ws.set("desk_height_cm", 500)
    with pytest.raises(KeyError):
        ws.set("nope", 1)


def test_invalid_stored_answers_are_dropped_on_load(mini):
    ws = Worksheet(mini, {"desk_height_cm": 500, "nope": 1, "body_height_cm": 170})
    assert ws.answers == {"body_height_cm": 170}


def test_visibility_follows_answers(mini):
    ws = Worksheet(mini)
    assert not ws.visible("laptop_stand")
    ws.set("device_setup", "laptop_only")
    assert ws.visible("laptop_stand")
    assert [it.id for it in ws.visible_items("desk")] == ["desk_height_cm", "desk_height_adjustable",
                                                          "laptop_stand", "provided"]


def test_section_state(mini):
    ws = Worksheet(mini)
    st = ws.section_state("profile")
    assert st.missing_required == ("body_height_cm", "device_setup") and not st.complete
    ws.set("body_height_cm", 160)
    ws.set("device_setup", "desktop")
    assert ws.section_state("profile").complete
    ws.set("desk_height_cm", 74)
    ws.set("desk_height_adjustable", False)
    assert ws.section_state("desk").worst == "medium"
    assert ws.section_state("health").worst is None


def test_doc_round_trip(mini):
    ws = Worksheet(mini, {"body_height_cm": 170}, {"current_section": "desk"})
    again = Worksheet.from_doc(mini, ws.to_doc())
    assert again.answers == ws.answers and again.meta["current_section"] == "desk"


def test_a_section_is_ticked_only_when_every_shown_question_is_answered(mini):
    ws = Worksheet(mini)
    ws.set("desk_height_cm", 74)
    st = ws.section_state("desk")
    assert (st.answered, st.visible) == (1, 3) and st.started and not st.complete  # laptop_stand hidden
    ws.set("desk_height_adjustable", True)
    ws.set("provided", ["chair"])
    assert ws.section_state("desk").complete
    ws.set("device_setup", "laptop_only")  # shows the laptop stand: one more question, not ticked
    st = ws.section_state("desk")
    assert (st.answered, st.visible) == (3, 4) and not st.complete


def test_progress_counts_shown_questions_and_a_rough_time_left(mini):
    from arbocheck.core.check.worksheet import SECONDS_PER_QUESTION

    ws = Worksheet(mini)
    p = ws.progress()
    assert p.shown == sum(len(ws.visible_items(s.id)) for s in mini.data.sections)
    assert p.answered == 1  # the country has a default, shown in its field
    assert p.minutes_left == -(-(p.shown - 1) * SECONDS_PER_QUESTION // 60)
    ws.set("body_height_cm", 170)
    assert ws.progress().answered == 2 and 0 < ws.progress().percent < 100
