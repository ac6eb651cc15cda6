"""`arbocheck report build|verify`: the worker's signed RI&E contribution from an answers file,
and the check anyone can run on a report (exit 0 valid, 1 rejected with the reason)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, EXIT_REJECTED, err, lang, out
from arbocheck.core.common.environment import environment
from arbocheck.cli.inputs import campaign_file, usable_answers
from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="rcommand", metavar="ACTION", required=True)
    add_build(sub.add_parser("build", parents=[common], help="answers → signed report PDF (+ personal copy)"))
    add_verify(sub.add_parser("verify", parents=[common], help="check a signed report: exit 0 valid, 1 rejected"))


# -- build -----------------------------------------------------------------------

def add_build(p: argparse.ArgumentParser) -> None:
    photo_arg, caption_arg = _photo_actions()
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--out", required=True, metavar="REPORT.pdf")
    p.add_argument("--personal", metavar="COPY.pdf", help="also write the unsigned personal copy here")
    p.add_argument("--photo", action=photo_arg, metavar="ITEM=PATH",
                   help="add a photo to the section of ITEM (an item or section id); repeatable")
    p.add_argument("--caption", action=caption_arg, metavar="TEXT",
                   help="caption of the --photo just before it (without one a photo has no caption)")
    p.add_argument("--campaign", metavar="FILE", help="the campaign file from the employer")
    p.add_argument("--employee-id", metavar="ID")
    p.add_argument("--code", metavar="CODE", help="the one-time enrolment code from the employer")
    p.add_argument("--expert", metavar="RECIPIENT", help="seal health answers for this age recipient (age1…)")
    p.add_argument("--name", metavar="NAME", help="your name as it appears on the report")
    p.set_defaults(func=build)


def _photo_actions():
    """argparse actions that pair each --caption with the --photo just before it."""
    import argparse

    class PhotoArg(argparse.Action):
        def __call__(self, parser, ns, value, option_string=None):
            setattr(ns, self.dest, list(getattr(ns, self.dest, None) or []) + [[value, None]])

    class CaptionArg(argparse.Action):
        def __call__(self, parser, ns, value, option_string=None):
            photos = getattr(ns, "photo", None) or []
            if not photos or photos[-1][1] is not None:
                parser.error("--caption describes the --photo just before it (one caption per photo)")
            photos[-1][1] = value

    return PhotoArg, CaptionArg


def build(args: argparse.Namespace) -> int:
    from arbocheck.core.check.draft_photos import set_refs
    from arbocheck.core.common.reasons import text_of
    from arbocheck.core.report.build import ExportError, export_report
    from arbocheck.core.trust import keys
    from arbocheck.core.trust.identity import EmployeeIdError
    from arbocheck.core.trust.seal import SealError

    lang_ = lang(args)
    got = usable_answers(args.answers, None, "build", lang_)
    if got is None:
        return EXIT_INPUT
    q, doc = got
    camp = campaign_file(args.campaign, lang_)
    if camp is False:
        return EXIT_INPUT
    photos_ = _photos(q, args.photo or [], lang_)
    if isinstance(photos_, list):
        for p in photos_:
            err(p)
        return EXIT_INPUT
    refs, store = photos_
    meta = dict(doc.meta)
    set_refs(meta, refs)
    key = keys.load_or_create(passphrase=environment().passphrase,
                              common_name=args.name or "arbocheck")  # a KeyFileError is a plain line (base.py)
    personal = Path(args.personal) if args.personal else None
    try:
        ex = export_report(q, doc.answers, meta, store.__getitem__, Path(args.out), personal, key=key,
                           lang=args.lang, signer_name=args.name or str(meta.get("signer_name", "")), campaign=camp,
                           employee_id=args.employee_id, code=args.code or "", expert=args.expert)
    except EmployeeIdError as e:
        err(t("cli.employee_id", lang_, id=repr(args.employee_id), why=e.text(lang_)))
        return EXIT_INPUT
    except (ExportError, SealError, OSError) as e:
        err(t("cli.report.not_made", lang_, why=text_of(e, lang_)))
        return EXIT_INPUT
    out(t("cli.report.signed", lang_, path=args.out))
    if personal:
        out(t("cli.report.personal", lang_, path=personal))
        from arbocheck.core.report.build import html_path

        out(t("cli.report.personal_html", lang_, path=html_path(personal)))
    out(t("cli.report.fingerprint", lang_, fp=key.fingerprint))
    out(t("cli.report.sealed.yes" if ex.sealed else "cli.report.sealed.no_key", lang_))
    return EXIT_OK


def _photos(q, specs: list[list], lang_: str) -> tuple[list, dict] | list[str]:
    """--photo ITEM=PATH [--caption TEXT] (an item or section id) → photo refs and their bytes,
    or problems. A photo has no caption unless one is given: never its file name, which
    can say more than the worker means to ("IMG_..._rugklachten.jpg")."""
    from arbocheck.core.check import photos
    from arbocheck.core.check.draft_photos import CAPTION_MAX, PhotoRef

    refs, store, problems = [], {}, []
    for spec, caption in specs:
        target, sep, path = spec.partition("=")
        section = q.section_of.get(target) or (target if target in q.sections else None)
        if not sep or not path or section is None:
            problems.append(t("cli.photo.form", lang_, spec=spec))
            continue
        caption = (caption or "").strip()
        if len(caption) > CAPTION_MAX:
            problems.append(t("cli.photo.caption_long", lang_, spec=spec, n=CAPTION_MAX))
            continue
        try:
            photo = photos.process(Path(path))
        except photos.PhotoError as e:
            problems.append(t("cli.photo.unusable", lang_, spec=spec, why=e.message(lang_)))
            continue
        store[photo.sha256] = photo.data
        refs.append(PhotoRef(photo.sha256, section, caption))
    return problems or (refs, store)


# -- verify ----------------------------------------------------------------------

def add_verify(p: argparse.ArgumentParser) -> None:
    p.add_argument("report", metavar="REPORT.pdf")
    p.add_argument("--campaign", metavar="FILE")
    p.set_defaults(func=verify)


def verify(args: argparse.Namespace) -> int:
    from arbocheck.core.common.reasons import Refusal
    from arbocheck.core.common.shown import shown
    from arbocheck.core.report import claims
    from arbocheck.core.trust.verify import Rejected, check_campaign, verify as verify_pdf

    lang_ = lang(args)
    name = shown(args.report)
    try:
        data = Path(args.report).read_bytes()
    except OSError as e:
        err(t("cli.cannot_read", lang_, file=name, why=e.strerror or e))
        return EXIT_INPUT
    camp = campaign_file(args.campaign, lang_)
    if camp is False:
        return EXIT_INPUT
    try:
        v = verify_pdf(data)
        a = v.assessment
        if v.report is not None:
            claims.check(a)  # the findings and plan must follow from the answers, as on import
        if camp is not None:
            check_campaign(a, camp)
    except (Rejected, Refusal) as e:
        out(t("cli.verify.rejected", lang_, file=name, why=e.text(lang_)))
        return EXIT_REJECTED
    out(t("cli.verify.valid", lang_, file=name))
    signer = shown(v.signer_name or "—")
    if a.get("format") == "arbocheck-rollup":
        out(t("cli.verify.rollup", lang_, organisation=shown(a.get("organisation")), fp=v.signer_fingerprint,
              n=a.get("handed_in"), date=shown(a.get("created_at"))))
        return EXIT_OK
    if a.get("format") == "arbocheck-advice":
        out(t("cli.verify.advice_by", lang_, name=signer, fp=v.signer_fingerprint))
        out(t("cli.verify.advice", lang_, version=shown(a.get("version")), id=shown(a.get("report_id")),
              revision=a.get("revision"), n=len(a.get("items", [])), date=shown(a.get("created_at"))))
        return EXIT_OK
    r = v.report
    campaign = shown(r.campaign_id) if r.campaign_id else t("cli.verify.not_enrolled", lang_)
    out(t("cli.verify.signed_by", lang_, name=signer, fp=v.signer_fingerprint))
    out(t("cli.verify.report", lang_, id=shown(r.report_id), revision=r.revision, date=shown(r.created_at)))
    out(t("cli.verify.campaign", lang_, campaign=campaign, employee=shown(r.employee_id or "—"))
        + (t("cli.verify.proof", lang_) if r.enrolment_proof else ""))
    out(t("cli.verify.findings", lang_, high=r.counts.high, medium=r.counts.medium, low=r.counts.low))
    out(t("cli.verify.sealed.yes" if v.confidential else "cli.verify.sealed.no", lang_))
    return EXIT_OK
