"""reportlab drawings of the side-view diagram and the handwritten signature.

The same core.diagram shapes the wizard paints with QPainter.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from arbocheck.core.check.diagram import Diagram

COLOURS = {
    "floor": ("#6b6b6b", 1.2), "furniture": ("#3b4a5a", 1.8), "person": ("#7a7a7a", 1.8),
    "screen": ("#1f1f1f", 1.8), "recommended": ("#1a7f37", 1.2), "footrest": ("#8a5a00", 1.2),
    "warning": ("#b3261e", 0.8),
}
LABEL_SIZE = 7


def diagram_drawing(d: Diagram, width: float, font: str = "NotoSans") -> Drawing:
    """A Drawing `width` points wide; y grows upwards as in the diagram.

    The labels go on last, each on a pale backing, so no line of the sketch runs
    through its text; the empty band above the sketch is left out.
    """
    scale = width / d.width
    shapes, labels, top = [], [], 0.0
    for s in d.shapes:
        hexcol, w = COLOURS[s.style]
        col = colors.HexColor(hexcol)
        dash = [3, 2] if s.dashed else None
        pts = [p * scale for p in s.points]
        if s.kind == "line":
            shapes.append(Line(*pts, strokeColor=col, strokeWidth=w, strokeDashArray=dash))
            ax, ay = min(pts[0], pts[2]), max(pts[1], pts[3])
            top = max(top, ay + w)
        elif s.kind == "rect":
            x, y, rw, rh = pts
            fill = colors.HexColor(hexcol) if s.style in ("furniture", "footrest") else None
            shapes.append(Rect(x, y, rw, rh, strokeColor=col, strokeWidth=w, fillColor=fill,
                               fillOpacity=0.25 if fill else None))
            ax, ay = x, y + rh
            top = max(top, ay + w)
        elif s.kind == "circle":
            shapes.append(Circle(pts[0], pts[1], pts[2], strokeColor=col, strokeWidth=w, fillColor=None))
            ax, ay = pts[0], pts[1]
            top = max(top, pts[1] + pts[2] + w)
        else:
            ax, ay = pts[0], pts[1]
        if s.text:
            x, y = ax + 2, ay - 9 if s.label_below else ay + 3
            tw = stringWidth(s.text, font, LABEL_SIZE)
            labels.append(Rect(x - 1, y - 2, tw + 2, LABEL_SIZE + 2.5, strokeColor=None,
                               fillColor=colors.white, fillOpacity=0.85))
            labels.append(String(x, y, s.text, fontName=font, fontSize=LABEL_SIZE, fillColor=col))
            top = max(top, y + LABEL_SIZE + 1)
    drawing = Drawing(width, min(d.height * scale, top + 2) if top else d.height * scale)
    for shape in shapes + labels:
        drawing.add(shape)
    return drawing


def signature_drawing(strokes: list, width: float = 200, height: float = 60) -> Drawing | None:
    """Strokes in a 0..1 box (y down, as drawn on screen) → a Drawing, or None when empty."""
    if not strokes:
        return None
    drawing = Drawing(width, height)
    for stroke in strokes:
        pts: list[float] = []
        for x, y in stroke:
            pts += [float(x) * width, (1 - float(y)) * height]
        if len(pts) == 2:
            pts += [pts[0] + 0.5, pts[1]]
        drawing.add(PolyLine(pts, strokeColor=colors.HexColor("#1a237e"), strokeWidth=1.4,
                             strokeLineCap=1, strokeLineJoin=1))
    return drawing
