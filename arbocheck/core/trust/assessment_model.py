"""`assessment.json` as one strict, typed model: what a signed report may carry, and nothing else.

Every file is hostile until it passes here (DESIGN.md §4.5). `loads` checks the raw bytes
before any parser sees them (size, nesting depth), parses with no NaN/Infinity, no
duplicate keys and no oversized numbers, refuses text that is not valid Unicode (a lone
surrogate), and then validates the result against `Assessment`: exact types (a revision
is a whole number, never "abc" or 1.0 or true), bounded lengths and counts (an employee
id of at most 64 characters, at most a few hundred findings), ranges and id patterns.
A file that does not fit is refused with a key of reasons.py, never with a traceback.

The limits are far above what arbocheck writes (thuiswerkplek 1.0: ~66 items, 61 rules,
29 measures; a report's assessment.json is 2-40 KB) and far below what could hurt the
importer. Findings and plan items may carry extra keys of bounded JSON (a newer rule
engine may add one), because claims.py compares them in full with what it recomputes;
everywhere else an unknown key is refused.

Read assessment.json through `loads` wherever it comes from a file.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints,
                      ValidationError)

from arbocheck.core.common.reasons import Refusal

FORMAT = "arbocheck-assessment"
MAX_BYTES = 256 * 1024  # the largest genuine assessment.json is ~40 KB
MAX_DEPTH = 12  # a genuine one nests 5 deep (report → findings → finding → norms → norm)
MAX_FINDINGS = 300
MAX_PLAN = 300
MAX_ANSWERS = 500
MAX_PHOTOS = 100
MAX_LIST = 64  # options chosen for one item; measures, norms, rules of one finding
MAX_ID = 64
MAX_TEXT = 10_000  # the longest free text a questionnaire may allow (qmodel.FreeText.max_length)
MAX_NUMBER = 10 ** 9
MAX_SEALED_BYTES = 48 * 1024 * 1024  # verify.MAX_ATTACHMENT["confidential.age"]
_DIGITS = 19  # longer numbers are refused while parsing (a 2^70 integer, 10^5000)


class InvalidAssessment(Refusal):
    """assessment.json does not fit the model; the key (reasons.py) says how."""


def _no_controls(s: str) -> str:
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in s):
        raise ValueError("control character")
    return s


def _iso_time(s: str) -> str:
    _dt.datetime.fromisoformat(s)  # ValueError when it is not a date and time
    return s


def _iso_date(s: str) -> str:
    _dt.date.fromisoformat(s)  # ValueError when it is no real date
    return s


Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=MAX_ID)]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=MAX_ID)]
Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Line = Annotated[str, StringConstraints(max_length=500)]
Para = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Name = Annotated[str, StringConstraints(max_length=200)]
Int = Annotated[StrictInt, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Float = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False, strict=True)]
Scalar = Union[StrictBool, Int, Float, Para]
Answer = Union[Scalar, Annotated[list[Annotated[str, StringConstraints(max_length=MAX_ID)]],
                                 Field(max_length=MAX_LIST)]]
Priority = Literal["high", "medium", "low"]
Owner = Literal["employer", "worker", "both"]
SmallJson = Union[None, Scalar, Annotated[list[Union[None, Scalar]], Field(max_length=MAX_LIST)]]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class _Open(BaseModel):
    """Known keys typed; further keys allowed as small JSON (claims.py compares them exactly)."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    __pydantic_extra__: dict[str, SmallJson] = Field(init=False)


class QuestionnaireRef(_Model):
    id: Ident
    version: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$")]
    sha256: Hex64


class Signer(_Model):
    name: Name
    fingerprint: Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{4}( [0-9A-F]{4}){15}$")]


class NormSource(_Model):
    title: Line
    reference: Annotated[str, StringConstraints(max_length=300)] | None
    url: Annotated[str, StringConstraints(max_length=400, pattern=r"^https://")] | None


class NormRef(_Model):
    id: Annotated[str, StringConstraints(max_length=MAX_ID)]
    title: Line
    source: Annotated[str, StringConstraints(max_length=2000)]
    status: Annotated[str, StringConstraints(max_length=32)]
    sources: Annotated[list[NormSource], Field(max_length=8)]


