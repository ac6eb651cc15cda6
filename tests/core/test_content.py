"""The shipped questionnaire: valid, stable ids, honest about norms, private by design."""

import re
from pathlib import Path

import pytest

from arbocheck.core import qloader
from arbocheck.core.conditions import referenced

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


def _strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from _strings(x)
    elif isinstance(v, (list, tuple)):
        for x in v:
            yield from _strings(x)


_FIXED_TWO_HOURS = re.compile(r"\b(elke|om de|na)\s+(2|twee)\s+uur\b|\b(every|after)\s+(2|two)\s+hours\b", re.I)
_REPEALED = re.compile(r"niet meer|no longer|\bno fixed\b", re.I)


def test_two_hour_break_rule_only_mentioned_as_repealed(q):
    """Anywhere in the content (titles, sources, help, advice), 'every two hours' is named only as gone."""
    for text in _strings(q.data.model_dump()):
        if _FIXED_TWO_HOURS.search(text):
            assert _REPEALED.search(text), text


# A norm's `source` is one string shown in both languages, so it holds references only: sites,
# organisations, articles, case and document numbers, and document titles in quotes (which keep
# their own language). Explanations go in the title, which has nl and en.
_NAMES_WITH_WORDS = ("American Academy of Ophthalmology",)
_PROSE_WORDS = {
    "de", "het", "een", "en", "van", "met", "zonder", "geen", "niet", "bij", "voor", "op", "sinds",
    "zoals", "naar", "tot", "of", "te", "is", "kan", "mag", "meer", "hoogstens", "minstens",
    "gewijzigd", "tekst", "verwijzing", "afgeleid", "praktijk", "handreiking", "vraag", "antwoord",
    "richtlijn", "gerichte", "vrijstelling", "aangenomen", "resolutie",
    "the", "a", "an", "and", "with", "without", "no", "not", "at", "for", "on", "since", "as", "to",
    "from", "by", "are", "may", "amended", "derived", "practice",
}
_DUTCH_ABBREVIATIONS = {"Vo", "HvJ"}  # verordening, Hof van Justitie: write "EU 883/2004", "C-203/24"


def test_norm_sources_are_public_and_language_neutral(q):
    for norm in q.data.norms:
        for text in (norm.source, norm.title.nl, norm.title.en):
            assert "NORMS" not in text and ".md" not in text, (norm.id, "cite the public source, not the design notes")
        bare = re.sub(r'"[^"]*"', " ", norm.source)
        bare = re.sub(r"[\w.-]+\.[a-z]{2,3}\b(/\S*)?", " ", bare)  # web addresses
        for name in _NAMES_WITH_WORDS:
            bare = bare.replace(name, " ")
        words = set(re.findall(r"[^\W\d_]+", bare))
        prose = ({w for w in words if w.islower()} & _PROSE_WORDS) | (words & _DUTCH_ABBREVIATIONS)
        assert not prose, (norm.id, sorted(prose), "explanations belong in the nl/en title")


def test_body_height_rule_of_thumb_is_guidance(q):
    """NORMS.md §2: desk and seat height from body height is an unverified rule of thumb."""
    assert q.norms["vuistregel_lengte"].status == "guidance"
    for norm in q.data.norms:
        if norm.title.nl.lower().startswith("vuistregel") or norm.title.en.lower().startswith("rule of thumb"):
            assert norm.status == "guidance", norm.id
    from_height = {"body_height_cm"}
    for d in q.data.derived:  # listed in dependency order
        if from_height & set(d.inputs.values()):
            from_height.add(d.id)
    from_height.discard("body_height_cm")
    assert {"rec_desk_height_cm", "rec_seat_height_cm", "footrest_height_cm"} <= from_height
    for rule in q.data.rules:
        if referenced(rule.when) & from_height:
            assert "vuistregel_lengte" in rule.norms, rule.id


def test_every_rule_cites_a_norm_and_guidance_is_marked(q):
    for rule in q.data.rules:
        assert rule.norms
    statuses = {n.status for n in q.data.norms}
    assert "guidance" in statuses and "law" in statuses


def test_photo_prompts_and_diagram(q):
    assert sum(1 for s in q.data.sections if s.photo_prompt) >= 4
    assert {s.id for s in q.data.sections if s.diagram == "side_view"} >= {"desk", "chair"}
