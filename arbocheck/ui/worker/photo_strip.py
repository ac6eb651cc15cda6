"""Photos per section: add by dialog or drag-and-drop, processed in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from arbocheck.core.check import photos
from arbocheck.core.check.draft_photos import DraftPhotos, PhotoRef, refs, set_refs
from arbocheck.core.check.worksheet import Worksheet
from arbocheck.ui.tasks import show_error
from arbocheck.ui.texts import tr

THUMB = 150


def _process_and_store(store: DraftPhotos, path: str) -> tuple[str, bytes]:
    """Worker thread: decode, strip, downscale, store; also make the thumbnail here,
    so the GUI thread only shows a small JPEG. Returns (photo id, thumbnail)."""
    photo = photos.process(Path(path))
    return store.store(photo.data, photo.sha256), photo.thumbnail(THUMB * 2)


class PhotoTile(QFrame):
    changed = Signal()
    removed = Signal(object)

    def __init__(self, ref: PhotoRef, jpeg: bytes, lang: str):
        super().__init__()
        self.ref = ref
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        pic = QLabel()
        pm = QPixmap()
        pm.loadFromData(jpeg, "JPEG")
        pic.setPixmap(pm.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                Qt.TransformationMode.SmoothTransformation))
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pic = pic
        self.lang = lang
        lay.addWidget(pic)
        self.caption = QLineEdit(ref.caption)
        self.caption.setPlaceholderText(tr("photo.caption", lang))
        self.caption.setMaxLength(200)
        self.caption.textEdited.connect(self._caption)
        lay.addWidget(self.caption)
        # The whole text stays readable on the card: the box's own text is short, a wrapped label says it all.
        self.expert = QCheckBox(tr("photo.expert_only", lang))
        self.expert.setChecked(ref.expert_only)
        self.expert.toggled.connect(self._expert)
        lay.addWidget(self.expert)
        self.remove = QPushButton(tr("photo.remove", lang))
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        lay.addWidget(self.remove)
        self._names()
        self.setMinimumWidth(THUMB + 40)
        self.setMaximumWidth(max(THUMB + 40, self.expert.sizeHint().width() + 24))

    def _names(self) -> None:
        """Every control of the card is named by the photo's caption (or, without one, its number)."""
        what = self.ref.caption or tr("photo.unnamed", self.lang, id=self.ref.id[:6])
        self.pic.setAccessibleName(tr("photo.alt", self.lang, caption=what))
        self.caption.setAccessibleName(tr("photo.caption.name", self.lang, photo=what))
        self.expert.setAccessibleName(f"{tr('photo.expert_only', self.lang).replace('&', '')}: {what}")
        self.remove.setAccessibleName(f"{tr('photo.remove', self.lang).replace('&', '')}: {what}")

    def focusables(self) -> list:
        return [self.caption, self.expert, self.remove]

    def _caption(self, text: str) -> None:
        self.ref.caption = text
        self._names()
        self.changed.emit()

    def _expert(self, on: bool) -> None:
        self.ref.expert_only = on
        self.changed.emit()


