"""The application: start window → role → wizard. Holds no domain logic."""

from __future__ import annotations

import datetime as _dt
import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from arbocheck.core.common import paths
from arbocheck.core.common.reasons import text_of
from arbocheck.core.check.drafts import DraftStore
from arbocheck.core.common.settings import Settings
from arbocheck.ui import qt_translations
from arbocheck.ui.start import StartWindow
from arbocheck.ui.tasks import TaskRunner
from arbocheck.ui.texts import tr
from arbocheck.core.common.environment import environment

QUESTIONNAIRE = "thuiswerkplek"


class App(QObject):
    def __init__(self, lang: str | None = None, runner=None, settings: Settings | None = None,
                 questionnaire: str = QUESTIONNAIRE, db: str | None = None):
        super().__init__()
        self.questionnaire, self.db = questionnaire, db
        self.settings = settings or Settings(paths.settings_file())
        self.lang = lang or self.settings["language"]
        self.runner = runner or TaskRunner(self)
        self.runner.lang = self.lang  # errors of a task that names no language read in the app's
        qt_translations.install(self.lang)  # Qt's own dialogs and buttons in the same language
        self.store = DraftStore(paths.drafts_dir())
        self.store.open()
        self.start: StartWindow | None = None
        self.wizard = None  # the WizardWindow, once opened
        self.expert = None  # the ExpertWindow, once opened
        self.employer = None  # the EmployerWindow, once opened
        self.recovered = False

    # -- windows -----------------------------------------------------------

    def show_start(self) -> StartWindow:
        saved = self.store.load()
        when = None
        if saved is not None:
            when = _local_time(saved.doc.meta.get("saved_at"))
        self.start = StartWindow(self.lang, when)
        self.start.chosen.connect(self._role_chosen)
        self.start.language_changed.connect(self._start_language)
        self.start.show()
        return self.start

    def _start_language(self, lang: str) -> None:
        self.set_language(lang)
        old = self.start
        self.show_start()
        if old is not None:
            self.start.move(old.pos())
            old.close()
            old.deleteLater()

    def _role_chosen(self, role: str, fresh: bool) -> None:
        self.settings["last_role"] = role
        self._save_settings()
        if role == "expert":
            self.open_expert()
        elif role == "employer":
            self.open_employer()
        else:
            self.open_worker(fresh)
        if self.start is not None:
            self.start.close()

    def open_expert(self):
        from arbocheck.ui.expert.window import ExpertWindow
        from arbocheck.ui.key_dialogs import unlock_expert

        identity = unlock_expert(self.lang)  # the first-run choice, or the passphrase
        if identity is None:
            return None
        self.expert = ExpertWindow(identity, self.runner, self.lang)
        self.expert.show()
        if self.db:  # the reports stored in an employer's register
            from arbocheck.core.employer.register import Register

            self.expert.open_paths([str(p) for p in Register.open(self.db).stored_pdfs()])
        return self.expert

    def open_employer(self):
        from sqlalchemy.exc import SQLAlchemyError

        from arbocheck.core.employer import campaign_setup
        from arbocheck.core.common.reasons import Refusal
        from arbocheck.ui.employer.window import EmployerWindow
        from arbocheck.ui.key_dialogs import unlock_employer

        key = unlock_employer(self.lang)  # signs the register's checkpoints: opened before the register
        if key is None:
            return None
        try:
            register = campaign_setup.open_register(self.db, key=key)
        except Refusal as e:
            QMessageBox.critical(None, tr("error.title", self.lang), tr("emp.register_failed", self.lang,
                                                                         reason=e.text(self.lang)))
            return None
        except (SQLAlchemyError, OSError) as e:
            QMessageBox.critical(None, tr("error.title", self.lang), tr("emp.register_failed", self.lang,
                                                                         reason=str(e).splitlines()[0]))
            return None
        self.employer = EmployerWindow(register, self.runner, self.lang, self.db)
        self.employer.show()
        return self.employer

    def open_worker(self, fresh: bool = False):
        from arbocheck.core.questionnaire import loader as qloader
        from arbocheck.core.check.worksheet import Worksheet

        if fresh:
            self.store.discard()
        loaded = self.store.load()
        try:
            if loaded is not None:
                doc = loaded.doc
                self.recovered = loaded.from_previous
                try:
                    q = qloader.find(doc.questionnaire_id, doc.questionnaire_version)
                except LookupError:
                    q = qloader.find(self.questionnaire)
                ws = Worksheet.from_doc(q, doc)
            else:
                ws = Worksheet(qloader.find(self.questionnaire))
        except (LookupError, qloader.QuestionnaireError) as e:
            QMessageBox.critical(None, tr("error.title", self.lang), text_of(e, self.lang))
            raise SystemExit(2)
        return self._show_wizard(ws)

    def _show_wizard(self, ws, geometry=None):
        from arbocheck.ui.worker.wizard import WizardWindow  # imported when needed: the start window comes up faster

        self.wizard = WizardWindow(ws, self.store, self.runner, self.lang)
        self.wizard.language_changed.connect(self._wizard_language)
        if geometry is not None:
            self.wizard.restoreGeometry(geometry)
        self.wizard.show()
        if self.recovered:
            self.wizard.message.setText(tr("start.draft_recovered", self.lang))
        return self.wizard

    def _wizard_language(self, lang: str) -> None:
        old = self.wizard
        old.save_now()
        self.set_language(lang)
        self._show_wizard(old.ws, old.saveGeometry())
        old.hide()
        old.deleteLater()

    def set_language(self, lang: str) -> None:
        self.lang = self.runner.lang = lang
        qt_translations.install(lang)
        self.settings["language"] = lang
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError:
            pass  # a read-only profile must not stop the check


def _local_time(iso: str | None) -> str:
    try:
        return _dt.datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y %H:%M")
    except (TypeError, ValueError):
        return "?"


def run(role: str | None = None, lang: str | None = None, db: str | None = None) -> int:
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    qapp.setApplicationName("arbocheck")
    qapp.setOrganizationName("arbocheck")
    app = App(lang, db=db)
    if role == "worker":
        app.open_worker()
    elif role == "expert":
        app.open_expert()
    elif role == "employer":
        app.open_employer()
    else:
        app.show_start()
    if environment().exit_after_show:  # for the start-up benchmark and smoke tests
        QTimer.singleShot(0, lambda: (print("arbocheck: window shown", flush=True), qapp.quit()))
    return qapp.exec()
