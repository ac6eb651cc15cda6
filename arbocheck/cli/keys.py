"""`arbocheck keys status|protect`: how the employer's and the expert's keys are kept, and
protecting a key kept in clear by an earlier version (or changing how it is kept)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, err, lang, out
from arbocheck.core.common.environment import environment
from arbocheck.cli.unlock import ask, employer_key, new_passphrase, role_name
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse

NEW_PASSPHRASE_ENV = "ARBOCHECK_NEW_PASSPHRASE"


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="kcommand", metavar="ACTION", required=True)
    add_status(sub.add_parser("status", parents=[common], help="how each key is kept"))
    add_protect(sub.add_parser("protect", parents=[common], help="protect a key kept in clear, or change how it is "
                                                                 "kept (a new passphrase is asked, or "
                                                                 "ARBOCHECK_NEW_PASSPHRASE)"))


# -- status ----------------------------------------------------------------------

def add_status(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=status)


def status(args: argparse.Namespace) -> int:
    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.expert import identity
    from arbocheck.core.trust import keyguard

    lang_ = lang(args)
    for role, method in (("employer", campaign_setup.employer_key_method()), ("expert", identity.key_method())):
        out(t(f"cli.keys.{method or 'none'}", lang_, role=role_name(role, lang_), command_role=role))
    out(t("cli.keys.keyring_available" if keyguard.keyring_available() else "cli.keys.keyring_unavailable", lang_))
    return EXIT_OK


# -- protect ---------------------------------------------------------------------

def add_protect(p: argparse.ArgumentParser) -> None:
    p.add_argument("role", choices=("employer", "expert"))
    p.add_argument("--with", dest="method", choices=("passphrase", "keyring"), required=True)
    p.set_defaults(func=protect)


def protect(args: argparse.Namespace) -> int:
    """Protect a key made by an earlier version (or change how it is kept)."""
    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.expert import identity
    from arbocheck.core.trust import keyguard

    lang_ = lang(args)
    try:
        if args.role == "employer":
            employer_key(lang_)
            new = None if args.method == "keyring" else (environment().new_passphrase
                                                         or new_passphrase("employer", lang_))
            campaign_setup.protect_employer_key(args.method, new)
        else:
            old = environment().expert_passphrase
            if identity.key_method() == "passphrase" and not old:
                old = ask(t("cli.ask.current_passphrase", lang_, role=role_name("expert", lang_)))
            new = None if args.method == "keyring" else (environment().new_passphrase
                                                         or new_passphrase("expert", lang_))
            identity.protect(args.method, new, old)
    except keyguard.KeyLocked as e:
        err(t("cli.keys.not_protected", lang_, why=e.text(lang_)))
        return EXIT_INPUT
    out(t(f"cli.keys.now_{args.method}", lang_, role=role_name(args.role, lang_)))
    return EXIT_OK
