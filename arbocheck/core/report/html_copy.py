"""The worker's personal copy also as accessible HTML, written beside the PDF (issue 15).

reportlab's open-source edition writes no tagged PDF (README, "Accessibility"), so a screen
reader gets the PDF's text without its structure. This file holds the same content with real
structure: the document's language, headings in order, lists, tables with header cells, photos
with their caption as alternative text. It is the personal copy: everything, health answers
included, and marked "niet delen" like the PDF. One self-contained file (photos inline), no
script, no outside resource.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any, Callable

from arbocheck.core.check.draft_photos import refs
from arbocheck.core.check.sharing import Split, split
from arbocheck.core.check.textfmt import value as fmt_value
from arbocheck.core.common.i18n import t
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.questionnaire.model import unit_text
from arbocheck.core.report import dates, front
from arbocheck.core.report.assessment import ReportMeta, figure_numbers, printed_sections

_STYLE = """body{font-family:"Noto Sans",Arial,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.5}
.mark{color:#b3261e;font-weight:bold}table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border-bottom:1px solid #d8dee4;padding:.25em .5em;text-align:left;vertical-align:top}
thead th{background:#eef2f6}figure{display:inline-block;margin:.5em 1em .5em 0}img{max-width:20em;height:auto}
.small{font-size:.9em;color:#444}"""


def build_html(q: Questionnaire, answers: dict[str, Any], draft_meta: dict[str, Any], rm: ReportMeta,
               photo_bytes: Callable[[str], bytes], s: Split | None = None) -> str:
    lang = rm.lang
    s = s or split(q, answers, draft_meta, lang)
    ev = s.evaluation
    findings, plan, shown = ev.findings, ev.plan, dict(s.employer_answers, **s.expert_answers)
    title = t("report.title.personal", lang)
    e = lambda x: escape(str(x))  # noqa: E731
    out = [f'<!DOCTYPE html>\n<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n<title>{e(title)}</title>',
           f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>",
           f'<p class="mark">{e(t("report.personal_mark", lang))}</p>', f"<h1>{e(title)}</h1>"]
    who = rm.signer_name or t("report.front.the_worker", lang)
    out.append(f"<p>{e(t('report.front.lead', lang, who=who[:1].upper() + who[1:], date=dates.day(rm.created_at, lang), questionnaire=q.data.title.get(lang), version=q.version))}</p>")
    out.append(f"<p>{e(t('report.front.lead.personal', lang))}</p>")

    employer = [p for p in plan if p.owner in ("employer", "both")]
    worker = [p for p in plan if p.owner == "worker"]
    out.append(f"<h2>{e(t('report.front.employer', lang))}</h2>")
    if employer:
        head = [t("report.measure", lang), t("report.priority", lang), t("report.front.due", lang),
                t("report.provision_col", lang)]
        out.append("<table>\n<thead><tr>" + "".join(f'<th scope="col">{e(h[:1].upper() + h[1:])}</th>' for h in head)
                   + "</tr></thead>\n<tbody>")
        for p in employer:
            together = f" ({e(t('report.front.together', lang))})" if p.owner == "both" else ""
            together += f" ({e(t('health_item', lang))})" if p.health else ""
            out.append(f'<tr><th scope="row">{e(p.text)}{together}</th><td>{e(t("priority." + p.priority, lang))}</td>'
                       f"<td>{e(dates.due(rm.created_at, p.term_days, lang))} ({e(p.term_label)})</td>"
                       f"<td>{e(t('word.yes' if p.exemption == 'arbo' else 'word.no', lang))}</td></tr>")
        out.append("</tbody>\n</table>")
    else:
        out.append(f"<p>{e(t('report.front.employer.none', lang))}</p>")
    out.append(f"<h2>{e(t('report.front.worker', lang))}</h2>")
    if worker:
        out.append("<ul>" + "".join(f"<li>{e(p.text)}{' (' + e(t('health_item', lang)) + ')' if p.health else ''} "
                                    f"({e(t('priority.' + p.priority, lang))}, {e(p.term_label)})</li>"
                                    for p in worker) + "</ul>")
    else:
        out.append(f"<p>{e(t('report.front.worker.none', lang))}</p>")
    counts = {p: sum(f.priority == p for f in findings) for p in ("high", "medium", "low")}
    out.append(f"<h2>{e(t('report.overall', lang))}</h2>")
    out.append("<ul>" + "".join(f"<li>{counts[p]} {e(t('priority.' + p, lang))}</li>" for p in counts) + "</ul>")

    norms = front.norm_index(findings)
    number = {n.id: i for i, n in enumerate(norms, 1)}
    out.append(f"<h2>{e(t('report.account', lang))}</h2>")
    out.append(f"<p>{e(t('report.questionnaire', lang))}: "
               f"{e(t('report.account.questionnaire', lang, title=q.data.title.get(lang), id=q.id, version=q.version))}</p>")
    out.append(f"<h3>{e(t('report.account.norms', lang))}</h3>")
    if norms:
        out.append("<ol>")
        for n in norms:
            sources = "; ".join(e(x["title"]) + (f" ({e(x['reference'])})" if x.get("reference") else "")
                                for x in n.sources)
            out.append(f"<li>{e(n.title)} ({e(t('norm.status.' + n.status, lang))}). {e(t('report.source', lang))}: "
                       f"{sources}</li>")
        out.append("</ol>")
    else:
        out.append(f"<p>{e(t('report.account.norms.none', lang))}</p>")

    out.append(f"<h2>{e(t('report.annex', lang))}</h2>")
    photos = refs(draft_meta or {})
    figure_no = figure_numbers(q, photos, True)
    printed = set(printed_sections(q, True))
    for sec in q.data.sections:
        if sec.id not in printed:
            continue
        out.append(f"<section>\n<h3>{e(sec.title.get(lang))}</h3>")
        rows = [it for it in sec.items if it.id in shown]
        if rows:
            out.append(f'<table>\n<thead><tr><th scope="col">{e(t("report.question", lang))}</th>'
                       f'<th scope="col">{e(t("report.answer", lang))}</th></tr></thead>\n<tbody>')
            for it in rows:
                unit = f" {unit_text(it, lang)}" if unit_text(it, lang) else ""
                mark = f" ({e(t('health_item', lang))})" if it.health else ""
                out.append(f'<tr><th scope="row">{e(it.text.get(lang))}{mark}</th>'
                           f"<td>{e(fmt_value(q, it.id, shown[it.id], lang) + unit)}</td></tr>")
            out.append("</tbody>\n</table>")
        else:
            out.append(f"<p>{e(t('report.unanswered', lang))}</p>")
        measured = [d for d in q.data.derived if d.report_section == sec.id
                    and isinstance(ev.values.get(d.id), (int, float)) and ev.values[d.id] > 0]
        if measured:  # the same values the PDF prints under "measured and recommended"
            out.append(f'<table>\n<thead><tr><th scope="col">{e(t("report.measured", lang))}</th>'
                       f'<th scope="col">{e(t("report.value", lang))}</th></tr></thead>\n<tbody>')
            for d in measured:
                out.append(f'<tr><th scope="row">{e(d.label.get(lang))} ({e(t("report.guidance", lang))})</th>'
                           f"<td>{e(fmt_value(q, d.id, ev.values[d.id], lang))} {e(unit_text(d, lang))}</td></tr>")
            out.append("</tbody>\n</table>")
        for i, p in enumerate(photos):
            if p.section != sec.id:
                continue
            caption = t("report.figure", lang, n=figure_no[i]) + (f": {p.caption}" if p.caption else "")
            data = base64.b64encode(photo_bytes(p.id)).decode("ascii")
            out.append(f'<figure><img src="data:image/jpeg;base64,{data}" alt="{e(caption)}">'
                       f"<figcaption>{e(caption)}</figcaption></figure>")
        for f in (f for f in findings if f.section == sec.id):
            out.append(f"<h4>{e(t('priority.' + f.priority, lang))}: {e(f.title)} ({e(t('owner.' + f.owner, lang))})</h4>")
            out.append(f"<p>{e(f.advice)}</p>")
            if f.norms:
                cited = ", ".join(f"[{number[n.id]}] {e(front.norm_label(n))}" for n in f.norms)
                out.append(f'<p class="small">{e(t("report.norm_refs", lang))}: {cited}</p>')
        out.append("</section>")
    words = q.glossary_in([f.title for f in findings] + [f.advice for f in findings] + [p.text for p in plan], lang)
    if words:
        out.append(f"<h2>{e(t('report.glossary', lang))}</h2>\n<dl>"
                   + "".join(f"<dt>{e(w)}</dt><dd>{e(x)}</dd>" for w, x in words) + "</dl>")
    out.append("</main>\n</body>\n</html>\n")
    return "\n".join(out)