class Finding(_Open):
    rule: Ident
    item: Ident
    section: Ident
    priority: Priority
    owner: Owner
    title: Line
    advice: Para
    measures: Annotated[list[Ident], Field(max_length=MAX_LIST)]
    norms: Annotated[list[NormRef], Field(max_length=MAX_LIST)]
    also: Annotated[list[Ident], Field(max_length=MAX_LIST)]
    outside_scope: Ident | None


class PlanItem(_Open):
    measure: Ident
    text: Line
    owner: Owner
    provision: StrictBool
    exemption: Literal["arbo"] | None
    priority: Priority
    term: Ident
    term_label: Line
    term_days: Annotated[StrictInt, Field(ge=0, le=3650)]
    rules: Annotated[list[Ident], Field(max_length=MAX_LIST)]
    sections: Annotated[list[Ident], Field(max_length=MAX_LIST)]
    health: Literal[False]


class Photo(_Model):
    sha256: Key
    section: Ident
    caption: Line
    figure: Annotated[StrictInt, Field(ge=1, le=MAX_PHOTOS)] | None


class Counts(_Model):
    high: Annotated[StrictInt, Field(ge=0, le=MAX_FINDINGS)]
    medium: Annotated[StrictInt, Field(ge=0, le=MAX_FINDINGS)]
    low: Annotated[StrictInt, Field(ge=0, le=MAX_FINDINGS)]


class Confidential(_Model):
    sealed: StrictBool
    recipient_fingerprint: Annotated[str, StringConstraints(max_length=100)] | None


class InstructionRead(_Model):
    """The worker confirmed reading the instruction (Arbowet art. 8): on this date, this version."""

    date: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_iso_date)]
    version: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$")]


class Assessment(_Model):
    """What assessment.build writes, typed and bounded."""

    format: Literal["arbocheck-assessment"]
    format_version: Literal[1]
    report_id: Key
    revision: Annotated[StrictInt, Field(ge=1, le=1_000_000)]
    created_at: Annotated[str, StringConstraints(max_length=40), AfterValidator(_iso_time)]
    lang: Literal["nl", "en"]
    questionnaire: QuestionnaireRef
    organisation: Name | None
    campaign_id: Key | None
    employee_id: Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_no_controls)] | None
    enrolment_proof: Hex64 | None
    signer: Signer
    profile: Annotated[dict[Ident, Answer], Field(max_length=MAX_ANSWERS)]
    answers: Annotated[dict[Ident, Answer], Field(max_length=MAX_ANSWERS)]
    derived: Annotated[dict[Ident, Union[None, Scalar]], Field(max_length=MAX_ANSWERS)]
    counts: Counts
    findings: Annotated[list[Finding], Field(max_length=MAX_FINDINGS)]
    action_plan: Annotated[list[PlanItem], Field(max_length=MAX_PLAN)]
    photos: Annotated[list[Photo], Field(max_length=MAX_PHOTOS)]
    confidential: Confidential
    instruction: InstructionRead | None = None
    """Absent in reports made before the instruction existed, and when the worker did not confirm it."""


class SealedPlanItem(PlanItem):
    health: StrictBool


class SealedPhoto(_Model):
    sha256: Key
    section: Ident
    caption: Line
    jpeg_base64: Annotated[str, StringConstraints(max_length=MAX_SEALED_BYTES)]


class SealedPart(_Model):
    """What the sealed part (confidential.age) holds once the expert has opened it: the health
    answers, findings and measures, and the expert-only photos (report/assessment.py writes it)."""

    format: Literal["arbocheck-confidential"]
    format_version: Literal[1]
    report_id: Key
    answers: Annotated[dict[Ident, Answer], Field(max_length=MAX_ANSWERS)]
    findings: Annotated[list[Finding], Field(max_length=MAX_FINDINGS)]
    action_plan: Annotated[list[SealedPlanItem], Field(max_length=MAX_PLAN)]
    photos: Annotated[list[SealedPhoto], Field(max_length=MAX_PHOTOS)]


# -- reading -----------------------------------------------------------------------------

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(rb"[\[\]{}]")


