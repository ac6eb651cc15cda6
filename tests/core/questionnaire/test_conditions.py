import pytest

from arbocheck.core.questionnaire.conditions import holds, referenced
from arbocheck.core.questionnaire.model import All, Any_, Leaf, Not


def leaf(item, op, value=None, ref=None):
    return Leaf(item=item, op=op, value=value, ref=ref)


VALUES = {"h": 180, "desk": 76, "rec": 72, "yes": True, "no": False, "opts": ["a", "b"], "c": "BE", "txt": ""}


@pytest.mark.parametrize("cond, expected", [
    (leaf("h", "eq", 180), True),
    (leaf("h", "ne", 180), False),
    (leaf("h", "gt", 179), True),
    (leaf("h", "ge", 180), True),
    (leaf("h", "lt", 180), False),
    (leaf("h", "le", 180), True),
    (leaf("desk", "gt", ref="rec"), True),
    (leaf("rec", "gt", ref="desk"), False),
    (leaf("c", "in", ["BE", "DE"]), True),
    (leaf("c", "not_in", ["BE", "DE"]), False),
    (leaf("opts", "contains", "a"), True),
    (leaf("opts", "not_contains", "a"), False),
    (leaf("yes", "eq", True), True),
    (leaf("no", "eq", False), True),
    (leaf("h", "answered"), True),
    (leaf("txt", "answered"), False),
    (leaf("missing", "not_answered"), True),
    # Unanswered values make every comparison false, including ne and not_in.
    (leaf("missing", "ne", 3), False),
    (leaf("missing", "not_in", [1]), False),
    (leaf("missing", "lt", 3), False),
    (leaf("h", "gt", ref="missing"), False),
    # Comparing a number with text is false, never an exception.
    (leaf("c", "gt", 3), False),
    (All(all=[leaf("h", "eq", 180), leaf("c", "eq", "BE")]), True),
    (All(all=[leaf("h", "eq", 180), leaf("c", "eq", "NL")]), False),
    (Any_(any=[leaf("h", "eq", 1), leaf("c", "eq", "BE")]), True),
    (Not.model_validate({"not": leaf("h", "eq", 180)}), False),
    (None, True),
])
def test_holds(cond, expected):
    assert holds(cond, VALUES) is expected


def test_referenced_walks_nested_conditions():
    cond = All.model_validate({"all": [{"item": "a", "op": "gt", "ref": "b"},
                                       {"any": [{"not": {"item": "c", "op": "answered"}}]}]})
    assert referenced(cond) == {"a", "b", "c"}


@pytest.mark.parametrize("bad", [
    {"item": "a", "op": "eq"},                       # no value
    {"item": "a", "op": "answered", "value": 1},     # unary with value
    {"item": "a", "op": "in", "value": 3},           # in needs a list
    {"item": "a", "op": "eq", "value": 1, "ref": "b"},
    {"item": "a", "op": "matches", "value": 1},
    {"item": "a", "op": "eq", "value": 1, "extra": 2},
])
def test_malformed_leaves_are_refused(bad):
    with pytest.raises(ValueError):
        Leaf.model_validate(bad)
