"""The wizard's fixed pages: introduction, review, and sign-and-export."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ..core.i18n import t
from ..core.rules import PRIORITIES
from ..core.sharing import split
from ..core.worksheet import Worksheet
from .badges import finding_badge
from .section_page import heading, paragraph
from .signature_pad import SignaturePad
from .texts import tr


class IntroPage(QWidget):
    def __init__(self, ws: Worksheet, lang: str):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 18)
        lay.addWidget(heading(ws.q.data.title.get(lang)))
        lay.addWidget(paragraph(escape(ws.q.data.intro.get(lang))))
        lay.addWidget(heading(tr("intro.heading", lang), 2))
        lay.addWidget(paragraph(escape(tr("intro.body", lang))))
        lay.addWidget(heading(tr("intro.shared.heading", lang), 2))
        for key in ("intro.shared.employer", "intro.shared.expert", "intro.shared.local"):
            lay.addWidget(paragraph(tr(key, lang)))
        lay.addStretch(1)

    def refresh(self) -> None:
        pass


class ReviewPage(QWidget):
    def __init__(self, ws: Worksheet, lang: str):
        super().__init__()
        self.ws, self.lang = ws, lang
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(24, 18, 24, 18)
        self.refresh()

    def refresh(self) -> None:
        while self.lay.count():
            item = self.lay.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        ws, lang, lay = self.ws, self.lang, self.lay
        s = split(ws.q, ws.answers, ws.meta, lang)
        ev = s.evaluation
        lay.addWidget(heading(tr("review.heading", lang)))
        if ev.missing:
            names = ", ".join(ws.q.items[i].text.get(lang) for i in ev.missing)
            warn = paragraph(escape(tr("review.missing", lang, items=names)))
            warn.setStyleSheet("color: #9a5b00;")
            lay.addWidget(warn)
        if not ev.findings:
            lay.addWidget(paragraph(escape(tr("review.none", lang))))
        for prio in PRIORITIES:
            fs = [f for f in ev.findings if f.priority == prio]
            if fs:
                lay.addWidget(heading(f"{tr('review.group.' + prio, lang)} ({len(fs)})", 2))
                for f in fs:
                    lay.addWidget(finding_badge(f, lang))
        lay.addWidget(heading(t("action_plan", lang), 2))
        row = QHBoxLayout()
        for owner in ("employer", "worker", "both"):
            col = QVBoxLayout()
            col.addWidget(heading(tr("review.plan." + owner, lang), 3))
            items = [p for p in ev.plan if p.owner == owner]
            lines = [f"• {escape(p.text)} <span style='color:#555'>({escape(p.term_label)}"
                     + (f", {tr('review.provision', lang)}" if p.provision else "") + ")</span>" for p in items]
            col.addWidget(paragraph("<br>".join(lines) or escape(tr("review.plan.empty", lang))))
            col.addStretch(1)
            row.addLayout(col, 1)
        lay.addLayout(row)
        lay.addWidget(heading(tr("review.shared.heading", lang), 2))
        lay.addWidget(paragraph(escape(tr(
            "review.shared.employer", lang, answers=len(s.employer_answers), findings=len(s.employer_findings),
            measures=len(s.employer_plan), photos=len(s.employer_photos)))))
        lay.addWidget(paragraph(escape(tr(
            "review.shared.expert", lang, answers=len(s.expert_answers), findings=len(s.expert_findings),
            photos=len(s.expert_photos)))))
        lay.addWidget(paragraph(escape(tr("review.shared.local", lang))))
        lay.addStretch(1)


class SignPage(QWidget):
    """Declaration, name and an optional drawn signature.

    Export of the signed report is not in this version: the button stays
    disabled and says so, rather than pretending to sign.
    """

    def __init__(self, ws: Worksheet, lang: str, on_change):
        super().__init__()
        self.ws, self.lang = ws, lang
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 18)
        lay.addWidget(heading(tr("sign.heading", lang)))
        self.declaration = QCheckBox(tr("sign.declaration", lang))
        self.declaration.setChecked(bool(ws.meta.get("declared")))
        self.declaration.toggled.connect(lambda on: (ws.meta.__setitem__("declared", on), on_change()))
        lay.addWidget(self.declaration)
        form = QFormLayout()
        self.name = QLineEdit(str(ws.meta.get("signer_name", "")))
        self.name.setMaxLength(120)
        self.name.setAccessibleName(tr("sign.name", lang).replace("&", ""))
        self.name.textEdited.connect(lambda v: (ws.meta.__setitem__("signer_name", v), on_change()))
        name_label = QLabel(tr("sign.name", lang))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        lay.addLayout(form)
        lay.addWidget(QLabel(tr("sign.pad", lang)))
        self.pad = SignaturePad(ws.meta.get("signature_strokes"))
        self.pad.setAccessibleName(tr("sign.pad", lang))
        self.pad.changed.connect(lambda: (ws.meta.__setitem__("signature_strokes", self.pad.strokes()), on_change()))
        lay.addWidget(self.pad)
        clear = QPushButton(tr("sign.clear", lang))
        clear.clicked.connect(self.pad.clear)
        lay.addWidget(clear, 0, Qt.AlignmentFlag.AlignLeft)
        self.status = paragraph("")
        lay.addWidget(self.status)
        self.export = QPushButton(tr("sign.export", lang))
        self.export.setEnabled(False)
        lay.addWidget(self.export, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        if self.ws.missing_required():
            self.status.setText(escape(tr("sign.missing", self.lang)))
        else:
            self.status.setText(escape(tr("sign.not_available", self.lang)))
