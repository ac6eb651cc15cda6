"""The employer's import tab: drop files or folders, watch each file be checked, see why any
was refused. The checking itself is core.importer, in worker processes."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFileDialog, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from arbocheck.ui.badges import COLOURS
from arbocheck.ui.text_labels import heading, paragraph
from arbocheck.ui.tasks import show_error
from arbocheck.ui.texts import tr


class DropZone(QFrame):
    dropped = Signal(list)

    def __init__(self, lang: str):
        super().__init__()
        self.setAcceptDrops(True)
        self.setObjectName("drop")
        self.setStyleSheet("#drop { border: 2px dashed #8c959f; border-radius: 8px; background: #f6f8fa; }"
                           "#drop[hover=\"true\"] { border-color: #1d5fa8; background: #e9f1fb; }")
        self.setMinimumHeight(110)
        lay = QVBoxLayout(self)
        self.label = QLabel(tr("imp.drop", lang))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("font-size: 15px; color: #444c56; background: transparent;")
        lay.addWidget(self.label)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        lay.addLayout(self.buttons)

    def _hover(self, on: bool) -> None:
        self.setProperty("hover", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            self._hover(True)

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._hover(False)

    def dropEvent(self, event) -> None:  # noqa: N802
        self._hover(False)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)


class ImportTab(QWidget):
    imported = Signal()  # the register changed

    def __init__(self, register, runner, lang: str):
        super().__init__()
        self.register, self.runner, self.lang = register, runner, lang
        self.busy = False
        lay = QVBoxLayout(self)
        lay.addWidget(heading(tr("imp.heading", lang), 2))
        lay.addWidget(paragraph(escape(tr("imp.lead", lang))))
        self.zone = DropZone(lang)
        self.files_button = QPushButton(tr("imp.files", lang))
        self.folder_button = QPushButton(tr("imp.folder", lang))
        self.zone.buttons.addWidget(self.files_button)
        self.zone.buttons.addWidget(self.folder_button)
        self.zone.buttons.addStretch(1)
        lay.addWidget(self.zone)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setAccessibleName(tr("imp.heading", lang))
        lay.addWidget(self.progress)
        self.status = paragraph("")
        lay.addWidget(self.status)
        lay.addWidget(heading(tr("imp.results", lang), 3))
        self.results = QListWidget()
        self.results.setAccessibleName(tr("imp.results", lang))
        self.results.setWordWrap(True)
        lay.addWidget(self.results, 1)
        self.zone.dropped.connect(self.import_paths)
        self.files_button.clicked.connect(self._choose_files)
        self.folder_button.clicked.connect(self._choose_folder)

    def choose_files(self) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(self, tr("imp.files", self.lang).replace("&", ""), str(Path.home()),
                                                "PDF (*.pdf);;* (*)")
        return files

    def choose_folder(self) -> str | None:
        return QFileDialog.getExistingDirectory(self, tr("imp.folder", self.lang).replace("&", ""),
                                                str(Path.home())) or None

    def _choose_files(self) -> None:
        files = self.choose_files()
        if files:
            self.import_paths(files)

    def _choose_folder(self) -> None:
        folder = self.choose_folder()
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> None:
        from arbocheck.core.employer.importer import entries, import_files

        if self.busy:
            return
        n = len(entries(paths))
        if not n:
            self.status.setText(escape(tr("imp.nothing", self.lang)))
            return
        self.busy = True
        for b in (self.files_button, self.folder_button):
            b.setEnabled(False)
        self.zone.setAcceptDrops(False)
        self.results.clear()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(escape(tr("imp.busy", self.lang, n=n)))
        reg = self.register
        self.runner.run(lambda progress: import_files(reg, paths, progress=progress), on_done=self._done,
                        on_error=self._failed, on_progress=self._one)

    def _one(self, pct: int, outcome) -> None:
        self.progress.setValue(pct)
        # The name is shown escaped (no control characters, bidi overrides or broken bytes).
        text = outcome.line(self.lang, name_only=True)
        item = QListWidgetItem(("✓ " if outcome.accepted else "– " if outcome.skipped else "✗ ") + text)
        item.setToolTip(outcome.shown_path)
        item.setForeground(QColor(COLOURS["ok" if outcome.accepted else "high"][0]))
        self.results.addItem(item)
        self.results.scrollToBottom()

    def _finish(self) -> None:
        self.busy = False
        for b in (self.files_button, self.folder_button):
            b.setEnabled(True)
        self.zone.setAcceptDrops(True)
        self.progress.setVisible(False)

    def _done(self, outcomes: list) -> None:
        self._finish()
        ok = sum(o.accepted for o in outcomes)
        self.status.setText(escape(tr("imp.done", self.lang, ok=ok, bad=len(outcomes) - ok)))
        self.imported.emit()

    def _failed(self, e: BaseException) -> None:
        self._finish()
        show_error(e, self.lang, line=self.status, failed="imp.failed")
        self.imported.emit()
