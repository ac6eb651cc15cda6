"""Questionnaire loading: a broken file names file, line and item for every problem."""

from pathlib import Path

import pytest

from arbocheck.core.questionnaire import loader as qloader
from locations import DATA

MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")


def problems_after(tmp_path, old: str, new: str) -> tuple[list[str], str]:
    assert old in MINI, old
    text = MINI.replace(old, new, 1)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(qloader.QuestionnaireError) as exc:
        qloader.load(path, display="questionnaires/x.yaml")
    return [str(p) for p in exc.value.problems], text


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return lines[nth]


def test_mini_is_valid(mini):
    assert mini.id == "mini" and mini.version == "1.2"
    assert list(mini.items)[:3] == ["body_height_cm", "device_setup", "residence_country"]
    assert mini.section_of["desk_height_cm"] == "desk"
    assert mini.derived_order == ["rec_desk_height_cm", "desk_excess"]
    assert len(mini.sha256) == 64


def test_unknown_type_names_file_line_and_item(tmp_path):
    probs, text = problems_after(tmp_path, "      - id: desk_height_cm\n        type: number",
                                 "      - id: desk_height_cm\n        type: nummer")
    line = line_of(text, "type: nummer")
    assert probs == [f"questionnaires/x.yaml:{line}: item 'desk_height_cm': unknown type 'nummer' "
                     "(known: yes_no, single_choice, multi_choice, number, hours, scale, text, country)"]


def test_missing_translation(tmp_path):
    probs, text = problems_after(tmp_path, '{nl: "Verstelbaar?", en: "Adjustable?"}', '{nl: "Verstelbaar?"}')
    line = line_of(text, 'Verstelbaar?')
    assert probs == [f"questionnaires/x.yaml:{line}: item 'desk_height_adjustable': missing translation 'en' in 'text'"]


def test_empty_translation(tmp_path):
    probs, _ = problems_after(tmp_path, "{nl: Bureau te hoog, en: Desk too high}", "{nl: Bureau te hoog, en: ''}")
    assert len(probs) == 1 and "rule 'desk_too_high'" in probs[0] and "en" in probs[0]


def test_duplicate_item_id(tmp_path):
    probs, text = problems_after(tmp_path, "      - id: remarks", "      - id: neck_pain")
    line = line_of(text, "- id: neck_pain", 1)
    assert probs == [f"questionnaires/x.yaml:{line}: item 'neck_pain': duplicate item id 'neck_pain' "
                     "(also in section 'health')"]


def test_condition_with_unknown_item(tmp_path):
    probs, text = problems_after(tmp_path, "show_if: {item: device_setup,", "show_if: {item: device_set_up,")
    line = line_of(text, "show_if: {item: device_set_up")
    assert probs == [f"questionnaires/x.yaml:{line}: item 'laptop_stand': condition names unknown item 'device_set_up'"]


def test_condition_with_impossible_option(tmp_path):
    probs, _ = problems_after(tmp_path, "op: eq, value: laptop_only}", "op: eq, value: tablet}")
    assert len(probs) == 1
    assert "item 'laptop_stand': condition on 'device_setup': 'tablet' is not one of the options" in probs[0]


def test_rule_with_unknown_item_measure_norm_term_and_placeholder(tmp_path):
    text = MINI.replace("    item: laptop_stand\n", "    item: laptop_stnd\n", 1)
    text = text.replace("measures: [talk]", "measures: [talk, chat]")
    text = text.replace("    term: now\n", "    term: later\n")
    text = text.replace("norms: [thumb]", "norms: [thumbs]")
    text = text.replace("past ongeveer {rec_desk_height_cm} cm", "past ongeveer {rec_dsk} cm")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(qloader.QuestionnaireError) as exc:
        qloader.load(path)
    msgs = [p.message for p in exc.value.problems]
    wheres = {p.where for p in exc.value.problems}
    assert "names unknown item 'laptop_stnd'" in msgs
    assert "unknown measure 'chat'" in msgs
    assert "unknown term 'later'" in msgs
    assert "unknown norm 'thumbs'" in msgs
    assert "advice (nl) uses unknown placeholder '{rec_dsk}'" in msgs
    assert wheres == {"rule 'laptop_without_stand'", "rule 'neck'", "rule 'desk_too_high'"}
    # Every problem is reported at once, in file order.
    lines = [p.line for p in exc.value.problems]
    assert lines == sorted(lines) and len(lines) == 5


def test_unknown_derived_function_and_cycle(tmp_path):
    probs, _ = problems_after(tmp_path, "function: desk_height_from_stature", "function: guess_desk")
    assert len(probs) == 1 and "derived 'rec_desk_height_cm': unknown function 'guess_desk'" in probs[0]
    probs, _ = problems_after(tmp_path, "inputs: {body_height_cm: body_height_cm}",
                              "inputs: {body_height_cm: desk_excess}")
    assert any("cycle" in p for p in probs)


