"""The main window: filter bar, the queue, the detail pane, keyboard-first actions.

Reads on the GUI thread are single keyset pages and one comment's detail (well under
a millisecond with the store's indexes); anything slow (sync, detectors, counts,
platform calls) goes through :class:`ui.tasks.TaskRunner` with its own connection.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moderator import queue
from moderator.models import FLAG_KINDS
from moderator.queue import QueueFilter
from moderator.timeutil import now_text, utc_now
from moderator.workspace import Workspace
from ui import jobs
from ui.core_events import CoreEvents
from ui.detail_pane import DetailPane, kind_label
from ui.dialogs import NoteDialog, ReplyDialog, ShortcutsDialog
from ui.errors import describe_error
from ui.queue_model import (
    COL_AUTHOR,
    COL_PAGE,
    COL_PREVIEW,
    COL_RISK,
    COL_STATUS,
    COL_TIME,
    QueueModel,
)
from ui.table_model import row_table_view
from ui.tasks import Task, TaskContext, TaskRunner

ORGANIZATION = "Northwind"
APPLICATION = "Moderation Console"
SEARCH_DEBOUNCE_MS = 250
READ_DELAY_MS = 600  # a comment counts as read once it stayed on screen this long
# Feature modules that add their own menu commands through ``install(window)``; each is
# optional so the queue keeps working while one of them fails to import.
EXTENSION_MODULES = (
    "ui.pages_dialog",
    "ui.outbox_view",
    "ui.audit_view",
    "ui.settings_dialog",
    "ui.escalation_form",
    "ui.escalations_view",
    "ui.dashboard",
)
MENU_NAMES = ("&File", "&View", "&Tools", "&Help")
# "Since" choices of the date filter, in hours back from now (None: any time).
PERIOD_CHOICES: list[tuple[str, int | None]] = [
    ("Any time", None),
    ("Last 24 hours", 24),
    ("Last 3 days", 72),
    ("Last 7 days", 24 * 7),
    ("Last 30 days", 24 * 30),
]
STATUS_CHOICES: list[tuple[str, tuple[str, ...]]] = [
    ("Open", ("new", "escalated")),
    ("New", ("new",)),
    ("Reviewed", ("reviewed",)),
    ("Escalated", ("escalated",)),
    ("Dismissed", ("dismissed",)),
    ("All", ()),
]
DetectorLoader = Callable[[Workspace, TaskContext], jobs.Detectors]


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "moderator"


class MainWindow(QMainWindow):
    """The moderation console; ``start()`` kicks off the background work after ``show()``."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        settings: QSettings | None = None,
        actor: str | None = None,
        detector_loader: DetectorLoader | None = jobs.load_detectors,
        read_delay_ms: int = READ_DELAY_MS,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.db = jobs.open_db(workspace)
        self.settings = settings or QSettings(ORGANIZATION, APPLICATION)
        self.actor = actor or self._configured_actor() or default_actor()
        self.detector_loader = detector_loader
        self.detectors: jobs.Detectors | None = None
        self.events = CoreEvents(self)
        self.runner = TaskRunner(self)
        self.filter = QueueFilter(statuses=STATUS_CHOICES[0][1])
        self.last_error: str | None = None
        self.error_box: QMessageBox | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.open_dialog: Any = None
        self._last_dismissed: list[int] = []
        self._counts_generation = 0
        self._syncing = False
        self._flagging = False
        self._flag_again = False
        self.setWindowTitle(f"Moderation Console — {workspace.root}")
        self._build_filter_bar()
        self._build_central()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(read_delay_ms)
        self._read_timer.timeout.connect(self._mark_current_read)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.events.queue_changed.connect(self.refresh_queue)
        self.events.detector_status.connect(self.detector_label.setText)
        self.runner.task_started.connect(self._task_started)
        self.runner.task_finished.connect(self._task_finished)
        self.resize(1360, 860)
        self._install_extensions()
        self._restore_state()
        self.refresh_queue()
        self.table.setFocus()

    def _configured_actor(self) -> str | None:
        from moderator import settings as workspace_settings

        name = workspace_settings.get(self.db, "moderator_name")
        return str(name) if name else None

    # -- building ------------------------------------------------------------------------------
    def _build_filter_bar(self) -> None:
        bar = QToolBar("Filters", self)
        bar.setObjectName("filterBar")
        bar.setMovable(False)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText("Search comments and authors  ( / )")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(260)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._search_done)
        bar.addWidget(self.search_edit)
        bar.addSeparator()
        self.kind_buttons: dict[str, QToolButton] = {}
        for kind in FLAG_KINDS:
            button = QToolButton()
            button.setCheckable(True)
            button.setText(kind_label(kind))
            button.setToolTip(f"Show only comments flagged {kind_label(kind).lower()}")
            button.toggled.connect(self._filters_changed)
            bar.addWidget(button)
            self.kind_buttons[kind] = button
        bar.addSeparator()
        self.status_combo = QComboBox()
        for label, statuses in STATUS_CHOICES:
            self.status_combo.addItem(label, statuses)
        self.status_combo.setToolTip("Which comments to show by their moderation status")
        self.status_combo.currentIndexChanged.connect(self._filters_changed)
        bar.addWidget(self.status_combo)
        self.page_combo = QComboBox()
        self.page_combo.setObjectName("pageFilter")
        self.page_combo.setToolTip("Show one page or every page of one platform")
        self.page_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reload_page_choices()
        self.page_combo.currentIndexChanged.connect(self._filters_changed)
        bar.addWidget(self.page_combo)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodFilter")
        self.period_combo.setToolTip("Show comments posted in this period")
        for label, hours in PERIOD_CHOICES:
            self.period_combo.addItem(label, hours)
        self.period_combo.currentIndexChanged.connect(self._filters_changed)
        bar.addWidget(self.period_combo)
        self.unread_check = QCheckBox("Unread")
        self.unread_check.toggled.connect(self._filters_changed)
        bar.addWidget(self.unread_check)
        self.unflagged_check = QCheckBox("Unflagged too")
        self.unflagged_check.setToolTip("Also show comments the detectors did not flag")
        self.unflagged_check.toggled.connect(self._filters_changed)
        bar.addWidget(self.unflagged_check)
        bar.addSeparator()
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.count_label)
        self.filter_bar = bar

    def _build_central(self) -> None:
        self.model = QueueModel(self)
        self.table = row_table_view(self.model, "queue", multi_select=True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        bold = self.font()
        bold.setBold(True)  # unread rows are bold: size the columns for them
        metrics = QFontMetrics(bold)
        for column, width in (
            (COL_RISK, metrics.horizontalAdvance("Adverse event") + 40),
            (COL_PAGE, 140),
            (COL_AUTHOR, 120),
            (COL_TIME, metrics.horizontalAdvance("2026-11-21 11:46") + 24),
            (COL_STATUS, 90),
        ):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(COL_PREVIEW, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail = DetailPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([860, 500])
        self.empty_label = QLabel()
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        layout.addWidget(self.empty_label)
        self.setCentralWidget(central)

    def _action(
        self, text: str, keys: str | list[str], slot: Callable[[], Any], tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        sequences = [QKeySequence(k) for k in ([keys] if isinstance(keys, str) else keys)]
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip or text} ({sequences[0].toString()})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.shortcut_list.append((" / ".join(s.toString() for s in sequences), tip or text))
        return action

    def _build_actions(self) -> None:
        self.shortcut_list: list[tuple[str, str]] = []
        # Arrows belong to the table itself (Shift+arrows extend the selection).
        self.next_action = self._action("Next", "J", self.select_next, "Next comment")
        self.previous_action = self._action(
            "Previous", "K", self.select_previous, "Previous comment"
        )
        self.hide_action = self._action(
            "Hide", "H", self.hide_selected, "Hide the selected comments on the platform"
        )
        self.unhide_action = self._action(
            "Unhide", "U", self.unhide_selected, "Make the selected comments public again"
        )
        self.reply_action = self._action(
            "Reply", "R", self.reply_current, "Reply with an approved template"
        )
        self.escalate_action = self._action(
            "Escalate", "E", self.escalate_selected, "Escalate to pharmacovigilance"
        )
        self.dismiss_action = self._action(
            "Dismiss", "D", self.dismiss_selected, "Dismiss: the flags do not apply"
        )
        self.undo_action = self._action(
            "Undo dismiss", "Ctrl+Z", self.undo_dismiss, "Bring back the comments just dismissed"
        )
        self.search_action = self._action(
            "Search", "/", self.focus_search, "Search comments and authors"
        )
        self.sync_action = self._action("Sync", "F5", self.sync_now, "Sync every page now")
        self.help_action = self._action(
            "Shortcuts", ["?", "F1"], self.show_shortcuts, "Show every keyboard shortcut"
        )
        self.queue_action = self._action(
            "Back to the queue", "Escape", self.focus_queue, "Leave the search box for the queue"
        )
        toolbar = QToolBar("Actions", self)
        toolbar.setObjectName("actionBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.sync_action,
            self.hide_action,
            self.unhide_action,
            self.reply_action,
            self.escalate_action,
            self.dismiss_action,
            self.undo_action,
            self.help_action,
        ):
            toolbar.addAction(action)
        # Actions on the first row, filters (with the search box) on their own row below.
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.filter_bar)
        self.action_bar = toolbar

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {
            name.replace("&", ""): bar.addMenu(name) for name in MENU_NAMES
        }
        self.menus["File"].addAction(self.sync_action)
        for action in (
            self.hide_action,
            self.unhide_action,
            self.reply_action,
            self.escalate_action,
            self.dismiss_action,
            self.undo_action,
        ):
            self.menus["Tools"].addAction(action)
        self.menus["Tools"].addSeparator()
        self.menus["Help"].addAction(self.help_action)

    def add_command(
        self,
        menu: str,
        text: str,
        keys: str | list[str],
        slot: Callable[[], Any],
        tip: str = "",
    ) -> QAction:
        """Add a window-wide command to a menu (and to the shortcut list shown by ``?``).

        Feature modules call this from their ``install(window)``.
        """
        action = self._action(text, keys, slot, tip)
        self.menus[menu].addAction(action)
        return action

    def _install_extensions(self) -> None:
        import importlib

        self.extensions: dict[str, Any] = {}
        for name in EXTENSION_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name == name:
                    continue  # not built yet
                raise
            self.extensions[name] = module.install(self)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.detector_label = QLabel("Detectors: not loaded")
        self.detector_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the background work at the next safe point")
        self.cancel_button.clicked.connect(self.cancel_background)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_bar)
        row.addWidget(self.cancel_button)
        bar.addPermanentWidget(self.detector_label)
        bar.addPermanentWidget(holder)
        self.progress_holder = holder
        holder.hide()

    # -- state -------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes) and splitter:
            self.splitter.restoreState(QByteArray(splitter))
        header = self.settings.value("window/queueHeader")
        if isinstance(header, QByteArray | bytes) and header:
            self.table.horizontalHeader().restoreState(QByteArray(header))

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/queueHeader", self.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_state()
        self._read_timer.stop()
        self._search_timer.stop()
        self.runner.shutdown()
        self.db.close()
        super().closeEvent(event)

    # -- errors -------------------------------------------------------------------------------
    def show_error(self, sentence: str) -> None:
        """One clear sentence in a non-blocking message box and the status bar."""
        self.last_error = sentence
        self.statusBar().showMessage(sentence, 15_000)
        if self.error_box is not None:
            self.error_box.close()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Moderation Console",
            sentence,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.error_box = box

    def _failure(self, doing: str) -> Callable[[BaseException], None]:
        def report(error: BaseException) -> None:
            self.show_error(describe_error(error, doing, self.workspace.logs_dir))

        return report

    # -- the queue ------------------------------------------------------------------------------
    def reload_page_choices(self) -> None:
        """Fill the page filter: every page, each platform, each connected page."""
        from moderator.store.pages import list_pages

        current = self.page_combo.currentData()
        self.page_combo.blockSignals(True)
        self.page_combo.clear()
        self.page_combo.addItem("All pages", None)
        pages = list_pages(self.db, counts=False)
        for platform in sorted({page["platform"] for page in pages}):
            self.page_combo.addItem(f"All {platform.title()} pages", f"platform:{platform}")
        for page in pages:
            label = f"{page['name']} ({page['platform'].title()})"
            self.page_combo.addItem(label, f"page:{page['id']}")
        index = self.page_combo.findData(current)
        self.page_combo.setCurrentIndex(max(index, 0))
        self.page_combo.blockSignals(False)

    def _filters_changed(self, *_args: Any) -> None:
        kinds = tuple(kind for kind, button in self.kind_buttons.items() if button.isChecked())
        scope_kind, _, scope_value = (self.page_combo.currentData() or "").partition(":")
        hours = self.period_combo.currentData()
        self.filter = QueueFilter(
            kinds=kinds,
            statuses=tuple(self.status_combo.currentData() or ()),
            page_id=int(scope_value) if scope_kind == "page" else None,
            platform=scope_value if scope_kind == "platform" else None,
            date_from=utc_now() - timedelta(hours=hours) if hours else None,
            search=self.search_edit.text(),
            flagged_only=not self.unflagged_check.isChecked(),
            unread_only=self.unread_check.isChecked(),
        )
        self.refresh_queue(keep_position=False)

    def _apply_search(self) -> None:
        if self.search_edit.text() != self.filter.search:
            self._filters_changed()

    def _search_done(self) -> None:
        self._search_timer.stop()
        self._apply_search()
        self.focus_queue()

    def refresh_queue(self, keep_position: bool = True) -> None:
        """Reload the first page for the current filter, keeping the selected comment if shown."""
        current = self.current_comment_id() if keep_position else None
        position = self.table.currentIndex().row() if keep_position else 0
        f = self.filter
        now = now_text()
        db = self.db
        try:
            self.model.set_source(
                lambda after, limit: queue.fetch_page(db, f, limit, after, now=now)
            )
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.model.set_source(None)
            self._failure("Loading the queue")(error)
        row = self.model.row_for_id(current) if current is not None else -1
        if row < 0 and self.model.rowCount() > 0:
            row = min(max(position, 0), self.model.rowCount() - 1)
        if row >= 0:
            self.select_row(row)
        else:
            self.detail.show_detail(None)
        self._update_empty_state()
        self._refresh_counts()

    def _update_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            if self.filter.search:
                text = f"No comments match “{self.filter.search}” with these filters."
            elif self._syncing or (self._flagging and self.filter.flagged_only):
                text = "Nothing to show yet: comments are still being synced and flagged."
            else:
                text = "Nothing in this queue. Sync (F5) fetches new comments."
            self.empty_label.setText(text)
        self.empty_label.setVisible(empty)

    def _refresh_counts(self) -> None:
        self._counts_generation += 1
        generation = self._counts_generation
        f = self.filter
        workspace = self.workspace

        def show(counts: jobs.QueueCounts) -> None:
            if generation != self._counts_generation:
                return
            for kind, button in self.kind_buttons.items():
                button.setText(f"{kind_label(kind)}  {counts.by_kind.get(kind, 0)}")
            noun = "comment" if counts.total == 1 else "comments"
            self.count_label.setText(f"{counts.total} {noun}")

        self.runner.run(
            lambda _ctx: jobs.queue_counts(workspace, f),
            label="Counting",
            on_success=show,
            on_failure=self._failure("Counting the queue"),
            cancellable=False,
            silent=True,
        )

    def current_comment_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.data(index, QueueModel.CommentIdRole)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.model.row_data(row)["id"] for row in rows]
        if not ids and self.current_comment_id() is not None:
            ids = [self.current_comment_id()]
        return ids

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def select_next(self) -> None:
        row = self.table.currentIndex().row()
        if row + 1 >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        self.select_row(min(row + 1, self.model.rowCount() - 1))

    def select_previous(self) -> None:
        self.select_row(max(self.table.currentIndex().row() - 1, 0))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def focus_queue(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._read_timer.stop()
        if not current.isValid():
            self.detail.show_detail(None)
            return
        self.show_comment(self.model.row_data(current.row())["id"])
        self._read_timer.start()

    def show_comment(self, comment_id: int) -> None:
        try:
            self.detail.show_detail(queue.comment_detail(self.db, comment_id))
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.detail.show_detail(None)
            self._failure("Opening the comment")(error)

    def _mark_current_read(self) -> None:
        comment_id = self.current_comment_id()
        if comment_id is None:
            return
        try:
            queue.mark_read(self.db, comment_id, self.actor)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self._failure("Marking the comment read")(error)
            return
        self._reload_rows([comment_id])

    def _reload_rows(self, ids: list[int]) -> None:
        """Re-read the fields actions change and update those rows in place."""
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        for row in self.db.query(
            f"SELECT id, status, hidden, read_at FROM comments WHERE id IN ({marks})", ids
        ):
            row["hidden"] = bool(row["hidden"])
            self.model.update_row(row["id"], row)
        current = self.current_comment_id()
        if current in ids:
            self.show_comment(current)

    # -- moderation actions ------------------------------------------------------------------------
    def _actions_module(self) -> Any:
        try:
            from moderator import actions
        except ImportError:
            self.show_error(
                "Moderation actions are not available in this installation; "
                "reinstall the console to get them."
            )
            return None
        return actions

    def _apply_each(self, ids: list[int], fn: Callable[[int], Any], doing: str) -> list[int]:
        """Run ``fn`` per comment; errors are collected into one message. Returns the ids done."""
        done: list[int] = []
        errors: list[str] = []
        for comment_id in ids:
            try:
                fn(comment_id)
            except Exception as error:  # noqa: BLE001 - summarised below
                errors.append(describe_error(error, doing, self.workspace.logs_dir))
            else:
                done.append(comment_id)
        self._reload_rows(ids)
        if errors:
            more = f" ({len(errors) - 1} more like it)" if len(errors) > 1 else ""
            self.show_error(errors[0] + more)
        return done

    def _advance_after(self, ids: list[int]) -> None:
        """After acting on the current comment alone, move on to the next one."""
        if len(ids) == 1 and ids[0] == self.current_comment_id():
            self.select_next()

    def dismiss_selected(self) -> None:
        actions = self._actions_module()
        ids = self.selected_ids()
        if actions is None or not ids:
            return
        done = self._apply_each(
            ids, lambda cid: actions.dismiss(self.db, cid, self.actor), "Dismissing"
        )
        if done:
            self._last_dismissed = done
            noun = "comment" if len(done) == 1 else "comments"
            self.statusBar().showMessage(
                f"Dismissed {len(done)} {noun}; Ctrl+Z brings them back.", 8000
            )
            self._advance_after(done)
            self._refresh_counts()

    def undo_dismiss(self) -> None:
        actions = self._actions_module()
        if actions is None or not self._last_dismissed:
            self.statusBar().showMessage("Nothing to undo.", 4000)
            return
        ids, self._last_dismissed = self._last_dismissed, []
        done = self._apply_each(
            ids, lambda cid: actions.undo_dismiss(self.db, cid, self.actor), "Undoing the dismissal"
        )
        if done:
            self.statusBar().showMessage(f"Brought back {len(done)} dismissed comment(s).", 6000)
            self._refresh_counts()

    def escalate_selected(self) -> None:
        actions = self._actions_module()
        ids = self.selected_ids()
        if actions is None or not ids:
            return
        noun = "this comment" if len(ids) == 1 else f"these {len(ids)} comments"
        dialog = NoteDialog(
            "Escalate to pharmacovigilance",
            f"Escalate {noun} to the PV team as a potential adverse event case?",
            self,
        )

        def accepted() -> None:
            note = dialog.text()
            done = self._apply_each(
                ids, lambda cid: actions.escalate(self.db, cid, self.actor, note), "Escalating"
            )
            if done:
                self.statusBar().showMessage(f"Escalated {len(done)} comment(s) to PV.", 6000)
                self._advance_after(done)
                self._refresh_counts()

        dialog.accepted.connect(accepted)
        self.open_dialog = dialog
        dialog.open()

    def hide_selected(self) -> None:
        self._platform_action("hide", self.selected_ids())

    def unhide_selected(self) -> None:
        self._platform_action("unhide", self.selected_ids())

    def reply_current(self) -> None:
        comment_id = self.current_comment_id()
        if comment_id is None:
            return
        try:
            from moderator import templates
        except ImportError:
            self.show_error("Reply templates are not available in this installation.")
            return
        try:
            loaded = templates.load_templates()
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self._failure("Loading the reply templates")(error)
            return
        if not loaded:
            self.show_error("There are no approved reply templates; add some to templates.toml.")
            return
        texts: dict[str, tuple[str, str, bool]] = {}
        for name, template in loaded.items():
            try:
                texts[name] = (
                    template.title,
                    templates.render_for_comment(self.db, name, comment_id, loaded),
                    True,
                )
            except Exception as error:  # noqa: BLE001 - shown in the dialog
                texts[name] = (template.title, describe_error(error, "Filling the template"), False)
        row = self.model.row_for_id(comment_id)
        kind = self.model.row_data(row).get("top_kind") if row >= 0 else None
        preferred = next((n for n, t in loaded.items() if kind and t.kind == kind), None)
        dialog = ReplyDialog(texts, preferred, self)

        def accepted() -> None:
            payload = {"text": dialog.reply_text(), "template": dialog.template_name()}
            self._platform_action("reply", [comment_id], payload)

        dialog.accepted.connect(accepted)
        self.open_dialog = dialog
        dialog.open()

    def _platform_action(
        self, kind: str, ids: list[int], payload: dict[str, Any] | None = None
    ) -> None:
        """Queue the action with its audit entry now; send it to the platform in the background."""
        actions = self._actions_module()
        if actions is None or not ids:
            return
        action_ids: list[int] = []

        def enqueue(comment_id: int) -> None:
            action_ids.append(
                actions.enqueue(self.db, comment_id, kind, self.actor, payload=payload)
            )

        done = self._apply_each(ids, enqueue, f"Queuing the {kind}")
        if not action_ids:
            return
        self._advance_after(done)
        workspace = self.workspace
        self.runner.run(
            lambda ctx: jobs.apply_actions(workspace, action_ids, ctx),
            label=f"Sending {kind}",
            on_success=lambda results: self._actions_applied(kind, done, results),
            on_failure=self._failure(f"Sending the {kind} to the platform"),
            cancellable=False,
        )

    def _actions_applied(self, kind: str, ids: list[int], results: list[Any]) -> None:
        self._reload_rows(ids)
        failed = [r for r in results if getattr(r, "status", "") not in ("done", "pending")]
        waiting = [r for r in results if getattr(r, "status", "") == "pending"]
        if failed:
            error = getattr(failed[0], "error", None) or f"status {failed[0].status}"
            self.show_error(f"The {kind} did not reach the platform: {error}")
        elif waiting:
            self.statusBar().showMessage(
                f"The platform asked us to wait; the {kind} will be retried automatically.", 8000
            )
        else:
            self.statusBar().showMessage(
                f"{kind.capitalize()} applied to {len(ids)} comment(s).", 6000
            )

    # -- background work -------------------------------------------------------------------------
    def start(self, demo: bool = False, demo_document: Path | None = None) -> None:
        """Begin the slow work once the window is on screen: demo sync, detectors."""
        if demo:
            self.prepare_demo(demo_document)
        self.load_detectors()

    def prepare_demo(self, document: Path | None = None) -> None:
        from moderator.demo_workspace import prepare_demo

        workspace = self.workspace
        events = self.events
        self._syncing = True
        self._update_empty_state()

        def work(ctx: TaskContext) -> Any:
            return prepare_demo(
                workspace, None, ctx.progress, document=document, cancelled=ctx.cancelled
            )

        def done(result: Any) -> None:
            self._syncing = False
            events.report_sync(result.sync)
            self._sync_reported([result.sync])
            self.maybe_flag()

        def failed(error: BaseException) -> None:
            self._syncing = False
            self._failure("Preparing the demo page")(error)

        self.runner.run(work, label="Preparing the demo page", on_success=done, on_failure=failed)

    def sync_now(self) -> None:
        if self._syncing:
            self.statusBar().showMessage("A sync is already running.", 4000)
            return
        workspace = self.workspace
        self._syncing = True

        def done(reports: list[Any]) -> None:
            self._syncing = False
            for report in reports:
                self.events.report_sync(report)
            self._sync_reported(reports)
            self.maybe_flag()

        def failed(error: BaseException) -> None:
            self._syncing = False
            self._failure("Syncing the pages")(error)

        self.runner.run(
            lambda ctx: jobs.sync_all(workspace, ctx),
            label="Syncing",
            on_success=done,
            on_failure=failed,
        )

    def _sync_reported(self, reports: list[Any]) -> None:
        self.reload_page_choices()
        if not reports:
            self.statusBar().showMessage(
                "No pages are connected; add one with `moderator pages add`."
            )
            return
        failed = [r for r in reports if r.status == "failed"]
        new = sum(r.counts.new for r in reports)
        updated = sum(r.counts.updated for r in reports)
        if failed:
            self.show_error(f"Sync of {failed[0].page_name} failed: {failed[0].error}")
        else:
            cancelled = any(r.status == "cancelled" for r in reports)
            verb = "Sync cancelled" if cancelled else "Synced"
            self.statusBar().showMessage(f"{verb}: {new} new, {updated} changed comments.", 8000)

    def is_syncing(self) -> bool:
        """Whether a sync of every page (or the demo preparation) is running right now.

        The page manager asks before syncing one page: two syncs of one page at once would
        fight over its cursor.
        """
        return self._syncing

    def reload_detectors(self) -> None:
        """Drop the loaded detectors and load them again, e.g. after a new catalogue or model.

        Nothing happens when detectors are off (no loader): there is nothing to reload.
        """
        if self.detector_loader is None:
            return
        self.detectors = None
        self.load_detectors()

    def load_detectors(self) -> None:
        if self.detector_loader is None:
            self.detector_label.setText("Detectors are off: comments are stored but not flagged.")
            return
        loader = self.detector_loader
        workspace = self.workspace
        self.detector_label.setText("Loading detectors…")

        def done(detectors: jobs.Detectors) -> None:
            self.detectors = detectors
            self.events.report_detector_status(detectors.status or "Detectors ready.")
            self.maybe_flag()

        def failed(error: BaseException) -> None:
            if isinstance(error, ImportError):
                sentence = "Detectors are not installed: comments are stored but not flagged."
            else:
                sentence = describe_error(error, "Loading the detectors", self.workspace.logs_dir)
            self.events.report_detector_status(sentence)
            self.statusBar().showMessage(sentence, 15_000)

        self.runner.run(
            lambda ctx: loader(workspace, ctx),
            label="Loading detectors",
            on_success=done,
            on_failure=failed,
        )

    def maybe_flag(self) -> None:
        """Flag what is not analysed yet, once detectors are loaded and no sync is running."""
        if self.detectors is None or self._syncing:
            return
        if self._flagging:
            self._flag_again = True
            return
        self._flagging = True
        workspace, detectors = self.workspace, self.detectors

        def done(flagged: int) -> None:
            self._flagging = False
            self.events.report_flags(flagged)
            if detectors.notes:
                self.detector_label.setText(
                    (detectors.status or "Detectors ready.")
                    + " "
                    + "; ".join(sorted(detectors.notes))
                )
            if flagged:
                self.statusBar().showMessage(f"{flagged} comment(s) flagged.", 8000)
            if self._flag_again:
                self._flag_again = False
                self.maybe_flag()

        def failed(error: BaseException) -> None:
            self._flagging = False
            self._failure("Flagging comments")(error)

        self.runner.run(
            lambda ctx: jobs.flag_comments(workspace, detectors, ctx),
            label="Flagging comments",
            on_success=done,
            on_failure=failed,
        )

    def cancel_background(self) -> None:
        for task in self.runner.active():
            if not task.silent:
                task.cancel()
        self.statusBar().showMessage("Cancelling… the work stops at the next safe point.", 5000)

    def _visible_tasks(self) -> list[Task]:
        return [t for t in self.runner.active() if not t.silent]

    def _task_started(self, task: Task) -> None:
        if task.silent:
            return
        task.progressed.connect(self._task_progress)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat(task.label)
        self.cancel_button.setEnabled(task.cancellable)
        self.progress_holder.show()

    def _task_progress(self, message: str, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
            self.progress_bar.setFormat(f"{message}: %v/%m")
        else:
            self.progress_bar.setRange(0, 0)
            self.progress_bar.setFormat(message)

    def _task_finished(self, _task: Task) -> None:
        visible = self._visible_tasks()
        if not visible:
            self.progress_holder.hide()
            return
        latest = visible[-1]
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat(latest.label)
        self.cancel_button.setEnabled(any(t.cancellable for t in visible))

    # -- help -----------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        rows = [("Up / Down", "Move in the queue (Shift extends the selection)")]
        rows += self.shortcut_list
        self.shortcuts_dialog = ShortcutsDialog(rows, self)
        self.shortcuts_dialog.open()
