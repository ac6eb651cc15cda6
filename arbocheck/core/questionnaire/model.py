"""The questionnaire format: pydantic models for `questionnaires/*.yaml`.

Content (questions, help, norms, thresholds, rules) is data; this module only
says what shape that data must have. Semantic checks that need the whole file
(unknown references, duplicate ids, placeholders) live in `qloader`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

LANGS = ("nl", "en")

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in every supported language. A missing language is an error."""

    nl: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


# --------------------------------------------------------------------------
# Conditions: structured data, never eval.

Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "in", "not_in",
             "contains", "not_contains", "answered", "not_answered"]


class Leaf(_Strict):
    """`{item, op, value}`; `item` names an item or a derived value.

    `ref` instead of `value` compares with another item or derived value.
    """

    item: Id
    op: Op
    value: Any = None
    ref: Id | None = None

    @model_validator(mode="after")
    def _operand(self) -> "Leaf":
        unary = self.op in ("answered", "not_answered")
        if unary and (self.value is not None or self.ref is not None):
            raise ValueError(f"operator '{self.op}' takes no value")
        if not unary and (self.value is None) == (self.ref is None):
            raise ValueError(f"operator '{self.op}' needs exactly one of 'value' or 'ref'")
        if self.op in ("in", "not_in") and self.value is not None and not isinstance(self.value, list):
            raise ValueError(f"operator '{self.op}' needs a list as value")
        return self


class All(_Strict):
    all: Annotated[list["Condition"], Field(min_length=1)]


class Any_(_Strict):
    any: Annotated[list["Condition"], Field(min_length=1)]


