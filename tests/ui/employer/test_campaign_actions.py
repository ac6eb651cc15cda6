"""The campaign tab runs the campaign: letters and mails, reminders, who has not handed in, a new code
for a lost one and closing it, each through the same use case as the CLI; the deadline in the header."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from arbocheck.core.check.textfmt import date
from arbocheck.core.employer import campaign_run, campaign_setup
from arbocheck.ui.texts import tr
from wording import says

EMPLOYEES = "employee_id;name\nE1;Anna de Vries\nE2;Bram Jansen\n"


@pytest.fixture
def window(home, qtbot, tmp_path):
    from arbocheck.core.employer.register import Register
    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.tasks import SyncRunner

    reg = campaign_setup.open_register()
    campaign_setup.create(tmp_path / "campagne-c1.json", tmp_path / "codes.csv", register=reg,
                          organisation="Gemeente Voorbeeld", campaign_id="c1", deadline="2030-06-30",
                          employees_csv=EMPLOYEES, expert_recipient=None)
    assert isinstance(reg, Register)
    w = EmployerWindow(reg, SyncRunner(), "nl")
    qtbot.addWidget(w)
    return w


def test_letters_missing_reissue_and_close_from_the_campaign_tab(window, qtbot, tmp_path, monkeypatch):
    w = window
    assert w.deadline.text() == tr("emp.deadline", "nl", deadline=date("2030-06-30", "nl"))
    a = w.campaign_tab.actions
    assert all(b.isEnabled() for b in a.buttons.values())  # the one campaign is the chosen one
    monkeypatch.setattr(a, "choose_codes_file", lambda: str(tmp_path / "codes.csv"))
    monkeypatch.setattr(a, "choose_folder", lambda: str(tmp_path / "uit"))
    qtbot.mouseClick(a.buttons["letters"], Qt.MouseButton.LeftButton)
    assert says(a.message.text(), "camp.act.letters.done", html=True, n=2, path=str(tmp_path / "uit" / "brieven.pdf"),
                mails=str(tmp_path / "uit" / "brieven-mails")), a.message.text()
    assert len(PdfReader(tmp_path / "uit" / "brieven.pdf").pages) == 2
    monkeypatch.setattr(a, "choose_save_path", lambda name: str(tmp_path / name))
    qtbot.mouseClick(a.buttons["missing"], Qt.MouseButton.LeftButton)
    assert (tmp_path / "nog-niet-ingeleverd-c1.csv").exists() and says(a.message.text(), "camp.act.missing.done",
                                                                        html=True, n=2,
                                                                        path=str(tmp_path / "nog-niet-ingeleverd-c1.csv"))
    old = campaign_run.read_codes(tmp_path / "codes.csv")[1].code
    monkeypatch.setattr(a, "ask_employee", lambda: "E2")
    asked = []
    monkeypatch.setattr(a, "confirm", lambda text: asked.append(text) or True)
    qtbot.mouseClick(a.buttons["reissue"], Qt.MouseButton.LeftButton)
    assert asked == [tr("camp.act.reissue.confirm", "nl", id="E2", campaign="c1")]
    new = campaign_run.read_codes(tmp_path / "codes.csv")[1].code
    assert new != old and says(a.message.text(), "camp.act.reissue.done", html=True, id="E2",
                               path=str(tmp_path / "uit" / "nieuwe-code-E2.pdf"))
    assert w.register.verify() == []
    monkeypatch.setattr(a, "confirm", lambda text: False)  # not confirmed: nothing happens
    qtbot.mouseClick(a.buttons["close"], Qt.MouseButton.LeftButton)
    assert "c1" not in w.register.closed_campaigns()
    monkeypatch.setattr(a, "confirm", lambda text: True)
    qtbot.mouseClick(a.buttons["close"], Qt.MouseButton.LeftButton)
    assert "c1" in w.register.closed_campaigns()
    assert not a.buttons["letters"].isEnabled() and a.buttons["missing"].isEnabled()
    assert w.deadline.text() == ""  # no open campaign left: no deadline for "all campaigns"
    w.campaign.setCurrentIndex(w.campaign.findData("c1"))
    assert w.deadline.text() == tr("emp.deadline.closed", "nl", deadline=date("2030-06-30", "nl"))
