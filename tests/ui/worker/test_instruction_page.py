"""The instruction page: after the profile, reachable from the side list, own numbers once known, the
confirmation stored in the draft with date and version, by keyboard."""

import datetime as _dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def wizard(home, qtbot):
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    w = App(lang="nl", runner=SyncRunner()).open_worker()
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_instruction_comes_after_the_profile_and_before_the_workplace(wizard):
    keys = wizard.keys
    assert keys.index("instruction") == keys.index("profile") + 1
    assert keys.index("instruction") < keys.index("workspace")
    row = keys.index("instruction")
    assert "Uitleg" in wizard.nav.item(row).text() and wizard.nav.item(row).text().startswith("○")
    wizard.nav.setCurrentRow(row)  # reachable later from the side list
    assert wizard.current_key() == "instruction"


def test_own_numbers_and_side_view_follow_the_profile(wizard):
    page = wizard.pages["instruction"]
    assert not page.own["chair"].isVisibleTo(page)
    assert "lengte" in page.diagram_notes.text()
    wizard.edit("body_height_cm", 190)
    seat = wizard.ws.values["rec_seat_height_cm"]
    assert page.own["chair"].isVisibleTo(page)
    assert f"{seat:g}".replace(".", ",") in page.own["chair"].text()
    assert page.diagram.diagram is not None and any("190" in s.text or str(round(seat)) in s.text
                                                    for s in page.diagram.diagram.shapes if s.text)


def test_confirming_by_keyboard_goes_into_the_draft_and_survives_reopening(wizard, qtbot):
    wizard.go(wizard.keys.index("instruction"))
    wizard.focus_heading()
    page = wizard.pages["instruction"]
    assert page.heading.hasFocus() or QApplication.focusWidget() is page.heading
    box = page.read
    assert box.accessibleName() == "Ik heb de uitleg gelezen"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    rec = wizard.ws.meta["instruction_read"]
    assert rec == {"date": _dt.date.today().isoformat(), "version": wizard.ws.q.data.instruction.version}
    assert "versie 1" in page.read_on.text()
    assert wizard.nav.item(wizard.keys.index("instruction")).text().startswith("✓")
    wizard.save_now()
    assert wizard.store.load().doc.meta["instruction_read"] == rec
    qtbot.keyClick(box, Qt.Key.Key_Space)  # untick: withdrawn
    assert "instruction_read" not in wizard.ws.meta and page.read_on.text() == ""