class Not(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    not_: "Condition" = Field(alias="not")


def _condition_kind(v: Any) -> str | None:
    if isinstance(v, BaseModel):
        return {Leaf: "leaf", All: "all", Any_: "any", Not: "not"}.get(type(v))
    if isinstance(v, dict):
        keys = set(v) & {"all", "any", "not"}
        if len(keys) == 1:
            return keys.pop()
        return "leaf" if not keys else None
    return None


Condition = Annotated[
    Union[Annotated[Leaf, Tag("leaf")], Annotated[All, Tag("all")],
          Annotated[Any_, Tag("any")], Annotated[Not, Tag("not")]],
    Discriminator(_condition_kind, custom_error_type="condition",
                  custom_error_message="a condition is {item, op, value} or one of all/any/not"),
]
All.model_rebuild()
Any_.model_rebuild()
Not.model_rebuild()


# --------------------------------------------------------------------------
# Norms, derived values, measures, terms.

NORM_STATUSES = ("law", "standard", "guidance", "sector", "rule_of_thumb", "research")


class Source(_Strict):
    """Where a norm comes from: a law article, an official page, a standard.

    `title` says in words what the document is (both languages); `reference` is the
    citation a reader can look up ("Arbobesluit art. 5.8, BWBR0008498"), left out where
    the title and the address say it all; `url`, when given, must lie on one of the
    questionnaire's `source_domains` (official sites only). A source needs a reference or a url.
    """

    title: Text
    reference: Annotated[str, Field(min_length=3, max_length=300)] | None = None
    url: Annotated[str, Field(pattern=r"^https://[^\s]+$", max_length=400)] | None = None

    @model_validator(mode="after")
    def _findable(self) -> "Source":
        if self.reference is None and self.url is None:
            raise ValueError("a source needs a reference or a url")
        return self


class Norm(_Strict):
    """A legal article, a standard, official guidance, a sector agreement or a rule of thumb.

    `status` is honest about what binds whom: `law` (statute, decree, regulation),
    `standard` (NEN/EN/ISO: voluntary unless a law refers to it), `guidance` (an
    official body's guidance or FAQ), `sector` (an arbocatalogus or sector agreement:
    binds only that sector), `rule_of_thumb` (a value derived here), `research`.
    `scope` names a scope (e.g. screen work from 2 h a day) outside which the norm does
    not apply: a rule that cites it must carry that scope.
    """

    id: Id
    title: Text
    status: Literal["law", "standard", "guidance", "sector", "rule_of_thumb", "research"]
    sources: Annotated[list[Source], Field(min_length=1)]
    scope: Id | None = None


class ScopeOutside(_Strict):
    """What a rule becomes outside its scope: a lower priority and the general norms that still apply."""

    priority: Literal["high", "medium", "low"]
    norms: Annotated[list[Id], Field(min_length=1)]


class Scope(_Strict):
    """Where a group of norms applies, e.g. the screen-work rules from 2 hours a day.

    A rule with this scope fires as written while `when` holds, in the `outside` form
    when it does not, and not at all while the items `when` reads are unanswered.
    """

    id: Id
    when: "Condition"
    label: Text
    outside: ScopeOutside
    note: Text
    """One sentence for the worker when they are outside the scope (shown once, not per finding)."""


class Check(_Strict):
    """An impossible or unlikely combination of answers: shown as "check this answer".

    `impossible` blocks signing until it is resolved; `unlikely` only asks to look again.
    """

    id: Id
    when: "Condition"
    items: Annotated[list[Id], Field(min_length=1)]
    severity: Literal["impossible", "unlikely"]
    message: Text


class HealthWords(_Strict):
    """Words that suggest health data in a remark meant for the employer (per language)."""

    nl: Annotated[list[Annotated[str, Field(min_length=2)]], Field(min_length=1)]
    en: Annotated[list[Annotated[str, Field(min_length=2)]], Field(min_length=1)]
    message: Text


class GlossaryTerms(_Strict):
    nl: Annotated[list[Annotated[str, Field(min_length=2)]], Field(min_length=1)]
    en: Annotated[list[Annotated[str, Field(min_length=2)]], Field(min_length=1)]

    def get(self, lang: str) -> list[str]:
        return self.en if lang == "en" else self.nl


class GlossaryEntry(_Strict):
    """A word a layperson may not know, explained once in plain words wherever it appears.

    `terms` lists the forms to look for per language (singular, plural); matching ignores case
    and needs a word boundary before the term."""

    id: Id
    terms: GlossaryTerms
    explanation: Text


class YearValue(_Strict):
    year: Annotated[int, Field(ge=2000, le=2100)]
    value: float
    checked: Literal["official", "secondary"] = "official"
    """`secondary`: read only on a secondary source so far; validation asks to confirm it."""


class Yearly(_Strict):
    """An amount that changes every year (e.g. the tax-free home-working allowance).

    Advice uses `{id}` (the value for the current year, else the latest known) and
    `{id_year}` (the year it holds for); validation warns once the latest year has passed.
    """

    id: Id
    label: Text
    unit: str
    values: Annotated[list[YearValue], Field(min_length=1)]
    norm: Id


class ListMember(_Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    since: _dt.date


class CountryList(_Strict):
    """A list of states with the date each joined (e.g. the telework framework agreement)."""

    id: Id
    label: Text
    as_of: _dt.date
    """The date the list was last checked against its source."""
    members: Annotated[list[ListMember], Field(min_length=1)]
    norm: Id


class Derived(_Strict):
    """A value computed by a named Python function from `arbocheck.core.questionnaire.derived`.

    `inputs` maps the function's parameters to item or derived ids; `params`
    holds constants (thresholds stay in the data, not in code).
    """

    id: Id
    function: Id
    inputs: dict[str, Id] = Field(default_factory=dict)
    params: dict[str, float | int | str] = Field(default_factory=dict)
    unit: str | Text | None = None
    label: Text
    report_section: Id | None = None
    """The section whose 'measured and recommended' table shows this value (None: not shown)."""


class Term(_Strict):
    id: Id
    days: Annotated[int, Field(ge=0, le=3650)]
    label: Text


class Measure(_Strict):
    """An action-plan measure (plan van aanpak)."""

    id: Id
    text: Text
    owner: Literal["employer", "worker", "both"]
    provision: bool = False
    """True when this is equipment the employer supplies (something to order)."""
    exemption: Literal["arbo"] | None = None
    """`arbo`: the employer may supply it tax-free as an arbo provision (Belastingdienst's
    conditions); None: no tax claim is made."""


# --------------------------------------------------------------------------
# Items.

class Option(_Strict):
    value: Annotated[str, Field(pattern=r"^[A-Za-z0-9_]+$", max_length=64)]
    label: Text
    exclusive: bool = False
    """A multiple-choice option that excludes all others (e.g. 'none')."""


class _ItemBase(_Strict):
    id: Id
    text: Text
    help: Text | None = None
    note: Text | None = None
    """Shown under the question at all times (not behind "Uitleg"): a warning the person must see."""
    norms: list[Id] = Field(default_factory=list)
    health: bool
    """Whether the answer is health data (AVG art. 9): never shown to the employer."""
    required: bool = False
    show_if: Condition | None = None


class YesNo(_ItemBase):
    type: Literal["yes_no"]
    default: bool | None = None


class SingleChoice(_ItemBase):
    type: Literal["single_choice"]
    options: Annotated[list[Option], Field(min_length=2)]
    default: str | None = None


class MultiChoice(_ItemBase):
    type: Literal["multi_choice"]
    options: Annotated[list[Option], Field(min_length=2)]
    default: list[str] | None = None


class Number(_ItemBase):
    type: Literal["number"]
    unit: str | Text
    """A symbol such as 'cm' stays as it is; a word is given in every language."""
    min: float
    max: float
    step: float = 1
    integer: bool = True
    default: float | None = None
    range_text: Text | None = None
    """What is usual, said to the person before they type ("Een bureau is meestal tussen {min} en
    {max} cm hoog"); `{min}` and `{max}` are filled from the bounds above."""

    @model_validator(mode="after")
    def _bounds(self) -> "Number":
        if self.min >= self.max:
            raise ValueError(f"min ({self.min:g}) must be below max ({self.max:g})")
        return self


class Hours(_ItemBase):
    """Hours per day (or per week, with `max` up to 168)."""

    type: Literal["hours"]
    unit: str | Text
    min: float = 0
    max: float = 24
    step: float = 0.5
    default: float | None = None
    range_text: Text | None = None
    """As for Number: what is usual, with `{min}` and `{max}` filled from the bounds."""


class Scale(_ItemBase):
    type: Literal["scale"]
    min: int = 1
    max: int = 5
    low_label: Text
    high_label: Text
    default: int | None = None

    @model_validator(mode="after")
    def _bounds(self) -> "Scale":
        if self.min >= self.max:
            raise ValueError("scale min must be below max")
        return self


class FreeText(_ItemBase):
    type: Literal["text"]
    max_length: Annotated[int, Field(ge=1, le=10000)] = 2000
    multiline: bool = True
    default: str | None = None
    check_health_words: bool = False
    """Warn when the text holds words that suggest health data (the questionnaire's `health_words`)."""
    move_to: Id | None = None
    """The confidential item the wizard offers to move such text to."""


class Country(_ItemBase):
    """An ISO 3166-1 alpha-2 country code; `options` are the ones shown first."""

    type: Literal["country"]
    options: list[Option] = Field(default_factory=list)
    default: str | None = None


def unit_text(item: Any, lang: str) -> str:
    """The unit of a number or hours item in a language ('' for other items)."""
    unit = getattr(item, "unit", None)
    if unit is None:
        return ""
    return unit if isinstance(unit, str) else unit.get(lang)


ITEM_TYPES = ("yes_no", "single_choice", "multi_choice", "number", "hours", "scale", "text", "country")

Item = Annotated[
    Union[YesNo, SingleChoice, MultiChoice, Number, Hours, Scale, FreeText, Country],
    Field(discriminator="type"),
]


class Section(_Strict):
    id: Id
    title: Text
    rie_topic: Text | None = None
    """The topic of the employer's RI&E this section belongs to, as an RI&E names it (several sections
    may share one); absent for sections no RI&E topic rests on (the profile, what the worker has)."""
    intro: Text | None = None
    photo_prompt: Text | None = None
    """Which photo helps here; absent when photos add nothing (e.g. workload)."""
    diagram: Literal["side_view"] | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class MeasureWhen(_Strict):
    """A measure that a finding asks for only while `when` holds (e.g. a keyboard only when it is missing)."""

    measure: Id
    when: Condition


class AdviceIf(_Strict):
    """A sentence added to a finding's advice while `when` holds."""

    when: Condition
    text: Text


class Rule(_Strict):
    """Answers → a finding, with personal advice and action-plan measures.

    `{name}` placeholders in `advice` are filled with the worker's own answers
    and derived values. One finding per problem: conditional `measures` and
    `advice_if` sentences let one rule name only what is missing.
    """

    id: Id
    item: Id
    """The item the finding is about (shown beside it in the wizard)."""
    also: list[Id] = Field(default_factory=list)
    """Other items the finding speaks about: shown there too, so no "all right" contradicts it."""
    when: Condition
    priority: Literal["high", "medium", "low"]
    owner: Literal["employer", "worker", "both"]
    title: Text
    advice: Text
    advice_if: list[AdviceIf] = Field(default_factory=list)
    measures: list[Union[Id, MeasureWhen]] = Field(default_factory=list)
    term: Id | None = None
    norms: Annotated[list[Id], Field(min_length=1)]
    scope: Id | None = None
    """A scope (e.g. screen work from 2 h a day): outside it the rule fires in the scope's `outside` form."""
    outside: Literal["tip", "skip"] = "tip"
    """Outside its scope: `tip` (the general duty of care still asks for it, at low priority) or
    `skip` (it rests on the scope's rules alone, e.g. the right to an eye test)."""
    rank: Annotated[int, Field(ge=1, le=9)] = 5
    """Within a priority, what helps most comes first (1 first); ties go by section order."""
    health: bool = False
    """Forced on when the rule reads a health item."""

    def measure_ids(self) -> list[str]:
        return [m if isinstance(m, str) else m.measure for m in self.measures]


class InstructionTopic(_Strict):
    """One short topic of the worker's instruction (Arbowet art. 8): how to set the chair, light the room.

    `text` is always shown. `own` is a sentence with `{name}` placeholders (the worker's own numbers,
    as in a rule's advice), shown only once every value it names is known; `norms` only where the text
    names a norm."""

    id: Id
    title: Text
    text: Text
    own: Text | None = None
    norms: list[Id] = Field(default_factory=list)


class Instruction(_Strict):
    """Voorlichting en onderricht (Arbowet art. 8): a short instruction the worker confirms having read.

    `version` goes with the confirmation into the report; raise it when the text changes in substance.
    The wizard shows it after the section `after_section`, with the side view once the worker's numbers
    are known."""

    version: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)*$", max_length=20)]
    title: Text
    intro: Text
    norm: Id
    after_section: Id
    topics: Annotated[list[InstructionTopic], Field(min_length=1, max_length=20)]


REVIEW_STATUSES = ("advice_given", "home_visit_needed", "refer_to_physician", "resolved")

PARAMETERS = {
    # name: what the code does with it. A questionnaire sets the value (`parameters:`), not the code.
    "desk_tolerance_cm": "the side view (diagram: side_view) calls a desk right for the worker's height when it "
                         "is at most this many cm above or below the rule of thumb",
}
PARAMETER_NEEDED_BY = {"desk_tolerance_cm": "side_view"}
"""A parameter a questionnaire must set once one of its sections shows this diagram."""


class ReviewStatus(_Strict):
    """An arbo expert's verdict on a flagged item, with the text their advice starts from."""

    id: Literal["advice_given", "home_visit_needed", "refer_to_physician", "resolved"]
    label: Text
    template: Text


class RecheckTrigger(_Strict):
    """A change after which the worker does the check again before the interval ends."""

    id: Id
    text: Text


class Recheck(_Strict):
    """When the check is due again: the interval a campaign uses when it names none, and the changes
    that call for an earlier check (the worker's calendar entry and the finished dialog list them)."""

    interval_months: Annotated[int, Field(ge=1, le=36)] = 12
    intro: Text
    triggers: Annotated[list[RecheckTrigger], Field(min_length=1)]


class QuestionnaireData(_Strict):
    id: Id
    version: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)*$")]
    title: Text
    intro: Text
    default_terms: dict[Literal["high", "medium", "low"], Id]
    terms: Annotated[list[Term], Field(min_length=1)]
    source_domains: Annotated[list[Annotated[str, Field(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]],
                              Field(min_length=1)]
    """The official web domains a norm's source may link to (a subdomain counts)."""
    norms: Annotated[list[Norm], Field(min_length=1)]
    scopes: list[Scope] = Field(default_factory=list)
    yearly: list[Yearly] = Field(default_factory=list)
    lists: list[CountryList] = Field(default_factory=list)
    derived: list[Derived] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    sections: Annotated[list[Section], Field(min_length=1)]
    rules: list[Rule] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    health_words: HealthWords | None = None
    recheck: Recheck | None = None
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    review_statuses: list[ReviewStatus] = Field(default_factory=list)
    instruction: Instruction | None = None
    """The instruction the worker confirms (Arbowet art. 8); None: the wizard shows none."""
    parameters: dict[Id, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    """Numbers the code reads by name (PARAMETERS), set here by the content editor, not in code."""

    @field_validator("default_terms")
    @classmethod
    def _all_priorities(cls, v: dict) -> dict:
        missing = {"high", "medium", "low"} - set(v)
        if missing:
            raise ValueError(f"default_terms lacks {', '.join(sorted(missing))}")
        return v
