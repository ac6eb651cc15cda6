"""The expert's signed advice report: a full version for the worker and an employer
version that keeps only workplace measures and who owns them (no health detail).

Both are signed like a worker's report (advice.json attached, PAdES, whole
file) and pass `arbocheck report verify`.
"""

from __future__ import annotations

import datetime as _dt
import io
import uuid
from dataclasses import dataclass
from html import escape
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from arbocheck.core.check import textfmt
from arbocheck.core.common.i18n import t
from arbocheck.core.expert.queue import OpenedReport, ReviewItem, review_items
from arbocheck.core.expert.trail import Event
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.report import assessment as assessment_mod
from arbocheck.core.report.pdf import FONT, PRIO_COLOUR, StampBox, _numbered_canvas, _register_fonts, _styles, _table
from arbocheck.core.trust.assessment_model import SealedPart
from arbocheck.core.trust.keys import SigningKey

FORMAT = "arbocheck-advice"
EMPLOYER_STATUS = {"refer_to_physician": "advice_given"}
"""How a status reads in the employer's version (one that would reveal health is shown as another)."""


@dataclass
class AdviceReport:
    worker_pdf: bytes
    employer_pdf: bytes
    worker_doc: dict[str, Any]
    employer_doc: dict[str, Any]


def _status_label(q: Questionnaire, status: str, lang: str) -> str:
    for s in q.data.review_statuses:
        if s.id == status:
            return s.label.get(lang)
    return status


def documents(rep: OpenedReport, current: dict[tuple[str, str], Event], q: Questionnaire, expert_name: str,
              fingerprint: str, lang: str = "nl") -> tuple[dict, dict]:
    """(worker version, employer version) of advice.json for one report."""
    items = [it for it in review_items([rep]) if it.key in current]
    r = rep.report
    plan = r.action_plan
    common = {
        "format": FORMAT, "format_version": 1, "advice_id": str(uuid.uuid4()), "report_id": rep.report_id,
        "revision": r.revision,
        "created_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), "lang": lang,
        "worker": rep.worker, "employee_id": r.employee_id, "organisation": r.organisation,
        "campaign_id": r.campaign_id,
        "signer": {"name": expert_name, "fingerprint": fingerprint},
    }
    worker = dict(common, version="worker", items=[
        {"rule": it.rule, "title": it.title, "priority": it.priority, "health": it.health,
         "status": current[it.key].status, "status_label": _status_label(q, current[it.key].status, lang),
         "advice": current[it.key].advice} for it in items])
    employer_items = []
    adaptations: list[str] = []
    for it in items:
        if it.health:
            # A confidential point, its advice and the worker's own measures stay with the worker. What the
            # expert advises the employer to do for it is passed on as a measure only, without the point.
            adaptations += [m for m in current[it.key].employer_measures if m in q.measures]
            continue
        measures = [{"measure": p.measure, "text": p.text, "owner": p.owner, "provision": p.provision}
                    for p in plan if it.rule in p.rules]
        # "Referred to the occupational physician" says something about the worker's health: the
        # employer's version shows it as advice given, as it does for every other point.
        status = EMPLOYER_STATUS.get(current[it.key].status, current[it.key].status)
        employer_items.append({"rule": it.rule, "title": it.title, "owner": it.owner,
                               "status": status, "status_label": _status_label(q, status, lang),
                               "measures": measures})
    if adaptations:
        employer_items.append({
            "kind": "adaptation", "title": t("advice.adaptation", lang), "owner": "employer",
            "status": "advice_given", "status_label": _status_label(q, "advice_given", lang),
            "measures": [{"measure": m, "text": q.measures[m].text.get(lang), "owner": q.measures[m].owner,
                          "provision": q.measures[m].provision} for m in dict.fromkeys(adaptations)]})
    employer = dict(common, version="employer", items=employer_items)
    return worker, employer


