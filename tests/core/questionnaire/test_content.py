"""The shipped questionnaire: valid, stable ids, honest about norms and their sources, private by design.

These are the content's own invariants, as an arbo expert who signs the content would check them.
"""

import re
from pathlib import Path

import pytest

from arbocheck.core.common import i18n
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.questionnaire.conditions import referenced
from arbocheck.core.questionnaire.loader import official_url, rule_reads
from locations import ROOT

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


def _strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from _strings(x)
    elif isinstance(v, (list, tuple)):
        for x in v:
            yield from _strings(x)


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
                  "safety", "break", "workload", "balance", "movement", "complaint", "circumstances", "border"):
        assert topic in sections, topic


# -- sources --------------------------------------------------------------------------------

# Shops, furniture sellers, blogs, magazines and broadcasters that earlier versions cited (NORMS.md §0).
NOT_SOURCES = ("worktrainer", "ltj-kantoormeubelen", "bureaustoelen.expert", "ergodirect", "pirnar", "ein-haus-halt",
               "purperinterior", "omroepwest", "flmagazine", "seelifeinpink", "deprojectinrichter", "bluesfreedom",
               "medion", "expydoc", "dynamicergonomics", "hr-kiosk", "ergonomiespecialist", "ventilerenzogedaan",
               "mensura", "rendement", "vcanieuws", "werkindewinkel", "nmbrs", "gezondverbond", "arbo-online",
               "arbobondgenoten", "uitgeverijbedrijf", "verbondpk", "arbovita", "reactiva", "ru.nl", "awvn",
               "auva", "offipedia", "ergonomiesite", "telt.nl", "taxnavigator")
_DOMAIN = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:nl|be|de|lu|fr|at|eu|com|org|net|uk|io|gov|int|info)\b", re.I)


def test_every_source_link_is_on_the_official_allowlist(q):
    for norm in q.data.norms:
        for src in norm.sources:
            if src.url:
                assert official_url(src.url, q.data.source_domains), (norm.id, src.url)


def test_no_domain_outside_the_allowlist_appears_anywhere_in_the_content(q):
    """Not in a title, a help text, an advice or a reference: only the allowlisted official sites."""
    texts = list(_strings(q.data.model_dump(exclude={"source_domains"})))
    for text in texts:
        for m in _DOMAIN.finditer(text.replace("https://", " ")):
            host = m.group(0).lower()
            assert any(host == d or host.endswith("." + d) for d in q.data.source_domains), (host, text[:80])


@pytest.mark.parametrize("path", FILES + [ROOT / "README.md"], ids=lambda p: p.name)
def test_no_shop_blog_or_news_site_is_named(path):
    text = path.read_text(encoding="utf-8").lower()
    for name in NOT_SOURCES:
        assert name not in text, name
    for lang in i18n.LANGS:
        for v in i18n.table(lang).values():
            assert not any(name in v.lower() for name in NOT_SOURCES), v


