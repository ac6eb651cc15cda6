"""Why a file or an action was refused: the names the code uses for it.

`Refusal(key, **values)` is an error that reads in Dutch and English, `say(key, lang,
**values)` the text of a reason, `text_of(e, lang)` the plain reason of any error. They are
defined in core/common/errors.py (the hierarchy of every error a person may see); the texts
are those of every key, in arbocheck/texts/<lang>.yaml.
"""

from __future__ import annotations

from arbocheck.core.common.errors import ArbocheckError, Phrase, Refusal, say, text_of

__all__ = ["ArbocheckError", "Phrase", "Refusal", "say", "text_of"]
