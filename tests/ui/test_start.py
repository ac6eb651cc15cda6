"""The start window: role, remembered language, resume or start over."""

from PySide6.QtCore import Qt

from arbocheck.ui.texts import tr


def test_first_start_has_no_resume_and_opens_the_wizard(mini_app, qtbot):
    start = mini_app.show_start()
    qtbot.addWidget(start)
    assert not start.resume.isVisibleTo(start)
    assert start.buttons["worker"].isEnabled()
    assert start.buttons["employer"].isEnabled() and start.buttons["expert"].isEnabled()
    qtbot.mouseClick(start.buttons["worker"], Qt.MouseButton.LeftButton)
    assert mini_app.wizard is not None and mini_app.wizard.current_key() == "intro"
    qtbot.addWidget(mini_app.wizard)


def test_language_choice_is_remembered(mini_app, qtbot):
    from arbocheck.core.common import paths
    from arbocheck.core.common.settings import Settings

    start = mini_app.show_start()
    qtbot.addWidget(start)
    start.language.setCurrentIndex(1)  # English
    assert mini_app.start is not start and mini_app.start.lang == "en"
    qtbot.addWidget(mini_app.start)
    assert mini_app.start.windowTitle() == tr("app.title", "en")
    assert mini_app.start.buttons["worker"].text() == tr("role.worker", "en")
    assert Settings(paths.settings_file())["language"] == "en"


def test_resume_or_start_over_with_confirmation(mini_app, qtbot, monkeypatch):
    w = mini_app.open_worker()
    qtbot.addWidget(w)
    w.edit("body_height_cm", 172)
    w.save_now()
    w.close()

    start = mini_app.show_start()
    qtbot.addWidget(start)
    assert start.resume.isVisibleTo(start)
    monkeypatch.setattr(start, "confirm_fresh", lambda: False)
    qtbot.mouseClick(start.fresh, Qt.MouseButton.LeftButton)
    assert mini_app.store.load().doc.answers == {"body_height_cm": 172}  # cancelled: nothing lost
    qtbot.mouseClick(start.resume, Qt.MouseButton.LeftButton)
    assert mini_app.wizard.ws.get("body_height_cm") == 172
    qtbot.addWidget(mini_app.wizard)
    mini_app.wizard.close()

    start = mini_app.show_start()
    qtbot.addWidget(start)
    monkeypatch.setattr(start, "confirm_fresh", lambda: True)
    qtbot.mouseClick(start.fresh, Qt.MouseButton.LeftButton)
    qtbot.addWidget(mini_app.wizard)
    assert mini_app.wizard.ws.answers == {}
