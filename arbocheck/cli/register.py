"""`arbocheck register import|export|summary|verify`: the employer's register of reports (--db
takes an SQLAlchemy URL; the default is SQLite in the user data folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, EXIT_REJECTED, err, lang, out
from arbocheck.cli.inputs import campaign_file
from arbocheck.cli.unlock import employer_key, employer_register
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="gcommand", metavar="ACTION", required=True)
    add_import(sub.add_parser("import", parents=[common],
                              help="check and import report files or folders, one line per file"))
    add_export(sub.add_parser("export", parents=[common], help="the action list for procurement (CSV or Excel)"))
    add_summary(sub.add_parser("summary", parents=[common],
                               help="a signed RI&E roll-up without individuals' data"))
    add_verify(sub.add_parser("verify", parents=[common],
                              help="re-check every stored PDF, the hash chains and the overview counts"))
    add_arrange(sub.add_parser("arrange", parents=[common],
                               help="mark measures arranged (EMPLOYEE:MEASURE ...), or undo a marking"))
    add_plan(sub.add_parser("plan", parents=[common],
                            help="plan measures: responsible person, planned date, budget"))
    add_report(sub.add_parser("report", parents=[common], help="a copy of an employee's newest stored report"))


# -- import ----------------------------------------------------------------------

def add_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy URL (default: SQLite in the user data folder)")
    p.add_argument("--campaign", metavar="FILE", help="only accept reports of this campaign (default: each "
                                                      "report is checked against its campaign in the register)")
    p.add_argument("--codes", metavar="CSV", help="the enrolment codes made with 'campaign create' (with "
                                                  "--campaign)")
    p.set_defaults(func=import_)


def import_(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import text_of
    from arbocheck.core.employer.campaign_setup import read_codes
    from arbocheck.core.employer.importer import import_files
    from arbocheck.core.trust.campaign import CampaignError
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    camp = campaign_file(args.campaign, lang_)
    if camp is False:
        return EXIT_INPUT
    try:
        codes = read_codes(Path(args.codes)) if args.codes else None
    except CampaignError as e:
        err(e.text(lang_))
        return EXIT_INPUT
    try:
        reg = employer_register(args.db, lang_)
    except KeyFileError as e:
        err(t("cli.register.nothing_imported", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    # One line per file; its name is escaped (core/common/shown.py), so no name can forge a line.
    outcomes = import_files(reg, args.paths, campaign=camp, codes=codes,
                            progress=lambda pct, o: out(o.line(lang_)))
    ok = sum(o.accepted for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    out(t("cli.register.imported", lang_, ok=ok, rejected=len(outcomes) - ok - skipped)
        + (t("cli.register.skipped", lang_, n=skipped) if skipped else ""))
    return EXIT_OK if ok == len(outcomes) else EXIT_REJECTED


# -- export ----------------------------------------------------------------------

def add_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--campaign-id", metavar="ID", help="only this campaign")
    p.set_defaults(func=export)


def export(args: argparse.Namespace) -> int:
    from arbocheck.core.employer import exports
    from arbocheck.core.employer.register import Register

    n = exports.write_action_list(Register.open(args.db), Path(args.out), args.format, args.lang, args.campaign_id)
    out(t("cli.register.exported", lang(args), n=n, path=args.out))
    return EXIT_OK


# -- summary ---------------------------------------------------------------------

def add_summary(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL")
    p.add_argument("--format", choices=("pdf",), default="pdf")
    p.add_argument("--organisation", help="default: the organisation of the registered campaign")
    p.add_argument("--out", required=True, metavar="PDF")
    p.add_argument("--campaign-id", metavar="ID", help="only this campaign")
    p.add_argument("--per", choices=("department", "team", "location", "manager"),
                   help="add the roll-up per group (small groups hidden)")
    p.set_defaults(func=summary)


def summary(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.employer import exports, overview
    from arbocheck.core.employer.register import Register
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    reg = Register.open(args.db)
    ov = overview.summary(reg, args.campaign_id)
    organisation = args.organisation or exports.organisation_of(reg.campaigns(), args.campaign_id)
    if not organisation:
        err(t("cli.register.no_organisation", lang_))
        return EXIT_INPUT
    try:
        key = employer_key(lang_, organisation)
    except KeyFileError as e:
        err(t("cli.register.no_rollup", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    from arbocheck.core.employer import campaign_setup

    reg = campaign_setup.open_register(args.db, key=key)  # it records the roll-up: a signed checkpoint
    try:
        exports.write_rollup(Path(args.out), ov, organisation, key, args.lang, register=reg,
                             campaign_id=args.campaign_id, dimension=args.per)
    except Refusal as e:
        err(t("cli.register.no_rollup", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    out(t("cli.register.rollup", lang_, n=ov.handed_in, path=args.out))
    return EXIT_OK


# -- verify ----------------------------------------------------------------------

def add_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL")
    p.add_argument("--rebuild", action="store_true",
                   help="first recompute the overview counts from the stored reports (they follow from them) and "
                        "sign a checkpoint (refused when the register does not match its newest one)")
    p.add_argument("--accept-unsigned", action="store_true",
                   help="with --rebuild: also sign rows that no checkpoint covers yet (only if they are yours)")
    p.set_defaults(func=verify)


def verify(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import text_of
    from arbocheck.core.employer import campaign_setup, checkpoints
    from arbocheck.core.employer.register import Register, default_url
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    url = args.db or default_url()
    if args.rebuild:
        try:
            reg = employer_register(args.db, lang_)
        except KeyFileError as e:
            err(t("cli.register.nothing_rebuilt", lang_, why=text_of(e, lang_)))
            return EXIT_INPUT
        refused = reg.rebuild_overview(accept_unsigned=args.accept_unsigned)
        out(t("cli.register.recomputed", lang_))
        if refused:
            changed = any("checkpoint" in p and "added" not in p for p in refused)
            out(t("cli.register.not_signed.changed" if changed else "cli.register.not_signed.added", lang_))
            for p in refused:
                out(f"  {p}")
        else:
            out(t("cli.register.checkpoint_signed", lang_))
    else:
        reg = Register.open(url, witness=checkpoints.witness_path(campaign_setup.employer_dir() / "checkpoints", url))
    spki = campaign_setup.employer_spki()
    problems = reg.verify(trusted=[spki] if spki else None)
    for p in problems:
        out(p)
    if not spki:
        out(t("cli.register.no_employer_key", lang_))
    out(t("cli.register.intact", lang_) if not problems else t("cli.register.problems", lang_, n=len(problems)))
    return EXIT_OK if not problems else EXIT_REJECTED


# -- arrange, plan, report (core/employer/plan.py, stored_reports.py; the window does the same) --

def _pairs(items: list[str]) -> list[tuple[str, str]] | None:
    pairs = []
    for item in items:
        person, sep, measure = item.rpartition(":")
        if not sep or not person or not measure:
            return None
        pairs.append((person, measure))
    return pairs


def add_arrange(p: argparse.ArgumentParser) -> None:
    p.add_argument("items", nargs="*", metavar="EMPLOYEE:MEASURE", help="e.g. E042:laptop_stand")
    p.add_argument("--undo", nargs="+", type=int, metavar="EVENT", help="reverse these markings (their event "
                                                                         "numbers, as 'arrange' printed them)")
    p.add_argument("--note", default="")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=arrange)


def arrange(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import text_of
    from arbocheck.core.employer import plan
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    pairs = _pairs(args.items)
    if pairs is None or not (pairs or args.undo):
        err(t("cli.register.arrange_usage", lang_))
        return EXIT_INPUT
    try:
        reg = employer_register(args.db, lang_)
    except KeyFileError as e:
        err(t("cli.register.not_recorded", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    if args.undo:
        out(t("cli.register.undone", lang_, n=plan.undo(reg, args.undo, args.note)))
    if pairs:
        seqs = plan.mark_arranged(reg, pairs, args.note)
        out(t("cli.register.arranged", lang_, n=len(seqs), events=" ".join(map(str, seqs)) or "-"))
    return EXIT_OK


def add_plan(p: argparse.ArgumentParser) -> None:
    p.add_argument("items", nargs="+", metavar="EMPLOYEE:MEASURE")
    p.add_argument("--responsible", default="", help="who arranges it")
    p.add_argument("--planned", default="", metavar="YYYY-MM-DD", help="when it is planned")
    p.add_argument("--budget", default="", metavar="EUROS", help="e.g. 125.50")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=plan_)


def plan_(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.employer import plan
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    pairs = _pairs(args.items)
    if not pairs:
        err(t("cli.register.arrange_usage", lang_))
        return EXIT_INPUT
    try:
        plan.set_plan(employer_register(args.db, lang_), pairs, args.responsible, args.planned, args.budget)
    except (Refusal, KeyFileError) as e:
        err(t("cli.register.not_recorded", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    out(t("cli.register.planned", lang_, n=len(pairs)))
    return EXIT_OK


def add_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("employee", metavar="EMPLOYEE_ID")
    p.add_argument("--out", required=True, metavar="PDF")
    p.add_argument("--campaign-id", metavar="ID", help="the newest report in this campaign")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=report)


def report(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import text_of
    from arbocheck.core.common.storage import atomic_write
    from arbocheck.core.employer import stored_reports
    from arbocheck.core.employer.register import Register

    lang_ = lang(args)
    try:
        data, _ = stored_reports.newest(Register.open(args.db), args.employee, args.campaign_id)
        atomic_write(Path(args.out), data, keep_previous=False, mode=0o600)
    except (stored_reports.StoredReportError, OSError) as e:
        err(t("cli.register.no_report", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    out(t("cli.register.report", lang_, id=args.employee, path=args.out))
    return EXIT_OK
