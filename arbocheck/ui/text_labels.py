"""Headings and paragraphs in the house style, shared by every window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def heading(text: str, level: int = 1) -> QLabel:
    size = {1: 20, 2: 15, 3: 13}[level]
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setStyleSheet(f"font-size: {size}px; font-weight: 600; margin-top: {4 if level > 1 else 0}px;")
    lab.setAccessibleName(text)
    return lab


def paragraph(html: str) -> QLabel:
    lab = QLabel(html)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.RichText)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


def focus_heading(text: str) -> QLabel:
    """A page's heading that takes the focus after "Volgende"/"Vorige", so a screen reader announces the page."""
    lab = heading(text)
    lab.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    style = lab.styleSheet()
    lab.setStyleSheet(f"QLabel {{ {style} }} QLabel:focus {{ border: 2px solid #1a5fb4; border-radius: 2px; }}")
    return lab
