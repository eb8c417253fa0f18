"""The audit log viewer (View → Audit log, Ctrl+Shift+A): read, filter, verify, export.

The log may hold millions of entries, so the table model never loads it whole: it asks
for keyset pages by ``seq`` (newest first, ``seq < last shown``) through
``canFetchMore``/``fetchMore`` as the view scrolls. Verifying the hash chain and
exporting walk every entry, so both run in the background on their own connection.
Comment text is only ever shown as plain text (labels, a plain-text pane, escaped tooltips).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from moderator.store.like import like_escape
from moderator.workspace import Workspace
from ui import jobs
from ui.errors import describe_error
from ui.queue_model import local_time, plain_tooltip
from ui.table_model import LazyRowTableModel, Row, row_table_view

COL_SEQ, COL_TIME, COL_ACTOR, COL_ACTION, COL_COMMENT, COL_NOTE, COL_CHANGE = range(7)
HEADERS: dict[int, str] = {
    COL_SEQ: "#",
    COL_TIME: "Time",
    COL_ACTOR: "Actor",
    COL_ACTION: "Action",
    COL_COMMENT: "Comment",
    COL_NOTE: "Note",
    COL_CHANGE: "Before → after",
}
PAGE_SIZE = 200
FILTER_DELAY_MS = 300
BROKEN_COLOUR = QColor("#c62828")
INTACT_COLOUR = QColor("#2e7d32")
EXPORT_FILTERS = {
    "csv": "CSV (*.csv)",
    "jsonl": "JSON Lines (*.jsonl)",
    "pdf": "PDF report (*.pdf)",
}


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer shows; empty fields do not filter. Dates are ``YYYY-MM-DD`` or ISO."""

    since: str = ""
    until: str = ""
    actor: str = ""
    action: str = ""  # exact name or prefix ("action" matches action.*)
    comment: str = ""  # platform id, or the local numeric id
    text: str = ""  # words in the note

    def export_arguments(self) -> dict[str, Any]:
        """The same filters as ``audit_export.export`` keyword arguments (no note search)."""
        comment: str | int | None = self.comment.strip() or None
        return {
            "since": self.since.strip() or None,
            "until": self.until.strip() or None,
            "actions": self.action.strip() or None,
            "actor": self.actor.strip() or None,
            "comment": comment,
        }


