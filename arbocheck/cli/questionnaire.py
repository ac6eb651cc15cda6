"""`arbocheck questionnaire validate|show|schema`: check, show and describe questionnaire files."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, err, json_out, lang, out
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="qcommand", metavar="ACTION", required=True)
    add_validate(sub.add_parser("validate", parents=[common], help="validate questionnaire YAML files"))
    add_show(sub.add_parser("show", parents=[common], help="show a questionnaire (default: thuiswerkplek)"))
    add_schema(sub.add_parser("schema", parents=[common],
                              help="print (or write) the JSON Schema of the questionnaire format"))


# -- validate ------------------------------------------------------------------

def add_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=validate)


def validate(args: argparse.Namespace) -> int:
    from arbocheck.core.questionnaire import loader as qloader

    bad = 0
    for name in args.paths:
        try:
            q = qloader.load(name)
        except qloader.QuestionnaireError as e:
            bad += 1
            for p in e.problems:
                err(str(p))
            continue
        out(t("cli.validate.ok", lang(args), file=name, id=q.id, version=q.version, sections=len(q.data.sections),
              items=len(q.items), rules=len(q.data.rules)))
        for w in q.warnings:
            err(t("cli.warning", lang(args), text=w))
    return EXIT_INPUT if bad else EXIT_OK


# -- show ------------------------------------------------------------------------

def add_show(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("path", nargs="?", metavar="PATH")
    p.set_defaults(func=show)


def show(args: argparse.Namespace) -> int:
    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.questionnaire.conditions import leaves

    try:
        q = qloader.load(args.path) if args.path else qloader.find("thuiswerkplek")
    except qloader.QuestionnaireError as e:
        for p in e.problems:
            err(str(p))
        return EXIT_INPUT
    if args.json:
        data = q.data.model_dump(mode="json", by_alias=True, exclude_none=True)
        json_out({"id": q.id, "version": q.version, "sha256": q.sha256, **data})
        return EXIT_OK
    lang_ = args.lang
    out(f"{q.data.title.get(lang_)} — {q.id} {q.version}")
    for sec in q.data.sections:
        out(f"\n{sec.title.get(lang_)} [{sec.id}]")
        for it in sec.items:
            marks = [it.type]
            if it.required:
                marks.append(t("required", lang_))
            if it.health:
                marks.append(t("health_item", lang_))
            if it.show_if is not None:
                marks.append(t("shown_if", lang_) + " " + ", ".join(sorted({lf.item for lf in leaves(it.show_if)})))
            out(f"  {it.id:<34} {it.text.get(lang_)}  ({'; '.join(marks)})")
    out("\n" + t("cli.show.count", lang(args), items=len(q.items), rules=len(q.data.rules)))
    return EXIT_OK


# -- schema ----------------------------------------------------------------------

def add_schema(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="PATH")
    p.set_defaults(func=schema)


def schema(args: argparse.Namespace) -> int:
    from arbocheck.core.questionnaire import schema as schema_mod
    from arbocheck.core.common.storage import atomic_write

    text = schema_mod.dumps()
    if args.out:
        atomic_write(args.out, text.encode("utf-8"), keep_previous=False, mode=0o644)
        out(t("cli.wrote", lang(args), path=args.out))
    else:
        sys.stdout.write(text)
    return EXIT_OK
