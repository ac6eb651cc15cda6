"""The finished dialog says when the next check is due and writes the .ics beside the report (issue 17, item 4)."""

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton

from arbocheck.core.report import dates, recheck
from arbocheck.core.trust import campaign, keys
from arbocheck.ui.texts import tr


def test_the_finished_dialog_names_the_due_date_and_puts_it_in_the_calendar(mini_app, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "campagne.json"
    path.write_bytes(campaign.create(keys.generate("Werkgever"), organisation="Gemeente Voorbeeld",
                                     campaign_id="thuis-2026", questionnaire_id="mini", questionnaire_version="1.2",
                                     deadline="2026-12-31", expert_recipient=None, recheck_months=3))
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    assert w.pages["intro"].campaign.load_file(str(path))
    w.edit("body_height_cm", 170)
    w.edit("device_setup", "desktop")
    w.go(w.keys.index("sign"))
    sign = w.pages["sign"]
    sign.declaration.click()
    sign.name.setText("Sam de Vries")
    sign.name.textEdited.emit("Sam de Vries")
    out = tmp_path / "rapport.pdf"
    monkeypatch.setattr(sign, "choose_path", lambda: str(out))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    sign.export.click()
    box = sign.done_box
    from arbocheck.core.trust.verify import verify

    created = verify(out.read_bytes()).assessment["created_at"]
    due = recheck.next_due(created, 3)
    assert sign.next_due == due
    assert tr("recheck.due", "nl", date=dates.long_date(due, "nl")) in box.text()
    button = next(b for b in box.findChildren(QPushButton) if b.text() == tr("recheck.add_to_calendar", "nl"))
    button.click()
    ics = out.with_suffix(".ics")
    assert ics.exists() and opened == [str(ics)]
    data = ics.read_bytes()
    assert f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}\r\n".encode() in data
    assert str(ics) in sign.ics_box.text()
