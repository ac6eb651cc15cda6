"""The human-readable report: an A4 PDF in the worker's language (reportlab).

One builder makes both versions: the employer's (workplace facts only, to be
signed) and the worker's personal copy (everything, marked "niet delen").
Photos go in as the already re-encoded JPEG bytes, never as file paths.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape
from typing import Any, Callable

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (CondPageBreak, Flowable, Image, KeepTogether, PageBreak, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

from arbocheck.core.common import paths
from arbocheck.core.report.assessment import ReportMeta, figure_numbers, printed_sections
from arbocheck.core.questionnaire.conditions import holds
from arbocheck.core.check.diagram import side_view
from arbocheck.core.check.draft_photos import refs
from arbocheck.core.common.i18n import t
from arbocheck.core.questionnaire.loader import Questionnaire
from arbocheck.core.questionnaire.model import unit_text
from arbocheck.core.report import dates, front
from arbocheck.core.report.drawing import diagram_drawing, signature_drawing
from arbocheck.core.check.sharing import Split, split
from arbocheck.core.check.textfmt import value as fmt_value

FONT = "NotoSans"
TEXT_WIDTH = 170 * mm  # A4 less 20 mm margins left and right
LEAD_ROWS = 2  # a table never leaves fewer body rows than this at the foot or the top of a page
LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}  # the document's /Lang, read aloud by a screen reader
PRIO_COLOUR = {"high": "#b3261e", "medium": "#9a5b00", "low": "#1d5fa8"}
_fonts_ready = False


def _register_fonts() -> None:
    global _fonts_ready
    if _fonts_ready:
        return
    rl_config.useA85 = 0  # binary streams: ASCII85 in pure Python is 20× slower and 27 % larger
    for style, suffix in (("", "Regular"), ("-Bold", "Bold"), ("-Italic", "Italic"), ("-BoldItalic", "BoldItalic")):
        pdfmetrics.registerFont(TTFont(FONT + style, str(paths.font(suffix))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic",
                                  boldItalic=FONT + "-BoldItalic")
    rl_config.canvas_basefontname = FONT  # or Helvetica leaks into every page
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT  # ... and into every drawing
    _fonts_ready = True


def _styles() -> dict[str, ParagraphStyle]:
    # allowWidows=0: a paragraph never leaves its last line alone at the top of a page.
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, alignment=TA_LEFT, allowWidows=0)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=colors.HexColor("#444444")),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT + "-Bold", fontSize=20, leading=25, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT + "-Bold", fontSize=13.5, leading=17,
                             spaceBefore=10, spaceAfter=5, textColor=colors.HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontName=FONT + "-Bold", fontSize=10.5, leading=14,
                             spaceBefore=6, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "cellb": ParagraphStyle("cellb", parent=base, fontName=FONT + "-Bold", fontSize=8.5, leading=11),
        "mark": ParagraphStyle("mark", parent=base, fontName=FONT + "-Bold", fontSize=11,
                               textColor=colors.HexColor("#b3261e")),
    }


HEADINGS = ("h1", "h2", "h3")
CELL_PAD = 6  # reportlab's default left and right padding of a table cell, in points


class KeepStart(CondPageBreak):
    """Breaks the page unless a heading and the start of what follows it fit below.

    reportlab's keepWithNext is no help here: it keeps a heading with the whole
    next flowable (a long table would jump to the next page and leave a gap) and
    not at all with a KeepTogether (a photo), so a heading could end a page.
    """

    def __init__(self, group: list):
        super().__init__(0)
        self.group = group

    def wrap(self, availWidth, availHeight):
        if getattr(getattr(self, "_frame", None), "_atTop", False):
            return 0, 0  # at the top of a page already: a break would gain nothing
        self.height = _start_height(self.group, availWidth, self.canv)
        return super().wrap(availWidth, availHeight)


class FitDrawing(Flowable):
    """A drawing that is drawn a little smaller when that keeps it, and the flowables
    `below` it (its caption), on this page instead of leaving a gap."""

    def __init__(self, drawing, below: list, smallest: float = 0.85):
        super().__init__()
        self.drawing, self.below, self.smallest, self.scale = drawing, below, smallest, 1.0

    def wrap(self, availWidth, availHeight):
        w, h = self.drawing.width, self.drawing.height
        room = availHeight - sum(f.getSpaceBefore() + f.wrapOn(self.canv, availWidth, 1e6)[1] + f.getSpaceAfter()
                                 for f in self.below)
        self.scale = min(1.0, availWidth / w, max(self.smallest, room / h))
        self.width, self.height = w * self.scale, h * self.scale
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


def _start_height(group: list, width: float, canv) -> float:
    """Height of the headings in `group` plus the part of its last flowable that must come with them."""
    h = 0.0
    for i, f in enumerate(group):
        h += f.getSpaceBefore() + (_lead_height(f, width, canv) if i == len(group) - 1
                                   else f.wrapOn(canv, width, 1e6)[1] + f.getSpaceAfter())
    return h


def _lead_height(f, width: float, canv) -> float:
    content = getattr(f, "_content", None)
    if isinstance(f, KeepTogether) and content is not None:  # kept whole anyway: all of it
        return sum(g.getSpaceBefore() + g.wrapOn(canv, width, 1e6)[1] + g.getSpaceAfter() for g in content)
    _, h = f.wrapOn(canv, width, 1e6)
    if isinstance(f, Table):  # header row(s) and the first body rows (see _table's NOSPLIT)
        return sum(f._rowHeights[:(f.repeatRows or 0) + LEAD_ROWS])
    if isinstance(f, Paragraph):  # its first two lines (reportlab leaves no single line behind)
        return min(h, 2 * f.style.leading)
    return h


def keep_headings(story: list) -> list:
    """The story with a KeepStart before every heading (or run of headings) in it."""
    out: list = []
    i = 0
    while i < len(story):
        if not _is_heading(story[i]):
            out.append(story[i])
            i += 1
            continue
        j = i
        while j < len(story) and (_is_heading(story[j]) or type(story[j]) is Spacer):
            j += 1
        follows = j < len(story) and not isinstance(story[j], (CondPageBreak, PageBreak))
        out.append(KeepStart(story[i:j + 1] if follows else story[i:j]))
        out.extend(story[i:j])
        i = j
    return out


def _is_heading(f) -> bool:
    return isinstance(f, Paragraph) and f.style.name in HEADINGS


def fit_widths(columns: list[list[tuple[str, str]]], total: float, minimum: list[float],
               size: float = 8.5) -> list[float]:
    """Column widths, the first column taking what the others leave.

    Every other column is at least as wide as its longest word (`columns` holds
    (text, font) pairs per column), because reportlab breaks a word that does not
    fit in the middle ("Arbovoorz" / "iening").
    """
    widths = [max([m] + [stringWidth(w, font, size) + 2 * CELL_PAD + 1 for text, font in col for w in text.split()])
              for col, m in zip(columns[1:], minimum[1:])]
    return [max(minimum[0], total - sum(widths))] + widths


class Heading(Paragraph):
    """A heading that is also a bookmark (the PDF's outline) at `level`, pointing at itself."""

    def __init__(self, text: str, style: ParagraphStyle, title: str, level: int):
        super().__init__(text, style)
        self.title, self.level = title, level

    def draw(self) -> None:
        key = f"h{id(self)}"
        self.canv.bookmarkHorizontal(key, 0, self.height + self.style.spaceBefore)
        self.canv.addOutlineEntry(self.title, key, level=self.level)
        super().draw()


def _photo_rows(sec_photos: list, photo_bytes: Callable[[str], bytes], lang: str, P) -> list:
    """A topic's photos two abreast, each with its caption under it (its alternative text too)."""
    cells = []
    for n, p in sec_photos:
        jpeg = photo_bytes(p.id)
        iw, ih = ImageReader(io.BytesIO(jpeg)).getSize()
        h = min(55 * mm, 82 * mm * ih / iw)
        caption = t("report.figure", lang, n=n) + (f": {p.caption}" if p.caption else "")
        cells.append([Image(io.BytesIO(jpeg), width=h * iw / ih, height=h), P(escape(caption), "small")])
    out = []
    for i in range(0, len(cells), 2):
        pair = cells[i:i + 2] + ([""] if len(cells[i:i + 2]) == 1 else [])
        tb = Table([[c for c in pair]], colWidths=[85 * mm, 85 * mm])
        tb.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        out.append(tb)
    return out


def _summary_rows(q: Questionnaire, inp: "ReportInput", ev, shown_answers: dict, findings: list, P) -> tuple[list, int]:
    """The table of topics with how much is answered and the verdict; and how many are in order."""
    lang = inp.meta.lang
    rows = [[P(escape(t(k, lang)), "cellb") for k in ("report.topic", "report.answered", "report.status")]]
    ok = 0
    for sec in q.data.sections:
        # Questions hidden as not applicable do not count (a non-health item's visibility never depends on
        # a health answer: the loader checks it, so these counts show the employer nothing about health).
        items = [it for it in sec.items if (inp.personal or not it.health) and holds(it.show_if, ev.values)]
        if not items:
            continue
        answered = sum(1 for it in items if it.id in shown_answers)
        fs = [f for f in findings if f.section == sec.id]
        worst = min((f.priority for f in fs), key=("high", "medium", "low").index) if fs else None
        status = ("report.status.open" if not answered else "report.status.action" if worst == "high"
                  else "report.status.attention" if worst else "report.status.ok")
        ok += status == "report.status.ok"
        if status == "report.status.ok" and not inp.personal and any(it.health for it in sec.items):
            # The employer's version judges only what it shows: a topic with confidential questions is
            # never called simply "in orde" (the same words whatever those answers were).
            status = "report.status.ok_shown"
        colour = PRIO_COLOUR.get(worst or "", "#2e6b30" if answered else "#666666")
        top = f": {escape(fs[0].title)}" if fs else ""  # findings come sorted: the first matters most
        rows.append([P(escape(sec.title.get(lang)), "cell"), P(f"{answered}/{len(items)}", "cell"),
                     P(f"<font color='{colour}'>{escape(t(status, lang))}</font>"
                       + (f" ({len(fs)})" if fs else "") + top, "cell")])
    return rows, ok


def _cap(text: str) -> str:
    """Column headers start with a capital, also when the shared word is lower case ("eigenaar")."""
    return text[:1].upper() + text[1:]


class StampBox(Flowable):
    """Reserves room for the visible signature stamp and records where it landed."""

    def __init__(self, width: float, height: float, label: str, sink: dict):
        super().__init__()
        self.width, self.height, self.label, self.sink = width, height, label, sink

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.HexColor("#9aa5b1"))
        c.setDash(2, 2)
        c.rect(0, 0, self.width, self.height)
        c.setDash()
        c.setFont(FONT, 7)
        c.setFillColor(colors.HexColor("#666666"))
        c.drawString(3, self.height + 3, self.label)
        x, y = c.absolutePosition(0, 0)
        self.sink.update(page=c.getPageNumber() - 1,
                         box=(int(x), int(y), int(x + self.width), int(y + self.height)))


