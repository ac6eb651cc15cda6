"""Command line: every capability is reachable without a screen (DESIGN.md §5).

Exit codes: 0 done, 1 rejected (verification), 2 bad input or usage.
Problems are printed in plain words; no tracebacks for a user's mistake.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

from arbocheck import __version__
from arbocheck.core.common.reasons import text_of

EXIT_OK, EXIT_REJECTED, EXIT_INPUT = 0, 1, 2


def _out(text: str = "") -> None:
    print(text)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _reason_lang(args: argparse.Namespace) -> str:
    """The register, report and campaign commands speak English, like scripts expect; their
    reasons follow an explicit --lang."""
    return args.explicit_lang or "en"


def _json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- questionnaire ---------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    from arbocheck.core.questionnaire import loader as qloader

    bad = 0
    for name in args.paths:
        try:
            q = qloader.load(name)
        except qloader.QuestionnaireError as e:
            bad += 1
            for p in e.problems:
                _err(str(p))
            continue
        _out(f"{name}: ok ({q.id} {q.version}: {len(q.data.sections)} sections, "
             f"{len(q.items)} items, {len(q.data.rules)} rules)")
        for w in q.warnings:
            _err(f"warning: {w}")
    return EXIT_INPUT if bad else EXIT_OK


def _load_questionnaire(path: str | None):
    from arbocheck.core.questionnaire import loader as qloader

    if path:
        return qloader.load(path)
    return qloader.find("thuiswerkplek")


def cmd_show(args: argparse.Namespace) -> int:
    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.questionnaire.conditions import leaves
    from arbocheck.core.common.i18n import t

    try:
        q = _load_questionnaire(args.path)
    except qloader.QuestionnaireError as e:
        for p in e.problems:
            _err(str(p))
        return EXIT_INPUT
    except LookupError as e:
        _err(str(e))
        return EXIT_INPUT
    if args.json:
        data = q.data.model_dump(mode="json", by_alias=True, exclude_none=True)
        _json({"id": q.id, "version": q.version, "sha256": q.sha256, **data})
        return EXIT_OK
    lang = args.lang
    _out(f"{q.data.title.get(lang)} — {q.id} {q.version}")
    for sec in q.data.sections:
        _out(f"\n{sec.title.get(lang)} [{sec.id}]")
        for it in sec.items:
            marks = [it.type]
            if it.required:
                marks.append(t("required", lang))
            if it.health:
                marks.append(t("health_item", lang))
            if it.show_if is not None:
                marks.append(t("shown_if", lang) + " " + ", ".join(sorted({lf.item for lf in leaves(it.show_if)})))
            _out(f"  {it.id:<34} {it.text.get(lang)}  ({'; '.join(marks)})")
    _out(f"\n{len(q.items)} items, {len(q.data.rules)} rules")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from arbocheck.core.questionnaire import schema
    from arbocheck.core.common.storage import atomic_write

    text = schema.dumps()
    if args.out:
        atomic_write(args.out, text.encode("utf-8"), keep_previous=False, mode=0o644)
        _out(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


# -- evaluate --------------------------------------------------------------

def _read_answers(path: str, questionnaire: str | None):
    """(questionnaire, doc) or a list of problems."""
    from arbocheck.core.check import answers
    from arbocheck.core.questionnaire import loader as qloader

    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        return [f"cannot read {path}: {e.strerror or e}"]
    try:
        doc = answers.loads(raw)
    except answers.AnswersError as e:
        return e.problems
    try:
        q = qloader.load(questionnaire) if questionnaire else qloader.find(doc.questionnaire_id,
                                                                           doc.questionnaire_version)
    except (LookupError, qloader.QuestionnaireError) as e:
        return [str(e)]
    problems = []
    if (doc.questionnaire_id, doc.questionnaire_version or q.version) != (q.id, q.version):
        problems.append(f"the answers are for questionnaire '{doc.questionnaire_id}' "
                        f"{doc.questionnaire_version}, not '{q.id}' {q.version}")
    problems += answers.problems(q, doc.answers)
    return problems or (q, doc)


def _usable_answers(path: str, questionnaire: str | None, purpose: str):
    """(questionnaire, doc), or None after listing every problem on stderr."""
    got = _read_answers(path, questionnaire)
    if isinstance(got, list):
        _err(f"{path}: cannot {purpose}:")
        for p in got:
            _err(f"  - {p}")
        return None
    return got


def cmd_evaluate(args: argparse.Namespace) -> int:
    from arbocheck.core.check.rules import evaluate

    got = _usable_answers(args.answers, args.questionnaire, "evaluate these answers")
    if got is None:
        return EXIT_INPUT
    q, doc = got
    ev = evaluate(q, doc.answers, args.lang)
    if args.json:
        _json(ev.to_json())
    else:
        _print_evaluation(ev)
    return EXIT_OK


def _print_evaluation(ev) -> None:
    from arbocheck.core.common.i18n import t

    lang = ev.lang
    c = ev.counts()
    _out(f"{ev.questionnaire_id} {ev.questionnaire_version}: "
         + t("summary", lang, n=len(ev.findings), **c))
    _out()
    if ev.state == "empty":
        _out(t("state.empty", lang))
    elif ev.state == "incomplete":
        _out(t("state.incomplete" if ev.findings else "state.incomplete.none", lang, n=len(ev.missing)))
    elif not ev.findings:
        _out(t("no_findings", lang))
    if ev.warnings:
        _out()
        _out(t("warnings", lang) + ":")
        for w in ev.warnings:
            _out(f"  ! {w.message} ({t('warning.' + w.severity, lang)}; {', '.join(w.items)})")
    _out()
    for f in ev.findings:
        _out(f"[{t('priority.' + f.priority, lang).upper()}] {f.title}")
        _out(f"    {t('owner', lang)}: {t('owner.' + f.owner, lang)} · {f.item}"
             + (f" · {t('health_sealed', lang)}" if f.health else ""))
        _out(f"    {f.advice}")
        if f.outside_scope:
            _out(f"    ({t('norm.outside_scope', lang)})")
        for n in f.norms:
            _out(f"    {t('norm', lang)} ({t('norm.status.' + n.status, lang)}): {n.title}. {n.source}")
        _out()
    if ev.plan:
        _out(t("action_plan", lang))
        for p in ev.plan:
            extra = (f", {t('provision', lang)}" if p.provision else "") + (
                f", {t('provision.arbo', lang)}" if p.exemption == "arbo" else "")
            _out(f"  - {p.text} ({t('owner.' + p.owner, lang)}, {t('priority.' + p.priority, lang)}, "
                 f"{p.term_label}{extra})")
    if ev.missing:
        _out()
        _out(f"{t('missing', lang)}: {', '.join(ev.missing)}")


# -- report --------------------------------------------------------------

def _photo_args(q, specs: list[list]) -> tuple[list, dict] | list[str]:
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
            problems.append(f"--photo {spec}: expected ITEM=PATH with an item or section id")
            continue
        caption = (caption or "").strip()
        if len(caption) > CAPTION_MAX:
            problems.append(f"--photo {spec}: a caption has at most {CAPTION_MAX} characters")
            continue
        try:
            photo = photos.process(Path(path))
        except photos.PhotoError as e:
            problems.append(f"--photo {spec}: {e.message_en}")
            continue
        store[photo.sha256] = photo.data
        refs.append(PhotoRef(photo.sha256, section, caption))
    return problems or (refs, store)


def _campaign_arg(path: str | None):
    """The campaign named by --campaign, None without one, False (reported) when unusable."""
    from arbocheck.core.trust import campaign as campaign_mod

    if not path:
        return None
    try:
        return campaign_mod.load(Path(path).read_bytes())
    except OSError as e:
        _err(f"{path}: {e.strerror or e}")
    except campaign_mod.CampaignError as e:
        _err(f"{path}: {e}")
    return False


def cmd_report_build(args: argparse.Namespace) -> int:
    from arbocheck.core.trust import campaign as campaign_mod
    from arbocheck.core.trust import keys
    from arbocheck.core.report.assessment import ReportMeta
    from arbocheck.core.check.draft_photos import set_refs
    from arbocheck.core.report.build import ExportError, build, write
    from arbocheck.core.trust.seal import SealError, parse_recipient

    got = _usable_answers(args.answers, None, "build a report from these answers")
    if got is None:
        return EXIT_INPUT
    q, doc = got
    camp = _campaign_arg(args.campaign)
    if camp is False:
        return EXIT_INPUT
    photos_ = _photo_args(q, args.photo or [])
    if isinstance(photos_, list):
        for p in photos_:
            _err(p)
        return EXIT_INPUT
    refs, store = photos_
    meta = dict(doc.meta)
    set_refs(meta, refs)
    try:
        key = keys.load_or_create(passphrase=os.environ.get("ARBOCHECK_PASSPHRASE") or None,
                                  common_name=args.name or "arbocheck")
    except keys.KeyFileError as e:
        _err(str(e))
        return EXIT_INPUT
    rm = ReportMeta(signer_name=args.name or str(meta.get("signer_name", "")), fingerprint=key.fingerprint,
                    lang=args.lang)
    expert = args.expert
    from arbocheck.core.trust.identity import EmployeeIdError, normalise_or_none

    try:
        employee = normalise_or_none(args.employee_id)
    except EmployeeIdError as e:
        _err(f"--employee-id {args.employee_id!r}: {e.text(_reason_lang(args))}")
        return EXIT_INPUT
    if camp is not None:
        rm.organisation, rm.campaign_id = camp.organisation, camp.campaign_id
        expert = expert or camp.expert_recipient
        if employee and args.code:
            rm.employee_id = employee
            rm.enrolment_proof = campaign_mod.enrolment_proof(args.code, camp.campaign_id, employee, key.spki_der)
    elif employee:
        rm.employee_id = employee
    if expert:
        try:
            parse_recipient(expert)
        except SealError as e:
            _err(str(e))
            return EXIT_INPUT
    try:
        ex = build(q, doc.answers, meta, key, rm, store.__getitem__, expert_recipient=expert)
        personal = Path(args.personal) if args.personal else None
        write(ex, Path(args.out), personal)
    except (ExportError, SealError, OSError) as e:
        _err(f"the report was not made: {e}")
        return EXIT_INPUT
    _out(f"signed report: {args.out}")
    if personal:
        _out(f"personal copy (do not share): {personal}")
    _out(f"signing key fingerprint: {key.fingerprint}")
    _out("sealed part for the arbo expert: " + ("yes" if ex.sealed else "no (no expert key)"))
    return EXIT_OK


def cmd_report_verify(args: argparse.Namespace) -> int:
    from arbocheck.core.report import claims
    from arbocheck.core.common.reasons import Refusal
    from arbocheck.core.common.shown import shown
    from arbocheck.core.trust.verify import Rejected, check_campaign, verify

    try:
        data = Path(args.report).read_bytes()
    except OSError as e:
        _err(f"cannot read {shown(args.report)}: {e.strerror or e}")
        return EXIT_INPUT
    camp = _campaign_arg(args.campaign)
    if camp is False:
        return EXIT_INPUT
    try:
        v = verify(data)
        a = v.assessment
        if a.get("format") == "arbocheck-assessment":
            a = claims.check(a)  # the findings and plan must follow from the answers, as on import
        if camp is not None:
            check_campaign(a, camp)
    except (Rejected, Refusal) as e:
        _out(f"{shown(args.report)}: rejected: {e.text(_reason_lang(args))}")
        return EXIT_REJECTED
    if a.get("format") == "arbocheck-rollup":
        _out(f"{shown(args.report)}: valid")
        _out(f"  RI&E roll-up of {shown(a.get('organisation'))}, signed by key {v.signer_fingerprint}; "
             f"{a.get('handed_in')} reports, {shown(a.get('created_at'))}")
        return EXIT_OK
    if a.get("format") == "arbocheck-advice":
        _out(f"{shown(args.report)}: valid")
        _out(f"  advice by: {shown(v.signer_name or '—')} (key {v.signer_fingerprint})")
        _out(f"  {shown(a.get('version'))} version of the advice on report {shown(a.get('report_id'))} "
             f"revision {a.get('revision')}, {len(a.get('items', []))} points, {shown(a.get('created_at'))}")
        return EXIT_OK
    counts = a.get("counts", {})
    _out(f"{shown(args.report)}: valid")
    _out(f"  signed by: {shown(v.signer_name or '—')} (key {v.signer_fingerprint})")
    _out(f"  report: {shown(a.get('report_id'))} revision {a.get('revision')}, {shown(a.get('created_at'))}")
    _out(f"  campaign: {shown(a.get('campaign_id') or 'none (not enrolled)')}; "
         f"employee: {shown(a.get('employee_id') or '—')}"
         + ("; enrolment proof present" if a.get("enrolment_proof") else ""))
    _out(f"  findings: {counts.get('high', 0)} high, {counts.get('medium', 0)} medium, {counts.get('low', 0)} low")
    _out("  sealed part for the arbo expert: " + ("yes" if v.confidential else "no"))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from arbocheck.core.samples.demo import DemoError, make_demo

    try:
        files = make_demo(Path(args.out), args.lang)
    except DemoError as e:
        _err(str(e))
        return EXIT_INPUT
    for label, path in files.items():
        _out(f"{label}: {path}")
    return EXIT_OK


# -- keys ----------------------------------------------------------------

def _ask(prompt: str) -> str | None:
    """A passphrase typed at the terminal (never echoed), or None without one."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    import getpass

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


