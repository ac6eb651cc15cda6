"""The one validator for numbers: what a person typed (or an answers file holds) → a value or a reason.

The wizard, the command line (answers files, `report export`) and the importer's recompute
(core/report/claims.py, through check/answers.problems) all judge numbers here, so they cannot
disagree. Nothing is changed silently: a height in metres typed for a field in cm ("1,80",
"1.8 m") is read as cm *and said so* (`Reading.note`); everything else that does not fit is
refused with a reason (`Reading.problem`), and the text stays what the person typed.

The bounds, the unit and the sentence that says what is usual (`range_text`) are content:
they live with the item in the questionnaire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from arbocheck.core.common.errors import Phrase, Refusal
from arbocheck.core.questionnaire.model import LANGS, Hours, Number, unit_text

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_METRES = ("m", "meter", "metre", "metres", "meters")


@dataclass(frozen=True)
class Reading:
    """What a typed text means for a number item."""

    text: str
    value: int | float | None
    """The answer (None when the text is empty or does not fit)."""
    problem: Refusal | None = None
    """Why the text is not an answer (None when it is one, or is empty)."""
    note: Refusal | None = None
    """What was read differently from how it was typed (metres as cm), said to the person."""

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def _unit(it: Any) -> Phrase:
    return Phrase(**{lang: unit_text(it, lang) for lang in LANGS})


def _spaced_unit(it: Any) -> Phrase:
    return Phrase(**{lang: f" {unit_text(it, lang)}" for lang in LANGS})


def fmt(v: float, lang: str = "nl") -> str:
    """A number as a person writes it: no trailing .0, a decimal comma in Dutch."""
    text = f"{v:g}" if abs(v) < 1e15 else str(v)
    return text.replace(".", ",") if lang == "nl" else text


class _Num(Phrase):
    """A number in a Refusal that reads with the language's decimal mark."""

    def __init__(self, v: float):
        super().__init__(**{lang: fmt(v, lang) for lang in LANGS})


def whole_only(it: Any) -> bool:
    return isinstance(it, Number) and it.integer


def problem(it: Any, v: Any) -> Refusal | None:
    """Why `v` is not an answer for the number or hours item `it` (None when it is)."""
    if not isinstance(v, (int, float)) or isinstance(v, bool) or v != v or v in (float("inf"), float("-inf")):
        return Refusal("value.number", value=repr(v))
    if not (it.min <= v <= it.max):
        return Refusal("value.range", value=_Num(v), unit=_spaced_unit(it), min=_Num(it.min), max=_Num(it.max))
    if whole_only(it) and not float(v).is_integer():
        return Refusal("value.whole", unit=_unit(it), value=_Num(v))
    return None


def allowed(it: Any) -> Refusal:
    """What the item accepts, before anything is typed: the questionnaire's own sentence
    ("Een bureau is meestal tussen 50 en 130 cm hoog") or, without one, the bare range."""
    if getattr(it, "range_text", None) is not None:
        return Refusal("number.allowed.text", text=Phrase(**{
            lang: it.range_text.get(lang).format(min=fmt(it.min, lang), max=fmt(it.max, lang)) for lang in LANGS}))
    key = "number.allowed.whole" if whole_only(it) else "number.allowed"
    return Refusal(key, min=_Num(it.min), max=_Num(it.max), unit=_unit(it))


def _strip_unit(it: Any, text: str) -> tuple[str, bool]:
    """The text without a unit typed after the number; whether that unit was metres."""
    low = text.strip().casefold()
    units = {unit_text(it, lang).casefold() for lang in LANGS}
    for u in sorted(units, key=len, reverse=True):
        if u and low.endswith(u) and low[: -len(u)].strip() and not low[: -len(u)].rstrip()[-1:].isalpha():
            return low[: -len(u)].strip(), False
    if units == {"cm"}:
        for u in sorted(_METRES, key=len, reverse=True):
            head = low[: -len(u)]
            if low.endswith(u) and head.strip() and head.rstrip()[-1:].isdigit():
                return head.strip(), True
    return low, False


def read(it: Any, text: str) -> Reading:
    """What `text`, typed for the number or hours item `it`, is as an answer.

    A decimal comma and a decimal point both work; a unit after the number is allowed; for a
    field in cm a value typed in metres (with "m", or a decimal number that only fits as metres)
    is read as cm, with a note that says so."""
    if not isinstance(text, str) or not text.strip():
        return Reading(text or "", None)
    body, metres = _strip_unit(it, text)
    body = body.replace(" ", "")
    if not _NUMBER.match(body):
        return Reading(text, None, Refusal("number.not_a_number", text=text.strip()[:40],
                                           example=_Num(_example(it))))
    v = float(body.replace(",", "."))
    typed = v
    decimal = "," in body or "." in body
    if unit_text(it, "nl") == "cm" and (metres or (decimal and v < it.min and it.min <= v * 100 <= it.max)):
        v = round(v * 100, 6)
        note = Refusal("number.metres", typed=_Num(typed), cm=_Num(v))
    else:
        note = None
    value: int | float = int(v) if whole_only(it) and v.is_integer() else float(v)
    bad = problem(it, value)
    if bad is not None:
        return Reading(text, None, bad, note)
    return Reading(text, value, None, note)


def _example(it: Any) -> float:
    mid = (it.min + it.max) / 2
    return round(mid) if whole_only(it) or mid >= 10 else round(mid * 2) / 2


def shown(it: Any, v: Any, lang: str) -> str:
    """An answer as it is put back into the field (no unit; the field shows the unit beside it)."""
    if v is None:
        return ""
    return fmt(float(v), lang)


def step(it: Any, v: int | float | None, direction: int) -> int | float:
    """The value one step up (+1) or down (-1), kept within the bounds (arrow keys in the field)."""
    if v is None:
        base = it.min if direction > 0 else it.max
        return int(base) if whole_only(it) else float(base)
    nxt = min(it.max, max(it.min, round(v + direction * it.step, 6)))
    return int(nxt) if whole_only(it) else float(nxt)
