"""The start window: choose role and language; resume or restart a draft."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
                               QWidget)

from arbocheck.ui.text_labels import heading, paragraph
from arbocheck.ui.texts import tr


class StartWindow(QWidget):
    chosen = Signal(str, bool)  # role, fresh start
    language_changed = Signal(str)

    def __init__(self, lang: str, draft_saved_at: str | None):
        super().__init__()
        self.lang = lang
        self.setWindowTitle(tr("app.title", lang))
        self.resize(760, 560)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        lay.setSpacing(12)

        top = QHBoxLayout()
        top.addWidget(heading(tr("start.heading", lang)), 1)
        lang_label = QLabel(tr("start.language", lang))
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if lang == "nl" else 1)
        lang_label.setBuddy(self.language)
        self.language.currentIndexChanged.connect(lambda: self.language_changed.emit(self.language.currentData()))
        top.addWidget(lang_label)
        top.addWidget(self.language)
        lay.addLayout(top)
        lay.addWidget(paragraph(escape(tr("start.lead", lang))))
        lay.addWidget(heading(tr("start.role", lang), 2))

        self.buttons: dict[str, QPushButton] = {}
        for role in ("worker", "employer", "expert"):
            card = QFrame()
            card.setObjectName("card")
            card.setStyleSheet("#card { border: 1px solid #c9d1d9; border-radius: 6px; }")
            cl = QHBoxLayout(card)
            b = QPushButton(tr(f"role.{role}", lang))
            b.setMinimumWidth(170)
            b.setMinimumHeight(36)
            desc = tr(f"role.{role}.desc", lang)
            b.setAccessibleDescription(desc)
            self.buttons[role] = b
            cl.addWidget(b)
            d = QLabel(desc)
            d.setWordWrap(True)
            cl.addWidget(d, 1)
            lay.addWidget(card)

        self.resume_box = QFrame()
        rl = QVBoxLayout(self.resume_box)
        rl.setContentsMargins(0, 8, 0, 0)
        self.resume = QPushButton(tr("start.resume", lang))
        self.fresh = QPushButton(tr("start.fresh", lang))
        if draft_saved_at:
            rl.addWidget(QLabel(tr("start.resume.desc", lang, when=draft_saved_at)))
            row = QHBoxLayout()
            row.addWidget(self.resume)
            row.addWidget(self.fresh)
            row.addStretch(1)
            rl.addLayout(row)
            self.resume.clicked.connect(lambda: self.chosen.emit("worker", False))
            self.fresh.clicked.connect(self._confirm_fresh)
            self.buttons["worker"].clicked.connect(lambda: self.chosen.emit("worker", False))
            self.resume.setDefault(True)
        else:
            self.buttons["worker"].clicked.connect(lambda: self.chosen.emit("worker", False))
            self.buttons["worker"].setDefault(True)
        self.buttons["expert"].clicked.connect(lambda: self.chosen.emit("expert", False))
        self.buttons["employer"].clicked.connect(lambda: self.chosen.emit("employer", False))
        lay.addWidget(self.resume_box)
        lay.addStretch(1)
        self.buttons["worker"].setFocus(Qt.FocusReason.OtherFocusReason)

    def confirm_fresh(self) -> bool:
        """Ask before putting the draft aside (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, tr("start.fresh.confirm.title", self.lang),
                          tr("start.fresh.confirm", self.lang), parent=self)
        yes = box.addButton(tr("start.fresh", self.lang).replace("&", ""), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is yes

    def _confirm_fresh(self) -> None:
        if self.confirm_fresh():
            self.chosen.emit("worker", True)