def _new_passphrase(role: str) -> str | None:
    first = _ask(f"choose a passphrase for the {role}'s key: ")
    if first is None:
        return None
    if _ask("the same passphrase again: ") != first:
        from arbocheck.core.trust.keyguard import KeyLocked

        raise KeyLocked("keys.passphrase_differs")
    return first


def _unlock(role: str, open_key, method_of, env: str):
    """Open (or on first use make) a protected key: the passphrase from `env`, else asked at the
    terminal; on first use without ARBOCHECK_KEY_PROTECTION the terminal asks how to keep it."""
    from arbocheck.core.trust import keyguard

    try:
        return open_key(None, None)
    except keyguard.KeyLocked as e:
        if e.key == "keys.needs_passphrase":
            typed = _ask(f"passphrase of the {role}'s key ({env} for scripts): ")
            if typed is not None:
                return open_key(typed, None)
        elif e.key == "keys.choose" and method_of() is None and sys.stdin and sys.stdin.isatty():
            answer = (_ask(f"the {role}'s key is new: keep it in the system keyring (k) or protect it with a "
                           f"passphrase (p)? ") or "").strip().lower()
            if answer.startswith("k"):
                return open_key(None, "keyring")
            if answer.startswith("p"):
                return open_key(_new_passphrase(role), "passphrase")
        raise


