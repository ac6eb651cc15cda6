"""A report's findings and action plan are recomputed, never trusted.

The employer-visible findings, plan, counts and computed values follow from the
employer-visible answers and the questionnaire alone (sharing.split: a finding that
reads no health item). A modified client can sign any assessment.json it likes, so the
importer loads the questionnaire the report names (same id, version and content hash),
checks every answer against it, recomputes those parts with the writer's own function
(assessment.employer_facts) and refuses a report whose claims differ in anything: a
measure the pages never mention, one left out, another text, priority or owner. What
is stored is the recomputed version, so measure texts come from the questionnaire.

This relies on one property of the questionnaire, tested in test_claims.py: whether a
workplace item is shown never depends on a health answer (otherwise the employer's
answers would not be a function of the employer's answers alone, and would leak health).
"""

from __future__ import annotations

import json
from typing import Any

from arbocheck.core.report.assessment import FACTS, employer_facts
from arbocheck.core.common.reasons import Refusal
from arbocheck.core.common.shown import shown


_FOUND: dict[tuple, tuple[Any, tuple]] = {}


def _stat(path: str) -> tuple:
    import os

    try:
        st = os.stat(path)
    except OSError:
        return ()
    return st.st_mtime_ns, st.st_size


def questionnaire_of(ref: dict[str, Any]):
    """The questionnaire a report names, exactly: id, version and content hash. (Remembered per
    process while its file is unchanged: a worker asks for it for every report.)"""
    from arbocheck.core.questionnaire import loader as qloader

    key = (str(ref["id"]), str(ref["version"]), tuple(qloader.default_dirs()))
    found = _FOUND.get(key)
    if found is not None and _stat(found[0].path) == found[1] != ():
        q = found[0]
    else:
        try:
            q = qloader.find(key[0], key[1])
        except (LookupError, qloader.QuestionnaireError):
            raise Refusal("unknown_questionnaire", id=shown(ref.get("id"), 64),
                          version=shown(ref.get("version"), 16))
        _FOUND[key] = (q, _stat(q.path))
    if q.sha256 != ref.get("sha256"):
        raise Refusal("questionnaire_differs", id=q.id, version=q.version)
    return q


def recompute(q, assessment: dict[str, Any]) -> dict[str, Any]:
    """The FACTS parts of assessment.json as the writer makes them from the report's own answers."""
    from arbocheck.core.check.answers import problems
    from arbocheck.core.check.sharing import split

    answers = assessment["answers"]
    health = q.health_items()
    if (set(answers) | set(assessment["profile"])) & health:
        raise Refusal("health_in_employer_part")
    for item_id, value in answers.items():
        if problems(q, {item_id: value}):
            raise Refusal("answer_invalid", item=shown(item_id, 64))
    facts = employer_facts(q, split(q, answers, {}, assessment["lang"]))
    return json.loads(json.dumps(facts, ensure_ascii=False))


def check(assessment: dict[str, Any]) -> dict[str, Any]:
    """A checked assessment (assessment_model.loads) whose claims follow from its answers, with
    those parts as recomputed. Raises Refusal naming the first difference."""
    q = questionnaire_of(assessment["questionnaire"])
    facts = recompute(q, assessment)
    for part in FACTS:
        if not _same(facts[part], assessment.get(part)):
            raise Refusal("claims_differ", part=Refusal("claims.part." + part),
                          detail=difference(facts[part], assessment.get(part)))
    return {**assessment, **facts}


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON: True is not 1, 1.0 is 1 (JSON has one number type)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _key(x: Any) -> str:
    if isinstance(x, dict):
        return str(x.get("rule") or x.get("measure") or "?")
    return "?"


def difference(want: Any, got: Any) -> Refusal:
    """What differs between the recomputed part and the claimed one, for the reason."""
    if isinstance(want, dict) and isinstance(got, dict):
        want_k, got_k = want, got
    elif isinstance(want, list) and isinstance(got, list):
        want_k = {_key(x): x for x in want}
        got_k = {_key(x): x for x in got}
    else:
        return Refusal("claims.changed", what="—")
    extra = [k for k in got_k if k not in want_k]
    if extra:
        return Refusal("claims.extra", what=repr(shown(extra[0], 64)))
    missing = [k for k in want_k if k not in got_k]
    if missing:
        return Refusal("claims.missing", what=repr(shown(missing[0], 64)))
    for k in want_k:
        if not _same(want_k[k], got_k[k]):
            return Refusal("claims.changed", what=repr(shown(k, 64)))
    return Refusal("claims.order")
