"""Every text of arbocheck's own code, looked up by key: `t(key, lang, **values)`.

The texts are data, one file per language: arbocheck/texts/nl.yaml and en.yaml (key: text,
with {placeholders} filled from the values). Questionnaire content has its own texts
(questionnaires/*.yaml); these are the words around it: interface, reports and refusals.

One fallback: a key a language lacks, or a language arbocheck does not have, reads in Dutch,
the language every text is written in first. A key Dutch lacks is a bug (KeyError):
tests/structure/test_translations.py finds it before a user does, and checks that every
key has the same placeholders in every language. Each file is read once, on first use,
with libyaml's CSafeLoader when PyYAML has it, and kept as compressed JSON in the user's
cache folder: a later start reads that copy while it is of the very same file (its size and
modification time), which spares the start window PyYAML's import (about 15 ms of 190).
Compressed, so that a text naming a key's format (AGE-SECRET-KEY-1…) never looks like a
key to a scan of the user's folder.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from arbocheck.core.common import paths
from arbocheck.core.common.environment import environment

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
        got = _tables[lang] = _read(texts_dir() / f"{lang}.yaml")
    return got


def _read(source: Path) -> dict[str, str]:
    st = source.stat()
    stamp = [str(source), st.st_size, st.st_mtime_ns]
    kept = paths.cache_dir() / f"texts-{source.stem}.json.z"
    try:
        copy = json.loads(zlib.decompress(kept.read_bytes()))
        if copy["of"] == stamp and isinstance(copy["texts"], dict):
            return copy["texts"]
    except (OSError, ValueError, TypeError, KeyError, zlib.error):
        pass  # no copy yet, or of another file, or damaged: read the file itself
    import yaml

    with open(source, "rb") as f:
        texts = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    try:
        from arbocheck.core.common.storage import atomic_write

        atomic_write(kept, zlib.compress(json.dumps({"of": stamp, "texts": texts}).encode("utf-8")),
                     keep_previous=False, mode=0o644)
    except OSError:
        pass  # a read-only profile: read the file again next time
    return texts


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
    env = environment().lang
    if env in LANGS:
        return env
    sys_lang = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or "")
    return "en" if sys_lang.lower().startswith("en") else "nl"
