"""One wizard page per questionnaire section, generated from the data."""

from __future__ import annotations

from html import escape
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget)

from arbocheck.core.check import sharing
from arbocheck.core.trust.campaign import expert_recipient
from arbocheck.core.check.diagram import side_view
from arbocheck.core.common.i18n import t
from arbocheck.core.check.worksheet import Worksheet
from arbocheck.ui.badges import finding_badge, glossary_line, norm_lines, ok_badge
from arbocheck.ui.worker.diagram_view import side_panel
from arbocheck.ui.worker.inputs import ItemInput, make_input
from arbocheck.ui.texts import tr
from arbocheck.ui.text_labels import focus_heading, paragraph


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
        # Where this answer goes, computed from the item's flag (and whether an expert key is known).
        self.audience = QLabel("")
        self.audience.setWordWrap(True)
        self.audience.setStyleSheet("color: #6a1b9a;")
        self.audience.setVisible(False)
        lay.addWidget(self.audience)
        if item.note is not None:
            note = QLabel(escape(item.note.get(lang)))
            note.setWordWrap(True)
            note.setStyleSheet("color: #9a5b00; font-weight: 600;")
            lay.addWidget(note)

        self.input: ItemInput = make_input(item, lang)
        given = ws.get(item.id)
        self.input.set_value(given if given is not None else getattr(item, "default", None))  # what the report uses
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
        self.on_edit = on_edit

    def _help_html(self) -> str:
        parts = []
        if self.item.help:
            parts.append(escape(self.item.help.get(self.lang)))
        from arbocheck.core.check.rules import norm_ref

        lines = norm_lines([norm_ref(self.ws.q, nid, self.lang) for nid in self.item.norms], self.lang)
        parts += [f"<i>{line}</i>" for line in lines]
        texts = [t.get(self.lang) for t in (self.item.text, self.item.help, self.item.note) if t is not None]
        parts += [glossary_line(term, text) for term, text in self.ws.q.glossary_in(texts, self.lang)]
        return "<br>".join(parts)

    def refresh_audience(self, sealed: bool) -> None:
        text = sharing.item_statement(self.ws.q, self.item.id, sealed, self.lang)
        self.audience.setText(escape(text or ""))
        self.audience.setVisible(bool(text))
        self._audience_text = text or ""
        self._describe()

    def _describe(self) -> None:
        """The controls' accessible description: who sees the answer, then the advice and warnings shown under
        it, so a screen reader reads the advice with the control (Qt announces the change)."""
        self.input.describe(" ".join(x for x in (getattr(self, "_audience_text", ""), getattr(self, "_advice", ""))
                                     if x))

    def focusables(self) -> list[QWidget]:
        """This row's controls in reading order: the answer, "Uitleg", the advice under it."""
        out = list(self.input.focusables())
        if self.help_button is not None:
            out.append(self.help_button)
        for i in range(self.badges.count()):
            w = self.badges.itemAt(i).widget()
            if w is not None:
                out.append(w)
                out += [b for b in w.findChildren(QPushButton)]
        return out

    def refresh_badges(self) -> None:
        findings = self.ws.findings_for(self.item.id, self.lang)
        warnings = self.ws.warnings_for(self.item.id, self.lang)
        # "In orde" only when every rule about this item has all its inputs and none fires.
        ok = not warnings and self.ws.verdict(self.item.id, self.lang) == "ok" and self.ws.get(self.item.id) is not None
        shown = (tuple((f.rule, f.advice) for f in findings), tuple(w.message for w in warnings), ok)
        if shown == self._shown:  # cheap enough to call for every page on every edit
            return
        self._shown = shown
        while self.badges.count():
            w = self.badges.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        spoken = []
        for w in warnings:
            self.badges.addWidget(self._warning(w))
            spoken.append(f"{t('warnings', self.lang)}: {w.message}")
        for f in findings:
            badge = finding_badge(f, self.lang, self.ws.q)
            self.badges.addWidget(badge)
            spoken.append(f"{badge.accessibleName()}. {f.advice}")
        if ok:
            self.badges.addWidget(ok_badge(self.lang))
            spoken.append(tr("badge.ok", self.lang))
        self._advice = " ".join(spoken)
        self._describe()
        self.tab_order_changed = True

    def _warning(self, w) -> QWidget:
        """ "Check this answer", with a button to move a health remark to the confidential one."""
        from arbocheck.ui.badges import Badge

        kind = "high" if w.severity == "impossible" else "medium"
        badge = Badge(kind, f"{t('warnings', self.lang)}: {t('warning.' + w.severity, self.lang)}", escape(w.message))
        target = getattr(self.item, "move_to", None)
        if w.check == "health_words" and target:
            move = QPushButton(tr("item.move_to_confidential", self.lang))
            move.setAccessibleName(tr("item.move_to_confidential", self.lang))
            move.clicked.connect(lambda: self._move_text(target))
            badge.layout().addWidget(move, 0, Qt.AlignmentFlag.AlignLeft)
        return badge

    def _move_text(self, target: str) -> None:
        text = self.ws.get(self.item.id) or ""
        before = self.ws.get(target) or ""
        limit = self.ws.q.items[target].max_length
        self.on_edit(target, (before + ("\n" if before else "") + text)[:limit])
        self.input.set_value(None)
        self.on_edit(self.item.id, None)


