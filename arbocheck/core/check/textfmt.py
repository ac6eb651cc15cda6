"""A worker's values as a person reads them, in their language: answers, numbers and
dates in reports, and `{name}` placeholders filled in advice."""

from __future__ import annotations

import datetime as _dt
import string
from typing import Any

from arbocheck.core.common.i18n import t
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.questionnaire.model import Scale

def number(v: float | int, lang: str) -> str:
    """72 → '72', 2.5 → '2,5' (nl) / '2.5' (en); at most one decimal."""
    if isinstance(v, float):
        v = round(v, 1)
        if v.is_integer():
            v = int(v)
    text = f"{v}" if isinstance(v, int) else f"{v:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def date(iso: str, lang: str) -> str:
    """'2026-12-01' (or a full ISO timestamp) → '1 december 2026' (nl) / '1 December 2026' (en).

    Month names come from i18n, never from the OS locale. The calendar date is the
    one written in the timestamp; text that is not an ISO date is returned as it is.
    """
    try:
        d = _dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso)
    return t("date.long", lang, day=d.day, month=t(f"date.month.{d.month}", lang), year=d.year)


def _scale(it: Scale, v: int, lang: str) -> str:
    """A scale answer with what it means: '1 — nooit', '5 — altijd', '3 op een schaal van 1 (nooit) tot 5 (altijd)'.

    The questionnaire names only the two ends (low_label, high_label); a value between
    them is shown against both ends, never with a word the questionnaire does not give.
    """
    low, high = it.low_label.get(lang), it.high_label.get(lang)
    if v == it.min:
        return f"{v} — {low}"
    if v == it.max:
        return f"{v} — {high}"
    return t("scale.between", lang, v=v, low=low, high=high, min=it.min, max=it.max)


def value(q: Questionnaire, name: str, v: Any, lang: str, *, scale_labels: bool = True) -> str:
    """A value as a person reads it: numbers localised, options by their label, a scale
    answer with its anchor labels (`scale_labels=False`: the bare number)."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        yes, no = t("word.yes", lang), t("word.no", lang)
        return yes if v else no
    if name in q.yearly and isinstance(v, (int, float)):  # an amount of money: always two decimals
        text = f"{v:.2f}"
        return text.replace(".", ",") if lang == "nl" else text
    it = q.items.get(name)
    if (scale_labels and isinstance(it, Scale) and isinstance(v, (int, float))
            and float(v).is_integer() and it.min <= v <= it.max):
        return _scale(it, int(v), lang)
    if isinstance(v, (int, float)):
        return number(v, lang)
    labels = {o.value: o.label.get(lang) for o in getattr(it, "options", [])}
    if isinstance(v, list):
        return ", ".join(labels.get(x, str(x)) for x in v)
    return labels.get(v, str(v))


def fill(q: Questionnaire, template: str, values: dict[str, Any], lang: str) -> str:
    out = []
    for literal, fname, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if fname is not None:
            # advice and titles keep a bare number: the sentence around it gives its meaning
            out.append(value(q, fname, values.get(fname), lang, scale_labels=False))
    return "".join(out)
