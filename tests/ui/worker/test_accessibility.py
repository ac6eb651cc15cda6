"""What a screen reader gets: every page's accessibility tree (QAccessible), walked as assistive technology
walks it. Fails on a focusable control without a name and on advice that is not in a control's description."""

import json

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from locations import ROOT

SAMPLE = json.loads((ROOT / "questionnaires" / "examples" / "sample-worker.json").read_text(encoding="utf-8"))


def tree(iface, out, depth=0):
    if iface is None or not iface.isValid() or depth > 60:
        return out
    out.append(iface)
    for i in range(iface.childCount()):
        tree(iface.child(i), out, depth + 1)
    return out


def describe(iface) -> str:
    obj = iface.object()
    return f"{type(obj).__name__} ({obj.objectName() or '-'}, role {iface.role()})"


@pytest.fixture
def wizard(home, qtbot):
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    w = App(lang="nl", runner=SyncRunner()).open_worker()
    qtbot.addWidget(w)
    w.show()
    for item_id, value in SAMPLE["answers"].items():
        w.edit(item_id, value)
    for sec in w.ws.q.data.sections:  # the fields show the answers as a person would have typed them
        for item_id, row in w.pages[sec.id].rows.items():
            if w.ws.get(item_id) is not None:
                row.input.set_value(w.ws.get(item_id))
    return w


def test_every_focusable_on_every_page_has_a_name(wizard):
    unnamed, seen = [], 0
    for i, key in enumerate(wizard.keys):
        wizard.go(i)
        QApplication.processEvents()
        for iface in tree(QAccessible.queryAccessibleInterface(wizard), []):
            st = iface.state()
            if st.focusable and not st.invisible and not st.disabled and not st.offscreen:
                seen += 1
                if not iface.text(QAccessible.Text.Name).strip():
                    unnamed.append(f"{key}: {describe(iface)}")
    assert not unnamed, "\n".join(unnamed)
    assert seen > 300  # the walk reaches the controls (radio buttons, fields, links), not just the frame


def test_every_advice_shown_is_in_the_description_of_its_control(wizard):
    findings = 0
    for sec in wizard.ws.q.data.sections:
        page = wizard.pages[sec.id]
        wizard.go(wizard.keys.index(sec.id))
        QApplication.processEvents()
        for item_id, row in page.rows.items():
            if not wizard.ws.visible(item_id):
                continue
            for f in wizard.ws.findings_for(item_id):
                findings += 1
                for control in row.input.focusables():
                    iface = QAccessible.queryAccessibleInterface(control)
                    assert f.advice in iface.text(QAccessible.Text.Description), (item_id, f.rule)
    assert findings >= 5  # the sample worker has advice on several pages


def test_the_heading_has_the_focus_after_next(wizard, qtbot):
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    wizard.go(0)
    wizard.next_page()
    page = wizard.pages[wizard.current_key()]
    qtbot.waitUntil(page.heading.hasFocus)
    iface = QAccessible.queryAccessibleInterface(page.heading)
    assert iface.text(QAccessible.Text.Name) == wizard.ws.q.sections[wizard.current_key()].title.get("nl")
