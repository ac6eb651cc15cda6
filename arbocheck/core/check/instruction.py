"""The worker's instruction (Arbowet art. 8): its topics in the worker's own numbers, and the confirmation.

The text lives in the questionnaire (`instruction:`); this module fills a topic's `own` sentence once
every value it names is known, and keeps the worker's confirmation ("Ik heb de uitleg gelezen") in the
draft's meta as `{"date": ISO date, "version": instruction version}`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from arbocheck.core.check.textfmt import fill
from arbocheck.core.questionnaire.loader import Questionnaire, placeholders

META_KEY = "instruction_read"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    text: str
    own: str | None
    """The sentence with the worker's own numbers; None while a value it names is unknown."""
    sources: tuple[str, ...]


def topics(q: Questionnaire, values: dict[str, Any], lang: str) -> list[Topic]:
    ins = q.data.instruction
    if ins is None:
        return []
    out = []
    for tp in ins.topics:
        own = None
        if tp.own is not None:
            template = tp.own.get(lang)
            if all(values.get(ph) is not None for ph in placeholders(template)):
                own = fill(q, template, values, lang)
        sources = tuple(q.norms[n].sources[0].title.get(lang) for n in tp.norms)
        out.append(Topic(tp.id, tp.title.get(lang), tp.text.get(lang), own, sources))
    return out


def confirm(meta: dict[str, Any], q: Questionnaire, today: _dt.date | None = None) -> dict[str, str]:
    """Record that the worker read the current instruction (today, this version)."""
    if q.data.instruction is None:
        raise ValueError("this questionnaire has no instruction")
    rec = {"date": (today or _dt.date.today()).isoformat(), "version": q.data.instruction.version}
    meta[META_KEY] = rec
    return rec


def withdraw(meta: dict[str, Any]) -> None:
    meta.pop(META_KEY, None)


def confirmation(meta: dict[str, Any], q: Questionnaire) -> dict[str, str] | None:
    """The confirmation in a draft's meta, when it is well formed and for this questionnaire's current
    instruction version (a confirmation of an older text no longer counts)."""
    rec = meta.get(META_KEY)
    ins = q.data.instruction
    if ins is None or not isinstance(rec, dict):
        return None
    date, version = rec.get("date"), rec.get("version")
    if not (isinstance(date, str) and _DATE.match(date) and version == ins.version):
        return None
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        return None
    return {"date": date, "version": version}
