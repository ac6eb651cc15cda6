"""Wizard behaviour on the small test questionnaire (pytest-qt, offscreen)."""

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit

from arbocheck.core.common.i18n import count, t
from arbocheck.core.common.reasons import say
from arbocheck.ui.badges import Badge
from arbocheck.ui.texts import tr
from wording import says


def set_spin(qtbot, row, value):
    spin = row.input.spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    spin.editingFinished.emit()


def click_choice(qtbot, row, value):
    """Click the option that gives `value` (the questionnaire's option value, or True/False for yes/no)."""
    row.input.group.button(row.input.values.index(value)).click()  # what a mouse click or the space bar does


def badges(row):
    return [row.badges.itemAt(i).widget() for i in range(row.badges.count())]


def test_conditional_item_appears_and_disappears(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    desk = w.pages["desk"]
    assert not desk.rows["laptop_stand"].isVisibleTo(desk)
    click_choice(qtbot, w.pages["profile"].rows["device_setup"], "laptop_only")
    assert desk.rows["laptop_stand"].isVisibleTo(desk)
    click_choice(qtbot, w.pages["profile"].rows["device_setup"], "desktop")
    assert not desk.rows["laptop_stand"].isVisibleTo(desk)


def test_inline_advice_with_own_numbers(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    set_spin(qtbot, w.pages["profile"].rows["body_height_cm"], 160)
    desk = w.pages["desk"]
    set_spin(qtbot, desk.rows["desk_height_cm"], 74)
    click_choice(qtbot, desk.rows["desk_height_adjustable"], False)
    [b] = badges(desk.rows["desk_height_cm"])
    assert b.kind == "medium" and "64 cm" in b.accessibleDescription()
    # The diagram shows the same: recommended 64 cm beside the entered 74 cm.
    texts = [s.text for s in desk.diagram.diagram.shapes]
    assert t("diagram.desk", "nl", cm=74) in texts and t("diagram.rec_desk", "nl", cm=64) in texts
    click_choice(qtbot, desk.rows["desk_height_adjustable"], True)
    [ok] = badges(desk.rows["desk_height_cm"])
    assert ok.kind == "ok"


def test_required_items_block_next_and_name_what_is_missing(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    w.go(w.keys.index("profile"))
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current_key() == "profile"
    items = w.ws.q.items
    asked = [items[i].text.get("nl") for i in ("body_height_cm", "device_setup")]
    assert says(w.message.text(), "wiz.missing") and all(a in w.message.text() for a in asked)
    set_spin(qtbot, w.pages["profile"].rows["body_height_cm"], 170)
    click_choice(qtbot, w.pages["profile"].rows["device_setup"], "desktop")
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current_key() == "desk"


def test_autosave_and_resume_at_the_same_page(mini_app, qtbot, home):
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    w = mini_app.open_worker()
    qtbot.addWidget(w)
    set_spin(qtbot, w.pages["profile"].rows["body_height_cm"], 181)
    w.go(w.keys.index("desk"))
    qtbot.waitUntil(lambda: (home / "drafts" / "draft.json").exists()
                    and json.loads((home / "drafts" / "draft.json").read_text())["meta"].get("current_page") == "desk",
                    timeout=3000)
    again = App(lang="nl", runner=SyncRunner(), questionnaire="mini").open_worker()
    qtbot.addWidget(again)
    assert again.ws.get("body_height_cm") == 181
    assert again.current_key() == "desk"
    assert again.pages["profile"].rows["body_height_cm"].input.value() == 181


def test_language_switch_keeps_answers(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    set_spin(qtbot, w.pages["profile"].rows["body_height_cm"], 175)
    qtbot.mouseClick(w.lang_button, Qt.MouseButton.LeftButton)
    en = mini_app.wizard
    qtbot.addWidget(en)
    assert en is not w and en.lang == "en"
    assert en.windowTitle() == tr("app.title", "en")
    assert en.ws.q.items["body_height_cm"].text.get("en") in en.pages["profile"].rows["body_height_cm"].label.text()
    assert en.pages["profile"].rows["body_height_cm"].input.value() == 175
    assert mini_app.settings["language"] == "en"


def test_every_input_has_an_accessible_name(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)
    for key, page in w.pages.items():
        widgets = [wd for kind in kinds for wd in page.findChildren(kind)
                   if not isinstance(wd.parent(), (QAbstractSpinBox, QComboBox))]  # their own inner editor
        assert widgets or key in ("intro", "review")
        for widget in widgets:
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            assert name.strip(), f"{key}: {widget.metaObject().className()} without a name"


def test_keyboard_only_next_and_back(mini_app, qtbot):
    from PySide6.QtTest import QTest

    w = mini_app.open_worker()
    qtbot.addWidget(w)
    win = w.windowHandle()  # keys go to the window, as a user's keyboard does

    def press(key):
        QTest.keyClick(win, key, Qt.KeyboardModifier.AltModifier)

    assert w.current_key() == "intro"
    press(Qt.Key.Key_Right)
    assert w.current_key() == "profile"
    press(Qt.Key.Key_Left)
    assert w.current_key() == "intro"
    # The buttons have mnemonics too (Alt+N: "Volge&nde", Alt+V: "&Vorige").
    press(Qt.Key.Key_N)
    qtbot.waitUntil(lambda: w.current_key() == "profile", timeout=2000)  # mnemonics animate the click
    press(Qt.Key.Key_V)
    qtbot.waitUntil(lambda: w.current_key() == "intro", timeout=2000)


def test_review_lists_findings_and_what_is_shared(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    for k, v in {"body_height_cm": 160, "device_setup": "laptop_only", "desk_height_cm": 74,
                 "desk_height_adjustable": False, "laptop_stand": False, "neck_pain": 5}.items():
        w.edit(k, v)
    w.go(w.keys.index("review"))
    review = w.pages["review"]
    q = w.ws.q
    heads = [b.accessibleName() for b in review.findChildren(Badge)]
    assert heads[0].startswith(tr("badge.high", "nl")) and any(q.rules["desk_too_high"].title.get("nl") in h
                                                               for h in heads)
    text = " ".join(lab.text() for lab in review.findChildren(type(w.message)))
    assert tr("review.plan.employer", "nl") in text and q.measures["footrest"].text.get("nl") in text
    # No campaign, so no occupational health service: the health answer goes to no one.
    assert says(text, "review.shared.personal", html=True, answers=count(1, "answer", "nl"))
    assert not says(text, "review.shared.expert", html=True)

    from arbocheck.core.trust import campaign, keys, seal

    camp = campaign.create(keys.generate("Werkgever"), organisation="Org", campaign_id="c1", questionnaire_id="mini",
                           questionnaire_version="1.2", deadline="2026-12-31", expert_recipient=seal.new_identity()[1])
    w.ws.meta["campaign_file"] = camp.decode("utf-8")
    review.refresh()
    text = " ".join(lab.text() for lab in review.findChildren(type(w.message)))
    assert says(text, "review.shared.expert", html=True, answers=count(1, "answer", "nl"))
    assert not says(text, "review.shared.personal", html=True)


def test_sign_page_exports_a_signed_report_with_campaign_and_enrolment(mini_app, qtbot, tmp_path, monkeypatch):
    from arbocheck.core.trust import campaign, keys, seal
    from arbocheck.core.trust.verify import verify

    w = mini_app.open_worker()
    qtbot.addWidget(w)
    page = w.pages["sign"]
    w.go(w.keys.index("sign"))
    assert not page.export.isEnabled() and says(page.status.text(), "sign.missing", html=True)
    w.edit("body_height_cm", 170)
    w.edit("device_setup", "desktop")
    w.go(w.keys.index("sign"))
    assert not page.export.isEnabled()  # no declaration, no name yet
    page.declaration.click()
    qtbot.keyClicks(page.name, "Sanne de Vries")
    assert page.export.isEnabled() and says(page.status.text(), "sign.ready", html=True)

    ident, recip = seal.new_identity()
    employer = keys.generate("Werkgever")
    camp_file = tmp_path / "campagne.json"
    camp_file.write_bytes(campaign.create(employer, organisation="Gemeente Voorbeeld", campaign_id="thuis-2026",
                                          questionnaire_id="mini", questionnaire_version="1.2",
                                          deadline="2026-12-31", expert_recipient=recip))
    panel = w.pages["intro"].campaign
    assert panel.load_file(str(camp_file))
    assert says(panel.info.text(), "campaign.loaded", organisation="Gemeente Voorbeeld", campaign="thuis-2026")
    panel.employee.setText("\u0415042")  # a Cyrillic Е (QTest cannot type it): refused, the reason beside it
    assert says(panel.id_hint.text(), "campaign.bad_employee_id", html=True) and "CYRILLIC" in panel.id_hint.text()
    panel.employee.clear()
    qtbot.keyClicks(panel.employee, "e042")  # the employer's spelling is E042: handed in as that
    assert panel.id_hint.text() == tr("campaign.employee_id_as", "nl", id="E042")
    qtbot.keyClicks(panel.code, "ab12-cd34")

    out = tmp_path / "out" / "rapport.pdf"
    monkeypatch.setattr(page, "choose_path", lambda: str(out))
    steps, shown = [], page._progress
    monkeypatch.setattr(page, "_progress", lambda pct, what: (steps.append((pct, what)), shown(pct, what)))
    qtbot.mouseClick(page.export, Qt.MouseButton.LeftButton)
    assert [p for p, _ in steps] == sorted(p for p, _ in steps) and steps[-1] == (100, "done")
    assert {"sign", "verify"} <= {w for _, w in steps}
    assert page.done_box.isVisible() and str(out) in page.done_box.text()
    page.done_box.close()
    v = verify(out.read_bytes())
    a = v.assessment
    assert a["campaign_id"] == "thuis-2026" and a["employee_id"] == "E042" and a["revision"] == 1
    assert campaign.check_enrolment(a["enrolment_proof"], campaign.enrolment_key("AB12CD34", "thuis-2026", "E042"),
                                    "thuis-2026", "E042", v.signer_spki)
    assert v.confidential is not None and (out.parent / "rapport-persoonlijk-niet-delen.pdf").exists()
    assert w.ws.meta["revision"] == 1 and w.ws.meta["last_export"] == str(out)
    # A second export is a new revision of the same report.
    qtbot.mouseClick(page.export, Qt.MouseButton.LeftButton)
    page.done_box.close()
    again = verify(out.read_bytes()).assessment
    assert again["revision"] == 2 and again["report_id"] == a["report_id"]


def test_broken_campaign_file_is_refused_plainly(mini_app, qtbot, tmp_path):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    bad = tmp_path / "campagne.json"
    bad.write_text('{"format": "arbocheck-campaign", "campaign": {}, "signature": "AAAA"}')
    panel = w.pages["intro"].campaign
    assert not panel.load_file(str(bad))
    assert says(panel.info.text(), "campaign.error", html=True)
    assert "campaign_file" not in w.ws.meta


def test_gps_tagged_photo_is_stored_without_metadata(mini_app, qtbot, tmp_path):
    from PIL import Image

    from samples import tagged_jpeg

    src = tmp_path / "IMG_20240312_Amsterdam_rugklachten.jpg"  # a file name that tells too much
    src.write_bytes(tagged_jpeg((2400, 1800)))
    assert Image.open(src).getexif().get_ifd(0x8825), "the test photo must carry GPS"
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    strip = w.strips["desk"]
    strip.add_file(str(src))
    [ref] = strip.tile_refs()
    stored = w.photos.path(ref.id)
    im = Image.open(stored)
    assert max(im.size) == 1600
    assert not im.getexif() and not im.getexif().get_ifd(0x8825)
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(im.info)
    assert b"Exif" not in stored.read_bytes()[:4096]
    # Caption and expert-only toggle are kept in the draft.
    from arbocheck.ui.worker.photo_strip import PhotoTile

    [tile] = strip.findChildren(PhotoTile)
    # No caption until the worker types one: never the file name.
    assert ref.caption == "" and tile.caption.text() == ""
    assert "rugklachten" not in tile.caption.placeholderText() + tile.caption.accessibleName()
    qtbot.keyClicks(tile.caption, "zijaanzicht")
    tile.expert.click()
    [ref] = strip.tile_refs()
    assert ref.caption == "zijaanzicht" and ref.expert_only


def test_broken_photo_gives_a_message_and_the_wizard_goes_on(mini_app, qtbot, tmp_path):
    bad = tmp_path / "vakantie.jpg"
    bad.write_bytes(b"this is not a photo at all")
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    strip = w.strips["desk"]
    strip.add_file(str(bad))
    assert strip.tile_refs() == []
    assert strip.status.isVisibleTo(strip)
    assert strip.status.text() == tr("photo.failed", "nl", name="vakantie.jpg", reason=say("photo.refused.unsupported", "nl"))
    w.edit("body_height_cm", 170)  # still working
    assert w.ws.get("body_height_cm") == 170
