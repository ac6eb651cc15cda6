"""Load and validate questionnaire files.

Every problem is reported as `file:line: item 'x': message`, all at once, so a
content editor can fix a file in one pass. The details are the content editor's (in
English, as a compiler's messages); the error around them reads in the user's language
(QuestionnaireError, a Refusal).
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import yaml
from pydantic import ValidationError

from arbocheck.core.common.errors import Lines, Phrase, Refusal
from arbocheck.core.questionnaire import derived as derived_mod
from arbocheck.core.questionnaire import yamllines
from arbocheck.core.questionnaire.conditions import leaves, referenced
from arbocheck.core.questionnaire.countries import ISO_3166_ALPHA2
from arbocheck.core.questionnaire.model import (ITEM_TYPES, LANGS, PARAMETER_NEEDED_BY, PARAMETERS, Condition,
                                                Country, Derived, MultiChoice,
                                                Number, QuestionnaireData, Rule, Scale, SingleChoice, Text,
                                                YesNo, Hours, FreeText, unit_text)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    where: str  # "item 'desk_height_cm'", "rule 'x'", or "" for the file itself
    message: str | Refusal  # a Refusal for what a user may meet (a damaged file), else the editor's words

    def text(self, lang: str) -> str:
        where = f" {self.where}:" if self.where else ""
        message = self.message.text(lang) if isinstance(self.message, Refusal) else self.message
        return f"{self.file}:{self.line}:{where} {message}"

    def __str__(self) -> str:
        return self.text("en")


class QuestionnaireError(Refusal):
    """A questionnaire file that is not valid; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("questionnaire.invalid", problems=Lines(problems))


class QuestionnaireNotFound(Refusal, LookupError):
    """No questionnaire with this id (or version) is installed."""


@dataclass
class Questionnaire:
    """A validated questionnaire with lookup tables."""

    data: QuestionnaireData
    path: str
    sha256: str
    items: dict[str, Any] = field(default_factory=dict)
    section_of: dict[str, str] = field(default_factory=dict)
    derived: dict[str, Derived] = field(default_factory=dict)
    derived_order: list[str] = field(default_factory=list)
    health_rules: frozenset[str] = frozenset()
    warnings: list[Problem] = field(default_factory=list)
    """Not errors, but worth an editor's attention (e.g. a yearly amount whose year has passed)."""

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def version(self) -> str:
        return self.data.version

    @cached_property
    def norms(self) -> dict:
        return {n.id: n for n in self.data.norms}

    @cached_property
    def measures(self) -> dict:
        return {m.id: m for m in self.data.measures}

    @cached_property
    def terms(self) -> dict:
        return {t.id: t for t in self.data.terms}

    @cached_property
    def rules(self) -> dict[str, Rule]:
        return {r.id: r for r in self.data.rules}

    @cached_property
    def sections(self) -> dict:
        return {s.id: s for s in self.data.sections}

    @cached_property
    def scopes(self) -> dict:
        return {s.id: s for s in self.data.scopes}

    @cached_property
    def lists(self) -> dict:
        return {x.id: x for x in self.data.lists}

    @cached_property
    def yearly(self) -> dict:
        return {y.id: y for y in self.data.yearly}

    def glossary_in(self, texts: Iterable[str], lang: str) -> list[tuple[str, str]]:
        """(term as written, explanation) for every glossary word that appears in `texts`, in order of
        first appearance, each once."""
        import re

        joined = "\n".join(texts)
        low = joined.casefold()
        found: list[tuple[int, str, str]] = []
        for entry in self.data.glossary:
            hits = [m for term in entry.terms.get(lang)
                    for m in [re.search(r"(?<!\w)" + re.escape(term.casefold()) + r"(?!\w)", low)] if m]
            if hits:
                first = min(hits, key=lambda m: m.start())
                found.append((first.start(), joined[first.start():first.end()], entry.explanation.get(lang)))
        return [(term, text) for _, term, text in sorted(found)]

    def parameter(self, name: str) -> float:
        """A number the content editor set for the code (model.PARAMETERS); the loader made sure it is there."""
        return self.data.parameters[name]

    def yearly_values(self, year: int | None = None) -> dict[str, Any]:
        """`{id: value, id_year: year}` for every yearly amount: the value for `year` (default:
        this year), or the latest year before it when that year is not in the data yet."""
        import datetime as _dt

        year = year or _dt.date.today().year
        out: dict[str, Any] = {}
        for y in self.data.yearly:
            known = sorted(y.values, key=lambda v: v.year)
            pick = next((v for v in reversed(known) if v.year <= year), known[0])
            out[y.id], out[y.id + "_year"] = pick.value, pick.year
        return out

    def health_items(self) -> frozenset[str]:
        """Items whose answers never reach the employer: health data (AVG art. 9) and what is
        treated as such (leisure-time exercise, confidential free text)."""
        return frozenset(i for i, it in self.items.items() if it.health)

    def items_behind(self, ids: Iterable[str], required_only: bool = False) -> frozenset[str]:
        """The items behind some item or derived ids: a derived value stands for the items it is
        computed from, followed through other derived values (only its function's required inputs
        when `required_only`: what must be answered before it has a value)."""
        from arbocheck.core.questionnaire.derived import parameters

        out: set[str] = set()
        seen: set[str] = set()
        todo = list(ids)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in self.items:
                out.add(name)
            elif name in self.derived:
                dv = self.derived[name]
                required = parameters(dv.function)[0] if required_only else dv.inputs
                todo += [ref for param, ref in dv.inputs.items() if param in required]
        return frozenset(out)

    def reads_health(self, ids: Iterable[str]) -> bool:
        """Whether any of these item/derived ids is, or is computed from, health data."""
        return any(self.items[i].health for i in self.items_behind(ids))


