"""`arbocheck [gui]` starts the program; `arbocheck screenshots` renders the wizard offscreen.

A plain start (a double-click, `arbocheck gui --role employer`) is recognised without building
any parser, so the window comes up as fast as the program can start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, err, lang, out
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse

ROLES = ("worker", "employer", "expert")


def add_gui(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--role", choices=ROLES)
    p.add_argument("--db", metavar="URL", help="the employer's register (employer and expert; default: SQLite in "
                                               "the user data folder)")
    p.set_defaults(func=start)


class GuiArgs:
    def __init__(self, role: str | None = None, lang: str | None = None, db: str | None = None):
        self.role, self.explicit_lang, self.db = role, lang, db


def plain_start(argv: list[str]) -> GuiArgs | None:
    """The options of a plain GUI start ([gui] [--role R] [--lang L] [--db URL]), or None for
    anything else, which the full parser then handles (with its help and its error messages)."""
    from arbocheck.core.common.i18n import LANGS

    if argv and argv[0] != "gui":
        return None
    choices = {"--role": ROLES, "--lang": LANGS, "--db": None}
    found: dict[str, str] = {}
    rest = argv[1:]
    while rest:
        name, eq, value = rest.pop(0).partition("=")
        if name not in choices or name in found:
            return None
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        if choices[name] is not None and value not in choices[name] or not value or value.startswith("-"):
            return None
        found[name] = value
    return GuiArgs(found.get("--role"), found.get("--lang"), found.get("--db"))


def start(args) -> int:
    try:
        from arbocheck.ui.app import run  # type: ignore[import-not-found]
    except ImportError as e:  # Qt missing or damaged in this installation: said in both languages
        err(f"De grafische interface kan niet starten ({e}); de opdrachtregel werkt wel (arbocheck --help).\n"
            f"The graphical interface cannot start ({e}); the command line works (arbocheck --help).")
        return EXIT_INPUT
    return run(role=args.role, lang=args.explicit_lang, db=args.db)


def add_screenshots(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=screenshots)


def screenshots(args: argparse.Namespace) -> int:
    try:
        from arbocheck.ui.screenshots import render
    except ImportError as e:
        err(t("cli.no_gui", lang(args), why=e))
        return EXIT_INPUT
    paths = render(Path(args.out), args.lang)  # a DemoError (no sample worker) is a plain line (base.py)
    out(t("cli.screenshots.done", lang(args), n=len(paths), folder=args.out))
    return EXIT_OK
