"""The questionnaire format: pydantic models for `questionnaires/*.yaml`.

Content (questions, help, norms, thresholds, rules) is data; this module only
says what shape that data must have. Semantic checks that need the whole file
(unknown references, duplicate ids, placeholders) live in `qloader`.
"""

from __future__ import annotations

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

class Norm(_Strict):
    """A legal article, a standard or a guidance value, with its public source.

    `status: guidance` marks values NORMS.md calls unverified or derived: they
    are shown as guidance ("richtlijn"), never as law.
    """

    id: Id
    title: Text
    source: Annotated[str, Field(min_length=3)]
    status: Literal["law", "standard", "guidance"]
    url: str | None = None


class Derived(_Strict):
    """A value computed by a named Python function from `arbocheck.core.derived`.

    `inputs` maps the function's parameters to item or derived ids; `params`
    holds constants (thresholds stay in the data, not in code).
    """

    id: Id
    function: Id
    inputs: dict[str, Id] = Field(default_factory=dict)
    params: dict[str, float | int | str] = Field(default_factory=dict)
    unit: str | None = None
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
    """True when this is an arbo provision the employer may supply tax-free."""


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
    intro: Text | None = None
    photo_prompt: Text | None = None
    """Which photo helps here; absent when photos add nothing (e.g. workload)."""
    diagram: Literal["side_view"] | None = None
    items: Annotated[list[Item], Field(min_length=1)]


class Rule(_Strict):
    """Answers → a finding, with personal advice and action-plan measures.

    `{name}` placeholders in `advice` are filled with the worker's own answers
    and derived values.
    """

    id: Id
    item: Id
    """The item the finding is about (shown beside it in the wizard)."""
    when: Condition
    priority: Literal["high", "medium", "low"]
    owner: Literal["employer", "worker", "both"]
    title: Text
    advice: Text
    measures: list[Id] = Field(default_factory=list)
    term: Id | None = None
    norms: Annotated[list[Id], Field(min_length=1)]
    health: bool = False
    """Forced on when the rule reads a health item."""


REVIEW_STATUSES = ("advice_given", "home_visit_needed", "refer_to_physician", "resolved")


class ReviewStatus(_Strict):
    """An arbo expert's verdict on a flagged item, with the text their advice starts from."""

    id: Literal["advice_given", "home_visit_needed", "refer_to_physician", "resolved"]
    label: Text
    template: Text


class QuestionnaireData(_Strict):
    id: Id
    version: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)*$")]
    title: Text
    intro: Text
    default_terms: dict[Literal["high", "medium", "low"], Id]
    terms: Annotated[list[Term], Field(min_length=1)]
    norms: Annotated[list[Norm], Field(min_length=1)]
    derived: list[Derived] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    sections: Annotated[list[Section], Field(min_length=1)]
    rules: list[Rule] = Field(default_factory=list)
    review_statuses: list[ReviewStatus] = Field(default_factory=list)

    @field_validator("default_terms")
    @classmethod
    def _all_priorities(cls, v: dict) -> dict:
        missing = {"high", "medium", "low"} - set(v)
        if missing:
            raise ValueError(f"default_terms lacks {', '.join(sorted(missing))}")
        return v
