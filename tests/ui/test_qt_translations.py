"""Qt's own dialogs and buttons speak Dutch in a Dutch session (issue 13, item 6)."""

from PySide6.QtWidgets import QDialogButtonBox

from arbocheck.ui import qt_translations


def test_qt_buttons_are_dutch_in_a_dutch_app_and_english_after_switching(mini_app, qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Annuleren", "Opslaan"}, texts
    mini_app.set_language("en")
    box2 = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box2)
    assert box2.buttons()[0].text().replace("&", "") == "Cancel"
    mini_app.set_language("nl")


def test_the_frozen_build_carries_the_dutch_qt_texts():
    from locations import ROOT

    spec = (ROOT / "packaging" / "arbocheck.spec").read_text(encoding="utf-8")
    assert "qtbase_nl.qm" in spec and "QT_DUTCH" in spec.split("datas=")[1].split("hiddenimports")[0]
    assert any((f / "qtbase_nl.qm").exists() for f in qt_translations.folders())
