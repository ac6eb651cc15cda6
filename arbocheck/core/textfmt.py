"""Fill `{name}` placeholders with a worker's own values, in their language."""

from __future__ import annotations

import string
from typing import Any

from .qloader import Questionnaire

_WORDS = {"nl": ("ja", "nee"), "en": ("yes", "no")}


def number(v: float | int, lang: str) -> str:
    """72 → '72', 2.5 → '2,5' (nl) / '2.5' (en); at most one decimal."""
    if isinstance(v, float):
        v = round(v, 1)
        if v.is_integer():
            v = int(v)
    text = f"{v}" if isinstance(v, int) else f"{v:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def value(q: Questionnaire, name: str, v: Any, lang: str) -> str:
    """A value as a person reads it: numbers localised, options by their label."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        yes, no = _WORDS.get(lang, _WORDS["en"])
        return yes if v else no
    if isinstance(v, (int, float)):
        return number(v, lang)
    it = q.items.get(name)
    labels = {o.value: o.label.get(lang) for o in getattr(it, "options", [])}
    if isinstance(v, list):
        return ", ".join(labels.get(x, str(x)) for x in v)
    return labels.get(v, str(v))


def fill(q: Questionnaire, template: str, values: dict[str, Any], lang: str) -> str:
    out = []
    for literal, fname, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if fname is not None:
            out.append(value(q, fname, values.get(fname), lang))
    return "".join(out)
