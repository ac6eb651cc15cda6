"""Qt's own texts (file dialogs, Open/Save/Cancel, the context menu of a text field) in the program's
language: the qtbase translations PySide6 ships (PySide6/Qt/translations), loaded with a QTranslator.

The frozen build carries them too (packaging/arbocheck.spec); English needs none (Qt's own language)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []


def folders() -> list[Path]:
    """Where Qt's translations may be: Qt's own path, the PySide6 package, a frozen build's folder."""
    import PySide6

    out = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
           Path(PySide6.__file__).parent / "Qt" / "translations"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        out.append(Path(frozen) / "PySide6" / "Qt" / "translations")
    return out


def install(lang: str) -> bool:
    """Use Qt's translations for `lang` (replacing those of an earlier language). True when loaded."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    while _installed:
        app.removeTranslator(_installed.pop())
    if lang == "en":
        return True
    for folder in folders():
        tr = QTranslator(app)
        if tr.load(f"qtbase_{lang}", str(folder)):
            app.installTranslator(tr)
            _installed.append(tr)
            return True
    return False
