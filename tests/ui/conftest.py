import os
from pathlib import Path

import pytest
from locations import DATA

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")



@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh user data folder for every test: drafts and settings never leak."""
    monkeypatch.setenv("ARBOCHECK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def mini_app(home, qtbot, monkeypatch):
    """The app on the small test questionnaire, with background work run synchronously."""
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    monkeypatch.setenv("ARBOCHECK_QUESTIONNAIRES", str(DATA))
    app = App(lang="nl", runner=SyncRunner(), questionnaire="mini")
    yield app
    for w in (app.wizard, app.start, app.expert):
        if w is not None:
            w.close()
