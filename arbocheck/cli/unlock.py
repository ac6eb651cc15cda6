"""Opening the employer's and the expert's protected keys from the command line: the passphrase
from the environment (for scripts), else asked at the terminal, never echoed; on first use the
terminal asks how to keep a new key. Shared by the campaign, register, keys and expert commands."""

from __future__ import annotations

import sys

from arbocheck.cli.base import err
from arbocheck.core.common.i18n import t


def ask(prompt: str) -> str | None:
    """A passphrase typed at the terminal (never echoed), or None without one."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    import getpass

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


def role_name(role: str, lang: str) -> str:
    return t(f"cli.role.{role}", lang)


def new_passphrase(role: str, lang: str) -> str | None:
    first = ask(t("cli.ask.new_passphrase", lang, role=role_name(role, lang)))
    if first is None:
        return None
    if ask(t("cli.ask.again", lang)) != first:
        from arbocheck.core.trust.keyguard import KeyLocked

        raise KeyLocked("keys.passphrase_differs")
    return first


def unlock(role: str, open_key, method_of, env: str, lang: str):
    """Open (or on first use make) a protected key: the passphrase from `env`, else asked at the
    terminal; on first use without ARBOCHECK_KEY_PROTECTION the terminal asks how to keep it."""
    from arbocheck.core.trust import keyguard

    try:
        return open_key(None, None)
    except keyguard.KeyLocked as e:
        if e.key == "keys.needs_passphrase":
            typed = ask(t("cli.ask.passphrase", lang, role=role_name(role, lang), env=env))
            if typed is not None:
                return open_key(typed, None)
        elif e.key == "keys.choose" and method_of() is None and sys.stdin and sys.stdin.isatty():
            answer = (ask(t("cli.ask.method", lang, role=role_name(role, lang))) or "").strip().lower()
            if answer.startswith("k"):
                return open_key(None, "keyring")
            if answer.startswith("p"):
                return open_key(new_passphrase(role, lang), "passphrase")
        raise


def warn_if_clear(role: str, method: str | None, lang: str) -> None:
    if method == "clear":
        err(t("cli.key_in_clear", lang, role=role_name(role, lang), command_role=role))


def employer_key(lang: str, organisation: str = "arbocheck"):
    """The employer's signing key (campaign_setup.employer_key), unlocked as above."""
    from arbocheck.core.employer import campaign_setup

    key = unlock("employer", lambda pw, method: campaign_setup.employer_key(organisation, pw, method),
                 campaign_setup.employer_key_method, campaign_setup.PASSPHRASE_ENV, lang)
    warn_if_clear("employer", campaign_setup.employer_key_method(), lang)
    return key


def employer_register(url: str | None, lang: str):
    """The register with the employer's key, for commands that write (each write is signed)."""
    from arbocheck.core.employer import campaign_setup

    return campaign_setup.open_register(url, key=employer_key(lang))


def expert_identity(lang: str):
    """The expert's age identity, or None after saying why it cannot be used."""
    from arbocheck.core.expert import identity

    try:
        ident = unlock("expert", lambda pw, method: identity.load_or_create(passphrase=pw, method=method),
                       identity.key_method, identity.PASSPHRASE_ENV, lang)
    except identity.ExpertError as e:
        err(t("cli.expert.key_unusable", lang, why=e.text(lang)))
        return None
    warn_if_clear("expert", identity.key_method(), lang)
    return ident
