"""A person with the keyboard alone completes the check: from the welcome page to a signed report, with
QTest key clicks only (Tab, Space, arrows, typing), never the mouse (issue 13, item 5)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QMessageBox, QRadioButton

from arbocheck.core.trust.verify import verify

ANSWERS = {  # the mini questionnaire: every kind of control once
    "body_height_cm": "1,75",           # metres, read as 175 cm
    "device_setup": "laptop_only",      # reveals the laptop stand on the next page
    "desk_height_cm": "74",
    "desk_height_adjustable": True,
    "laptop_stand": False,
    "provided": ["chair"],
    "neck_pain": 2,
    "sleep_hours": "7,5",
}
EXPECTED = {"body_height_cm": 175, "device_setup": "laptop_only", "desk_height_cm": 74,
            "desk_height_adjustable": True, "laptop_stand": False, "provided": ["chair"], "neck_pain": 2,
            "sleep_hours": 7.5}


def focused():
    return QApplication.focusWidget()


def key(k, text=""):
    QTest.keyClick(focused(), k)
    QApplication.processEvents()


def tab():
    key(Qt.Key.Key_Tab)


def answer_with_keys(row, control, want) -> bool:
    """Answer the row whose control has the focus, with keys; True when this control was acted on."""
    inp = row.input
    if isinstance(control, QLineEdit):
        QTest.keyClicks(control, str(want))
        return True
    if isinstance(control, QRadioButton):
        buttons = inp.group.buttons()
        target = inp.values.index(want)
        here = buttons.index(control)
        in_a_row = buttons[target].y() == control.y()
        forward, back = (Qt.Key.Key_Right, Qt.Key.Key_Left) if in_a_row else (Qt.Key.Key_Down, Qt.Key.Key_Up)
        for _ in range(abs(target - here)):  # arrows move to the option, the space bar chooses it
            key(forward if target > here else back)
        key(Qt.Key.Key_Space)
        return True
    if isinstance(control, QCheckBox):
        value = next(v for v, b in inp.boxes.items() if b is control)
        if value in want:
            key(Qt.Key.Key_Space)
        return False  # each box of a multiple choice is its own stop
    if isinstance(control, QComboBox):
        for _ in range(control.count()):
            if control.currentData() == want:
                break
            key(Qt.Key.Key_Down)
        return True
    return False


def test_keyboard_alone_reaches_a_signed_report(mini_app, qtbot, tmp_path, monkeypatch):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    out = tmp_path / "rapport.pdf"
    sign = w.pages["sign"]
    monkeypatch.setattr(sign, "choose_path", lambda: str(out))  # Qt's own save dialog stands in for this

    w.next.setFocus()
    steps = 0
    while w.current_key() != "sign":
        steps += 1
        assert steps < 400, f"stuck on {w.current_key()} at {focused()}"
        page = w.pages[w.current_key()]
        control = focused()
        if control is w.next:
            key(Qt.Key.Key_Space)
            assert w.message.text() == "", w.message.text()  # nothing required was left open
            assert focused() is getattr(w.pages[w.current_key()], "heading", focused())  # the heading is announced
            continue
        for item_id, row in getattr(page, "rows", {}).items():
            if item_id in ANSWERS and control in row.input.focusables() and (
                    item_id not in w.ws.answers or isinstance(control, QCheckBox)):
                answer_with_keys(row, control, ANSWERS[item_id])
                break
        tab()

    assert {k: w.ws.answers.get(k) for k in EXPECTED} == EXPECTED
    # The sign page, by keyboard: the declaration, the name, then the export button.
    for _ in range(60):
        if focused() is sign.declaration:
            key(Qt.Key.Key_Space)
        elif focused() is sign.name and not sign.name.text():
            QTest.keyClicks(sign.name, "Sam de Vries")
        elif focused() is sign.export and sign.export.isEnabled():
            key(Qt.Key.Key_Space)
            break
        tab()
    else:
        raise AssertionError(f"the export button was not reached by Tab: {focused()}")
    box = sign.done_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    QTest.keyClick(box, Qt.Key.Key_Return)  # the completion dialog closes by keyboard too
    assert not box.isVisible()
    v = verify(Path(out).read_bytes())
    assert v.assessment["answers"]["desk_height_cm"] == 74
