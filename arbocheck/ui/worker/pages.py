"""The wizard's fixed pages: introduction, review, and sign-and-export."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from arbocheck.core.common.reasons import Refusal, text_of
from arbocheck.core.common.i18n import t
from arbocheck.core.check.rules import PRIORITIES, most_important
from arbocheck.core.check.sharing import split
from arbocheck.core.trust.campaign import expert_recipient
from arbocheck.core.check.worksheet import Worksheet
from arbocheck.ui.badges import finding_badge
from arbocheck.ui.text_labels import focus_heading, heading, paragraph
from arbocheck.ui.worker.signature_pad import SignaturePad
from arbocheck.ui.tasks import show_error
from arbocheck.ui.texts import count, has, tr


class IntroPage(QWidget):
    def __init__(self, ws: Worksheet, lang: str, on_change):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 18)
        self.heading = focus_heading(ws.q.data.title.get(lang))
        lay.addWidget(self.heading)
        lay.addWidget(paragraph(escape(ws.q.data.intro.get(lang))))
        lay.addWidget(heading(tr("intro.heading", lang), 2))
        lay.addWidget(paragraph(escape(tr("intro.body", lang))))
        lay.addWidget(heading(tr("intro.shared.heading", lang), 2))
        lay.addWidget(paragraph(tr("intro.shared.employer", lang)))
        self.shared_expert = paragraph("")
        lay.addWidget(self.shared_expert)
        lay.addWidget(paragraph(tr("intro.shared.local", lang)))
        lay.addWidget(heading(tr("campaign.heading", lang), 2))
        self.ws, self.lang = ws, lang
        self.campaign = CampaignPanel(ws, lang, lambda: (on_change(), self.refresh()))
        lay.addWidget(self.campaign)
        lay.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        # Whether confidential answers go to an occupational health service depends on the campaign.
        key = "intro.shared.expert" if expert_recipient(self.ws.meta) else "intro.shared.personal"
        self.shared_expert.setText(tr(key, self.lang))


class CampaignPanel(QWidget):
    """Load the employer's campaign file; enter employee number and enrolment code."""

    def __init__(self, ws: Worksheet, lang: str, on_change):
        super().__init__()
        self.ws, self.lang, self.on_change = ws, lang, on_change
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.info = paragraph("")
        lay.addWidget(self.info)
        row = QHBoxLayout()
        self.load_button = QPushButton(tr("campaign.load", lang))
        self.load_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(tr("campaign.remove", lang))
        self.remove_button.clicked.connect(self.remove)
        row.addWidget(self.load_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        form = QFormLayout()
        self.employee = QLineEdit(str(ws.meta.get("employee_id", "")))
        self.code = QLineEdit(str(ws.meta.get("enrolment_code", "")))
        for edit, key, meta_key in ((self.employee, "campaign.employee_id", "employee_id"),
                                    (self.code, "campaign.code", "enrolment_code")):
            edit.setMaxLength(64)
            edit.setAccessibleName(tr(key, lang).replace("&", ""))
            edit.textEdited.connect(lambda v, k=meta_key: (ws.meta.__setitem__(k, v.strip()), on_change()))
            label = QLabel(tr(key, lang))
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.id_hint = QLabel("")
        self.id_hint.setWordWrap(True)
        form.addRow("", self.id_hint)
        self.code_check = QLabel("")
        self.code_check.setWordWrap(True)
        self.code_check.setVisible(False)
        form.addRow("", self.code_check)
        self.employee.textChanged.connect(self.show_id_hint)
        self.employee.editingFinished.connect(self.check_code)
        self.code.editingFinished.connect(self.check_code)
        self.form = QWidget()
        self.form.setLayout(form)
        lay.addWidget(self.form)
        self.show_campaign()
        self.show_id_hint(self.employee.text())

    def show_id_hint(self, text: str) -> None:
        """The id as it will be handed in (identity.normalise), or why it cannot be used."""
        from arbocheck.core.trust.identity import EmployeeIdError, normalise_or_none

        try:
            eid = normalise_or_none(text)
        except EmployeeIdError as e:
            self.id_hint.setText(escape(tr("campaign.bad_employee_id", self.lang, reason=e.text(self.lang))))
            self.id_hint.setStyleSheet("color: #b3261e;")
            self.id_hint.setVisible(True)
            return
        self.id_hint.setStyleSheet("")
        self.id_hint.setText(escape(tr("campaign.employee_id_as", self.lang, id=eid))
                             if eid and eid != text.strip() else "")
        self.id_hint.setVisible(bool(self.id_hint.text()))

    def check_code(self) -> bool | None:
        """With a campaign that carries the keyed check: does the code belong to this employee number?
        Caught here, on the welcome page, not only when the employer imports the report."""
        from arbocheck.core.trust import campaign as campaign_mod

        raw = self.ws.meta.get("campaign_file")
        code, eid = self.code.text().strip(), self.employee.text().strip()
        fits = None
        if raw and code and eid:
            try:
                fits = campaign_mod.code_fits(campaign_mod.load(str(raw).encode("utf-8")), code, eid)
            except campaign_mod.CampaignError:
                fits = None
            key = {True: "campaign.code_fits", False: "campaign.code_wrong", None: "campaign.code_unchecked"}[fits]
            self.code_check.setText(escape(tr(key, self.lang)))
            self.code_check.setStyleSheet({True: "color: #2e6b30;", False: "color: #b3261e; font-weight: 600;",
                                           None: "color: #555;"}[fits])
            self.code_check.setVisible(True)
            self.code.setAccessibleDescription(tr(key, self.lang))
        else:
            self.code_check.setVisible(False)
            self.code.setAccessibleDescription("")
        return fits

    def show_campaign(self) -> None:
        from arbocheck.core.trust import campaign as campaign_mod

        raw = self.ws.meta.get("campaign_file")
        camp = None
        if raw:
            try:
                camp = campaign_mod.load(str(raw).encode("utf-8"))
            except campaign_mod.CampaignError as e:
                self.info.setText(escape(tr("campaign.error", self.lang, reason=text_of(e, self.lang))))
        if camp is None:
            if not raw:
                self.info.setText(escape(tr("campaign.none", self.lang)))
        else:
            expert = (tr("campaign.expert", self.lang, fp=camp.expert_fingerprint[:39]) if camp.expert_recipient
                      else tr("campaign.no_expert", self.lang))
            self.info.setText(tr("campaign.loaded", self.lang, organisation=escape(camp.organisation),
                                 campaign=escape(camp.campaign_id), deadline=escape(camp.deadline),
                                 employer=escape(camp.employer_fingerprint[:39]), expert=escape(expert)))
        self.form.setVisible(camp is not None)
        self.remove_button.setVisible(bool(raw))

    def choose(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, tr("campaign.load", self.lang).replace("&", ""),
                                              str(Path.home()), tr("campaign.filter", self.lang))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> bool:
        from pathlib import Path

        from arbocheck.core.trust import campaign as campaign_mod

        try:
            data = Path(path).read_bytes()
            campaign_mod.load(data)
        except (OSError, campaign_mod.CampaignError) as e:
            self.info.setText(escape(tr("campaign.error", self.lang, reason=text_of(e, self.lang))))
            return False
        self.ws.meta["campaign_file"] = data.decode("utf-8")
        self.on_change()
        self.show_campaign()
        return True

    def remove(self) -> None:
        for k in ("campaign_file", "employee_id", "enrolment_code"):
            self.ws.meta.pop(k, None)
        self.employee.clear()
        self.code.clear()
        self.on_change()
        self.show_campaign()


def confidential_statement(ws: Worksheet, lang: str, s=None) -> str:
    """Where the confidential answers go: to the expert (sealed) or, without an expert's key, nowhere but the
    personal copy. Counted from sharing.split, tested on the key as the export tests it."""
    s = s or split(ws.q, ws.answers, ws.meta, lang)
    sealed = expert_recipient(ws.meta) is not None  # the same test the export makes
    return tr("review.shared.expert" if sealed else "review.shared.personal", lang,
              answers=count(len(s.expert_answers), "answer", lang),
              findings=count(len(s.expert_findings), "finding", lang),
              photos=count(len(s.expert_photos), "photo", lang))


def plain_text(html: str) -> str:
    from arbocheck.ui.badges import plain

    return plain(html)


class ReviewPage(QWidget):
    """Everything before signing: findings (each with a link to its question), the plan, what is shared,
    and every answer with a "wijzig" link back to its question. `go_to(item_id)` opens a question."""

    def __init__(self, ws: Worksheet, lang: str, go_to=None):
        super().__init__()
        self.ws, self.lang, self.go_to = ws, lang, go_to or (lambda item_id: None)
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.body: QWidget | None = None
        self.refresh()

    def refresh(self) -> None:
        # Rebuilt as a whole: a fresh body replaces the old one at once.
        if self.body is not None:
            self.lay.removeWidget(self.body)
            self.body.setParent(None)
            self.body.deleteLater()
        self.body = QWidget()
        lay = QVBoxLayout(self.body)
        lay.setContentsMargins(24, 18, 24, 18)
        self.lay.addWidget(self.body)
        ws, lang = self.ws, self.lang
        s = split(ws.q, ws.answers, ws.meta, lang)
        ev = s.evaluation
        self.heading = focus_heading(tr("review.heading", lang))
        lay.addWidget(self.heading)
        if ev.missing:
            names = ", ".join(ws.q.items[i].text.get(lang) for i in ev.missing)
            warn = paragraph(escape(tr("review.missing", lang, items=names)))
            warn.setStyleSheet("color: #9a5b00;")
            lay.addWidget(warn)
        if ev.warnings:
            lay.addWidget(heading(tr("review.warnings", lang), 2))
            for w in ev.warnings:
                line = paragraph(f"• {escape(w.message)} <i>({escape(t('warning.' + w.severity, lang))})</i>")
                line.setStyleSheet("color: #b3261e;" if w.severity == "impossible" else "color: #9a5b00;")
                lay.addWidget(line)
        for scope in ev.outside_scopes:
            lay.addWidget(paragraph(escape(ws.q.scopes[scope].note.get(lang))))
        if not ev.findings:
            # Only a complete check without findings may read as "nothing to remark".
            key = {"empty": "review.empty", "incomplete": "review.incomplete"}.get(ev.state, "review.none")
            lay.addWidget(paragraph(escape(tr(key, lang))))
        top = most_important(ev.findings)
        if top:  # per section, in one line, what matters most
            lay.addWidget(heading(tr("review.top", lang), 2))
            lay.addWidget(paragraph("<br>".join(
                f"• <b>{escape(ws.q.sections[sid].title.get(lang))}</b>: {escape(f.title)}"
                for sid, f in sorted(top.items(), key=lambda kv: list(ws.q.sections).index(kv[0])))))
        for prio in PRIORITIES:
            fs = [f for f in ev.findings if f.priority == prio]
            if fs:
                lay.addWidget(heading(f"{tr('review.group.' + prio, lang)} ({len(fs)})", 2))
                for f in fs:
                    badge = finding_badge(f, lang, ws.q)
                    question = ws.q.items[f.item].text.get(lang)
                    link = QPushButton(tr("review.to_question", lang))
                    link.setAccessibleName(tr("review.to_question.name", lang, question=question))
                    link.clicked.connect(lambda _=False, i=f.item: self.go_to(i))
                    badge.layout().addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
                    lay.addWidget(badge)
        lay.addWidget(heading(t("action_plan", lang), 2))
        row = QHBoxLayout()
        for owner in ("employer", "worker", "both"):
            col = QVBoxLayout()
            col.addWidget(heading(tr("review.plan." + owner, lang), 3))
            items = [p for p in ev.plan if p.owner == owner]
            lines = [f"• {escape(p.text)} <span style='color:#555'>({escape(p.term_label)}"
                     + (f", {tr('review.provision', lang)}" if p.exemption == "arbo" else "") + ")</span>" for p in items]
            col.addWidget(paragraph("<br>".join(lines) or escape(tr("review.plan.empty", lang))))
            col.addStretch(1)
            row.addLayout(col, 1)
        lay.addLayout(row)
        lay.addWidget(heading(tr("review.shared.heading", lang), 2))
        lay.addWidget(paragraph(escape(tr(
            "review.shared.employer", lang, answers=count(len(s.employer_answers), "answer", lang),
            findings=count(len(s.employer_findings), "finding", lang),
            measures=count(len(s.employer_plan), "measure", lang),
            photos=count(len(s.employer_photos), "photo", lang)))))
        lay.addWidget(paragraph(escape(confidential_statement(ws, lang, s))))
        lay.addWidget(paragraph(escape(tr("review.shared.local", lang))))
        self._answers(lay)
        lay.addStretch(1)

    def _answers(self, lay: QVBoxLayout) -> None:
        """Every question shown, with its answer and a "wijzig" link (hidden questions are left out)."""
        from arbocheck.core.check.textfmt import value as shown_value
        from arbocheck.core.questionnaire.model import unit_text

        ws, lang = self.ws, self.lang
        lay.addWidget(heading(tr("review.answers", lang), 2))
        self.change_links: dict[str, QPushButton] = {}
        values = ws.values
        for sec in ws.q.data.sections:
            items = ws.visible_items(sec.id)
            if not items:
                continue
            lay.addWidget(heading(sec.title.get(lang), 3))
            grid = QGridLayout()
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            for r, it in enumerate(items):
                v = values.get(it.id)
                answer = shown_value(ws.q, it.id, v, lang) if v is not None else tr("review.not_answered", lang)
                unit = unit_text(it, lang)
                if v is not None and unit:
                    answer += f" {unit}"
                q_label = QLabel(escape(it.text.get(lang)))
                q_label.setWordWrap(True)
                a_label = QLabel(f"<b>{escape(answer)}</b>" if v is not None else f"<i>{escape(answer)}</i>")
                a_label.setWordWrap(True)
                link = QPushButton(tr("review.change", lang))
                link.setAccessibleName(tr("review.change.name", lang, question=it.text.get(lang)))
                link.setAccessibleDescription(tr("review.change.answer", lang, answer=answer))
                link.clicked.connect(lambda _=False, i=it.id: self.go_to(i))
                self.change_links[it.id] = link
                grid.addWidget(q_label, r, 0)
                grid.addWidget(a_label, r, 1)
                grid.addWidget(link, r, 2)
            lay.addLayout(grid)


class SignPage(QWidget):
    """Declaration, name, an optional drawn signature, then export in the background."""

    def __init__(self, ws: Worksheet, lang: str, on_change, runner, photos):
        super().__init__()
        self.ws, self.lang, self.on_change, self.runner, self.photos = ws, lang, on_change, runner, photos
        self.busy = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 18)
        self.heading = focus_heading(tr("sign.heading", lang))
        lay.addWidget(self.heading)
        self.declaration = QCheckBox(tr("sign.declaration", lang))
        self.declaration.setChecked(bool(ws.meta.get("declared")))
        self.declaration.toggled.connect(self._declared)
        lay.addWidget(self.declaration)
        form = QFormLayout()
        self.name = QLineEdit(str(ws.meta.get("signer_name", "")))
        self.name.setMaxLength(120)
        self.name.setAccessibleName(tr("sign.name", lang).replace("&", ""))
        self.name.textEdited.connect(self._named)
        name_label = QLabel(tr("sign.name", lang))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        lay.addLayout(form)
        lay.addWidget(QLabel(tr("sign.pad", lang)))
        self.pad = SignaturePad(ws.meta.get("signature_strokes"))
        self.pad.setAccessibleName(tr("sign.pad", lang))
        self.pad.changed.connect(lambda: (ws.meta.__setitem__("signature_strokes", self.pad.strokes()), on_change()))
        lay.addWidget(self.pad)
        clear = QPushButton(tr("sign.clear", lang))
        clear.clicked.connect(self.pad.clear)
        lay.addWidget(clear, 0, Qt.AlignmentFlag.AlignLeft)
        self.status = paragraph("")
        lay.addWidget(self.status)
        # Where the confidential answers go, computed as the review page does it (the same split, the same test
        # of the expert's key as the export): without a key they stay in the personal copy only.
        self.sharing = paragraph("")
        self.sharing.setStyleSheet("color: #444; background: #f3eef8; padding: 6px; border-radius: 3px;")
        lay.addWidget(self.sharing)
        self.export = QPushButton(tr("sign.export", lang))
        self.export.clicked.connect(self.start_export)
        lay.addWidget(self.export, 0, Qt.AlignmentFlag.AlignLeft)
        self.last = paragraph("")
        self.last.setStyleSheet("color: #555;")
        lay.addWidget(self.last)
        lay.addStretch(1)
        self.refresh()

    def _declared(self, on: bool) -> None:
        self.ws.meta["declared"] = on
        self.on_change()
        self.refresh()

    def _named(self, text: str) -> None:
        self.ws.meta["signer_name"] = text
        self.on_change()
        self.refresh()

    def refresh(self) -> None:
        missing = self.ws.missing_required()
        blocked = self.ws.evaluation(self.lang).blocked  # an impossible answer stands
        ready = not missing and not blocked and self.declaration.isChecked() and self.name.text().strip() != ""
        if blocked:
            items = ", ".join(dict.fromkeys(self.ws.q.items[i].text.get(self.lang) for w in blocked for i in w.items))
            self.status.setText(escape(tr("sign.blocked", self.lang, items=items)))
        else:
            key = "sign.missing" if missing else "sign.ready" if ready else "sign.need_declaration"
            self.status.setText(escape(tr(key, self.lang)))
        self.export.setEnabled(ready and self.busy is None)
        self.sharing.setText(escape(confidential_statement(self.ws, self.lang)))
        self.export.setAccessibleDescription(self.status.text() and f"{plain_text(self.status.text())} "
                                             f"{confidential_statement(self.ws, self.lang)}")
        last = self.ws.meta.get("last_export")
        self.last.setText(escape(tr("sign.last", self.lang, path=last, revision=self.ws.meta.get("revision", 1)))
                          if last else "")
        self.last.setVisible(bool(last))  # no empty, nameless text in the reading order

    # -- export --------------------------------------------------------------

    def default_file_name(self) -> str:
        """One name per person (their name, else their employee number), safe on every OS."""
        import datetime as _dt

        from arbocheck.core.check.file_names import report_file_name

        template = tr("sign.file_name", self.lang, who="{who}", date="{date}")
        return report_file_name(template, _dt.date.today().isoformat(), self.name.text().strip(),
                                str(self.ws.meta.get("employee_id") or ""))

    def campaign(self):
        """The draft's campaign (trust.campaign.Campaign), or None (none, or one that does not load)."""
        from arbocheck.core.trust import campaign as campaign_mod

        raw = self.ws.meta.get("campaign_file")
        try:
            return campaign_mod.load(str(raw).encode("utf-8")) if raw else None
        except campaign_mod.CampaignError:
            return None

    def hand_in_text(self) -> str:
        """How to hand the report in: the campaign's own words, or a general sentence."""
        camp = self.campaign()
        if camp is not None and camp.hand_in:
            return tr("sign.hand_in", self.lang, text=camp.hand_in)
        return tr("sign.hand_in.none", self.lang)

    def choose_path(self) -> str | None:
        """Where to save; tests replace this."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        default = Path(self.ws.meta.get("last_export") or Path.home() / self.default_file_name())
        path, _ = QFileDialog.getSaveFileName(self, tr("sign.save_as", self.lang), str(default), "PDF (*.pdf)")
        return path or None

    def start_export(self) -> None:
        import copy
        from pathlib import Path

        from PySide6.QtWidgets import QProgressDialog

        from arbocheck.core.report.build import export_draft

        path = self.choose_path()
        if not path:
            return
        out = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        personal = out.with_name(out.stem + tr("sign.personal_suffix", self.lang) + ".pdf")
        self.busy = QProgressDialog(tr("sign.busy", self.lang), "", 0, 100, self)
        self.busy.setCancelButton(None)
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.setMinimumDuration(0)
        self.busy.show()
        self.export.setEnabled(False)
        # The worker thread gets copies: the person may go on editing meanwhile.
        self.runner.run(export_draft, self.ws.q, dict(self.ws.answers), copy.deepcopy(self.ws.meta),
                        self.photos.read, out, personal, self.lang,
                        on_done=lambda ex: self._exported(ex, out, personal), on_error=self._failed,
                        on_progress=self._progress)

    def _progress(self, pct: int, what: str) -> None:
        if self.busy is not None:
            self.busy.setValue(pct)
            key = f"sign.step.{what}"
            self.busy.setLabelText(tr(key, self.lang) if has(key) else tr("sign.busy", self.lang))

    def _finish(self) -> None:
        if self.busy is not None:
            self.busy.close()
            self.busy.deleteLater()
            self.busy = None
        self.refresh()

    def _exported(self, ex, out, personal) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        self.ws.meta.update(report_id=ex.assessment["report_id"], revision=ex.assessment["revision"],
                            last_export=str(out))
        self.on_change()
        self._finish()
        from arbocheck.core.report import recheck

        camp = self.campaign()
        due = recheck.next_due(ex.assessment["created_at"], recheck.interval_months(self.ws.q, camp))
        self.next_due = due
        box = QMessageBox(QMessageBox.Icon.Information, tr("sign.done.title", self.lang),
                          tr("sign.done", self.lang, signed=str(out), personal=str(personal))
                          + "\n\n" + self.hand_in_text() + "\n\n" + recheck.due_text(self.ws.q, due, self.lang),
                          parent=self)
        folder = box.addButton(tr("sign.open_folder", self.lang), QMessageBox.ButtonRole.ActionRole)
        agenda = box.addButton(tr("recheck.add_to_calendar", self.lang), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        self.done_box = box

        def closed(*_) -> None:
            if box.clickedButton() is folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(out.parent)))
            elif box.clickedButton() is agenda:
                self.add_to_calendar(out, ex.assessment, camp)

        box.finished.connect(closed)
        box.open()

    def add_to_calendar(self, out, assessment: dict, camp=None):
        """Write the .ics beside the report and open it (the calendar program takes it in); say where."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        from arbocheck.core.report import recheck

        try:
            path = recheck.write_calendar(out, self.ws.q, assessment, camp)
        except OSError as e:
            self.ics_box = QMessageBox(QMessageBox.Icon.Warning, tr("sign.done.title", self.lang),
                                       tr("recheck.ics_failed", self.lang, why=e.strerror or str(e)), parent=self)
            self.ics_box.open()
            return None
        self.ics_box = QMessageBox(QMessageBox.Icon.Information, tr("sign.done.title", self.lang),
                                   tr("recheck.ics_written", self.lang, path=str(path)), parent=self)
        self.ics_box.open()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def _failed(self, e: BaseException) -> None:
        from arbocheck.core.trust.identity import EmployeeIdError

        self._finish()
        if isinstance(e, EmployeeIdError):  # said as the campaign panel says it
            e = Refusal("campaign.bad_employee_id", reason=e)
        show_error(e, self.lang, line=self.status, failed="sign.failed")
        self.status.setStyleSheet("color: #b3261e;")
