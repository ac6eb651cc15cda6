"""A value safe to put in a spreadsheet cell: the one neutraliser of formulas every export uses
(the CSV and the Excel action list, the letters' mail-merge list)."""

from __future__ import annotations

from arbocheck.core.common.shown import shown

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value, keep_lines: bool = False):
    """A value safe to put in a spreadsheet cell (OWASP, CSV injection): text that a spreadsheet
    would read as a formula (=HYPERLINK(…), =cmd|'/C calc'!A0, +, -, @, a tab or a line break
    first, also their full-width forms) gets a leading single quote, so it stays text.
    Numbers and booleans are kept as they are. Control characters and undecodable bytes are
    written as visible escapes (shown.py): a spreadsheet cannot hold them, and they could
    start a formula after a line break. `keep_lines`: a text of several lines (a mail's body in
    the mail-merge list) keeps its line breaks; every line is escaped as above."""
    if not isinstance(value, str):
        return value
    value = "\n".join(shown(line) for line in value.split("\n")) if keep_lines else shown(value)
    return "'" + value if value.startswith(FORMULA_START) else value
