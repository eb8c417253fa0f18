"""The one way the console runs slow work: off the GUI thread, results back on it.

Like Anki's ``QueryOp``: a plain callable runs on a worker thread of a
:class:`~PySide6.QtCore.QThreadPool` and receives a :class:`TaskContext` for progress
and cancel checks; its result (or its exception, or "cancelled") is delivered back on
the GUI thread through queued signals, so callbacks may touch widgets freely.

Rules for the callable: it must not touch widgets, and it opens its own SQLite
connection (``workspace.open()``), because connections never cross threads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger("ui.tasks")

PROGRESS_INTERVAL = 0.05  # seconds between progress signals: keeps the event queue short


class TaskCancelled(Exception):
    """Raised by :meth:`TaskContext.check_cancelled` to stop a task early."""


class TaskContext:
    """What a running task may use: report progress, ask whether it should stop.

    ``progress`` and ``cancelled`` have the signatures the core's callbacks use
    (``moderator.sync.Progress``/``Cancelled``), so they can be handed straight to
    ``sync_page`` or ``flag_pending``.
    """

    def __init__(self, task: Task) -> None:
        self._task = task
        self._last_progress = 0.0
        self._held: tuple[str, int, int] | None = None

    def progress(self, message: str, done: int, total: int | None = None) -> None:
        value = (message, done, -1 if total is None else total)
        now = time.monotonic()
        final = total is not None and done >= total
        if not final and now - self._last_progress < PROGRESS_INTERVAL:
            self._held = value  # sent by flush() if nothing newer goes out
            return
        self._last_progress = now
        self._held = None
        self._task._progressed.emit(*value)

    def flush(self) -> None:
        """Send the last progress report that throttling held back."""
        if self._held is not None:
            self._task._progressed.emit(*self._held)
            self._held = None

    def cancelled(self) -> bool:
        return self._task._cancel.is_set()

    def check_cancelled(self) -> None:
        if self.cancelled():
            raise TaskCancelled()


class Task(QObject):
    """A handle on one background job; its public signals fire on the GUI thread.

    ``progressed(message, done, total)`` uses ``total = -1`` when the total is unknown.
    A task whose callable returns normally succeeds even if cancel was requested
    (work like sync stops at a safe point and reports what it did); ``was_cancelled``
    tells the two apart.
    """

    progressed = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    # Emitted from the worker thread; connected (queued) to this object's slots.
    _progressed = Signal(str, int, int)
    _done = Signal(str, object)

    def __init__(
        self,
        fn: Callable[[TaskContext], Any],
        label: str = "",
        *,
        cancellable: bool = True,
        silent: bool = False,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.label = label
        self.cancellable = cancellable
        self.silent = silent
        self.running = False
        self.outcome: str | None = None  # "ok", "error" or "cancelled" once finished
        self._cancel = threading.Event()
        self._progressed.connect(self._relay_progress)
        self._done.connect(self._deliver)

    @property
    def was_cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the task to stop; it does so at its next check."""
        if self.cancellable:
            self._cancel.set()

    def _run(self) -> None:
        """Worker-thread body: never raises, always emits exactly one ``_done``."""
        context = TaskContext(self)
        try:
            result = self.fn(context)
            context.flush()
        except TaskCancelled:
            self._done.emit("cancelled", None)
        except Exception as error:  # noqa: BLE001 - delivered to the GUI as one message
            log.debug("task %r failed", self.label, exc_info=True)
            self._done.emit("error", error)
        else:
            self._done.emit("ok", result)

    @Slot(str, int, int)
    def _relay_progress(self, message: str, done: int, total: int) -> None:
        if self.running:
            self.progressed.emit(message, done, total)

    @Slot(str, object)
    def _deliver(self, outcome: str, value: object) -> None:
        self.running = False
        self.outcome = outcome
        if outcome == "ok":
            self.succeeded.emit(value)
        elif outcome == "error":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.finished.emit()


class TaskRunner(QObject):
    """Starts tasks on its own thread pool and keeps them alive until delivered.

    ``task_started``/``task_finished`` let a status bar show a progress bar and a
    Cancel button for the visible (non-silent) tasks.
    """

    task_started = Signal(object)
    task_finished = Signal(object)

    def __init__(self, parent: QObject | None = None, max_threads: int = 3) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: list[Task] = []

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        label: str = "",
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: Callable[[str, int, int], None] | None = None,
        cancellable: bool = True,
        silent: bool = False,
    ) -> Task:
        """Run ``fn(context)`` in the background; callbacks run on the GUI thread."""
        task = Task(fn, label, cancellable=cancellable, silent=silent)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_failure is not None:
            task.failed.connect(on_failure)
        if on_cancelled is not None:
            task.cancelled.connect(on_cancelled)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        task.finished.connect(lambda: self._finished(task))
        self._tasks.append(task)
        task.running = True
        self.task_started.emit(task)
        self._pool.start(task._run)
        return task

    def _finished(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        self.task_finished.emit(task)

    def active(self) -> list[Task]:
        """Tasks started and not yet delivered, oldest first."""
        return list(self._tasks)

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until every worker thread is idle (results may still be queued)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 5_000) -> bool:
        """Cancel everything and wait, so no worker outlives the window."""
        self.cancel_all()
        return self.wait(msecs)
