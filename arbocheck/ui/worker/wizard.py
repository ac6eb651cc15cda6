"""The worker wizard: a section list on the side, one page per section, review and sign.

Every page is generated from the questionnaire. State lives in a core
Worksheet; this window only shows it, saves it (debounced, crash-safe) and
moves between pages.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QPushButton, QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from arbocheck.core.check.draft_photos import DraftPhotos, refs
from arbocheck.core.check.drafts import DraftStore
from arbocheck.core.check.worksheet import Worksheet
from arbocheck.core.common.reasons import text_of
from arbocheck.ui.badges import COLOURS
from arbocheck.ui.focus import FOCUS_RING
from arbocheck.ui.worker.instruction_page import InstructionPage
from arbocheck.ui.worker.pages import IntroPage, ReviewPage, SignPage
from arbocheck.ui.worker.photo_strip import PhotoStrip
from arbocheck.ui.worker.section_page import SectionPage
from arbocheck.ui.texts import tr

MARKS = {"done": "✓", "started": "◐", "open": "○"}  # the side list's marks (the legend explains them)
AUTOSAVE_MS = 400  # well under the promised "at most the last second of typing"


class WizardWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, ws: Worksheet, store: DraftStore, runner, lang: str):
        super().__init__()
        self.ws, self.store, self.runner, self.lang = ws, store, runner, lang
        self.photos = DraftPhotos(store.folder)
        self.save_error: str | None = None
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self.setStyleSheet(FOCUS_RING)
        self._fit_screen()
        self._build()
        QShortcut(QKeySequence("Alt+Right"), self, activated=self.next_page)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.previous_page)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_now)
        start = ws.meta.get("current_page")
        self.go(self.keys.index(start) if start in self.keys else 0)

    def _fit_screen(self) -> None:
        """1240×760 where it fits; on a small screen (1366×768 at 150 %: 910×512 points) the screen's own size."""
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        w, h = 1240, 760
        if avail is not None:
            w, h = min(w, avail.width()), min(h, avail.height() - 30)
        self.setMinimumSize(min(720, w), min(460, h))
        self.resize(w, h)

    # -- building ----------------------------------------------------------

    def _build(self) -> None:
        lang, ws = self.lang, self.ws
        self.setWindowTitle(tr("app.title", lang))
        self.keys: list[str] = ["intro"] + [s.id for s in ws.q.data.sections] + ["review", "sign"]
        ins = ws.q.data.instruction
        if ins is not None:  # the instruction comes before the workplace pages, after the section it names
            self.keys.insert(self.keys.index(ins.after_section) + 1, "instruction")
        self.pages: dict[str, QWidget] = {}
        self.strips: dict[str, PhotoStrip] = {}
        self.pages["intro"] = IntroPage(ws, lang, self.changed)
        if ins is not None:
            self.pages["instruction"] = InstructionPage(ws, lang, self.changed)
        for sec in ws.q.data.sections:
            strip = None
            if sec.photo_prompt:
                strip = PhotoStrip(sec, ws, self.photos, self.runner, lang, self.changed)
                self.strips[sec.id] = strip
            self.pages[sec.id] = SectionPage(sec, ws, lang, self.edit, strip)
        self.pages["review"] = ReviewPage(ws, lang, self.show_item)
        self.pages["sign"] = SignPage(ws, lang, self.changed, self.runner, self.photos)

        self.nav = QListWidget()
        self.nav.setAccessibleName(tr("wiz.sections", lang))
        self.nav.setMinimumWidth(230)
        self.nav.setMaximumWidth(300)
        self.nav.setStyleSheet("QListWidget { font-size: 13px; } QListWidget::item { padding: 6px 4px; }")
        self.stack = QStackedWidget()
        for key in self.keys:
            self.nav.addItem(QListWidgetItem(self._title(key)))
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no unnamed pane in the Tab order
            scroll.setAccessibleName(self._title(key))
            scroll.setWidget(self.pages[key])
            self.stack.addWidget(scroll)
        self.nav.currentRowChanged.connect(self._nav_clicked)

        self.back = QPushButton(tr("wiz.back", lang))
        self.back.clicked.connect(self.previous_page)
        self.next = QPushButton(tr("wiz.next", lang))
        self.next.setDefault(True)
        self.next.clicked.connect(self.next_page)
        self.lang_button = QPushButton(tr("wiz.language", lang))
        self.lang_button.setToolTip(tr("wiz.language.tip", lang))
        self.lang_button.setAccessibleName(tr("wiz.language.tip", lang))
        self.lang_button.clicked.connect(lambda: self.language_changed.emit("en" if self.lang == "nl" else "nl"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9a5b00;")
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")

        self.progress = QLabel("")
        self.progress.setStyleSheet("color: #333;")

        bar = QHBoxLayout()
        bar.addWidget(self.lang_button)
        bar.addWidget(self.progress)
        bar.addWidget(self.status)
        bar.addWidget(self.message, 1)
        bar.addWidget(self.back)
        bar.addWidget(self.next)

        split = QSplitter()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(8, 8, 0, 8)
        cap = QLabel(f"<b>{tr('wiz.sections', lang)}</b>")
        ll.addWidget(cap)
        ll.addWidget(self.nav, 1)
        self.legend = QLabel(tr("wiz.legend", lang, **MARKS))
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #444; font-size: 12px;")
        self.legend.setMaximumWidth(300)
        ll.addWidget(self.legend)
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 8, 8)
        cl.addWidget(split, 1)
        cl.addLayout(bar)
        self.setCentralWidget(central)
        self.refresh_nav()

    def _title(self, key: str) -> str:
        if key == "instruction":
            return self.ws.q.data.instruction.title.get(self.lang)
        if key in ("intro", "review", "sign"):
            return tr({"intro": "wiz.intro", "review": "wiz.review", "sign": "wiz.sign"}[key], self.lang)
        return self.ws.q.sections[key].title.get(self.lang)

    # -- state -------------------------------------------------------------

    def edit(self, item_id: str, value: Any) -> None:
        try:
            changed = self.ws.set(item_id, value)
        except ValueError as e:
            self.message.setText(text_of(e, self.lang))
            return
        if changed:
            self.message.setText("")
            # An answer can show or hide items and change advice on other pages too
            # (body height → desk advice); pages only redraw what really changed.
            for sec in self.ws.q.data.sections:
                self.pages[sec.id].refresh()
            if "instruction" in self.pages:  # the instruction's own numbers and side view
                self.pages["instruction"].refresh()
            self.changed()

    def changed(self) -> None:
        self.refresh_nav()
        self._autosave.start()

    def save_now(self) -> None:
        self._autosave.stop()
        self.ws.meta["current_page"] = self.keys[self.stack.currentIndex()] if self.stack.count() else "intro"
        try:
            self.store.save(self.ws.to_doc())
            self.photos.prune({r.id for r in refs(self.ws.meta)})
        except OSError as e:
            self.save_error = e.strerror or str(e)
            self.status.setText(tr("wiz.save_failed", self.lang, reason=self.save_error))
            self.status.setStyleSheet("color: #b3261e;")
            return
        self.save_error = None
        self.status.setStyleSheet("color: #555;")
        self.status.setText(tr("wiz.saved", self.lang, time=_dt.datetime.now().strftime("%H:%M:%S")))

    def refresh_nav(self) -> None:
        for i, key in enumerate(self.keys):
            item = self.nav.item(i)
            if key == "instruction":
                read = self.pages[key].confirmed()
                item.setText(f"{MARKS['done' if read else 'open']} {self._title(key)}")
                item.setForeground(QColor("#2e6b30" if read else "#222222"))
                item.setData(Qt.ItemDataRole.AccessibleTextRole, self._title(key) + " — " + tr(
                    "instruction.nav.read" if read else "instruction.nav.unread", self.lang))
                continue
            if key not in self.ws.q.sections:
                continue
            st = self.ws.section_state(key)
            mark = MARKS["done" if st.complete else "started" if st.started else "open"] + " "
            count = tr("wiz.section.count", self.lang, answered=st.answered, shown=st.visible)
            item.setText(f"{mark}{self._title(key)}  {count}")
            colour = COLOURS[st.worst][0] if st.worst else ("#2e6b30" if st.complete else "#222222")
            item.setForeground(QColor(colour))
            extra = f" — {tr('badge.' + st.worst, self.lang)}" if st.worst else ""
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         tr("wiz.section.accessible", self.lang, title=self._title(key), answered=st.answered,
                            shown=st.visible) + extra)
        p = self.ws.progress()
        if p.answered >= p.shown:
            self.progress.setText(tr("wiz.progress.done", self.lang, shown=p.shown))
        else:
            self.progress.setText(tr("wiz.progress", self.lang, answered=p.answered, shown=p.shown,
                                     percent=p.percent, minutes=p.minutes_left))

    # -- navigation --------------------------------------------------------

    def current_key(self) -> str:
        return self.keys[self.stack.currentIndex()]

    def go(self, index: int) -> None:
        index = max(0, min(len(self.keys) - 1, index))
        key = self.keys[index]
        page = self.pages[key]
        if hasattr(page, "refresh") and key in ("review", "sign"):
            page.refresh()
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(index)
            self.nav.blockSignals(False)
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.keys) - 1)
        self.message.setText("")
        self.ws.meta["current_page"] = key
        self._autosave.start()

    def show_item(self, item_id: str) -> None:
        """Open the page of a question and put the cursor in its field (the review page's links)."""
        section = self.ws.q.section_of[item_id]
        self.go(self.keys.index(section))
        page = self.pages[section]
        row = page.rows[item_id]
        scroll = self.stack.currentWidget()
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(row)
        page.focus_item(item_id)

    def _nav_clicked(self, row: int) -> None:
        if row >= 0:
            self.go(row)

    def focus_heading(self) -> None:
        """After "Volgende"/"Vorige" the page's heading has the focus: a screen reader announces the page."""
        head = getattr(self.pages[self.current_key()], "heading", None)
        if head is not None:
            head.setFocus(Qt.FocusReason.OtherFocusReason)
            scroll = self.stack.currentWidget()
            if isinstance(scroll, QScrollArea):
                scroll.ensureWidgetVisible(head)

    def next_page(self) -> None:
        key = self.current_key()
        if key in self.ws.q.sections:
            missing = self.ws.section_state(key).missing_required
            if missing:
                names = ", ".join(self.ws.q.items[i].text.get(self.lang) for i in missing)
                self.message.setText(tr("wiz.missing", self.lang, items=names))
                self.pages[key].focus_item(missing[0])
                return
        self.go(self.stack.currentIndex() + 1)
        self.focus_heading()

    def previous_page(self) -> None:
        self.go(self.stack.currentIndex() - 1)
        self.focus_heading()

    def closeEvent(self, event) -> None:
        self.save_now()
        super().closeEvent(event)
