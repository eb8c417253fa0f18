"""Sync: fetch new and changed comments from each page, store them, then flag them.

Each fetched batch is stored in its own transaction together with the page's resume
cursor (see :mod:`moderator.store.ingest`), so a crash loses nothing already fetched
and the next sync carries on from the last stored batch. Storing comes first and
flagging after, so the queue fills at store speed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from moderator import audit
from moderator.connectors import connector_for_stored_page
from moderator.connectors.base import Connector, ConnectorError
from moderator.models import Analysis, AnalysisInput
from moderator.store.flags import pending_analysis, save_analyses
from moderator.store.ingest import IngestCounts, store_batch
from moderator.store.pages import record_sync_result
from moderator.timeutil import parse, to_text, utc_now

log = logging.getLogger("moderator.sync")

# Comments edited or posted while a sync runs are fetched again next time.
SINCE_OVERLAP = timedelta(minutes=5)
SYNC_ACTOR = "sync"

Progress = Callable[[str, int, int | None], None]  # (message, done, total or None)
Cancelled = Callable[[], bool]


@dataclass
class SyncReport:
    """What one page's sync did; ``status`` is ok, cancelled or failed."""

    page_id: int
    page_name: str
    status: str = "ok"
    error: str | None = None
    counts: IngestCounts = field(default_factory=IngestCounts)
    platform_total: int | None = None

    def as_dict(self) -> dict:
        return {
            "page": self.page_name,
            "status": self.status,
            "error": self.error,
            "new": self.counts.new,
            "updated": self.counts.updated,
            "unchanged": self.counts.unchanged,
            "deleted": self.counts.deleted,
            "platform_total": self.platform_total,
        }


def _never_cancelled() -> bool:
    return False


def sync_page(
    db: Database,
    page: dict,
    connector: Connector,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled = _never_cancelled,
) -> SyncReport:
    """Fetch and store one page; errors are reported on the page, not raised."""
    report = SyncReport(page_id=page["id"], page_name=page["name"])
    since = parse(page["sync_since"]) if page.get("sync_since") else None
    cursor = page.get("sync_cursor")
    # A resumed sync finishes the interrupted attempt: the next ``since`` must be that
    # attempt's start, or comments posted under already-passed posts in between are missed.
    if cursor and page.get("sync_attempt_started_at"):
        started = parse(page["sync_attempt_started_at"])
    else:
        started = utc_now()
        db["pages"].update(page["id"], {"sync_attempt_started_at": to_text(started)})
    with db.atomic():
        audit.append(
            db,
            actor=SYNC_ACTOR,
            action="sync.start",
            page_id=page["id"],
            details={"since": page.get("sync_since"), "resuming": cursor is not None},
        )
    resuming = cursor is not None
    try:
        while True:
            for batch in connector.fetch(since, cursor):
                report.counts.add(store_batch(db, page, batch))
                if batch.total_comments is not None:
                    report.platform_total = batch.total_comments
                if progress:
                    stored = report.counts.new + report.counts.updated + report.counts.unchanged
                    progress(f"Syncing {page['name']}", stored, report.platform_total)
                if cancelled():
                    report.status = "cancelled"
                    break
            if report.status != "ok" or not resuming:
                break
            # The resumed attempt only walked the posts it listed before the crash; comments
            # posted since then under posts it had already passed would wait for the next
            # sync although this one reports "ok". One fresh incremental pass catches up.
            since, cursor, resuming = started - SINCE_OVERLAP, None, False
            started = utc_now()
            db["pages"].update(page["id"], {"sync_attempt_started_at": to_text(started)})
    except ConnectorError as error:
        report.status = "failed"
        report.error = str(error)
        log.info("sync of page %s failed: %s", page["id"], error)  # the CLI prints one line
    finished = to_text(utc_now())
    with db.atomic():
        if report.status == "ok":
            db["pages"].update(
                page["id"],
                {
                    "sync_since": to_text(started - SINCE_OVERLAP),
                    "sync_cursor": None,
                    "sync_attempt_started_at": None,
                },
            )
        record_sync_result(
            db, page["id"], status=report.status, error=report.error, finished_at=finished
        )
        audit.append(
            db,
            actor=SYNC_ACTOR,
            action=f"sync.{report.status}",
            page_id=page["id"],
            note=report.error,
            after=report.as_dict(),
        )
    return report


def sync_connected_page(
    db: Database,
    page: dict,
    state_dir: Path | None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled = _never_cancelled,
) -> SyncReport:
    """Sync a stored page with its token from the keyring.

    A page that cannot even be connected (no token, locked keyring) is recorded as failed
    on the page and audited, so the page manager and the status bar show why, and the
    other pages carry on.
    """
    try:
        connector = connector_for_stored_page(page, state_dir=state_dir)
    except ConnectorError as error:
        report = SyncReport(page["id"], page["name"], status="failed", error=str(error))
        with db.atomic():
            record_sync_result(
                db, page["id"], status="failed", error=report.error, finished_at=to_text(utc_now())
            )
            audit.append(
                db,
                actor=SYNC_ACTOR,
                action="sync.failed",
                page_id=page["id"],
                note=report.error,
                after=report.as_dict(),
            )
        return report
    return sync_page(db, page, connector, progress=progress, cancelled=cancelled)


Analyzer = Callable[[list[AnalysisInput]], list[Analysis]]


def flag_pending(
    db: Database,
    analyze: Analyzer,
    *,
    batch_size: int = 200,
    progress: Progress | None = None,
    cancelled: Cancelled = _never_cancelled,
) -> int:
    """Run the detectors over every comment not yet analysed; returns comments flagged."""
    total = db.execute("SELECT count(*) FROM comments WHERE analysed_at IS NULL").fetchone()[0]
    done = flagged = 0
    while not cancelled():
        pending = pending_analysis(db, batch_size)
        if not pending:
            break
        analyses = analyze([item for _, item in pending])
        flagged += save_analyses(
            db, [(row_id, a) for (row_id, _), a in zip(pending, analyses, strict=True)]
        )
        done += len(pending)
        if progress:
            progress("Flagging comments", done, total)
    return flagged