class SectionPage(QWidget):
    def __init__(self, section: Any, ws: Worksheet, lang: str, on_edit: Callable[[str, Any], None],
                 photo_strip: QWidget | None = None):
        super().__init__()
        self.section, self.ws, self.lang = section, ws, lang
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        self.heading = focus_heading(section.title.get(lang))
        outer.addWidget(self.heading)
        if section.intro:
            outer.addWidget(paragraph(escape(section.intro.get(lang))))
        self.sharing_note = paragraph("")
        self.sharing_note.setStyleSheet("color: #444; background: #f3eef8; padding: 6px; border-radius: 3px;")
        outer.addWidget(self.sharing_note)
        self._sealed: bool | None = None

        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.setSpacing(24)
        self.body = body
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
            side, self.diagram, self.diagram_notes = side_panel(tr("diagram.title", lang), lang)
            body.addLayout(side, 2)
        outer.addLayout(body)
        self.photo_strip = photo_strip
        if photo_strip is not None:
            outer.addWidget(photo_strip)
        outer.addStretch(1)
        self.refresh()

    NARROW = 820
    """Below this width (a small screen, or 150 % scaling) the side view goes under the questions."""

    def resizeEvent(self, event) -> None:
        if self.diagram is not None:
            narrow = event.size().width() < self.NARROW
            want = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
            if self.body.direction() != want:
                self.body.setDirection(want)
        super().resizeEvent(event)

    def focus_chain(self) -> list[QWidget]:
        """The page's controls in reading order: the heading, each row (its answer, "Uitleg", its advice), the
        photos. A question revealed by an answer comes right after it, as it stands on the page."""
        chain: list[QWidget] = [self.heading]
        for row in self.rows.values():
            chain += row.focusables()
        if self.photo_strip is not None:
            chain += self.photo_strip.focusables()
        return chain

    def order_tabs(self) -> None:
        chain = self.focus_chain()
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def refresh(self) -> None:
        sealed = expert_recipient(self.ws.meta) is not None
        if sealed != self._sealed:  # the campaign (and with it the expert's key) can change
            self._sealed = sealed
            self.sharing_note.setText(escape(sharing.section_statement(self.ws.q, self.section.id, sealed, self.lang)))
            for row in self.rows.values():
                row.refresh_audience(sealed)
        reorder = False
        for item_id, row in self.rows.items():
            row.setVisible(self.ws.visible(item_id))
            row.refresh_badges()
            reorder |= row.__dict__.pop("tab_order_changed", False)
        if reorder:
            self.order_tabs()
        if self.diagram is not None:
            d = side_view(self.ws.values, self.lang, self.ws.q.parameter("desk_tolerance_cm"))
            self.diagram.set_diagram(d)
            self.diagram_notes.setText("<br>".join(escape(n) for n in d.notes))

    def focus_item(self, item_id: str) -> None:
        row = self.rows[item_id]
        row.input.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)
