"""Evaluate structured show-if and rule conditions (`all`/`any`/`not` of `{item, op, value}`).

An unanswered value makes every comparison false (the engine judges what is
answered); only `answered`/`not_answered` look at absence itself.
"""

from __future__ import annotations

from typing import AbstractSet, Any, Iterator, Mapping

from arbocheck.core.questionnaire.model import All, Any_, Condition, Leaf, Not


def _present(v: Any) -> bool:
    return v is not None and v != "" and v != []


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "eq":
        return left == right
    if op == "ne":
        return left != right
    if op in ("lt", "le", "gt", "ge"):
        if not (_number(left) and _number(right)):
            return False
        return {"lt": left < right, "le": left <= right,
                "gt": left > right, "ge": left >= right}[op]
    if op == "in":
        return left in right
    if op == "not_in":
        return left not in right
    if op == "contains":
        return isinstance(left, list) and right in left
    if op == "not_contains":
        return isinstance(left, list) and right not in left
    raise ValueError(f"unknown operator {op!r}")


def holds(cond: Condition | None, values: Mapping[str, Any]) -> bool:
    """Whether `cond` holds for `values` (answers plus derived values). None holds."""
    if cond is None:
        return True
    if isinstance(cond, All):
        return all(holds(c, values) for c in cond.all)
    if isinstance(cond, Any_):
        return any(holds(c, values) for c in cond.any)
    if isinstance(cond, Not):
        return not holds(cond.not_, values)
    assert isinstance(cond, Leaf)
    left = values.get(cond.item)
    if cond.op == "answered":
        return _present(left)
    if cond.op == "not_answered":
        return not _present(left)
    right = values.get(cond.ref) if cond.ref is not None else cond.value
    if not _present(left) or not _present(right) and cond.ref is not None:
        return False
    return _compare(cond.op, left, right)


def judge(cond: Condition | None, values: Mapping[str, Any], unknown: AbstractSet[str]) -> bool | None:
    """Like `holds`, but None ("not yet known") where the answer depends on an id in `unknown`
    (a question still open): `any` is true as soon as one known part is true, `all` false as soon
    as one known part is false; otherwise an open part leaves the whole open."""
    if cond is None:
        return True
    if isinstance(cond, (All, Any_)):
        parts = [judge(c, values, unknown) for c in (cond.all if isinstance(cond, All) else cond.any)]
        decisive = isinstance(cond, Any_)  # any: True decides; all: False decides
        if decisive in parts:
            return decisive
        return None if None in parts else not decisive
    if isinstance(cond, Not):
        inner = judge(cond.not_, values, unknown)
        return None if inner is None else not inner
    assert isinstance(cond, Leaf)
    if cond.op not in ("answered", "not_answered") and (cond.item in unknown or cond.ref in unknown):
        return None
    return holds(cond, values)


def leaves(cond: Condition | None) -> Iterator[Leaf]:
    if cond is None:
        return
    if isinstance(cond, All):
        for c in cond.all:
            yield from leaves(c)
    elif isinstance(cond, Any_):
        for c in cond.any:
            yield from leaves(c)
    elif isinstance(cond, Not):
        yield from leaves(cond.not_)
    else:
        yield cond


def referenced(cond: Condition | None) -> set[str]:
    """Every item or derived id a condition reads."""
    out: set[str] = set()
    for leaf in leaves(cond):
        out.add(leaf.item)
        if leaf.ref:
            out.add(leaf.ref)
    return out
