"""The welcome page catches a wrong code or employee number (the campaign's keyed check); the completion
dialog says how to hand in; the default file name carries the worker's name (issue 13, item 4)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from arbocheck.core.trust import campaign, keys
from arbocheck.ui.texts import tr


def _campaign_file(tmp_path, codes, hand_in=None, check=True):
    derived = campaign.enrolment_keys("thuis-2026", codes) if check else None
    path = tmp_path / "campagne.json"
    path.write_bytes(campaign.create(keys.generate("Werkgever"), organisation="Gemeente Voorbeeld",
                                     campaign_id="thuis-2026", questionnaire_id="mini", questionnaire_version="1.2",
                                     deadline="2026-12-31", expert_recipient=None, enrolment_keys=derived,
                                     hand_in=hand_in))
    return path


def _enter(qtbot, panel, eid, code):
    for edit, text in ((panel.employee, eid), (panel.code, code)):
        edit.clear()
        qtbot.keyClicks(edit, text)
        edit.editingFinished.emit()


def test_a_wrong_code_is_caught_on_the_welcome_page(mini_app, qtbot, tmp_path):
    codes = {"E042": campaign.new_code(), "E043": campaign.new_code()}
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    panel = w.pages["intro"].campaign
    assert panel.load_file(str(_campaign_file(tmp_path, codes)))
    _enter(qtbot, panel, "E042", codes["E043"])  # a colleague's code
    assert panel.code_check.text() == tr("campaign.code_wrong", "nl")
    assert panel.code.accessibleDescription() == tr("campaign.code_wrong", "nl")
    _enter(qtbot, panel, "E099", codes["E042"])  # an unknown employee number
    assert panel.code_check.text() == tr("campaign.code_wrong", "nl")
    _enter(qtbot, panel, "e042", codes["E042"].lower())
    assert panel.code_check.text() == tr("campaign.code_fits", "nl")


def test_an_old_campaign_says_it_cannot_check(mini_app, qtbot, tmp_path):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    panel = w.pages["intro"].campaign
    assert panel.load_file(str(_campaign_file(tmp_path, {"E1": campaign.new_code()}, check=False)))
    _enter(qtbot, panel, "E1", campaign.new_code())
    assert panel.code_check.text() == tr("campaign.code_unchecked", "nl")


def test_hand_in_words_and_a_personal_file_name(mini_app, qtbot, tmp_path, monkeypatch):
    codes = {"E042": campaign.new_code()}
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    panel = w.pages["intro"].campaign
    assert panel.load_file(str(_campaign_file(tmp_path, codes, hand_in="Mail het aan hr@voorbeeld.nl")))
    _enter(qtbot, panel, "E042", codes["E042"])
    w.ws.meta["employee_id"] = "E042"
    w.edit("body_height_cm", 170)
    w.edit("device_setup", "desktop")
    w.go(w.keys.index("sign"))
    sign = w.pages["sign"]
    assert "E042" in sign.default_file_name()
    sign.declaration.click()
    sign.name.setText("José de Vries")  # QTest cannot type an é: as the field reports typing
    sign.name.textEdited.emit("José de Vries")
    name = sign.default_file_name()
    assert "Jose-de-Vries" in name and name.endswith(".pdf") and "/" not in name
    out = tmp_path / name
    monkeypatch.setattr(sign, "choose_path", lambda: str(out))
    sign.export.click()
    assert tr("sign.hand_in", "nl", text="Mail het aan hr@voorbeeld.nl") in sign.done_box.text()
    QTest.keyClick(sign.done_box, Qt.Key.Key_Return)
    assert out.exists()
