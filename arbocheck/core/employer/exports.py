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


def rie_topics(lang: str, questionnaire: str = "thuiswerkplek") -> dict[str, tuple[list[str], list[str]]]:
    """{RI&E topic as the RI&E names it: (its sections, the employer's measures its rules ask for)},
    in the questionnaire's order, from the sections' rie_topic (content, not code)."""
    q = _questionnaire(questionnaire)
    if q is None:
        return {}
    out: dict[str, tuple[list[str], list[str]]] = {}
    topic_of = {}
    for sec in q.data.sections:
        if sec.rie_topic is not None:
            name = sec.rie_topic.get(lang)
            out.setdefault(name, ([], []))[0].append(sec.id)
            topic_of[sec.id] = name
    for rule in q.data.rules:
        name = topic_of.get(q.section_of[rule.item])
        if name is not None:
            for m in rule.measure_ids():
                if q.measures[m].owner in ("employer", "both") and m not in out[name][1]:
                    out[name][1].append(m)
    return out


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
                      campaign_id: str | None = None, group: tuple[str, str] | None = None) -> int:
    """Write the action list of the register (one campaign, or all; everyone or one group, e.g.
    ("department", "Financiën")) crash-safe, readable by the owner only (it names employees): every
    measure of the newest reports, arranged or not (the "done" column says which); the number of open
    measures in it. The GUI and the CLI both export so."""
    rows = overview.action_list(register, campaign_id, only_open=False, group=group)
    data = action_file(rows, fmt, lang, about_campaign(register, campaign_id) if fmt == "xlsx" else None)
    atomic_write(Path(path), data, keep_previous=False, mode=0o600)
    return sum(1 for r in rows if r["done"] != "yes")


def write_rollup(path: Path, ov: Summary, organisation: str, key: SigningKey, lang: str = "nl",
                 titles: dict[str, str] | None = None, texts: dict[str, str] | None = None, *,
                 register=None, campaign_id: str | None = None, dimension: str | None = None) -> None:
    """Sign the roll-up of `ov` (overview.summary) and write it crash-safe: the one way the GUI and the
    CLI make it. Titles default to the questionnaire's in `lang`. With the `register` it came from,
    a roll-up that would differ from the previous signed one by fewer than the minimum group size
    is refused (disclosure.check_changes), `dimension` adds the protected roll-up per group, and
    the register records that it was made (disclosure.record)."""
    from arbocheck.core.employer import disclosure

    g = rie = None
    if register is not None:
        disclosure.check_changes(register, campaign_id, ov.min_group)
        mapping = rie_topics(lang)
        rie = [(name, overview.rie_counts(register, campaign_id, {name: secs})[name], ms)
               for name, (secs, ms) in mapping.items()]
        if dimension:
            g = disclosure.grouped(register, campaign_id, dimension, ov.min_group,
                                   disclosure.changed_groups(register, campaign_id, dimension, ov.min_group))
    pdf = summary_pdf(ov, organisation, key, lang,
                      section_titles(lang) if titles is None else titles,
                      measure_titles(lang) if texts is None else texts, grouped=g, rie=rie)
    atomic_write(Path(path), pdf, keep_previous=False, mode=0o644)
    if register is not None:
        disclosure.record(register, campaign_id, g)


def privacy_statement(ov: Summary, g=None, lang: str = "nl", over_time: bool = True) -> list[str]:
    """How this roll-up protects privacy, computed from the thresholds and the hiding that made it."""
    k = ov.min_group
    out = [t("privacy.no_health", lang), t("privacy.cells", lang, k=k)]
    if ov.suppressed:
        out.append(t("privacy.all_hidden", lang, n=ov.handed_in, k=k))
    if g is not None:
        hidden = g.hidden()
        out.append(t("privacy.groups", lang, k=k, n=len(g.groups), hidden=sum(hidden.values()),
                     small=hidden.get("small", 0), complementary=hidden.get("complementary", 0),
                     changed=hidden.get("changed", 0)))
    if over_time:
        out.append(t("privacy.over_time", lang, k=k))
    return out


def action_xlsx(rows: list[dict], lang: str | None = None, about: dict | None = None) -> bytes:
    """The action list as an Excel workbook (action_sheet.py): headers and values in `lang` (Dutch
    unless said otherwise), a sheet per person and measure and one of totals per provision."""
    from arbocheck.core.employer import action_sheet

    lang = lang or "nl"
    return action_sheet.workbook(_translated(rows, lang), lang, about)


def rollup_json(ov: Summary, organisation: str, fingerprint: str) -> dict:
    """The numbers of the signed roll-up (attached to it as rollup.json), the same the PDF prints."""
    def people(n: int) -> int | None:
        return None if (ov.suppressed or 0 < n < ov.min_group) else n

    return {"format": "arbocheck-rollup", "format_version": 1, "organisation": organisation,
            "created_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "handed_in": ov.handed_in, "expected": ov.expected, "enrolled": ov.enrolled, "tofu": ov.tofu,
            "not_yet": ov.not_yet, "min_group": ov.min_group,
            "signer": {"name": organisation, "fingerprint": fingerprint},
            "topics": [dict(tr_.__dict__) for tr_ in ov.topics],
            "measures": [{"measure": m.measure, "people": people(m.people)} for m in ov.measures]}