def _employer_key(organisation: str = "arbocheck"):
    from arbocheck.core.employer import campaign_setup

    key = _unlock("employer", lambda pw, method: campaign_setup.employer_key(organisation, pw, method),
                  campaign_setup.employer_key_method, campaign_setup.PASSPHRASE_ENV)
    if campaign_setup.employer_key_method() == "clear":
        _err("warning: the employer's key is stored in clear; protect it: arbocheck keys protect employer --with "
             "passphrase|keyring")
    return key


def _employer_register(url: str | None):
    """The register with the employer's key, for commands that write (each write is signed)."""
    from arbocheck.core.employer import campaign_setup

    return campaign_setup.open_register(url, key=_employer_key())


def cmd_keys_status(args: argparse.Namespace) -> int:
    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.expert import queue as expert
    from arbocheck.core.expert import identity as expert_identity
    from arbocheck.core.trust import keyguard

    for role, method in (("employer", campaign_setup.employer_key_method()), ("expert", expert_identity.key_method())):
        _out(f"{role}: " + {None: "no key yet", "clear": "stored IN CLEAR (protect it: arbocheck keys protect "
                                                         f"{role} --with passphrase|keyring)",
                            "passphrase": "protected by a passphrase", "keyring": "kept in the system keyring"}[method])
    _out("system keyring: " + ("available" if keyguard.keyring_available() else "not available"))
    return EXIT_OK


