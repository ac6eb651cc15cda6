"""`arbocheck campaign create|letters|reissue|missing|close`: the employer's signed campaign file with
one-time enrolment codes, recorded in the register (core/employer/campaign_setup.py), and running it:
letters and mail drafts, a new code for a lost one, who has not handed in (core/employer/campaign_run.py),
as the GUI's campaign tab does."""

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
    add_letters(sub.add_parser("letters", parents=[common],
                               help="letters (one PDF page each), a mail-merge CSV and .eml drafts with the codes"))
    add_reissue(sub.add_parser("reissue", parents=[common],
                               help="a new code for a lost one (the old one stops working), with its letter"))
    add_missing(sub.add_parser("missing", parents=[common], help="who has not handed in yet (list or CSV)"))
    add_due(sub.add_parser("due", parents=[common],
                           help="whose check is due again: report older than the interval, or due within 30 days"))
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
    p.add_argument("--recheck-months", type=int, default=None, metavar="N",
                   help="after how many months the check is due again (1-36; default 12)")
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
                                    hand_in=args.hand_in, enrolment_check=not args.no_enrolment_check,
                                    recheck_months=args.recheck_months)
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


# -- letters, reissue, missing (core/employer/campaign_run.py) -------------------

def _mail_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--employees", metavar="CSV", help="employees CSV with an 'email' column, for the mails' To:")
    p.add_argument("--campaign-name", metavar="NAME", help="the campaign file's name as the employees get it "
                                                           "(default: ID.json)")
    p.add_argument("--return-to", metavar="TEXT", help="where the report goes, as the letter says it "
                                                       "(e.g. 'mail it to hr@example.nl')")
    p.add_argument("--install", metavar="TEXT", help="where to get arbocheck, as the letter says it")
    p.add_argument("--sender", metavar="ADDRESS", help="the mails' From: address")
    p.add_argument("--db", metavar="URL")


def _mail_kwargs(args: argparse.Namespace) -> dict:
    employees = Path(args.employees).read_text(encoding="utf-8-sig") if args.employees else None
    return {"employees_csv": employees, "campaign_name": args.campaign_name or "", "return_to": args.return_to or "",
            "install": args.install or "", "sender": args.sender or ""}


def _letter_lang(args: argparse.Namespace) -> str:
    return args.lang or "nl"  # letters go to Dutch employees unless --lang says otherwise


def add_letters(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--codes", required=True, metavar="CODES.csv", help="the codes made with 'campaign create'")
    p.add_argument("--out", required=True, metavar="DIR", help="where the letters go (made for the owner only)")
    p.add_argument("--reminder", action="store_true", help="only for who has not handed in yet, as a reminder")
    p.add_argument("--due", action="store_true",
                   help="only for whose check is due again (see 'campaign due'), asking them to check again")
    p.add_argument("--on", metavar="YYYY-MM-DD", type=_day, default=None,
                   help="with --due: who is due as seen on this day (default: today)")
    _mail_options(p)
    p.set_defaults(func=letters)


def letters(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.employer import campaign_run
    from arbocheck.core.employer.register import Register

    lang_ = lang(args)
    try:
        h = campaign_run.hand_out(Register.open(args.db), args.id, Path(args.codes), Path(args.out),
                                  _letter_lang(args), reminder=args.reminder, due_only=args.due, today=args.on,
                                  **_mail_kwargs(args))
    except Refusal as e:
        err(t("cli.campaign.no_letters", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    except (OSError, UnicodeDecodeError) as e:
        err(t("cli.campaign.no_letters", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    out(t("cli.campaign.letters", lang_, n=h.people, path=h.letters))
    out(t("cli.campaign.merge", lang_, path=h.merge))
    out(t("cli.campaign.mails", lang_, n=len(h.mails), path=h.mails[0].parent if h.mails else args.out))
    out(t("cli.campaign.secret", lang_))
    return EXIT_OK


def add_reissue(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("employee", metavar="EMPLOYEE_ID")
    p.add_argument("--out", required=True, metavar="DIR", help="where the new letter and mail go")
    p.add_argument("--codes", metavar="CODES.csv", help="the codes file to put the new code in")
    p.add_argument("--note", default="", help="why (kept in the register's event trail)")
    _mail_options(p)
    p.set_defaults(func=reissue)


def reissue(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.employer import campaign_run
    from arbocheck.core.trust.keys import KeyFileError

    lang_ = lang(args)
    try:
        got = campaign_run.reissue(employer_register(args.db, lang_), args.id, args.employee, Path(args.out),
                                   _letter_lang(args), codes_path=Path(args.codes) if args.codes else None,
                                   note=args.note or "", **_mail_kwargs(args))
    except (Refusal, KeyFileError, OSError, UnicodeDecodeError) as e:
        err(t("cli.campaign.not_reissued", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    out(t("cli.campaign.reissued", lang_, id=got.employee_id, path=got.handout.letters))
    if args.codes:
        out(t("cli.campaign.codes_updated", lang_, path=args.codes))
    out(t("cli.campaign.secret", lang_))
    return EXIT_OK


def add_missing(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", metavar="CSV", help="write the list as CSV (for the owner only)")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=missing)


def _day(value: str):
    import argparse
    import datetime as _dt

    try:
        return _dt.date.fromisoformat(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from e


def add_due(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--on", metavar="YYYY-MM-DD", type=_day, default=None,
                   help="who is due as seen on this day (default: today)")
    p.add_argument("--out", metavar="CSV", help="write the list as CSV (for the owner only)")
    p.add_argument("--db", metavar="URL")
    p.set_defaults(func=due)


def due(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.employer import campaign_run, overview
    from arbocheck.core.employer.register import Register

    lang_ = lang(args)
    reg = Register.open(args.db)
    try:
        if args.out:
            n = campaign_run.write_due(reg, args.id, Path(args.out), lang_, today=args.on)
            out(t("cli.campaign.due_written", lang_, n=n, path=args.out))
            return EXIT_OK
        rows = campaign_run.due(reg, args.id, today=args.on)
        months = campaign_run.recheck_months_of(reg, args.id)
    except (Refusal, OSError) as e:
        err(t("cli.campaign.no_due", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    from arbocheck.core.common.shown import shown

    for r in rows:
        when = overview.next_due(r, months)
        due_on = when.isoformat() if when else ""
        out(f"{shown(r.employee_id)}\t{shown(r.name)}\t{r.created_at[:10]}\t{due_on}")
    out(t("cli.campaign.due", lang_, n=len(rows), months=months))
    return EXIT_OK


def missing(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.employer import campaign_run
    from arbocheck.core.employer.register import Register

    lang_ = lang(args)
    reg = Register.open(args.db)
    try:
        if args.out:
            n = campaign_run.write_not_handed_in(reg, args.id, Path(args.out), lang_)
            out(t("cli.campaign.missing_written", lang_, n=n, path=args.out))
            return EXIT_OK
        rows = campaign_run.not_handed_in(reg, args.id)
        deadline = campaign_run.deadline_of(reg, args.id)
    except (Refusal, OSError) as e:
        err(t("cli.campaign.no_missing", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    from arbocheck.core.check.textfmt import date
    from arbocheck.core.common.shown import shown

    for r in rows:
        out(f"{shown(r.employee_id)}\t{shown(r.name)}")
    out(t("cli.campaign.missing", lang_, n=len(rows), deadline=date(deadline, lang_)))
    return EXIT_OK