def summary_pdf(ov: Summary, organisation: str, key: SigningKey, lang: str = "nl",
                section_titles: dict[str, str] | None = None, measure_texts: dict[str, str] | None = None,
                grouped=None, rie: list | None = None) -> bytes:
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
    cov = f"{ov.coverage(lang)}; {t('counts.people', lang, n=ov.handed_in)}"
    story.append(_table([[P(escape(t("report.organisation", lang)), "cellb"), P(escape(organisation), "cell")],
                         [P(escape(t("summary.coverage", lang)), "cellb"), P(escape(cov), "cell")],
                         [P(escape(t("report.date", lang)), "cellb"),
                          P(escape(textfmt.date(_dt.date.today().isoformat(), lang)), "cell")]],
                        [60 * mm, 110 * mm], header=False))
    texts = measure_texts or {}
    k = ov.min_group

    def cell_of(n: int) -> str:
        return sup if (ov.suppressed or 0 < n < k) else str(n)

    if rie:  # the RI&E's own topics, each with what the employer arranges for it
        story.append(P(escape(t("summary.rie", lang)), "h2"))
        rows = [[P(escape(t(key, lang)), "cellb") for key in ("report.topic", "summary.people", "priority.high",
                                                               "priority.medium", "priority.low", "summary.measures")]]
        open_of = {m.measure: m for m in ov.measures}
        for name, (people, h, m, lo), ms in rie:
            listed = [f"{texts.get(x, open_of[x].text)} ({cell_of(open_of[x].people)})" for x in ms if x in open_of]
            rows.append([P(escape(name), "cell")] + [P(escape(cell_of(n)), "cell") for n in (people, h, m, lo)]
                        + [P(escape("; ".join(listed) or "—"), "cell")])
        story.append(_table(rows, [42 * mm, 18 * mm, 14 * mm, 14 * mm, 14 * mm, 68 * mm]))
    story.append(P(escape(t("summary.topics", lang)), "h2"))
    rows = [[P(escape(t(k, lang)), "cellb") for k in ("report.topic", "summary.people", "priority.high",
                                                      "priority.medium", "priority.low")]]
    for tr_ in ov.topics:
        cells = [tr_.people, tr_.high, tr_.medium, tr_.low]
        rows.append([P(escape(titles.get(tr_.section, tr_.section)), "cell")]
                    + [P(escape(sup if c is None else str(c)), "cell") for c in cells])
    story.append(_table(rows, [70 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm]))
    story.append(P(escape(t("summary.measures", lang)), "h2"))
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
    if grouped is not None:
        story.append(P(escape(t("summary.per_group", lang, dimension=t("group." + grouped.dimension, lang))), "h2"))
        rows = [[P(escape(t(k, lang)), "cellb") for k in ("group.name", "group.coverage", "summary.people")]]
        for gv in grouped.groups:
            rows.append([P(escape(gv.value or t("group.none", lang)), "cell"),
                         P(escape(f"{gv.enrolled} / {gv.expected}" if gv.expected is not None else "—"), "cell"),
                         P(escape(str(gv.people) if gv.people is not None else t("group.hidden." + gv.why, lang,
                                                                                  n=ov.min_group)), "cell")])
        story.append(_table(rows, [70 * mm, 40 * mm, 60 * mm]))
    story.append(P(escape(t("privacy.heading", lang)), "h2"))
    for line in privacy_statement(ov, grouped, lang):
        story.append(P(escape(line)))
    stamp: dict = {}
    story += [Spacer(1, 8 * mm), StampBox(80 * mm, 22 * mm, t("report.stamp_here", lang), stamp)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=18 * mm, title=title, author=organisation, creator="arbocheck", lang=lang,
                      initialFontName=FONT).build(story, canvasmaker=_numbered_canvas(f"arbocheck · {title}", lang, None))
    doc = rollup_json(ov, organisation, key.fingerprint)
    if grouped is not None:
        doc["groups"] = {"dimension": grouped.dimension,
                         "groups": [{"value": gv.value, "expected": gv.expected, "enrolled": gv.enrolled,
                                     "people": gv.people, "hidden": gv.why or None,
                                     "topics": {sec: list(v) for sec, v in gv.topics.items()},
                                     "measures": gv.measures} for gv in grouped.groups]}
    doc["privacy"] = privacy_statement(ov, grouped, lang)
    if rie:
        doc["rie_topics"] = [{"topic": name, "people": shown_n(people), "high": shown_n(h), "medium": shown_n(m),
                              "low": shown_n(lo), "measures": ms}
                             for name, (people, h, m, lo), ms in rie
                             for shown_n in [lambda n: None if (ov.suppressed or 0 < n < k) else n]]
    return sign(attach(buf.getvalue(), {"rollup.json": dumps(doc)}), key, page=stamp["page"], box=stamp["box"],
                signer_name=organisation, reason=title,
                stamp_text=_stamp_text(ReportMeta(signer_name=organisation, fingerprint=key.fingerprint, lang=lang),
                                       key))
