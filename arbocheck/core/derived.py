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


def _share_of_height(body_height_cm: float, divisor: float) -> int | None:
    if not body_height_cm or body_height_cm <= 0:
        return None
    return round(body_height_cm / divisor)


@derived_function
def recommended_desk_height_cm(body_height_cm: float, divisor: float = 2.5) -> int | None:
    """Rule of thumb for a sitting desk height: body height / 2.5 (NORMS.md §2, guidance).

    >>> recommended_desk_height_cm(180)
    72
    """
    return _share_of_height(body_height_cm, divisor)


@derived_function
def recommended_seat_height_cm(body_height_cm: float, divisor: float = 3.7) -> int | None:
    """Rule of thumb for seat height: body height / 3.7 (NORMS.md §2, guidance).

    >>> recommended_seat_height_cm(170)
    46
    """
    return _share_of_height(body_height_cm, divisor)


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