# ---------------------------------------------------------------------------

def default_dirs() -> list[Path]:
    """Where questionnaires live: the installed package copy, else the source tree."""
    from arbocheck.core.common.paths import data_dirs
    from arbocheck.core.common.environment import environment

    env = environment().questionnaires
    if env:
        return list(env)

    return data_dirs("questionnaires")


def questionnaire_files(dirs: Iterable[Path] | None = None) -> list[Path]:
    out: list[Path] = []
    for d in dirs if dirs is not None else default_dirs():
        out.extend(sorted(Path(d).glob("*.yaml")))
    return out


def find(qid: str, version: str | None = None, dirs: Iterable[Path] | None = None) -> Questionnaire:
    """The questionnaire with this id (and version; newest when None).

    Raises QuestionnaireNotFound (a LookupError) when it does not exist.
    """
    found: list[Questionnaire] = []
    for path in questionnaire_files(dirs):
        if _head_id(path) == qid:
            found.append(_load_cached(path))
    if not found:
        raise QuestionnaireNotFound("questionnaire.unknown", id=qid)
    if version is None:
        return max(found, key=lambda q: tuple(int(p) for p in q.version.split(".")))
    for q in found:
        if q.version == str(version):
            return q
    have = ", ".join(sorted(q.version for q in found))
    raise QuestionnaireNotFound("questionnaire.no_version", id=qid, version=version, have=have)


def _head_id(path: Path) -> str | None:
    """The questionnaire id a file declares (its top-level `id:` line), without parsing all of it."""
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("id:"):
                    value = yaml.safe_load(line[3:])
                    return str(value) if value is not None else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass
    return None


_CACHE: dict[tuple[str, int, int], Questionnaire] = {}


def _load_cached(path: Path) -> Questionnaire:
    """load(), once per file as long as it does not change (find() is asked for every report)."""
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _CACHE:
        _CACHE[key] = load(path)
    return _CACHE[key]


def load_cached(path: str | Path) -> Questionnaire:
    """load(), kept for as long as the file does not change (a window that lists the questionnaires
    opens without parsing them again). Raises QuestionnaireError."""
    return _load_cached(Path(path))


def load(path: str | Path, display: str | None = None) -> Questionnaire:
    """Load and fully validate one questionnaire file. Raises QuestionnaireError."""
    path = Path(path)
    name = display or str(path)
    try:
        raw_bytes = path.read_bytes()
        text = raw_bytes.decode("utf-8")
    except OSError as e:
        raise QuestionnaireError([Problem(name, 1, "", Refusal("questionnaire.unreadable", why=e))])
    except UnicodeDecodeError:
        raise QuestionnaireError([Problem(name, 1, "", Refusal("questionnaire.not_utf8"))])
    return loads(text, name, hashlib.sha256(raw_bytes).hexdigest())


