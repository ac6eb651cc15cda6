"""The RI&E roll-up per topic: a bar per topic of how many employees have a point of attention
there, with small groups hidden; and the exports (action list, signed roll-up)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from arbocheck.core.common.settings import Settings
from arbocheck.core.employer.disclosure import Grouped
from arbocheck.core.employer.overview import Summary, TopicRow
from arbocheck.core.trust.campaign import GROUPS
from arbocheck.ui.badges import COLOURS
from arbocheck.ui.text_labels import heading, paragraph
from arbocheck.ui.texts import tr

ROW_H, LABEL_W, TEXT_W = 30, 230, 250


class RollupChart(QWidget):
    """Horizontal bars: employees with a point of attention per topic, as a share of those who handed in."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.topics: list[TopicRow] = []
        self.titles: dict[str, str] = {}
        self.total = 0
        self.min_group = Settings()["min_group_size"]
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("top.heading", lang))

    def set_data(self, topics: list[TopicRow], titles: dict[str, str], total: int, min_group: int) -> None:
        shown = [tp for tp in topics if tp.people is not None]
        hidden = [tp for tp in topics if tp.people is None]
        self.topics = sorted(shown, key=lambda tp: -(tp.people or 0)) + hidden
        self.titles, self.total, self.min_group = titles, total, min_group
        self.setMinimumHeight(ROW_H * len(self.topics) + 8)
        self.setAccessibleDescription("; ".join(f"{self._title(tp)}: {self._text(tp)}" for tp in self.topics))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(LABEL_W + TEXT_W + 300, ROW_H * max(1, len(self.topics)) + 8)

    def _title(self, tp: TopicRow) -> str:
        return self.titles.get(tp.section, tp.section)

    def _text(self, tp: TopicRow) -> str:
        if tp.people is None:
            return tr("top.hidden", self.lang, n=self.min_group)
        cells = {k: (f"<{self.min_group}" if v is None else str(v)) for k, v in (("high", tp.high),
                                                                               ("medium", tp.medium), ("low", tp.low))}
        return (tr("top.bar", self.lang, n=tp.people, total=self.total) + " · "
                + tr("top.bar.detail", self.lang, **cells))

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar_w = max(60, self.width() - LABEL_W - TEXT_W - 24)
        font = QFont(self.font())
        p.setFont(font)
        for i, tp in enumerate(self.topics):
            y = 4 + i * ROW_H
            p.setPen(QColor("#1f2328"))
            p.drawText(QRectF(0, y, LABEL_W - 8, ROW_H - 6), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       self._title(tp))
            track = QRectF(LABEL_W, y + 5, bar_w, ROW_H - 16)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#eceff1"))
            p.drawRoundedRect(track, 3, 3)
            if tp.people is None:  # no bar at all: a hatched full bar would read as 100 %
                pass
            elif self.total:
                worst = "high" if tp.high else "medium" if tp.medium else "low"
                p.setBrush(QColor(COLOURS[worst][0]))
                p.drawRoundedRect(QRectF(track.x(), track.y(), bar_w * tp.people / self.total, track.height()), 3, 3)
            p.setPen(QColor("#1f2328" if tp.people is not None else "#57606a"))
            p.drawText(QRectF(LABEL_W + bar_w + 12, y, TEXT_W + 12, ROW_H - 6), Qt.AlignmentFlag.AlignVCenter,
                       self._text(tp))
        p.end()


def hidden_note(ov: Summary, lang: str) -> str:
    """How many topics are not shown and why (instead of bars that would look full)."""
    if ov.suppressed:
        return tr("top.suppressed_all", lang, n=ov.min_group)
    hidden = sum(tp.people is None for tp in ov.topics)
    return tr("top.hidden_topics", lang, n=hidden, k=ov.min_group) if hidden else ""


def groups_text(g: Grouped, lang: str) -> str:
    """The roll-up per group as rich text: each group's coverage and people, then how many are hidden, why."""
    from arbocheck.core.employer.exports import privacy_statement

    rows = "".join(
        f"<tr><td>{escape(v.value or tr('group.none', lang))}</td>"
        f"<td align='right'>{v.enrolled} / {v.expected if v.expected is not None else '—'}</td>"
        f"<td>{escape(str(v.people) if v.people is not None else tr('group.hidden.' + v.why, lang, n=g.min_group))}"
        f"</td></tr>" for v in g.groups)
    head = "".join(f"<th align='left'>{escape(tr(k, lang))}</th>"
                   for k in ("group.name", "group.coverage", "summary.people"))
    hidden = g.hidden()
    note = tr("top.groups_hidden", lang, hidden=sum(hidden.values()), n=len(g.groups), k=g.min_group,
              small=hidden.get("small", 0), complementary=hidden.get("complementary", 0))
    return (f"<table cellspacing='0' cellpadding='3'><tr>{head}</tr>{rows}</table>"
            f"<p>{escape(note)}</p>"
            + "".join(f"<p style='color:#57606a'>{escape(x)}</p>"
                      for x in privacy_statement(g.total, g, lang, over_time=False)[1:2]))


class TopicsTab(QWidget):
    export_requested = Signal(str)  # "xlsx" | "csv" | "pdf"
    groups_requested = Signal(str)  # a dimension (campaign.GROUPS), or "" for none

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        lay = QVBoxLayout(self)
        lay.addWidget(heading(tr("top.heading", lang), 2))
        self.lead = paragraph(escape(tr("top.lead", lang, n=Settings()["min_group_size"])))
        lay.addWidget(self.lead)
        self.note = paragraph("")
        lay.addWidget(self.note)
        per = QHBoxLayout()
        self.per = QComboBox()
        self.per.addItem(tr("top.per.none", lang), "")
        for d in GROUPS:
            self.per.addItem(tr("group." + d, lang), d)
        label = QLabel(tr("top.per", lang))
        label.setBuddy(self.per)
        per.addWidget(label)
        per.addWidget(self.per)
        per.addStretch(1)
        lay.addLayout(per)
        self.groups = paragraph("")
        lay.addWidget(self.groups)
        self.per.currentIndexChanged.connect(lambda *_: self.groups_requested.emit(self.dimension()))
        self.chart = RollupChart(lang)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        lay.addWidget(scroll, 1)
        form = QFormLayout()
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName(tr("top.organisation", lang))
        form.addRow(tr("top.organisation", lang), self.organisation)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.buttons = {}
        for kind, key in (("xlsx", "top.export_xlsx"), ("csv", "top.export_csv"), ("pdf", "top.summary_pdf")):
            b = QPushButton(tr(key, lang))
            b.clicked.connect(lambda _=False, k=kind: self.export_requested.emit(k))
            self.buttons[kind] = b
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = paragraph("")
        lay.addWidget(self.message)

    def set_overview(self, ov: Summary, titles: dict[str, str], organisation: str) -> None:
        self.chart.set_data(ov.topics, titles, ov.handed_in, ov.min_group)
        self.lead.setText(escape(tr("top.lead", self.lang, n=ov.min_group)))
        self.note.setText(escape(hidden_note(ov, self.lang)))
        if organisation and not self.organisation.text().strip():
            self.organisation.setText(organisation)
        if self.dimension():
            self.groups_requested.emit(self.dimension())

    def dimension(self) -> str:
        return self.per.currentData() or ""

    def set_groups(self, g: Grouped | None) -> None:
        self.groups.setText(groups_text(g, self.lang) if g is not None and g.groups else
                            escape(tr("top.per.empty", self.lang)) if g is not None else "")
