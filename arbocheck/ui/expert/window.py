"""The arbo expert's window: open reports, work through the queue of flagged items,
record status and advice (appended to the trail), and make the signed advice reports.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QPlainTextEdit, QPushButton,
                               QScrollArea, QSlider,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from arbocheck.core.expert import queue as expert
from arbocheck.core.expert import identity as expert_identity
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.common.i18n import t
from arbocheck.core.expert.trail import ReviewTrail
from arbocheck.ui.badges import COLOURS
from arbocheck.ui.text_labels import heading, paragraph
from arbocheck.ui.texts import tr

COLUMNS = ("expert.col.priority", "expert.col.worker", "expert.col.topic", "expert.col.item", "expert.col.status")


class PhotoView(QWidget):
    """A photo with a zoom slider."""

    def __init__(self, jpeg: bytes, caption: str, lang: str):
        super().__init__()
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(jpeg, "JPEG")
        lay = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setAccessibleName(caption or tr("photo.caption", lang))
        scroll = QScrollArea()
        scroll.setWidget(self.label)
        scroll.setMinimumHeight(220)
        lay.addWidget(scroll)
        row = QHBoxLayout()
        row.addWidget(QLabel(escape(caption)))
        self.zoom = QSlider(Qt.Orientation.Horizontal)
        self.zoom.setRange(10, 200)
        self.zoom.setValue(35)
        self.zoom.setAccessibleName(tr("expert.zoom", lang))
        self.zoom.valueChanged.connect(self._scale)
        row.addWidget(QLabel(tr("expert.zoom", lang)))
        row.addWidget(self.zoom)
        lay.addLayout(row)
        self._scale(self.zoom.value())

    def _scale(self, pct: int) -> None:
        w = max(1, self.pixmap.width() * pct // 100)
        self.label.setPixmap(self.pixmap.scaledToWidth(w, Qt.TransformationMode.SmoothTransformation))
        self.label.adjustSize()


class ExpertWindow(QMainWindow):
    def __init__(self, identity: expert_identity.Identity, runner, lang: str, name: str = ""):
        super().__init__()
        self.identity, self.runner, self.lang = identity, runner, lang
        self.trail = ReviewTrail(expert_identity.trail_path())
        self.reports: dict[str, expert.OpenedReport] = {}
        self.items: list[expert.ReviewItem] = []
        self.shown: list[expert.ReviewItem] = []
        self.questionnaires: dict[tuple, object] = {}
        self.setWindowTitle(tr("expert.title", lang))
        self.resize(1280, 760)

        top = QHBoxLayout()
        open_files = QPushButton(tr("expert.open_files", lang))
        open_files.clicked.connect(self.choose_files)
        open_folder = QPushButton(tr("expert.open_folder", lang))
        open_folder.clicked.connect(self.choose_folder)
        top.addWidget(open_files)
        top.addWidget(open_folder)
        self.filter_priority = self._combo([("", tr("expert.all_priorities", lang))]
                                           + [(p, t("priority." + p, lang)) for p in ("high", "medium", "low")])
        self.filter_status = self._combo([("", tr("expert.all_statuses", lang)), ("open", tr("expert.open", lang))])
        self.filter_topic = self._combo([("", tr("expert.all_topics", lang))])
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("expert.search", lang))
        self.search.setAccessibleName(tr("expert.search", lang))
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(self.refresh_table)
        for w in (self.filter_priority, self.filter_topic, self.filter_status, self.search):
            top.addWidget(w)
        top.addStretch(1)
        ident = QLabel(tr("expert.identity", lang, fp=identity.fingerprint[:39]))
        ident.setToolTip(identity.recipient)
        top.addWidget(ident)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c, lang) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(tr("expert.queue", lang))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it), as in the employer's
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_item(row))

        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        self.detail_scroll = detail_scroll
        self._new_detail()

        editor = QWidget()
        form = QFormLayout(editor)
        self.status = QComboBox()
        self.status.setAccessibleName(tr("expert.status", lang))
        self.advice = QPlainTextEdit()
        self.advice.setAccessibleName(tr("expert.advice", lang))
        self.advice.setTabChangesFocus(True)
        self.advice.setFixedHeight(110)
        self.status.currentIndexChanged.connect(self._template)
        # For a confidential point: the measures the employer should take. Its version names them, not the point.
        self.employer_measures = QListWidget()
        self.employer_measures.setAccessibleName(tr("expert.employer_measures", lang))
        self.employer_measures.setToolTip(tr("expert.employer_measures.tip", lang))
        self.employer_measures.setFixedHeight(96)
        self.employer_measures_label = QLabel(tr("expert.employer_measures", lang))
        self.employer_measures_label.setBuddy(self.employer_measures)
        self.save = QPushButton(tr("expert.record", lang))
        self.save.clicked.connect(self.record)
        self.make_report = QPushButton(tr("expert.make_report", lang))
        self.make_report.clicked.connect(self.start_report)
        self.expert_name = QLineEdit(name)
        self.expert_name.setAccessibleName(tr("expert.name", lang))
        self.message = paragraph("")
        form.addRow(tr("expert.status", lang), self.status)
        form.addRow(tr("expert.advice", lang), self.advice)
        form.addRow(self.employer_measures_label, self.employer_measures)
        form.addRow("", self.save)
        form.addRow(tr("expert.name", lang), self.expert_name)
        form.addRow("", self.make_report)
        form.addRow("", self.message)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(detail_scroll)
        right.addWidget(editor)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        detail_scroll.setMinimumHeight(280)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.addLayout(top)
        self.summary = QLabel("")
        cl.addWidget(self.summary)
        cl.addWidget(split, 1)
        self.setCentralWidget(central)
        self._enable(False)

    # -- opening --------------------------------------------------------------

    def _combo(self, entries: list[tuple[str, str]]) -> QComboBox:
        c = QComboBox()
        for value, label in entries:
            c.addItem(label, value)
        c.setAccessibleName(entries[0][1])
        c.currentIndexChanged.connect(self.refresh_table)
        return c

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("expert.open_files", self.lang).replace("&", ""),
                                                str(Path.home()), "PDF (*.pdf)")
        if files:
            self.open_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("expert.open_folder", self.lang).replace("&", ""),
                                                  str(Path.home()))
        if folder:
            self.open_paths([folder])

    def open_paths(self, paths: list[str]) -> None:
        files = expert.report_files(paths)
        self.summary.setText(tr("expert.opening", self.lang, n=len(files)))
        self.runner.run(lambda: [expert.open_report(p, self.identity) for p in files],
                        on_done=self._opened, lang=self.lang, line=self.summary)

    def _opened(self, reports: list[expert.OpenedReport]) -> None:
        for r in reports:
            if r.accepted:
                self.reports[r.report_id] = r
        rejected = [f"{r.path.name}: {r.why(self.lang)}" for r in reports if not r.accepted]
        other = [r.path.name for r in reports if r.accepted and r.sealed_state == "other_expert"]
        self.items = expert.review_items(self.reports.values())
        lines = [tr("expert.opened", self.lang, ok=sum(r.accepted for r in reports), total=len(reports))]
        if other:
            lines.append(tr("expert.other_expert", self.lang, files=", ".join(other)))
        lines += [tr("expert.rejected", self.lang, line=x) for x in rejected]
        self.summary.setText("\n".join(lines))
        topics = sorted({it.section for it in self.items})
        self.filter_topic.blockSignals(True)
        while self.filter_topic.count() > 1:
            self.filter_topic.removeItem(1)
        for s in topics:
            self.filter_topic.addItem(self._section_title(s), s)
        self.filter_topic.blockSignals(False)
        self.refresh_table()

    # -- the queue ------------------------------------------------------------

    def _questionnaire(self, rep: expert.OpenedReport):
        key = (rep.report.questionnaire.id, rep.report.questionnaire.version)
        if key not in self.questionnaires:
            try:
                self.questionnaires[key] = qloader.find(*key)
            except (LookupError, qloader.QuestionnaireError):
                self.questionnaires[key] = None
        return self.questionnaires[key]

    def _section_title(self, section: str) -> str:
        for rep in self.reports.values():
            q = self._questionnaire(rep)
            if q is not None and section in q.sections:
                return q.sections[section].title.get(self.lang)
        return section

    def _status_label(self, status: str | None) -> str:
        if status is None:
            return tr("expert.open", self.lang)
        for rep in self.reports.values():
            q = self._questionnaire(rep)
            if q is not None:
                for s in q.data.review_statuses:
                    if s.id == status:
                        return s.label.get(self.lang)
        return status

    def refresh_table(self) -> None:
        current = self.trail.current()
        prio, topic, status = (self.filter_priority.currentData(), self.filter_topic.currentData(),
                               self.filter_status.currentData())
        needle = self.search.text().strip().lower()
        self.shown = []
        for it in self.items:
            st = current[it.key].status if it.key in current else None
            if (prio and it.priority != prio) or (topic and it.section != topic):
                continue
            if status == "open" and st is not None:
                continue
            if needle and needle not in f"{it.worker} {it.employee_id} {it.title}".lower():
                continue
            self.shown.append(it)
        self.table.setRowCount(len(self.shown))
        for row, it in enumerate(self.shown):
            st = current[it.key].status if it.key in current else None
            cells = [t("priority." + it.priority, self.lang), it.worker, self._section_title(it.section),
                     it.title + (f"  ({tr('expert.health', self.lang)})" if it.health else ""),
                     self._status_label(st)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 0:
                    cell.setBackground(_bg(it.priority))
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        if self.shown:
            self.table.selectRow(0)
            self.show_item(0)

    # -- one item -----------------------------------------------------------------

    def selected(self) -> expert.ReviewItem | None:
        row = self.table.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _new_detail(self) -> None:
        """A fresh detail pane; the scroll area disposes of the old one at once."""
        self.detail = QWidget()
        self.detail_lay = QVBoxLayout(self.detail)
        self.detail_scroll.setWidget(self.detail)

    def show_item(self, row: int) -> None:
        self._new_detail()
        if not 0 <= row < len(self.shown):
            self._enable(False)
            return
        it = self.shown[row]
        rep = self.reports[it.report_id]
        q = self._questionnaire(rep)
        self._fill_employer_measures(it, q)
        lay = self.detail_lay
        lay.addWidget(heading(it.title, 2))
        lay.addWidget(paragraph(f"<b>{escape(it.worker)}</b> · {escape(t('priority.' + it.priority, self.lang))}"
                                f" · {escape(t('owner.' + it.owner, self.lang)) if it.owner else ''}"))
        lay.addWidget(paragraph(escape(it.advice)))
        if it.norms:
            lay.addWidget(paragraph("<i>" + escape("; ".join(it.norms)) + "</i>"))
        answers = rep.answers
        values = dict(answers, **rep.report.derived)
        if q is not None and it.section in q.sections:
            from arbocheck.core.questionnaire.model import unit_text
            from arbocheck.core.check.textfmt import value as fmt

            rows = [f"{escape(x.text.get(self.lang))} <b>{escape(fmt(q, x.id, answers[x.id], self.lang))}"
                    f" {escape(unit_text(x, self.lang))}</b>"
                    + (f" <i>({escape(tr('expert.health', self.lang))})</i>" if x.health else "")
                    for x in q.sections[it.section].items if x.id in answers]
            rows += [f"{escape(d.label.get(self.lang))} <b>{escape(fmt(q, d.id, values[d.id], self.lang))}"
                     f" {escape(d.unit or '')}</b>"
                     for d in q.data.derived if d.report_section == it.section and d.id in values]
            if rows:
                lay.addWidget(heading(tr("expert.answers", self.lang), 3))
                lay.addWidget(paragraph("<br>".join(rows)))
        # The worker's confidential remark (sealed) and their remark for the employer, each named as such.
        for key, label in (("remarks", "expert.remarks"), ("remarks_employer", "expert.remarks_employer")):
            if answers.get(key):
                lay.addWidget(heading(tr(label, self.lang), 3))
                lay.addWidget(paragraph(escape(str(answers[key]))))
        for p in expert.report_photos(rep).values():
            if p["section"] == it.section:
                lay.addWidget(PhotoView(p["jpeg"], p["caption"], self.lang))
        history = self.trail.history(*it.key)
        if history:
            lay.addWidget(heading(tr("expert.history", self.lang), 3))
            lay.addWidget(paragraph("<br>".join(
                f"{escape(e.at[:16].replace('T', ' '))} · {escape(self._status_label(e.status))}: {escape(e.advice)}"
                for e in history)))
        lay.addStretch(1)
        self.status.blockSignals(True)
        self.status.clear()
        for s in (q.data.review_statuses if q is not None else []):
            self.status.addItem(s.label.get(self.lang), s.id)
        self.status.blockSignals(False)
        if history:
            self.status.setCurrentIndex(max(0, self.status.findData(history[-1].status)))
            self.advice.setPlainText(history[-1].advice)
        else:
            self._template()
        self._enable(True)

    def _fill_employer_measures(self, it, q) -> None:
        """Offer the catalogue's employer measures for a confidential point; hide the list otherwise."""
        self.employer_measures.clear()
        show = bool(it is not None and it.health and q is not None)
        self.employer_measures.setVisible(show)
        self.employer_measures_label.setVisible(show)
        if not show:
            return
        current = self.trail.current().get(it.key)
        chosen = set(current.employer_measures) if current else set()
        for m in q.data.measures:
            if m.owner in ("employer", "both"):
                entry = QListWidgetItem(m.text.get(self.lang))
                entry.setData(Qt.ItemDataRole.UserRole, m.id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Checked if m.id in chosen else Qt.CheckState.Unchecked)
                self.employer_measures.addItem(entry)

    def _chosen_employer_measures(self) -> list[str]:
        if not self.employer_measures.isVisible() and not self.employer_measures.count():
            return []
        return [self.employer_measures.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.employer_measures.count())
                if self.employer_measures.item(i).checkState() == Qt.CheckState.Checked]

    def _template(self) -> None:
        it = self.selected()
        if it is None:
            return
        q = self._questionnaire(self.reports[it.report_id])
        status = self.status.currentData()
        for s in (q.data.review_statuses if q is not None else []):
            if s.id == status:
                text = s.template.get(self.lang)
                self.advice.setPlainText(text + (it.advice if status == "advice_given" else ""))
                self.template_text = self.advice.toPlainText().strip()

    def _enable(self, on: bool) -> None:
        for w in (self.status, self.advice, self.save, self.make_report):
            w.setEnabled(on)

    def record(self) -> None:
        it = self.selected()
        if it is None or self.status.currentData() is None:
            return
        text = self.advice.toPlainText().strip()
        if text == getattr(self, "template_text", None) or not text:
            # A template is where advice starts, not advice: recorded unchanged it would read as written.
            self.message.setText(escape(tr("expert.template_unchanged", self.lang)))
            self.advice.setFocus()
            return
        if not self.expert_name.text().strip():
            self.message.setText(escape(tr("expert.need_name", self.lang)))
            self.expert_name.setFocus()
            return
        if not self.confirm_record(it):
            return
        self.trail.append(it.report_id, it.rule, self.status.currentData(), self.advice.toPlainText().strip(),
                          employer_measures=self._chosen_employer_measures() if it.health else ())
        row = self.table.currentRow()
        self.refresh_table()
        if 0 <= row < len(self.shown):
            self.table.selectRow(row)
            self.show_item(row)
        self.message.setText(escape(tr("expert.recorded", self.lang)))

    def confirm_record(self, it) -> bool:
        """Recording is for good (the trail is append-only): ask first. Tests replace this."""
        answer = QMessageBox.question(self, tr("expert.record.confirm.title", self.lang),
                                      tr("expert.record.confirm", self.lang, worker=it.worker,
                                         status=self.status.currentText()))
        return answer == QMessageBox.StandardButton.Yes

    # -- advice report --------------------------------------------------------------

    def choose_folder_for_report(self) -> str | None:
        """Where both advice versions go (tests replace this)."""
        folder = QFileDialog.getExistingDirectory(self, tr("expert.make_report", self.lang).replace("&", ""),
                                                  str(Path.home()))
        return folder or None

    def start_report(self) -> None:
        from arbocheck.core.expert import advice
        from arbocheck.core.trust import keys

        it = self.selected()
        name = self.expert_name.text().strip()
        if it is None:
            return
        if not name:
            self.message.setText(escape(tr("expert.need_name", self.lang)))
            return
        folder = self.choose_folder_for_report()
        if not folder:
            return
        rep = self.reports[it.report_id]
        q = self._questionnaire(rep)
        current = self.trail.current()
        stem = f"advies-{(rep.report.employee_id or rep.worker).replace(' ', '-')}"

        def job():
            key = keys.load_or_create(expert_identity.expert_dir() / "signing", common_name=name)
            out = advice.build(rep, current, q, key, name, self.lang)
            from arbocheck.core.common.storage import atomic_write

            worker, employer = Path(folder) / f"{stem}-medewerker.pdf", Path(folder) / f"{stem}-werkgever.pdf"
            atomic_write(worker, out.worker_pdf, keep_previous=False, mode=0o600)
            atomic_write(employer, out.employer_pdf, keep_previous=False, mode=0o644)
            return worker, employer

        self.message.setText(escape(tr("expert.making", self.lang)))
        self.runner.run(job, on_done=lambda paths: self.message.setText(escape(
            tr("expert.made", self.lang, worker=str(paths[0]), employer=str(paths[1])))),
            lang=self.lang, line=self.message, failed="sign.failed")


def _bg(priority: str):
    from PySide6.QtGui import QColor

    return QColor(COLOURS.get(priority, COLOURS["low"])[1])
