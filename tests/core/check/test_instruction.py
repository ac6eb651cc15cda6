"""The instruction (Arbowet art. 8): content checked on load, own numbers only once known, the confirmation."""

import datetime as _dt

from arbocheck.core.check import instruction
from arbocheck.core.check.worksheet import Worksheet
from arbocheck.core.questionnaire import loader as qloader
from locations import ROOT

Q = qloader.load_cached(ROOT / "questionnaires" / "thuiswerkplek.yaml")
TEXT = (ROOT / "questionnaires" / "thuiswerkplek.yaml").read_text(encoding="utf-8")


def problems(tmp_path, old: str, new: str) -> list[str]:
    assert old in TEXT, old
    path = tmp_path / "x.yaml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    try:
        qloader.load(path)
    except qloader.QuestionnaireError as e:
        return [str(p) for p in e.problems]
    return []


def test_the_instruction_covers_the_topics_in_both_languages():
    ins = Q.data.instruction
    assert ins is not None and ins.norm == "arbowet_8" and ins.after_section == "profile"
    assert [t.id for t in ins.topics] == ["chair", "desk", "screen", "keyboard_mouse", "light", "breaks", "complaints"]
    complaints = {t.id: t for t in ins.topics}["complaints"]
    assert "open spreekuur" in complaints.text.nl and "toestemming" in complaints.text.nl
    assert "open consultation hour" in complaints.text.en
    for tp in ins.topics:  # B1: short sentences
        for lang in ("nl", "en"):
            for sentence in tp.text.get(lang).split(". "):
                assert len(sentence.split()) <= 25, (tp.id, lang, sentence)


def test_own_numbers_appear_only_once_known():
    ws = Worksheet(Q)
    by = {t.id: t for t in instruction.topics(Q, ws.values, "nl")}
    assert by["chair"].own is None and by["desk"].own is None
    ws.set("body_height_cm", 180)
    values = ws.values
    by = {t.id: t for t in instruction.topics(Q, values, "nl")}
    assert by["chair"].own is not None and f"{values['rec_seat_height_cm']:g}".replace(".", ",") in by["chair"].own
    assert by["desk"].own is not None and "{" not in by["desk"].own
    en = {t.id: t for t in instruction.topics(Q, values, "en")}
    assert en["desk"].own.startswith("For your height")
    assert by["light"].sources and all("http" not in s for s in by["light"].sources)


def test_the_loader_refuses_unknown_norms_placeholders_and_sections(tmp_path):
    p = problems(tmp_path, "      norms: [raam_opzij, nen_en_12464_1]", "      norms: [raam_opzij, shop_blog]")
    assert any("unknown norm 'shop_blog'" in x for x in p), p
    p = problems(tmp_path, "ongeveer {rec_seat_height_cm} cm.", "ongeveer {no_such_value} cm.")
    assert any("unknown placeholder '{no_such_value}'" in x for x in p), p
    p = problems(tmp_path, "  after_section: profile", "  after_section: nowhere")
    assert any("unknown section 'nowhere'" in x for x in p), p
    p = problems(tmp_path, 'title: {nl: "Licht", en: "Light"}', 'title: {nl: "Licht {rec_desk_height_cm}", en: "Light"}')
    assert any("placeholders belong in 'own'" in x for x in p), p
    p = problems(tmp_path, "    - id: light\n", "    - id: chair\n")
    assert any("duplicate instruction topic id 'chair'" in x for x in p), p


def test_confirmation_is_dated_versioned_and_lapses_with_a_new_version():
    meta: dict = {}
    assert instruction.confirmation(meta, Q) is None
    rec = instruction.confirm(meta, Q, today=_dt.date(2026, 11, 30))
    assert rec == {"date": "2026-11-30", "version": Q.data.instruction.version}
    assert instruction.confirmation(meta, Q) == rec
    meta[instruction.META_KEY] = {"date": "2026-11-30", "version": "0"}
    assert instruction.confirmation(meta, Q) is None
    meta[instruction.META_KEY] = {"date": "2026-13-40", "version": Q.data.instruction.version}
    assert instruction.confirmation(meta, Q) is None
    instruction.withdraw(meta)
    assert instruction.META_KEY not in meta
