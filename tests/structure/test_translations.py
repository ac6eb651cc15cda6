"""arbocheck's own texts (arbocheck/texts/<lang>.yaml): every key in every language with the same
{placeholders}, and every key the code names exists (as TagStudio's tests/test_translations.py)."""

from __future__ import annotations

import ast
import re
import string
import typing
from functools import cache
from pathlib import Path

import pytest
import yaml

from arbocheck.core.common import i18n
from arbocheck.core.questionnaire import model as qmodel
from locations import ROOT

TEXTS = ROOT / "arbocheck" / "texts"
SOURCE = ROOT / "arbocheck"
OTHER_LANGS = [lang for lang in i18n.LANGS if lang != i18n.FALLBACK]


class _Strict(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys without a word; here that is an error."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} appears twice",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


@cache
def texts(lang: str) -> dict[str, str]:
    return yaml.load((TEXTS / f"{lang}.yaml").read_text(encoding="utf-8"), Loader=_Strict)


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_one_file_per_language_and_the_lookup_reads_them():
    assert sorted(p.stem for p in TEXTS.glob("*.yaml")) == sorted(i18n.LANGS)
    for lang in i18n.LANGS:
        assert i18n.table(lang) == texts(lang)  # the same keys and texts, no duplicate key hidden


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_text_is_a_non_empty_string(lang):
    bad = [k for k, v in texts(lang).items() if not isinstance(k, str) or not isinstance(v, str) or not v.strip()]
    assert bad == []


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_every_key_exists_in_every_language(lang):
    base, other = texts(i18n.FALLBACK), texts(lang)
    assert sorted(set(base) - set(other)) == [], f"{lang}.yaml lacks these keys"
    assert sorted(set(other) - set(base)) == [], f"{lang}.yaml has keys {i18n.FALLBACK}.yaml lacks"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_every_key_has_the_same_placeholders(lang):
    base, other = texts(i18n.FALLBACK), texts(lang)
    differ = [(k, sorted(fields(base[k])), sorted(fields(other[k]))) for k in base
              if k in other and fields(base[k]) != fields(other[k])]
    assert differ == [], f"{lang}.yaml: placeholders differ from {i18n.FALLBACK}.yaml"


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_no_dutch_left_untranslated(lang):
    """A cheap check for copies: a long text is never the same in two languages."""
    base, other = texts(i18n.FALLBACK), texts(lang)
    same = [k for k in base if len(base[k]) > 25 and other.get(k) == base[k]]
    assert same == []


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_counted_words_have_one_and_many(lang):
    counts = {k: v for k, v in texts(lang).items() if k.startswith("count.")}
    assert counts and all(v.count("|") == 1 and "{n}" in v for v in counts.values()), counts
    assert i18n.count(1, "photo", "nl") == "1 foto" and i18n.count(3, "photo", "nl") == "3 foto's"


def test_the_fallback_is_dutch():
    """A language arbocheck does not have reads in Dutch; a key Dutch lacks is an error, not a blank."""
    assert i18n.t("report.title", "de") == texts("nl")["report.title"]
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


# -- every key the code names exists ------------------------------------------------------------------


def _sources() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SOURCE.rglob("*.py"))]


def _refusal_classes(trees) -> set[str]:
    """Refusal and every class the code derives from it (and their aliases): their first argument is a key."""
    names = {"Refusal"}
    while True:
        more = set(names)
        for _, tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and any(
                        (b.id if isinstance(b, ast.Name) else getattr(b, "attr", None)) in names for b in node.bases):
                    more.add(node.name)
                if isinstance(node, ast.ImportFrom):
                    more |= {a.asname for a in node.names if a.asname and a.name in names}
        if more == names:
            return names
        names = more


# Calls whose first argument is a text key: the lookups, every Refusal, and the importer's and the
# PDF checker's small helpers that make a refusal from a key.
LOOKUPS = {"t", "tr", "say", "has", "_rejected", "_skipped", "no", "_no"}
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


