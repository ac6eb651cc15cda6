"""Finding badges: green / amber / red with the personal advice, beside the answer."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ..core.rules import Finding
from .texts import tr

COLOURS = {  # (accent, background): contrast of the text on the background stays above 7:1
    "high": ("#b3261e", "#fdecea"),
    "medium": ("#9a5b00", "#fff4e0"),
    "low": ("#1d5fa8", "#e9f1fb"),
    "ok": ("#2e6b30", "#e8f4e8"),
}


class Badge(QFrame):
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
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lay.addWidget(body)
        self.setAccessibleName(heading)
        self.setAccessibleDescription(body_html)


def finding_badge(f: Finding, lang: str) -> Badge:
    norms = "; ".join(
        escape(n.title) + (f" ({tr('badge.guidance', lang)})" if n.status == "guidance" else "") for n in f.norms)
    body = f"{escape(f.advice)}<br><span style='color:#555'>{norms}</span>"
    return Badge(f.priority, f"{tr('badge.' + f.priority, lang)}: {f.title}", body)


def ok_badge(lang: str) -> Badge:
    return Badge("ok", tr("badge.ok", lang))
