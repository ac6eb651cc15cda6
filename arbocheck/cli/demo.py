"""`arbocheck demo --out DIR`: a sample worker's signed report and personal copy, without a screen
(a throw-away worker key, a demo employer's campaign and a demo expert; the user's keys are untouched)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_OK, lang, out
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse

# make_demo's names for the files it made, and how the command line names them
LABELS = {"signed report": "cli.demo.signed", "personal copy": "cli.demo.personal", "campaign": "cli.demo.campaign",
          "demo expert identity": "cli.demo.expert"}


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=demo)


def demo(args: argparse.Namespace) -> int:
    from arbocheck.core.samples.demo import make_demo

    files = make_demo(Path(args.out), args.lang)  # a DemoError is a plain line (base.py)
    for label, path in files.items():
        out(t(LABELS[label], lang(args), path=path) if label in LABELS else f"{label}: {path}")
    return EXIT_OK
