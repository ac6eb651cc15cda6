"""`arbocheck expert keys|review|advise|advice-report`: the arbo expert's side. The expert's age
identity opens the sealed parts; the review trail and the signed advice stay on this computer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, EXIT_REJECTED, err, json_out, lang, out
from arbocheck.cli.unlock import expert_identity
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse

STATUSES = ("advice_given", "home_visit_needed", "refer_to_physician", "resolved")


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="ecommand", metavar="ACTION", required=True)
    add_keys(sub.add_parser("keys", parents=[common], help="show the expert's age recipient and fingerprint (created "
                                                           "on first use)"))
    add_review(sub.add_parser("review", parents=[common],
                              help="open reports (files or folders) and list flagged items"))
    add_advise(sub.add_parser("advise", parents=[common], help="record a status and advice for one flagged item "
                                                               "(appended to the trail)"))
    add_advice_report(sub.add_parser("advice-report", parents=[common],
                                     help="signed advice: worker and employer versions"))


# -- keys ------------------------------------------------------------------------

def add_keys(p: argparse.ArgumentParser) -> None:
    p.set_defaults(func=keys)


def keys(args: argparse.Namespace) -> int:
    ident = expert_identity(lang(args))
    if ident is None:
        return EXIT_INPUT
    out(t("cli.expert.recipient", lang(args), recipient=ident.recipient))
    out(t("cli.expert.fingerprint", lang(args), fp=ident.fingerprint))
    return EXIT_OK


# -- review ----------------------------------------------------------------------

def add_review(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--db", metavar="URL", help="also review every report stored in this employer's register")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=review)


def review(args: argparse.Namespace) -> int:
    from arbocheck.core.expert import identity, queue
    from arbocheck.core.expert.trail import ReviewTrail

    lang_ = lang(args)
    ident = expert_identity(lang_)
    if ident is None:
        return EXIT_INPUT
    files = queue.report_files(args.paths)
    if args.db:
        from arbocheck.core.employer.register import Register

        files += Register.open(args.db).stored_pdfs()
    if not files:
        err(t("cli.expert.no_reports", lang_))
        return EXIT_INPUT
    reports = [queue.open_report(p, ident) for p in files]
    items = queue.review_items(reports)
    current = ReviewTrail(identity.trail_path()).current()
    if args.json:
        json_out({"reports": [{"file": str(r.path), "accepted": r.accepted, "reason": r.reason,
                               "report_id": r.report_id, "worker": r.worker if r.accepted else None,
                               "sealed": r.sealed_state} for r in reports],
                  "items": [dict(it.__dict__, norms=list(it.norms),
                                 status=current[it.key].status if it.key in current else None) for it in items]})
        return EXIT_OK
    for r in reports:
        out(t("cli.expert.accepted", lang_, file=r.path.name, worker=r.worker,
              sealed=t(f"cli.expert.sealed.{r.sealed_state}", lang_)) if r.accepted
            else t("cli.verify.rejected", lang_, file=r.path.name, why=r.reason))
    out()
    for it in items:
        status = current[it.key].status if it.key in current else "open"
        out(f"[{t('priority.' + it.priority, args.lang).upper()}] {it.worker}: {it.title}"
            f"{t('cli.expert.health', lang_) if it.health else ''} — {status} — {it.report_id} {it.rule}")
    return EXIT_OK


# -- advise ----------------------------------------------------------------------

def add_advise(p: argparse.ArgumentParser) -> None:
    p.add_argument("report_id")
    p.add_argument("rule")
    p.add_argument("--status", required=True, choices=STATUSES)
    p.add_argument("--text", default="")
    p.add_argument("--employer-measure", action="append", metavar="MEASURE",
                   help="a measure (from the questionnaire's catalogue) the employer should take for a confidential "
                        "point; the employer's advice names it without the point or its reason (repeatable)")
    p.set_defaults(func=advise)


def advise(args: argparse.Namespace) -> int:
    from arbocheck.core.expert import identity
    from arbocheck.core.expert.trail import ReviewTrail

    # A TrailError (an unknown report or rule, a status that does not fit) or an OSError is a plain line (base.py).
    ev = ReviewTrail(identity.trail_path()).append(args.report_id, args.rule, args.status, args.text,
                                                   employer_measures=args.employer_measure or [])
    out(t("cli.expert.recorded", lang(args), id=ev.report_id, rule=ev.rule, status=ev.status, at=ev.at))
    return EXIT_OK


# -- advice-report ---------------------------------------------------------------

def add_advice_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("report", metavar="REPORT.pdf")
    p.add_argument("--worker-out", required=True, metavar="PDF")
    p.add_argument("--employer-out", required=True, metavar="PDF")
    p.add_argument("--name", required=True, help="your name as the signing expert")
    p.set_defaults(func=advice_report)


def advice_report(args: argparse.Namespace) -> int:
    from arbocheck.core.common.storage import atomic_write
    from arbocheck.core.expert import advice, identity, queue
    from arbocheck.core.expert.trail import ReviewTrail
    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.trust import keys as keys_mod

    lang_ = lang(args)
    ident = expert_identity(lang_)
    if ident is None:
        return EXIT_INPUT
    rep = queue.open_report(Path(args.report), ident)
    if not rep.accepted:
        err(t("cli.verify.rejected", lang_, file=args.report, why=rep.reason))
        return EXIT_REJECTED
    qref = rep.report.questionnaire
    q = qloader.find(qref.id, qref.version)  # not there: a plain line (base.py), exit 2
    key = keys_mod.load_or_create(identity.expert_dir() / "signing", common_name=args.name)
    made = advice.build(rep, ReviewTrail(identity.trail_path()).current(), q, key, args.name, args.lang)
    atomic_write(Path(args.worker_out), made.worker_pdf, keep_previous=False, mode=0o600)
    atomic_write(Path(args.employer_out), made.employer_pdf, keep_previous=False, mode=0o644)
    out(t("cli.expert.advice_worker", lang_, path=args.worker_out, n=len(made.worker_doc["items"])))
    out(t("cli.expert.advice_employer", lang_, path=args.employer_out, n=len(made.employer_doc["items"])))
    return EXIT_OK
