"""UI tests check what a widget says by text key, not by a copy of its Dutch words (arbocheck/texts).

`says(shown, key, **values)`: whether the text `shown` contains the text of `key` with these
values filled in; a placeholder given no value matches anything, so a test names only the
values it knows. `html=True` for a rich-text label, whose text was escaped when it was set.
"""

from __future__ import annotations

import re
import string
from html import escape

from arbocheck.core.common import i18n


def pattern(key: str, lang: str = "nl", html: bool = False, **values: object) -> re.Pattern:
    quote = escape if html else str
    parts = []
    for literal, field, _, _ in string.Formatter().parse(i18n.table(lang)[key]):
        parts.append(re.escape(quote(literal)))
        if field is not None:
            parts.append(re.escape(quote(str(values[field]))) if field in values else ".*?")
    return re.compile("".join(parts), re.S)


def says(shown: str, key: str, lang: str = "nl", html: bool = False, **values: object) -> bool:
    return pattern(key, lang, html, **values).search(shown) is not None
