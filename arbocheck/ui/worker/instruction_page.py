"""The instruction page (voorlichting en onderricht, Arbowet art. 8): short topics from the questionnaire,
the side view in the worker's own numbers, and the box "Ik heb de uitleg gelezen" the worker ticks."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from arbocheck.core.check import instruction
from arbocheck.core.check.diagram import side_view
from arbocheck.core.check.textfmt import date
from arbocheck.core.check.worksheet import Worksheet
from arbocheck.ui.text_labels import focus_heading, heading, paragraph
from arbocheck.ui.texts import tr
from arbocheck.ui.worker.diagram_view import side_panel


class InstructionPage(QWidget):
    def __init__(self, ws: Worksheet, lang: str, on_change):
        super().__init__()
        self.ws, self.lang, self.on_change = ws, lang, on_change
        ins = ws.q.data.instruction
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        self.heading = focus_heading(ins.title.get(lang))
        outer.addWidget(self.heading)
        outer.addWidget(paragraph(escape(ins.intro.get(lang))))
        body = QHBoxLayout()
        column = QVBoxLayout()
        self.own: dict[str, QLabel] = {}
        for tp in instruction.topics(ws.q, {}, lang):
            column.addWidget(heading(tp.title, 2))
            text = paragraph(escape(tp.text))
            text.setAccessibleName(tp.title)
            text.setAccessibleDescription(tp.text)
            column.addWidget(text)
            own = paragraph("")
            own.setStyleSheet("color: #1a5e20;")
            own.setVisible(False)
            self.own[tp.id] = own
            column.addWidget(own)
            if tp.sources:
                src = paragraph(escape(tr("instruction.sources", lang, sources="; ".join(tp.sources))))
                src.setStyleSheet("color: #555; font-size: 12px;")
                column.addWidget(src)
        self.read = QCheckBox(tr("instruction.read", lang))
        self.read.setAccessibleName(tr("instruction.read", lang).replace("&", ""))
        self.read.setAccessibleDescription(tr("instruction.read.tip", lang))
        self.read.toggled.connect(self._toggled)
        column.addSpacing(8)
        column.addWidget(self.read)
        self.read_on = QLabel("")
        self.read_on.setWordWrap(True)
        self.read_on.setStyleSheet("color: #555;")
        column.addWidget(self.read_on)
        column.addStretch(1)
        body.addLayout(column, 3)
        side, self.diagram, self.diagram_notes = side_panel(tr("instruction.diagram", lang), lang)
        body.addLayout(side, 2)
        outer.addLayout(body)
        outer.addStretch(1)
        self.refresh()

    def _toggled(self, on: bool) -> None:
        if on:
            instruction.confirm(self.ws.meta, self.ws.q)
        else:
            instruction.withdraw(self.ws.meta)
        self._show_confirmation()
        self.on_change()

    def _show_confirmation(self) -> None:
        rec = instruction.confirmation(self.ws.meta, self.ws.q)
        self.read_on.setText(tr("instruction.read_on", self.lang, date=date(rec["date"], self.lang),
                                version=rec["version"]) if rec else "")
        if self.read.isChecked() != (rec is not None):
            self.read.blockSignals(True)
            self.read.setChecked(rec is not None)
            self.read.blockSignals(False)

    def confirmed(self) -> bool:
        return instruction.confirmation(self.ws.meta, self.ws.q) is not None

    def refresh(self) -> None:
        values = self.ws.values
        for tp in instruction.topics(self.ws.q, values, self.lang):
            label = self.own[tp.id]
            label.setText(escape(tp.own or ""))
            label.setVisible(tp.own is not None)
        known = values.get("body_height_cm") is not None
        d = side_view(values, self.lang, self.ws.q.parameter("desk_tolerance_cm"))
        self.diagram.set_diagram(d)
        self.diagram.setAccessibleName(tr("instruction.diagram", self.lang))
        notes = [escape(n) for n in d.notes] if known else [escape(tr("instruction.diagram.unknown", self.lang))]
        self.diagram_notes.setText("<br>".join(notes))
        self._show_confirmation()
