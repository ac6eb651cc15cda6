"""Paints core.diagram shapes with QPainter (the report draws the same shapes with reportlab)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from arbocheck.core.check.diagram import Diagram

PENS = {
    "floor": ("#6b6b6b", 2.0), "furniture": ("#3b4a5a", 3.0), "person": ("#7a7a7a", 3.0),
    "screen": ("#1f1f1f", 3.0), "recommended": ("#1a7f37", 2.0), "footrest": ("#8a5a00", 2.0),
    "warning": ("#b3261e", 1.0),
}


class DiagramView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.diagram: Diagram | None = None
        self.setMinimumSize(300, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(440, 300)

    def set_diagram(self, d: Diagram) -> None:
        self.diagram = d
        self.setAccessibleDescription(" ".join(d.notes))
        self.update()

    def paintEvent(self, _event) -> None:
        d = self.diagram
        if d is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        margin = 8.0
        scale = min((self.width() - 2 * margin) / d.width, (self.height() - 2 * margin) / d.height)
        ox, oy = margin, self.height() - margin

        def pt(x: float, y: float) -> QPointF:
            return QPointF(ox + x * scale, oy - y * scale)

        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
        p.setFont(font)
        labels: list[tuple[QPointF, str, str]] = []
        for s in d.shapes:
            colour, width = PENS[s.style]
            pen = QPen(QColor(colour), width)
            if s.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            if s.kind == "line":
                x1, y1, x2, y2 = s.points
                p.drawLine(pt(x1, y1), pt(x2, y2))
                anchor = pt(min(x1, x2), max(y1, y2))
            elif s.kind == "rect":
                x, y, w, h = s.points
                if s.style in ("furniture", "footrest"):
                    p.setBrush(QColor(colour).lighter(190))
                p.drawRect(QRectF(pt(x, y + h), pt(x + w, y)))
                anchor = pt(x, y + h)
            elif s.kind == "circle":
                cx, cy, r = s.points
                p.drawEllipse(pt(cx, cy), r * scale, r * scale)
                anchor = pt(cx, cy)
            else:
                anchor = pt(*s.points)
            if s.text:
                labels.append((anchor + (QPointF(2, 13) if s.label_below else QPointF(2, -4)), s.text, colour))
        # Labels last, each on a pale backing, so no line of the sketch runs through its text (as the report).
        metrics = p.fontMetrics()
        for at, text, colour in labels:
            box = QRectF(metrics.boundingRect(text)).translated(at).adjusted(-2, -1, 2, 1)
            p.fillRect(box, QColor(255, 255, 255, 225))
            p.setPen(QColor(colour))
            p.drawText(at, text)
        p.end()


def side_panel(title: str, lang: str) -> tuple[QVBoxLayout, DiagramView, QLabel]:
    """The side view as a page shows it: a heading, the drawing, the legend and a line of notes
    under it. (layout, drawing, notes)."""
    from arbocheck.ui.text_labels import heading, paragraph
    from arbocheck.ui.texts import tr

    side = QVBoxLayout()
    side.addWidget(heading(title, 3))
    view = DiagramView()
    side.addWidget(view)
    legend = QLabel(tr("diagram.legend", lang))
    legend.setWordWrap(True)
    legend.setStyleSheet("color: #555;")
    side.addWidget(legend)
    notes = paragraph("")
    side.addWidget(notes)
    side.addStretch(1)
    return side, view, notes
