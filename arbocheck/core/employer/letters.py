"""The letters that hand out a campaign's codes (and remind who has not handed in): one PDF with one
page per employee, a mail-merge CSV and one .eml draft per employee (with the campaign file
attached) for the organisation's own mail program. reportlab as core/report/pdf.py uses it.

What a letter says about who sees the health answers is computed from the campaign itself (does
it name an arbo expert?), the same flag that decides whether they are sealed for the expert.
These files hold enrolment codes: callers write them for the owner only (campaign_run.py).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape

from arbocheck.core.check import textfmt
from arbocheck.core.common.i18n import t
from arbocheck.core.employer.cells import cell
from arbocheck.core.trust.campaign import Campaign


@dataclass(frozen=True)
class Recipient:
    employee_id: str
    name: str = ""
    code: str = ""  # "" when it is not known (a reminder without the codes file)
    email: str = ""


@dataclass(frozen=True)
class Letterhead:
    """What every letter of one handout shares."""

    campaign: Campaign
    campaign_name: str  # the campaign file's name, as the worker receives it
    lang: str = "nl"
    return_to: str = ""  # where the report goes; else the campaign's own hand-in text; else a general sentence
    install: str = ""  # where to get arbocheck; a general sentence when empty
    reminder: bool = False
    recheck: bool = False  # a reminder that the check is due again (overview.employees show="due")
    due_by: str = ""  # ISO date the re-check is asked by (instead of the campaign's deadline)

    @property
    def deadline(self) -> str:
        return textfmt.date(self.due_by or self.campaign.deadline, self.lang)

    @property
    def kind(self) -> str:
        """Which handout this is: "first", "reminder" or "recheck" (the keys of TEXTS)."""
        return "recheck" if self.recheck else "reminder" if self.reminder else "first"


# (title, subject, the line that opens the letter) of each kind of handout
TEXTS = {"first": ("letter.title", "letter.subject", None),
         "reminder": ("letter.title.reminder", "letter.subject.reminder", "letter.reminder"),
         "recheck": ("letter.title.recheck", "letter.subject.recheck", "letter.recheck")}


def _health(h: Letterhead) -> str:
    return t("letter.health.expert" if h.campaign.expert_recipient else "letter.health.none", h.lang)


def _button(key: str, lang: str) -> str:
    """A button's label as the worker's program shows it (without its shortcut mark and dots)."""
    return "“" + t(key, lang).replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…. ") + "”"


def _steps(h: Letterhead, r: Recipient) -> list[str]:
    lang = h.lang
    return [t("letter.step.install", lang, where=h.install or t("letter.install.default", lang)),
            t("letter.step.start", lang, role=_button("role.worker", lang)),
            t("letter.step.campaign", lang, file=h.campaign_name, fp=h.campaign.employer_fingerprint[:19],
              button=_button("campaign.load", lang)),
            t("letter.step.code", lang, id=r.employee_id),
            t("letter.step.answer", lang, button=_button("sign.export", lang)),
            t("letter.step.hand_in", lang, deadline=h.deadline,
              where=h.return_to or h.campaign.hand_in or t("letter.return.default", lang))]


def _greeting(h: Letterhead, r: Recipient) -> str:
    return t("letter.dear", h.lang, name=r.name or r.employee_id)


def mail(h: Letterhead, r: Recipient) -> tuple[str, str]:
    """(subject, plain-text body) of the mail to one employee."""
    lang = h.lang
    subject = t(TEXTS[h.kind][1], lang,
                organisation=h.campaign.organisation, deadline=h.deadline)
    lines = [_greeting(h, r), ""]
    if TEXTS[h.kind][2]:
        lines += [t(TEXTS[h.kind][2], lang, deadline=h.deadline), ""]
    lines += [t("letter.what", lang, organisation=h.campaign.organisation), _health(h), "",
              t("letter.how", lang)]
    lines += [f"{i}. {s}" for i, s in enumerate(_steps(h, r), start=1)]
    lines += ["", t("letter.your_id", lang, id=r.employee_id)]
    lines += [t("letter.your_code", lang, code=r.code) if r.code else t("letter.code_in_letter", lang)]
    lines += [t("letter.code_personal", lang), "", t("letter.attached", lang, file=h.campaign_name), "",
              t("letter.regards", lang), h.campaign.organisation]
    return subject, "\n".join(lines) + "\n"


def eml(h: Letterhead, r: Recipient, campaign_file: bytes, sender: str = "") -> bytes:
    """A draft mail (RFC 5322) with the campaign file attached; X-Unsent makes Outlook open it as a draft."""
    subject, body = mail(h, r)
    msg = EmailMessage()
    msg["Subject"] = subject
    if sender:
        msg["From"] = sender
    if r.email:
        msg["To"] = r.email
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="arbocheck.invalid")
    msg["X-Unsent"] = "1"
    msg.set_content(body)
    msg.add_attachment(campaign_file, maintype="application", subtype="json", filename=h.campaign_name)
    return bytes(msg)


MERGE_COLUMNS = ("employee_id", "name", "email", "code", "deadline", "campaign_file", "subject", "body")


def mail_merge_csv(h: Letterhead, people: list[Recipient]) -> bytes:
    """One row per employee for the mail program's mail merge (Word, Outlook, Thunderbird), every
    text cell neutralised as in the other exports."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(MERGE_COLUMNS)
    for r in people:
        subject, body = mail(h, r)
        w.writerow([cell(v) for v in (r.employee_id, r.name, r.email, r.code, h.campaign.deadline,
                                      h.campaign_name, subject)] + [cell(body, keep_lines=True)])
    return buf.getvalue().encode("utf-8-sig")


