"""The employer's exports: the action list (CSV or Excel) for procurement, and the
signed RI&E roll-up for the organisation's RI&E and plan van aanpak."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from html import escape
from pathlib import Path

from arbocheck.core.check import textfmt
from arbocheck.core.common.i18n import t
from arbocheck.core.trust.keys import SigningKey
from arbocheck.core.employer import overview
from arbocheck.core.employer.overview import Summary
from arbocheck.core.employer.cells import FORMULA_START, cell  # noqa: F401 (exports.cell: the one neutraliser)
from arbocheck.core.common.storage import atomic_write

COLUMNS = ("employee_id", "name", "department", "measure", "text", "owner", "priority", "term", "report_date", "due",
           "arbo_provision", "done", "responsible", "planned", "budget")


def _questionnaire(questionnaire: str):
    from arbocheck.core.questionnaire import loader as qloader

    try:
        return qloader.find(questionnaire)
    except (LookupError, qloader.QuestionnaireError):
        return None


def section_titles(lang: str, questionnaire: str = "thuiswerkplek") -> dict[str, str]:
    """Topic titles for the roll-up, from the questionnaire (ids when it cannot be found)."""
    q = _questionnaire(questionnaire)
    return {s.id: s.title.get(lang) for s in q.data.sections} if q else {}


def measure_titles(lang: str, questionnaire: str = "thuiswerkplek") -> dict[str, str]:
    """Measure texts in the employer's language (a report carries them in its worker's language)."""
    q = _questionnaire(questionnaire)
    return {m.id: m.text.get(lang) for m in q.data.measures} if q else {}


def organisation_of(known: list, campaign_id: str | None = None) -> str:
    """The organisation the registered campaigns (Register.campaigns()) name, when they name exactly one."""
    names = {k.campaign.organisation for k in known if campaign_id in (None, k.campaign_id)}
    return names.pop() if len(names) == 1 else ""


def term_titles(lang: str, questionnaire: str = "thuiswerkplek") -> dict[int, str]:
    """Term labels by their number of days, in the employer's language."""
    q = _questionnaire(questionnaire)
    return {tm.days: tm.label.get(lang) for tm in q.data.terms} if q else {}


def _translated(rows: list[dict], lang: str | None) -> list[dict]:
    titles = measure_titles(lang) if lang else {}
    terms = term_titles(lang) if lang else {}
    return [dict(r, text=titles.get(r["measure"], r["text"]),
                 term=terms.get(r["term_days"], r.get("term")) if "term_days" in r else r.get("term")) for r in rows]


def action_csv(rows: list[dict], lang: str | None = None) -> bytes:
    """The action list (overview.action_list) as CSV, measure texts in `lang` where known."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    w.writerows({c: cell(r.get(c)) for c in COLUMNS} for r in _translated(rows, lang))
    return buf.getvalue().encode("utf-8-sig")  # with BOM: Excel opens it in UTF-8


def action_file(rows: list[dict], fmt: str, lang: str | None = None, about: dict | None = None) -> bytes:
    """The action list as "csv" or "xlsx"."""
    return action_xlsx(rows, lang, about) if fmt == "xlsx" else action_csv(rows, lang)


def about_campaign(register, campaign_id: str | None) -> dict:
    """Organisation, campaign and deadline for the head of an export (the deadline of one campaign,
    or the latest of open campaigns when all are exported)."""
    known = register.campaigns()
    closed = register.closed_campaigns()
    chosen = [k for k in known if campaign_id in (None, k.campaign_id)]
    deadlines = [k.campaign.deadline for k in chosen if campaign_id is not None or k.campaign_id not in closed]
    return {"organisation": organisation_of(known, campaign_id), "campaign": campaign_id or "",
            "deadline": max(deadlines) if deadlines else ""}


def write_action_list(register, path: Path, fmt: str = "csv", lang: str | None = None,
                      campaign_id: str | None = None) -> int:
    """Write the action list of the register (one campaign, or all) crash-safe, readable by the owner
    only (it names employees): every measure of the newest reports, arranged or not (the "done"
    column says which); the number of open measures in it. The GUI and the CLI both export so."""
    rows = overview.action_list(register, campaign_id, only_open=False)
    data = action_file(rows, fmt, lang, about_campaign(register, campaign_id) if fmt == "xlsx" else None)
    atomic_write(Path(path), data, keep_previous=False, mode=0o600)
    return sum(1 for r in rows if r["done"] != "yes")


def write_rollup(path: Path, ov: Summary, organisation: str, key: SigningKey, lang: str = "nl",
                 titles: dict[str, str] | None = None, texts: dict[str, str] | None = None) -> None:
    """Sign the roll-up of `ov` (overview.summary) and write it crash-safe: the one way the GUI and the
    CLI make it. Titles default to the questionnaire's in `lang`."""
    pdf = summary_pdf(ov, organisation, key, lang,
                      section_titles(lang) if titles is None else titles,
                      measure_titles(lang) if texts is None else texts)
    atomic_write(Path(path), pdf, keep_previous=False, mode=0o644)


