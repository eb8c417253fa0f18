"""Flat Qt table models over lists of row dicts, optionally fetched lazily in keyset pages.

The queue, audit log, outbox and escalations tables all show rows that core functions
return as dicts, one per line, with named columns. The Qt plumbing (row and column counts,
header labels, bounds checks, ``canFetchMore``/``fetchMore``) is the same for all of them
and lives here; each model only says how a row looks in a cell, through ``cell``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

Row = dict[str, Any]
RowFetcher = Callable[[Mapping[str, Any] | None, int], list[Row]]
AnyIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Rows held in memory; ``HEADERS`` maps column numbers to their labels."""

    HEADERS: ClassVar[Mapping[int, str]] = {}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row at once."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> Row:
        return self._rows[row]

    def row_for_id(self, row_id: Any) -> int:
        """The row number whose ``id`` is ``row_id``, or -1 when it is not loaded."""
        return next((n for n, row in enumerate(self._rows) if row["id"] == row_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS.get(section)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        """What ``row`` shows in ``column`` for ``role``; None for nothing."""
        raise NotImplementedError


class LazyRowTableModel(RowTableModel):
    """Rows read one keyset page at a time as the view scrolls.

    The owner hands over a ``fetch(after, limit)`` callable; a page shorter than
    ``page_size`` means there is nothing more, so a million-row listing costs one page of
    memory until someone scrolls.
    """

    def __init__(self, parent: Any = None, page_size: int = 200) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._fetch: RowFetcher | None = None
        self._more = False

    def set_source(self, fetch: RowFetcher | None) -> None:
        """Replace the rows with the first page of a new listing (None: empty)."""
        first = fetch(None, self.page_size) if fetch is not None else []  # may raise: before reset
        self.beginResetModel()
        self._fetch = fetch
        self._rows = list(first)
        self._more = fetch is not None and len(first) >= self.page_size
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._more and self._fetch is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        rows = self._fetch(self._rows[-1] if self._rows else None, self.page_size)
        self._more = len(rows) >= self.page_size
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()


def row_table_view(
    model: QAbstractTableModel,
    object_name: str,
    *,
    multi_select: bool = False,
    stripes: bool = True,
) -> QTableView:
    """A read-only table of ``model`` that selects whole rows, one line each, no row numbers.

    Every list window (queue, audit log, outbox, escalations) wants the same behaviour, so
    a keyboard user finds the same selection rules everywhere.
    """
    table = QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(stripes)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table