def letters_pdf(h: Letterhead, people: list[Recipient]) -> bytes:
    """One A4 page per employee: what the check is, how to install and start it, the campaign file,
    their code, the deadline and how to hand in."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from arbocheck.core.report.pdf import FONT, _register_fonts, _styles

    _register_fonts()
    st = _styles()
    code_style = ParagraphStyle("code", parent=st["body"], fontName=FONT + "-Bold", fontSize=18, leading=24)
    st["body"] = ParagraphStyle("letter", parent=st["body"], fontSize=10.5, leading=14.5, spaceAfter=4)  # paper
    lang = h.lang
    P = lambda text, style="body": Paragraph(text, st[style] if isinstance(style, str) else style)  # noqa: E731
    story: list = []
    for i, r in enumerate(people):
        if i:
            story.append(PageBreak())
        title = t(TEXTS[h.kind][0], lang)
        story += [P(escape(h.campaign.organisation), "small"), P(escape(title), "h1"),
                  P(escape(_greeting(h, r))), Spacer(1, 2 * mm)]
        if TEXTS[h.kind][2]:
            story.append(P("<b>" + escape(t(TEXTS[h.kind][2], lang, deadline=h.deadline)) + "</b>"))
        story += [P(escape(t("letter.what", lang, organisation=h.campaign.organisation))), P(escape(_health(h))),
                  P(escape(t("letter.how", lang)), "h2")]
        story += [P(f"{n}. {escape(s)}") for n, s in enumerate(_steps(h, r), start=1)]
        code = r.code or t("letter.code_unknown", lang)
        box = Table([[P(escape(t("letter.box.id", lang)), "cellb"), P(escape(r.employee_id), code_style)],
                     [P(escape(t("letter.box.code", lang)), "cellb"), P(escape(code), code_style)],
                     [P(escape(t("letter.box.deadline", lang)), "cellb"), P("<b>" + escape(h.deadline) + "</b>")],
                     [P(escape(t("letter.box.campaign", lang)), "cellb"),
                      P(escape(f"{h.campaign_name} ({h.campaign.campaign_id})"))]],
                    colWidths=[45 * mm, 125 * mm])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#1f3a5f")),
                                 ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f6f9")),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                 ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        story += [Spacer(1, 4 * mm), KeepTogether([box]), Spacer(1, 3 * mm),
                  P(escape(t("letter.code_personal", lang)), "small"),
                  P(escape(t("letter.fingerprint", lang, fp=h.campaign.employer_fingerprint)), "small"),
                  Spacer(1, 4 * mm), P(escape(t("letter.regards", lang))), P(escape(h.campaign.organisation))]
    if not story:
        story.append(P(escape(t("letter.nobody", lang))))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                      bottomMargin=16 * mm, title=t("letter.title", lang), author=h.campaign.organisation,
                      creator="arbocheck", lang=lang, initialFontName=FONT).build(story)
    return buf.getvalue()