def _pdf(doc: dict, lang: str, stamp: dict) -> bytes:
    _register_fonts()
    st = _styles()
    P = lambda text, style="body": Paragraph(text, st[style])  # noqa: E731
    employer = doc["version"] == "employer"
    title = t("advice.title.employer" if employer else "advice.title.worker", lang)
    story = [P(escape(title), "h1"), P(escape(t("advice.lead.employer" if employer else "advice.lead.worker", lang))),
             Spacer(1, 4 * mm)]
    facts = [(t("report.worker", lang), doc.get("worker") or "—"),
             (t("report.employee_id", lang), doc.get("employee_id") or "—"),
             (t("report.organisation", lang), doc.get("organisation") or "—"),
             (t("report.report_id", lang), f"{doc['report_id']} · rev. {doc.get('revision')}"),
             (t("advice.expert", lang), doc["signer"]["name"] or "—"),
             (t("report.date", lang), textfmt.date(doc["created_at"], lang))]
    story.append(_table([[P(escape(k), "cellb"), P(escape(str(v)), "cell")] for k, v in facts],
                        [45 * mm, 125 * mm], header=False))
    story.append(P(escape(t("advice.items", lang)), "h2"))
    if not doc["items"]:
        story.append(P(escape(t("advice.none", lang))))
    for item in doc["items"]:
        colour = PRIO_COLOUR.get(item.get("priority", ""), "#1f3a5f")
        block = [P(f"<font color='{colour}'><b>{escape(item['title'])}</b></font> · {escape(item['status_label'])}", "h3")]
        if employer:
            for m in item["measures"] or []:
                block.append(P(f"• {escape(m['text'] or '')} ({escape(t('owner.' + (m['owner'] or 'both'), lang))}"
                               + (f", {escape(t('review.provision_short', lang))}" if m.get("provision") else "")
                               + ")"))
            if not item["measures"]:
                block.append(P(f"{escape(t('owner', lang))}: {escape(t('owner.' + (item['owner'] or 'both'), lang))}"))
        else:
            block.append(P(escape(item["advice"] or "—")))
        story.append(KeepTogether(block))
    story += [Spacer(1, 8 * mm), P(escape(t("report.fingerprint", lang)) + ": " + escape(doc["signer"]["fingerprint"]),
                                  "small"),
              Spacer(1, 4 * mm), StampBox(80 * mm, 22 * mm, t("report.stamp_here", lang), stamp)]
    if employer:
        story += [Spacer(1, 4 * mm), P(escape(t("advice.employer_note", lang)), "small")]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title=title, author=doc["signer"]["name"] or "arbocheck",
                      creator="arbocheck", lang=lang, initialFontName=FONT).build(
        story, canvasmaker=_numbered_canvas(f"arbocheck · {title} · {doc.get('worker') or ''}", lang, None))
    return buf.getvalue()


def build(rep: OpenedReport, current: dict[tuple[str, str], Event], q: Questionnaire, key: SigningKey,
          expert_name: str, lang: str = "nl") -> AdviceReport:
    """Both advice versions, signed and verified."""
    from arbocheck.core.report.build import ExportError, _stamp_text  # the same stamp as a worker's report
    from arbocheck.core.report.assessment import ReportMeta
    from arbocheck.core.trust.signing import attach, sign
    from arbocheck.core.trust.verify import Rejected, verify

    worker_doc, employer_doc = documents(rep, current, q, expert_name, key.fingerprint, lang)
    signed = []
    for doc in (worker_doc, employer_doc):
        stamp: dict = {}
        pdf = _pdf(doc, lang, stamp)
        out = sign(attach(pdf, {"advice.json": assessment_mod.dumps(doc)}), key, page=stamp["page"],
                   box=stamp["box"], signer_name=expert_name, reason=t("advice.title.worker", lang),
                   stamp_text=_stamp_text(ReportMeta(signer_name=expert_name, fingerprint=key.fingerprint,
                                                     lang=lang), key))
        try:
            verify(out, pinned_spki=key.spki_der)
        except Rejected as e:
            raise ExportError("export.advice_check", why=e) from e
        signed.append(out)
    return AdviceReport(signed[0], signed[1], worker_doc, employer_doc)


def health_free(doc: dict, q: Questionnaire, sealed: SealedPart | None) -> bool:
    """Whether an employer document mentions no health item, answer or health finding (of the
    questionnaire, or of the opened sealed part `sealed`)."""
    text = assessment_mod.dumps(doc).decode("utf-8")
    health_items = q.health_items()
    health_rules = set(q.health_rules)
    if sealed:
        health_rules |= {f.rule for f in sealed.findings}
    return not any(f'"{x}"' in text for x in health_items | health_rules)


__all__ = ["AdviceReport", "ReviewItem", "build", "documents", "health_free"]