def _patterns(node: ast.AST) -> list[str]:
    """The keys an argument can be: literals as they are, a built key as a regular expression."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [re.escape(node.value)]
    if isinstance(node, ast.IfExp):
        return _patterns(node.body) + _patterns(node.orelse)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):
        return [p for v in node.value.values for p in _patterns(v)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _patterns(node.left), _patterns(node.right)
        return [a + b for a in left or ["[a-z0-9_]+"] for b in right or ["[a-z0-9_]+"]] if left or right else []
    if isinstance(node, ast.JoinedStr):
        return ["".join(re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9_]+" for v in node.values)]
    return []  # a variable: its values are literals elsewhere (see below)


@cache
def _named() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """(literal keys, built key patterns, key-like literals anywhere), each with where it is."""
    trees = _sources()
    calls = LOOKUPS | _refusal_classes(trees)
    literal: dict[str, list[str]] = {}
    built: dict[str, list[str]] = {}
    anywhere: dict[str, list[str]] = {}
    for path, tree in trees:
        skip = {id(n.body[0].value) for n in ast.walk(tree)  # docstrings
                if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        skip |= {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}  # f"a.{b}"
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip \
                    and KEY.match(node.value) and "." in node.value:
                anywhere.setdefault(node.value, []).append(where)
            if not isinstance(node, ast.Call):
                continue
            fn = node.func
            name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else None
            args = list(node.args)
            if name == "Outcome" and len(args) >= 3:  # Outcome(path, accepted, key, params)
                args = args[2:]
            elif name == "count" and len(args) >= 2:  # count(n, noun, lang): the key count.<noun>
                args = [ast.BinOp(ast.Constant("count."), ast.Add(), args[1])]
            elif name not in calls:
                continue
            for p in _patterns(args[0]) if args else []:
                if re.fullmatch(r"[a-z0-9_\\.]+", p) and "[" not in p:
                    literal.setdefault(p.replace("\\", ""), []).append(where)
                else:
                    built.setdefault(p, []).append(where)
    return literal, built, anywhere


def test_every_key_the_code_looks_up_exists():
    literal, _, _ = _named()
    assert len(literal) > 300  # the scan sees the code's keys at all
    known = texts(i18n.FALLBACK)
    assert {k: w for k, w in literal.items() if k not in known} == {}


def test_every_built_key_names_a_family_that_exists():
    """'priority.' + p, f"role.{role}.desc": at least one key fits each (the members: below)."""
    _, built, _ = _named()
    assert len(built) > 20
    known = texts(i18n.FALLBACK)
    assert {p: w for p, w in built.items() if not any(re.fullmatch(p, k) for k in known)} == {}


# Literals that look like keys of a namespace but are not looked up: file names and other formats.
NOT_KEYS = {"advice.json", "assessment.json", "register.sqlite", "review.jsonl", "rollup.json", "start.png"}


def test_every_key_held_in_a_variable_exists():
    """Keys passed through a variable (tr(key) over a list of keys) are literals elsewhere in the code:
    every key-like literal of a known namespace must be a key."""
    _, _, anywhere = _named()
    known = texts(i18n.FALLBACK)
    spaces = {k.split(".")[0] for k in known if "." in k}
    ghosts = {k: w for k, w in anywhere.items()
              if k.split(".")[0] in spaces and k not in known and k not in NOT_KEYS
              and not any(other.startswith(k + ".") for other in known)}  # a family prefix
    assert ghosts == {}


def _choices(model, field: str) -> tuple[str, ...]:
    """The values a field of the questionnaire model can take (a Literal)."""
    return typing.get_args(model.model_fields[field].annotation)


PRIORITIES, OWNERS = _choices(qmodel.Rule, "priority"), _choices(qmodel.Rule, "owner")
FAMILIES = {  # the built keys above, with every value the code can build them from
    "priority": PRIORITIES,
    "owner": OWNERS,
    "norm.status": qmodel.NORM_STATUSES,
    "warning": _choices(qmodel.Check, "severity"),
    "badge": PRIORITIES + ("ok",),
    "report.status": ("ok", "attention", "action", "open"),
    "date.month": tuple(str(m) for m in range(1, 13)),
    "enrolment": ("enrolled", "tofu", "pinned"),
    "role": ("worker", "employer", "expert"),
    "keys.what": ("employer", "expert"),
    "keys.title": ("employer", "expert"),
    "share.item": ("expert", "personal"),
    "share.section": ("employer", "mixed_expert", "mixed_personal", "all_expert", "all_personal"),
    "review.group": PRIORITIES,
    "review.plan": OWNERS,
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_member_of_a_family_exists(family):
    known = texts(i18n.FALLBACK)
    assert [m for m in FAMILIES[family] if f"{family}.{m}" not in known] == []
