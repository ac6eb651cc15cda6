"""How large a report's sealed part is: fixed per questionnaire, whatever was answered.

The employer holds the signed file and can measure its sealed part
(`confidential.age`). That length must not tell "a few" from "many" health
answers or findings, so the confidential payload is padded to a room fixed in
advance (`seal.seal(..., room=...)`):

    room = text_room(q) + photo_slots(n) × photo_slot(q)

- `text_room`: the largest confidential JSON (without photos) the questionnaire
  allows, rounded up to a multiple of `TEXT_STEP` (64 KiB). It is computed from
  the questionnaire, never from the answers: every health item answered with its
  longest value (free text at its `max_length`, each character at its longest in
  JSON — 6 bytes for an escaped control character; every option of a multiple
  choice; a number at 24 characters), every health rule firing with its title
  and advice filled with the longest value of each placeholder, and every measure
  of those rules in the plan with the longest term. The worst case goes through
  the same function that builds the real payload (`assessment.confidential_json`),
  so the two cannot drift apart. It is cached per questionnaire hash.
- Photos: every expert-only photo is re-encoded to at most `PHOTO_BYTES`
  (192 KiB) of JPEG (`photos.within`). The pool has room for `PHOTO_SLOTS` (4)
  photos whether there are none or four; beyond that it grows in steps of four
  (5–8 photos: room for 8, and so on). The size shows at most whether more than
  4, 8, … expert-only photos were added, never how many health answers or
  findings there are.

The report id is in `assessment.json` anyway; one longer than a UUID grows the
room by its extra bytes. Should a payload ever not fit (a derived value far
outside any plausible range in an advice text), sealing fails (`SealError`)
rather than producing a telling length.
"""

from __future__ import annotations

from typing import Any

from arbocheck.core.report import assessment
from arbocheck.core.check import textfmt
from arbocheck.core.report.assessment import confidential_json, sealed_photo_json
from arbocheck.core.check.draft_photos import CAPTION_MAX
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.questionnaire.model import (LANGS, Country, FreeText, Hours, MultiChoice, Number, Scale,
                                                SingleChoice, Text, YesNo)
from arbocheck.core.check.rules import PRIORITIES, Finding, NormRef, PlanItem

TEXT_STEP = 64 * 1024
PHOTO_BYTES = 192 * 1024
PHOTO_SLOTS = 4
JSON_CHAR_MAX = 6
"""The most bytes one character takes in the payload's JSON (UTF-8, not ASCII-escaped):
a control character is written as \\u0001; anything else takes at most 4."""
NUMBER_CHARS = 24
"""The longest JSON form of a float ("-2.2250738585072014e-308")."""
DERIVED_CHARS = 32
"""A derived value filled into an advice text, with at most one decimal: anything below 10^29."""
UUID_CHARS = 36

_worst: dict[str, int] = {}


def room(q: Questionnaire, report_id: str, expert_photos: int) -> int:
    """The exact number of payload bytes the sealed part holds for this questionnaire,
    report id and number of expert-only photos (see the module's docstring)."""
    return text_room(q, report_id) + photo_slots(expert_photos) * photo_slot(q)


