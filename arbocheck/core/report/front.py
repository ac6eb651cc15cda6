"""The report's first pages and its signature page: what the employer must arrange (page 1, in
the third person), the account an inspector asks for (questionnaire, norms, what was sealed
for whom and what was left out) and how a reader checks the signature.

What these pages say about who sees what is computed from the questionnaire's `health`
flags (core/check/sharing.py, the same flags that decide the split) and from whether a
sealed part exists: never from the health answers, so nothing here changes with them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from html import escape
from typing import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from arbocheck.core.check.rules import Finding, NormRef, PlanItem
from arbocheck.core.check.sharing import audience
from arbocheck.core.common.i18n import t
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.report import dates
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.recheck import next_due


@dataclass
class Page:
    """What the front pages need from build_pdf: the styles' paragraph maker, the table maker
    and the heading maker (with its bookmark level), so that all pages look alike."""

    P: Callable[..., Paragraph]
    table: Callable[..., Table]
    heading: Callable[..., Paragraph]
    colour: dict[str, str]
    font: str
    fit: Callable[..., list[float]]


def norm_index(findings: list[Finding]) -> list[NormRef]:
    """Every norm the findings cite, once, in the order they are first cited: the account prints
    them numbered, the annex refers to them by that number."""
    seen: dict[str, NormRef] = {}
    for f in findings:
        for n in f.norms:
            seen.setdefault(n.id, n)
    return list(seen.values())


def norm_label(n: NormRef) -> str:
    """A norm's citation in a few words: its first source's reference, else that source's title."""
    first = n.sources[0] if n.sources else {}
    return first.get("reference") or first.get("title") or n.title


def health_topics(q: Questionnaire, sealed: bool, lang: str) -> list[tuple[str, int]]:
    """(topic, number of questions) for every topic with questions that do not go to the employer,
    from sharing.audience (the same flag that keeps them out of assessment.json)."""
    out = []
    for sec in q.data.sections:
        n = sum(1 for it in sec.items if audience(q, it.id, sealed) != "employer")
        if n:
            out.append((sec.title.get(lang), n))
    return out


def employer_page(pg: Page, q: Questionnaire, rm: ReportMeta, plan: list[PlanItem], counts: dict[str, int],
                  topics: tuple[int, int], personal: bool) -> list:
    """Page 1: who made it and when, the employer's measures with priority, due date and whether
    it is an arbo provision, the worker's own points, then the overall picture."""
    lang, P = rm.lang, pg.P
    who = rm.signer_name or t("report.front.the_worker", lang)
    story: list = []
    byline = " · ".join(x for x in (rm.signer_name, rm.organisation, dates.day(rm.created_at, lang)) if x)
    story.append(P(escape(byline), "small"))
    story.append(Spacer(1, 2 * mm))
    lead = t("report.front.lead", lang, who=who[:1].upper() + who[1:], date=dates.day(rm.created_at, lang),
             questionnaire=q.data.title.get(lang), version=q.version)
    story.append(P(escape(lead)))
    if personal:
        story += [Spacer(1, 2 * mm), P(escape(t("report.front.lead.personal", lang)), "small")]

    employer = [p for p in plan if p.owner in ("employer", "both")]
    worker = [p for p in plan if p.owner == "worker"]
    story.append(pg.heading(t("report.front.employer", lang), "h2", level=0))
    if employer:
        yes, no = t("word.yes", lang), t("word.no", lang)
        head = [t("report.measure", lang), t("report.priority", lang), t("report.front.due", lang),
                t("report.provision_col", lang)]
        rows = [[P(escape(h[:1].upper() + h[1:]), "cellb") for h in head]]
        for p in employer:
            together = f"<br/><font color='#555555'>{escape(t('report.front.together', lang))}</font>" \
                if p.owner == "both" else ""
            together += _health_mark(p, lang)
            rows.append([P(escape(p.text) + together, "cell"),
                         P(f"<font color='{pg.colour[p.priority]}'><b>{escape(t('priority.' + p.priority, lang))}"
                           f"</b></font>", "cell"),
                         P(f"{escape(dates.due(rm.created_at, p.term_days, lang))}<br/>"
                           f"<font color='#555555'>{escape(p.term_label)}</font>", "cell"),
                         P(escape(yes if p.exemption == "arbo" else no), "cell")])
        cells = [[p.text, t("priority." + p.priority, lang), p.term_label,
                  yes if p.exemption == "arbo" else no] for p in employer]
        columns = [[(h, pg.font + "-Bold")] + [(c[i], pg.font) for c in cells] for i, h in enumerate(head)]
        story.append(pg.table(rows, pg.fit(columns, 170 * mm, [70 * mm, 18 * mm, 40 * mm, 18 * mm])))
        if any(p.exemption == "arbo" for p in employer):
            story += [Spacer(1, 1.5 * mm), P(escape(t("report.front.provision_note", lang)), "small")]
    else:
        story.append(P(escape(t("report.front.employer.none", lang))))

    story.append(pg.heading(t("report.front.worker", lang), "h2", level=0))
    if worker:
        for p in worker:
            story.append(P(f"• {escape(p.text)}{_health_mark(p, lang)} <font color='{pg.colour[p.priority]}'>"
                           f"({escape(t('priority.' + p.priority, lang))}, {escape(p.term_label)})</font>", "body"))
    else:
        story.append(P(escape(t("report.front.worker.none", lang))))

    story.append(pg.heading(t("report.overall", lang), "h2", level=0))
    total, ok = topics
    story.append(_counts(pg, counts, lang))
    story += [Spacer(1, 2 * mm), P(escape(t("report.front.overall", lang, topics=total, ok=ok, **counts)))]
    return story


