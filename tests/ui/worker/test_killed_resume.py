"""Killing the program mid-way loses at most the last second of typing, and the
next start brings the worker back where they were."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from locations import DATA


CHILD = r"""
import os, sys, time
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from PySide6.QtCore import Qt
app = QApplication([])
from arbocheck.ui.app import App
from arbocheck.ui.tasks import SyncRunner
a = App(lang="nl", runner=SyncRunner(), questionnaire="mini")
w = a.open_worker()
w.go(w.keys.index("profile"))
spin = w.pages["profile"].rows["body_height_cm"].input.spin
spin.setFocus()
app.processEvents()
QTest.keyClicks(spin, "187")  # as a person types into the empty field
w.go(w.keys.index("desk"))
print("typed", flush=True)
while True:  # an ordinary running program, until it is killed
    app.processEvents()
    time.sleep(0.01)
"""


def test_killed_program_resumes_where_it_was(tmp_path, qtbot):
    env = dict(os.environ, ARBOCHECK_HOME=str(tmp_path / "home"), ARBOCHECK_QUESTIONNAIRES=str(DATA),
               QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "typed"
        time.sleep(1.0)  # "at most the last second of typing"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)

    os.environ["ARBOCHECK_HOME"] = env["ARBOCHECK_HOME"]
    os.environ["ARBOCHECK_QUESTIONNAIRES"] = env["ARBOCHECK_QUESTIONNAIRES"]
    try:
        from arbocheck.ui.app import App
        from arbocheck.ui.tasks import SyncRunner

        w = App(lang="nl", runner=SyncRunner(), questionnaire="mini").open_worker()
        qtbot.addWidget(w)
        assert w.ws.get("body_height_cm") == 187
        assert w.current_key() == "desk"
    finally:
        del os.environ["ARBOCHECK_HOME"], os.environ["ARBOCHECK_QUESTIONNAIRES"]
