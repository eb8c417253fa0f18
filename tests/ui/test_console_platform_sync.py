"""The console syncs three fake platforms completely and idempotently (F5, twice)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from moderator import credentials
from moderator.store.pages import add_page
from moderator.workspace import Workspace
from tests.fakes import (
    FakeGraphServer,
    FakeYouTubeServer,
    make_facebook_page,
    make_instagram_account,
    make_youtube_channel,
)

TOKEN = "EAAGconsoleSyncToken0123456789"


@pytest.fixture
def three_platforms(tmp_path):
    facebook = make_facebook_page(120, n_posts=3)
    instagram = make_instagram_account(60, n_media=2)
    youtube = make_youtube_channel(80, n_videos=2)
    with (
        FakeGraphServer({facebook.id: facebook, instagram.id: instagram}, token=TOKEN) as graph,
        FakeYouTubeServer({youtube.id: youtube}, token=TOKEN) as yt,
    ):
        workspace = Workspace.at(tmp_path / "ws")
        db = workspace.open()
        for platform, page_id, server in (
            ("facebook", facebook.id, graph),
            ("instagram", instagram.id, graph),
            ("youtube", youtube.id, yt),
        ):
            add_page(
                db,
                platform=platform,
                platform_id=page_id,
                name=f"{platform} page",
                api_base=server.base_url,
                actor="alice",
            )
            credentials.store_token(platform, page_id, TOKEN)
        db.close()
        yield workspace, {"facebook": 120, "instagram": 60, "youtube": 80}


def _stored(window) -> dict[str, int]:
    rows = window.db.execute("SELECT platform, count(*) FROM comments GROUP BY platform")
    return dict(rows.fetchall())


def test_f5_syncs_every_platform_once(make_window, qtbot, three_platforms):
    workspace, expected = three_platforms
    window = make_window(workspace)
    for _ in range(2):  # the second sync must store nothing new
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: not window.runner.active(), timeout=20_000)
        assert _stored(window) == expected
    duplicates = window.db.execute(
        "SELECT count(*) FROM (SELECT platform, platform_id FROM comments "
        "GROUP BY platform, platform_id HAVING count(*) > 1)"
    ).fetchone()[0]
    assert duplicates == 0
    statuses = {r[0] for r in window.db.execute("SELECT last_sync_status FROM pages")}
    assert statuses == {"ok"}
