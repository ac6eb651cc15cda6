"""The side-view diagram of chair, desk, screen and the worker, as plain shapes.

Geometry only, in centimetres (x to the right, y up from the floor), so the
wizard (QPainter) and the report (reportlab) draw the same picture. Body
proportions are rough anthropometric ratios for a sketch, not measurements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from arbocheck.core.common.i18n import t
from arbocheck.core.check.textfmt import number

Style = Literal["floor", "furniture", "person", "screen", "recommended", "footrest", "warning"]

# Sketch proportions as a share of body height (seated).
EYE, SHOULDER, ELBOW, LOWER_LEG, THIGH, HEAD = 0.43, 0.33, 0.13, 0.275, 0.25, 0.065


@dataclass(frozen=True)
class Shape:
    kind: Literal["line", "rect", "circle", "text"]
    points: tuple[float, ...]
    """line: x1 y1 x2 y2; rect: x y w h; circle: cx cy r; text: x y (left baseline)."""
    style: Style
    text: str = ""
    dashed: bool = False
    label_below: bool = False
    """Put the text under the shape (so two close lines do not print over each other)."""


@dataclass
class Diagram:
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Sentences that say what the sketch shows, for screen readers and the report."""

    def add(self, kind, points, style, text="", dashed=False, below=False) -> None:
        self.shapes.append(Shape(kind, tuple(float(p) for p in points), style, text, dashed, below))


def side_view(values: dict[str, Any], lang: str, desk_tolerance_cm: float) -> Diagram:
    """Draw what the worker entered beside what is recommended for their body height.

    `desk_tolerance_cm` is the questionnaire's (parameters.desk_tolerance_cm): a desk this close
    to the rule of thumb is called right."""
    h = float(values.get("body_height_cm") or 175)
    desk = values.get("desk_height_cm")
    rec_desk = values.get("rec_desk_height_cm")
    rec_seat = values.get("rec_seat_height_cm")
    seat = values.get("seat_height_cm") or values.get("seat_height_for_desk_cm") or rec_seat or h / 3.7
    foot = max(0.0, float(values.get("footrest_height_cm") or 0)) if values.get("desk_height_adjustable") is False else 0.0
    dist = values.get("screen_distance_cm")
    laptop = values.get("device_setup") == "laptop_only"

    d = Diagram(width=175, height=max(150.0, seat + EYE * h + 20))
    d.add("line", (0, 0, 175, 0), "floor")

    # The chair the worker has: an office chair (castors, column, tilted backrest) or, for a dining or other
    # chair, four legs and a straight back.
    if values.get("chair_type", "office_chair") == "office_chair":
        d.add("line", (8, 4, 52, 4), "furniture")
        for wheel in (10, 50):
            d.add("circle", (wheel, 2, 2), "furniture")
        d.add("line", (30, 4, 30, seat - 4), "furniture")
        d.add("rect", (8, seat - 4, 46, 4), "furniture")
        d.add("line", (9, seat, 5, seat + 48), "furniture")
    else:
        d.add("rect", (8, seat - 4, 42, 4), "furniture")
        d.add("line", (10, 0, 10, seat - 4), "furniture")
        d.add("line", (48, 0, 48, seat - 4), "furniture")
        d.add("line", (9, seat, 9, seat + 42), "furniture")

    # Footrest, when the fixed desk asks for one.
    if foot >= 1:
        d.add("rect", (62, 0, 30, foot), "footrest", t("diagram.footrest", lang, cm=number(round(foot), lang)))

    # Worker: head, torso, thigh, lower leg, upper arm, forearm.
    hip = (22.0, seat + 6)
    eye_y = seat + EYE * h
    d.add("circle", (26, eye_y - 2, HEAD * h), "person")
    d.add("line", (hip[0], hip[1], 24, seat + SHOULDER * h), "person")
    knee = (hip[0] + THIGH * h, float(seat))
    d.add("line", (*hip, *knee), "person")
    foot_y = max(foot, knee[1] - LOWER_LEG * h)
    d.add("line", (*knee, knee[0] + 4, foot_y), "person")
    if foot_y - foot > 2:
        d.notes.append(t("diagram.feet_dangle", lang))
        d.add("text", (knee[0] + 8, foot_y + 2), "warning", t("diagram.feet_dangle_short", lang))
    elbow = (27.0, seat + ELBOW * h)
    d.add("line", (24, seat + SHOULDER * h, *elbow), "person")
    if desk:
        d.add("line", (*elbow, 75, max(float(desk) + 2, elbow[1])), "person")

    # Desk as entered.
    if desk:
        d.add("rect", (62, desk - 3, 100, 3), "furniture", t("diagram.desk", lang, cm=number(desk, lang)))
        d.add("line", (155, 0, 155, desk - 3), "furniture")
        # Screen (or laptop lid) at the entered distance from the eye.
        x = min(158.0, 28 + float(dist)) if dist else 120.0
        if laptop:
            d.add("line", (x - 22, desk, x, desk + 22), "screen", t("diagram.laptop", lang))
            top = desk + 22
        else:
            d.add("line", (x, desk, x, desk + 12), "screen")
            d.add("rect", (x - 2, desk + 12, 2.5, 34), "screen", t("diagram.screen", lang))
            top = desk + 46
        if dist:
            d.add("line", (28, eye_y, x - 2, eye_y), "recommended", dashed=True)
            d.add("text", ((28 + x) / 2 - 8, eye_y + 2), "recommended", t("diagram.distance", lang, cm=number(dist, lang)))
        if top < eye_y - 12:
            d.notes.append(t("diagram.screen_low", lang))

    # Recommended heights for this body height (guidance).
    if rec_desk:
        d.add("line", (60, rec_desk, 165, rec_desk), "recommended",
              t("diagram.rec_desk", lang, cm=number(rec_desk, lang)), dashed=True,
              below=bool(desk) and float(rec_desk) < float(desk))
    if rec_seat:
        d.add("line", (4, rec_seat, 56, rec_seat), "recommended",
              t("diagram.rec_seat", lang, cm=number(rec_seat, lang)), dashed=True, below=float(rec_seat) < seat)
    if desk and rec_desk:
        gap = float(desk) - float(rec_desk)
        tol = desk_tolerance_cm
        key = "diagram.desk_high" if gap > tol else "diagram.desk_low" if gap < -tol else "diagram.desk_ok"
        d.notes.insert(0, t(key, lang, desk=number(desk, lang), rec=number(rec_desk, lang)))
    return d