def _numbered_canvas(footer_left: str, lang: str, personal_mark: str | None):
    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._pages: list[dict] = []
            # A reader's window shows the title, not the file name; the bookmarks open beside the pages.
            self.setViewerPreference("DisplayDocTitle", "true")
            self.showOutline()

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            w, _ = A4
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#666666"))
            self.drawString(18 * mm, 10 * mm, footer_left)
            self.drawRightString(w - 18 * mm, 10 * mm, t("report.page", lang, n=self._pageNumber, total=total))
            if personal_mark:
                self.setFont(FONT + "-Bold", 9)
                self.setFillColor(colors.HexColor("#b3261e"))
                self.drawCentredString(w / 2, A4[1] - 10 * mm, personal_mark)
            self.restoreState()

    return NumberedCanvas


@dataclass
class ReportInput:
    q: Questionnaire
    answers: dict[str, Any]
    draft_meta: dict[str, Any]
    meta: ReportMeta
    photo_bytes: Callable[[str], bytes]
    personal: bool = False
    sealed: bool = False
    stamp: dict = field(default_factory=dict)  # filled in: page and box of the signature stamp
    split: Split | None = None  # the employer/expert split, when the caller has made it already


def build_pdf(inp: ReportInput) -> bytes:
    _register_fonts()
    st = _styles()
    q, lang, rm = inp.q, inp.meta.lang, inp.meta
    s = inp.split or split(q, inp.answers, inp.draft_meta, lang)
    ev = s.evaluation
    findings = ev.findings if inp.personal else s.employer_findings
    plan = ev.plan if inp.personal else s.employer_plan
    shown_answers = dict(s.employer_answers, **(s.expert_answers if inp.personal else {}))
    # The personal copy shows every photo in the draft's own order (a section's shared and
    # expert-only photos as the worker put them), the employer's version only the shared ones.
    photos = refs(inp.draft_meta or {}) if inp.personal else s.employer_photos
    values = dict(ev.values) if inp.personal else dict(s.employer_answers, **s.employer_derived)
    title = t("report.title.personal" if inp.personal else "report.title", lang)
    P = lambda text, style="body": Paragraph(text, st[style])  # noqa: E731

    def heading(text: str, style: str, level: int | None = None) -> Paragraph:
        return Heading(escape(text), st[style], text, level) if level is not None else P(escape(text), style)

    story: list = []

    # -- page 1: what the employer must arrange, in the third person ---------------------------
    pg = front.Page(P, _table, heading, PRIO_COLOUR, FONT, fit_widths)
    counts = {p: sum(f.priority == p for f in findings) for p in ("high", "medium", "low")}
    rows, ok = _summary_rows(q, inp, ev, shown_answers, findings, P)
    if inp.personal:
        story.append(P(escape(t("report.personal_mark", lang)), "mark"))
    story.append(heading(title, "h1", level=0))
    story += front.employer_page(pg, q, rm, plan, counts, (len(rows) - 1, ok), inp.personal)
    # An unfinished check never reads as "nothing to remark". The employer's version judges that from
    # what it may show only (required items are workplace facts), so a health answer changes nothing here.
    state = ev.state if inp.personal else ("empty" if not s.employer_answers else
                                           "incomplete" if ev.missing else "complete")
    if state != "complete":
        story += [Spacer(1, 2 * mm), P(escape(t("state." + state, lang, n=len(ev.missing))), "small")]
    for scope_id in ev.outside_scopes:
        story += [Spacer(1, 2 * mm), P(escape(q.scopes[scope_id].note.get(lang)), "small")]
    if not inp.personal:
        story += [Spacer(1, 3 * mm), P(escape(t("report.health_note" if inp.sealed else "report.health_note.none",
                                                 lang)), "small")]

    # -- the inspector's account: questionnaire, norms, what was sealed and left out ----------------
    norms = front.norm_index(findings)
    number = {n.id: i for i, n in enumerate(norms, 1)}
    story += [CondPageBreak(90 * mm), Spacer(1, 4 * mm)]
    story += front.account(pg, q, rm, norms, inp.sealed, inp.personal)

    # -- annex: summary per topic, then each topic with its answers, photos, values and advice --------
    story += [CondPageBreak(70 * mm), Spacer(1, 4 * mm), heading(t("report.annex", lang), "h2", level=0),
              P(escape(t("report.annex.lead", lang)), "small"), Spacer(1, 2 * mm)]
    story.append(_table(rows, [52 * mm, 25 * mm, 93 * mm]))

    # Numbered down the report, from the same function as assessment.json's "figure".
    figure_no = figure_numbers(q, photos, inp.personal)
    printed = set(printed_sections(q, inp.personal))
    drew_diagram = False
    for sec in q.data.sections:
        items = [it for it in sec.items if (inp.personal or not it.health)]
        if sec.id not in printed:
            continue
        block = [CondPageBreak(35 * mm), heading(sec.title.get(lang), "h2", level=1)]
        # No "question | answer" header over every topic: the heading says what follows (a third of a page less).
        rows = []
        for it in items:
            if it.id not in shown_answers:
                continue
            mark = f" <font color='#b3261e'>({escape(t('health_item', lang))})</font>" if it.health else ""
            unit = f" {unit_text(it, lang)}" if unit_text(it, lang) else ""
            rows.append([P(escape(it.text.get(lang)) + mark, "cell"),
                         P(escape(fmt_value(q, it.id, shown_answers[it.id], lang) + unit), "cell")])
        if rows:
            block.append(_table(rows, [115 * mm, 55 * mm], header=False))
        else:
            block.append(P(escape(t("report.unanswered", lang)), "small"))
        # The photos right under the answers they illustrate, under a heading that names the topic.
        sec_photos = [(figure_no[i], p) for i, p in enumerate(photos) if p.section == sec.id]
        if sec_photos:
            block.append(P(escape(t("report.photos_of", lang, topic=sec.title.get(lang))), "h3"))
            block += _photo_rows(sec_photos, inp.photo_bytes, lang, P)
        measured = [[P(escape(t("report.measured", lang)), "cellb"), P(escape(t("report.value", lang)), "cellb")]]
        for d in q.data.derived:
            v = values.get(d.id)
            if d.report_section != sec.id or not isinstance(v, (int, float)) or v <= 0:
                continue
            if not inp.personal and q.reads_health([d.id]):
                continue
            measured.append([P(escape(d.label.get(lang)) + f" <font color='#666666'>({t('report.guidance', lang)})</font>",
                               "cell"), P(escape(fmt_value(q, d.id, v, lang) + f" {unit_text(d, lang)}"), "cell")])
        if len(measured) > 1:
            block += [Spacer(1, 3 * mm), _table(measured, [115 * mm, 55 * mm])]
        if sec.diagram == "side_view" and values.get("body_height_cm") and not drew_diagram:
            drew_diagram = True  # one side view in the report, in the first section that has one
            dgm = side_view(values, lang, q.parameter("desk_tolerance_cm"))
            notes = [Spacer(1, 1.5 * mm), P(escape(" ".join(dgm.notes)), "small")] if dgm.notes else []
            block += [Spacer(1, 3 * mm), FitDrawing(diagram_drawing(dgm, 95 * mm), notes, smallest=0.7), *notes,
                      Spacer(1, 2 * mm)]
        fs = [f for f in findings if f.section == sec.id]
        for f in fs:
            scope = [P(f"<i>{escape(t('norm.outside_scope', lang))}</i>", "small")] if f.outside_scope else []
            refs_ = ", ".join(f"[{number[n.id]}] {escape(front.norm_label(n))}" for n in f.norms)
            block.append(KeepTogether([
                P(f"<font color='{PRIO_COLOUR[f.priority]}'><b>{escape(t('priority.' + f.priority, lang)).upper()}</b></font>"
                  f" · <b>{escape(f.title)}</b> · {escape(t('owner.' + f.owner, lang))}", "h3"),
                P(escape(f.advice)), *scope,
                *([P(f"{escape(t('report.norm_refs', lang))}: {refs_}", "small")] if refs_ else []),
            ]))
        story += block

    # -- words explained ----------------------------------------------------------
    words = q.glossary_in([f.title for f in findings] + [f.advice for f in findings] + [p.text for p in plan], lang)
    if words:
        story += [heading(t("report.glossary", lang), "h2", level=1)]
        story += [P(f"<b>{escape(term)}</b>: {escape(text)}", "small") for term, text in words]

    # -- declaration and signature -------------------------------------------------------
    # One block: the declaration, its table, the drawn signature and the stamp never part.
    signing = [heading(t("report.declaration", lang), "h2", level=0), P(escape(t("report.declaration_text", lang))),
               Spacer(1, 3 * mm)]
    signing.append(_table(front.signature_rows(pg, rm), [55 * mm, 115 * mm], header=False))
    drawing = signature_drawing(inp.draft_meta.get("signature_strokes") or [], 60 * mm, 20 * mm)
    if drawing is not None:
        signing += [Spacer(1, 2 * mm), P(escape(t("report.drawn_signature", lang)), "small"), drawing]
    if not inp.personal:
        signing += [Spacer(1, 5 * mm), StampBox(80 * mm, 22 * mm, t("report.stamp_here", lang), inp.stamp)]
    story.append(KeepTogether(signing))
    if not inp.personal:  # how to check it may follow on the next page: no half-empty page for it
        story += [Spacer(1, 2 * mm), *front.trust(pg, rm)]

    buf = io.BytesIO()
    footer = " · ".join(x for x in ("arbocheck", title, rm.signer_name, dates.day(rm.created_at, lang)) if x)
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=title, author=rm.signer_name or "arbocheck",
                            subject=f"{q.id} {q.version}", creator="arbocheck", lang=LANG_TAGS.get(lang, lang))
    page_mark = t("report.personal_mark", lang) if inp.personal else None
    doc.build(keep_headings(story), canvasmaker=_numbered_canvas(footer, lang, page_mark))
    return buf.getvalue()


def _table(rows: list, widths: list, header: bool = True) -> Table:
    tb = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d8dee4")),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.HexColor("#9aa5b1"))]
    # No header row alone (or with one row) at the foot of a page, no single row alone on the next.
    last = len(rows) - 1
    head = (1 if header else 0) + LEAD_ROWS - 1
    if last >= 1:
        style.append(("NOSPLIT", (0, 0), (-1, min(head, last))))
    if last - head >= LEAD_ROWS:
        style.append(("NOSPLIT", (0, last - LEAD_ROWS + 1), (-1, last)))
    tb.setStyle(TableStyle(style))
    return tb
