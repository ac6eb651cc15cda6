"""The command table: every command, the module that holds its parser and handlers, and its
one-line summary (as pip's commands/__init__.py does).

A command's module is imported only when that command is used, so `arbocheck --help` builds
the list from this table alone and `arbocheck report verify` loads nothing of the register,
Qt or the other commands. Each module's `add` function (or the one named) gives the command's
options and actions, each handler beside its own parser.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import argparse


class Command(NamedTuple):
    module: str
    summary: str
    function: str = "add"  # module.function(parser, common): the options; `common` holds --lang


COMMANDS: dict[str, Command] = {  # in the order `arbocheck --help` lists them
    "gui": Command("arbocheck.cli.gui", "start the graphical program", "add_gui"),
    "screenshots": Command("arbocheck.cli.gui", "render every wizard page with a sample worker to PNG (offscreen)",
                           "add_screenshots"),
    "questionnaire": Command("arbocheck.cli.questionnaire", "check or show questionnaire files"),
    "report": Command("arbocheck.cli.report", "build or verify a signed RI&E contribution"),
    "campaign": Command("arbocheck.cli.campaign", "the employer's campaign file and enrolment codes"),
    "register": Command("arbocheck.cli.register", "the employer's register of reports"),
    "keys": Command("arbocheck.cli.keys", "how the employer's and the expert's keys are protected"),
    "expert": Command("arbocheck.cli.expert", "the arbo expert: keys, review, advice"),
    "demo": Command("arbocheck.cli.demo", "a sample worker → signed report and personal copy"),
    "evaluate": Command("arbocheck.cli.evaluate", "findings and action plan for an answers file"),
}


def named(argv: list[str]) -> str | None:
    """The command argv names: its first word that is not one of arbocheck's own options
    (--lang L, --lang=L, --version, -h); what that word means is the parser's to judge."""
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--lang":
            del rest[:1]  # its value
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """arbocheck's parser: every command by name and summary, and the full options of the one
    that argv names (of every command, when argv is None: for documentation and tests)."""
    import argparse

    from arbocheck import __version__
    from arbocheck.core.common.i18n import LANGS

    common = argparse.ArgumentParser(add_help=False)  # --lang may stand before or after the command
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                        help="language of the output: nl (default) or en")
    p = argparse.ArgumentParser(prog="arbocheck",
                                description="Home-workplace arbo self-assessment (thuiswerkplek-check).")
    p.add_argument("--lang", choices=LANGS, default=None, help="language of the output: nl (default) or en")
    p.add_argument("--version", action="version", version=f"arbocheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    wanted = named(argv) if argv is not None else None
    for name, cmd in COMMANDS.items():
        parser = sub.add_parser(name, parents=[common], help=cmd.summary)
        if argv is None or name == wanted:
            getattr(importlib.import_module(cmd.module), cmd.function)(parser, common)
    return p
