"""Run slow core functions off the GUI thread (Picard's run_task, Anki's op helper).

`runner.run(fn, *args, on_done=..., lang=...)` calls `fn(*args)` in a worker thread and
delivers the result back on the GUI thread. No dialog writes its own thread. Tests can use
SyncRunner, which runs at once.

A failure is shown one way, as Anki's operations show theirs unless told otherwise:
`show_error` puts its plain reason (errors.text_of) in the user's language on the window's
status line when the caller names one (`line=`, with a text around it: `failed=`), else in a
message box over `parent`. A caller passes `on_error` only when it must do more than show
it (put a busy window back, for instance), and then shows it with `show_error` too.
"""

from __future__ import annotations

from html import escape
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from arbocheck.core.common.i18n import default_lang
from arbocheck.core.common.reasons import text_of
from arbocheck.ui.texts import tr


def show_error(e: BaseException, lang: str, parent: QWidget | None = None, line: QLabel | None = None,
               failed: str | None = None, **values: object) -> QMessageBox | None:
    """Show why a task failed: on `line` when given, else in a message box (returned) over `parent`.
    `failed` is a text key with {reason} (and `values`) around it ("Niet opgeslagen: {reason}")."""
    reason = text_of(e, lang)
    text = tr(failed, lang, reason=reason, **values) if failed else reason
    if line is not None:
        line.setText(escape(text) if line.textFormat() == Qt.TextFormat.RichText else text)
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, tr("error.title", lang), text, QMessageBox.StandardButton.Ok,
                      parent or QApplication.activeWindow())
    _open_boxes.add(box)  # a box without a parent lives as long as Python holds it: until it is closed
    box.finished.connect(lambda *_: _open_boxes.discard(box))
    box.open()  # not exec(): the window stays responsive, and a test is not stopped by it
    return box


_open_boxes: set[QMessageBox] = set()


def _on_error(on_error: Callable | None, lang: str, parent, line, failed) -> Callable[[BaseException], Any]:
    if on_error is not None:
        return on_error
    return lambda e: show_error(e, lang, parent=parent, line=line, failed=failed)


class _Relay(QObject):
    done = Signal(object, object)  # (callback, result)
    progress = Signal(object, int, object)  # (callback, percent, what: a text or a result so far)


class _Job(QRunnable):
    def __init__(self, fn: Callable, args: tuple, relay: _Relay, on_done, on_error, on_progress=None):
        super().__init__()
        self.fn, self.args, self.relay = fn, args, relay
        self.on_done, self.on_error, self.on_progress = on_done, on_error, on_progress

    def run(self) -> None:  # worker thread
        kwargs = {}
        if self.on_progress is not None:
            kwargs["progress"] = lambda pct, what="": self.relay.progress.emit(self.on_progress, int(pct), what)
        try:
            result = self.fn(*self.args, **kwargs)
        except Exception as e:  # noqa: BLE001 - routed to one place: on_error, else show_error
            self.relay.done.emit(self.on_error, e)
        else:
            self.relay.done.emit(self.on_done, result)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, threads: int = 2, lang: str | None = None):
        super().__init__(parent)
        self.lang = lang or default_lang()  # for a caller that names no language (the App keeps it current)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self.relay = _Relay(self)
        self.relay.done.connect(self._deliver)
        self.relay.progress.connect(lambda cb, pct, what: cb(pct, what))
        self.pending = 0

    @Slot(object, object)
    def _deliver(self, callback, value) -> None:
        self.pending -= 1
        if callback is not None:
            callback(value)

    def run(self, fn: Callable, *args: Any, on_done: Callable | None = None, on_error: Callable | None = None,
            on_progress: Callable[[int, str], None] | None = None, lang: str | None = None,
            parent: QWidget | None = None, line: QLabel | None = None, failed: str | None = None) -> None:
        """Run fn(*args) in the background; with on_progress, fn also gets progress=callable(pct, what).
        A failure goes to on_error, or is shown by show_error(e, lang, parent, line, failed)."""
        self.pending += 1
        self.pool.start(_Job(fn, args, self.relay, on_done,
                             _on_error(on_error, lang or self.lang, parent, line, failed), on_progress))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class SyncRunner:
    """Runs tasks at once on the calling thread: deterministic tests."""

    pending = 0

    def __init__(self, lang: str | None = None):
        self.lang = lang or default_lang()

    def run(self, fn: Callable, *args: Any, on_done: Callable | None = None, on_error: Callable | None = None,
            on_progress: Callable[[int, str], None] | None = None, lang: str | None = None,
            parent: QWidget | None = None, line: QLabel | None = None, failed: str | None = None) -> None:
        try:
            result = fn(*args, **({"progress": on_progress} if on_progress is not None else {}))
        except Exception as e:  # noqa: BLE001
            _on_error(on_error, lang or self.lang, parent, line, failed)(e)
        else:
            if on_done is not None:
                on_done(result)

    def wait(self, msecs: int = 0) -> bool:
        return True
