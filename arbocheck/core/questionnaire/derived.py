"""Derived values: small named functions that the questionnaire refers to by name.

The YAML says which answers go in (`inputs`) and which constants apply
(`params`), so thresholds and ratios stay content. A function returns None when
it cannot say anything (an input is missing or out of range).
"""

from __future__ import annotations

import inspect
from typing import Callable

FUNCTIONS: dict[str, Callable] = {}


def derived_function(fn: Callable) -> Callable:
    FUNCTIONS[fn.__name__] = fn
    return fn


_PARAMETERS: dict[Callable, tuple[frozenset[str], frozenset[str]]] = {}


def parameters(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(required, optional) parameter names of a registered function (looked up once: the
    importer recomputes every report's derived values, and inspect.signature is slow)."""
    fn = FUNCTIONS[name]
    if fn not in _PARAMETERS:
        sig = inspect.signature(fn)
        required = frozenset(p for p, v in sig.parameters.items() if v.default is inspect.Parameter.empty)
        _PARAMETERS[fn] = (required, frozenset(sig.parameters) - required)
    return _PARAMETERS[fn]


def _round(x: float) -> int:
    """Round half up (45.5 → 46), as a person would, not to the even neighbour."""
    import math

    return math.floor(x + 0.5)


def _stature(body_height_cm: float | None) -> float | None:
    """A body height the anthropometric ratios can be applied to (None outside 100–250 cm)."""
    if not body_height_cm or not 100 <= body_height_cm <= 250:
        return None
    return float(body_height_cm)


@derived_function
def seat_height_from_stature(body_height_cm: float, popliteal_ratio: float = 0.25, shoe_cm: float = 3) -> int | None:
    """Seat height as a starting value: popliteal height (knee hollow to floor) plus shoes.

    Popliteal height is about 0.25 × stature for adult men and women alike (Pheasant,
    Bodyspace, P50: 440/1740 and 400/1610 mm); NPR 1813 adds 3 cm for shoes. A rule of
    thumb with an individual spread of ±3–5 cm (NORMS.md §7); the real check is thighs
    about horizontal and feet flat.

    >>> seat_height_from_stature(170)
    46
    """
    h = _stature(body_height_cm)
    return None if h is None else _round(h * popliteal_ratio + shoe_cm)


@derived_function
def desk_height_from_stature(body_height_cm: float, popliteal_ratio: float = 0.25, elbow_ratio: float = 0.143,
                             shoe_cm: float = 3) -> int | None:
    """Sitting desk height as a starting value: the seat height plus the sitting elbow height.

    Sitting elbow height above the seat is about 0.143 × stature (Pheasant P50: 245/1740
    and 235/1610 mm), so the desk top lands at the elbows with the forearms level.

    >>> desk_height_from_stature(170)
    70
    """
    h = _stature(body_height_cm)
    return None if h is None else _round(h * popliteal_ratio + shoe_cm + h * elbow_ratio)


@derived_function
def total(a: float, b: float = 0) -> float:
    """a + b, e.g. home-working days plus other working days in the country of residence."""
    return a + (b or 0)


@derived_function
def product(a: float, b: float) -> float:
    """a × b, e.g. working days a week × hours a day."""
    return round(a * b, 1)


@derived_function
def pick(condition: bool, if_true: float, if_false: float) -> float:
    """`if_true` when `condition` is true, else `if_false` (e.g. the seat height to aim for:
    the recommended one at an adjustable desk, the one that fits a fixed desk otherwise)."""
    return if_true if condition else if_false


@derived_function
def member_of(code: str, list_id: str, lists=None) -> bool | None:
    """Whether a country is on one of the questionnaire's lists (e.g. the states that signed
    the telework framework agreement) on today's date. The questionnaire passes `lists`."""
    import datetime as _dt

    lst = (lists or {}).get(list_id)
    if lst is None or not code:
        return None
    today = _dt.date.today()
    return any(m.code == code and m.since <= today for m in lst.members)


@derived_function
def difference(a: float, b: float) -> float:
    """a − b, e.g. how far a desk is above the recommended height."""
    return a - b


@derived_function
def ratio_pct(part: float, whole: float) -> float | None:
    """part as a percentage of whole, rounded to one decimal; None when whole is 0."""
    if not whole:
        return None
    return round(100.0 * part / whole, 1)


@derived_function
def residence_share_pct(home_days_per_week: float, work_days_per_week: float,
                        other_days_per_week: float = 0, residence_country: str | None = None,
                        employer_country: str = "NL") -> float | None:
    """Share of working time worked in the country of residence.

    Home days count as worked there, plus any other days worked in that
    country (client visits, a local office). Capped at 100 %. None for
    someone who lives in the employer's country: the question does not arise.

    >>> residence_share_pct(2, 5)
    40.0
    """
    if residence_country is not None and residence_country == employer_country:
        return None
    if not work_days_per_week or work_days_per_week <= 0:
        return None
    days = (home_days_per_week or 0) + (other_days_per_week or 0)
    return round(min(100.0, 100.0 * days / work_days_per_week), 1)
