"""The bulk store path: idempotent, searchable, and the same rows as ``store_batch`` writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from moderator.connectors.base import FetchBatch
from moderator.models import RemoteComment, RemotePost
from moderator.store import ingest
from moderator.store.bulk import (
    COMMENT_COLUMNS,
    FTS_TRIGGER,
    bulk_insert_comments,
    comment_row,
    insert_comment_rows,
)
from moderator.store.database import open_database
from moderator.store.ingest import store_batch
from moderator.store.pages import add_page

T0 = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)
SEEN = "2026-11-21T09:00:00.000000+00:00"
POSTS = [
    RemotePost(platform_id=f"post{i}", text=f"About Ozempic {i}", created_at=T0) for i in (1, 2)
]


def _comments(n: int, start: int = 0) -> list[RemoteComment]:
    return [
        RemoteComment(
            platform_id=f"c{k}",
            post_id=f"post{1 + k % 2}",
            text=f"comment {k} felt dizzy" if k % 3 == 0 else f"comment {k} thanks",
            author_id=f"a{k % 5}",
            author_name=f"Author Zed{k % 5}",
            created_at=T0 + timedelta(minutes=k),
            parent_id=f"c{k - 2}" if k % 4 == 3 else None,
            hidden=k % 7 == 0,
            permalink=f"https://example.invalid/c{k}",
        )
        for k in range(start, start + n)
    ]


@pytest.fixture
def db():
    database = open_database(None)
    yield database
    database.close()


def _page(db):
    page = add_page(db, platform="facebook", platform_id="p1", name="P", api_base=None, actor="t")
    store_batch(db, page, FetchBatch(posts=POSTS))
    return db["pages"].get(page["id"])


def _rows(db) -> list[tuple]:
    columns = ", ".join(c for c in COMMENT_COLUMNS if c not in ("first_seen_at", "last_seen_at"))
    return [tuple(r) for r in db.execute(f"SELECT id, {columns} FROM comments ORDER BY id")]


def _search(db, word: str) -> set[str]:
    return {
        pid
        for (pid,) in db.execute(
            """SELECT platform_id FROM comments WHERE id IN
               (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)""",
            [word],
        )
    }


def _indexes(db) -> list[tuple]:
    return db.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'comments' AND type = 'index' "
        "ORDER BY name"
    ).fetchall()


@pytest.mark.parametrize("rebuild", [True, False])
def test_bulk_insert_is_idempotent(db, rebuild: bool) -> None:
    page = _page(db)
    indexes = _indexes(db)
    comments = _comments(120)
    rows = [comment_row(page, {"post1": 1, "post2": 2}, c, SEEN) for c in comments]
    assert insert_comment_rows(db, rows, rebuild_indexes=rebuild) == 120
    assert _indexes(db) == indexes  # dropped and rebuilt, or never touched
    before = _rows(db)
    assert bulk_insert_comments(db, page, comments, seen=SEEN) == 0
    assert bulk_insert_comments(db, page, _comments(10, start=115), seen=SEEN) == 5
    assert _rows(db)[:120] == before
    assert db.execute("SELECT count(*) FROM comments").fetchone()[0] == 125
    assert db.execute("SELECT count(*) FROM comments_fts").fetchone()[0] == 125


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"dizzy"', {f"c{k}" for k in range(0, 60, 3)}),
        ('"zed3"', {f"c{k}" for k in range(3, 60, 5)}),
        ('"comment" AND "41"', {"c41"}),
    ],
)
def test_fts_finds_bulk_inserted_rows(db, query: str, expected: set[str]) -> None:
    page = _page(db)
    bulk_insert_comments(db, page, _comments(60), seen=SEEN)
    assert _search(db, query) == expected


def test_fts_trigger_is_back_and_works_after_bulk(db) -> None:
    page = _page(db)
    bulk_insert_comments(db, page, _comments(10), seen=SEEN)
    assert db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?", [FTS_TRIGGER]
    ).fetchone() == (1,)
    ingest_one = RemoteComment("late", "post1", "a unicorn appeared", "x", "X", T0)
    store_batch(db, page, FetchBatch(comments=[ingest_one]))
    assert _search(db, '"unicorn"') == {"late"}


def test_bulk_rolls_back_with_the_callers_transaction(db) -> None:
    page = _page(db)
    with pytest.raises(RuntimeError), db.atomic():
        bulk_insert_comments(db, page, _comments(30), seen=SEEN)
        raise RuntimeError("crash mid-sync")
    assert db.execute("SELECT count(*) FROM comments").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM comments_fts").fetchone()[0] == 0
    assert db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?", [FTS_TRIGGER]
    ).fetchone() == (1,)


def test_same_rows_as_store_batch(db, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bulk rows equal what the row-at-a-time store_batch path writes for new comments."""
    comments = _comments(80)
    page = _page(db)
    bulk_insert_comments(db, page, comments, seen=SEEN)
    other = open_database(None)
    try:
        page_b = _page(other)
        monkeypatch.setattr(ingest, "BULK_THRESHOLD", 10**9)  # force the executemany path
        store_batch(other, page_b, FetchBatch(comments=comments))
        assert _rows(db) == _rows(other)
        assert _search(db, '"dizzy"') == _search(other, '"dizzy"')
    finally:
        other.close()


