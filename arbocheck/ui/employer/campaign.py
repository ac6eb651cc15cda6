"""The employer's campaign tab: a form that makes the signed campaign file and the enrolment
codes (core.campaign_setup), and the campaigns this register already knows."""

from __future__ import annotations

import datetime as _dt
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QRegularExpression, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QRegularExpressionValidator
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSizePolicy, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from arbocheck.core.trust import campaign as campaign_mod
from arbocheck.core.common.reasons import text_of
from arbocheck.ui.text_labels import heading, paragraph
from arbocheck.ui.employer.campaign_actions import CampaignActions
from arbocheck.ui.tasks import show_error
from arbocheck.ui.texts import tr

DEADLINE_DAYS = 42


class CampaignTab(QWidget):
    created = Signal(object)  # the KnownCampaign, once registered

    def __init__(self, register, runner, lang: str):
        super().__init__()
        self.register, self.runner, self.lang = register, runner, lang
        self.employees_csv: str | None = None
        self.employees_file = ""
        self.last_folder: Path | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(heading(tr("camp.heading", lang), 2))
        lay.addWidget(paragraph(escape(tr("camp.lead", lang))))

        form_box = QWidget()
        form_box.setMaximumWidth(980)
        form = QFormLayout(form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.organisation = QLineEdit()
        self.campaign_id = QLineEdit(f"thuiswerk-{_dt.date.today().year}")
        self.campaign_id.setValidator(QRegularExpressionValidator(QRegularExpression(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")))
        self.campaign_id.setToolTip(tr("camp.id.help", lang))
        self.deadline = QDateEdit(QDate.currentDate().addDays(DEADLINE_DAYS))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd-MM-yyyy")
        self.deadline.setMinimumDate(QDate.currentDate())
        self.questionnaire = QComboBox()
        self.hand_in = QLineEdit()
        self.hand_in.setMaxLength(300)
        self.hand_in.setPlaceholderText(tr("camp.hand_in.placeholder", lang))
        self.recheck = QSpinBox()
        self.recheck.setRange(campaign_mod.RECHECK_MIN, campaign_mod.RECHECK_MAX)
        self.recheck.setValue(campaign_mod.RECHECK_DEFAULT)
        self.recheck.setSuffix(tr("camp.recheck.suffix", lang))
        self.expert = QLineEdit()
        self.expert.setPlaceholderText(tr("camp.expert.placeholder", lang))
        self.expert_info = _note(tr("camp.expert.none", lang))
        self.choose_employees = QPushButton(tr("camp.employees", lang))
        self.choose_employees.setAccessibleDescription(tr("camp.employees.help", lang))
        self.employees_info = _note(tr("camp.employees.none", lang))
        emp_row = QHBoxLayout()
        emp_row.addWidget(self.choose_employees)
        emp_row.addWidget(self.employees_info, 1)
        notes = {"camp.id": _note(tr("camp.id.help", lang), muted=True), "camp.expert": self.expert_info,
                 "camp.hand_in": _note(tr("camp.hand_in.help", lang), muted=True),
                 "camp.recheck": _note(tr("camp.recheck.help", lang), muted=True)}
        for key, field in (("camp.organisation", self.organisation), ("camp.id", self.campaign_id),
                           ("camp.deadline", self.deadline), ("camp.hand_in", self.hand_in),
                           ("camp.recheck", self.recheck),
                           ("camp.questionnaire", self.questionnaire), ("camp.expert", self.expert)):
            label = QLabel(tr(key, lang))
            label.setBuddy(field)
            field.setAccessibleName(tr(key, lang).replace("&", ""))
            form.addRow(label, field)
            if key in notes:
                form.addRow("", notes[key])
        form.addRow(tr("camp.col.employees", lang), emp_row)
        form.addRow("", _note(tr("camp.employees.help", lang), muted=True))
        lay.addWidget(form_box)

        row = QHBoxLayout()
        self.create = QPushButton(tr("camp.create", lang))
        self.open_folder = QPushButton(tr("camp.open_folder", lang))
        self.open_folder.setVisible(False)
        row.addWidget(self.create)
        row.addWidget(self.open_folder)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = paragraph("")
        lay.addWidget(self.message)

        lay.addWidget(heading(tr("camp.list", lang), 3))
        self.list_note = QLabel(tr("camp.list.none", lang))
        self.list_note.setWordWrap(True)
        lay.addWidget(self.list_note)
        cols = ("camp.col.id", "camp.col.organisation", "camp.col.deadline", "camp.col.employees", "camp.col.expert")
        self.table = QTableWidget(0, len(cols))
        self.table.setHorizontalHeaderLabels([tr(c, lang) for c in cols])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(tr("camp.list", lang))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        lay.addWidget(self.table, 1)
        self.known: list = []
        self.actions = CampaignActions(register, runner, lang, self.chosen)
        lay.addWidget(self.actions)
        self.table.itemSelectionChanged.connect(lambda: self.actions.set_enabled(self.chosen()))

        self.expert.textChanged.connect(self._expert_changed)
        self.choose_employees.clicked.connect(self._choose_employees)
        self.create.clicked.connect(self.start_create)
        self.open_folder.clicked.connect(lambda: self.last_folder and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.last_folder))))
        self._fill_questionnaires()

    # -- the form -----------------------------------------------------------------

    def _fill_questionnaires(self) -> None:
        from arbocheck.core.questionnaire import loader as qloader

        seen = set()
        for path in qloader.questionnaire_files():
            try:
                q = qloader.load_cached(path)
            except qloader.QuestionnaireError:
                continue
            if (q.id, q.version) not in seen:
                seen.add((q.id, q.version))
                self.questionnaire.addItem(f"{q.data.title.get(self.lang)} ({q.id} {q.version})", (q.id, q.version))

    def _expert_changed(self, text: str) -> None:
        from arbocheck.core.trust.campaign import recipient_fingerprint
        from arbocheck.core.trust.seal import SealError, parse_recipient

        text = text.strip()
        if not text:
            self.expert_info.setText(tr("camp.expert.none", self.lang))
            return
        try:
            parse_recipient(text)
        except SealError:
            self.expert_info.setText(tr("camp.expert.bad", self.lang))
            return
        self.expert_info.setText(tr("camp.expert.ok", self.lang, fp=recipient_fingerprint(text)[:39]))

    def choose_employees_file(self) -> str | None:
        """The employees CSV (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(self, tr("camp.employees", self.lang).replace("&", ""),
                                              str(Path.home()), "CSV (*.csv *.txt)")
        return path or None

    def choose_folder(self) -> str | None:
        """Where the campaign file and codes go (tests replace this)."""
        folder = QFileDialog.getExistingDirectory(self, tr("camp.folder", self.lang), str(Path.home()))
        return folder or None

    def _choose_employees(self) -> None:
        path = self.choose_employees_file()
        if path:
            self.load_employees(Path(path))

    def load_employees(self, path: Path) -> None:
        from arbocheck.core.trust import campaign as campaign_mod

        try:
            text = path.read_text(encoding="utf-8-sig")
            n = len(campaign_mod.read_employees(text))
        except (OSError, UnicodeDecodeError, campaign_mod.CampaignError) as e:
            self.employees_csv = None
            self.employees_info.setText(tr("camp.employees.bad", self.lang, reason=text_of(e, self.lang)))
            self.employees_info.setStyleSheet("color: #b3261e;")
            return
        self.employees_csv, self.employees_file = text, path.name
        self.employees_info.setText(tr("camp.employees.read", self.lang, n=n, file=path.name))
        self.employees_info.setStyleSheet("")

    def _missing(self) -> list[str]:
        missing = []
        if not self.organisation.text().strip():
            missing.append(tr("camp.organisation", self.lang).replace("&", ""))
        if not self.campaign_id.hasAcceptableInput():
            missing.append(tr("camp.id", self.lang).replace("&", ""))
        if self.employees_csv is None:
            missing.append(tr("camp.col.employees", self.lang))
        return missing

    # -- making it ------------------------------------------------------------------

    def start_create(self) -> None:
        from arbocheck.core.employer import campaign_setup

        missing = self._missing()
        if missing:
            self._say(tr("camp.missing", self.lang, what=", ".join(missing)), error=True)
            return
        folder = self.choose_folder()
        if not folder:
            return
        qid, version = self.questionnaire.currentData() or ("thuiswerkplek", None)
        cid = self.campaign_id.text().strip()
        args = dict(organisation=self.organisation.text().strip(), campaign_id=cid,
                    deadline=self.deadline.date().toString("yyyy-MM-dd"), employees_csv=self.employees_csv,
                    expert_recipient=self.expert.text().strip() or None, questionnaire=qid, version=version,
                    hand_in=self.hand_in.text().strip() or None, recheck_months=self.recheck.value())
        campaign_path, codes_path = Path(folder) / f"campagne-{cid}.json", Path(folder) / f"aanmeldcodes-{cid}.csv"
        reg = self.register

        def job():
            campaign_setup.create(campaign_path, codes_path, register=reg, **args)
            return next(k for k in reg.campaigns() if k.campaign_id == cid)

        self.create.setEnabled(False)
        self.last_folder = Path(folder)
        self.runner.run(job, on_done=lambda known: self._created(known, campaign_path, codes_path),
                        on_error=self._failed)

    def _created(self, known, campaign_path: Path, codes_path: Path) -> None:
        self.create.setEnabled(True)
        self.open_folder.setVisible(True)
        self._say(tr("camp.done", self.lang, campaign=escape(str(campaign_path)), codes=escape(str(codes_path))),
                  html=True)
        self.created.emit(known)

    def _failed(self, e: BaseException) -> None:
        self.create.setEnabled(True)
        self.message.setStyleSheet("color: #b3261e;")
        show_error(e, self.lang, line=self.message, failed="camp.failed")

    def _say(self, text: str, error: bool = False, html: bool = False) -> None:
        self.message.setText(text if html else escape(text))
        self.message.setStyleSheet("color: #b3261e;" if error else "")

    # -- the list -----------------------------------------------------------------------

    def chosen(self):
        """The campaign chosen in the list (the only one when there is one), or None."""
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) == 1 and next(iter(rows)) < len(self.known):
            return self.known[next(iter(rows))]
        return self.known[0] if len(self.known) == 1 else None

    def set_campaigns(self, known: list) -> None:
        self.known = list(known)
        self.list_note.setVisible(not known)
        self.table.setRowCount(len(known))
        for r, k in enumerate(known):
            c = k.campaign
            deadline = _dt.date.fromisoformat(c.deadline).strftime("%d-%m-%Y")
            cells = [c.campaign_id, c.organisation, deadline, str(k.n_employees),
                     (c.expert_fingerprint or "")[:39] or tr("camp.no_expert", self.lang)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 4 and c.expert_fingerprint:
                    item.setToolTip(c.expert_fingerprint)
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        self.actions.set_enabled(self.chosen())
        if known and not self.organisation.text().strip():
            self.organisation.setText(known[-1].campaign.organisation)


def _note(text: str, muted: bool = False) -> QLabel:
    """A wrapped line under a form field that takes the field's whole width."""
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    if muted:
        lab.setStyleSheet("color: #57606a;")
    return lab