def test_the_loader_refuses_a_source_outside_the_allowlist(tmp_path):
    text = (ROOT / "questionnaires" / "thuiswerkplek.yaml").read_text(encoding="utf-8")
    bad = text.replace("https://fysiekebelasting.tno.nl/nl/instrumenten/bas", "https://www.shop.example.com/bas", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(qloader.QuestionnaireError) as exc:
        qloader.load(path)
    assert "not on an official domain" in str(exc.value)


def test_status_is_honest(q):
    law_ref = re.compile(r"BWBR\d{7}|Verordening|Stb\.|Protocol|Bouwbesluit|Kamerstuk", re.I)
    for norm in q.data.norms:
        refs = " ".join(s.reference or "" for s in norm.sources)
        urls = " ".join(s.url or "" for s in norm.sources)
        if norm.status == "law":
            assert law_ref.search(refs + " " + urls), f"{norm.id}: a law norm cites the law"
        if all("aofondsrijk.nl" in (s.url or "") for s in norm.sources):
            assert norm.status in ("sector", "rule_of_thumb"), f"{norm.id}: the Arbocatalogus Rijk binds the Rijk only"
        if all("nlarbeidsinspectie.nl" in (s.url or "") for s in norm.sources):
            assert norm.status == "guidance", f"{norm.id}: an inspectorate FAQ is guidance"
        if norm.status == "standard":
            assert re.search(r"\b(NEN|NPR|EN|ISO)\b", refs + " " + " ".join(s.title.nl for s in norm.sources)), norm.id


def test_no_two_hour_rule_presented_as_law(q):
    """Arbobesluit 5.10 lost its two-hour rule in 2019 (NORMS.md §0)."""
    for norm in q.data.norms:
        refs = " ".join(s.reference or "" for s in norm.sources)
        if "5.10" in refs:
            assert "niet meer" in norm.title.nl and "no longer" in norm.title.en


_FIXED_TWO_HOURS = re.compile(r"\b(elke|om de|na)\s+(2|twee)\s+uur\b|\b(every|after)\s+(2|two)\s+hours\b", re.I)
_REPEALED = re.compile(r"niet meer|no longer|\bno fixed\b", re.I)


def test_two_hour_break_rule_only_mentioned_as_repealed(q):
    """Anywhere in the content (titles, sources, help, advice), 'every two hours' is named only as gone."""
    for text in _strings(q.data.model_dump()):
        if _FIXED_TWO_HOURS.search(text):
            assert _REPEALED.search(text), text


def test_the_withdrawn_fixed_desk_rule_and_legroom_are_not_sold_as_en_527(q):
    """74–76 cm is the withdrawn policy rule 5.4-1; 120 × 80 cm is legroom in EN 527 (NORMS.md §0)."""
    for text in _strings(q.data.model_dump()):
        assert not re.search(r"74\s*[–-]\s*76\s*cm", text), text
        assert "120 × 80" not in text and "120 x 80" not in text, text


def test_body_height_rule_of_thumb_is_marked_as_such(q):
    assert q.norms["lichaamsmaten"].status == "rule_of_thumb"
    from_height = {"body_height_cm"}
    for d in q.data.derived:  # listed in dependency order
        if from_height & set(d.inputs.values()):
            from_height.add(d.id)
    from_height.discard("body_height_cm")
    assert {"rec_desk_height_cm", "rec_seat_height_cm", "footrest_height_cm"} <= from_height
    for rule in q.data.rules:
        if referenced(rule.when) & from_height and rule.id != "body_outside_design_range":
            assert "lichaamsmaten" in rule.norms, rule.id


def test_the_signatory_list_is_data_with_dates(q):
    signed = {m.code for m in q.lists["framework_signatories"].members}
    assert {"BE", "DE", "NL", "LU", "FR"} <= signed and "GB" not in signed


def test_yearly_amounts_cover_this_year_or_warn(q):
    import datetime as dt

    year = dt.date.today().year
    for y in q.data.yearly:
        if max(v.year for v in y.values) < year:
            assert any(f"'{y.id}'" in w.where for w in q.warnings)


# -- rules, measures and items -----------------------------------------------------------------

def test_every_rule_has_a_measure_and_every_measure_a_rule(q):
    used = set()
    for rule in q.data.rules:
        assert rule.measures, f"{rule.id} has no measure"
        used |= set(rule.measure_ids())
    assert sorted(set(q.measures) - used) == []


# Items no rule judges: what they are for.
INFORMATIONAL = {
    "employer_provided": "tells the employer what it already supplied; the plan names only what is missing",
    "remarks": "free text for the occupational physician",
    "screen_hours_per_day": "decides the screen-work scope of every workstation rule",
    "work_days_per_week": "feeds the weekly hours and the cross-border share",
}


def test_every_item_is_judged_by_a_rule_or_a_check_or_is_informational(q):
    read: set[str] = set()
    for rule in q.data.rules:
        read |= rule_reads(rule)
    for chk in q.data.checks:
        read |= referenced(chk.when)
    for d in q.data.derived:  # an item feeding a derived value that a rule reads counts
        if d.id in read:
            read |= set(d.inputs.values())
    checked_text = {i for i, it in q.items.items() if getattr(it, "check_health_words", False)}
    unjudged = set(q.items) - read - checked_text - set(INFORMATIONAL)
    assert sorted(unjudged) == []


def test_every_rule_names_its_owner_as_the_law_does(q):
    for rule in q.data.rules:
        owners = {q.measures[m].owner for m in rule.measure_ids()}
        if owners == {"employer"}:
            assert rule.owner in ("employer", "both"), f"{rule.id}: the employer supplies its measure"
        if "employer" in owners and "worker" in owners:
            assert rule.owner in ("both", "employer"), rule.id


# -- privacy -----------------------------------------------------------------------------------

def test_health_and_personal_items_are_confidential(q):
    for item_id in ("complaint_areas", "workload_pace", "burnout_signals", "pregnancy_status", "work_limitation",
                    "multifocal_glasses", "remarks", "active_minutes_per_week", "screen_glasses_wanted"):
        assert q.items[item_id].health, item_id
    for item_id in ("age_18_or_over", "remarks_employer", "eye_test_offered", "can_discuss_workload"):
        assert not q.items[item_id].health, item_id
    for it in q.items.values():
        if q.section_of[it.id] in ("profile", "desk", "chair"):
            assert not it.health, it.id


def test_the_employer_remark_is_checked_and_can_move_to_the_confidential_one(q):
    it = q.items["remarks_employer"]
    assert it.check_health_words and it.move_to == "remarks" and it.note is not None
    assert q.items["remarks"].health


_PRIVACY_CLAIM = re.compile(
    r"gaa?t?n? alleen naar|ziet je werkgever|je werkgever ziet|werkgever leest|nooit naar je werkgever|"
    r"goes? only to|never to your employer|your employer (?:does not )?sees?|employer reads|blijft vertrouwelijk|"
    r"stays confidential", re.I)


def test_no_content_text_makes_a_privacy_promise_of_its_own(q):
    """Who sees what is computed from the items' flags (core.sharing); content never says it by hand."""
    for sec in q.data.sections:
        texts = [sec.intro] + [t for it in sec.items for t in (it.text, it.help, it.note)]
        for t in filter(None, texts):
            for lang in ("nl", "en"):
                assert not _PRIVACY_CLAIM.search(t.get(lang)), (sec.id, t.get(lang))


def test_the_sealed_part_is_never_said_to_go_to_a_preventiemedewerker():
    for lang in i18n.LANGS:
        for text in i18n.table(lang).values():
            low = text.lower()
            if "preventiemedewerker" in low or "prevention officer" in low:
                assert not re.search(r"gezondheid|vertrouwelijk|verzegeld|health|confidential|sealed", low), text


def test_every_item_the_coverage_mapping_names_exists(q):
    """questionnaires/README.md maps the HSE and TNO checklists onto items: the mapping may not name ghosts."""
    text = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    mapping = text[text.index("## Coverage"):]
    named = set(re.findall(r"`([a-z][a-z0-9_]*)`", mapping))
    known = set(q.items) | set(q.derived) | set(q.rules)
    assert sorted(named - known) == []


# -- plain language (B1) --------------------------------------------------------------------------

def _worker_texts(q, lang):
    """Every text the worker reads: questions, help, notes, options, advice, titles, measures."""
    for sec in q.data.sections:
        yield from (t.get(lang) for t in (sec.title, sec.intro) if t is not None)
        for it in sec.items:
            yield from (t.get(lang) for t in (it.text, it.help, it.note) if t is not None)
            yield from (o.label.get(lang) for o in getattr(it, "options", []))
    for r in q.data.rules:
        yield r.title.get(lang)
        yield r.advice.get(lang)
        yield from (a.text.get(lang) for a in r.advice_if)
    yield from (m.text.get(lang) for m in q.data.measures)
    yield from (n.title.get(lang) for n in q.data.norms)  # the norm line under advice says what the rule is


def _sentences(text):
    return [s for s in re.split(r"(?<=[.!?;])\s+", text) if s.strip()]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sentences_stay_short(q, lang):
    """B1: advice and questions in sentences of about 20 words at most."""
    long = [(len(re.findall(r"[\w'’€%{}-]+", s)), s) for text in _worker_texts(q, lang) for s in _sentences(text)]
    assert [s for n, s in long if n > 24] == []


# Words a layperson may not know: each must be explained in the glossary when the content uses it.
JARGON = {"nl": ["arbovoorziening", "onbelast", "RI&E", "plan van aanpak", "bedrijfsarts", "arbodienst",
                 "open spreekuur", "vertrouwenspersoon", "kaderovereenkomst", "SVB", "A1-verklaring", "lux",
                 "vijfpoot", "beeldschermwerk", "multifocale", "cao", "ondernemingsraad", "dB(A)", "ergonomisch",
                 "popliteaal"],
          "en": ["arbo provision", "tax-free", "RI&E", "action plan", "occupational physician", "framework agreement",
                 "SVB", "A1 certificate", "lux", "five-star base", "DSE", "multifocal", "collective agreement",
                 "works council", "confidential adviser", "open consultation hour"]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_term_a_layperson_does_not_know_is_explained(q, lang):
    text = "\n".join(_worker_texts(q, lang))
    explained = {t.casefold() for g in q.data.glossary for t in g.terms.get(lang)}
    for word in JARGON[lang]:
        if re.search(r"(?<!\w)" + re.escape(word.casefold()), text.casefold()):
            assert any(word.casefold().startswith(e) or e.startswith(word.casefold()) for e in explained), word


def test_every_glossary_entry_is_used(q):
    for lang in ("nl", "en"):
        text = "\n".join(_worker_texts(q, lang))
        for g in q.data.glossary:
            assert q.glossary_in([text], lang) and any(
                re.search(r"(?<!\w)" + re.escape(t.casefold()), text.casefold()) for t in g.terms.get(lang)), g.id


def test_one_word_for_one_thing(q):
    """The desk is 'bureau', its top 'blad' or 'bureaublad': never werktafel, werkvlak or werkblad."""
    for text in _worker_texts(q, "nl"):
        assert not re.search(r"\b(werktafel|werkvlak|werkblad)", text, re.I), text


def test_measure_texts_name_the_measure_not_the_reader():
    """A measure's text stands on the report's first page, which speaks to the employer about the
    worker in the third person: no "je"/"you" in it (the advice, in the worker's own words, is apart)."""
    import re

    from arbocheck.core.questionnaire import loader as qloader

    q = qloader.find("thuiswerkplek")
    second = {"nl": r"\b(je|jij|jou|jouw|jezelf|u|uw)\b", "en": r"\b(you|your|yours|yourself)\b"}
    bad = [(mid, lang, m.text.get(lang)) for mid, m in q.measures.items() for lang in second
           if re.search(second[lang], m.text.get(lang), re.I)]
    assert not bad, bad