def cmd_keys_protect(args: argparse.Namespace) -> int:
    """Protect a key made by an earlier version (or change how it is kept)."""
    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.expert import queue as expert
    from arbocheck.core.expert import identity as expert_identity
    from arbocheck.core.trust import keyguard

    try:
        if args.role == "employer":
            _employer_key()
            new = None if args.method == "keyring" else (os.environ.get("ARBOCHECK_NEW_PASSPHRASE")
                                                         or _new_passphrase("employer"))
            campaign_setup.protect_employer_key(args.method, new)
        else:
            old = os.environ.get(expert_identity.PASSPHRASE_ENV) or None
            if expert_identity.key_method() == "passphrase" and not old:
                old = _ask("current passphrase of the expert's key: ")
            new = None if args.method == "keyring" else (os.environ.get("ARBOCHECK_NEW_PASSPHRASE")
                                                         or _new_passphrase("expert"))
            expert_identity.protect(args.method, new, old)
    except keyguard.KeyLocked as e:
        _err(f"the key was not protected: {e.text(_reason_lang(args))}")
        return EXIT_INPUT
    _out(f"the {args.role}'s key is now " + ("kept in the system keyring" if args.method == "keyring"
                                              else "protected by a passphrase"))
    return EXIT_OK


# -- campaign --------------------------------------------------------------

def cmd_campaign_create(args: argparse.Namespace) -> int:
    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.trust.campaign import CampaignError
    from arbocheck.core.trust.keys import KeyFileError

    try:
        employees_csv = Path(args.employees).read_text(encoding="utf-8-sig")
        key = _employer_key(args.organisation)
        reg = campaign_setup.open_register(args.db, key=key)
        new = campaign_setup.make(organisation=args.organisation, campaign_id=args.id, deadline=args.deadline,
                                  employees_csv=employees_csv, expert_recipient=args.expert,
                                  questionnaire=args.questionnaire, version=args.version, register=reg, key=key)
        campaign_setup.save(new, Path(args.out), Path(args.codes), reg)
    except CampaignError as e:
        _err(f"the campaign was not made: {e.text(_reason_lang(args))}")
        return EXIT_INPUT
    except KeyFileError as e:
        _err(f"the campaign was not made: {text_of(e, _reason_lang(args))}")
        return EXIT_INPUT
    except (LookupError, UnicodeDecodeError) as e:
        _err(f"the campaign was not made: {e}")
        return EXIT_INPUT
    except OSError as e:
        _err(f"the campaign was not made: {e.filename or ''} {e.strerror or e}".strip())
        return EXIT_INPUT
    camp = new.campaign
    _out(f"campaign file (for every employee): {args.out}")
    _out(f"one-time enrolment codes for {len(new.employees)} employees (hand out separately): {args.codes}")
    _out("registered in the register (which keeps no code, only what checks a proof), so 'register import' checks "
         "the enrolment codes")
    _out(f"employer key fingerprint: {camp.employer_fingerprint}")
    if camp.expert_fingerprint:
        _out(f"arbo expert key fingerprint: {camp.expert_fingerprint}")
    return EXIT_OK


def cmd_campaign_close(args: argparse.Namespace) -> int:
    from arbocheck.core.trust.campaign import CampaignError
    from arbocheck.core.trust.keys import KeyFileError

    try:
        n = _employer_register(args.db).close_campaign(args.id, args.note or "")
    except (CampaignError, KeyFileError) as e:
        _err(f"the campaign was not closed: {text_of(e, _reason_lang(args))}")
        return EXIT_INPUT
    _out(f"campaign {args.id} closed: the register deleted what checked its {n} enrolment codes; "
         f"reports of it are no longer accepted")
    return EXIT_OK


# -- register --------------------------------------------------------------

def cmd_register_import(args: argparse.Namespace) -> int:
    from arbocheck.core.trust.campaign import CampaignError
    from arbocheck.core.employer.campaign_setup import read_codes
    from arbocheck.core.employer.importer import import_files
    from arbocheck.core.trust.keys import KeyFileError

    camp = _campaign_arg(args.campaign)
    if camp is False:
        return EXIT_INPUT
    try:
        codes = read_codes(Path(args.codes)) if args.codes else None
    except CampaignError as e:
        _err(e.text(_reason_lang(args)))
        return EXIT_INPUT
    # One line per file; its name is escaped (core/shown.py), so no name can forge a line.
    try:
        reg = _employer_register(args.db)
    except KeyFileError as e:
        _err(f"nothing was imported: {text_of(e, _reason_lang(args))}")
        return EXIT_INPUT
    outcomes = import_files(reg, args.paths, campaign=camp, codes=codes,
                            progress=lambda pct, o: _out(o.line(_reason_lang(args))))
    ok = sum(o.accepted for o in outcomes)
    skipped = sum(o.skipped for o in outcomes)
    _out(f"{ok} accepted, {len(outcomes) - ok - skipped} rejected" + (f", {skipped} skipped" if skipped else ""))
    return EXIT_OK if ok == len(outcomes) else EXIT_REJECTED


