"""Command line: every capability is reachable without a screen (DESIGN.md §5).

One module per command group, each handler beside its own parser (commands.py lists them and
imports only the one used); base.py turns every error into one plain line and an exit code:
0 done, 1 rejected (verification), 2 bad input or usage, 70 an internal error, 130 interrupted.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """`arbocheck ARGS`: the exit code (usage errors and --help/--version included, so a test can
    call it in-process)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    from arbocheck.cli import base, gui

    argv = sys.argv[1:] if argv is None else list(argv)
    plain = gui.plain_start(argv)
    if plain is not None:  # a double-click or 'arbocheck gui ...': the window, without building any parser
        return base.run(gui.start, plain)
    from arbocheck.cli.commands import build_parser
    from arbocheck.core.common.i18n import default_lang

    try:
        args = build_parser(argv).parse_args(argv)
    except SystemExit as e:  # usage errors (2), --help and --version (0): argparse has said why
        return e.code if isinstance(e.code, int) else base.EXIT_OK if e.code is None else base.EXIT_INPUT
    except (Exception, KeyboardInterrupt) as e:  # noqa: BLE001 - e.g. a command's module that cannot be imported
        return base.fail(e, "en")
    args.explicit_lang = args.lang  # the GUI remembers its own language unless one is given
    if args.lang is None:
        args.lang = default_lang()
    if not getattr(args, "func", None):  # 'arbocheck --lang en': the program in that language
        args.role = args.db = None
        return base.run(gui.start, args)
    return base.run(args.func, args)
