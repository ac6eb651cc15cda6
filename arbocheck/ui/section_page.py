"""One wizard page per questionnaire section, generated from the data."""

from __future__ import annotations

from html import escape
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget)

from ..core.diagram import side_view
from ..core.worksheet import Worksheet
from .badges import finding_badge, ok_badge
from .diagram_view import DiagramView
from .inputs import ItemInput, make_input
from .texts import tr
from .text_labels import heading, paragraph


class ItemRow(QFrame):
    def __init__(self, item: Any, ws: Worksheet, lang: str, on_edit: Callable[[str, Any], None]):
        super().__init__()
        self.item, self.ws, self.lang = item, ws, lang
        self.has_rules = any(r.item == item.id for r in ws.q.data.rules)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 8)
        lay.setSpacing(4)

        top = QHBoxLayout()
        text = item.text.get(lang) + (" <span style='color:#9a5b00'>*</span>" if item.required else "")
        self.label = QLabel(f"<b>{text}</b>")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.label, 1)
        self.help_button = None
        self.help = None
        help_html = self._help_html()
        if help_html:
            self.help_button = QToolButton()
            self.help_button.setText(tr("item.help", lang))
            self.help_button.setCheckable(True)
            self.help_button.setToolTip(tr("item.help.tip", lang))
            self.help_button.setAccessibleName(f"{tr('item.help', lang)}: {item.text.get(lang)}")
            top.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)

        self.input: ItemInput = make_input(item, lang)
        self.input.set_value(ws.get(item.id))
        self.input.edited.connect(lambda v: on_edit(item.id, v))
        self.label.setBuddy(self.input.focus_target())
        lay.addWidget(self.input)

        if help_html:
            self.help = paragraph(help_html)
            self.help.setStyleSheet("color: #333; background: #f4f6f8; padding: 6px; border-radius: 3px;")
            self.help.setVisible(False)
            self.help_button.toggled.connect(self.help.setVisible)
            lay.addWidget(self.help)

        self.badges = QVBoxLayout()
        self.badges.setSpacing(4)
        lay.addLayout(self.badges)
        self._shown: tuple | None = None

    def _help_html(self) -> str:
        parts = []
        if self.item.help:
            parts.append(escape(self.item.help.get(self.lang)))
        for nid in self.item.norms:
            n = self.ws.q.norms[nid]
            g = f" ({tr('badge.guidance', self.lang)})" if n.status == "guidance" else ""
            parts.append(f"<i>{escape(tr('item.norm', self.lang, title=n.title.get(self.lang), source=n.source))}{g}</i>")
        if self.item.health:
            parts.append(f"<i>{escape(tr('item.health', self.lang))}</i>")
        return "<br>".join(parts)

    def refresh_badges(self) -> None:
        findings = self.ws.findings_for(self.item.id, self.lang)
        ok = not findings and self.has_rules and self.ws.get(self.item.id) is not None
        shown = (tuple((f.rule, f.advice) for f in findings), ok)
        if shown == self._shown:  # cheap enough to call for every page on every edit
            return
        self._shown = shown
        while self.badges.count():
            w = self.badges.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for f in findings:
            self.badges.addWidget(finding_badge(f, self.lang))
        if ok:
            self.badges.addWidget(ok_badge(self.lang))


class SectionPage(QWidget):
    def __init__(self, section: Any, ws: Worksheet, lang: str, on_edit: Callable[[str, Any], None],
                 photo_strip: QWidget | None = None):
        super().__init__()
        self.section, self.ws, self.lang = section, ws, lang
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.addWidget(heading(section.title.get(lang)))
        if section.intro:
            outer.addWidget(paragraph(escape(section.intro.get(lang))))

        body = QHBoxLayout()
        body.setSpacing(24)
        column = QVBoxLayout()
        column.setSpacing(0)
        self.rows: dict[str, ItemRow] = {}
        for item in section.items:
            row = ItemRow(item, ws, lang, on_edit)
            self.rows[item.id] = row
            column.addWidget(row)
        column.addStretch(1)
        body.addLayout(column, 3)

        self.diagram = None
        if section.diagram == "side_view":
            side = QVBoxLayout()
            side.addWidget(heading(tr("diagram.title", lang), 3))
            self.diagram = DiagramView()
            side.addWidget(self.diagram)
            legend = QLabel(tr("diagram.legend", lang))
            legend.setWordWrap(True)
            legend.setStyleSheet("color: #555;")
            side.addWidget(legend)
            self.diagram_notes = paragraph("")
            side.addWidget(self.diagram_notes)
            side.addStretch(1)
            body.addLayout(side, 2)
        outer.addLayout(body)
        if photo_strip is not None:
            outer.addWidget(photo_strip)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        for item_id, row in self.rows.items():
            row.setVisible(self.ws.visible(item_id))
            row.refresh_badges()
        if self.diagram is not None:
            d = side_view(self.ws.values, self.lang)
            self.diagram.set_diagram(d)
            self.diagram_notes.setText("<br>".join(escape(n) for n in d.notes))

    def focus_item(self, item_id: str) -> None:
        row = self.rows[item_id]
        row.input.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
