"""The employer's window: campaign → import a folder → who handed in → mark a provision done →
action list and signed RI&E roll-up. Real signatures, a real SQLite register, real worker processes."""

import csv
import io
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from arbocheck.core.trust import campaign, keys, seal
from arbocheck.core.employer import campaign_setup
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.common import i18n
from arbocheck.core.common.reasons import say
from arbocheck.core.trust.verify import verify
from arbocheck.ui.texts import tr
from locations import SCENARIOS
from wording import says

SCEN = SCENARIOS
EMPLOYEES = "employee_id;name\nE1;Anna de Vries\nE2;Bram Jansen\nE3;Cor Visser\nE4;Daan Smit\n"


def line(mark: str, outcome: str, file: str, lang: str = "nl", **values) -> str:
    """One line of the import list: ✓/✗/– and the importer's sentence."""
    return f"{mark} {say(outcome, lang, file=file, **values)}"


def reports(folder: Path, camp, codes, who: dict[str, str]) -> None:
    """Signed reports for the employees in `who` (employee id → scenario), enrolled with their codes."""
    q = qloader.find("thuiswerkplek")
    for eid, scenario in who.items():
        key = keys.generate(eid)
        answers = yaml.safe_load((SCEN / f"{scenario}.yaml").read_text())["answers"]
        rm = ReportMeta(signer_name=eid, fingerprint="", employee_id=eid, campaign_id=camp.campaign_id,
                        organisation=camp.organisation)
        rm.enrolment_proof = campaign.enrolment_proof(codes[eid], camp.campaign_id, eid, key.spki_der)
        ex = build(q, answers, {}, key, rm, lambda i: b"", expert_recipient=camp.expert_recipient, personal_copy=False)
        (folder / f"rapport-{eid}.pdf").write_bytes(ex.signed)


@pytest.fixture
def window(home, qtbot):
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    app = App(lang="nl", runner=SyncRunner())
    start = app.show_start()
    qtbot.addWidget(start)
    qtbot.mouseClick(start.buttons["employer"], Qt.MouseButton.LeftButton)
    w = app.employer
    qtbot.addWidget(w)
    return w


