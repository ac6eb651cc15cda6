"""Text from a file or a file system, made safe to show on one line.

A file name may hold newlines, terminal escapes (ANSI), right-to-left overrides or bytes
that are not UTF-8 (Python keeps those as lone surrogates). Printed as they are, they
can forge an "accepted" line, recolour a terminal or crash the output with an encoding
error. `shown` writes each such character as a visible escape (\\n, \\x1b, \\u202e,
\\udcff), like repr() does, and leaves every other character as it is (a backslash too, so
a Windows path reads as usual).
"""

from __future__ import annotations

import os
import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(c: str) -> str:
    if c in _NAMED:
        return _NAMED[c]
    o = ord(c)
    if o <= 0xFF:
        return f"\\x{o:02x}"
    if o <= 0xFFFF:
        return f"\\u{o:04x}"
    return f"\\U{o:08x}"


def _safe(c: str) -> bool:
    # C*: controls (Cc), format characters such as bidi overrides (Cf), surrogates (Cs),
    # private use (Co) and unassigned code points (Cn); Z* other than a plain space:
    # line and paragraph separators, which some terminals treat as newlines.
    cat = unicodedata.category(c)
    return not (cat[0] == "C" or (cat[0] == "Z" and c != " "))


def shown(value: object, limit: int | None = None) -> str:
    """`value` (a str, bytes or path) as one line of printable text; cut at `limit` characters."""
    if isinstance(value, bytes):
        text = value.decode("utf-8", "surrogateescape")
    elif isinstance(value, os.PathLike):
        text = os.fspath(value)
        text = text.decode("utf-8", "surrogateescape") if isinstance(text, bytes) else text
    else:
        text = str(value)
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    if all(_safe(c) for c in text):
        return text
    return "".join(c if _safe(c) else _escape(c) for c in text)
