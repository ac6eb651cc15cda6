"""The rules engine: answers → findings → action plan (plan van aanpak).

Pure functions over a loaded questionnaire; no I/O, no Qt. Partial answers
(a draft) are fine: a rule only fires on what is answered.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from arbocheck.core.check import answers as answers_mod
from arbocheck.core.questionnaire.conditions import holds, judge, referenced
from arbocheck.core.questionnaire.loader import Questionnaire, placeholders
from arbocheck.core.check.textfmt import fill

PRIORITIES = ("high", "medium", "low")
_RANK = {p: i for i, p in enumerate(PRIORITIES)}


def highest(priorities: list[str]) -> str:
    """The most urgent of some priorities ('high' beats 'medium' beats 'low')."""
    return min(priorities, key=_RANK.__getitem__)


@dataclass(frozen=True)
class NormRef:
    id: str
    title: str
    source: str
    """The sources as one line a person reads: "title (reference); ..." in the finding's language."""
    status: str  # law | standard | guidance | sector | rule_of_thumb | research
    sources: tuple[dict, ...] = ()
    """Each source as {title, reference, url}."""


def norm_ref(q: Questionnaire, norm_id: str, lang: str) -> NormRef:
    n = q.norms[norm_id]
    sources = tuple({"title": s.title.get(lang), "reference": s.reference, "url": s.url} for s in n.sources)
    line = "; ".join(f"{s['title']} ({s['reference']})" if s["reference"] else s["title"] for s in sources)
    return NormRef(norm_id, n.title.get(lang), line, n.status, sources)


@dataclass(frozen=True)
class Warning:
    """An impossible or unlikely answer: "check this answer" beside `items`."""

    check: str
    items: tuple[str, ...]
    severity: str  # impossible | unlikely
    message: str

    def to_json(self) -> dict:
        d = asdict(self)
        d["items"] = list(self.items)
        return d


@dataclass(frozen=True)
class Finding:
    rule: str
    item: str
    section: str
    priority: str
    owner: str
    title: str
    advice: str
    measures: tuple[str, ...]
    norms: tuple[NormRef, ...]
    health: bool
    also: tuple[str, ...] = ()
    """Other items this finding speaks about."""
    outside_scope: str | None = None
    """The scope (e.g. screen_work) whose rules do not apply to this worker: the finding then rests
    on the general duty of care only, at the scope's lower priority."""

    def concerns(self, item_id: str) -> bool:
        return item_id == self.item or item_id in self.also

    def to_json(self) -> dict:
        d = asdict(self)
        d["measures"] = list(self.measures)
        d["also"] = list(self.also)
        d["norms"] = [asdict(n) | {"sources": [dict(x) for x in n.sources]} for n in self.norms]
        return d


@dataclass(frozen=True)
class PlanItem:
    measure: str
    text: str
    owner: str
    provision: bool
    """Equipment the employer supplies (something to order)."""
    exemption: str | None
    """`arbo`: the employer may supply it tax-free as an arbo provision; None: no tax claim is made."""
    priority: str
    term: str
    term_label: str
    term_days: int
    rules: tuple[str, ...]
    sections: tuple[str, ...]
    health: bool
    """Every finding behind it is health data: it belongs in the sealed part only."""

    def to_json(self) -> dict:
        d = asdict(self)
        d["rules"], d["sections"] = list(self.rules), list(self.sections)
        return d


@dataclass
class Evaluation:
    questionnaire_id: str
    questionnaire_version: str
    lang: str
    findings: list[Finding]
    plan: list[PlanItem]
    missing: list[str]
    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    answered: int = 0
    """How many questions are answered (hidden ones not counted)."""
    outside_scopes: list[str] = field(default_factory=list)
    """Scopes whose rules do not apply to this worker (e.g. screen_work under 2 h a day)."""
    pending: list[str] = field(default_factory=list)
    """Rules without a verdict yet: an answer they read (rule_inputs) is still open."""

    def counts(self) -> dict[str, int]:
        return {p: sum(f.priority == p for f in self.findings) for p in PRIORITIES}

    @property
    def state(self) -> str:
        """`empty` (nothing answered), `incomplete` (a required question open) or `complete`.

        Only a complete check without findings may read as "nothing to remark"."""
        if not self.answered:
            return "empty"
        return "incomplete" if self.missing else "complete"

    @property
    def blocked(self) -> list[Warning]:
        """Impossible answers: the check cannot be signed while one stands."""
        return [w for w in self.warnings if w.severity == "impossible"]

    def to_json(self) -> dict:
        return {
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "lang": self.lang,
            "state": self.state,
            "counts": self.counts(),
            "findings": [f.to_json() for f in self.findings],
            "action_plan": [p.to_json() for p in self.plan],
            "warnings": [w.to_json() for w in self.warnings],
            "missing": list(self.missing),
        }