def _health_mark(p: PlanItem, lang: str) -> str:
    """In the personal copy, a measure that only health answers ask for says so (the employer's
    version has no such measure: sharing.split builds its plan from workplace findings only)."""
    return f" <font color='#b3261e'>({escape(t('health_item', lang))})</font>" if p.health else ""


def _counts(pg: Page, counts: dict[str, int], lang: str) -> Table:
    boxes = [[pg.P(f"<font size=15 color='{pg.colour[p]}'><b>{counts[p]}</b></font>&nbsp;&nbsp;"
                   f"{escape(t('priority.' + p, lang))}", "cell") for p in ("high", "medium", "low")]]
    tb = Table(boxes, colWidths=[56 * mm] * 3, rowHeights=[11 * mm])
    tb.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), pg.font),
                            ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#c9d1d9")),
                            ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#c9d1d9")),
                            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    return tb


def account(pg: Page, q: Questionnaire, rm: ReportMeta, norms: list[NormRef], sealed: bool,
            personal: bool) -> list:
    """The inspector's cover: the facts of this report, the norms with their official references,
    and what was sealed for whom and what was left out."""
    lang, P = rm.lang, pg.P
    story: list = [pg.heading(t("report.account", lang), "h2", level=0),
                   P(escape(t("report.account.lead", lang)), "small"), Spacer(1, 2 * mm)]
    facts = [(t("report.worker", lang), rm.signer_name)]
    facts += [(t("report.organisation", lang), rm.organisation), (t("report.employee_id", lang), rm.employee_id)]
    facts += [(t("report.campaign", lang), rm.campaign_id or t("report.not_enrolled", lang)),
              (t("report.date", lang), dates.day_and_time(rm.created_at, lang)),
              (t("report.next_check", lang), dates.long_date(next_due(rm.created_at, rm.recheck_months), lang)
               if rm.recheck_months else ""),
              (t("report.questionnaire", lang), t("report.account.questionnaire", lang, title=q.data.title.get(lang),
                                                  id=q.id, version=q.version)),
              ("sha256", q.sha256),
              (t("report.report_id", lang), f"{rm.report_id} · rev. {rm.revision}"),
              (t("report.instruction", lang), instruction_line(rm))]
    if not personal:
        fp = rm.expert_fingerprint or ""
        facts.append((t("report.account.sealed_for", lang),
                      t("report.account.sealed_for.expert", lang, fp=fp) if sealed
                      else t("report.account.sealed_for.nobody", lang)))
    # A field without a value (no campaign: no organisation, no employee number) is left out, never "—".
    rows = [[P(escape(k), "cellb"), P(escape(v), "cell")] for k, v in facts if v]
    story.append(pg.table(rows, [42 * mm, 128 * mm], header=False))

    story.append(pg.heading(t("report.account.norms", lang), "h3"))
    if norms:
        for i, n in enumerate(norms, 1):
            sources = "; ".join(escape(s["title"]) + (f" ({escape(s['reference'])})" if s.get("reference") else "")
                                for s in n.sources)
            story.append(P(f"<b>[{i}]</b> {escape(n.title)} <i>({escape(t('norm.status.' + n.status, lang))})</i>. "
                           f"{escape(t('report.source', lang))}: {sources}", "small"))
    else:
        story.append(P(escape(t("report.account.norms.none", lang)), "small"))

    if not personal:
        story.append(pg.heading(t("report.closing", lang), "h3"))
        key = "report.sealed" if sealed else "report.not_sealed"
        story.append(P(escape(t(key, lang, fp=rm.expert_fingerprint or "")), "small"))
        topics = health_topics(q, sealed, lang)
        if topics:
            listed = "; ".join(f"{title} ({n})" for title, n in topics)
            story += [Spacer(1, 1.5 * mm), P(escape(t("report.account.health_topics", lang, topics=listed)), "small")]
        story += [Spacer(1, 1.5 * mm), P(escape(t("report.left_out", lang)), "small")]
        story += [Spacer(1, 1.5 * mm), P(escape(t("report.machine", lang, sealed=t("report.machine.sealed", lang)
                                                   if sealed else "")), "small")]
    return story


def instruction_line(rm: ReportMeta) -> str:
    """Whether the worker confirmed reading the instruction (Arbowet art. 8), with date and version."""
    rec = rm.instruction
    if not rec:
        return t("report.instruction.unread", rm.lang)
    return t("report.instruction.read", rm.lang, date=dates.long_date(_dt.date.fromisoformat(rec["date"]), rm.lang), version=rec["version"])


def signature_rows(pg: Page, rm: ReportMeta) -> list:
    lang, P = rm.lang, pg.P
    return [[P(escape(t("report.name", lang)), "cellb"), P(escape(rm.signer_name or ""), "cell")],
            [P(escape(t("report.signed_at", lang)), "cellb"), P(escape(dates.day_and_time(rm.created_at, lang)),
                                                                  "cell")],
            [P(escape(t("report.fingerprint", lang)), "cellb"), P(escape(fingerprint_text(rm.fingerprint)), "cell")]]


def fingerprint_text(fp: str) -> str:
    """A fingerprint in groups of four, easy to read out and compare: 'AB12 CD34 …'."""
    plain = fp.replace(":", "").replace(" ", "")
    return " ".join(plain[i:i + 4] for i in range(0, len(plain), 4))


def trust(pg: Page, rm: ReportMeta) -> list:
    """What 'validity unknown' means, the fingerprint, and how to check it."""
    lang, P = rm.lang, pg.P
    return [pg.heading(t("report.trust", lang), "h3"), P(escape(t("report.trust.text", lang)), "small"),
            P(f"<b>{escape(fingerprint_text(rm.fingerprint))}</b>", "small"),
            P(escape(t("report.trust.how", lang)), "small")]

