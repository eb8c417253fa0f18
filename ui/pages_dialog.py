"""The page manager (File → Pages…, Ctrl+P) and the status bar's one-line sync summary.

Connecting a page is the one place the console sees an access token. It goes from the
password field straight to :func:`moderator.credentials.store_token` (the keyring) and
the field is cleared at once: the token never lands in a widget, the database, a log
line or an error message (any message quoting it is scrubbed before it is shown).
Platform calls ("Test connection", checking the token on Add, "Sync now") run through
the window's :class:`~ui.tasks.TaskRunner`, each with its own database connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator.models import PLATFORMS
from moderator.timeutil import now_text
from moderator.workspace import Workspace
from ui import jobs
from ui.errors import describe_error
from ui.queue_model import local_time
from ui.tasks import TaskContext

STATUS_REFRESH_MS = 30_000  # the status bar summary also refreshes on every sync report
COL_PLATFORM, COL_ID, COL_NAME, COL_LAST_SYNC, COL_STATUS, COL_COVERAGE, COL_ERROR = range(7)
HEADERS = ("Platform", "Page id", "Name", "Last sync", "Status", "Coverage", "Last error")
STATUS_TEXT = {"ok": "OK", "failed": "Failed", "cancelled": "Cancelled", None: "Never synced"}
ERROR_COLOUR = QColor("#c62828")
MASK = "••••"


def coverage_text(stored: int, platform_total: int | None) -> str:
    """``4,812 of 4,812 comments ingested`` (the platform's own count when it gives one)."""
    noun = "comment" if stored == 1 and platform_total is None else "comments"
    if platform_total is None:
        return f"{stored:,} {noun} ingested"
    return f"{stored:,} of {platform_total:,} comments ingested"


def one_sentence(text: str | None) -> str:
    """The first line of a stored error, so a long platform message stays one table cell."""
    if not text:
        return ""
    line = text.strip().splitlines()[0]
    return line if line.endswith((".", "!", "?")) else line + "."


def scrub(text: str, secret: str | None) -> str:
    """``text`` with every occurrence of ``secret`` masked (belt and braces for messages)."""
    return text.replace(secret, MASK) if secret else text


@dataclass(frozen=True)
class SyncSummary:
    """What the status bar says about syncing: newest sync, pages, pages whose last sync failed."""

    last_sync_at: str | None
    pages: int
    errors: int

    def text(self) -> str:
        if self.pages == 0:
            return "No pages connected"
        when = "never"
        if self.last_sync_at:
            stamp = local_time(self.last_sync_at)  # "YYYY-MM-DD HH:MM"
            today = datetime.now().astimezone().strftime("%Y-%m-%d")
            when = stamp[-5:] if stamp.startswith(today) else stamp
        parts = [f"Last sync {when}", f"{self.pages} page" + ("" if self.pages == 1 else "s")]
        if self.errors:
            parts.append(f"{self.errors} error" + ("" if self.errors == 1 else "s"))
        return " · ".join(parts)


def sync_summary(db: Any) -> SyncSummary:
    """One small query over the pages table (no comment counts: cheap on the GUI thread)."""
    row = db.execute(
        "SELECT count(*), max(last_sync_at), "
        "coalesce(sum(last_sync_status = 'failed'), 0) FROM pages WHERE removed_at IS NULL"
    ).fetchone()
    return SyncSummary(last_sync_at=row[1], pages=int(row[0]), errors=int(row[2]))


# -- background jobs (plain functions: no widgets) ---------------------------------------------
def load_pages(workspace: Workspace) -> list[dict[str, Any]]:
    """Connected pages with their comment counts (a count per page: off the GUI thread)."""
    from moderator.store.pages import list_pages

    db = jobs.open_db(workspace)
    try:
        return list_pages(db)
    finally:
        db.close()


def test_connection(page_row: dict[str, Any], token: str | None) -> str:
    """The page's name as the platform reports it; raises ConnectorError otherwise."""
    from moderator.connectors import make_connector

    return make_connector(page_row, token).validate()


def check_and_store_token(page_row: dict[str, Any], token: str | None) -> str:
    """Validate the token against the platform, then keep it in the keyring (only there)."""
    from moderator import credentials

    name = test_connection(page_row, token)
    if token:
        credentials.store_token(page_row["platform"], page_row["platform_id"], token)
    return name


def sync_one(workspace: Workspace, page_id: int, ctx: TaskContext) -> Any:
    """Sync one connected page, reporting progress; returns its ``SyncReport``."""
    from moderator.connectors.base import ConnectorError
    from moderator.store.pages import get_page, record_sync_result
    from moderator.sync import SyncReport, sync_page

    db = jobs.open_db(workspace)
    try:
        page = get_page(db, page_id)
        try:
            connector = jobs.connector_factory(workspace.root)(page)
        except ConnectorError as error:  # e.g. no token: remembered like any failed sync
            with db.atomic():
                record_sync_result(
                    db, page["id"], status="failed", error=str(error), finished_at=now_text()
                )
            return SyncReport(page["id"], page["name"], "failed", str(error))
        return sync_page(db, page, connector, progress=ctx.progress, cancelled=ctx.cancelled)
    finally:
        db.close()


# -- widgets -------------------------------------------------------------------------------------
def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class AddPageDialog(QDialog):
    """Connect a page: platform, id, name, optional API base and the page's access token."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setWindowTitle("Connect a page")
        self.setObjectName("addPageDialog")
        self.platform_combo = QComboBox()
        for platform in PLATFORMS:
            self.platform_combo.addItem(platform.capitalize(), platform)
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText("The platform's page, account or channel id")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Shown in the queue; filled in by Test connection")
        self.api_base_edit = QLineEdit()
        self.api_base_edit.setPlaceholderText("Optional: a proxy or test server")
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText("Page access token (kept in the system keyring)")
        self.test_button = QPushButton("Test connection")
        self.test_button.setToolTip("Ask the platform whether this token can read the page")
        self.test_button.clicked.connect(self.test_connection)
        self.result_label = _plain_label()
        self.result_label.setObjectName("connectionResult")
        form = QFormLayout()
        form.addRow("Platform", self.platform_combo)
        form.addRow("Page id", self.id_edit)
        form.addRow("Name", self.name_edit)
        form.addRow("API base", self.api_base_edit)
        form.addRow("Token", self.token_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add page")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.buttons)
        self.platform_combo.currentIndexChanged.connect(self._platform_changed)
        self._platform_changed()
        self.busy = False
        self.added_page: dict[str, Any] | None = None
        self.resize(520, 260)

    def _platform_changed(self) -> None:
        demo = self.platform_combo.currentData() == "demo"
        self.token_edit.setEnabled(not demo)
        self.api_base_edit.setPlaceholderText(
            "Path of a demo page document (empty: the bundled page)"
            if demo
            else "Optional: a proxy or test server"
        )

    def page_row(self) -> dict[str, Any]:
        return {
            "platform": self.platform_combo.currentData(),
            "platform_id": self.id_edit.text().strip(),
            "name": self.name_edit.text().strip(),
            "api_base": self.api_base_edit.text().strip() or None,
        }

    def _take_token(self) -> str | None:
        """Read the token and clear the field, so it stays in no widget after use."""
        token = self.token_edit.text().strip() or None
        self.token_edit.clear()
        return None if self.platform_combo.currentData() == "demo" else token

    def _missing(self, row: dict[str, Any], token: str | None, need_name: bool) -> str | None:
        if not row["platform_id"]:
            return "Enter the page id."
        if need_name and not row["name"]:
            return "Enter a name for the page."
        if row["platform"] != "demo" and not token:
            return f"A {row['platform']} page needs its access token."
        return None

    def _show_result(self, text: str, error: bool) -> None:
        self.result_label.setText(text)
        colour = ERROR_COLOUR.name() if error else "#2e7d32"
        self.result_label.setStyleSheet(f"color: {colour};")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.test_button.setEnabled(not busy)
        self.add_button.setEnabled(not busy)

    def test_connection(self) -> None:
        """Validate in the background; the token is cleared from the field right away."""
        row = self.page_row()
        token = self._take_token()
        problem = self._missing(row, token, need_name=False)
        if problem:
            self._show_result(problem, error=True)
            return
        self._set_busy(True)
        self._show_result("Testing the connection…", error=False)

        def done(name: str) -> None:
            self._set_busy(False)
            self._show_result(f"Connected: {name}", error=False)
            if not self.name_edit.text().strip():
                self.name_edit.setText(name)
            if token:
                self.token_edit.setPlaceholderText("Token tested; enter it again to add the page")

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            sentence = describe_error(error, "Testing the connection")
            self._show_result(scrub(sentence, token), error=True)

        self.window_.runner.run(
            lambda _ctx: test_connection(row, token),
            label="Testing the connection",
            on_success=done,
            on_failure=failed,
            cancellable=False,
        )

    def submit(self) -> None:
        """Check the token, store it in the keyring, then record the page (audited)."""
        row = self.page_row()
        token = self._take_token()
        problem = self._missing(row, token, need_name=True)
        if problem:
            self._show_result(problem, error=True)
            return
        self._set_busy(True)
        self._show_result("Checking the page…", error=False)
        window = self.window_

        def done(_name: str) -> None:
            from moderator.store.pages import add_page

            self._set_busy(False)
            try:
                self.added_page = add_page(
                    window.db,
                    platform=row["platform"],
                    platform_id=row["platform_id"],
                    name=row["name"],
                    api_base=row["api_base"],
                    actor=window.actor,
                )
            except Exception as error:  # noqa: BLE001 - shown as one sentence
                self._show_result(describe_error(error, "Adding the page"), error=True)
                return
            self.accept()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            sentence = scrub(describe_error(error, "Checking the page"), token)
            self._show_result(f"The page was not added: {sentence}", error=True)

        window.runner.run(
            lambda _ctx: check_and_store_token(row, token),
            label="Checking the page",
            on_success=done,
            on_failure=failed,
            cancellable=False,
        )


class PagesDialog(QDialog):
    """Connected pages with their sync state; add, remove and sync one page."""

    def __init__(self, controller: PagesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.window_ = controller.window
        self.setWindowTitle("Pages")
        self.setObjectName("pagesDialog")
        self.pages: list[dict[str, Any]] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("pagesTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ERROR, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip("Connect a Facebook, Instagram, YouTube or demo page")
        self.add_button.clicked.connect(self.add_page)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setToolTip("Disconnect the page and delete its token (comments stay)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.sync_button = QPushButton("Sync now")
        self.sync_button.setToolTip("Fetch new and changed comments of the selected page")
        self.sync_button.clicked.connect(self.sync_selected)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.message = _plain_label()
        self.message.setObjectName("pagesMessage")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.sync_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.add_dialog: AddPageDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.syncing: set[int] = set()
        self.loaded = 0  # refreshes delivered (tests wait on it)
        self._update_buttons()
        self.resize(1080, 360)

    # -- listing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        workspace = self.window_.workspace

        def show(pages: list[dict[str, Any]]) -> None:
            self.show_pages(pages)
            self.loaded += 1

        def failed(error: BaseException) -> None:
            self.message.setText(describe_error(error, "Listing the pages"))
            self.loaded += 1

        self.window_.runner.run(
            lambda _ctx: load_pages(workspace),
            label="Listing pages",
            on_success=show,
            on_failure=failed,
            cancellable=False,
            silent=True,
        )

    def show_pages(self, pages: list[dict[str, Any]]) -> None:
        selected = self.selected_page()
        self.pages = pages
        self.table.setRowCount(len(pages))
        for row, page in enumerate(pages):
            status = page.get("last_sync_status")
            values = {
                COL_PLATFORM: str(page["platform"]).capitalize(),
                COL_ID: page["platform_id"],
                COL_NAME: page["name"],
                COL_LAST_SYNC: local_time(page.get("last_sync_at")) or "never",
                COL_STATUS: STATUS_TEXT.get(status, str(status)),
                COL_COVERAGE: coverage_text(
                    int(page.get("stored_comments") or 0), page.get("platform_comment_count")
                ),
                COL_ERROR: one_sentence(page.get("last_error")),
            }
            if page["id"] in self.syncing:
                values[COL_STATUS] = "Syncing…"
            for column, text in values.items():
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if status == "failed" and column in (COL_STATUS, COL_ERROR):
                    item.setForeground(ERROR_COLOUR)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            COL_ERROR, QHeaderView.ResizeMode.Stretch
        )
        if selected is not None:
            self.select_page(selected["id"])
        elif pages and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def selected_page(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.pages):
            return None
        return self.pages[rows[0].row()]

    def select_page(self, page_id: int) -> None:
        for row, page in enumerate(self.pages):
            if page["id"] == page_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        page = self.selected_page()
        self.remove_button.setEnabled(page is not None)
        self.sync_button.setEnabled(page is not None and page["id"] not in self.syncing)

    # -- add / remove ------------------------------------------------------------------------------
    def add_page(self) -> AddPageDialog:
        dialog = AddPageDialog(self.window_, self)

        def added() -> None:
            page = dialog.added_page
            if page is not None:
                self.message.setText(f"Connected {page['platform']} page {page['name']}.")
            self.refresh()
            self.controller.update_status()

        dialog.accepted.connect(added)
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def remove_selected(self) -> QMessageBox | None:
        page = self.selected_page()
        if page is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove page",
            f"Disconnect {page['name']} ({page['platform']} {page['platform_id']}) and delete "
            "its token? Its stored comments and audit history stay.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self._remove(page))
        self.confirm_box = box
        box.open()
        return box

    def _remove(self, page: dict[str, Any]) -> None:
        from moderator import credentials
        from moderator.store.pages import remove_page

        window = self.window_
        try:
            if page["platform"] != "demo":
                credentials.delete_token(page["platform"], page["platform_id"])
            remove_page(window.db, page["id"], window.actor)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.message.setText(describe_error(error, "Removing the page"))
            return
        self.message.setText(f"Removed {page['name']} and its token.")
        self.refresh()
        self.controller.update_status()
        window.events.queue_changed.emit()

    # -- sync --------------------------------------------------------------------------------------
    def sync_selected(self) -> None:
        page = self.selected_page()
        if page is None:
            return
        window = self.window_
        if window.is_syncing():
            self.message.setText("A sync of every page is running; wait for it to finish.")
            return
        page_id, workspace = page["id"], window.workspace
        self.syncing.add(page_id)
        self.progress.setRange(0, 0)
        self.progress.setFormat(f"Syncing {page['name']}")
        self.progress.show()
        self.show_pages(self.pages)

        def progressed(message: str, done: int, total: int) -> None:
            if total > 0:
                self.progress.setRange(0, total)
                self.progress.setValue(min(done, total))
                self.progress.setFormat(f"{message}: %v/%m")
            else:
                self.progress.setFormat(f"{message}: {done:,}")

        def finished() -> None:
            self.syncing.discard(page_id)
            if not self.syncing:
                self.progress.hide()
            self.refresh()

        def done(report: Any) -> None:
            finished()
            window.events.report_sync(report)
            if report.status == "failed":
                self.message.setText(f"Sync of {report.page_name} failed: {report.error}")
            else:
                verb = "Sync cancelled" if report.status == "cancelled" else "Synced"
                self.message.setText(
                    f"{verb} {report.page_name}: {report.counts.new} new, "
                    f"{report.counts.updated} changed comments."
                )
            window.maybe_flag()

        def failed(error: BaseException) -> None:
            finished()
            self.message.setText(describe_error(error, "Syncing the page", workspace.logs_dir))

        window.runner.run(
            lambda ctx: sync_one(workspace, page_id, ctx),
            label=f"Syncing {page['name']}",
            on_success=done,
            on_failure=failed,
            on_progress=progressed,
        )


class PagesController:
    """Owns the page manager dialog and the status bar's sync summary."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dialog: PagesDialog | None = None
        self.status_label = QLabel()
        self.status_label.setObjectName("syncStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setToolTip("Sync state of the connected pages (File → Pages…)")
        window.statusBar().addPermanentWidget(self.status_label)
        self.timer = QTimer(window)
        self.timer.setInterval(STATUS_REFRESH_MS)
        self.timer.timeout.connect(self.update_status)
        self.timer.start()
        window.events.sync_finished.connect(lambda _report: self.update_status())
        self.action = window.add_command(
            "File", "Pages…", "Ctrl+P", self.show, "Connect, remove and sync pages"
        )
        self.update_status()

    def update_status(self) -> None:
        try:
            text = sync_summary(self.window.db).text()
        except Exception:  # noqa: BLE001 - the summary is informative only; keep the old text
            return
        self.status_label.setText(text)

    def show(self) -> PagesDialog:
        if self.dialog is None:
            self.dialog = PagesDialog(self, self.window)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.activateWindow()
        return self.dialog


def install(window: Any) -> PagesController:
    """Add File → Pages… and the sync summary to ``window``'s status bar."""
    return PagesController(window)
