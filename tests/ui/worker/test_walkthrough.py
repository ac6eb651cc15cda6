"""A realistic worker walks through the real questionnaire to the review page, by keyboard and mouse."""

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from arbocheck.core.questionnaire import loader as qloader, model as qmodel
from arbocheck.ui.badges import Badge
from arbocheck.ui.texts import tr
from locations import ROOT

SAMPLE = json.loads((ROOT / "questionnaires" / "examples" / "sample-worker.json").read_text(encoding="utf-8"))


def answer(qtbot, w, item_id, value):
    """Give an answer the way a person does: type numbers, click options."""
    page = w.pages[w.ws.q.section_of[item_id]]
    row = page.rows[item_id]
    assert row.isVisibleTo(page), f"{item_id} should be visible now"
    widget = row.input
    item = w.ws.q.items[item_id]
    if isinstance(item, (qmodel.Number, qmodel.Hours)):
        spin = widget.spin
        spin.setFocus()
        spin.selectAll()
        text = (f"{value:g}").replace(".", ",")
        qtbot.keyClicks(spin, text)
        spin.editingFinished.emit()
    elif isinstance(item, qmodel.MultiChoice):
        for v in value:
            widget.boxes[v].click()
    elif isinstance(item, qmodel.FreeText):
        qtbot.keyClicks(widget.edit, value)
    elif isinstance(item, qmodel.Country):
        widget.combo.setCurrentIndex(widget.combo.findData(value))
    else:
        buttons: list[QAbstractButton] = widget.group.buttons()
        buttons[widget.values.index(value)].click()


def test_realistic_worker_reaches_the_review_page(home, qtbot):
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    w = App(lang="nl", runner=SyncRunner()).open_worker()
    qtbot.addWidget(w)
    q = qloader.find("thuiswerkplek")
    assert w.ws.q.id == q.id
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)  # past the introduction
    answers = SAMPLE["answers"]
    for sec in q.data.sections:
        if w.current_key() == "instruction":  # the instruction after the profile: read and confirmed
            qtbot.mouseClick(w.pages["instruction"].read, Qt.MouseButton.LeftButton)
            assert w.ws.meta["instruction_read"]["version"] == q.data.instruction.version
            qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
        assert w.current_key() == sec.id
        for it in sec.items:
            if it.id in answers and w.ws.visible(it.id):
                answer(qtbot, w, it.id, answers[it.id])
        qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
        assert w.message.text() == "", w.message.text()
    assert w.current_key() == "review"
    # Everything given through the widgets arrived as the sample says (a default shown in its field and
    # left as it is stands as the answer).
    given = {k: v for k, v in answers.items() if w.ws.visible(k)}
    assert {k: w.ws.values.get(k) for k in given} == given
    review = w.pages["review"]
    heads = [b.accessibleName() for b in review.findChildren(Badge)]
    laptop, desk = (q.rules[r].title.get("nl") for r in ("laptop_setup_incomplete", "desk_too_high_fixable"))
    assert any(laptop in h for h in heads) and any(desk in h for h in heads)
    # Inline advice on the desk page carries the worker's own numbers: 163 cm → desk 67 cm; at this
    # 75 cm desk the seat goes to 52 cm with a footrest of 8 cm.
    desk_badges = [b.accessibleDescription() for b in w.pages["desk"].rows["desk_height_cm"].findChildren(Badge)]
    assert any("163 cm" in d and "52 cm" in d and "8 cm" in d for d in desk_badges)
    # ...and the seat, which that advice changes, shows it too instead of "In orde".
    seat = [b.accessibleName() for b in w.pages["chair"].rows["seat_height_cm"].findChildren(Badge)]
    assert any(desk in h for h in seat) and not any(tr("badge.ok", "nl") in h for h in seat)
    assert w.ws.missing_required() == []