def action_xlsx(rows: list[dict], lang: str | None = None, about: dict | None = None) -> bytes:
    """The action list as an Excel workbook (action_sheet.py): headers and values in `lang` (Dutch
    unless said otherwise), a sheet per person and measure and one of totals per provision."""
    from arbocheck.core.employer import action_sheet

    lang = lang or "nl"
    return action_sheet.workbook(_translated(rows, lang), lang, about)


def summary_pdf(ov: Summary, organisation: str, key: SigningKey, lang: str = "nl",
                section_titles: dict[str, str] | None = None, measure_texts: dict[str, str] | None = None) -> bytes:
    """A signed roll-up: coverage, findings per topic and the measures, no individual's data."""
    from reportlab.lib.pagesizes import A4  # reportlab only for the PDF, not for the action list
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from arbocheck.core.report.assessment import ReportMeta, dumps
    from arbocheck.core.report.build import _stamp_text
    from arbocheck.core.report.pdf import FONT, StampBox, _numbered_canvas, _register_fonts, _styles, _table
    from arbocheck.core.trust.signing import attach, sign

    _register_fonts()
    st = _styles()
    P = lambda text, style="body": Paragraph(text, st[style])  # noqa: E731
    titles = section_titles or {}
    sup = t("summary.suppressed", lang, n=ov.min_group)
    title = t("summary.title", lang)
    story = [P(escape(title), "h1"), P(escape(t("summary.lead", lang, n=ov.min_group))), Spacer(1, 4 * mm)]
    cov = f"{ov.handed_in}" + (f" / {ov.expected}" if ov.expected else "")
    story.append(_table([[P(escape(t("report.organisation", lang)), "cellb"), P(escape(organisation), "cell")],
                         [P(escape(t("summary.coverage", lang)), "cellb"), P(escape(cov), "cell")],
                         [P(escape(t("report.date", lang)), "cellb"),
                          P(escape(textfmt.date(_dt.date.today().isoformat(), lang)), "cell")]],
                        [60 * mm, 110 * mm], header=False))
    story.append(P(escape(t("summary.topics", lang)), "h2"))
    rows = [[P(escape(t(k, lang)), "cellb") for k in ("report.topic", "summary.people", "priority.high",
                                                      "priority.medium", "priority.low")]]
    for tr_ in ov.topics:
        cells = [tr_.people, tr_.high, tr_.medium, tr_.low]
        rows.append([P(escape(titles.get(tr_.section, tr_.section)), "cell")]
                    + [P(escape(sup if c is None else str(c)), "cell") for c in cells])
    story.append(_table(rows, [70 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm]))
    story.append(P(escape(t("summary.measures", lang)), "h2"))
    texts = measure_texts or {}
    rows = [[P(escape(t(k, lang)), "cellb") for k in ("report.measure", "owner", "summary.people",
                                                      "summary.supply_col")]]
    yes, no = t("word.yes", lang), t("word.no", lang)

    def people(n: int) -> int | None:  # None: a group too small to show
        return None if (ov.suppressed or 0 < n < ov.min_group) else n

    for m in ov.measures:
        n = people(m.people)
        rows.append([P(escape(texts.get(m.measure, m.text)), "cell"), P(escape(t("owner." + m.owner, lang)), "cell"),
                     P(sup if n is None else str(n), "cell"), P(yes if m.provision else no, "cell")])
    story.append(_table(rows, [80 * mm, 35 * mm, 25 * mm, 30 * mm]))
    stamp: dict = {}
    story += [Spacer(1, 8 * mm), StampBox(80 * mm, 22 * mm, t("report.stamp_here", lang), stamp)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title=title, author=organisation, creator="arbocheck", lang=lang,
                      initialFontName=FONT).build(story, canvasmaker=_numbered_canvas(f"arbocheck · {title}", lang, None))
    doc = {"format": "arbocheck-rollup", "format_version": 1, "organisation": organisation,
           "created_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
           "handed_in": ov.handed_in, "expected": ov.expected, "min_group": ov.min_group,
           "signer": {"name": organisation, "fingerprint": key.fingerprint},
           "topics": [tr_.__dict__ for tr_ in ov.topics],
           "measures": [{"measure": m.measure, "people": people(m.people)} for m in ov.measures]}
    return sign(attach(buf.getvalue(), {"rollup.json": dumps(doc)}), key, page=stamp["page"], box=stamp["box"],
                signer_name=organisation, reason=title,
                stamp_text=_stamp_text(ReportMeta(signer_name=organisation, fingerprint=key.fingerprint, lang=lang),
                                       key))