def loads(text: str, name: str = "<text>", sha256: str | None = None) -> Questionnaire:
    try:
        raw = yamllines.load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(e, "problem", None) or str(e)
        raise QuestionnaireError([Problem(name, line, "", Refusal("questionnaire.bad_yaml", what=what))])
    if not isinstance(raw, dict):
        raise QuestionnaireError([Problem(name, 1, "", Refusal("questionnaire.not_mapping"))])
    try:
        data = QuestionnaireData.model_validate(raw)
    except ValidationError as e:
        raise QuestionnaireError(_schema_problems(e, raw, name))
    q = Questionnaire(data=data, path=name, sha256=sha256 or hashlib.sha256(text.encode()).hexdigest())
    problems = _Checker(q, raw, name).run()
    if problems:
        raise QuestionnaireError(problems)
    return q


# ---------------------------------------------------------------------------
# Schema errors, translated into editor-friendly sentences.

_KINDS = {"sections": "section", "rules": "rule", "norms": "norm", "derived": "derived",
          "measures": "measure", "terms": "term"}


def _context(raw: Any, loc: tuple) -> str:
    """The innermost named thing on `loc`: an item, rule, norm, ..."""
    where, node = "", raw
    kind = None
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, str):
            kind = "item" if part == "items" else _KINDS.get(part)
        elif kind and isinstance(node, dict):
            ident = node.get("id")
            where = f"{kind} '{ident}'" if isinstance(ident, str) else f"{kind} #{part + 1}"
            kind = None
    return where


def _without_tags(loc: tuple) -> tuple:
    """Drop the union tags pydantic puts into error locations."""
    out = []
    for i, p in enumerate(loc):
        prev = loc[i - 1] if i else None
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if p == "leaf" or (p in ITEM_TYPES and isinstance(prev, int)) or (p in ("all", "any", "not") and nxt == p):
            continue
        out.append(p)
    return tuple(out)


def _schema_problems(err: ValidationError, raw: Any, name: str) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple] = set()
    for e in err.errors():
        loc = _without_tags(tuple(e["loc"]))
        typ = e["type"]
        field_name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if typ == "union_tag_invalid":
            loc += ("type",)
            bad = e.get("ctx", {}).get("tag", e.get("input"))
            msg = f"unknown type '{bad}' (known: {', '.join(ITEM_TYPES)})"
        elif typ == "union_tag_not_found":
            msg = "missing 'type'"
        elif typ == "missing" and field_name in LANGS:
            parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), "text")
            msg = f"missing translation '{field_name}' in '{parent}'"
        elif typ == "missing":
            msg = f"missing '{field_name}'"
        elif typ == "extra_forbidden":
            msg = f"unknown field '{field_name}'"
        else:
            text = e["msg"].removeprefix("Value error, ")
            msg = f"{field_name}: {text}" if field_name else text
        line = yamllines.line_at(raw, loc)
        key = (line, msg)
        if key in seen:
            continue
        seen.add(key)
        out.append(Problem(name, line, _context(raw, loc), msg))
    return sorted(out, key=lambda p: p.line)


# ---------------------------------------------------------------------------
# Whole-file checks.

_CHOICE = (SingleChoice, MultiChoice, Country)


