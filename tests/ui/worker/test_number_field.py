"""A number field never changes what a person typed without saying why (issue 13, item 1)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from arbocheck.core.questionnaire import numbers
from arbocheck.ui.texts import tr


def type_into(qtbot, row, text):
    field = row.input.field
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()
    return field


def test_unit_and_range_are_visible_before_typing(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    row = w.pages["desk"].rows["desk_height_cm"]
    item = w.ws.q.items["desk_height_cm"]
    assert row.input.unit.text() == "cm"
    assert row.input.hint.text() == numbers.allowed(item).text("nl")
    assert numbers.allowed(item).text("nl") in row.input.field.accessibleDescription()
    assert row.input.field.text() == "" and not row.input.message.isVisibleTo(row)


def test_an_impossible_number_stays_typed_and_is_explained(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    type_into(qtbot, w.pages["profile"].rows["body_height_cm"], "170")
    desk = w.pages["desk"]
    row = desk.rows["desk_height_cm"]
    field = type_into(qtbot, row, "74")
    assert w.ws.get("desk_height_cm") == 74
    field = type_into(qtbot, row, "500")
    assert field.text() == "500"                     # what was typed stays
    assert w.ws.get("desk_height_cm") is None        # and the old 74 no longer stands behind it
    reason = numbers.read(w.ws.q.items["desk_height_cm"], "500").problem.text("nl")
    assert row.input.message.isVisibleTo(row) and "500 cm" in row.input.message.text()
    assert "500 cm" in field.accessibleDescription() and reason.split(" ")[0] in field.accessibleDescription()
    assert field.property("invalid") is True
    assert not any(row.badges.itemAt(i).widget().kind == "ok" for i in range(row.badges.count()))


def test_metres_are_read_as_cm_and_said_so(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    row = w.pages["profile"].rows["body_height_cm"]
    field = type_into(qtbot, row, "1,80")
    assert field.text() == "1,80"
    assert w.ws.get("body_height_cm") == 180
    note = numbers.read(w.ws.q.items["body_height_cm"], "1,80").note.text("nl")
    assert note in row.input.message.text() and note in field.accessibleDescription()
    assert field.property("invalid") is False


def test_letters_are_refused_with_a_reason_and_arrows_step(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    row = w.pages["profile"].rows["body_height_cm"]
    field = type_into(qtbot, row, "abc")
    assert field.text() == "abc" and w.ws.get("body_height_cm") is None
    assert "'abc'" in row.input.message.text()
    assert tr("item.number.invalid", "nl", reason="").strip() in row.input.message.text()
    field.setText("175")
    QTest.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "176" and w.ws.get("body_height_cm") == 176


def test_a_saved_answer_comes_back_as_typed(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    row = w.pages["profile"].rows["body_height_cm"]
    row.input.set_value(181)
    assert row.input.field.text() == "181" and row.input.value() == 181


def test_no_in_orde_before_every_input_of_the_rule_is_known(mini_app, qtbot):
    """Issue 13, item 2: the desk says nothing until height and adjustability are known."""
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    desk = w.pages["desk"]
    row = desk.rows["desk_height_cm"]

    def kinds():
        return [row.badges.itemAt(i).widget().kind for i in range(row.badges.count())]

    type_into(qtbot, row, "74")
    assert kinds() == [] and w.ws.verdict("desk_height_cm") == "unknown"
    type_into(qtbot, w.pages["profile"].rows["body_height_cm"], "190")
    assert kinds() == []  # adjustability still open: no "In orde" yet
    desk.rows["desk_height_adjustable"].input.group.button(0).click()  # Ja
    assert kinds() == ["ok"]


def test_the_review_page_lists_every_answer_with_a_link_back(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    type_into(qtbot, w.pages["profile"].rows["body_height_cm"], "160")
    desk = w.pages["desk"]
    type_into(qtbot, desk.rows["desk_height_cm"], "74")
    desk.rows["desk_height_adjustable"].input.group.button(1).click()  # Nee: the desk is too high
    w.go(w.keys.index("review"))
    review = w.pages["review"]
    shown = {it.id for s in w.ws.q.data.sections for it in w.ws.visible_items(s.id)}
    assert set(review.change_links) == shown  # hidden questions (the laptop stand) are left out
    assert "laptop_stand" not in review.change_links
    link = review.change_links["desk_height_cm"]
    assert link.text() == tr("review.change", "nl")
    assert link.accessibleName() == tr("review.change.name", "nl", question=w.ws.q.items["desk_height_cm"].text.get("nl"))
    link.click()
    assert w.current_key() == "desk"
    qtbot.waitUntil(desk.rows["desk_height_cm"].input.field.hasFocus)
    # Each finding on the review page links to its question.
    w.go(w.keys.index("review"))
    from PySide6.QtWidgets import QPushButton

    to_q = [b for b in w.pages["review"].findChildren(QPushButton) if b.text() == tr("review.to_question", "nl")]
    assert to_q
    to_q[0].click()
    assert w.current_key() == "desk"


def test_the_side_list_counts_answered_of_shown_and_has_a_legend(mini_app, qtbot):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    i = w.keys.index("desk")
    assert w.nav.item(i).text().endswith(tr("wiz.section.count", "nl", answered=0, shown=3))
    type_into(qtbot, w.pages["desk"].rows["desk_height_cm"], "74")
    assert w.nav.item(i).text().startswith("◐") and w.nav.item(i).text().endswith("1/3")
    from arbocheck.ui.worker.wizard import MARKS

    assert w.legend.text() == tr("wiz.legend", "nl", **MARKS)
    p = w.ws.progress()
    assert w.progress.text() == tr("wiz.progress", "nl", answered=p.answered, shown=p.shown, percent=p.percent,
                                   minutes=p.minutes_left)