class PhotoStrip(QFrame):
    """The photo area of one section."""

    def __init__(self, section, ws: Worksheet, store: DraftPhotos, runner, lang: str,
                 on_change: Callable[[], None]):
        super().__init__()
        self.section, self.ws, self.store, self.runner, self.lang = section, ws, store, runner, lang
        self.on_change = on_change
        self.setAcceptDrops(True)
        self.setObjectName("photos")
        self.setStyleSheet("#photos { border: 1px dashed #9aa5b1; border-radius: 4px; }")
        lay = QVBoxLayout(self)
        title = QLabel(f"<b>{tr('photo.heading', lang)}</b>")
        lay.addWidget(title)
        prompt = QLabel(section.photo_prompt.get(lang))
        prompt.setWordWrap(True)
        lay.addWidget(prompt)
        privacy = QLabel(tr("photo.privacy", lang))
        privacy.setWordWrap(True)
        privacy.setStyleSheet("color: #555;")
        lay.addWidget(privacy)
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("photo.add", lang))
        self.add_button.setAccessibleName(tr("photo.add.name", lang, section=section.title.get(lang)))
        self.add_button.clicked.connect(self.choose)
        row.addWidget(self.add_button)
        row.addWidget(QLabel(tr("photo.drop", lang)))
        row.addStretch(1)
        lay.addLayout(row)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b3261e;")
        self.status.setVisible(False)
        lay.addWidget(self.status)
        self.tiles = QHBoxLayout()
        self.tiles.addStretch(1)
        lay.addLayout(self.tiles)
        self.busy = 0
        for ref in refs(ws.meta):
            if ref.section == section.id:
                try:
                    self._add_tile(ref, store.read(ref.id))
                except (OSError, ValueError):
                    continue

    # -- adding ------------------------------------------------------------

    def choose(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in photos.SUPPORTED_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(self, tr("photo.dialog", self.lang), str(Path.home()),
                                                tr("photo.filter", self.lang, patterns=patterns))
        for f in files:
            self.add_file(f)

    def add_file(self, path: str) -> None:
        self.busy += 1
        self._show_status(tr("photo.busy", self.lang), error=False)
        name = Path(path).name
        self.runner.run(_process_and_store, self.store, path,
                        on_done=self._stored, on_error=lambda e: self._failed(name, e))

    def _stored(self, result: tuple[str, bytes]) -> None:
        photo_id, thumb = result
        self.busy -= 1
        all_refs = refs(self.ws.meta)
        if not any(r.id == photo_id and r.section == self.section.id for r in all_refs):
            ref = PhotoRef(photo_id, self.section.id)
            all_refs.append(ref)
            set_refs(self.ws.meta, all_refs)
            tile = self._add_tile(ref, thumb)
            self.on_change()
            # Say so, and show it: the new card may lie below the visible part of the page.
            self._show_status(tr("photo.added", self.lang, n=len(self.tile_refs())), error=False)
            self._reveal(tile)
        elif not self.busy:
            self.status.setVisible(False)

    def _reveal(self, tile) -> None:
        from PySide6.QtWidgets import QScrollArea

        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(tile)
        tile.caption.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, name: str, e: BaseException) -> None:
        self.busy -= 1
        self._show_status("", error=True)
        show_error(e, self.lang, line=self.status, failed="photo.failed", name=name)

    def _show_status(self, text: str, error: bool) -> None:
        self.status.setStyleSheet("color: #b3261e;" if error else "color: #555;")
        self.status.setText(text)
        self.status.setVisible(True)

    def _add_tile(self, ref: PhotoRef, jpeg: bytes) -> None:
        tile = PhotoTile(ref, jpeg, self.lang)
        tile.changed.connect(self._tile_changed)
        tile.removed.connect(self._remove)
        self.tiles.insertWidget(self.tiles.count() - 1, tile)
        prev = self.focusables()
        if len(prev) > 3:  # photo controls follow "Foto toevoegen" (and the card before), not "Volgende"
            QWidget.setTabOrder(prev[-4], tile.caption)
        else:
            QWidget.setTabOrder(self.add_button, tile.caption)
        QWidget.setTabOrder(tile.caption, tile.expert)
        QWidget.setTabOrder(tile.expert, tile.remove)
        return tile

    def focusables(self) -> list:
        """The strip's controls in reading order: "Foto toevoegen", then each card's caption, box and button."""
        out = [self.add_button]
        for i in range(self.tiles.count()):
            w = self.tiles.itemAt(i).widget()
            if isinstance(w, PhotoTile):
                out += w.focusables()
        return out

    def _tile_changed(self) -> None:
        tiles = {}
        for i in range(self.tiles.count()):
            w = self.tiles.itemAt(i).widget()
            if isinstance(w, PhotoTile):
                tiles[w.ref.id] = w.ref
        set_refs(self.ws.meta, [tiles.get(r.id, r) if r.section == self.section.id else r
                                for r in refs(self.ws.meta)])
        self.on_change()

    def _remove(self, tile: PhotoTile) -> None:
        set_refs(self.ws.meta, [r for r in refs(self.ws.meta)
                                if not (r.id == tile.ref.id and r.section == self.section.id)])
        tile.setParent(None)
        tile.deleteLater()
        self.on_change()

    def tile_refs(self) -> list[PhotoRef]:
        return [r for r in refs(self.ws.meta) if r.section == self.section.id]

    # -- drag and drop -----------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.add_file(url.toLocalFile())
        event.acceptProposedAction()
