"""Upserts keyed on (platform, platform id): idempotent, edits keep history, deletes mark."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from moderator.connectors.base import FetchBatch
from moderator.models import RemoteComment, RemotePost
from moderator.store.ingest import store_batch
from moderator.store.pages import add_page

T0 = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def _page(db):
    return add_page(db, platform="demo", platform_id="p1", name="Page", api_base=None, actor="t")


def _comment(n: int, text: str, **extra) -> RemoteComment:
    return RemoteComment(
        platform_id=f"c{n}",
        post_id="post1",
        text=text,
        author_id="a",
        author_name="Ann",
        created_at=T0,
        **extra,
    )


def _batch(*comments: RemoteComment, cursor: str | None = None) -> FetchBatch:
    post = RemotePost(platform_id="post1", text="About Xarelto", created_at=T0)
    return FetchBatch(posts=[post], comments=list(comments), cursor=cursor, total_comments=10)


def _snapshot(db):
    return [tuple(r) for r in db.execute("SELECT * FROM comments ORDER BY id")]


def test_storing_the_same_batch_twice_changes_nothing(db):
    page = _page(db)
    batch = _batch(_comment(1, "hello"), _comment(2, "world"))
    first = store_batch(db, page, batch)
    rows = _snapshot(db)
    posts = [tuple(r) for r in db.execute("SELECT * FROM posts")]
    second = store_batch(db, page, batch)
    assert (first.new, second.new, second.unchanged) == (2, 0, 2)
    assert [r[:-5] for r in _snapshot(db)] == [r[:-5] for r in rows]
    assert [tuple(r) for r in db.execute("SELECT * FROM posts")] == posts
    assert db.execute("SELECT count(*) FROM comments").fetchone()[0] == 2


def test_an_edited_comment_updates_in_place_and_keeps_history(db):
    page = _page(db)
    store_batch(db, page, _batch(_comment(1, "first words")))
    comment_id = db.execute("SELECT id FROM comments").fetchone()[0]
    db.execute("UPDATE comments SET analysed_at = 'x' WHERE id = ?", [comment_id])
    counts = store_batch(db, page, _batch(_comment(1, "edited words", updated_at=T0)))
    assert counts.updated == 1
    row = db["comments"].get(comment_id)
    assert row["text"] == "edited words"
    assert row["analysed_at"] is None  # edited text is analysed again
    history = [r["text"] for r in db["comment_revisions"].rows]
    assert history == ["first words"]


def test_a_deleted_comment_is_marked_not_erased(db):
    page = _page(db)
    store_batch(db, page, _batch(_comment(1, "keep me")))
    counts = store_batch(db, page, FetchBatch(deleted_ids=["c1"]))
    assert counts.deleted == 1
    row = next(db["comments"].rows)
    assert row["deleted_on_platform"] == 1 and row["text"] == "keep me"


def test_cursor_and_platform_count_are_stored_with_the_batch(db):
    page = _page(db)
    store_batch(db, page, _batch(_comment(1, "x"), cursor='{"after": "abc"}'))
    stored = db["pages"].get(page["id"])
    assert stored["sync_cursor"] == '{"after": "abc"}'
    assert stored["platform_comment_count"] == 10


def test_a_failing_batch_stores_nothing(db):
    page = _page(db)
    store_batch(db, page, _batch(_comment(1, "x")))
    bad = FetchBatch(comments=[_comment(2, "y")], cursor="moved")
    db.execute("DROP TABLE comment_revisions")  # make the next write path fail midway
    broken = _comment(1, "edited")  # an edit needs comment_revisions
    with pytest.raises(sqlite3.OperationalError):
        store_batch(db, page, FetchBatch(comments=[*bad.comments, broken], cursor="moved"))
    assert db.execute("SELECT count(*) FROM comments").fetchone()[0] == 1
    assert db["pages"].get(page["id"])["sync_cursor"] is None


def test_comment_before_its_post_is_linked_when_the_post_arrives(db):
    page = _page(db)
    store_batch(db, page, FetchBatch(comments=[_comment(1, "early")]))
    assert db.execute("SELECT post_id FROM comments").fetchone()[0] is None
    store_batch(db, page, _batch())
    assert db.execute("SELECT post_id FROM comments").fetchone()[0] is not None


def test_full_text_search_finds_stored_and_edited_text(db):
    page = _page(db)
    store_batch(db, page, _batch(_comment(1, "terrible headache"), _comment(2, "lovely day")))

    def search(term):
        return [
            r[0]
            for r in db.execute(
                "SELECT c.platform_id FROM comments_fts f JOIN comments c ON c.id = f.rowid "
                "WHERE comments_fts MATCH ?",
                [term],
            )
        ]

    assert search("headache") == ["c1"]
    store_batch(db, page, _batch(_comment(1, "terrible nausea")))
    assert search("headache") == []
    assert search("nausea") == ["c1"]
