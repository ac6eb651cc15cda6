"""Running the campaign chosen in the campaign tab's list: letters and mail drafts, reminders for who
has not handed in, the list of who has not, a new code for a lost one, closing it. Each button
calls one use case of core/employer/campaign_run.py (the CLI's `campaign letters|reissue|missing|close`
call the same), in the background; the dialogs are methods tests replace."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QMessageBox, QPushButton, QVBoxLayout, QWidget

from arbocheck.ui.text_labels import paragraph
from arbocheck.ui.texts import tr


class CampaignActions(QWidget):
    changed = Signal()  # something the overview shows changed (a campaign closed)

    def __init__(self, register, runner, lang: str, chosen: Callable[[], object]):
        super().__init__()
        self.register, self.runner, self.lang, self.chosen = register, runner, lang, chosen
        self.folder: Path | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("letters", self.letters), ("reminders", self.reminders), ("missing", self.missing),
                          ("reissue", self.reissue), ("close", self.close_campaign)):
            b = QPushButton(tr(f"camp.act.{key}", lang))
            b.setToolTip(tr(f"camp.act.{key}.help", lang))
            b.setAccessibleDescription(tr(f"camp.act.{key}.help", lang))
            b.clicked.connect(slot)
            b.setEnabled(False)
            row.addWidget(b)
            self.buttons[key] = b
        self.open_folder = QPushButton(tr("camp.open_folder", lang))
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(lambda: self.folder and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.folder))))
        row.addWidget(self.open_folder)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = paragraph("")
        lay.addWidget(self.message)

    def set_enabled(self, known) -> None:
        closed = known is not None and known.campaign_id in self.register.closed_campaigns()
        for key, b in self.buttons.items():
            b.setEnabled(known is not None and (key == "missing" or not closed))

    # -- dialogs (tests replace these) -----------------------------------------------

    def choose_codes_file(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, tr("camp.act.codes_file", self.lang), str(Path.home()),
                                              "CSV (*.csv)")
        return path or None

    def choose_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self, tr("camp.act.folder", self.lang), str(Path.home()))
        return folder or None

    def choose_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("camp.act.missing", self.lang).replace("&", ""),
                                              str(Path.home() / suggested), "CSV (*.csv)")
        return path or None

    def ask_employee(self) -> str | None:
        text, ok = QInputDialog.getText(self, tr("camp.act.reissue", self.lang).replace("&", ""),
                                        tr("camp.act.reissue.ask", self.lang))
        return text.strip() if ok and text.strip() else None

    def confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, tr("emp.title", self.lang), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    # -- the actions ----------------------------------------------------------------------

    def _run(self, job, done_text: Callable[[object], str], folder: Path | None) -> None:
        self.message.setText(escape(tr("camp.act.busy", self.lang)))

        def done(result) -> None:
            self.folder = folder
            self.open_folder.setVisible(folder is not None)
            self.message.setText(done_text(result))

        self.runner.run(job, on_done=done, lang=self.lang, line=self.message, failed="camp.act.failed")

    def _hand_out(self, reminder: bool) -> None:
        from arbocheck.core.employer import campaign_run

        known = self.chosen()
        if known is None:
            return
        codes = self.choose_codes_file()
        if not codes:
            return
        folder = self.choose_folder()
        if not folder:
            return
        reg, cid, lang = self.register, known.campaign_id, self.lang
        out = Path(folder)
        self._run(lambda: campaign_run.hand_out(reg, cid, Path(codes), out, lang, reminder=reminder,
                                                campaign_name=f"campagne-{cid}.json"),
                  lambda h: escape(tr("camp.act.letters.done", lang, n=h.people, path=str(h.letters),
                                      mails=str(h.mails[0].parent) if h.mails else str(out))), out)

    def letters(self) -> None:
        self._hand_out(False)

    def reminders(self) -> None:
        self._hand_out(True)

    def missing(self) -> None:
        from arbocheck.core.employer import campaign_run

        known = self.chosen()
        if known is None:
            return
        path = self.choose_save_path(f"{tr('camp.act.missing.name', self.lang)}-{known.campaign_id}.csv")
        if not path:
            return
        reg, cid, lang = self.register, known.campaign_id, self.lang
        self._run(lambda: campaign_run.write_not_handed_in(reg, cid, Path(path), lang),
                  lambda n: escape(tr("camp.act.missing.done", lang, n=n, path=path)), Path(path).parent)

    def reissue(self) -> None:
        from arbocheck.core.employer import campaign_run

        known = self.chosen()
        if known is None:
            return
        employee = self.ask_employee()
        if not employee or not self.confirm(tr("camp.act.reissue.confirm", self.lang, id=employee,
                                               campaign=known.campaign_id)):
            return
        folder = self.choose_folder()
        if not folder:
            return
        codes = self.choose_codes_file()  # optional: the codes file gets the new code too
        reg, cid, lang, out = self.register, known.campaign_id, self.lang, Path(folder)
        self._run(lambda: campaign_run.reissue(reg, cid, employee, out, lang,
                                               codes_path=Path(codes) if codes else None,
                                               campaign_name=f"campagne-{cid}.json"),
                  lambda got: escape(tr("camp.act.reissue.done", lang, id=got.employee_id,
                                        path=str(got.handout.letters))), out)

    def close_campaign(self) -> None:
        known = self.chosen()
        if known is None or not self.confirm(tr("camp.act.close.confirm", self.lang, id=known.campaign_id)):
            return
        reg, cid, lang = self.register, known.campaign_id, self.lang

        def done(n) -> None:
            self.message.setText(escape(tr("camp.act.close.done", lang, id=cid, n=n)))
            self.set_enabled(known)
            self.changed.emit()

        self.message.setText(escape(tr("camp.act.busy", lang)))
        self.runner.run(lambda: reg.close_campaign(cid), on_done=done, lang=lang, line=self.message,
                        failed="camp.act.failed")

