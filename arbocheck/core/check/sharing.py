"""Who gets what: the employer's allowlist of workplace facts versus the sealed
part only the arbo expert can read (DESIGN.md §4.1).

Everything that is, or is computed from, a health item goes to the expert side;
the employer side is built only from what is explicitly not health data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from arbocheck.core.check.answers import effective, with_derived
from arbocheck.core.check.draft_photos import PhotoRef, refs
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.check.rules import Evaluation, Finding, PlanItem, action_plan, evaluate


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


# ---------------------------------------------------------------------------
# Who sees what, in words: computed from the same `health` flags that `split` uses,
# so a statement cannot promise what the split does not do.

AUDIENCES = ("employer", "expert", "personal")


def audience(q: Questionnaire, item_id: str, sealed: bool) -> str:
    """Where an answer goes: `employer` (the signed report), `expert` (the sealed part, for the
    bedrijfsarts or arbodienst) or `personal` (the worker's own copy only: no expert key is known)."""
    if not q.items[item_id].health:
        return "employer"
    return "expert" if sealed else "personal"


def section_audiences(q: Questionnaire, section_id: str, sealed: bool) -> set[str]:
    return {audience(q, it.id, sealed) for it in q.sections[section_id].items}


def section_statement(q: Questionnaire, section_id: str, sealed: bool, lang: str) -> str:
    """One sentence on where the answers of a wizard page go, e.g. "Je werkgever ziet je antwoorden
    op deze pagina, behalve bij de vragen gemarkeerd als vertrouwelijk: ..."."""
    from arbocheck.core.common.i18n import t

    groups = section_audiences(q, section_id, sealed)
    if groups == {"employer"}:
        return t("share.section.employer", lang)
    only = groups - {"employer"}
    key = "expert" if "expert" in only else "personal"
    if "employer" in groups:
        return t(f"share.section.mixed_{key}", lang)
    return t(f"share.section.all_{key}", lang)


def item_statement(q: Questionnaire, item_id: str, sealed: bool, lang: str) -> str | None:
    """The mark beside a confidential question ("Vertrouwelijk: alleen voor de bedrijfsarts of
    arbodienst"); None for an answer that goes to the employer (the page's sentence says so)."""
    from arbocheck.core.common.i18n import t

    from arbocheck.core.questionnaire.model import FreeText

    where = audience(q, item_id, sealed)
    if where == "employer":
        # Free text is where people write what they should not: say who reads it, right there.
        return t("share.item.employer_text", lang) if isinstance(q.items[item_id], FreeText) else None
    return t(f"share.item.{where}", lang)
