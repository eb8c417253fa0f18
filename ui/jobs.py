"""The console's background jobs: plain functions the task helper runs off the GUI thread.

Each job opens (and closes) its own database connection from the workspace, reports
through the plain ``progress``/``cancelled`` callables of a ``TaskContext`` and returns
plain data; none of them touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlite_utils import Database

from moderator import queue
from moderator.connectors import make_connector
from moderator.connectors.base import Connector, TransientError
from moderator.models import Analysis, AnalysisInput
from moderator.sync import SyncReport, flag_pending, sync_connected_page
from moderator.workspace import Workspace

Analyzer = Callable[[list[AnalysisInput]], list[Analysis]]
WARM_UP_TEXT = "Jane Doe (555-0100) had a rash after Xarelto."
# Above this many unanalysed comments the real detectors run in worker processes: starting
# them (each loads spaCy) costs a few seconds, which a small batch would not win back.
POOL_MIN_PENDING = 500
POOL_WORKERS = 2
POOL_BATCH = 800  # comments per flag_pending batch with the pool: whole chunks per worker


class Context(Protocol):
    """The part of ``ui.tasks.TaskContext`` jobs use (a fake in tests)."""

    def progress(self, message: str, done: int, total: int | None = None) -> None: ...

    def cancelled(self) -> bool: ...


def open_db(workspace: Workspace) -> Database:
    """A connection for the calling thread (its writes take the lock first: StoreDatabase)."""
    return workspace.open()


def connector_factory(workspace_root: Path) -> Callable[[dict[str, Any]], Connector]:
    """Connectors for stored pages, with tokens from the keyring (the demo page has none)."""

    def connector_for_page(page: dict[str, Any]) -> Connector:
        token = None
        if page["platform"] != "demo":
            from moderator import credentials

            try:
                token = credentials.get_token(page["platform"], page["platform_id"])
            except credentials.CredentialsUnavailableError as error:
                raise TransientError(str(error)) from None
        return make_connector(page, token, state_dir=workspace_root)

    return connector_for_page


# -- detectors ------------------------------------------------------------------------------
@dataclass
class Detectors:
    """A loaded analyzer and what it says about itself (e.g. spaCy missing)."""

    analyze: Analyzer
    status: str | None = None
    notes: set[str] = field(default_factory=set)
    # True for the workspace's real suite (load_detectors): a pool of worker processes can
    # rebuild the same suite from the workspace's settings. Fakes in tests stay in-process.
    poolable: bool = False

    def __call__(self, items: list[AnalysisInput]) -> list[Analysis]:
        results = self.analyze(items)
        for result in results:
            self.notes.update(result.notes)
        return results


def detector_status(analyze: Any) -> str | None:
    """The detector's own sentence about name detection, when it offers one."""
    status = getattr(analyze, "status", None)
    if isinstance(status, str):
        return status
    suite = getattr(analyze, "__self__", None)
    privacy = getattr(suite, "privacy", None)
    status = getattr(privacy, "status", None)
    return status if isinstance(status, str) else None


def load_detectors(workspace: Workspace, ctx: Context) -> Detectors:
    """Build the detectors (slow: spaCy) and run them once so the first real batch is quick.

    Raises ``ImportError`` when this build has no detection module yet.
    """
    from moderator.detection import load_analyzer

    ctx.progress("Loading detectors", 0, None)
    db = open_db(workspace)
    try:
        analyze = load_analyzer(db)
    finally:
        db.close()
    detectors = Detectors(analyze, poolable=True)
    if not ctx.cancelled():
        detectors([AnalysisInput(id="warm-up", text=WARM_UP_TEXT)])
    detectors.status = detector_status(analyze)
    return detectors


def flag_comments(workspace: Workspace, analyze: Analyzer, ctx: Context) -> int:
    """Run the detectors over every comment not analysed yet; returns comments flagged.

    A big backlog (initial sync) is analysed by :data:`POOL_WORKERS` worker processes when
    ``analyze`` is the workspace's real suite; small batches stay in this process.
    """
    db = open_db(workspace)
    try:
        pool = _pool_for(db, analyze)
        if pool is None:
            return flag_pending(db, analyze, progress=ctx.progress, cancelled=ctx.cancelled)
        ctx.progress("Starting detector workers", 0, None)
        with pool:

            def pooled(items: list[AnalysisInput]) -> list[Analysis]:
                results = pool(items)
                if isinstance(analyze, Detectors):
                    for result in results:
                        analyze.notes.update(result.notes)
                return results

            return flag_pending(
                db,
                pooled,
                batch_size=POOL_BATCH,
                progress=ctx.progress,
                cancelled=ctx.cancelled,
            )
    finally:
        db.close()


def _pool_for(db: Database, analyze: Analyzer) -> Any:
    """An (unentered) ``AnalysisPool`` for a big backlog of the real suite, else None."""
    if not isinstance(analyze, Detectors) or not analyze.poolable or POOL_WORKERS < 2:
        return None
    pending = db.execute("SELECT count(*) FROM comments WHERE analysed_at IS NULL").fetchone()[0]
    if pending <= POOL_MIN_PENDING:
        return None
    from moderator import settings
    from moderator.analysis_pool import AnalysisPool

    # The same configuration load_analyzer reads, so workers build the same suite.
    catalog = settings.get(db, "catalog_path")
    model = settings.get(db, "spacy_model")
    return AnalysisPool(POOL_WORKERS, catalog or None, model or None)


# -- sync -----------------------------------------------------------------------------------
def sync_all(workspace: Workspace, ctx: Context) -> list[SyncReport]:
    """Sync every connected page; a page that fails is reported, the others still sync.

    A page that cannot even be connected (locked keyring, no token) is recorded as failed
    on the page and audited by ``sync_connected_page``, as ``moderator sync`` does.
    """
    from moderator.store.pages import list_pages

    db = open_db(workspace)
    try:
        reports = []
        for page in list_pages(db, counts=False):
            if ctx.cancelled():
                break
            reports.append(
                sync_connected_page(
                    db, page, workspace.root, progress=ctx.progress, cancelled=ctx.cancelled
                )
            )
        return reports
    finally:
        db.close()


# -- queue ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QueueCounts:
    """The numbers the filter bar shows for one filter."""

    total: int
    by_kind: dict[str, int]


def queue_counts(workspace: Workspace, f: queue.QueueFilter) -> QueueCounts:
    """Counts for the filter badges (a full count can take a while on a big workspace)."""
    db = open_db(workspace)
    try:
        return QueueCounts(queue.count(db, f), queue.counts_by_kind(db, f))
    finally:
        db.close()


# -- moderation actions --------------------------------------------------------------------------
def apply_actions(workspace: Workspace, action_ids: list[int], ctx: Context) -> list[Any]:
    """Send queued outbox actions to their platforms once; returns the worker's results."""
    from moderator.actions import OutboxWorker

    db = open_db(workspace)
    try:
        ctx.progress("Applying actions on the platform", 0, len(action_ids))
        results = OutboxWorker().run_once(
            db, connector_factory(workspace.root), action_ids=action_ids
        )
        ctx.progress("Applying actions on the platform", len(action_ids), len(action_ids))
        return results
    finally:
        db.close()