def cmd_register_export(args: argparse.Namespace) -> int:
    from arbocheck.core.employer import exports, overview
    from arbocheck.core.employer.register import Register
    from arbocheck.core.common.storage import atomic_write

    rows = overview.action_list(Register.open(args.db), args.campaign_id)
    data = exports.action_file(rows, args.format, args.lang)
    atomic_write(Path(args.out), data, keep_previous=False, mode=0o600)
    _out(f"action list ({len(rows)} open measures): {args.out}")
    return EXIT_OK


def cmd_register_summary(args: argparse.Namespace) -> int:
    from arbocheck.core.employer import exports, overview
    from arbocheck.core.trust.keys import KeyFileError
    from arbocheck.core.employer.register import Register
    from arbocheck.core.common.storage import atomic_write

    reg = Register.open(args.db)
    ov = overview.summary(reg, args.campaign_id)
    organisation = args.organisation or exports.organisation_of(reg.campaigns(), args.campaign_id)
    if not organisation:
        _err("name the organisation with --organisation (no registered campaign names it)")
        return EXIT_INPUT
    try:
        key = _employer_key(organisation)
    except KeyFileError as e:
        _err(f"the roll-up was not made: {text_of(e, _reason_lang(args))}")
        return EXIT_INPUT
    pdf = exports.summary_pdf(ov, organisation, key, args.lang, exports.section_titles(args.lang),
                              exports.measure_titles(args.lang))
    atomic_write(Path(args.out), pdf, keep_previous=False, mode=0o644)
    _out(f"signed RI&E roll-up ({ov.handed_in} reports): {args.out}")
    return EXIT_OK


def cmd_register_verify(args: argparse.Namespace) -> int:
    from arbocheck.core.employer import campaign_setup, checkpoints
    from arbocheck.core.trust.keys import KeyFileError
    from arbocheck.core.employer.register import Register, default_url

    url = args.db or default_url()
    if args.rebuild:
        try:
            reg = _employer_register(args.db)
        except KeyFileError as e:
            _err(f"nothing was rebuilt: {text_of(e, _reason_lang(args))}")
            return EXIT_INPUT
        refused = reg.rebuild_overview(accept_unsigned=args.accept_unsigned)
        _out("overview counts recomputed from the stored reports")
        if refused:
            _out("NOT signed: the register does not match its newest signed checkpoint, so a new one would "
                 "hide this:" if any("checkpoint" in p and "added" not in p for p in refused) else
                 "NOT signed: rows were added that no signed checkpoint covers; check them, and only if they are "
                 "yours sign them with --accept-unsigned:")
            for p in refused:
                _out(f"  {p}")
        else:
            _out("a new checkpoint was signed with the employer's key")
    else:
        reg = Register.open(url, witness=checkpoints.witness_path(campaign_setup.employer_dir() / "checkpoints", url))
    spki = campaign_setup.employer_spki()
    problems = reg.verify(trusted=[spki] if spki else None)
    for p in problems:
        _out(p)
    if not spki:
        _out("(no employer key on this computer: checkpoints were checked against the key that signed the first one)")
    _out("register: " + ("intact" if not problems else f"{len(problems)} problem(s)"))
    return EXIT_OK if not problems else EXIT_REJECTED


# -- expert --------------------------------------------------------------

def _expert_identity():
    from arbocheck.core.expert import queue as expert
    from arbocheck.core.expert import identity as expert_identity

    try:
        ident = _unlock("expert", lambda pw, method: expert_identity.load_or_create(passphrase=pw, method=method),
                        expert_identity.key_method, expert_identity.PASSPHRASE_ENV)
    except expert_identity.ExpertError as e:
        _err(f"the expert's key cannot be used: {e}")
        return None
    if expert_identity.key_method() == "clear":
        _err("warning: the expert's key is stored in clear; protect it: arbocheck keys protect expert --with "
             "passphrase|keyring")
    return ident


def cmd_expert_keys(args: argparse.Namespace) -> int:
    ident = _expert_identity()
    if ident is None:
        return EXIT_INPUT
    _out(f"recipient (give this to employers for their campaigns): {ident.recipient}")
    _out(f"fingerprint: {ident.fingerprint}")
    return EXIT_OK