class _Checker:
    def __init__(self, q: Questionnaire, raw: Any, name: str):
        self.q, self.raw, self.name = q, raw, name
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, loc: tuple, where: str, msg: str) -> None:
        self.problems.append(Problem(self.name, yamllines.line_at(self.raw, loc), where, msg))

    def run(self) -> list[Problem]:
        d = self.q.data
        self._unique("norms", [n.id for n in d.norms], "norm")
        self._unique("terms", [t.id for t in d.terms], "term")
        self._unique("measures", [m.id for m in d.measures], "measure")
        self._unique("sections", [s.id for s in d.sections], "section")
        self._unique("rules", [r.id for r in d.rules], "rule")
        self._unique("review_statuses", [r.id for r in d.review_statuses], "review status")
        self._unique("scopes", [x.id for x in d.scopes], "scope")
        self._unique("checks", [x.id for x in d.checks], "check")
        self._unique("yearly", [x.id for x in d.yearly], "yearly amount")
        self._unique("lists", [x.id for x in d.lists], "list")
        self._unique("glossary", [x.id for x in d.glossary], "glossary entry")
        self._index_items()
        self._index_derived()
        for name in d.parameters:
            if name not in PARAMETERS:
                self.add(("parameters", name), "", f"unknown parameter '{name}' (known: {', '.join(PARAMETERS)})")
        for name, diagram in PARAMETER_NEEDED_BY.items():
            if name not in d.parameters and any(sec.diagram == diagram for sec in d.sections):
                self.add(("parameters",), "", f"a section shows the {diagram} diagram: set parameters.{name} "
                                              f"({PARAMETERS[name]})")
        for prio, term in d.default_terms.items():
            if term not in self.q.terms:
                self.add(("default_terms", prio), "", f"default term for {prio} names unknown term '{term}'")
        for si, sec in enumerate(d.sections):
            for ii, it in enumerate(sec.items):
                self._check_item(("sections", si, "items", ii), it)
        for ni, norm in enumerate(d.norms):
            self._check_norm(("norms", ni), norm)
        for si, scope in enumerate(d.scopes):
            loc, where = ("scopes", si), f"scope '{scope.id}'"
            self._check_condition(loc + ("when",), where, scope.when)
            if self.q.reads_health(referenced(scope.when)):
                self.add(loc + ("when",), where, "a scope may not depend on health data (the employer's report shows it)")
            self._check_norms(loc + ("outside", "norms"), where, scope.outside.norms)
            for n in scope.outside.norms:
                if n in self.q.norms and self.q.norms[n].scope == scope.id:
                    self.add(loc + ("outside", "norms"), where, f"norm '{n}' applies only inside this scope")
        for yi, y in enumerate(d.yearly):
            self._check_norms(("yearly", yi, "norm"), f"yearly amount '{y.id}'", [y.norm])
            self._yearly_expiry(("yearly", yi), y)
        for li, lst in enumerate(d.lists):
            self._check_norms(("lists", li, "norm"), f"list '{lst.id}'", [lst.norm])
        for ri, rule in enumerate(d.rules):
            self._check_rule(("rules", ri), rule)
        if d.instruction is not None:
            self._check_instruction(d.instruction)
        for ci, chk in enumerate(d.checks):
            loc, where = ("checks", ci), f"check '{chk.id}'"
            self._check_condition(loc + ("when",), where, chk.when)
            for it in chk.items:
                if it not in self.q.items:
                    self.add(loc + ("items",), where, f"names unknown item '{it}'")
        health = {r.id for r in d.rules if r.health or self.q.reads_health(
            rule_reads(r) | (referenced(self.q.scopes[r.scope].when) if r.scope in self.q.scopes else set()))}
        for si, sec in enumerate(d.sections):
            for ii, it in enumerate(sec.items):
                self._check_shown_without_health(("sections", si, "items", ii), it)
        self.q.health_rules = frozenset(health)
        self.q.warnings = sorted(self.warnings, key=lambda p: p.line)
        return sorted(self.problems, key=lambda p: p.line)

    def _check_norm(self, loc: tuple, norm) -> None:
        where = f"norm '{norm.id}'"
        if norm.scope is not None and norm.scope not in self.q.scopes:
            self.add(loc + ("scope",), where, f"unknown scope '{norm.scope}'")
        for si, src in enumerate(norm.sources):
            if src.url is not None and not official_url(src.url, self.q.data.source_domains):
                self.add(loc + ("sources", si, "url"), where,
                         f"source {src.url} is not on an official domain (source_domains: "
                         f"{', '.join(self.q.data.source_domains)})")

    def _yearly_expiry(self, loc: tuple, y) -> None:
        import datetime as _dt

        latest = max(v.year for v in y.values)
        this_year = _dt.date.today().year
        line = yamllines.line_at(self.raw, loc)
        if latest < this_year:
            self.warnings.append(Problem(self.name, line, f"yearly amount '{y.id}'",
                                         f"the latest value is for {latest}; add the value for {this_year}"))
        for v in y.values:
            if v.year >= this_year - 1 and v.checked == "secondary":
                self.warnings.append(Problem(self.name, line, f"yearly amount '{y.id}'",
                                             f"the value for {v.year} ({v.value:g}) comes from a secondary source; "
                                             f"confirm it with the Belastingdienst or the law"))

    def _check_shown_without_health(self, loc: tuple, it: Any) -> None:
        """A workplace item shown only depending on a health answer would tell the employer
        about that answer by being answered or not (DESIGN.md §4.1)."""
        if it.health or it.show_if is None:
            return
        via = self._health_behind(referenced(it.show_if))
        if via is not None:
            self.add(loc + ("show_if",), f"item '{it.id}'",
                     f"is not health data but is shown depending on health data ('{via}'): whether it is "
                     "answered would tell the employer about that answer; mark it 'health: true' or drop the "
                     "condition")

    def _health_behind(self, names: set[str]) -> str | None:
        """The first health item these ids read, also through derived inputs and the show-if of
        the items they read (a hidden item has no value); None when there is none."""
        q, seen, todo = self.q, set(), list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            it = q.items.get(name)
            if it is not None:
                if it.health:
                    return name
                todo.extend(referenced(it.show_if))
            elif name in q.derived:
                todo.extend(q.derived[name].inputs.values())
        return None

    def _unique(self, key: str, ids: list[str], kind: str) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                self.add((key, i, "id"), f"{kind} '{ident}'", f"duplicate {kind} id '{ident}'")
            seen.add(ident)

    def _index_items(self) -> None:
        for si, sec in enumerate(self.q.data.sections):
            for ii, it in enumerate(sec.items):
                if it.id in self.q.items:
                    self.add(("sections", si, "items", ii, "id"), f"item '{it.id}'",
                             f"duplicate item id '{it.id}' (also in section '{self.q.section_of[it.id]}')")
                    continue
                self.q.items[it.id] = it
                self.q.section_of[it.id] = sec.id

    def _index_derived(self) -> None:
        q = self.q
        for di, dv in enumerate(q.data.derived):
            loc, where = ("derived", di), f"derived '{dv.id}'"
            if dv.id in q.items or dv.id in q.derived:
                self.add(loc + ("id",), where, f"duplicate id '{dv.id}' (items and derived values share one namespace)")
                continue
            q.derived[dv.id] = dv
            if dv.function not in derived_mod.FUNCTIONS:
                known = ", ".join(sorted(derived_mod.FUNCTIONS))
                self.add(loc + ("function",), where, f"unknown function '{dv.function}' (known: {known})")
                continue
            required, optional = derived_mod.parameters(dv.function)
            given = set(dv.inputs) | set(dv.params)
            for p in sorted(required - given):
                self.add(loc, where, f"function '{dv.function}' needs input '{p}'")
            for p in sorted(given - required - optional):
                self.add(loc, where, f"function '{dv.function}' has no parameter '{p}'")
            for p in sorted(set(dv.inputs) & set(dv.params)):
                self.add(loc, where, f"'{p}' is given both as input and as param")
        sections = {sec.id for sec in q.data.sections}
        for di, dv in enumerate(q.data.derived):
            if dv.report_section is not None and dv.report_section not in sections:
                self.add(("derived", di, "report_section"), f"derived '{dv.id}'",
                         f"report_section names unknown section '{dv.report_section}'")
            for p, ref in dv.inputs.items():
                if ref not in q.items and ref not in q.derived:
                    self.add(("derived", di, "inputs", p), f"derived '{dv.id}'", f"input '{p}' names unknown item '{ref}'")
        # Topological order; a cycle is an error.
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(name: str, chain: list[str]) -> None:
            if state.get(name) == 2:
                return
            if state.get(name) == 1:
                di = next(i for i, d in enumerate(q.data.derived) if d.id == name)
                self.add(("derived", di), f"derived '{name}'", "cycle: " + " → ".join(chain + [name]))
                return
            state[name] = 1
            for ref in q.derived[name].inputs.values():
                if ref in q.derived:
                    visit(ref, chain + [name])
            state[name] = 2
            order.append(name)

        for name in q.derived:
            visit(name, [])
        q.derived_order = order

    def _known(self, ident: str) -> bool:
        return ident in self.q.items or ident in self.q.derived

    def _placeholder_known(self, ident: str) -> bool:
        return self._known(ident) or ident in self.q.yearly or ident.removesuffix("_year") in self.q.yearly

    def _check_condition(self, loc: tuple, where: str, cond: Condition | None) -> None:
        for leaf in leaves(cond):
            for ident in filter(None, (leaf.item, leaf.ref)):
                if not self._known(ident):
                    self.add(loc, where, f"condition names unknown item '{ident}'")
            it = self.q.items.get(leaf.item)
            if it is None or leaf.value is None:
                continue
            values = leaf.value if leaf.op in ("in", "not_in") else [leaf.value]
            for v in values:
                bad = bad_value(it, v, for_condition=True)
                if bad:
                    self.add(loc, where, f"condition on '{leaf.item}': {bad}")

    def _check_norms(self, loc: tuple, where: str, norms: list[str]) -> None:
        for n in norms:
            if n not in self.q.norms:
                self.add(loc, where, f"unknown norm '{n}'")

    def _check_item(self, loc: tuple, it: Any) -> None:
        where = f"item '{it.id}'"
        self._check_norms(loc + ("norms",), where, it.norms)
        self._check_condition(loc + ("show_if",), where, it.show_if)
        if it.show_if is not None and it.id in referenced(it.show_if):
            self.add(loc + ("show_if",), where, "show_if refers to the item itself")
        if isinstance(it, _CHOICE):
            seen: set[str] = set()
            for oi, o in enumerate(it.options):
                if o.value in seen:
                    self.add(loc + ("options", oi), where, f"duplicate option '{o.value}'")
                seen.add(o.value)
                if isinstance(it, Country) and o.value not in ISO_3166_ALPHA2:
                    self.add(loc + ("options", oi), where, f"'{o.value}' is not an ISO 3166 country code")
        if getattr(it, "default", None) is not None:
            bad = bad_value(it, it.default)
            if bad:
                self.add(loc + ("default",), where, f"default: {bad}")
        if getattr(it, "range_text", None) is not None:
            for lang in LANGS:
                try:
                    it.range_text.get(lang).format(min=it.min, max=it.max)
                except (KeyError, IndexError, ValueError) as e:
                    self.add(loc + ("range_text", lang), where, f"range_text may use only {{min}} and {{max}} ({e})")
        if isinstance(it, FreeText):
            if it.check_health_words and self.q.data.health_words is None:
                self.add(loc + ("check_health_words",), where, "check_health_words needs a top-level 'health_words'")
            if it.move_to is not None:
                target = self.q.items.get(it.move_to)
                if not isinstance(target, FreeText) or not target.health:
                    self.add(loc + ("move_to",), where, f"move_to must name a confidential text item, not '{it.move_to}'")

    def _check_instruction(self, ins: Any) -> None:
        loc, where = ("instruction",), "instruction"
        self._check_norms(loc + ("norm",), where, [ins.norm])
        if ins.after_section not in self.q.sections:
            self.add(loc + ("after_section",), where, f"after_section names unknown section '{ins.after_section}'")
        seen: set[str] = set()
        for ti, topic in enumerate(ins.topics):
            tloc, twhere = loc + ("topics", ti), f"instruction topic '{topic.id}'"
            if topic.id in seen:
                self.add(tloc + ("id",), twhere, f"duplicate instruction topic id '{topic.id}'")
            seen.add(topic.id)
            self._check_norms(tloc + ("norms",), twhere, topic.norms)
            for key, text in (("title", topic.title), ("text", topic.text), ("own", topic.own)):
                if text is None:
                    continue
                for lang in LANGS:
                    if key != "own" and placeholders(text.get(lang)):
                        self.add(tloc + (key, lang), twhere, f"placeholders belong in 'own' (shown once known), not in '{key}'")
                        continue
                    for ph in placeholders(text.get(lang)):
                        if not self._known(ph):
                            self.add(tloc + (key, lang), twhere, f"{key} ({lang}) uses unknown placeholder '{{{ph}}}'")
                        elif self.q.reads_health({ph}):
                            self.add(tloc + (key, lang), twhere,
                                     f"{key} ({lang}) uses '{{{ph}}}', which rests on health data")

    def _check_rule(self, loc: tuple, rule: Rule) -> None:
        where = f"rule '{rule.id}'"
        if rule.item not in self.q.items:
            self.add(loc + ("item",), where, f"names unknown item '{rule.item}'")
        for other in rule.also:
            if other not in self.q.items:
                self.add(loc + ("also",), where, f"also names unknown item '{other}'")
        self._check_condition(loc + ("when",), where, rule.when)
        self._check_norms(loc + ("norms",), where, rule.norms)
        for mi, m in enumerate(rule.measures):
            mid = m if isinstance(m, str) else m.measure
            if mid not in self.q.measures:
                self.add(loc + ("measures", mi), where, f"unknown measure '{mid}'")
            if not isinstance(m, str):
                self._check_condition(loc + ("measures", mi, "when"), where, m.when)
        if len(set(rule.measure_ids())) != len(rule.measures):
            self.add(loc + ("measures",), where, "a measure is listed twice")
        if rule.term is not None and rule.term not in self.q.terms:
            self.add(loc + ("term",), where, f"unknown term '{rule.term}'")
        if rule.scope is not None and rule.scope not in self.q.scopes:
            self.add(loc + ("scope",), where, f"unknown scope '{rule.scope}'")
        for n in rule.norms:
            norm = self.q.norms.get(n)
            if norm is not None and norm.scope is not None and norm.scope != rule.scope:
                self.add(loc + ("norms",), where,
                         f"norm '{n}' applies only within scope '{norm.scope}': give the rule 'scope: {norm.scope}'")
        texts = [("title", rule.title), ("advice", rule.advice)]
        for ai, extra in enumerate(rule.advice_if):
            self._check_condition(loc + ("advice_if", ai, "when"), where, extra.when)
            texts.append((f"advice_if[{ai + 1}]", extra.text))
        for key, text in texts:
            for lang in LANGS:
                for ph in placeholders(text.get(lang)):
                    if not self._placeholder_known(ph):
                        self.add(loc + (key.split("[")[0], lang) if "[" not in key else loc + ("advice_if",), where,
                                 f"{key} ({lang}) uses unknown placeholder '{{{ph}}}'")


