"""The rules engine: answers → findings → action plan (plan van aanpak).

Pure functions over a loaded questionnaire; no I/O, no Qt. Partial answers
(a draft) are fine: a rule only fires on what is answered.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from . import answers as answers_mod
from .conditions import holds
from .qloader import Questionnaire
from .textfmt import fill

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
    status: str  # law | standard | guidance


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

    def to_json(self) -> dict:
        d = asdict(self)
        d["measures"] = list(self.measures)
        d["norms"] = [asdict(n) for n in self.norms]
        return d


@dataclass(frozen=True)
class PlanItem:
    measure: str
    text: str
    owner: str
    provision: bool
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

    def counts(self) -> dict[str, int]:
        return {p: sum(f.priority == p for f in self.findings) for p in PRIORITIES}

    def to_json(self) -> dict:
        return {
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "lang": self.lang,
            "counts": self.counts(),
            "findings": [f.to_json() for f in self.findings],
            "action_plan": [p.to_json() for p in self.plan],
            "missing": list(self.missing),
        }


def evaluate(q: Questionnaire, answers: dict[str, Any], lang: str = "nl") -> Evaluation:
    """Judge the answered part of a questionnaire. Answers must be valid (see answers.problems)."""
    eff = answers_mod.effective(q, answers)
    values = answers_mod.with_derived(q, eff)
    section_order = {s.id: i for i, s in enumerate(q.data.sections)}
    findings: list[Finding] = []
    for rule in q.data.rules:
        if not holds(rule.when, values):
            continue
        norms = tuple(NormRef(n, q.norms[n].title.get(lang), q.norms[n].source, q.norms[n].status)
                      for n in rule.norms)
        findings.append(Finding(
            rule=rule.id, item=rule.item, section=q.section_of[rule.item],
            priority=rule.priority, owner=rule.owner,
            title=fill(q, rule.title.get(lang), values, lang),
            advice=fill(q, rule.advice.get(lang), values, lang),
            measures=tuple(rule.measures), norms=norms,
            health=rule.id in q.health_rules,
        ))
    findings.sort(key=lambda f: (_RANK[f.priority], section_order[f.section]))
    return Evaluation(q.id, q.version, lang, findings, action_plan(q, findings, lang),
                      answers_mod.missing_required(q, answers), values)


def action_plan(q: Questionnaire, findings: list[Finding], lang: str = "nl") -> list[PlanItem]:
    """One plan item per measure, however many findings call for it.

    Its priority is the most urgent of those findings, its term the shortest.
    """
    by_measure: dict[str, list[Finding]] = {}
    for f in findings:
        for m in f.measures:
            by_measure.setdefault(m, []).append(f)
    plan: list[PlanItem] = []
    for mid, fs in by_measure.items():
        m = q.measures[mid]
        terms = [q.terms[q.rules[f.rule].term or q.data.default_terms[f.priority]] for f in fs]
        term = min(terms, key=lambda t: t.days)
        plan.append(PlanItem(
            measure=mid, text=m.text.get(lang), owner=m.owner, provision=m.provision,
            priority=highest([f.priority for f in fs]),
            term=term.id, term_label=term.label.get(lang), term_days=term.days,
            rules=tuple(f.rule for f in fs),
            sections=tuple(dict.fromkeys(f.section for f in fs)),
            health=all(f.health for f in fs),
        ))
    plan.sort(key=lambda p: (_RANK[p.priority], p.term_days, p.measure))
    return plan
