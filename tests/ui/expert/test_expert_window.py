"""The arbo expert's window: open a folder of reports, work the queue, sign advice."""

from pathlib import Path

import yaml
from PySide6.QtCore import Qt

from arbocheck.core.expert import advice, identity as expert_identity, queue as expert
from arbocheck.core.trust import keys
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.common.i18n import t
from arbocheck.core.trust.verify import verify
from arbocheck.ui.texts import tr
from locations import SCENARIOS
from wording import says

SCEN = SCENARIOS


def make_reports(folder: Path, recipient: str) -> None:
    q = qloader.find("thuiswerkplek")
    def load(name):
        return yaml.safe_load((SCEN / f"{name}.yaml").read_text())["answers"]

    # Anna has health findings (sealed) and workplace findings (her laptop set-up).
    base = load("fully_compliant")
    stress = {k: v for k, v in load("complaints_and_stress").items() if base.get(k) != v}
    workers = {"Anna": dict(load("laptop_only_all_day"), **stress),
               "Bram": load("laptop_only_all_day"), "Cor": load("fully_compliant")}
    for name, answers in workers.items():
        ex = build(q, answers, {}, keys.generate(name), ReportMeta(signer_name=name, fingerprint="",
                                                                    employee_id=f"E-{name}"),
                   lambda i: b"", expert_recipient=recipient, personal_copy=False)
        (folder / f"{name}.pdf").write_bytes(ex.signed)
    (folder / "nep.pdf").write_bytes(b"not a pdf")


def test_queue_to_signed_advice(home, qtbot, tmp_path, monkeypatch):
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    app = App(lang="nl", runner=SyncRunner())
    start = app.show_start()
    qtbot.addWidget(start)
    qtbot.mouseClick(start.buttons["expert"], Qt.MouseButton.LeftButton)
    w = app.expert
    qtbot.addWidget(w)
    folder = tmp_path / "rapporten"
    folder.mkdir()
    make_reports(folder, w.identity.recipient)

    w.open_paths([str(folder)])
    assert says(w.summary.text(), "expert.opened", ok=3, total=4)
    assert says(w.summary.text(), "expert.rejected", line=f"nep.pdf: {t('not_pdf', 'nl')}")
    assert w.table.rowCount() == len(w.shown) > 0
    assert w.table.item(0, 0).text() == t("priority.high", "nl")  # most urgent first
    assert {it.worker for it in w.shown} == {"Anna", "Bram"}  # nothing to review for Cor

    # A health item from the sealed part, with the worker's answers beside it.
    w.search.setText("Anna")
    row = next(i for i, it in enumerate(w.shown) if it.rule == "high_workload")
    w.table.selectRow(row)
    w.show_item(row)
    assert w.table.item(row, 3).text().endswith(f"({tr('expert.health', 'nl')})")
    w.status.setCurrentIndex(w.status.findData("refer_to_physician"))
    q = qloader.find("thuiswerkplek")
    template = next(s.template.get("nl") for s in q.data.review_statuses if s.id == "refer_to_physician")
    assert w.advice.toPlainText() == template  # the template from the questionnaire
    asked = []
    monkeypatch.setattr(w, "confirm_record", lambda it: asked.append(it.key) or True)
    qtbot.mouseClick(w.save, Qt.MouseButton.LeftButton)  # the template unchanged is not advice
    assert says(w.message.text(), "expert.template_unchanged") and not w.trail.current() and not asked
    qtbot.keyClicks(w.advice, " Graag binnen twee weken.")
    qtbot.mouseClick(w.save, Qt.MouseButton.LeftButton)  # no name yet
    assert says(w.message.text(), "expert.need_name") and not w.trail.current()
    qtbot.keyClicks(w.expert_name, "Dr. E. Pert")
    qtbot.mouseClick(w.save, Qt.MouseButton.LeftButton)
    assert asked == [w.shown[row].key]  # recording asked for confirmation
    saved = w.shown[row].key
    assert w.trail.current()[saved].status == "refer_to_physician"
    everything = {it.key for it in w.shown}

    # Only the open ones: all but the one just reviewed. Then a workplace item for the same worker.
    w.filter_status.setCurrentIndex(w.filter_status.findData("open"))
    assert {it.key for it in w.shown} == everything - {saved} != set()
    w.filter_status.setCurrentIndex(0)
    row = next(i for i, it in enumerate(w.shown) if not it.health and it.worker == "Anna")
    w.table.selectRow(row)
    w.show_item(row)
    qtbot.keyClicks(w.advice, " Bespreek het met je leidinggevende.")
    qtbot.mouseClick(w.save, Qt.MouseButton.LeftButton)
    assert not w.table.tabKeyNavigation()  # Tab leaves the findings table

    out = tmp_path / "advies"
    out.mkdir()
    monkeypatch.setattr(w, "choose_folder_for_report", lambda: str(out))
    qtbot.mouseClick(w.make_report, Qt.MouseButton.LeftButton)
    worker_pdf, employer_pdf = sorted(out.glob("*-medewerker.pdf")), sorted(out.glob("*-werkgever.pdf"))
    assert len(worker_pdf) == len(employer_pdf) == 1
    assert says(w.message.text(), "expert.made", html=True, worker=worker_pdf[0], employer=employer_pdf[0]), \
        w.message.text()
    wv, ev = verify(worker_pdf[0].read_bytes()), verify(employer_pdf[0].read_bytes())
    assert any(i["health"] for i in wv.assessment["items"])
    rep = next(r for r in w.reports.values() if r.worker == "Anna")
    assert advice.health_free(ev.assessment, qloader.find("thuiswerkplek"), rep.sealed)
    assert len(ev.assessment["items"]) == 1  # the workplace item only


def test_reports_sealed_for_another_expert_say_so(home, qtbot, tmp_path):
    from arbocheck.ui.expert.window import ExpertWindow
    from arbocheck.ui.tasks import SyncRunner

    other = expert_identity.load_or_create(tmp_path / "other")
    folder = tmp_path / "r"
    folder.mkdir()
    make_reports(folder, other.recipient)
    w = ExpertWindow(expert_identity.load_or_create(), SyncRunner(), "nl")
    qtbot.addWidget(w)
    w.open_paths([str(folder)])
    assert says(w.summary.text(), "expert.opened", ok=3, total=4)
    assert says(w.summary.text(), "expert.other_expert", files="Anna.pdf, Bram.pdf, Cor.pdf")
    # The workplace items are there to review; not one health item, for nothing sealed could be opened.
    assert {it.worker for it in w.shown} == {"Anna", "Bram"} and not any(it.health for it in w.shown)


def test_the_expert_opens_an_employers_register(home, qtbot, tmp_path):
    """'arbocheck gui --role expert --db URL': every report stored in that register, unsealed."""
    from arbocheck.core.employer.importer import import_files
    from arbocheck.core.employer.register import Register
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    folder = tmp_path / "r"
    folder.mkdir()
    make_reports(folder, expert_identity.load_or_create().recipient)
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    assert sum(o.accepted for o in import_files(Register.open(url), [folder])) == 3
    app = App(lang="nl", runner=SyncRunner(), db=url)
    w = app.open_expert()
    qtbot.addWidget(w)
    assert says(w.summary.text(), "expert.opened", ok=3, total=3)
    assert any(it.health for it in w.items)  # the sealed parts opened: the register kept the whole PDFs
