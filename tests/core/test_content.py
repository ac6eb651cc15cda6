"""The shipped questionnaire: valid, stable ids, honest about norms, private by design."""

from pathlib import Path

import pytest

from arbocheck.core import qloader

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "questionnaires").glob("*.yaml"))

STABLE_IDS = {
    "body_height_cm": "number", "work_days_per_week": "number", "home_days_per_week": "number",
    "screen_hours_per_day": "hours", "device_setup": "single_choice", "desk_height_cm": "number",
    "desk_height_adjustable": "yes_no", "chair_seat_height_adjustable": "yes_no",
    "screen_distance_cm": "number", "residence_country": "country",
}


@pytest.fixture(scope="module")
def q():
    return qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_questionnaire_is_valid(path):
    qloader.load(path)


def test_identity(q):
    assert q.id == "thuiswerkplek"
    assert qloader.find("thuiswerkplek").id == "thuiswerkplek"


@pytest.mark.parametrize("item_id, typ", sorted(STABLE_IDS.items()))
def test_stable_item_ids(q, item_id, typ):
    assert q.items[item_id].type == typ


def test_device_setup_options(q):
    assert [o.value for o in q.items["device_setup"].options] == ["laptop_only", "laptop_with_screen", "desktop"]


def test_residence_country_defaults_to_nl(q):
    assert q.items["residence_country"].default == "NL"


def test_topics_are_covered(q):
    sections = " ".join(q.sections)
    for topic in ("profile", "light", "desk", "chair", "screen", "keyboard", "climate", "noise",
                  "safety", "break", "workload", "balance", "movement", "complaint", "border"):
        assert topic in sections, topic


def test_health_items_include_complaints_and_workload(q):
    health = q.health_items()
    assert len(health) >= 8
    for it in q.items.values():
        if q.section_of[it.id] in ("profile", "desk", "chair"):
            assert not it.health, it.id


def test_no_two_hour_rule_presented_as_law(q):
    """Arbobesluit 5.10 lost its two-hour rule in 2019 (NORMS.md §0)."""
    for norm in q.data.norms:
        if "5.10" in norm.source:
            for lang in ("nl", "en"):
                assert "2 uur" not in norm.title.get(lang) and "two hours" not in norm.title.get(lang)


def test_every_rule_cites_a_norm_and_guidance_is_marked(q):
    for rule in q.data.rules:
        assert rule.norms
    statuses = {n.status for n in q.data.norms}
    assert "guidance" in statuses and "law" in statuses


def test_photo_prompts_and_diagram(q):
    assert sum(1 for s in q.data.sections if s.photo_prompt) >= 4
    assert {s.id for s in q.data.sections if s.diagram == "side_view"} >= {"desk", "chair"}
