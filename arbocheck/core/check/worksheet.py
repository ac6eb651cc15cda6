"""The state of one worker's check while they answer it: answers, visibility,
findings per item, progress per section. The wizard is a thin view over this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from arbocheck.core.check import answers as answers_mod
from arbocheck.core.questionnaire.conditions import holds
from arbocheck.core.questionnaire.loader import Questionnaire, bad_value
from arbocheck.core.check.rules import Evaluation, Finding, evaluate, highest


@dataclass(frozen=True)
class SectionState:
    answered: int
    visible: int
    missing_required: tuple[str, ...]
    worst: str | None
    """The most urgent priority among this section's findings, None when there are none."""

    @property
    def complete(self) -> bool:
        return not self.missing_required and self.answered > 0


class Worksheet:
    def __init__(self, q: Questionnaire, answers: dict[str, Any] | None = None,
                 meta: dict[str, Any] | None = None):
        self.q = q
        self.answers: dict[str, Any] = {}
        self.meta: dict[str, Any] = dict(meta or {})
        for k, v in (answers or {}).items():
            if k in q.items and v is not None and bad_value(q.items[k], v) is None:
                self.answers[k] = v
        self._values: dict[str, Any] | None = None
        self._evals: dict[str, Evaluation] = {}

    @classmethod
    def from_doc(cls, q: Questionnaire, doc: answers_mod.AnswersDoc) -> "Worksheet":
        return cls(q, doc.answers, doc.meta)

    def to_doc(self) -> answers_mod.AnswersDoc:
        return answers_mod.AnswersDoc(self.q.id, self.q.version, dict(self.answers), dict(self.meta))

    # -- answers -----------------------------------------------------------

    def set(self, item_id: str, value: Any) -> bool:
        """Set (or with None/''/[] clear) an answer. Returns whether anything changed.

        Raises AnswersError (a ValueError) with a plain reason for a value the item cannot take.
        """
        it = self.q.items[item_id]
        if value in ("", []) or value is None:
            changed = self.answers.pop(item_id, None) is not None
        else:
            reason = bad_value(it, value)
            if reason:
                raise answers_mod.AnswersError([reason])
            changed = self.answers.get(item_id) != value
            self.answers[item_id] = value
        if changed:
            self._values = None
            self._evals.clear()
        return changed

    def get(self, item_id: str) -> Any:
        return self.answers.get(item_id)

    @property
    def values(self) -> dict[str, Any]:
        """Effective answers (defaults, hidden items removed) plus derived values."""
        if self._values is None:
            self._values = answers_mod.with_derived(self.q, answers_mod.effective(self.q, self.answers))
        return self._values

    def visible(self, item_id: str) -> bool:
        return holds(self.q.items[item_id].show_if, self.values)

    def visible_items(self, section_id: str) -> list:
        return [it for it in self.q.sections[section_id].items if self.visible(it.id)]

    # -- judgement ---------------------------------------------------------

    def evaluation(self, lang: str = "nl") -> Evaluation:
        if lang not in self._evals:
            self._evals[lang] = evaluate(self.q, self.answers, lang)
        return self._evals[lang]

    def findings_for(self, item_id: str, lang: str = "nl") -> list[Finding]:
        """Findings about this item, also those that speak about it from another item (`also`),
        so that no "all right" stands beside advice that changes this answer."""
        return [f for f in self.evaluation(lang).findings if f.concerns(item_id)]

    def warnings_for(self, item_id: str, lang: str = "nl") -> list:
        """'Check this answer' warnings, shown once: under the first of their items on this item's page."""
        section = self.q.section_of[item_id]
        out = []
        for w in self.evaluation(lang).warnings:
            on_page = [i for i in w.items if self.q.section_of.get(i) == section and self.visible(i)]
            if on_page and on_page[0] == item_id:
                out.append(w)
        return out

    def section_state(self, section_id: str) -> SectionState:
        vis = self.visible_items(section_id)
        answered = sum(1 for it in vis if it.id in self.answers)
        missing = tuple(it.id for it in vis if it.required and it.id not in self.values)
        prios = [f.priority for f in self.evaluation().findings if f.section == section_id]
        return SectionState(answered, len(vis), missing, highest(prios) if prios else None)

    def missing_required(self) -> list[str]:
        return self.evaluation().missing