def depth(raw: bytes) -> int:
    """How deep arrays and objects nest in JSON text, counted on the bytes without parsing."""
    deepest = level = 0
    for b in _BRACKETS.findall(_STRINGS.sub(b"", raw)):
        if b in (b"[", b"{"):
            level += 1
            deepest = max(deepest, level)
        else:
            level -= 1
    return deepest


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _number(text: str, kind=int) -> Any:
    if len(text) > _DIGITS + 8:
        raise ValueError("number too long")
    return kind(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a key appears twice")
    return out


def parse_json(raw: bytes, name: str, max_bytes: int, max_depth: int = MAX_DEPTH) -> Any:
    """Bounded JSON: size and depth checked on the bytes first; no NaN, no duplicate keys, no
    huge numbers, valid UTF-8 and Unicode (no lone surrogates). Raises InvalidAssessment."""
    if len(raw) > max_bytes:
        raise InvalidAssessment("assessment.too_large", name=name, kb=max_bytes // 1024)
    if depth(raw) > max_depth:
        raise InvalidAssessment("assessment.too_deep", name=name, n=max_depth)
    try:
        obj = json.loads(raw.decode("utf-8"), parse_constant=_constant, parse_int=_number,
                         parse_float=lambda s: _number(s, float), object_pairs_hook=_pairs)
        if b"\\u" in raw:  # only an escape can make a lone surrogate from valid UTF-8: it cannot be encoded
            json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeError, RecursionError) as e:
        raise InvalidAssessment("bad_json", name=name) from e
    return obj


_PROBLEMS = {"missing": "missing", "extra_forbidden": "extra", "string_too_long": "too_long",
             "string_too_short": "too_short", "too_long": "too_many", "too_short": "too_short",
             "greater_than": "range", "greater_than_equal": "range", "less_than": "range", "less_than_equal": "range",
             "finite_number": "range", "string_pattern_mismatch": "value", "literal_error": "value",
             "value_error": "value"}


def _problem(err: dict) -> str:
    return _PROBLEMS.get(err["type"], "type")


def _where(loc: tuple) -> str:
    # Union members show up as extra steps of the location ("answers.x.bool"): leave them out.
    parts = [str(p) for p in loc if not (isinstance(p, str) and (p in ("bool", "int", "float", "str", "list", "none",
                                                                       "[key]")
                                                                 or p.startswith(("constrained-", "function-"))))]
    from arbocheck.core.common.shown import shown

    return shown(".".join(parts) or "(top)", limit=80)


def validate(obj: Any, name: str = "assessment.json") -> Assessment:
    """The model of a parsed assessment.json. Raises InvalidAssessment naming the first problem."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise InvalidAssessment("not_arbocheck", name=name, kind="assessment")
    try:
        return Assessment.model_validate(obj)
    except ValidationError as e:
        errors = e.errors(include_url=False, include_input=False)
        # The most telling error of a union is not "wrong type" for each member tried.
        first = next((x for x in errors if x["type"] not in ("bool_type", "int_type", "float_type", "string_type",
                                                            "list_type", "none_required")), errors[0])
        raise InvalidAssessment("assessment.field", name=name, field=_where(tuple(first["loc"])),
                                problem=Refusal("assessment.problem." + _problem(first))) from None


def load(raw: bytes, name: str = "assessment.json") -> tuple[dict[str, Any], Assessment]:
    """assessment.json bytes → (the document as plain JSON data, its typed model). The data is
    what claims.py recomputes and the register stores; code that reads a field reads the model.
    Raises InvalidAssessment."""
    obj = parse_json(raw, name, MAX_BYTES)
    return obj, validate(obj, name)


def loads(raw: bytes, name: str = "assessment.json") -> dict[str, Any]:
    """assessment.json bytes → the checked document as plain JSON data. Raises InvalidAssessment."""
    return load(raw, name)[0]


def load_sealed(raw: bytes, name: str = "confidential.age") -> SealedPart:
    """The opened sealed part → its typed model. A worker's own program writes it, so it is as
    untrusted as assessment.json and gets the same bounded parsing. Raises InvalidAssessment."""
    obj = parse_json(raw, name, MAX_SEALED_BYTES)
    if not isinstance(obj, dict) or obj.get("format") != "arbocheck-confidential":
        raise InvalidAssessment("not_arbocheck", name=name, kind="assessment")
    try:
        return SealedPart.model_validate(obj)
    except ValidationError as e:
        first = e.errors(include_url=False, include_input=False)[0]
        raise InvalidAssessment("assessment.field", name=name, field=_where(tuple(first["loc"])),
                                problem=Refusal("assessment.problem." + _problem(first))) from None