def test_campaign_import_overview_and_exports(window, qtbot, tmp_path, monkeypatch):
    w = window
    assert w.tabs.currentIndex() == 0  # an empty register starts at the campaign
    assert says(w.summary.text(), "counts.no_campaign", reports=i18n.count(0, "report", "nl"))

    # 1. The campaign: nothing is made until the form is complete.
    t = w.campaign_tab
    qtbot.mouseClick(t.create, Qt.MouseButton.LeftButton)
    assert says(t.message.text(), "camp.missing", html=True)
    assert tr("camp.organisation", "nl").replace("&", "") in t.message.text()
    qtbot.keyClicks(t.organisation, "Gemeente Voorbeeld")
    qtbot.keyClicks(t.hand_in, "Mail het PDF-bestand naar hr@voorbeeld.nl")
    assert t.recheck.value() == 12 and (t.recheck.minimum(), t.recheck.maximum()) == (1, 36)
    t.recheck.setValue(18)
    t.expert.setText("age1nietgeldig")
    assert t.expert_info.text() == tr("camp.expert.bad", "nl")
    _, recipient = seal.new_identity()
    t.expert.setText(recipient)
    assert campaign.recipient_fingerprint(recipient)[:39] in t.expert_info.text()
    (tmp_path / "bad.csv").write_text("naam\nAnna\n", encoding="utf-8")
    t.load_employees(tmp_path / "bad.csv")
    assert t.employees_info.text() == tr("camp.employees.bad", "nl", reason=say("employees.no_column", "nl"))
    (tmp_path / "medewerkers.csv").write_text(EMPLOYEES, encoding="utf-8")
    t.load_employees(tmp_path / "medewerkers.csv")
    assert t.employees_info.text() == tr("camp.employees.read", "nl", n=4, file="medewerkers.csv")
    out = tmp_path / "uitdelen"
    out.mkdir()
    monkeypatch.setattr(t, "choose_folder", lambda: str(out))
    qtbot.mouseClick(t.create, Qt.MouseButton.LeftButton)
    assert says(t.message.text(), "camp.done"), t.message.text()
    camp = campaign.load((out / f"campagne-{t.campaign_id.text()}.json").read_bytes())
    codes = campaign_setup.read_codes(out / f"aanmeldcodes-{camp.campaign_id}.csv")
    assert set(codes) == {"E1", "E2", "E3", "E4"} and camp.expert_recipient == recipient
    assert camp.hand_in == "Mail het PDF-bestand naar hr@voorbeeld.nl"  # the worker's end of the check says so
    assert camp.recheck_months == 18  # signed into the campaign file
    assert t.table.rowCount() == 1 and t.table.item(0, 3).text() == "4"
    assert w.campaign.findData(camp.campaign_id) > 0
    assert says(w.summary.text(), "counts.enrolled", enrolled=0, expected=4)
    assert says(w.key_label.text(), "emp.key", fp=camp.employer_fingerprint[:39])

    # 2. Import a folder, dropped on the window: two reports and a file that is not one.
    folder = tmp_path / "rapporten"
    folder.mkdir()
    reports(folder, camp, codes, {"E1": "laptop_only_all_day", "E2": "fully_compliant"})
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7 nothing signed here")
    w.tabs.setCurrentIndex(1)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    zone = w.import_tab.zone
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    zone.dropEvent(drop)
    lines = [w.import_tab.results.item(i).text() for i in range(w.import_tab.results.count())]
    assert len(lines) == 3, lines
    assert line("✓", "outcome.accepted", "rapport-E1.pdf", how=say("enrolment.enrolled", "nl")) in lines
    # a damaged PDF: a plain reason, no exception's name
    assert line("✗", "outcome.rejected", "scan.pdf", reason=say("pdf_unreadable", "nl")) in lines
    assert says(w.import_tab.status.text(), "imp.done", html=True, ok=2, bad=1)
    assert says(w.summary.text(), "counts.enrolled", enrolled=2, expected=4)

    # The same folder again: duplicates, said so in Dutch.
    w.import_tab.import_paths([str(folder)])
    lines = [w.import_tab.results.item(i).text() for i in range(w.import_tab.results.count())]
    assert sorted(x for x in lines if says(x, "duplicate")) == [
        line("✗", "outcome.rejected", f"rapport-{e}.pdf", reason=say("duplicate", "nl")) for e in ("E1", "E2")]

    # 3. Who handed in, who not yet.
    e = w.employees_tab
    e.show_combo.setCurrentIndex(e.show_combo.findData("not_yet"))
    shown = [e.model.index(r, 1).data() for r in range(e.model.rowCount())]
    assert sorted(shown) == ["Cor Visser", "Daan Smit"]
    e.show_combo.setCurrentIndex(e.show_combo.findData("due"))  # today's reports, 18 months: nobody due yet
    assert e.show_combo.currentText() == tr("emps.due", "nl") and e.model.rowCount() == 0
    e.show_combo.setCurrentIndex(0)
    e.search.setText("anna")
    assert e.model.rowCount() == 1 and e.model.index(0, 3).data() == tr("emps.enrolment.enrolled", "nl")
    assert e.model.index(0, 4).data() != "0"  # Anna works on a laptop all day: high findings

    # 4. What to arrange: the laptop stand for Anna, marked done, leaves the open list.
    p = w.provisions_tab
    stand = qloader.find("thuiswerkplek").measures["laptop_stand"].text.get("nl")  # the questionnaire's words
    stands = [r for r in range(p.model.rowCount()) if p.model.index(r, 1).data() == stand]
    assert stands and f"{stand} 1×" in p.totals.text()
    assert not p.done_button.isEnabled()
    p.view.selectRow(stands[0])
    assert p.done_button.isEnabled()
    before = p.model.rowCount()
    asked = []
    monkeypatch.setattr(w, "confirm", lambda text: asked.append(text) or True)
    qtbot.mouseClick(p.done_button, Qt.MouseButton.LeftButton)
    assert asked == [tr("prov.confirm.one", "nl", measure=stand, employee="E1")]
    assert says(p.message.text(), "prov.marked", html=True, measure=stand, employee="E1")
    assert p.model.rowCount() == before - 1
    p.only_open.setChecked(False)
    assert any(p.model.index(r, 6).data() == tr("prov.yes", "nl") for r in range(p.model.rowCount()))
    assert w.register.verify() == []

    # 5. The exports: the action list with the stand marked arranged, and the signed roll-up.
    top = w.topics_tab
    assert top.organisation.text() == "Gemeente Voorbeeld"
    assert top.note.text() == tr("top.suppressed_all", "nl", n=5)  # two reports: nothing is rolled up yet
    saved = {}
    monkeypatch.setattr(w, "choose_save_path", lambda kind, name: saved.setdefault(kind, str(tmp_path / name)))
    for kind in ("csv", "xlsx", "pdf"):
        qtbot.mouseClick(top.buttons[kind], Qt.MouseButton.LeftButton)
        assert says(top.message.text(), "top.saved", html=True, path=saved[kind]), top.message.text()
    rows = list(csv.DictReader(io.StringIO(Path(saved["csv"]).read_text(encoding="utf-8-sig"))))
    assert {r["employee_id"] for r in rows} == {"E1"}
    assert [r["done"] for r in rows if r["measure"] == "laptop_stand"] == ["yes"]
    assert {r["done"] for r in rows if r["measure"] != "laptop_stand"} == {"no"}
    from openpyxl import load_workbook

    assert load_workbook(saved["xlsx"]).active.max_row == len(rows) + 1
    v = verify(Path(saved["pdf"]).read_bytes())
    assert v.assessment["format"] == "arbocheck-rollup" and v.assessment["expected"] == 4
    assert v.signer_fingerprint == camp.employer_fingerprint  # the same key that signed the campaign