def cmd_expert_review(args: argparse.Namespace) -> int:
    from arbocheck.core.expert import queue as expert
    from arbocheck.core.expert import identity as expert_identity
    from arbocheck.core.common.i18n import t
    from arbocheck.core.expert.trail import ReviewTrail

    ident = _expert_identity()
    if ident is None:
        return EXIT_INPUT
    files = expert.report_files(args.paths)
    if args.db:
        from arbocheck.core.employer.register import Register

        files += Register.open(args.db).stored_pdfs()
    if not files:
        _err("no reports: name files or folders, or a register with --db")
        return EXIT_INPUT
    reports = [expert.open_report(p, ident) for p in files]
    items = expert.review_items(reports)
    current = ReviewTrail(expert_identity.trail_path()).current()
    if args.json:
        _json({"reports": [{"file": str(r.path), "accepted": r.accepted, "reason": r.reason,
                            "report_id": r.report_id, "worker": r.worker if r.accepted else None,
                            "sealed": r.sealed_state} for r in reports],
               "items": [dict(it.__dict__, norms=list(it.norms),
                              status=current[it.key].status if it.key in current else None) for it in items]})
        return EXIT_OK
    sealed = {"opened": "sealed part opened", "other_expert": "sealed for another expert",
              "none": "no sealed part", "damaged": "sealed part damaged"}
    for r in reports:
        _out(f"{r.path.name}: " + (f"accepted, {r.worker}, {sealed[r.sealed_state]}" if r.accepted
                                   else f"rejected: {r.reason}"))
    _out()
    for it in items:
        status = current[it.key].status if it.key in current else "open"
        _out(f"[{t('priority.' + it.priority, args.lang).upper()}] {it.worker}: {it.title}"
             f"{' (health)' if it.health else ''} — {status} — {it.report_id} {it.rule}")
    return EXIT_OK


def cmd_expert_advise(args: argparse.Namespace) -> int:
    from arbocheck.core.expert import queue as expert
    from arbocheck.core.expert import identity as expert_identity
    from arbocheck.core.expert.trail import ReviewTrail, TrailError

    try:
        ev = ReviewTrail(expert_identity.trail_path()).append(args.report_id, args.rule, args.status, args.text,
                                                     employer_measures=args.employer_measure or [])
    except (TrailError, OSError) as e:
        _err(str(e))
        return EXIT_INPUT
    _out(f"recorded: {ev.report_id} {ev.rule} {ev.status} at {ev.at}")
    return EXIT_OK


def cmd_expert_report(args: argparse.Namespace) -> int:
    from arbocheck.core.expert import advice, queue as expert
    from arbocheck.core.expert import identity as expert_identity
    from arbocheck.core.trust import keys
    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.expert.trail import ReviewTrail
    from arbocheck.core.common.storage import atomic_write

    ident = _expert_identity()
    if ident is None:
        return EXIT_INPUT
    rep = expert.open_report(Path(args.report), ident)
    if not rep.accepted:
        _err(f"{args.report}: rejected: {rep.reason}")
        return EXIT_REJECTED
    qref = rep.assessment.get("questionnaire") or {}
    try:
        q = qloader.find(str(qref.get("id")), str(qref.get("version")))
    except LookupError as e:
        _err(str(e))
        return EXIT_INPUT
    key = keys.load_or_create(expert_identity.expert_dir() / "signing", common_name=args.name)
    out = advice.build(rep, ReviewTrail(expert_identity.trail_path()).current(), q, key, args.name,
                       args.lang)
    atomic_write(Path(args.worker_out), out.worker_pdf, keep_previous=False, mode=0o600)
    atomic_write(Path(args.employer_out), out.employer_pdf, keep_previous=False, mode=0o644)
    _out(f"advice for the worker: {args.worker_out} ({len(out.worker_doc['items'])} points)")
    _out(f"advice for the employer, without health data: {args.employer_out} "
         f"({len(out.employer_doc['items'])} points)")
    return EXIT_OK


# -- gui -------------------------------------------------------------------

def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from arbocheck.ui.app import run  # type: ignore[import-not-found]
    except ImportError as e:  # Qt missing or damaged in this installation
        _err(f"De grafische interface kan niet starten ({e}); de opdrachtregel werkt wel (arbocheck --help).\n"
             f"The graphical interface cannot start ({e}); the command line works (arbocheck --help).")
        return EXIT_INPUT
    return run(role=args.role, lang=args.explicit_lang, db=args.db)


def cmd_screenshots(args: argparse.Namespace) -> int:
    try:
        from arbocheck.ui.screenshots import render
    except ImportError as e:
        _err(f"the graphical interface cannot start: {e}")
        return EXIT_INPUT
    from arbocheck.core.samples.demo import DemoError

    try:
        paths = render(Path(args.out), args.lang)
    except DemoError as e:
        _err(str(e))
        return EXIT_INPUT
    _out(f"wrote {len(paths)} images to {args.out}")
    return EXIT_OK


# -- parser ----------------------------------------------------------------

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


