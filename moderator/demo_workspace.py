"""A workspace with the bundled demo page connected, synced and (optionally) flagged.

``moderator-console --demo`` calls :func:`prepare_demo` off the GUI thread; it goes
through the same page, connector and sync code as a real Facebook page, so the demo
shows exactly what the product does. Syncing again is cheap and idempotent: it picks
up what the moderator did to the demo page (hidden comments, replies) last time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from moderator.connectors import make_connector
from moderator.store.pages import add_page, find_page
from moderator.sync import Analyzer, Cancelled, Progress, SyncReport, flag_pending, sync_page
from moderator.workspace import Workspace

DEMO_PLATFORM = "demo"
DEMO_PAGE_ID = "demo-northwind"
DEMO_PAGE_NAME = "Northwind Health"
DEMO_ACTOR = "demo"


@dataclass(frozen=True)
class DemoResult:
    """What preparing the demo did: the sync report and how many comments got flags.

    ``flagged`` is None when no analyzer was given (the detectors run later).
    """

    page_id: int
    sync: SyncReport
    flagged: int | None


def _never() -> bool:
    return False


def prepare_demo(
    workspace: Workspace,
    analyze: Analyzer | None = None,
    progress: Progress | None = None,
    *,
    document: Path | None = None,
    cancelled: Cancelled = _never,
    on_synced: Callable[[SyncReport], None] | None = None,
) -> DemoResult:
    """Connect (if needed), sync and flag the demo page in ``workspace``.

    ``document`` replaces the bundled page document (tests use a tiny one); it is
    stored as the page's ``api_base``, which the demo connector reads as a path.
    ``on_synced`` is called between syncing and flagging, so a UI can show the stored
    comments while the (slower) detectors still run. Opens and closes its own database
    connection, so it can run on any thread.
    """
    db = workspace.open()
    try:
        page = find_page(db, DEMO_PAGE_ID, platform=DEMO_PLATFORM)
        api_base = str(document) if document is not None else None
        if page is None or (document is not None and page["api_base"] != api_base):
            page = add_page(
                db,
                platform=DEMO_PLATFORM,
                platform_id=DEMO_PAGE_ID,
                name=DEMO_PAGE_NAME,
                api_base=api_base,
                actor=DEMO_ACTOR,
            )
        connector = make_connector(page, None, state_dir=workspace.root)
        report = sync_page(db, page, connector, progress=progress, cancelled=cancelled)
        if on_synced is not None:
            on_synced(report)
        flagged = None
        if analyze is not None and not cancelled():
            flagged = flag_pending(db, analyze, progress=progress, cancelled=cancelled)
        return DemoResult(page_id=page["id"], sync=report, flagged=flagged)
    finally:
        db.close()
