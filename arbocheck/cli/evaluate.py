"""`arbocheck evaluate ANSWERS.json`: the findings and action plan for an answers file (a draft
may be partial); with --json the machine-readable contract of DESIGN.md §5."""

from __future__ import annotations

from typing import TYPE_CHECKING

from arbocheck.cli.base import EXIT_INPUT, EXIT_OK, json_out, lang, out
from arbocheck.cli.inputs import usable_answers

if TYPE_CHECKING:
    import argparse


def add(p: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--questionnaire", metavar="PATH",
                   help="use this questionnaire file instead of looking it up by id and version")
    p.set_defaults(func=evaluate)


def evaluate(args: argparse.Namespace) -> int:
    from arbocheck.core.check.rules import evaluate as evaluate_answers

    got = usable_answers(args.answers, args.questionnaire, "evaluate", lang(args))
    if got is None:
        return EXIT_INPUT
    q, doc = got
    ev = evaluate_answers(q, doc.answers, args.lang)
    if args.json:
        json_out(ev.to_json())
    else:
        print_evaluation(ev)
    return EXIT_OK


def print_evaluation(ev) -> None:
    """The findings, warnings and plan in the evaluation's language."""
    from arbocheck.core.common.i18n import t

    lang_ = ev.lang
    c = ev.counts()
    out(f"{ev.questionnaire_id} {ev.questionnaire_version}: " + t("summary", lang_, n=len(ev.findings), **c))
    out()
    if ev.state == "empty":
        out(t("state.empty", lang_))
    elif ev.state == "incomplete":
        out(t("state.incomplete" if ev.findings else "state.incomplete.none", lang_, n=len(ev.missing)))
    elif not ev.findings:
        out(t("no_findings", lang_))
    if ev.warnings:
        out()
        out(t("warnings", lang_) + ":")
        for w in ev.warnings:
            out(f"  ! {w.message} ({t('warning.' + w.severity, lang_)}; {', '.join(w.items)})")
    out()
    for f in ev.findings:
        out(f"[{t('priority.' + f.priority, lang_).upper()}] {f.title}")
        out(f"    {t('owner', lang_)}: {t('owner.' + f.owner, lang_)} · {f.item}"
            + (f" · {t('health_sealed', lang_)}" if f.health else ""))
        out(f"    {f.advice}")
        if f.outside_scope:
            out(f"    ({t('norm.outside_scope', lang_)})")
        for n in f.norms:
            out(f"    {t('norm', lang_)} ({t('norm.status.' + n.status, lang_)}): {n.title}. {n.source}")
        out()
    if ev.plan:
        out(t("action_plan", lang_))
        for p in ev.plan:
            extra = (f", {t('provision', lang_)}" if p.provision else "") + (
                f", {t('provision.arbo', lang_)}" if p.exemption == "arbo" else "")
            out(f"  - {p.text} ({t('owner.' + p.owner, lang_)}, {t('priority.' + p.priority, lang_)}, "
                f"{p.term_label}{extra})")
    if ev.missing:
        out()
        out(f"{t('missing', lang_)}: {', '.join(ev.missing)}")
