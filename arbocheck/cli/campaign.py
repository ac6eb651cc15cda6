"""`arbocheck campaign create|close`: the employer's signed campaign file with one-time enrolment
codes, recorded in the register (core/employer/campaign_setup.py, as the GUI's campaign tab)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, err, lang, out
from arbocheck.cli.unlock import employer_key, employer_register
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="ccommand", metavar="ACTION", required=True)
    add_create(sub.add_parser("create", parents=[common],
                              help="a signed campaign file plus a CSV of one-time codes per employee"))
    add_close(sub.add_parser("close", parents=[common],
                             help="close a campaign: what checks its codes is deleted, its reports refused"))


# -- create ----------------------------------------------------------------------

def add_create(p: argparse.ArgumentParser) -> None:
    p.add_argument("--organisation", required=True)
    p.add_argument("--id", required=True, help="campaign id (letters, digits, . _ -)")
    p.add_argument("--deadline", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--employees", required=True, metavar="CSV", help="CSV with a column employee_id (and name)")
    p.add_argument("--expert", metavar="RECIPIENT", help="the arbo expert's age recipient (age1…)")
    p.add_argument("--questionnaire", default="thuiswerkplek")
    p.add_argument("--version", default=None, help="questionnaire version (default: the newest)")
    p.add_argument("--hand-in", metavar="TEXT", help="how to hand the report in (to whom, by which channel), "
                                                    "shown to the worker when the report is ready")
    p.add_argument("--no-enrolment-check", action="store_true",
                   help="leave out the keyed check that lets the worker's program catch a wrong code")
    p.add_argument("--out", required=True, metavar="CAMPAIGN.json")
    p.add_argument("--codes", required=True, metavar="CODES.csv")
    p.add_argument("--db", metavar="URL", help="the register to record the campaign in (default: SQLite in the "
                                               "user data folder)")
    p.set_defaults(func=create)


def create(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    try:
        employees_csv = Path(args.employees).read_text(encoding="utf-8-sig")
        key = employer_key(lang_, args.organisation)
        reg = campaign_setup.open_register(args.db, key=key)
        new = campaign_setup.create(Path(args.out), Path(args.codes), register=reg, key=key,
                                    organisation=args.organisation, campaign_id=args.id, deadline=args.deadline,
                                    employees_csv=employees_csv, expert_recipient=args.expert,
                                    questionnaire=args.questionnaire, version=args.version,
                                    hand_in=args.hand_in, enrolment_check=not args.no_enrolment_check)
    except (Refusal, KeyFileError, LookupError, UnicodeDecodeError) as e:
        err(t("cli.campaign.not_made", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    except OSError as e:
        err(t("cli.campaign.not_made", lang_, why=f"{e.filename or ''} {e.strerror or e}".strip()))
        return EXIT_INPUT
    camp = new.campaign
    out(t("cli.campaign.file", lang_, path=args.out))
    out(t("cli.campaign.codes", lang_, n=len(new.employees), path=args.codes))
    out(t("cli.campaign.registered", lang_))
    out(t("cli.campaign.employer_key", lang_, fp=camp.employer_fingerprint))
    if camp.expert_fingerprint:
        out(t("cli.campaign.expert_key", lang_, fp=camp.expert_fingerprint))
    return EXIT_OK


# -- close -----------------------------------------------------------------------

def add_close(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--note", default="", help="why (kept in the register's event trail)")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=close)


def close(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    try:
        n = employer_register(args.db, lang_).close_campaign(args.id, args.note or "")
    except (Refusal, KeyFileError) as e:
        err(t("cli.campaign.not_closed", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    out(t("cli.campaign.closed", lang_, id=args.id, n=n))
    return EXIT_OK
