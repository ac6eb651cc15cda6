"""Who gets what: the employer's allowlist of workplace facts versus the sealed
part only the arbo expert can read (DESIGN.md §4.1).

Everything that is, or is computed from, a health item goes to the expert side;
the employer side is built only from what is explicitly not health data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .answers import effective, with_derived
from .draft_photos import PhotoRef, refs
from .qloader import Questionnaire
from .rules import Evaluation, Finding, PlanItem, action_plan, evaluate


@dataclass
class Split:
    employer_answers: dict[str, Any]
    employer_derived: dict[str, Any]
    expert_answers: dict[str, Any]
    employer_findings: list[Finding]
    expert_findings: list[Finding]
    employer_plan: list[PlanItem]
    expert_plan: list[PlanItem]
    employer_photos: list[PhotoRef]
    expert_photos: list[PhotoRef]
    evaluation: Evaluation


def split(q: Questionnaire, answers: dict[str, Any], meta: dict[str, Any] | None = None,
          lang: str = "nl") -> Split:
    eff = effective(q, answers)
    values = with_derived(q, eff)
    health = q.health_items()
    ev = evaluate(q, answers, lang)
    photos = refs(meta or {})
    employer_findings = [f for f in ev.findings if not f.health]
    expert_findings = [f for f in ev.findings if f.health]
    return Split(
        employer_answers={k: v for k, v in eff.items() if k not in health},
        employer_derived={k: values[k] for k in q.derived_order if k in values and not q.reads_health([k])},
        expert_answers={k: v for k, v in eff.items() if k in health},
        employer_findings=employer_findings,
        expert_findings=expert_findings,
        # Each side's plan is built from its own findings only, so a measure that a
        # health finding also asks for shows no trace of it (rule ids, priority, term).
        employer_plan=action_plan(q, employer_findings, lang),
        expert_plan=action_plan(q, expert_findings, lang),
        employer_photos=[p for p in photos if not p.expert_only],
        expert_photos=[p for p in photos if p.expert_only],
        evaluation=ev,
    )
