"""The queue table model: formats the light rows ``moderator.queue.fetch_page`` returns.

Thin on purpose (Vorta's event-log model): no SQL here. The window hands the model a
``fetch(after, limit)`` callable; the model asks for one keyset page at a time through
``canFetchMore``/``fetchMore`` as the view scrolls, so a million-row queue costs one
page of memory until someone scrolls.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from moderator.risk import RISK_LABELS
from moderator.timeutil import parse
from ui.table_model import LazyRowTableModel, Row

COL_RISK, COL_PAGE, COL_AUTHOR, COL_TIME, COL_PREVIEW, COL_STATUS = range(6)
HEADERS: dict[int, str] = {
    COL_RISK: "Flag",
    COL_PAGE: "Page",
    COL_AUTHOR: "Author",
    COL_TIME: "Time",
    COL_PREVIEW: "Comment",
    COL_STATUS: "Status",
}
PAGE_SIZE = 200

# One colour per risk band; red for the ones that must not wait.
RISK_COLOURS: dict[int, QColor] = {
    600: QColor("#b71c1c"),
    500: QColor("#e53935"),
    400: QColor("#8e24aa"),
    300: QColor("#ef6c00"),
    200: QColor("#f9a825"),
    100: QColor("#1e88e5"),
    0: QColor("#9e9e9e"),
}
OVERDUE_COLOUR = QColor("#b71c1c")
STATUS_LABELS = {
    "new": "New",
    "reviewed": "Reviewed",
    "escalated": "Escalated",
    "dismissed": "Dismissed",
}


def risk_label(row: Mapping[str, Any]) -> str:
    label = RISK_LABELS.get(int(row.get("risk") or 0), "")
    if row.get("overdue"):
        return f"Overdue · {label}" if label else "Overdue"
    return label


def status_label(row: Mapping[str, Any]) -> str:
    label = STATUS_LABELS.get(row.get("status") or "", str(row.get("status") or ""))
    return f"{label} · hidden" if row.get("hidden") else label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally.

    Qt renders a tooltip as rich text when it merely looks like HTML, so a comment such
    as ``<b>x</b>`` is escaped inside an explicit rich-text wrapper.
    """
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def local_time(stamp: str | None) -> str:
    """A stored UTC stamp in the moderator's local time, to the minute."""
    if not stamp:
        return ""
    try:
        return parse(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class QueueModel(LazyRowTableModel):
    """Rows of the moderation queue, fetched lazily in keyset pages."""

    CommentIdRole = Qt.ItemDataRole.UserRole + 1
    RowRole = Qt.ItemDataRole.UserRole + 2

    HEADERS = HEADERS

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent, page_size)
        self._bold = QFont()
        self._bold.setBold(True)

    def update_row(self, comment_id: int, changes: Mapping[str, Any]) -> bool:
        """Change some fields of a loaded row in place (after an action); False if absent."""
        row = self.row_for_id(comment_id)
        if row < 0:
            return False
        self._rows[row].update(changes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def cell(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole and row.get("read_at") is None:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and column == COL_RISK:
            return RISK_COLOURS.get(int(row.get("risk") or 0), RISK_COLOURS[0])
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_RISK and row.get("overdue"):
            return OVERDUE_COLOUR
        if role == self.CommentIdRole:
            return row["id"]
        if role == self.RowRole:
            return dict(row)
        return None

    def _display(self, row: Row, column: int) -> str | None:
        if column == COL_RISK:
            return risk_label(row)
        if column == COL_PAGE:
            return row.get("page_name") or ""
        if column == COL_AUTHOR:
            return row.get("author_name") or "(unknown)"
        if column == COL_TIME:
            return local_time(row.get("created_at"))
        if column == COL_PREVIEW:
            return row.get("preview") or ""
        if column == COL_STATUS:
            return status_label(row)
        return None

    def _tooltip(self, row: Row, column: int) -> str | None:
        if column == COL_PREVIEW:
            return plain_tooltip(row["preview"]) if row.get("preview") else None
        if column == COL_TIME:
            seen = local_time(row.get("first_seen_at"))
            posted = local_time(row.get("created_at"))
            return f"Posted {posted}; first seen by the console {seen}"
        if column == COL_RISK and row.get("top_kind"):
            return str(row["top_kind"]).replace("_", " ")
        return None