def rule_reads(rule: Rule) -> set[str]:
    """Every item or derived id a rule reads: its item, conditions (of the rule, its measures and
    its extra sentences) and the placeholders in its texts. A rule that reads health data is sealed."""
    out = referenced(rule.when) | {rule.item} | set(rule.also)
    for m in rule.measures:
        if not isinstance(m, str):
            out |= referenced(m.when)
    texts = [rule.title, rule.advice]
    for extra in rule.advice_if:
        out |= referenced(extra.when)
        texts.append(extra.text)
    for text in texts:
        for lang in LANGS:
            out |= {ph.removesuffix("_year") for ph in placeholders(text.get(lang))}
    return out


def official_url(url: str, domains: Iterable[str]) -> bool:
    """Whether an https URL's host is one of `domains` or a subdomain of one."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(host == d or host.endswith("." + d) for d in domains)


def placeholders(text: str) -> list[str]:
    """Names used as `{name}` in a text (format specs are not allowed)."""
    out = []
    for _, fname, spec, conv in string.Formatter().parse(text):
        if fname is not None:
            out.append(fname)
    return out


def bad_value(it: Any, v: Any, for_condition: bool = False) -> Refusal | None:
    """Why `v` is not a valid answer for item `it` (None when it is)."""
    def num(x: Any) -> bool:
        return isinstance(x, (int, float)) and not isinstance(x, bool)

    if isinstance(it, YesNo):
        return None if isinstance(v, bool) else Refusal("value.yes_no", value=repr(v))
    if isinstance(it, (SingleChoice, MultiChoice)):
        if isinstance(it, MultiChoice) and not for_condition:
            if not isinstance(v, list):
                return Refusal("value.list", value=repr(v))
            for x in v:
                bad = bad_value(it, x, for_condition=True)
                if bad:
                    return bad
            return None
        opts = [o.value for o in it.options]
        return None if v in opts else Refusal("value.option", value=repr(v), options=", ".join(opts))
    if isinstance(it, Country):
        return None if isinstance(v, str) and v in ISO_3166_ALPHA2 else Refusal("value.country", value=v)
    if isinstance(it, (Number, Hours)) and not for_condition:
        from arbocheck.core.questionnaire.numbers import problem

        return problem(it, v)
    if isinstance(it, (Number, Hours, Scale)):
        if not num(v):
            return Refusal("value.number", value=repr(v))
        if isinstance(it, Scale) and not float(v).is_integer():
            return Refusal("value.scale_whole", min=it.min, max=it.max, value=f"{v:g}")
        if not for_condition and not (it.min <= v <= it.max):
            return Refusal("value.range", value=f"{v:g}", unit="", min=f"{it.min:g}", max=f"{it.max:g}")
        return None
    if isinstance(it, FreeText):
        return None if isinstance(v, str) else Refusal("value.text", value=repr(v))
    return None
