"""Finding badges: green / amber / red with the personal advice, beside the answer."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from arbocheck.core.check.rules import Finding
from arbocheck.ui.texts import tr

COLOURS = {  # (accent, background): contrast of the text on the background stays above 7:1
    "high": ("#b3261e", "#fdecea"),
    "medium": ("#9a5b00", "#fff4e0"),
    "low": ("#1d5fa8", "#e9f1fb"),
    "ok": ("#2e6b30", "#e8f4e8"),
}


def plain(html: str) -> str:
    """What a screen reader should hear of a bit of our HTML: the text, without tags."""
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(html).toPlainText().strip()


class Badge(QFrame):
    """A finding, a warning or "In orde": reachable with Tab, named by its heading, described by its text."""

    def __init__(self, kind: str, heading: str, body_html: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        accent, bg = COLOURS[kind]
        self.kind = kind
        self.setObjectName("badge")
        self.setStyleSheet(f"#badge {{ background: {bg}; border-left: 4px solid {accent}; border-radius: 3px; }}"
                           f" QLabel {{ background: transparent; }}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(2)
        head = QLabel(f"<b style='color:{accent}'>{escape(heading)}</b>")
        head.setTextFormat(Qt.TextFormat.RichText)
        head.setWordWrap(True)
        lay.addWidget(head)
        if body_html:
            body = QLabel(body_html)
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setWordWrap(True)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            body.setOpenExternalLinks(True)
            lay.addWidget(body)
        self.setAccessibleName(heading)
        self.setAccessibleDescription(plain(body_html))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setStyleSheet(self.styleSheet() + f" #badge:focus {{ border: 2px solid #1a1a1a; border-left: 4px solid {accent}; }}")


def norm_lines(norms, lang: str) -> list[str]:
    """Each norm as a person reads it: what kind of rule it is, what it says, and where it comes from
    (the citation, linked where the source is on the web). Escaped HTML."""
    from arbocheck.core.common.i18n import t

    out = []
    for n in norms:
        sources = "; ".join(
            f"<a href='{escape(s['url'], quote=True)}'>{escape(s.get('reference') or s['title'])}</a>" if s.get("url")
            else escape(s.get("reference") or s["title"]) for s in n.sources)
        status = t("norm.status." + n.status, lang)
        out.append(f"{escape(status[:1].upper() + status[1:])}: {escape(n.title)} "
                   f"({escape(tr('item.source', lang))}: {sources})")
    return out


def glossary_line(term: str, explanation: str) -> str:
    """'<b>arbovoorziening</b>: iets wat je werkgever je geeft ...', escaped."""
    return f"<b>{escape(term)}</b>: {escape(explanation)}"


def finding_badge(f: Finding, lang: str, q=None) -> Badge:
    from arbocheck.core.common.i18n import t

    norms = "<br>".join(norm_lines(f.norms, lang))
    scope = f"<br><i>{escape(t('norm.outside_scope', lang))}</i>" if f.outside_scope else ""
    words = "".join(f"<br>{glossary_line(term, text)}" for term, text in q.glossary_in([f.title, f.advice], lang)) \
        if q is not None else ""
    body = f"{escape(f.advice)}{scope}{words}<br><span style='color:#555'>{norms}</span>"
    return Badge(f.priority, f"{tr('badge.' + f.priority, lang)}: {f.title}", body)


def ok_badge(lang: str) -> Badge:
    return Badge("ok", tr("badge.ok", lang))
