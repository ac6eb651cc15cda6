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

from arbocheck.core.common.errors import Phrase, Refusal

if TYPE_CHECKING:  # the envelope (drafts, start window) must load without pydantic
    from arbocheck.core.questionnaire.loader import Questionnaire

FORMAT = "arbocheck-answers"
FORMAT_VERSION = 1


class AnswersError(Refusal, ValueError):
    """An answers file (or an answer) that cannot be used; `problems` lists every reason (Refusals)."""

    def __init__(self, problems: list[Refusal]):
        self.problems = problems
        super().__init__("answers.problems", problems=problems)


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
    problems: list[Refusal] = []
    if not isinstance(obj, dict):
        raise AnswersError([Refusal("answers.not_object")])
    fmt = obj.get("format", FORMAT)
    if fmt != FORMAT:
        problems.append(Refusal("answers.format", format=fmt))
    fv = obj.get("format_version", FORMAT_VERSION)
    if not isinstance(fv, int) or isinstance(fv, bool) or fv > FORMAT_VERSION:
        problems.append(Refusal("answers.format_version", version=repr(fv), known=FORMAT_VERSION))
    qref = obj.get("questionnaire")
    qid = qver = None
    if not isinstance(qref, dict):
        problems.append(Refusal("answers.questionnaire"))
    else:
        qid, qver = qref.get("id"), qref.get("version")
        if not isinstance(qid, str) or not qid:
            problems.append(Refusal("answers.questionnaire_id"))
        if isinstance(qver, (int, float)) and not isinstance(qver, bool):
            qver = str(qver)
        if qver is not None and not isinstance(qver, str):
            problems.append(Refusal("answers.questionnaire_version"))
    answers = obj.get("answers")
    if not isinstance(answers, dict):
        problems.append(Refusal("answers.answers"))
    meta = obj.get("meta", {})
    if not isinstance(meta, dict):
        problems.append(Refusal("answers.meta"))
    unknown = sorted(set(obj) - {"format", "format_version", "questionnaire", "answers", "meta"})
    if unknown:
        problems.append(Refusal("answers.unknown_fields", fields=", ".join(unknown)))
    if problems:
        raise AnswersError(problems)
    return AnswersDoc(qid, qver, dict(answers), dict(meta))


def loads(data: bytes | str) -> AnswersDoc:
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as e:
        raise AnswersError([Refusal("answers.bad_json", line=e.lineno, column=e.colno)])
    except UnicodeDecodeError:
        raise AnswersError([Refusal("answers.not_utf8")])
    return parse(obj)


def problems(q: Questionnaire, answers: dict[str, Any]) -> list[Refusal]:
    """Every reason these answers do not fit the questionnaire (empty when they do)."""
    from arbocheck.core.questionnaire.loader import bad_value
    from arbocheck.core.questionnaire.model import FreeText

    out: list[Refusal] = []
    for item_id, value in answers.items():
        it = q.items.get(item_id)
        if it is None:
            out.append(Refusal("answers.unknown_item.derived" if item_id in q.derived else "answers.unknown_item",
                               item=item_id))
            continue
        if value is None:
            continue
        reason = bad_value(it, value)
        if reason is None and isinstance(it, FreeText) and len(value) > it.max_length:
            reason = Refusal("value.too_long", n=it.max_length)
        if reason is not None:
            out.append(Refusal("answers.item", item=item_id, reason=reason))
        elif isinstance(value, list):
            if len(set(value)) != len(value):
                out.append(Refusal("answers.item", item=item_id, reason=Refusal("value.twice")))
            excl = {o.value for o in getattr(it, "options", []) if o.exclusive}
            if excl & set(value) and len(value) > 1:
                out.append(Refusal("answers.item", item=item_id,
                                   reason=Refusal("value.exclusive", option=sorted(excl & set(value))[0])))
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
