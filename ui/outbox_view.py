"""The outbox window (View → Outbox, Ctrl+Shift+O): platform actions and what became of them.

Hides, unhides, replies and deletes wait in the outbox until the platform confirms them
(see :mod:`moderator.actions.outbox`). Here a moderator sees each one's status, attempts,
next attempt and the platform's last message, and can retry a failed one, cancel one that
should not happen any more, or confirm an ``unknown`` one after checking the platform.
Every button goes through the audited core functions; a retry is sent in the background.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import jobs
from ui.errors import describe_error
from ui.queue_model import local_time, plain_tooltip
from ui.table_model import Row, RowTableModel, row_table_view

COL_COMMENT, COL_KIND, COL_STATUS, COL_ATTEMPTS, COL_NEXT, COL_MESSAGE = range(6)
HEADERS: dict[int, str] = {
    COL_COMMENT: "Comment",
    COL_KIND: "Action",
    COL_STATUS: "Status",
    COL_ATTEMPTS: "Attempts",
    COL_NEXT: "Next attempt",
    COL_MESSAGE: "Platform message",
}
STATUS_LABELS = {
    "pending": "Waiting",
    "in_progress": "Sending",
    "done": "Done",
    "failed": "Failed",
    "unknown": "Unknown: check the platform",
    "cancelled": "Cancelled",
}
STATUS_COLOURS = {"failed": QColor("#c62828"), "unknown": QColor("#ef6c00")}
# (label, statuses) for the filter combo; an empty tuple means every status
FILTERS: list[tuple[str, tuple[str, ...]]] = [
    ("Needs attention", ("failed", "unknown", "pending", "in_progress")),
    ("Failed or unknown", ("failed", "unknown")),
    ("All", ()),
]
RETRYABLE = ("failed", "unknown", "pending")
CANCELLABLE = ("pending", "failed", "unknown")
CONFIRMABLE = ("unknown",)
LIST_LIMIT = 500
EMPTY_TEXT = "Nothing here: no platform actions match this view."


def platform_message(row: Row) -> str:
    """The platform's last word: its error, or what it answered (a reply's new id)."""
    if row.get("last_error"):
        return str(row["last_error"])
    result = row.get("result")
    if isinstance(result, dict) and result:
        return ", ".join(f"{key}: {value}" for key, value in sorted(result.items()))
    return ""


class OutboxModel(RowTableModel):
    """Outbox rows as ``moderator.actions.list_actions`` returns them; formatting only."""

    ActionIdRole = Qt.ItemDataRole.UserRole + 1

    HEADERS = HEADERS

    def cell(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._display(row, column)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS:
            return STATUS_COLOURS.get(row.get("status") or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.ActionIdRole:
            return row["id"]
        return None

    @staticmethod
    def _display(row: Row, column: int) -> str:
        if column == COL_COMMENT:
            page = row.get("page_name")
            comment = str(row.get("comment_platform_id") or row.get("comment_id") or "")
            return f"{comment} ({page})" if page else comment
        if column == COL_KIND:
            return str(row.get("kind") or "").capitalize()
        if column == COL_STATUS:
            status = row.get("status") or ""
            return STATUS_LABELS.get(status, status)
        if column == COL_ATTEMPTS:
            return str(row.get("attempts") or 0)
        if column == COL_NEXT:
            if row.get("status") not in ("pending", "in_progress"):
                return ""
            return local_time(row.get("next_attempt_at")) or "now"
        if column == COL_MESSAGE:
            return platform_message(row)
        return ""


class OutboxDialog(QDialog):
    """The outbox table with Retry / Cancel / Confirm for the selected action."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setWindowTitle("Outbox")
        self.setObjectName("outboxDialog")
        self.model = OutboxModel(self)
        self.table = row_table_view(self.model, "outboxTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_COMMENT, 220), (COL_KIND, 70), (COL_STATUS, 190)):
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(COL_ATTEMPTS, 70)
        self.table.setColumnWidth(COL_NEXT, 130)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.filter_combo = QComboBox()
        for label, statuses in FILTERS:
            self.filter_combo.addItem(label, statuses)
        self.filter_combo.setToolTip("Which actions to list")
        self.filter_combo.currentIndexChanged.connect(self.refresh)
        self.retry_button = QPushButton("Retry")
        self.retry_button.setToolTip("Send the action to the platform again now")
        self.retry_button.clicked.connect(self.retry_selected)
        self.cancel_button = QPushButton("Cancel action")
        self.cancel_button.setToolTip("Give up on this action; it will not be sent")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.confirm_button = QPushButton("Confirm applied")
        self.confirm_button.setToolTip(
            "You checked the platform and the action did take effect: mark it done"
        )
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.message = QLabel()
        self.message.setObjectName("outboxMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.filter_combo)
        top.addStretch()
        bottom = QHBoxLayout()
        for button in (self.retry_button, self.cancel_button, self.confirm_button):
            bottom.addWidget(button)
        bottom.addStretch()
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        window.events.queue_changed.connect(self._queue_changed)
        self.sending = 0  # retries still being sent (tests wait on it)
        self.resize(980, 420)
        self.refresh()

    # -- listing ---------------------------------------------------------------------------------
    def _queue_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload the list (at most ``LIST_LIMIT`` newest rows), keeping the selection."""
        from moderator.actions import list_actions

        selected = self.selected_action()
        statuses = tuple(self.filter_combo.currentData() or ()) or None
        try:
            rows = list_actions(self.window_.db, statuses=statuses, limit=LIST_LIMIT)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.model.set_rows([])
            self.message.setText(describe_error(error, "Listing the outbox"))
            return
        self.model.set_rows(rows)
        row = self.model.row_for_id(selected["id"]) if selected else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            if self.message.text() == EMPTY_TEXT:
                self.message.clear()
        elif not self.message.text():
            self.message.setText(EMPTY_TEXT)
        self._update_buttons()

    def selected_action(self) -> Row | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_data(rows[0].row())

    def select_action(self, action_id: int) -> None:
        row = self.model.row_for_id(action_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self, *_args: Any) -> None:
        status = (self.selected_action() or {}).get("status")
        self.retry_button.setEnabled(status in RETRYABLE)
        self.cancel_button.setEnabled(status in CANCELLABLE)
        self.confirm_button.setEnabled(status in CONFIRMABLE)

    # -- buttons ---------------------------------------------------------------------------------
    def _transition(self, verb: str, name: str) -> Row | None:
        from moderator import actions

        row = self.selected_action()
        if row is None:
            return None
        try:
            getattr(actions, name)(self.window_.db, row["id"], self.window_.actor)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.message.setText(describe_error(error, f"{verb} the action"))
            return None
        self.refresh()
        return row

    def retry_selected(self) -> None:
        row = self._transition("Retrying", "retry")
        if row is None:
            return
        self.message.setText(f"{row['kind'].capitalize()} queued again; sending it now.")
        self._send([row["id"]], row["kind"])

    def cancel_selected(self) -> None:
        row = self._transition("Cancelling", "cancel")
        if row is not None:
            self.message.setText(f"{row['kind'].capitalize()} cancelled; it will not be sent.")

    def confirm_selected(self) -> None:
        row = self._transition("Confirming", "confirm")
        if row is not None:
            self.message.setText(f"{row['kind'].capitalize()} recorded as applied.")
            self.window_.events.queue_changed.emit()

    def _send(self, action_ids: list[int], kind: str) -> None:
        window, workspace = self.window_, self.window_.workspace
        self.sending += 1

        def done(results: list[Any]) -> None:
            self.sending -= 1
            failed = [r for r in results if getattr(r, "status", "") not in ("done", "pending")]
            if failed:
                error = getattr(failed[0], "error", None) or f"status {failed[0].status}"
                self.message.setText(f"The {kind} did not reach the platform: {error}")
            elif results and all(getattr(r, "status", "") == "done" for r in results):
                self.message.setText(f"{kind.capitalize()} applied on the platform.")
            window.events.queue_changed.emit()
            self.refresh()

        def failed(error: BaseException) -> None:
            self.sending -= 1
            self.message.setText(describe_error(error, f"Sending the {kind}", workspace.logs_dir))
            self.refresh()

        window.runner.run(
            lambda ctx: jobs.apply_actions(workspace, action_ids, ctx),
            label=f"Sending {kind}",
            on_success=done,
            on_failure=failed,
            cancellable=False,
        )


class OutboxController:
    """Opens the one outbox dialog of the window."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dialog: OutboxDialog | None = None
        self.action = window.add_command(
            "View", "Outbox", "Ctrl+Shift+O", self.show, "Platform actions and their status"
        )

    def show(self) -> OutboxDialog:
        if self.dialog is None:
            self.dialog = OutboxDialog(self.window, self.window)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.activateWindow()
        return self.dialog


def install(window: Any) -> OutboxController:
    """Add View → Outbox to ``window``."""
    return OutboxController(window)
