"""Every text of arbocheck's own code, looked up by key: `t(key, lang, **values)`.

The texts are data, one file per language: arbocheck/texts/nl.yaml and en.yaml (key: text,
with {placeholders} filled from the values). Questionnaire content has its own texts
(questionnaires/*.yaml); these are the words around it: interface, reports and refusals.

One fallback: a key a language lacks, or a language arbocheck does not have, reads in Dutch,
the language every text is written in first. A key Dutch lacks is a bug (KeyError):
tests/structure/test_translations.py finds it before a user does, and checks that every
key has the same placeholders in every language. Each file is read once, on first use,
with libyaml's CSafeLoader when PyYAML has it.
"""

from __future__ import annotations

import os
from pathlib import Path

LANGS = ("nl", "en")
FALLBACK = "nl"

_tables: dict[str, dict[str, str]] = {}


def texts_dir() -> Path:
    """arbocheck/texts: inside the package, so the wheel and the frozen build carry it."""
    return Path(__file__).resolve().parents[2] / "texts"


def table(lang: str) -> dict[str, str]:
    """Every text of one language (read from its file once)."""
    got = _tables.get(lang)
    if got is None:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with open(texts_dir() / f"{lang}.yaml", "rb") as f:
            got = yaml.load(f, Loader=loader) or {}
        _tables[lang] = got
    return got


def preload() -> None:
    """Read every language now (the importer's fork server, before it forks its workers)."""
    for lang in LANGS:
        table(lang)


def has(key: str) -> bool:
    return key in table(FALLBACK)


def count(n: int, noun: str, lang: str) -> str:
    """'1 foto', '3 foto's': singular or plural from a 'one|many' text (count.NOUN)."""
    one, many = t("count." + noun, lang).split("|")
    return (one if n == 1 else many).format(n=n)


def t(key: str, lang: str, **kw: object) -> str:
    """The text of `key` in `lang` (Dutch when that language lacks it), its {placeholders} filled."""
    text = table(lang).get(key) if lang in LANGS else None
    if text is None:
        text = table(FALLBACK)[key]
    return text.format(**kw) if kw else text


def default_lang() -> str:
    """ARBOCHECK_LANG, else the system language when it is English, else Dutch."""
    env = os.environ.get("ARBOCHECK_LANG", "").lower()[:2]
    if env in LANGS:
        return env
    sys_lang = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or "")
    return "en" if sys_lang.lower().startswith("en") else "nl"
