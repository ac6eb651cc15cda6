"""Employee ids: one spelling per person, and no look-alikes.

An employee id is typed by the employer (the employees CSV) and again by the worker (the
campaign panel), so the same person can arrive as `e026`, `E026 ` or a fullwidth `Ｅ026`.
`normalise` maps those to one id (Unicode NFKC, surrounding spaces removed, upper case)
and refuses what only looks like an id: a Cyrillic `Е026`, a zero-width space, any
character outside Latin letters, digits and `.`, `_`, `-`. The employees CSV, the worker's
report and the importer all go through this one function, so a report is filed under
exactly the id the employer enrolled, or refused with a reason.
"""

from __future__ import annotations

import unicodedata

from arbocheck.core.common.reasons import Refusal

MAX_LENGTH = 64
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")


class EmployeeIdError(Refusal, ValueError):
    """An employee id that cannot be used; the message says why (reasons.py)."""


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED CHARACTER')}"


def normalise(raw: str) -> str:
    """The one spelling of an employee id. Raises EmployeeIdError naming the character at fault."""
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        raise EmployeeIdError("employee_id.empty")
    for ch in text:
        if ch in _SAFE:
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me"):  # invisible, control, inner space, combining
            raise EmployeeIdError("employee_id.invisible", char=_describe(ch))
        if (cat.startswith("L") or cat.startswith("N")) and not unicodedata.name(ch, "").startswith("LATIN"):
            # a letter or digit of another script: Cyrillic Е, Greek Ε, Arabic-Indic digits look like ours
            raise EmployeeIdError("employee_id.confusable", char=_describe(ch))
        raise EmployeeIdError("employee_id.characters", char=_describe(ch))
    if len(text) > MAX_LENGTH:
        raise EmployeeIdError("employee_id.too_long", n=MAX_LENGTH)
    if not text[0].isalnum():
        raise EmployeeIdError("employee_id.first", char=text[0])
    return text.upper()


def normalise_or_none(raw) -> str | None:
    """None for a missing or empty id; otherwise as `normalise`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return normalise(raw)