def build_parser() -> argparse.ArgumentParser:
    import argparse

    photo_arg, caption_arg = _photo_actions()

    from arbocheck.core.common.i18n import LANGS

    lang = argparse.ArgumentParser(add_help=False)  # --lang may stand before or after the command
    lang.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                      help="language of the output: nl (default) or en")

    p = argparse.ArgumentParser(prog="arbocheck",
                                description="Home-workplace arbo self-assessment (thuiswerkplek-check).")
    p.add_argument("--lang", choices=LANGS, default=None,
                   help="language of the output: nl (default) or en")
    p.add_argument("--version", action="version", version=f"arbocheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    g = sub.add_parser("gui", parents=[lang], help="start the graphical program")
    g.add_argument("--role", choices=("worker", "employer", "expert"))
    g.add_argument("--db", metavar="URL", help="the employer's register (employer and expert; default: SQLite in "
                                               "the user data folder)")
    g.set_defaults(func=cmd_gui)

    sh = sub.add_parser("screenshots", parents=[lang],
                        help="render every wizard page with a sample worker to PNG (offscreen)")
    sh.add_argument("--out", required=True, metavar="DIR")
    sh.set_defaults(func=cmd_screenshots)

    qp = sub.add_parser("questionnaire", help="check or show questionnaire files")
    qsub = qp.add_subparsers(dest="qcommand", metavar="ACTION", required=True)
    v = qsub.add_parser("validate", help="validate questionnaire YAML files")
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.set_defaults(func=cmd_validate)
    s = qsub.add_parser("show", parents=[lang], help="show a questionnaire (default: thuiswerkplek)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("path", nargs="?", metavar="PATH")
    s.set_defaults(func=cmd_show)

    sc = qsub.add_parser("schema", help="print (or write) the JSON Schema of the questionnaire format")
    sc.add_argument("--out", metavar="PATH")
    sc.set_defaults(func=cmd_schema)

    rp = sub.add_parser("report", help="build or verify a signed RI&E contribution")
    rsub = rp.add_subparsers(dest="rcommand", metavar="ACTION", required=True)
    rb = rsub.add_parser("build", parents=[lang], help="answers → signed report PDF (+ personal copy)")
    rb.add_argument("answers", metavar="ANSWERS.json")
    rb.add_argument("--out", required=True, metavar="REPORT.pdf")
    rb.add_argument("--personal", metavar="COPY.pdf", help="also write the unsigned personal copy here")
    rb.add_argument("--photo", action=photo_arg, metavar="ITEM=PATH",
                    help="add a photo to the section of ITEM (an item or section id); repeatable")
    rb.add_argument("--caption", action=caption_arg, metavar="TEXT",
                    help="caption of the --photo just before it (without one a photo has no caption)")
    rb.add_argument("--campaign", metavar="FILE", help="the campaign file from the employer")
    rb.add_argument("--employee-id", metavar="ID")
    rb.add_argument("--code", metavar="CODE", help="the one-time enrolment code from the employer")
    rb.add_argument("--expert", metavar="RECIPIENT", help="seal health answers for this age recipient (age1…)")
    rb.add_argument("--name", metavar="NAME", help="your name as it appears on the report")
    rb.set_defaults(func=cmd_report_build)
    rv = rsub.add_parser("verify", help="check a signed report: exit 0 valid, 1 rejected")
    rv.add_argument("report", metavar="REPORT.pdf")
    rv.add_argument("--campaign", metavar="FILE")
    rv.set_defaults(func=cmd_report_verify)

    cp = sub.add_parser("campaign", help="the employer's campaign file and enrolment codes")
    csub = cp.add_subparsers(dest="ccommand", metavar="ACTION", required=True)
    cc = csub.add_parser("create", help="a signed campaign file plus a CSV of one-time codes per employee")
    cc.add_argument("--organisation", required=True)
    cc.add_argument("--id", required=True, help="campaign id (letters, digits, . _ -)")
    cc.add_argument("--deadline", required=True, metavar="YYYY-MM-DD")
    cc.add_argument("--employees", required=True, metavar="CSV", help="CSV with a column employee_id (and name)")
    cc.add_argument("--expert", metavar="RECIPIENT", help="the arbo expert's age recipient (age1…)")
    cc.add_argument("--questionnaire", default="thuiswerkplek")
    cc.add_argument("--version", default=None, help="questionnaire version (default: the newest)")
    cc.add_argument("--out", required=True, metavar="CAMPAIGN.json")
    cc.add_argument("--codes", required=True, metavar="CODES.csv")
    cc.add_argument("--db", metavar="URL", help="the register to record the campaign in (default: SQLite in the "
                                                "user data folder)")
    cc.set_defaults(func=cmd_campaign_create)
    cl = csub.add_parser("close", help="close a campaign: what checks its codes is deleted, its reports refused")
    cl.add_argument("id", metavar="ID")
    cl.add_argument("--note", default="", help="why (kept in the register's event trail)")
    cl.add_argument("--db", metavar="URL")
    cl.set_defaults(func=cmd_campaign_close)

    rg = sub.add_parser("register", help="the employer's register of reports")
    rgsub = rg.add_subparsers(dest="gcommand", metavar="ACTION", required=True)
    ri = rgsub.add_parser("import", help="check and import report files or folders, one line per file")
    ri.add_argument("paths", nargs="+", metavar="PATH")
    ri.add_argument("--db", metavar="URL", help="SQLAlchemy URL (default: SQLite in the user data folder)")
    ri.add_argument("--campaign", metavar="FILE", help="only accept reports of this campaign (default: each "
                                                       "report is checked against its campaign in the register)")
    ri.add_argument("--codes", metavar="CSV", help="the enrolment codes made with 'campaign create' (with "
                                                   "--campaign)")
    ri.set_defaults(func=cmd_register_import)
    rex = rgsub.add_parser("export", parents=[lang], help="the action list for procurement (CSV or Excel)")
    rex.add_argument("--db", metavar="URL")
    rex.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    rex.add_argument("--out", required=True, metavar="PATH")
    rex.add_argument("--campaign-id", metavar="ID", help="only this campaign")
    rex.set_defaults(func=cmd_register_export)
    rsm = rgsub.add_parser("summary", parents=[lang], help="a signed RI&E roll-up without individuals' data")
    rsm.add_argument("--db", metavar="URL")
    rsm.add_argument("--format", choices=("pdf",), default="pdf")
    rsm.add_argument("--organisation", help="default: the organisation of the registered campaign")
    rsm.add_argument("--out", required=True, metavar="PDF")
    rsm.add_argument("--campaign-id", metavar="ID", help="only this campaign")
    rsm.set_defaults(func=cmd_register_summary)
    rvf = rgsub.add_parser("verify", help="re-check every stored PDF, the hash chains and the overview counts")
    rvf.add_argument("--db", metavar="URL")
    rvf.add_argument("--rebuild", action="store_true",
                     help="first recompute the overview counts from the stored reports (they follow from them) and "
                          "sign a checkpoint (refused when the register does not match its newest one)")
    rvf.add_argument("--accept-unsigned", action="store_true",
                     help="with --rebuild: also sign rows that no checkpoint covers yet (only if they are yours)")
    rvf.set_defaults(func=cmd_register_verify)

    kp = sub.add_parser("keys", parents=[lang], help="how the employer's and the expert's keys are protected")
    ksub = kp.add_subparsers(dest="kcommand", metavar="ACTION", required=True)
    ks = ksub.add_parser("status", help="how each key is kept")
    ks.set_defaults(func=cmd_keys_status)
    kpr = ksub.add_parser("protect", parents=[lang], help="protect a key kept in clear, or change how it is kept "
                                                          "(a new passphrase is asked, or ARBOCHECK_NEW_PASSPHRASE)")
    kpr.add_argument("role", choices=("employer", "expert"))
    kpr.add_argument("--with", dest="method", choices=("passphrase", "keyring"), required=True)
    kpr.set_defaults(func=cmd_keys_protect)

    ep = sub.add_parser("expert", help="the arbo expert: keys, review, advice")
    esub = ep.add_subparsers(dest="ecommand", metavar="ACTION", required=True)
    ek = esub.add_parser("keys", help="show the expert's age recipient and fingerprint (created on first use)")
    ek.set_defaults(func=cmd_expert_keys)
    er = esub.add_parser("review", parents=[lang], help="open reports (files or folders) and list flagged items")
    er.add_argument("paths", nargs="*", metavar="PATH")
    er.add_argument("--db", metavar="URL", help="also review every report stored in this employer's register")
    er.add_argument("--json", action="store_true")
    er.set_defaults(func=cmd_expert_review)
    ea = esub.add_parser("advise", help="record a status and advice for one flagged item (appended to the trail)")
    ea.add_argument("report_id")
    ea.add_argument("rule")
    ea.add_argument("--status", required=True,
                    choices=("advice_given", "home_visit_needed", "refer_to_physician", "resolved"))
    ea.add_argument("--text", default="")
    ea.add_argument("--employer-measure", action="append", metavar="MEASURE",
                    help="a measure (from the questionnaire's catalogue) the employer should take for a confidential "
                         "point; the employer's advice names it without the point or its reason (repeatable)")
    ea.set_defaults(func=cmd_expert_advise)
    eo = esub.add_parser("advice-report", parents=[lang], help="signed advice: worker and employer versions")
    eo.add_argument("report", metavar="REPORT.pdf")
    eo.add_argument("--worker-out", required=True, metavar="PDF")
    eo.add_argument("--employer-out", required=True, metavar="PDF")
    eo.add_argument("--name", required=True, help="your name as the signing expert")
    eo.set_defaults(func=cmd_expert_report)

    dm = sub.add_parser("demo", parents=[lang], help="a sample worker → signed report and personal copy")
    dm.add_argument("--out", required=True, metavar="DIR")
    dm.set_defaults(func=cmd_demo)

    e = sub.add_parser("evaluate", parents=[lang], help="findings and action plan for an answers file")
    e.add_argument("answers", metavar="ANSWERS.json")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument("--questionnaire", metavar="PATH",
                   help="use this questionnaire file instead of looking it up by id and version")
    e.set_defaults(func=cmd_evaluate)
    return p


class _GuiArgs:
    def __init__(self, role: str | None = None, lang: str | None = None, db: str | None = None):
        self.role, self.explicit_lang, self.db = role, lang, db


def _plain_gui_start(argv: list[str]) -> _GuiArgs | None:
    """The options of a plain GUI start ([gui] [--role R] [--lang L] [--db URL]), or None for
    anything else, which the full parser then handles (with its help and its error messages)."""
    from arbocheck.core.common.i18n import LANGS

    if argv and argv[0] != "gui":
        return None
    choices = {"--role": ("worker", "employer", "expert"), "--lang": LANGS, "--db": None}
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
    return _GuiArgs(found.get("--role"), found.get("--lang"), found.get("--db"))


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    from arbocheck.core.common.i18n import default_lang

    argv = sys.argv[1:] if argv is None else list(argv)
    gui = _plain_gui_start(argv)
    if gui is not None:  # a double-click or 'arbocheck gui ...': the window, without building every parser
        return cmd_gui(gui)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.explicit_lang = args.lang  # the GUI remembers its own language unless one is given
    if args.lang is None:
        args.lang = default_lang()
    if not getattr(args, "func", None):
        args.role = args.db = None
        return cmd_gui(args)
    from arbocheck.core.common.reasons import Refusal

    try:
        return args.func(args)
    except Refusal as e:  # e.g. a register of an older layout, a locked key: one plain sentence
        _err(e.text(args.explicit_lang or "en"))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
