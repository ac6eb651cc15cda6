"""The employer's window: set up a campaign, import reports, see who handed in, what to
arrange, and the RI&E roll-up per topic. Reads and writes only through core functions."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from arbocheck.core.employer import exports, overview
from arbocheck.ui.employer.campaign import CampaignTab
from arbocheck.ui.employer.imports import ImportTab
from arbocheck.ui.employer.tables import EmployeesTab, ProvisionsTab
from arbocheck.ui.employer.rollup_chart import TopicsTab
from arbocheck.ui.text_labels import paragraph
from arbocheck.ui.texts import tr


def register_label(url: str | None) -> str:
    """Where the register is, without a password."""
    from sqlalchemy.engine import make_url

    from arbocheck.core.employer.register import default_url

    u = make_url(url or default_url())
    return u.database if u.get_backend_name() == "sqlite" else u.render_as_string(hide_password=True)


def deadline_text(known: list, chosen: str | None, closed: set[str], lang: str) -> str:
    """"Inleveren vóór 31 december 2026" for the campaign shown; for all campaigns the deadlines of
    those still open (or nothing without one); a closed campaign says so."""
    from arbocheck.core.check.textfmt import date

    if chosen is not None:
        k = next((k for k in known if k.campaign_id == chosen), None)
        if k is None:
            return ""
        key = "emp.deadline.closed" if chosen in closed else "emp.deadline"
        return tr(key, lang, deadline=date(k.campaign.deadline, lang))
    dates = sorted({k.campaign.deadline for k in known if k.campaign_id not in closed})
    return tr("emp.deadline", lang, deadline=", ".join(date(d, lang) for d in dates)) if dates else ""


class EmployerWindow(QMainWindow):
    def __init__(self, register, runner, lang: str, url: str | None = None):
        super().__init__()
        self.register, self.runner, self.lang = register, runner, lang
        self.summary_: overview.Summary | None = None
        self.known: list = []
        self.first_load = True
        self.titles = exports.section_titles(lang)
        self.measure_texts = exports.measure_titles(lang)
        self.setWindowTitle(tr("emp.title", lang))
        self.resize(1280, 760)

        top = QHBoxLayout()
        where = QLabel(tr("emp.register", lang, where=register_label(url)))
        where.setToolTip(register_label(url))
        top.addWidget(where, 1)
        self.key_label = QLabel("")
        top.addWidget(self.key_label)
        bar = QHBoxLayout()
        self.campaign = QComboBox()
        self.campaign.addItem(tr("emp.all_campaigns", lang), None)
        self.campaign.setMinimumWidth(240)
        label = QLabel(tr("emp.campaign_filter", lang))
        label.setBuddy(self.campaign)
        self.group = QComboBox()  # department, team, location or manager, from the employees CSV
        self.group.addItem(tr("emp.all_groups", lang), None)
        self.group.setMinimumWidth(200)
        group_label = QLabel(tr("emp.group_filter", lang))
        group_label.setBuddy(self.group)
        self.refresh_button = QPushButton(tr("emp.refresh", lang))
        self.summary = QLabel("")
        self.summary.setStyleSheet("font-weight: 600;")
        bar.addWidget(label)
        bar.addWidget(self.campaign)
        bar.addWidget(group_label)
        bar.addWidget(self.group)
        bar.addWidget(self.refresh_button)
        bar.addSpacing(16)
        bar.addWidget(self.summary, 1)
        self.deadline = QLabel("")  # the deadline of the campaign shown (or of the open ones)
        bar.addWidget(self.deadline)

        self.tabs = QTabWidget()
        self.campaign_tab = CampaignTab(register, runner, lang)
        self.import_tab = ImportTab(register, runner, lang)
        self.employees_tab = EmployeesTab(register, runner, lang, self.open_report, self.link)
        self.private_dir: Path | None = None  # copies of stored reports for the viewer; removed on close
        self.provisions_tab = ProvisionsTab(register, runner, lang, self.measure_texts, self.mark_done, self.undo,
                                            self.record_plan)
        self.last_marked: list[int] = []  # the events of the newest marking, for its undo
        self.topics_tab = TopicsTab(lang)
        for w, key in ((self.campaign_tab, "emp.tab.campaign"), (self.import_tab, "emp.tab.import"),
                       (self.employees_tab, "emp.tab.employees"), (self.provisions_tab, "emp.tab.provisions"),
                       (self.topics_tab, "emp.tab.topics")):
            self.tabs.addTab(w, tr(key, lang))  # "&1 …": Alt+1 … Alt+5 open the tabs

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.addLayout(top)
        lay.addLayout(bar)
        lay.addWidget(self.tabs, 1)
        note = paragraph(f"<span style='color:#57606a'>{escape(tr('emp.no_health', lang))}</span>")
        lay.addWidget(note)
        self.setCentralWidget(central)

        self.campaign.currentIndexChanged.connect(lambda *_: self.refresh())
        self.group.currentIndexChanged.connect(lambda *_: self.refresh())
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.campaign_tab.created.connect(lambda *_: self.refresh(reload_campaigns=True))
        self.campaign_tab.actions.changed.connect(lambda: self.refresh(reload_campaigns=True))
        self.import_tab.imported.connect(lambda: self.refresh())
        self.topics_tab.export_requested.connect(self.export)
        self.topics_tab.groups_requested.connect(self.show_groups)
        self._show_key()
        self.refresh(reload_campaigns=True)

    # -- loading ----------------------------------------------------------------------

    def _show_key(self) -> None:
        from arbocheck.core.employer import campaign_setup
        from arbocheck.core.trust import keys

        cert = campaign_setup.employer_dir() / keys.CERT_FILE
        if cert.exists():
            from cryptography import x509

            fp = keys.fingerprint(keys.spki_der(x509.load_pem_x509_certificate(cert.read_bytes())))
            self.key_label.setText(tr("emp.key", self.lang, fp=fp[:39]))
            self.key_label.setToolTip(fp)
        else:
            self.key_label.setText(tr("emp.key.none", self.lang))

    def refresh(self, reload_campaigns: bool = False) -> None:
        """Rebuild the overview in the background (it can cover many thousands of reports)."""
        reg, chosen = self.register, self.campaign.currentData()
        self.summary.setText(tr("emp.loading", self.lang))

        group = self.chosen_group()

        def job():
            return reg.campaigns(), overview.summary(reg, chosen, group=group), overview.group_values(reg, chosen)

        self.runner.run(job, on_done=lambda got: self._loaded(*got, reload_campaigns), lang=self.lang,
                        line=self.summary)

    def chosen_group(self) -> tuple[str, str] | None:
        """(dimension, value) of the group filter, or None for everyone."""
        data = self.group.currentData()
        return tuple(data.split("\t", 1)) if data else None  # type: ignore[return-value]

    def _set_groups(self, values: dict[str, list[str]]) -> None:
        chosen = self.group.currentData()
        items = [(f"{tr('group.' + d, self.lang)}: {v}", f"{d}\t{v}") for d, vs in values.items() for v in vs]
        if [self.group.itemData(i) for i in range(1, self.group.count())] == [d for _, d in items]:
            return
        self.group.blockSignals(True)
        while self.group.count() > 1:
            self.group.removeItem(1)
        for text, data in items:
            self.group.addItem(text, data)
        self.group.setCurrentIndex(max(0, self.group.findData(chosen)))
        self.group.blockSignals(False)

    def _loaded(self, known: list, ov: overview.Summary, groups: dict, reload_campaigns: bool) -> None:
        self.known, self.summary_ = known, ov
        self._set_groups(groups)
        if reload_campaigns:
            self._show_key()
            self.campaign_tab.set_campaigns(known)
            chosen = self.campaign.currentData()
            self.campaign.blockSignals(True)
            while self.campaign.count() > 1:
                self.campaign.removeItem(1)
            for k in known:
                self.campaign.addItem(f"{k.campaign_id} · {k.campaign.organisation}", k.campaign_id)
            self.campaign.setCurrentIndex(max(0, self.campaign.findData(chosen)))
            self.campaign.blockSignals(False)
        if self.first_load:  # a new register starts at the campaign; one in use at its employees
            self.first_load = False
            self.tabs.setCurrentIndex(0 if not known and not ov.handed_in else 2)
        open_, chosen = ov.open_measures, self.campaign.currentData()
        self.summary.setText(tr("emp.summary", self.lang, coverage=ov.coverage(self.lang), open=open_))
        self.deadline.setText(deadline_text(self.known, chosen, self.register.closed_campaigns(), self.lang))
        self.employees_tab.set_summary(chosen, ov)
        self.provisions_tab.set_summary(chosen, ov)
        self.topics_tab.set_overview(ov, self.titles, exports.organisation_of(self.known, chosen))

    def show_groups(self, dimension: str) -> None:
        """The protected roll-up per group in the topics tab (computed in the background)."""
        from arbocheck.core.employer import disclosure

        tab, reg, chosen = self.topics_tab, self.register, self.campaign.currentData()
        if not dimension:
            tab.set_groups(None)
            return
        self.runner.run(lambda: disclosure.grouped(reg, chosen, dimension), on_done=tab.set_groups, lang=self.lang,
                        line=tab.groups)

    # -- acting -------------------------------------------------------------------------

    def open_url(self, url: QUrl) -> bool:
        """Hand a file to the system's viewer (tests replace this)."""
        from PySide6.QtGui import QDesktopServices

        return QDesktopServices.openUrl(url)

    def open_report(self, e: overview.EmployeeRow) -> None:
        """Open the employee's newest stored signed PDF in the system's viewer: a copy in a private
        temp folder (checked against the register's hash first), never the register's own file."""
        from arbocheck.core.employer import stored_reports

        tab, reg, chosen, lang = self.employees_tab, self.register, self.campaign.currentData(), self.lang
        if self.private_dir is None:
            self.private_dir = stored_reports.private_folder()
        folder = self.private_dir

        def done(path: Path) -> None:
            tab.message.setText(escape(tr("emps.opened", lang, id=e.employee_id)))
            self.open_url(QUrl.fromLocalFile(str(path)))

        self.runner.run(lambda: stored_reports.private_copy(reg, e.employee_id, folder, chosen), on_done=done,
                        lang=lang, line=tab.message, failed="emps.open.failed")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        from arbocheck.core.employer import stored_reports

        stored_reports.remove_folder(self.private_dir)
        self.private_dir = None
        super().closeEvent(event)

    def confirm(self, text: str) -> bool:
        """Ask before recording (tests replace this)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, tr("emp.title", self.lang), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return box.exec() == QMessageBox.StandardButton.Yes

    def mark_done(self, rows: list[overview.ProvisionRow]) -> None:
        """Mark the chosen measures arranged, after a confirmation; the undo button reverses it."""
        from arbocheck.core.employer import plan

        tab, lang = self.provisions_tab, self.lang
        if not rows:
            return
        first = rows[0]
        text = self.measure_texts.get(first.measure, first.text)
        if len(rows) == 1:
            ask = tr("prov.confirm.one", lang, measure=text, employee=first.employee_id)
            said = tr("prov.marked", lang, measure=text, employee=first.employee_id)
        else:
            ask, said = tr("prov.confirm.many", lang, n=len(rows)), tr("prov.marked.many", lang, n=len(rows))
        if not self.confirm(ask):
            return
        pairs = [(p.person, p.measure) for p in rows]

        def done(seqs: list[int]) -> None:
            self.last_marked = seqs
            tab.undo_button.setEnabled(bool(seqs))
            tab.message.setText(escape(said))
            self.refresh()

        self.runner.run(lambda: plan.mark_arranged(self.register, pairs), on_done=done, lang=lang, line=tab.message)

    def undo(self) -> None:
        """Reverse the newest marking with appended events (nothing is removed)."""
        from arbocheck.core.employer import plan

        tab, seqs, lang = self.provisions_tab, self.last_marked, self.lang
        if not seqs:
            return

        def done(n: int) -> None:
            self.last_marked = []
            tab.undo_button.setEnabled(False)
            tab.message.setText(escape(tr("prov.undone", lang, n=n)))
            self.refresh()

        self.runner.run(lambda: plan.undo(self.register, seqs), on_done=done, lang=lang, line=tab.message)

    def record_plan(self, rows: list[overview.ProvisionRow], responsible: str, planned: str, budget: str) -> None:
        """Plan the chosen measures: responsible person, planned date, budget (appended events)."""
        from arbocheck.core.employer import plan

        tab, lang = self.provisions_tab, self.lang
        if not rows:
            return
        pairs = [(p.person, p.measure) for p in rows]
        self.runner.run(lambda: plan.set_plan(self.register, pairs, responsible, planned, budget),
                        on_done=lambda _: (tab.message.setText(escape(tr("plan.saved", lang, n=len(pairs)))),
                                           tab.apply()),
                        lang=lang, line=tab.message, failed="plan.failed")

    def choose_employee(self, e: overview.EmployeeRow, candidates: list[overview.EmployeeRow]) -> str | None:
        """Which enrolled employee a report without enrolment belongs to, or None (tests replace this)."""
        from PySide6.QtWidgets import QInputDialog

        items = [f"{c.employee_id} · {c.name}" if c.name else c.employee_id for c in candidates]
        got, ok = QInputDialog.getItem(self, tr("emps.link", self.lang).replace("&", ""),
                                       tr("emps.link.ask", self.lang, name=e.name or e.person), items, 0, True)
        if not ok or not got.strip():
            return None
        return got.split(" · ", 1)[0].strip()

    def link(self, e: overview.EmployeeRow) -> None:
        """Link a report without enrolment to an employee of the campaign, on HR's explicit choice."""
        tab, reg, chosen = self.employees_tab, self.register, self.campaign.currentData()
        candidates, _ = overview.employees(reg, chosen, show="not_yet", limit=None)
        employee = self.choose_employee(e, candidates)
        if not employee:
            return
        self.runner.run(lambda: overview.link(reg, e.person, employee),
                        on_done=lambda _: (tab.message.setText(escape(tr(
                            "emps.linked", self.lang, name=e.name or e.person, employee=employee))), self.refresh()),
                        lang=self.lang, line=tab.message)

    def choose_save_path(self, kind: str, suggested: str) -> str | None:
        """Where an export goes (tests replace this)."""
        filters = {"xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)", "pdf": "PDF (*.pdf)"}
        path, _ = QFileDialog.getSaveFileName(self, tr("emp.title", self.lang), str(Path.home() / suggested),
                                              filters[kind])
        return path or None

    def export(self, kind: str) -> None:
        from arbocheck.core.employer import campaign_setup

        ov, tab, reg, chosen = self.summary_, self.topics_tab, self.register, self.campaign.currentData()
        if ov is None:
            return
        organisation = tab.organisation.text().strip()
        if kind == "pdf" and not organisation:
            tab.message.setText(escape(tr("top.need_organisation", self.lang)))
            return
        name = tr("top.summary_name" if kind == "pdf" else "top.actions_name", self.lang)
        path = self.choose_save_path(kind, f"{name}.{kind}")
        if not path:
            return
        lang, titles, texts, dimension = self.lang, self.titles, self.measure_texts, tab.dimension()
        group = self.chosen_group()

        def job():
            if kind == "pdf":  # always the whole campaign: its groups are protected inside it (disclosure.py)
                whole = overview.summary(reg, chosen) if group is not None else ov
                key = campaign_setup.employer_key(organisation)
                exports.write_rollup(Path(path), whole, organisation, key, lang, titles, texts,
                                     register=reg if reg.signer is not None else campaign_setup.open_register(
                                         reg.url, key, reg.pdf_dir),
                                     campaign_id=chosen, dimension=dimension)
            else:
                exports.write_action_list(reg, Path(path), kind, lang, chosen, group)
            return Path(path)

        tab.message.setText(escape(tr("top.saving", lang)))
        self.runner.run(job, on_done=self._exported, lang=lang, line=tab.message, failed="top.failed")

    def _exported(self, path: Path) -> None:
        self.topics_tab.message.setText(
            f"{escape(tr('top.saved', self.lang, path=str(path)))} "
            f"<a href='{QUrl.fromLocalFile(str(path.parent)).toString()}'>{escape(tr('camp.open_folder', self.lang).replace('&', ''))}</a>")
        self.topics_tab.message.setOpenExternalLinks(True)
        self._show_key()
