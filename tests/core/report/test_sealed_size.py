"""The sealed part's fixed size: the questionnaire's worst case holds every real payload."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from arbocheck.core.check import answers as answers_mod
from arbocheck.core.report import assessment, sealed_size
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.trust import seal
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.questionnaire.model import (Country, FreeText, Hours, MultiChoice, Number, Scale,
                                                SingleChoice, YesNo)
from locations import DATA, ROOT

REAL = qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")

# mini.yaml plus long health texts that advice repeats: a free text filled into a health rule's advice
# (twice, in both languages), a multiple choice and a derived value beside it.
_EXTRA_ITEMS = '''
      - id: medical_note
        type: text
        max_length: 3000
        health: true
        text: {nl: Toelichting, en: Note}
      - id: limitations
        type: multi_choice
        health: true
        text: {nl: Beperkingen, en: Limitations}
        options:
          - {value: lifting, label: {nl: Niet tillen, en: No lifting}}
          - {value: standing, label: {nl: Niet lang staan, en: No long standing}}
          - {value: none, label: {nl: Geen, en: None}, exclusive: true}
rules:'''
_EXTRA_RULE = '''
  - id: note_given
    item: medical_note
    when: {item: medical_note, op: answered}
    priority: medium
    owner: worker
    title: {nl: "Toelichting: {medical_note}", en: "Note: {medical_note}"}
    advice:
      nl: "Je schreef: {medical_note}. Beperkingen: {limitations}. Slaap {sleep_hours}, verschil {desk_excess}."
      en: "You wrote: {medical_note}. Limitations: {limitations}. Sleep {sleep_hours}, difference {desk_excess}."
    measures: [talk, footrest]
    norms: [law]
'''


def _long_mini():
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("\nrules:", _EXTRA_ITEMS, 1) + _EXTRA_RULE
    return qloader.loads(text, "long-mini.yaml")


LONG = _long_mini()
NOT_SURROGATE = st.characters(blacklist_categories=("Cs",))


def _value(it):
    """A strategy of valid answers to one item, long ones included."""
    if isinstance(it, YesNo):
        return st.booleans()
    if isinstance(it, (SingleChoice, Country)):
        return st.sampled_from([o.value for o in it.options] or ["NL"])
    if isinstance(it, MultiChoice):
        plain = [o.value for o in it.options if not o.exclusive]
        only = [[o.value] for o in it.options if o.exclusive]
        return st.one_of(st.lists(st.sampled_from(plain), min_size=1, unique=True), *map(st.just, only))
    if isinstance(it, Scale):
        return st.integers(it.min, it.max)
    if isinstance(it, Number) and it.integer:
        return st.integers(int(it.min), int(it.max))
    if isinstance(it, (Number, Hours)):
        return st.floats(it.min, it.max, allow_nan=False)
    if isinstance(it, FreeText):
        # the longest in JSON: control characters (\u0001, 6 bytes) or 4-byte UTF-8, at full length
        full = st.sampled_from(["\x01", "😀", "\"", "é"]).map(lambda c: c * it.max_length)
        return st.one_of(st.text(NOT_SURROGATE, max_size=it.max_length), full)
    raise TypeError(type(it).__name__)


def health_answers(q):
    """Random answers to the health items of `q` (each may be left open), valid by answers.problems."""
    items = {i: q.items[i] for i in sorted(q.health_items())}
    return st.fixed_dictionaries({}, optional={i: _value(it) for i, it in items.items()}).filter(
        lambda a: not answers_mod.problems(q, a))


def longest_answers(q) -> dict:
    """A real, valid answer set at its longest: every health item at its largest value."""
    out = {}
    for i in q.health_items():
        it = q.items[i]
        if isinstance(it, FreeText):
            out[i] = "\x01" * it.max_length
        elif isinstance(it, MultiChoice):
            out[i] = [o.value for o in it.options if not o.exclusive]
        elif isinstance(it, (SingleChoice, Country)):
            out[i] = max((o.value for o in it.options), key=len, default="NL")
        elif isinstance(it, YesNo):
            out[i] = False
        elif isinstance(it, (Scale, Number)) and (isinstance(it, Scale) or it.integer):
            out[i] = int(it.max)
        else:
            out[i] = it.max - 1e-9  # a float with a long repr
    assert not answers_mod.problems(q, out)
    return out


def _payload(q, answers, lang="nl", report_id="0" * 36) -> bytes:
    rm = ReportMeta(signer_name="X", fingerprint="F", report_id=report_id, lang=lang)
    return assessment.dumps(assessment.build(q, answers, {}, rm, sealed=True)[1])


@pytest.mark.parametrize("q", [REAL, LONG], ids=["thuiswerkplek", "long-mini"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_longest_real_answers_fit_the_worst_case(q, lang):
    worst = sealed_size.text_worst_case(q)
    got = len(_payload(q, longest_answers(q), lang))
    assert got <= worst
    assert sealed_size.text_room(q) >= worst and sealed_size.text_room(q) % sealed_size.TEXT_STEP == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(data=st.data())
def test_random_health_answers_fit_the_worst_case(data):
    for q in (REAL, LONG):
        a = data.draw(health_answers(q))
        assert len(_payload(q, a, data.draw(st.sampled_from(["nl", "en"])))) <= sealed_size.text_worst_case(q)


def test_a_long_free_text_in_advice_grows_the_room():
    mini = qloader.load(DATA / "mini.yaml")
    # the note three times (answer, title, advice), each character at 6 bytes
    assert sealed_size.text_worst_case(LONG) > sealed_size.text_worst_case(mini) + 3 * 6 * 3000
    # ... and a payload at that worst case still seals to the room
    payload = _payload(LONG, longest_answers(LONG))
    _, recipient = seal.new_identity()
    room = sealed_size.room(LONG, "0" * 36, 0)
    blob = seal.seal(payload, recipient, room=room)
    assert len(blob) == len(seal.seal(b"{}", recipient, room=room))


def test_the_worst_case_has_every_field_of_a_real_payload():
    """If the payload gains a field, the worst case (built by the same function) has it too."""
    real = _keys(assessment.build(LONG, longest_answers(LONG) | {"neck_pain": 5}, {},
                                  ReportMeta(signer_name="X", fingerprint="F"), sealed=True)[1])
    assert real <= _keys(sealed_size.worst_case_payload(LONG))


def _keys(obj, path="") -> set[str]:
    if isinstance(obj, dict):
        return {path + "/" + k for k in obj} | {p for k, v in obj.items() for p in _keys(v, path + "/" + k)}
    if isinstance(obj, list):
        return {p for v in obj for p in _keys(v, path + "[]")}
    return set()


def test_a_longer_report_id_than_a_uuid_grows_the_room_by_its_extra_bytes():
    base = sealed_size.text_worst_case(REAL)
    step = sealed_size.TEXT_STEP
    rid = "r" * (36 + step)  # at least one step more, whatever the worst case is
    assert sealed_size.text_room(REAL, rid) >= base + step
    assert len(_payload(REAL, longest_answers(REAL), report_id=rid)) <= sealed_size.text_room(REAL, rid)


def test_photo_slots_come_in_fours():
    assert [sealed_size.photo_slots(n) for n in range(10)] == [4, 4, 4, 4, 4, 8, 8, 8, 8, 12]


def test_the_worst_case_is_cached_per_questionnaire():
    sealed_size.text_worst_case(LONG)
    assert sealed_size._worst[LONG.sha256] == sealed_size.text_worst_case(LONG)


def test_a_payload_beyond_its_room_is_refused_not_sealed_to_a_telling_length():
    _, recipient = seal.new_identity()
    with pytest.raises(seal.SealError, match="larger than its fixed size"):
        seal.seal(b"x" * 5000, recipient, room=4096)
