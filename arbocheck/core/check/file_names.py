"""File names a worker's report is offered under: one per person, safe on Windows, macOS and Linux.

Five hundred reports handed in under one name are a mess for the employer; so the default name carries
the worker's name (or, without one, the employee number) and the date."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_PART = 60


def safe_part(text: str) -> str:
    """A piece of a file name: letters folded to ASCII (José → Jose), runs of anything else one '-', no
    leading or trailing dot or dash, at most MAX_PART characters, never a name Windows reserves."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    part = re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-.")[:MAX_PART].strip("-.")
    if part.upper() in _RESERVED:
        part += "-"
    return part


def report_file_name(template: str, date: str, name: str | None = None, employee_id: str | None = None) -> str:
    """`template` (a text with {who} and {date}) filled with the worker's name, else the employee number;
    without either the {who} part and the dash before it fall away."""
    who = safe_part(name or "") or safe_part(employee_id or "")
    text = template.format(who=who or "\0", date=date)
    text = re.sub(r"[-_ ]?\0", "", text)
    return text