def test_derived_missing_input(tmp_path):
    probs, _ = problems_after(tmp_path, "inputs: {a: desk_height_cm, b: rec_desk_height_cm}", "inputs: {a: desk_height_cm}")
    assert len(probs) == 1 and "function 'difference' needs input 'b'" in probs[0]


def test_bad_default_and_bounds(tmp_path):
    probs, _ = problems_after(tmp_path, "default: NL", "default: XX")
    assert len(probs) == 1 and "default: 'XX' is not an ISO 3166 country code" in probs[0]
    probs, _ = problems_after(tmp_path, "min: 120\n        max: 220", "min: 220\n        max: 120")
    assert len(probs) == 1 and "item 'body_height_cm'" in probs[0] and "min (220) must be below max (120)" in probs[0]


def test_unknown_field_and_missing_field(tmp_path):
    probs, _ = problems_after(tmp_path, "        health: true\n        text: {nl: Slaap",
                              "        helth: true\n        text: {nl: Slaap")
    assert any("item 'sleep_hours': unknown field 'helth'" in p for p in probs)
    assert any("item 'sleep_hours': missing 'health'" in p for p in probs)


def test_yaml_syntax_error_has_a_line(tmp_path):
    probs, text = problems_after(tmp_path, '{nl: "Verstelbaar?", en: "Adjustable?"}', '{nl: Verstelbaar?, en: Adjustable?}')
    assert len(probs) == 1 and probs[0].startswith("questionnaires/x.yaml:") and "invalid YAML" in probs[0]


def test_duplicate_yaml_key(tmp_path):
    probs, _ = problems_after(tmp_path, "        type: yes_no\n        health: false\n        text: {nl: \"Verstelbaar",
                              "        type: yes_no\n        type: yes_no\n        health: false\n        text: {nl: \"Verstelbaar")
    assert len(probs) == 1 and "duplicate key 'type'" in probs[0]


def test_health_is_inherited_by_rules(mini):
    assert mini.health_rules == frozenset({"neck"})
    assert mini.reads_health(["neck_pain"]) and not mini.reads_health(["desk_excess"])


def test_find_by_id_and_version():
    q = qloader.find("mini", "1.2", dirs=[DATA])
    assert q.version == "1.2"
    with pytest.raises(LookupError, match="no version '9'"):
        qloader.find("mini", "9", dirs=[DATA])
    with pytest.raises(LookupError, match="does not exist"):
        qloader.find("nope", dirs=[DATA])


def test_a_workplace_item_shown_only_by_a_health_answer_is_refused(tmp_path):
    """Whether it is answered would tell the employer about the health answer."""
    probs, _ = problems_after(tmp_path, "        show_if: {item: device_setup, op: eq, value: laptop_only}",
                              "        show_if: {item: neck_pain, op: ge, value: 3}")
    assert len(probs) == 1 and "item 'laptop_stand'" in probs[0] and "shown depending on health data ('neck_pain')" \
        in probs[0]
    # ... also through a derived value or another item's show-if
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("        show_if: {item: device_setup, op: eq, value: laptop_only}",
                        "        show_if: {item: desk_height_adjustable, op: eq, value: true}")
    text = text.replace("      - id: desk_height_adjustable\n        type: yes_no\n        health: false\n",
                        "      - id: desk_height_adjustable\n        type: yes_no\n        health: false\n"
                        "        show_if: {item: sleep_hours, op: answered}\n")
    with pytest.raises(qloader.QuestionnaireError) as e:
        qloader.loads(text, "x.yaml")
    msgs = [str(p) for p in e.value.problems]
    assert any("item 'laptop_stand'" in m and "('sleep_hours')" in m for m in msgs), msgs
    assert any("item 'desk_height_adjustable'" in m for m in msgs), msgs


def test_a_rule_that_fills_in_a_health_answer_is_health_data():
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    q = qloader.loads(text.replace('advice: {nl: "Jij kreeg: {provided}.", en: "You got: {provided}."}',
                                   'advice: {nl: "Jij kreeg: {provided}.", en: "You got: {provided}, {neck_pain}."}'))
    assert q.health_rules == frozenset({"neck", "nothing_provided"})


def test_the_parameters_the_code_reads_are_set_in_the_questionnaire(tmp_path, mini):
    assert mini.parameter("desk_tolerance_cm") == 4
    probs, _ = problems_after(tmp_path, "parameters: {desk_tolerance_cm: 4}", "parameters: {desk_tolerance: 4}")
    assert any("unknown parameter 'desk_tolerance'" in p for p in probs), probs
    assert any("set parameters.desk_tolerance_cm" in p for p in probs), probs  # mini shows the side view
    probs, _ = problems_after(tmp_path, "parameters: {desk_tolerance_cm: 4}", "parameters: {desk_tolerance_cm: -1}")
    assert any("desk_tolerance_cm" in p for p in probs), probs
