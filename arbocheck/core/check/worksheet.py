"""The state of one worker's check while they answer it: answers, visibility,
findings per item, progress per section. The wizard is a thin view over this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from arbocheck.core.check import answers as answers_mod
from arbocheck.core.questionnaire.conditions import holds
from arbocheck.core.questionnaire.loader import Questionnaire, bad_value
from arbocheck.core.check.rules import Evaluation, Finding, evaluate, highest, open_items, rule_inputs


@dataclass(frozen=True)
class SectionState:
    answered: int
    visible: int
    missing_required: tuple[str, ...]
    worst: str | None
    """The most urgent priority among this section's findings, None when there are none."""

    @property
    def complete(self) -> bool:
        """Every question the section shows is answered (hidden ones do not count)."""
        return not self.missing_required and self.answered >= self.visible

    @property
    def started(self) -> bool:
        return self.answered > 0


SECONDS_PER_QUESTION = 15
"""A rough pace for the time left: most questions are a click, a few ask to measure something."""


@dataclass(frozen=True)
class Progress:
    """The whole check: questions answered of those shown, and a rough time left."""

    answered: int
    shown: int

    @property
    def percent(self) -> int:
        return 100 if not self.shown else round(100 * self.answered / self.shown)

    @property
    def minutes_left(self) -> int:
        left = max(0, self.shown - self.answered) * SECONDS_PER_QUESTION
        return -(-left // 60)


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
        self._open: frozenset[str] | None = None
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
            self._open = None
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
        """The answers judged as they stand: what the report will say (review and sign pages)."""
        if lang not in self._evals:
            self._evals[lang] = evaluate(self.q, self.answers, lang)
        return self._evals[lang]

    def live(self, lang: str = "nl") -> Evaluation:
        """The answers judged while the person is still answering: a rule whose inputs are not all
        known yet gives no finding (rules.evaluate, wait=True). What the question pages show."""
        key = "live:" + lang
        if key not in self._evals:
            self._evals[key] = evaluate(self.q, self.answers, lang, wait=True)
        return self._evals[key]

    def findings_for(self, item_id: str, lang: str = "nl") -> list[Finding]:
        """Findings about this item, also those that speak about it from another item (`also`),
        so that no "all right" stands beside advice that changes this answer."""
        return [f for f in self.live(lang).findings if f.concerns(item_id)]

    def rules_about(self, item_id: str) -> list[str]:
        return [r.id for r in self.q.data.rules if r.item == item_id or item_id in r.also]

    def verdict(self, item_id: str, lang: str = "nl") -> str | None:
        """What the question page may say beside an item: `findings`, `unknown` (a rule about it still
        waits for an answer it reads, or the item itself is open), `ok` (every rule about it has all
        its inputs and none fires) or None (no rule is about this item)."""
        rules = self.rules_about(item_id)
        if not rules:
            return None
        if self.findings_for(item_id, lang):
            return "findings"
        if item_id not in self.values:
            return "unknown"
        live = self.live(lang)
        open_ = self.open_items()
        skipped = set(live.outside_scopes)
        for rid in rules:
            rule = self.q.rules[rid]
            if rule.scope in skipped and rule.outside == "skip":
                continue  # does not apply to this worker at all
            if rid in live.pending or rule_inputs(self.q, rule) & open_:
                return "unknown"
        return "ok"

    def open_items(self) -> frozenset[str]:
        """Questions shown but not answered yet (and the derived values that wait for them)."""
        if self._open is None:
            self._open = open_items(self.q, answers_mod.effective(self.q, self.answers), self.values)
        return self._open

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
        # A question with a default counts as answered: the field shows the default and the report uses it.
        answered = sum(1 for it in vis if it.id in self.answers or getattr(it, "default", None) is not None)
        missing = tuple(it.id for it in vis if it.required and it.id not in self.values)
        prios = [f.priority for f in self.live().findings if f.section == section_id]
        return SectionState(answered, len(vis), missing, highest(prios) if prios else None)

    def progress(self) -> Progress:
        states = [self.section_state(sec.id) for sec in self.q.data.sections]
        return Progress(sum(st.answered for st in states), sum(st.visible for st in states))

    def missing_required(self) -> list[str]:
        return self.evaluation().missing
