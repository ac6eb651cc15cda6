"""A pad to draw a handwritten signature with mouse, pen or touch.

Strokes are kept as lists of (x, y) in a 0..1 box, so they can be saved in the
draft and drawn again at any size (in the wizard and, later, in the report).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

Stroke = list[tuple[float, float]]


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, strokes: list | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._strokes: list[Stroke] = [
            [(float(x), float(y)) for x, y in s] for s in (strokes or []) if isinstance(s, list)
        ] if _valid(strokes) else []
        self.setMinimumSize(360, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return QSize(480, 160)

    def strokes(self) -> list[Stroke]:
        return [list(s) for s in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.changed.emit()

    def _norm(self, p: QPointF) -> tuple[float, float]:
        return (round(min(1, max(0, p.x() / max(1, self.width()))), 4),
                round(min(1, max(0, p.y() / max(1, self.height()))), 4))

    def mousePressEvent(self, e) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._strokes.append([self._norm(e.position())])
            self.update()

    def mouseMoveEvent(self, e) -> None:
        if e.buttons() & Qt.MouseButton.LeftButton and self._strokes:
            self._strokes[-1].append(self._norm(e.position()))
            self.update()

    def mouseReleaseEvent(self, e) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self.changed.emit()

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.setPen(QPen(QColor("#9aa5b1"), 1, Qt.PenStyle.DashLine))
        base = self.height() * 0.75
        p.drawLine(QPointF(12, base), QPointF(self.width() - 12, base))
        p.setPen(QPen(QColor("#1a237e"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        for s in self._strokes:
            path = QPainterPath(QPointF(s[0][0] * self.width(), s[0][1] * self.height()))
            for x, y in s[1:]:
                path.lineTo(QPointF(x * self.width(), y * self.height()))
            if len(s) == 1:
                p.drawPoint(path.currentPosition())
            p.drawPath(path)
        if self.hasFocus():
            p.setPen(QPen(QColor("#1d5fa8"), 2))
            p.drawRect(self.rect().adjusted(1, 1, -1, -1))
        p.end()


def _valid(strokes) -> bool:
    try:
        return all(isinstance(s, list) and all(len(pt) == 2 and all(isinstance(c, (int, float)) for c in pt)
                                               for pt in s) and s for s in strokes or [])
    except TypeError:
        return False
