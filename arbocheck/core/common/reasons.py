"""Why a file or an action was refused, in plain Dutch and English.

A refusal carries a key and its values, not a finished sentence, so the same
reason reads in the user's language in the GUI, and in English (or --lang) on
the command line. `str(refusal)` is the English text. The texts are those of
every other key (arbocheck/texts/<lang>.yaml, core/common/i18n.py).
"""

from __future__ import annotations

from arbocheck.core.common.i18n import t


def say(key: str, lang: str = "en", **params: object) -> str:
    """The text of a reason; values that are reasons themselves read in the same language."""
    return t(key, lang, **{k: _render(v, lang) for k, v in params.items()})


def _render(value: object, lang: str) -> object:
    """A value that is itself a reason (or a list of them) is put in the same language."""
    if isinstance(value, Refusal):
        return value.text(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Refusal) for v in value):
        return "; ".join(v.text(lang) for v in value)
    return value


class Refusal(Exception):
    """An error whose message exists in Dutch and English: a key and its values."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(say(key, "en", **params))

    def text(self, lang: str) -> str:
        """The reason in the given language."""
        return say(self.key, lang, **self.params)

    def __reduce__(self):  # crosses process boundaries (the importer's workers) intact
        return (_rebuild, (type(self), self.key, self.params))


def _rebuild(cls, key, params):
    return cls(key, **params)


def text_of(e: BaseException, lang: str) -> str:
    """The plain reason for any error a user may see: translated when it is a Refusal."""
    if isinstance(e, Refusal):
        return e.text(lang)
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return str(e) or type(e).__name__
