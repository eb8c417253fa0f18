"""Preparing the demo workspace: connect once, sync through the real path, flag if asked."""

from __future__ import annotations

from moderator import queue
from moderator.demo_workspace import DEMO_PAGE_ID, prepare_demo
from moderator.store.pages import list_pages
from moderator.workspace import Workspace
from tests.ui.fakes import keyword_analyzer


def test_prepare_demo_connects_syncs_and_flags(tmp_path, page_document):
    workspace = Workspace.at(tmp_path / "ws")
    progress: list[tuple[str, int, int | None]] = []
    result = prepare_demo(
        workspace, keyword_analyzer, lambda *a: progress.append(a), document=page_document
    )
    assert result.sync.status == "ok" and result.sync.counts.new == 5
    assert result.flagged == 2
    db = workspace.open()
    try:
        (page,) = list_pages(db)
        assert page["platform_id"] == DEMO_PAGE_ID and page["name"] == "Northwind Health"
        ids = [r["platform_id"] for r in queue.fetch_page(db, queue.QueueFilter())]
        assert ids == ["c-0001", "c-0003"]  # adverse event above the complaint
    finally:
        db.close()
    assert any(message.startswith("Syncing") for message, _, _ in progress)
    assert any(message.startswith("Flagging") for message, _, _ in progress)


def test_prepare_demo_twice_adds_nothing(tmp_path, page_document):
    workspace = Workspace.at(tmp_path / "ws")
    prepare_demo(workspace, document=page_document)
    second = prepare_demo(workspace, document=page_document)
    assert second.sync.counts.new == 0 and second.flagged is None
    db = workspace.open()
    try:
        assert len(list_pages(db)) == 1
        assert db.execute("SELECT count(*) FROM comments").fetchone()[0] == 5
        assert db.execute("SELECT count(*) FROM comments WHERE analysed_at IS NULL").fetchone()[0]
    finally:
        db.close()


def test_prepare_demo_without_analyzer_leaves_comments_unflagged(tmp_path, page_document):
    workspace = Workspace.at(tmp_path / "ws")
    synced = []
    result = prepare_demo(workspace, document=page_document, on_synced=synced.append)
    assert result.flagged is None and synced == [result.sync]
    db = workspace.open()
    try:
        assert queue.count(db, queue.QueueFilter()) == 0
        assert queue.count(db, queue.QueueFilter(flagged_only=False)) == 5
    finally:
        db.close()


def test_prepare_demo_cancelled_before_flagging(tmp_path, page_document):
    workspace = Workspace.at(tmp_path / "ws")
    result = prepare_demo(
        workspace, keyword_analyzer, document=page_document, cancelled=lambda: True
    )
    assert result.sync.status == "cancelled" and result.flagged is None


def test_prepare_demo_with_the_bundled_page(tmp_path):
    result = prepare_demo(Workspace.at(tmp_path / "ws"))
    assert result.sync.status == "ok" and result.sync.counts.new > 10
