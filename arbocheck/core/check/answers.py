"""Answers files: `{"questionnaire": {"id", "version"}, "answers": {item: value}}`.

`parse` checks the envelope, `problems` checks every answer against the
questionnaire, and `effective` gives what the rules see: answers plus
defaults, minus items hidden by their show-if.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the envelope (drafts, start window) must load without pydantic
    from arbocheck.core.questionnaire.loader import Questionnaire

FORMAT = "arbocheck-answers"
FORMAT_VERSION = 1


class AnswersError(ValueError):
    """An answers file that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class AnswersDoc:
    questionnaire_id: str
    questionnaire_version: str
    answers: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "answers": dict(self.answers),
            "meta": dict(self.meta),
        }

    def dumps(self) -> bytes:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def parse(obj: Any) -> AnswersDoc:
    """Check the envelope of a decoded answers file (not the answers themselves)."""
    problems: list[str] = []
    if not isinstance(obj, dict):
        raise AnswersError(["the file must hold a JSON object with 'questionnaire' and 'answers'"])
    fmt = obj.get("format", FORMAT)
    if fmt != FORMAT:
        problems.append(f"this is not an arbocheck answers file (format '{fmt}')")
    fv = obj.get("format_version", FORMAT_VERSION)
    if not isinstance(fv, int) or isinstance(fv, bool) or fv > FORMAT_VERSION:
        problems.append(f"format version {fv!r} is newer than this arbocheck understands ({FORMAT_VERSION})")
    qref = obj.get("questionnaire")
    qid = qver = None
    if not isinstance(qref, dict):
        problems.append("'questionnaire' must be an object with 'id' and 'version'")
    else:
        qid, qver = qref.get("id"), qref.get("version")
        if not isinstance(qid, str) or not qid:
            problems.append("'questionnaire.id' is missing")
        if isinstance(qver, (int, float)) and not isinstance(qver, bool):
            qver = str(qver)
        if qver is not None and not isinstance(qver, str):
            problems.append("'questionnaire.version' must be a string")
    answers = obj.get("answers")
    if not isinstance(answers, dict):
        problems.append("'answers' must be an object of item id → value")
    meta = obj.get("meta", {})
    if not isinstance(meta, dict):
        problems.append("'meta' must be an object")
    unknown = sorted(set(obj) - {"format", "format_version", "questionnaire", "answers", "meta"})
    if unknown:
        problems.append("unknown top-level field(s): " + ", ".join(unknown))
    if problems:
        raise AnswersError(problems)
    return AnswersDoc(qid, qver, dict(answers), dict(meta))


def loads(data: bytes | str) -> AnswersDoc:
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise AnswersError([f"not valid JSON: {e}"])
    return parse(obj)


def problems(q: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """Every reason these answers do not fit the questionnaire (empty when they do)."""
    from arbocheck.core.questionnaire.loader import bad_value
    from arbocheck.core.questionnaire.model import FreeText, Number, unit_text

    out: list[str] = []
    for item_id, value in answers.items():
        it = q.items.get(item_id)
        if it is None:
            out.append(f"unknown item '{item_id}'" + ("" if item_id not in q.derived else " (it is computed, not answered)"))
            continue
        if value is None:
            continue
        reason = bad_value(it, value)
        if reason:
            out.append(f"'{item_id}': {reason}")
        elif isinstance(it, Number) and it.integer and isinstance(value, float) and not value.is_integer():
            out.append(f"'{item_id}': expected a whole number of {unit_text(it, 'en')}, got {value:g}")
        elif isinstance(it, FreeText) and len(value) > it.max_length:
            out.append(f"'{item_id}': text is longer than {it.max_length} characters")
        elif isinstance(value, list):
            if len(set(value)) != len(value):
                out.append(f"'{item_id}': an option is chosen twice")
            excl = {o.value for o in getattr(it, "options", []) if o.exclusive}
            if excl & set(value) and len(value) > 1:
                out.append(f"'{item_id}': '{sorted(excl & set(value))[0]}' cannot be combined with other options")
    return out


def effective(q: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers plus defaults, with hidden items removed, in questionnaire order.

    Show-if conditions may refer to earlier or later items; hiding is repeated
    until nothing changes, so a chain of dependent items settles.
    """
    from arbocheck.core.questionnaire.conditions import holds

    base = {}
    for item_id, it in q.items.items():
        v = answers.get(item_id)
        if v is None and getattr(it, "default", None) is not None:
            v = it.default
        if v is not None:
            base[item_id] = v
    current = dict(base)
    for _ in range(len(q.items) + 1):
        values = with_derived(q, current)
        nxt = {k: v for k, v in base.items() if holds(q.items[k].show_if, values)}
        if nxt == current:
            break
        current = nxt
    return current


def with_derived(q: Questionnaire, values: dict[str, Any]) -> dict[str, Any]:
    """Values plus this year's yearly amounts plus every derived value that can be computed from them.

    A derived function that takes a `lists` parameter gets the questionnaire's country lists."""
    from arbocheck.core.questionnaire.derived import FUNCTIONS, parameters

    out = dict(values)
    out.update(q.yearly_values())
    for name in q.derived_order:
        dv = q.derived[name]
        required, optional = parameters(dv.function)
        kwargs = dict(dv.params)
        if "lists" in optional:
            kwargs["lists"] = q.lists
        missing = False
        for param, ref in dv.inputs.items():
            v = out.get(ref)
            if v is None:
                if param in required:
                    missing = True
                    break
                continue
            kwargs[param] = v
        if missing:
            continue
        try:
            result = FUNCTIONS[dv.function](**kwargs)
        except (TypeError, ValueError, ArithmeticError):
            result = None
        if result is not None:
            out[name] = result
    return out


def missing_required(q: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """Required items that are visible but not answered, in questionnaire order."""
    from arbocheck.core.questionnaire.conditions import holds

    eff = effective(q, answers)
    values = with_derived(q, eff)
    out = []
    for item_id, it in q.items.items():
        if it.required and item_id not in eff and holds(it.show_if, values):
            out.append(item_id)
    return out
