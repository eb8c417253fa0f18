"""The one adapter between plain core callbacks and Qt signals.

The core (``moderator``) reports through plain callables so it never imports Qt.
Background jobs hand these methods to the core; each emits a signal, and Qt queues it
to the GUI thread because this object lives there. Widgets listen to the signals,
never to the core directly.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CoreEvents(QObject):
    """Core happenings as signals; the ``report_*`` methods are safe on any thread.

    ``progress(message, done, total)`` uses ``total = -1`` when the total is unknown.
    """

    progress = Signal(str, int, int)
    sync_finished = Signal(object)  # moderator.sync.SyncReport
    flags_updated = Signal(int)  # comments that got (new) flags
    queue_changed = Signal()  # stored comments changed (sync batch, actions applied)
    detector_status = Signal(str)  # one sentence about the detectors (e.g. no spaCy model)

    def report_progress(self, message: str, done: int, total: int | None = None) -> None:
        self.progress.emit(message, done, -1 if total is None else total)

    def report_sync(self, report: object) -> None:
        self.sync_finished.emit(report)
        self.queue_changed.emit()

    def report_flags(self, flagged: int) -> None:
        self.flags_updated.emit(flagged)
        self.queue_changed.emit()

    def report_detector_status(self, sentence: str) -> None:
        self.detector_status.emit(sentence)