def most_important(findings: list[Finding]) -> dict[str, Finding]:
    """Per section, the finding that matters most there (findings come sorted, so the first one)."""
    out: dict[str, Finding] = {}
    for f in findings:
        out.setdefault(f.section, f)
    return out


def item_inputs(q: Questionnaire, ids: set[str]) -> frozenset[str]:
    """The items behind some item, derived or yearly ids: a derived value stands for the items its
    function needs (its required parameters, followed through other derived values)."""
    return q.items_behind(ids, required_only=True)


def rule_inputs(q: Questionnaire, rule) -> frozenset[str]:
    """The items a rule reads: those its `when` names, those its scope reads, the inputs of the
    derived values it uses and every placeholder of its title and advice. Until each is answered
    (or hidden as not applicable) the rule gives no verdict: neither a finding nor "all right"."""
    cache = q.__dict__.setdefault("_rule_inputs", {})
    if rule.id not in cache:
        ids = set(referenced(rule.when))
        if rule.scope:
            ids |= referenced(q.scopes[rule.scope].when)
        for text in (rule.title, rule.advice):
            for lang in ("nl", "en"):
                ids |= set(placeholders(text.get(lang)))
        cache[rule.id] = item_inputs(q, ids)
    return cache[rule.id]


def advice_inputs(q: Questionnaire, rule) -> frozenset[str]:
    """The items a rule's title and advice fill in: the advice waits until they are known."""
    cache = q.__dict__.setdefault("_advice_inputs", {})
    if rule.id not in cache:
        ids = {p for text in (rule.title, rule.advice) for lang in ("nl", "en") for p in placeholders(text.get(lang))}
        cache[rule.id] = item_inputs(q, ids)
    return cache[rule.id]


def open_items(q: Questionnaire, eff: dict[str, Any], values: dict[str, Any]) -> frozenset[str]:
    """Ids not yet known: questions shown but not answered, and the derived values that need them."""
    items = {i for i, it in q.items.items() if i not in eff and holds(it.show_if, values)}
    derived = {d for d in q.derived if d not in values and item_inputs(q, {d}) & items}
    return frozenset(items | derived)


def scope_state(q: Questionnaire, scope_id: str, values: dict[str, Any]) -> bool | None:
    """True inside the scope, False outside it, None while the answers it reads are missing."""
    scope = q.scopes[scope_id]
    if any(values.get(ident) is None for ident in referenced(scope.when)):
        return None
    return holds(scope.when, values)


