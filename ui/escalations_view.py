"""The Escalations view: every active case on its clock, overdue first, in red.

Why a window of its own: PV officers and team leads work from deadlines, not from the
comment queue. Cases are read off the GUI thread (``list_cases`` decodes each record) into
light rows; the table model only formats them. A timer re-reads every minute so the
countdowns move and a case that just went overdue jumps to the top.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from moderator import escalation
from moderator.timeutil import utc_now
from ui import jobs
from ui.errors import describe_error
from ui.queue_model import local_time, plain_tooltip
from ui.table_model import Row, RowTableModel, row_table_view

(
    COL_CASE,
    COL_KIND,
    COL_EXCERPT,
    COL_SERIOUS,
    COL_DAY_ZERO,
    COL_INTERNAL,
    COL_REGULATORY,
    COL_STATUS,
) = range(8)
HEADERS: dict[int, str] = {
    COL_CASE: "Case",
    COL_KIND: "Kind",
    COL_EXCERPT: "Comment",
    COL_SERIOUS: "Serious",
    COL_DAY_ZERO: "Day zero",
    COL_INTERNAL: "Internal deadline",
    COL_REGULATORY: "Regulatory deadline",
    COL_STATUS: "Status",
}
KIND_NAMES = {"pv": "PV", "quality": "Quality", "medinfo": "MedInfo"}
STATUS_FILTERS: list[tuple[str, tuple[str, ...]]] = [
    ("Open + acknowledged", ("open", "acknowledged")),
    ("Open", ("open",)),
    ("Acknowledged", ("acknowledged",)),
    ("Overdue", ("overdue",)),
    ("Closed", ("closed",)),
    ("All", ()),
]
KIND_FILTERS: list[tuple[str, str | None]] = [
    ("All kinds", None),
    ("PV", "pv"),
    ("Quality", "quality"),
    ("MedInfo", "medinfo"),
]
EXCERPT_CHARS = 90
REFRESH_MS = 60_000
OVERDUE_TEXT = QColor("#b71c1c")
OVERDUE_BACKGROUND = QColor("#ffebee")


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of a comment, cut at ``limit`` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def case_rows(
    db: Database,
    statuses: tuple[str, ...] = ("open", "acknowledged"),
    kind: str | None = None,
    now: datetime | None = None,
) -> list[Row]:
    """Light rows for the table, overdue first (``list_cases`` order); plain data only.

    ``statuses`` may hold ``"overdue"`` to keep only cases whose running clock is late.
    """
    now = now or utc_now()
    overdue_only = "overdue" in statuses
    wanted = {s for s in statuses if s != "overdue"}
    cases = escalation.list_cases(db, kind=kind, now=now)
    texts: dict[int, str] = {}
    ids = sorted({c["comment_id"] for c in cases})
    if ids:
        marks = ",".join("?" * len(ids))
        texts = dict(db.execute(f"SELECT id, text FROM comments WHERE id IN ({marks})", ids))
    rows = []
    for case in cases:
        state = case["clock"]
        if wanted and case["status"] not in wanted:
            continue
        if overdue_only and not (state["overdue"] and case["status"] != "closed"):
            continue
        record = case["record"]
        regulatory = state["regulatory"]
        rows.append(
            {
                "id": case["id"],
                "kind": case["kind"],
                "status": case["status"],
                "comment_id": case["comment_id"],
                "text": texts.get(case["comment_id"], ""),
                "serious": bool(record.get("serious")) if case["kind"] == "pv" else None,
                "day_zero": case["day_zero"],
                "internal": state["internal"]["text"],
                "internal_overdue": state["internal"]["overdue"],
                "regulatory": regulatory["text"] if regulatory else "",
                "regulatory_overdue": bool(regulatory and regulatory["overdue"]),
                "overdue": bool(state["overdue"]) and case["status"] != "closed",
            }
        )
    return rows


def count_summary(rows: list[Row]) -> str:
    """“3 open · 1 acknowledged · 2 overdue” for the header."""
    opened = sum(1 for r in rows if r["status"] == "open")
    acked = sum(1 for r in rows if r["status"] == "acknowledged")
    closed = sum(1 for r in rows if r["status"] == "closed")
    overdue = sum(1 for r in rows if r["overdue"])
    parts = [f"{opened} open", f"{acked} acknowledged", f"{overdue} overdue"]
    if closed:
        parts.append(f"{closed} closed")
    return " · ".join(parts)


class EscalationsModel(RowTableModel):
    """Formats the rows :func:`case_rows` returns; no SQL here."""

    CaseIdRole = Qt.ItemDataRole.UserRole + 1
    CommentIdRole = Qt.ItemDataRole.UserRole + 2

    HEADERS = HEADERS

    def cell(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_EXCERPT:
                return plain_tooltip(row["text"])
            if column == COL_CASE:
                return row["id"]
            if column in (COL_INTERNAL, COL_REGULATORY):
                key = "internal" if column == COL_INTERNAL else "regulatory"
                return plain_tooltip(row[key]) if row[key] else None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            late = row["overdue"] or (column == COL_INTERNAL and row["internal_overdue"])
            return QBrush(OVERDUE_TEXT) if late else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND) if row["overdue"] else None
        if role == self.CaseIdRole:
            return row["id"]
        if role == self.CommentIdRole:
            return row["comment_id"]
        return None

    @staticmethod
    def _display(row: Row, column: int) -> str | None:
        if column == COL_CASE:
            return row["id"][:8]
        if column == COL_KIND:
            return KIND_NAMES.get(row["kind"], row["kind"])
        if column == COL_EXCERPT:
            return excerpt(row["text"])
        if column == COL_SERIOUS:
            return "" if row["serious"] is None else ("Serious" if row["serious"] else "No")
        if column == COL_DAY_ZERO:
            return local_time(row["day_zero"])
        if column == COL_INTERNAL:
            return row["internal"]
        if column == COL_REGULATORY:
            return row["regulatory"]
        if column == COL_STATUS:
            status = str(row["status"]).capitalize()
            return f"Overdue · {status}" if row["overdue"] else status
        return None


class EscalationsView(QWidget):
    """A top-level window: filters, counts, the cases table, batch export."""

    open_requested = Signal(int, str)  # comment id, case id

    def __init__(
        self,
        load: Callable[[tuple[str, ...], str | None, Callable[[list[Row]], None]], None],
        export: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("escalationsView")
        self.setWindowTitle("Escalations")
        self._load = load
        self._export = export
        self._generation = 0
        self.export_dialog: QFileDialog | None = None
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label.setStyleSheet("font-weight: bold;")
        self.status_combo = QComboBox()
        for label, statuses in STATUS_FILTERS:
            self.status_combo.addItem(label, statuses)
        self.kind_combo = QComboBox()
        for label, kind in KIND_FILTERS:
            self.kind_combo.addItem(label, kind)
        self.format_combo = QComboBox()
        for fmt in ("pdf", "json", "e2b", "csv"):
            self.format_combo.addItem(fmt.upper() if fmt != "e2b" else "E2B XML", fmt)
        self.export_button = QPushButton("Export open cases…")
        self.export_button.clicked.connect(self.choose_export)
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        bar = QHBoxLayout()
        bar.addWidget(self.counts_label)
        bar.addStretch(1)
        bar.addWidget(QLabel("Status:"))
        bar.addWidget(self.status_combo)
        bar.addWidget(QLabel("Kind:"))
        bar.addWidget(self.kind_combo)
        bar.addSpacing(16)
        bar.addWidget(self.format_combo)
        bar.addWidget(self.export_button)
        bar.addWidget(refresh)
        self.model = EscalationsModel(self)
        self.table = row_table_view(self.model, "escalationsTable", stripes=False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_EXCERPT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (COL_CASE, 80),
            (COL_KIND, 70),
            (COL_SERIOUS, 70),
            (COL_DAY_ZERO, 130),
            (COL_INTERNAL, 230),
            (COL_REGULATORY, 140),
            (COL_STATUS, 150),
        ):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._activated)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.resize(1200, 520)

    def filters(self) -> tuple[tuple[str, ...], str | None]:
        return tuple(self.status_combo.currentData() or ()), self.kind_combo.currentData()

    def refresh(self) -> None:
        """Re-read the cases for the current filters (in the background)."""
        self._generation += 1
        generation = self._generation
        statuses, kind = self.filters()

        def show(rows: list[Row]) -> None:
            if generation == self._generation:
                self.show_rows(rows)

        self._load(statuses, kind, show)

    def show_rows(self, rows: list[Row]) -> None:
        current = self.table.currentIndex()
        selected = self.model.row_data(current.row())["id"] if current.isValid() else None
        self.model.set_rows(rows)
        self.counts_label.setText(count_summary(rows))
        for row, data in enumerate(rows):
            if data["id"] == selected:
                self.table.selectRow(row)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.model.row_data(index.row())
            self.open_requested.emit(row["comment_id"], row["id"])

    def choose_export(self) -> None:
        dialog = QFileDialog(self, "Export open cases into a folder")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(
            lambda folder: self._export(folder, self.format_combo.currentData())
        )
        self.export_dialog = dialog
        dialog.open()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.timer.stop()
        super().hideEvent(event)


class EscalationsController:
    """Builds the view on first use; reads and exports through the window's task runner."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.view: EscalationsView | None = None
        self.last_export: list[Path] = []

    def show(self) -> EscalationsView:
        if self.view is None:
            self.view = EscalationsView(self._load, self.export_open, self.window)
            self.view.open_requested.connect(self._open_case)
            self.window.events.queue_changed.connect(self._refresh_if_visible)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        self.view.refresh()
        return self.view

    def _refresh_if_visible(self) -> None:
        if self.view is not None and self.view.isVisible():
            self.view.refresh()

    def _load(
        self, statuses: tuple[str, ...], kind: str | None, done: Callable[[list[Row]], None]
    ) -> None:
        workspace = self.window.workspace

        def work(_ctx: Any) -> list[Row]:
            db = jobs.open_db(workspace)
            try:
                return case_rows(db, statuses, kind)
            finally:
                db.close()

        self.window.runner.run(
            work,
            label="Reading escalations",
            on_success=done,
            on_failure=self._failure("Reading the escalations"),
            cancellable=False,
            silent=True,
        )

    def export_open(self, folder: str, fmt: str) -> None:
        """Export every open case into ``folder`` (audited per case by the core)."""
        workspace, actor = self.window.workspace, self.window.actor

        def work(_ctx: Any) -> list[Path]:
            db = jobs.open_db(workspace)
            try:
                return escalation.export_open_cases(db, fmt, folder, actor=actor)
            finally:
                db.close()

        def done(paths: list[Path]) -> None:
            self.last_export = paths
            text = f"Exported {len(paths)} file(s) to {folder}."
            if self.view is not None:
                self.view.message.setText(text)
            self.window.statusBar().showMessage(text, 8000)

        self.window.runner.run(
            work,
            label="Exporting open escalations",
            on_success=done,
            on_failure=self._failure("Exporting the open escalations"),
            cancellable=False,
        )

    def _failure(self, doing: str) -> Callable[[BaseException], None]:
        def report(error: BaseException) -> None:
            self.window.show_error(describe_error(error, doing, self.window.workspace.logs_dir))

        return report

    def _open_case(self, comment_id: int, case_id: str) -> None:
        forms = self.window.extensions.get("ui.escalation_form")
        if forms is None:
            self.window.show_error("The escalation form is not available in this installation.")
            return
        form = forms.open(comment_id, case_id)
        if form is not None:
            form.case_changed.connect(lambda _id: self._refresh_if_visible())


def install(window: Any) -> EscalationsController:
    """View → Escalations (Ctrl+Shift+E)."""
    controller = EscalationsController(window)
    window.add_command(
        "View",
        "Escalations",
        "Ctrl+Shift+E",
        controller.show,
        "Open, acknowledged and overdue escalations with their deadlines",
    )
    return controller