def _where(f: AuditFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions for ``f``; date bounds parse like the CLI's (raises ValueError)."""
    from moderator.audit_export import make_filters

    bounds = make_filters(since=f.since.strip() or None, until=f.until.strip() or None)
    clauses: list[str] = []
    params: list[Any] = []
    if bounds.since:
        clauses.append("a.at >= ?")
        params.append(bounds.since)
    if bounds.until:
        clauses.append("a.at <= ?" if bounds.until_inclusive else "a.at < ?")
        params.append(bounds.until)
    if f.actor.strip():
        clauses.append("a.actor = ?")
        params.append(f.actor.strip())
    action = f.action.strip().rstrip(".*")
    if action:
        clauses.append("(a.action = ? OR a.action LIKE ? ESCAPE '\\')")
        params += [action, like_escape(action) + ".%"]
    comment = f.comment.strip()
    if comment:
        if comment.isdigit():
            clauses.append("(c.platform_id = ? OR a.comment_id = ?)")
            params += [comment, int(comment)]
        else:
            clauses.append("c.platform_id = ?")
            params.append(comment)
    if f.text.strip():
        clauses.append("a.note LIKE ? ESCAPE '\\'")
        params.append(f"%{like_escape(f.text.strip())}%")
    return clauses, params


def fetch_entries(db: Any, f: AuditFilter, after: Row | None, limit: int) -> list[Row]:
    """One keyset page of entries matching ``f``, newest first, older than ``after``."""
    clauses, params = _where(f)
    if after is not None:
        clauses.append("a.seq < ?")
        params.append(after["seq"])
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = f"""
        SELECT a.seq, a.at, a.actor, a.action, a.comment_id, a.page_id, a.note,
               a.before, a.after, a.details, a.hash,
               c.platform_id AS comment, c.text AS comment_text, p.name AS page
        FROM audit_log a
        LEFT JOIN comments c ON c.id = a.comment_id
        LEFT JOIN pages p ON p.id = coalesce(a.page_id, c.page_id)
        {where} ORDER BY a.seq DESC LIMIT ?
    """
    return list(db.query(sql, [*params, limit]))


def _compact(value: str | None) -> str:
    """A stored JSON state as ``key: value, …`` on one line."""
    if not value:
        return "—"
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if isinstance(data, dict):
        return ", ".join(f"{k}: {v}" for k, v in data.items()) or "—"
    return str(data)


def change_text(row: Mapping[str, Any]) -> str:
    """``before → after`` for the table (only the keys that changed, when both are dicts)."""
    before, after = row.get("before"), row.get("after")
    if not before and not after:
        return ""
    try:
        old = json.loads(before) if before else None
        new = json.loads(after) if after else None
    except ValueError:
        return f"{before or '—'} → {after or '—'}"
    if isinstance(old, dict) and isinstance(new, dict):
        keys = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
        if keys:
            old = {k: old.get(k) for k in keys}
            new = {k: new.get(k) for k in keys}
            return f"{_compact(json.dumps(old))} → {_compact(json.dumps(new))}"
    return f"{_compact(before)} → {_compact(after)}"


def entry_details(row: Mapping[str, Any]) -> str:
    """Everything about one entry as plain text for the detail pane."""
    lines = [
        f"Entry {row['seq']} · {local_time(row.get('at'))} (UTC {row.get('at')})",
        f"Actor: {row.get('actor')}",
        f"Action: {row.get('action')}",
    ]
    if row.get("page"):
        lines.append(f"Page: {row['page']}")
    if row.get("comment") or row.get("comment_id"):
        lines.append(f"Comment: {row.get('comment') or row.get('comment_id')}")
    if row.get("note"):
        lines.append(f"Note: {row['note']}")
    for name in ("before", "after", "details"):
        if row.get(name):
            lines.append(f"{name.capitalize()}: {row[name]}")
    lines.append(f"Hash: {row.get('hash')}")
    if row.get("comment_text") is not None:
        lines += ["", "Comment text:", str(row["comment_text"])]
    return "\n".join(lines)


class AuditModel(LazyRowTableModel):
    """Audit entries fetched lazily in keyset pages; formatting only, no SQL."""

    SeqRole = Qt.ItemDataRole.UserRole + 1

    HEADERS = HEADERS

    def __init__(self, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent, page_size)
        self.bad_seq: int | None = None  # first entry the chain check rejected

    def set_bad_seq(self, seq: int | None) -> None:
        self.bad_seq = seq
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COL_CHANGE))

    def cell(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_COMMENT and row.get("comment_text") is not None:
                return plain_tooltip(str(row["comment_text"]))
            text = self._display(row, column)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.ForegroundRole and row["seq"] == self.bad_seq:
            return BROKEN_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.SeqRole:
            return row["seq"]
        return None

    @staticmethod
    def _display(row: Row, column: int) -> str:
        if column == COL_SEQ:
            return str(row["seq"])
        if column == COL_TIME:
            return local_time(row.get("at"))
        if column == COL_ACTOR:
            return str(row.get("actor") or "")
        if column == COL_ACTION:
            return str(row.get("action") or "")
        if column == COL_COMMENT:
            return str(row.get("comment") or row.get("comment_id") or "")
        if column == COL_NOTE:
            return str(row.get("note") or "").replace("\n", " ")
        if column == COL_CHANGE:
            return change_text(row)
        return ""


# -- background jobs -------------------------------------------------------------------------------
def verify_chain(workspace: Workspace) -> Any:
    from moderator import audit

    db = jobs.open_db(workspace)
    try:
        return audit.verify(db)
    finally:
        db.close()


def export_log(
    workspace: Workspace, fmt: str, path: Path, f: AuditFilter, actor: str, ctx: Any
) -> Any:
    from moderator.audit_export import export

    ctx.progress(f"Exporting the audit log as {fmt.upper()}", 0, None)
    db = jobs.open_db(workspace)
    try:
        summary = export(
            db,
            fmt,
            path,
            **f.export_arguments(),
            exported_by=actor,
            workspace=str(workspace.root),
        )
    finally:
        db.close()
    ctx.progress(f"Exported {summary.rows:,} entries", 1, 1)
    return summary


def _line(placeholder: str, tip: str, width: int = 120) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setToolTip(tip)
    edit.setClearButtonEnabled(True)
    edit.setMinimumWidth(width)
    return edit


class AuditDialog(QDialog):
    """The audit table with filters, a detail pane, chain verification and export."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setWindowTitle("Audit log")
        self.setObjectName("auditDialog")
        self.filter = AuditFilter()
        # Tests replace this to skip the file picker; returns None when the user cancels.
        self.choose_export_path: Callable[[str], Path | None] = self._ask_export_path
        self.since_edit = _line("From YYYY-MM-DD", "Entries on or after this day (UTC)")
        self.until_edit = _line("To YYYY-MM-DD", "Entries up to the end of this day (UTC)")
        self.actor_edit = _line("Actor", "Who acted (exact name)")
        self.action_edit = _line("Action or prefix", "e.g. action, settings.change, sync")
        self.comment_edit = _line("Comment id", "The comment's platform id (or local id)")
        self.text_edit = _line("Words in the note", "Search the notes", 160)
        self.filter_edits = (
            self.since_edit,
            self.until_edit,
            self.actor_edit,
            self.action_edit,
            self.comment_edit,
            self.text_edit,
        )
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        for edit in self.filter_edits:
            edit.textChanged.connect(lambda _text: self._filter_timer.start())
            edit.returnPressed.connect(self.apply_filters)
        self.model = AuditModel(self)
        self.table = row_table_view(self.model, "auditTable")
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for column, width in (
            (COL_SEQ, 60),
            (COL_TIME, 130),
            (COL_ACTOR, 90),
            (COL_ACTION, 150),
            (COL_COMMENT, 110),
            (COL_NOTE, 160),
        ):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_CHANGE, QHeaderView.ResizeMode.Stretch
        )
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("auditDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("Select an entry to see all of it.")
        self.verify_button = QPushButton("Verify chain")
        self.verify_button.setToolTip("Recompute every hash and report the first broken entry")
        self.verify_button.clicked.connect(self.verify)
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.format_combo = QComboBox()
        for fmt in EXPORT_FILTERS:
            self.format_combo.addItem(fmt.upper(), fmt)
        self.format_combo.setToolTip("Export format")
        self.export_button = QPushButton("Export…")
        self.export_button.setToolTip("Write the entries matching the filters to a file")
        self.export_button.clicked.connect(self.export)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("auditMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        filters = QHBoxLayout()
        for edit in self.filter_edits:
            filters.addWidget(edit, 1 if edit is self.text_edit else 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verify_label, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.format_combo)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.verifying = False
        self.exporting = False
        self.last_export: Any = None
        self.resize(1180, 640)
        self.apply_filters()

    # -- listing ---------------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        return AuditFilter(*(edit.text() for edit in self.filter_edits))

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        self.filter = self.current_filter()
        self.reload()

    def reload(self) -> None:
        f, db = self.filter, self.window_.db
        try:
            self.model.set_source(lambda after, limit: fetch_entries(db, f, after, limit))
        except ValueError as error:
            self.model.set_source(None)
            self.message.setText(str(error))
            return
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.model.set_source(None)
            self.message.setText(describe_error(error, "Reading the audit log"))
            return
        more = "+" if self.model.canFetchMore() else ""
        self.message.setText(
            f"{self.model.rowCount():,}{more} entries, newest first"
            + ("; scroll for older ones" if more else "")
        )
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.detail.setPlainText(entry_details(self.model.row_data(current.row())))
        else:
            self.detail.clear()

    # -- verify ----------------------------------------------------------------------------------
    def verify(self) -> None:
        if self.verifying:
            return
        self.verifying = True
        self.verify_button.setEnabled(False)
        self.verify_label.setStyleSheet("")
        self.verify_label.setText("Verifying the chain…")
        workspace = self.window_.workspace

        def done(result: Any) -> None:
            self.verifying = False
            self.verify_button.setEnabled(True)
            self.show_verification(result)

        def failed(error: BaseException) -> None:
            self.verifying = False
            self.verify_button.setEnabled(True)
            self.verify_label.setStyleSheet(f"color: {BROKEN_COLOUR.name()};")
            self.verify_label.setText(describe_error(error, "Verifying the chain"))

        self.window_.runner.run(
            lambda _ctx: verify_chain(workspace),
            label="Verifying the audit chain",
            on_success=done,
            on_failure=failed,
            cancellable=False,
        )

    def show_verification(self, result: Any) -> None:
        if result.ok:
            self.model.set_bad_seq(None)
            self.verify_label.setStyleSheet(f"color: {INTACT_COLOUR.name()};")
            self.verify_label.setText(
                f"Chain intact: {result.entries:,} entries, head {result.head_hash}"
            )
        else:
            self.model.set_bad_seq(result.first_bad_seq)
            self.verify_label.setStyleSheet(f"color: {BROKEN_COLOUR.name()}; font-weight: bold;")
            self.verify_label.setText(
                f"Chain broken at entry {result.first_bad_seq}: {result.problem}."
            )

    # -- export ----------------------------------------------------------------------------------
    def _ask_export_path(self, fmt: str) -> Path | None:
        start = str(Path.home() / f"audit-log.{fmt}")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the audit log", start, EXPORT_FILTERS[fmt]
        )
        return Path(name) if name else None

    def export(self) -> None:
        if self.exporting:
            return
        fmt = self.format_combo.currentData()
        path = self.choose_export_path(fmt)
        if path is None:
            return
        f, window, workspace = self.current_filter(), self.window_, self.window_.workspace
        actor = window.actor
        self.exporting = True
        self.export_button.setEnabled(False)
        self.progress.show()
        self.message.setText(f"Exporting to {path.name}…")

        def progressed(message: str, done: int, total: int) -> None:
            self.progress.setFormat(message)

        def finished() -> None:
            self.exporting = False
            self.export_button.setEnabled(True)
            self.progress.hide()

        def done(summary: Any) -> None:
            finished()
            self.last_export = summary
            self.reload()  # the export itself is an audit entry
            chain = "chain intact" if summary.chain_ok else "CHAIN BROKEN"
            self.message.setText(f"Exported {summary.rows:,} entries to {summary.path} ({chain}).")

        def failed(error: BaseException) -> None:
            finished()
            self.message.setText(
                describe_error(error, "Exporting the audit log", workspace.logs_dir)
            )

        window.runner.run(
            lambda ctx: export_log(workspace, fmt, path, f, actor, ctx),
            label="Exporting the audit log",
            on_success=done,
            on_failure=failed,
            on_progress=progressed,
            cancellable=False,
        )


class AuditController:
    """Opens the one audit log window of the main window."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dialog: AuditDialog | None = None
        self.action = window.add_command(
            "View",
            "Audit log",
            "Ctrl+Shift+A",
            self.show,
            "Who did what and when; verify and export",
        )

    def show(self) -> AuditDialog:
        if self.dialog is None:
            self.dialog = AuditDialog(self.window, self.window)
        else:
            self.dialog.reload()
        self.dialog.show()
        self.dialog.activateWindow()
        return self.dialog


def install(window: Any) -> AuditController:
    """Add View → Audit log to ``window``."""
    return AuditController(window)
