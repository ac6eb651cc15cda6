"""The task runner shows a failed task one way: its plain reason, in the user's language, in a message box
or on the window's status line; nothing is swallowed (as Anki's operations do with their default failure)."""

import ast

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from arbocheck.core.common.reasons import Refusal
from arbocheck.ui.tasks import SyncRunner, TaskRunner
from arbocheck.ui.texts import tr
from locations import ROOT


def refused():
    raise Refusal("no_signature")


def boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_an_error_in_a_background_task_reaches_the_screen_in_dutch(qtbot):
    runner = TaskRunner(lang="en")  # the task names its own language
    done = []
    runner.run(refused, on_done=done.append, lang="nl")
    qtbot.waitUntil(lambda: boxes() != [], timeout=5000)
    [box] = boxes()
    assert box.windowTitle() == tr("error.title", "nl") and box.text() == tr("no_signature", "nl")
    assert box.text() != tr("no_signature", "en") and done == []
    box.close()
    assert runner.wait(5000)


def test_a_task_that_names_no_language_speaks_the_runner_s(qtbot):
    runner = SyncRunner(lang="en")
    runner.run(refused)
    [box] = boxes()
    assert box.text() == tr("no_signature", "en")
    box.close()


def test_the_window_s_status_line_with_a_text_around_the_reason(qtbot):
    line = QLabel("")
    qtbot.addWidget(line)
    SyncRunner().run(refused, lang="nl", line=line, failed="top.failed")
    assert line.text() == tr("top.failed", "nl", reason=tr("no_signature", "nl"))
    assert boxes() == []
    SyncRunner().run(lambda: (_ for _ in ()).throw(FileNotFoundError(2, "No such file or directory")), lang="nl",
                     line=line)
    assert line.text() == "No such file or directory"  # not an error of ours: its plain text, no traceback


def test_a_table_page_that_fails_is_said_not_swallowed(home, qtbot):
    from arbocheck.ui.employer.tables import EmployeesTab

    tab = EmployeesTab(None, SyncRunner(), "nl")
    qtbot.addWidget(tab)

    def fetch(offset, order, descending):
        raise Refusal("register.old_schema")

    tab.model.reload(fetch)
    assert tab.count.text() == tr("table.failed", "nl", reason=tr("register.old_schema", "nl"))
    assert not tab.model.loading  # the next scroll or filter asks again


def test_every_task_says_how_its_failure_is_shown():
    """runner.run(...) names a language for the default display, or handles the failure itself."""
    silent = []
    for path in sorted((ROOT / "arbocheck" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run" \
                    and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "runner":
                names = {k.arg for k in node.keywords}
                if not names & {"lang", "on_error"}:
                    silent.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert silent == []