def text_room(q: Questionnaire, report_id: str = "0" * UUID_CHARS) -> int:
    extra = max(0, _json_bytes(report_id) - (UUID_CHARS + 2))
    need = text_worst_case(q) + extra
    return -(-need // TEXT_STEP) * TEXT_STEP


def photo_slots(n: int) -> int:
    """Room for 4 photos up to 4, then for the next multiple of 4."""
    return max(PHOTO_SLOTS, -(-n // PHOTO_SLOTS) * PHOTO_SLOTS)


def photo_slot(q: Questionnaire) -> int:
    """The most bytes one expert-only photo adds to the payload's JSON, its comma included."""
    longest_section = max(len(s.id) for s in q.data.sections)
    entry = sealed_photo_json("0" * 64, _sized(longest_section), _sized(JSON_CHAR_MAX * CAPTION_MAX),
                              _sized(4 * -(-PHOTO_BYTES // 3)))
    return _json_bytes(entry) + 1


def text_worst_case(q: Questionnaire) -> int:
    """Bytes of the largest confidential JSON (photos aside) that `q` allows."""
    if q.sha256 not in _worst:
        _worst[q.sha256] = _json_bytes(worst_case_payload(q))
    return _worst[q.sha256]


def worst_case_payload(q: Questionnaire) -> dict:
    """A payload at least as long, part by part, as any real one: not a real answer set
    (rules that exclude each other all fire), but every string at its longest."""
    health_rules = [r for r in q.data.rules if r.id in q.health_rules]
    answers = {i: _longest_answer(q.items[i]) for i in q.health_items()}
    findings = [Finding(
        rule=r.id, item=r.item, section=q.section_of[r.item], priority=r.priority, owner=r.owner,
        title=_longest_fill(q, r.title),
        # every extra sentence at once, joined by spaces as rules.evaluate joins them
        advice=_sized(sum(_json_bytes(_longest_fill(q, t)) - 1 for t in [r.advice] + [a.text for a in r.advice_if])),
        measures=tuple(r.measure_ids()), norms=tuple(_longest_norm(q, n) for n in _all_norms(q, r)),
        health=True, also=tuple(r.also), outside_scope=r.scope) for r in health_rules]
    terms = q.data.terms
    plan = []
    for mid in dict.fromkeys(m for r in health_rules for m in r.measure_ids()):
        rs = [r for r in health_rules if mid in r.measure_ids()]
        m = q.measures[mid]
        plan.append(PlanItem(
            measure=mid, text=_longest(m.text), owner=m.owner, provision=m.provision, exemption=m.exemption,
            priority=max(PRIORITIES, key=len), term=max((t.id for t in terms), key=len),
            term_label=max((t.label.get(lang) for t in terms for lang in LANGS), key=_json_bytes),
            term_days=max(t.days for t in terms), rules=tuple(r.id for r in rs),
            sections=tuple(dict.fromkeys(q.section_of[r.item] for r in rs)), health=False))
    return confidential_json("0" * UUID_CHARS, answers, findings, plan, [])


# -- the longest value of each kind ---------------------------------------------------------

def _longest_answer(it: Any) -> Any:
    """A stand-in at least as long in JSON as any valid answer to `it`."""
    if isinstance(it, FreeText):
        return _sized(JSON_CHAR_MAX * it.max_length)
    if isinstance(it, YesNo):
        return False
    if isinstance(it, MultiChoice):
        return [o.value for o in it.options]
    if isinstance(it, (SingleChoice, Country)):
        return max([o.value for o in it.options] + ["XX"], key=len)
    if isinstance(it, (Number, Hours, Scale)):
        return _sized(_number_chars(it, NUMBER_CHARS) - 2)  # a number's JSON has no quotes
    raise TypeError(f"sealed_size does not know how long a {type(it).__name__} answer can be")


def _longest_fill(q: Questionnaire, text: Text) -> str:
    """A stand-in as long in JSON as `text` can get once `textfmt.fill` puts values in it."""
    import string

    sizes = []
    for lang in LANGS:
        n = 0
        for literal, name, _spec, _conv in string.Formatter().parse(text.get(lang)):
            n += _json_bytes(literal) - 2
            if name is not None:
                n += _placeholder_bytes(q, name, lang)
        sizes.append(n)
    return _sized(max(sizes))


def _placeholder_bytes(q: Questionnaire, name: str, lang: str) -> int:
    """The most JSON bytes `textfmt.value(..., scale_labels=False)` gives for `name`."""
    it = q.items.get(name)
    unanswered = _json_bytes(textfmt.value(q, name, None, lang)) - 2
    if it is None:  # a derived value: a number
        return max(unanswered, DERIVED_CHARS)
    if isinstance(it, FreeText):
        n = JSON_CHAR_MAX * it.max_length
    elif isinstance(it, YesNo):
        n = max(_json_bytes(textfmt.value(q, name, v, lang)) - 2 for v in (True, False))
    elif isinstance(it, MultiChoice):
        n = _json_bytes(textfmt.value(q, name, [o.value for o in it.options], lang)) - 2
    elif isinstance(it, (SingleChoice, Country)):
        n = max([_json_bytes(textfmt.value(q, name, o.value, lang)) - 2 for o in it.options] + [2])
    elif isinstance(it, (Number, Hours, Scale)):
        n = _number_chars(it, 0)  # textfmt.number: rounded to one decimal
    else:
        raise TypeError(f"sealed_size does not know how long a {type(it).__name__} value can be")
    return max(unanswered, n)


def _number_chars(it: Any, floor: int) -> int:
    """Characters of a number within the item's range: sign, digits, and '.d' (or a float's repr)."""
    biggest = max(abs(it.min), abs(it.max))
    return max(floor, len(str(int(biggest) + 1)) + 3)


def _longest(text: Text) -> str:
    return max((text.get(lang) for lang in LANGS), key=_json_bytes)


def _all_norms(q: Questionnaire, r) -> list[str]:
    """A rule's norms inside its scope and the ones added outside it, all at once."""
    extra = list(q.scopes[r.scope].outside.norms) if r.scope in q.scopes else []
    return list(dict.fromkeys(list(r.norms) + extra))


def _longest_norm(q: Questionnaire, norm_id: str) -> NormRef:
    """A norm as a finding carries it (rules.norm_ref), every text at its longest language."""
    from arbocheck.core.check.rules import norm_ref

    longest = max((norm_ref(q, norm_id, lang) for lang in LANGS), key=lambda n: _json_bytes(n.source))
    sources = tuple({"title": _longest(src.title), "reference": src.reference, "url": src.url}
                    for src in q.norms[norm_id].sources)
    return NormRef(norm_id, _longest(q.norms[norm_id].title), longest.source, longest.status, sources)


def _sized(n: int) -> str:
    """A string that takes exactly n bytes inside a JSON string."""
    return "x" * n


def _json_bytes(obj: Any) -> int:
    return len(assessment.dumps(obj))
