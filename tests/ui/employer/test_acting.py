"""Acting on the reports in the employer's window: open a worker's stored report (a private copy,
handed to the system's viewer), mark several measures arranged at once (confirmed) and undo it by a
reversal, plan a measure with a responsible person, a date and a budget; due dates shown as dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QItemSelectionModel, Qt

from arbocheck.core.employer import overview
from arbocheck.core.employer.importer import import_files
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from arbocheck.core.trust import keys
from arbocheck.ui.texts import tr
from locations import SCENARIOS
from wording import says


@pytest.fixture
def window(home, qtbot, tmp_path, employer_signer):
    from arbocheck.core.employer.register import Register
    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.tasks import SyncRunner

    reg = Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", signer=employer_signer)
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCENARIOS / "laptop_only_all_day.yaml").read_text())["answers"]
    for eid in ("E1", "E2", "E3"):
        ex = build(q, answers, {}, keys.generate(eid), ReportMeta(signer_name=eid, fingerprint="", employee_id=eid),
                   lambda i: b"", personal_copy=False)
        (tmp_path / f"{eid}.pdf").write_bytes(ex.signed)
    assert all(o.accepted for o in import_files(reg, [tmp_path / f"{e}.pdf" for e in ("E1", "E2", "E3")]))
    w = EmployerWindow(reg, SyncRunner(), "nl")
    qtbot.addWidget(w)
    return w


def _stand_rows(p) -> list[int]:
    return [r for r in range(p.model.rowCount()) if p.model.rows[r].measure == "laptop_stand"]


def _open_stands(w) -> int:
    return next(m.open for m in overview.summary(w.register).measures if m.measure == "laptop_stand")


def test_several_marked_at_once_then_undone(window, qtbot, monkeypatch):
    w, p = window, window.provisions_tab
    due = (dt.date.today() + dt.timedelta(days=p.model.rows[0].term_days)).strftime("%d-%m-%Y")
    assert p.model.index(0, 4).data() == due  # the term as a date: the report's date plus the term
    rows = _stand_rows(p)
    assert len(rows) == 3 and _open_stands(w) == 3
    for r in rows[:2]:
        p.view.selectionModel().select(p.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                                       | QItemSelectionModel.SelectionFlag.Rows)
    assert p.done_button.isEnabled() and not p.undo_button.isEnabled()
    monkeypatch.setattr(w, "confirm", lambda text: False)  # not confirmed: nothing recorded
    qtbot.mouseClick(p.done_button, Qt.MouseButton.LeftButton)
    assert _open_stands(w) == 3
    asked = []
    monkeypatch.setattr(w, "confirm", lambda text: asked.append(text) or True)
    for r in rows[:2]:
        p.view.selectionModel().select(p.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select
                                       | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.mouseClick(p.done_button, Qt.MouseButton.LeftButton)
    assert asked == [tr("prov.confirm.many", "nl", n=2)]
    assert says(p.message.text(), "prov.marked.many", html=True, n=2)
    assert _open_stands(w) == 1 and len(_stand_rows(p)) == 1  # the list shows what is still open
    assert f"{w.measure_texts['laptop_stand']} 1×" in p.totals.text()
    qtbot.mouseClick(p.undo_button, Qt.MouseButton.LeftButton)
    assert says(p.message.text(), "prov.undone", html=True, n=2)
    assert _open_stands(w) == 3 and len(_stand_rows(p)) == 3 and not p.undo_button.isEnabled()
    assert w.register.verify() == []


def test_a_plan_is_recorded_shown_and_refused_when_it_is_no_date(window, qtbot):
    w, p = window, window.provisions_tab
    r = _stand_rows(p)[0]
    p.view.selectRow(r)
    who = p.model.rows[r].employee_id
    p.plan.responsible.setText("Inkoop (Jan)")
    p.plan.planned.setText("15-01-2027")
    p.plan.budget.setText("1.250,50")
    qtbot.mouseClick(p.plan.save, Qt.MouseButton.LeftButton)
    assert says(p.message.text(), "plan.saved", html=True, n=1)
    row = next(x for x in p.model.rows if x.employee_id == who and x.measure == "laptop_stand")
    assert row.plan.planned == "2027-01-15" and row.plan.budget == "1250.50"
    i = p.model.rows.index(row)
    assert [p.model.index(i, c).data() for c in (7, 8, 9)] == ["Inkoop (Jan)", "15-01-2027", "€ 1.250,50"]
    p.view.selectRow(i)
    assert p.plan.responsible.text() == "Inkoop (Jan)" and p.plan.planned.text() == "15-01-2027"
    p.plan.planned.setText("morgen")
    qtbot.mouseClick(p.plan.save, Qt.MouseButton.LeftButton)
    assert tr("plan.failed", "nl", reason="").rstrip() in p.message.text() and "morgen" in p.message.text()


def test_a_stored_report_opens_as_a_private_copy(window, qtbot, monkeypatch):
    w, e = window, window.employees_tab
    opened = []
    monkeypatch.setattr(w, "open_url", lambda url: opened.append(Path(url.toLocalFile())) or True)
    r = next(i for i in range(e.model.rowCount()) if e.model.rows[i].employee_id == "E2")
    e.view.selectRow(r)
    assert e.open_button.isEnabled()
    qtbot.mouseClick(e.open_button, Qt.MouseButton.LeftButton)
    [copy] = opened
    assert copy.read_bytes() == (w.register.pdf_dir / f"{_digest(w, 'E2')}.pdf").read_bytes()
    assert copy.parent != w.register.pdf_dir and copy.stat().st_mode & 0o777 == 0o600
    assert copy.parent.stat().st_mode & 0o777 == 0o700
    assert says(e.message.text(), "emps.opened", html=True, id="E2")
    # A stored report changed behind the register's back is not handed to a viewer.
    stored = w.register.pdf_dir / f"{_digest(w, 'E3')}.pdf"
    stored.write_bytes(stored.read_bytes() + b"%x\n")
    e.view.selectRow(next(i for i in range(e.model.rowCount()) if e.model.rows[i].employee_id == "E3"))
    qtbot.mouseClick(e.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and "E3" in e.message.text()
    w.close()
    assert not copy.parent.exists()  # the private copies go when the window closes


def _digest(w, eid: str) -> str:
    from sqlalchemy import select

    from arbocheck.core.employer.schema import reports

    with w.register.engine.connect() as conn:
        return conn.execute(select(reports.c.pdf_sha256).where(reports.c.employee_id == eid)).scalar_one()
