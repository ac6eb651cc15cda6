"""Run slow core functions off the GUI thread (Picard's run_task, Anki's op helper).

`runner.run(fn, *args, on_done=..., on_error=...)` calls `fn(*args)` in a worker
thread and delivers the result (or the exception) back on the GUI thread. No
dialog writes its own thread. Tests can use SyncRunner, which runs at once.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


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
        except Exception as e:  # noqa: BLE001 - routed to one place, the error callback
            self.relay.done.emit(self.on_error, e)
        else:
            self.relay.done.emit(self.on_done, result)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
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

    def run(self, fn: Callable, *args: Any, on_done: Callable | None = None,
            on_error: Callable | None = None, on_progress: Callable[[int, str], None] | None = None) -> None:
        """Run fn(*args) in the background; with on_progress, fn also gets progress=callable(pct, what)."""
        self.pending += 1
        self.pool.start(_Job(fn, args, self.relay, on_done, on_error or _raise, on_progress))

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class SyncRunner:
    """Runs tasks at once on the calling thread: deterministic tests."""

    pending = 0

    def run(self, fn: Callable, *args: Any, on_done: Callable | None = None,
            on_error: Callable | None = None, on_progress: Callable[[int, str], None] | None = None) -> None:
        try:
            result = fn(*args, **({"progress": on_progress} if on_progress is not None else {}))
        except Exception as e:  # noqa: BLE001
            (on_error or _raise)(e)
        else:
            if on_done is not None:
                on_done(result)

    def wait(self, msecs: int = 0) -> bool:
        return True


def _raise(e: BaseException) -> None:
    raise e