def test_keyboard_reaches_every_tab_and_the_window_speaks_english(home, qtbot):
    from PySide6.QtWidgets import QLabel

    from arbocheck.core.employer.register import Register
    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.tasks import SyncRunner

    w = EmployerWindow(Register.open(), SyncRunner(), "en")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    from PySide6.QtTest import QTest

    for n in (3, 5, 1):  # keys go to the window, as a user's keyboard does
        QTest.keyClick(w.windowHandle(), getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: w.tabs.currentIndex() == n - 1, timeout=2000)
    assert w.windowTitle() == tr("emp.title", "en")
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())][1] == tr("emp.tab.import", "en")
    mnemonic = [lab for lab in w.findChildren(QLabel) if lab.textFormat() != Qt.TextFormat.RichText
                and "&" in lab.text().replace("&&", "")]
    assert len(mnemonic) >= 6  # Alt+letter on a label moves to its field
    assert all(lab.buddy() is not None for lab in mnemonic), [lab.text() for lab in mnemonic if lab.buddy() is None]
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QHeaderView,
                                   QLineEdit)

    for widget in [x for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton)
                   for x in w.findChildren(kind)]:
        if (isinstance(widget.parent(), (QAbstractSpinBox, QComboBox, QAbstractItemView, QLineEdit))
                or isinstance(widget, QHeaderView) or widget.window() is not w):
            continue  # parts of another widget: an inner editor, a header, a popup list
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():  # a combo box or field may also be named by the label that points at it
            name = next((lab.text() for lab in w.findChildren(QLabel) if lab.buddy() is widget), "")
        assert name.strip(), widget.metaObject().className()


def test_import_runs_off_the_gui_thread(home, qtbot, tmp_path):
    """With the real task runner: the import and the overview run in threads, SQLite included."""
    from arbocheck.core.employer.register import Register
    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.tasks import TaskRunner

    reg = Register.open()
    new = campaign_setup.make(organisation="Org", campaign_id="c1", deadline="2026-12-31",
                              employees_csv=EMPLOYEES, expert_recipient=None, register=reg)
    campaign_setup.save(new, tmp_path / "c.json", tmp_path / "codes.csv", reg)
    folder = tmp_path / "in"
    folder.mkdir()
    reports(folder, new.campaign, new.codes, {"E3": "many_shortcomings"})
    runner = TaskRunner()
    w = EmployerWindow(reg, runner, "nl")
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: says(w.summary.text(), "counts.enrolled", enrolled=0, expected=4), timeout=10000)
    w.import_tab.import_paths([str(folder)])
    assert w.import_tab.busy and not w.import_tab.files_button.isEnabled()
    qtbot.waitUntil(lambda: says(w.summary.text(), "counts.enrolled", enrolled=1, expected=4), timeout=60000)
    assert not w.import_tab.busy and w.import_tab.results.count() == 1
    assert runner.wait(10000)


def test_no_two_controls_in_view_share_an_alt_letter(home, qtbot):
    """Two visible controls with the same Alt+letter make Qt cycle focus instead of acting."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    from arbocheck.core.employer.register import Register
    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.tasks import SyncRunner

    for lang in ("nl", "en"):
        w = EmployerWindow(Register.open(), SyncRunner(), lang)
        qtbot.addWidget(w)
        w.show()
        w.campaign_tab.open_folder.setVisible(True)  # shown after a campaign is made
        for i in range(w.tabs.count()):
            w.tabs.setCurrentIndex(i)
            texts = [x.text() for kind in (QAbstractButton, QLabel) for x in w.findChildren(kind)
                     if x.isVisibleTo(w) and not (isinstance(x, QLabel) and x.textFormat() == Qt.TextFormat.RichText)]
            texts += [w.tabs.tabText(j) for j in range(w.tabs.count())]
            letters = [m.group(1).lower() for text in texts for m in [re.search(r"(?<!&)&([^&])", text)] if m]
            assert len(letters) == len(set(letters)), (lang, i, sorted(letters))


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="FIFOs and any-byte names: POSIX")
def test_the_import_list_shows_names_escaped_and_special_files_skipped(window, tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nb.pdf: geaccepteerd").write_bytes(b"not a pdf")
    (folder / "\x1b[31mrood\u202e.pdf").write_bytes(b"not a pdf")
    os.mkfifo(folder / "pijp.pdf")
    window.tabs.setCurrentIndex(1)
    window.import_tab.import_paths([str(folder)])
    items = [window.import_tab.results.item(i) for i in range(window.import_tab.results.count())]
    lines = [i.text() for i in items]
    assert len(lines) == 3, lines
    not_pdf = say("not_pdf", "nl")
    # the names as they are shown: escaped, so no name can forge a line of its own ("...: geaccepteerd")
    assert line("✗", "outcome.rejected", "a\\nb.pdf: geaccepteerd", reason=not_pdf) in lines
    assert line("✗", "outcome.rejected", "\\x1b[31mrood\\u202e.pdf", reason=not_pdf) in lines
    assert line("–", "outcome.skipped", "pijp.pdf", reason=say("skipped.fifo", "nl")) in lines
    assert all("\n" not in i.text() and "\x1b" not in i.toolTip() for i in items)