@pytest.mark.parametrize("threshold", [1, 10**9])
def test_store_batch_counts_and_search_either_path(
    db, monkeypatch: pytest.MonkeyPatch, threshold: int
) -> None:
    monkeypatch.setattr(ingest, "BULK_THRESHOLD", threshold)
    page = _page(db)
    counts = store_batch(db, page, FetchBatch(comments=_comments(90)))
    assert (counts.new, counts.unchanged) == (90, 0)
    edited = [RemoteComment("c1", "post2", "now it is a rash", "a1", "Author Zed1", T0)]
    counts = store_batch(db, page, FetchBatch(comments=_comments(90)[2:] + edited))
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 88)
    assert _search(db, '"rash"') == {"c1"}
    assert "c1" not in _search(db, '"thanks"')


def test_rows_must_name_the_key() -> None:
    database = open_database(None)
    try:
        with pytest.raises(ValueError, match="platform_id"):
            insert_comment_rows(database, [(1, "x")], ("page_id", "text"))
    finally:
        database.close()


@pytest.mark.parametrize("rebuild", [True, False])
def test_bulk_reports_where_its_time_goes(db, rebuild: bool) -> None:
    page = _page(db)
    rows = [comment_row(page, {"post1": 1, "post2": 2}, c, SEEN) for c in _comments(50)]
    timings: dict[str, float] = {}
    assert insert_comment_rows(db, rows, rebuild_indexes=rebuild, timings=timings) == 50
    assert set(timings) == {"insert", "indexes", "fts"}
    assert all(seconds >= 0 for seconds in timings.values())


def test_a_key_given_twice_in_one_load_keeps_its_first_row(db):
    """Rows are sorted by key before the load; the sort is stable, so the first one still wins."""
    page = _page(db)
    first, second = _comments(1), _comments(1)
    second[0] = replace(second[0], text="second copy of c0")
    rows = [comment_row(page, {}, c, SEEN) for c in (*_comments(30, start=1), *first, *second)]
    assert insert_comment_rows(db, rows) == 31
    assert db.execute("SELECT text FROM comments WHERE platform_id = 'c0'").fetchone()[0] == (
        first[0].text
    )


@pytest.mark.parametrize("rebuild", [True, False])
def test_a_load_leaves_the_fts_and_cache_settings_as_it_found_them(db, rebuild):
    page = _page(db)
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    rows = [comment_row(page, {}, c, SEEN) for c in _comments(40)]
    assert insert_comment_rows(db, rows, rebuild_indexes=rebuild) == 40
    assert db.execute("PRAGMA cache_size").fetchone()[0] == cache
    config = dict(db.execute("SELECT k, v FROM comments_fts_config").fetchall())
    assert config.get("hashsize", 1024 * 1024) == 1024 * 1024
    assert _search(db, "dizzy") == {f"c{k}" for k in range(0, 40, 3)}