def evaluate(q: Questionnaire, answers: dict[str, Any], lang: str = "nl", wait: bool = False) -> Evaluation:
    """Judge the answered part of a questionnaire. Answers must be valid (see answers.problems).

    `pending` lists the rules whose verdict still depends on an open question (judged in three
    values: an `any` with one known true part is decided, an open part otherwise leaves it open).
    `wait=True` (the wizard while a person answers) gives no finding for those: no verdict before
    the facts. `wait=False` (a report, the importer's recompute, `evaluate`) judges the answers as
    they stand, where an optional question left open counts as unanswered, as the content says."""
    eff = answers_mod.effective(q, answers)
    values = answers_mod.with_derived(q, eff)
    section_order = {s.id: i for i, s in enumerate(q.data.sections)}
    scopes = {sid: scope_state(q, sid, values) for sid in q.scopes}
    unknown = open_items(q, eff, values)
    findings: list[Finding] = []
    pending: list[str] = []
    for rule in q.data.rules:
        inside = scopes[rule.scope] if rule.scope else True
        if inside is None:
            pending.append(rule.id)
            continue
        if inside is False and rule.outside == "skip":
            continue
        verdict = judge(rule.when, values, unknown)
        if verdict is None or verdict and advice_inputs(q, rule) & unknown:
            pending.append(rule.id)  # no verdict before the facts
            if wait:
                continue
        if not holds(rule.when, values) or wait and not verdict:
            continue
        priority, norm_ids = rule.priority, list(rule.norms)
        if not inside:
            outside = q.scopes[rule.scope].outside
            priority = outside.priority
            norm_ids = [n for n in norm_ids if q.norms[n].scope != rule.scope]
            norm_ids += [n for n in outside.norms if n not in norm_ids]
        advice = " ".join([fill(q, rule.advice.get(lang), values, lang)]
                          + [fill(q, x.text.get(lang), values, lang) for x in rule.advice_if if holds(x.when, values)])
        measures = tuple(m if isinstance(m, str) else m.measure for m in rule.measures
                         if isinstance(m, str) or holds(m.when, values))
        findings.append(Finding(
            rule=rule.id, item=rule.item, section=q.section_of[rule.item],
            priority=priority, owner=rule.owner,
            title=fill(q, rule.title.get(lang), values, lang),
            advice=advice,
            measures=measures, norms=tuple(norm_ref(q, n, lang) for n in norm_ids),
            health=rule.id in q.health_rules, also=tuple(rule.also),
            outside_scope=None if inside else rule.scope,
        ))
    # Most urgent first; within a priority, what helps most (the rule's rank), then the questionnaire's order.
    findings.sort(key=lambda f: (_RANK[f.priority], q.rules[f.rule].rank, section_order[f.section]))
    answered = sum(1 for k in eff if answers.get(k) is not None)  # a default is not an answer
    return Evaluation(q.id, q.version, lang, findings, action_plan(q, findings, lang),
                      answers_mod.missing_required(q, answers), values,
                      warnings=warnings(q, eff, values, lang), answered=answered,
                      outside_scopes=[sid for sid, inside in scopes.items() if inside is False],
                      pending=pending)


def warnings(q: Questionnaire, eff: dict[str, Any], values: dict[str, Any], lang: str) -> list[Warning]:
    """Every impossible or unlikely answer combination, in questionnaire order."""
    out: list[Warning] = []
    for chk in q.data.checks:
        if all(i in eff for i in chk.items) and holds(chk.when, values):
            out.append(Warning(chk.id, tuple(chk.items), chk.severity, fill(q, chk.message.get(lang), values, lang)))
    hw = q.data.health_words
    if hw is not None:
        for item_id, it in q.items.items():
            if getattr(it, "check_health_words", False) and isinstance(eff.get(item_id), str):
                found = health_words_in(eff[item_id], hw)
                if found:
                    out.append(Warning("health_words", (item_id,), "unlikely",
                                       hw.message.get(lang).format(words=", ".join(found))))
    return out


def health_words_in(text: str, hw) -> list[str]:
    """The words of the health-word list (both languages) that start a word in `text`."""
    import re

    low = text.casefold()
    found = []
    for word in dict.fromkeys(hw.nl + hw.en):
        if re.search(r"(?<!\w)" + re.escape(word.casefold()), low):
            found.append(word)
    return found


def action_plan(q: Questionnaire, findings: list[Finding], lang: str = "nl") -> list[PlanItem]:
    """One plan item per measure, however many findings call for it.

    Its priority is the most urgent of those findings, its term the shortest.
    """
    by_measure: dict[str, list[Finding]] = {}  # measures of the findings, in order
    for f in findings:
        for m in f.measures:
            by_measure.setdefault(m, []).append(f)
    plan: list[PlanItem] = []
    for mid, fs in by_measure.items():
        m = q.measures[mid]
        terms = [q.terms[q.rules[f.rule].term or q.data.default_terms[f.priority]] for f in fs]
        term = min(terms, key=lambda t: t.days)
        plan.append(PlanItem(
            measure=mid, text=m.text.get(lang), owner=m.owner, provision=m.provision, exemption=m.exemption,
            priority=highest([f.priority for f in fs]),
            term=term.id, term_label=term.label.get(lang), term_days=term.days,
            rules=tuple(f.rule for f in fs),
            sections=tuple(dict.fromkeys(f.section for f in fs)),
            health=all(f.health for f in fs),
        ))
    plan.sort(key=lambda p: (_RANK[p.priority], p.term_days, p.measure))
    return plan
