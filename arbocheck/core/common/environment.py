"""The ARBOCHECK_* environment variables (for scripts, tests and the benchmarks), declared once here,
beside the user's settings (settings.py).

They are read when they are asked for (`environment()`), never cached at import, so a test or
a script can set them at any time. No other module reads an ARBOCHECK_* variable itself
(tests/core/common/test_settings.py).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping


@dataclass(frozen=True)
class Variable:
    name: str
    field: str
    meaning: str


VARIABLES = (
    Variable("ARBOCHECK_HOME", "home", "the user data folder (drafts, settings, keys, register)"),
    Variable("ARBOCHECK_LANG", "lang", "nl or en: the language, before the system's"),
    Variable("ARBOCHECK_QUESTIONNAIRES", "questionnaires", "folders of questionnaire files, instead of the shipped ones"),
    Variable("ARBOCHECK_PASSPHRASE", "passphrase", "the worker's key passphrase, for `report export` in scripts"),
    Variable("ARBOCHECK_EMPLOYER_PASSPHRASE", "employer_passphrase", "the employer's key passphrase"),
    Variable("ARBOCHECK_EXPERT_PASSPHRASE", "expert_passphrase", "the arbo expert's key passphrase"),
    Variable("ARBOCHECK_NEW_PASSPHRASE", "new_passphrase", "the new passphrase for `keys protect`"),
    Variable("ARBOCHECK_KEY_PROTECTION", "key_protection", "passphrase or keyring: how a key made without a dialog is kept"),
    Variable("ARBOCHECK_TEST_FAST_KDF", "test_fast_kdf", "1: cheap scrypt for codes and passphrases (tests only)"),
    Variable("ARBOCHECK_EXIT_AFTER_SHOW", "exit_after_show", "1: quit once the first window is shown (benchmarks)"),
)

KEY_PROTECTIONS = ("passphrase", "keyring")


@dataclass(frozen=True)
class Environment:
    home: Path | None = None
    lang: str | None = None
    questionnaires: tuple[Path, ...] | None = None
    passphrase: str | None = None
    employer_passphrase: str | None = None
    expert_passphrase: str | None = None
    new_passphrase: str | None = None
    key_protection: str | None = None
    test_fast_kdf: bool = False
    exit_after_show: bool = False


def environment(environ: Mapping[str, str] | None = None) -> Environment:
    """The ARBOCHECK_* variables as they are now, typed; a value that makes no sense counts as unset."""
    env = os.environ if environ is None else environ
    raw = {v.field: env.get(v.name) or None for v in VARIABLES}
    lang = (raw["lang"] or "").strip().lower()[:2]
    protection = (raw["key_protection"] or "").strip().lower()
    folders = raw["questionnaires"]
    return Environment(
        home=Path(raw["home"]) if raw["home"] else None,
        lang=lang if lang in ("nl", "en") else None,
        questionnaires=tuple(Path(p) for p in folders.split(os.pathsep) if p) if folders else None,
        passphrase=raw["passphrase"], employer_passphrase=raw["employer_passphrase"],
        expert_passphrase=raw["expert_passphrase"], new_passphrase=raw["new_passphrase"],
        key_protection=protection if protection in KEY_PROTECTIONS else None,
        test_fast_kdf=raw["test_fast_kdf"] == "1",
        exit_after_show=bool(raw["exit_after_show"]),
    )


@contextmanager
def variable_set(name: str, value: str) -> Iterator[None]:
    """Set one declared variable for the length of a block, and put back what was there."""
    if name not in {v.name for v in VARIABLES}:
        raise KeyError(name)
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old
