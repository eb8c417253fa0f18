"""Migration 0004: FTS5 without its per-row size table, and a parent index over replies only.

An upgraded workspace must find exactly what it found before, keep its triggers working
(insert, edit, delete), and answer thread look-ups from the smaller index.
"""

from __future__ import annotations

import pytest

from moderator.queue import fts_query
from moderator.store.database import connect, migrate
from moderator.store.schema import MIGRATIONS

LEAN = "0004_lean_fts_and_reply_index"


def _comment(cid: int, text: str, parent: str | None = None) -> dict:
    return {
        "id": cid,
        "page_id": 1,
        "platform": "facebook",
        "platform_id": f"c{cid}",
        "post_platform_id": "p1",
        "parent_platform_id": parent,
        "author_name": "Ann Example",
        "text": text,
        "created_at": "2026-01-01T00:00:00Z",
        "first_seen_at": "2026-01-01T00:00:00Z",
        "last_seen_at": "2026-01-01T00:00:00Z",
    }


def _matches(db, words: str) -> list[int]:
    rows = db.execute(
        "SELECT rowid FROM comments_fts WHERE comments_fts MATCH ? ORDER BY rowid",
        [fts_query(words)],
    )
    return [r[0] for r in rows]


@pytest.fixture
def old_workspace(tmp_path):
    """A workspace as version 0003 left it, with comments already indexed."""
    db = connect(tmp_path / "m.db")
    MIGRATIONS.apply(db, stop_before=LEAN)
    db["pages"].insert(
        {"id": 1, "platform": "facebook", "platform_id": "pg", "name": "P", "added_at": "x"}
    )
    db["comments"].insert_all(
        [
            _comment(1, "Terrible nausea after the first dose"),
            _comment(2, "Nausea gone by week two", parent="c1"),
            _comment(3, "Where do I find the copay card?"),
        ]
    )
    yield db
    db.close()


def test_upgrade_keeps_every_search_result(old_workspace, tmp_path):
    before = {w: _matches(old_workspace, w) for w in ("nausea", "naus", "copay card", "ann")}
    assert before["nausea"] == [1, 2]
    assert "comments_fts_docsize" in old_workspace.table_names()

    assert migrate(old_workspace, tmp_path / "backups") == [LEAN]

    assert "comments_fts_docsize" not in old_workspace.table_names()
    assert {w: _matches(old_workspace, w) for w in before} == before


def test_triggers_still_index_inserts_edits_and_deletes(old_workspace, tmp_path):
    migrate(old_workspace, tmp_path / "backups")
    old_workspace["comments"].insert(_comment(4, "Pen jammed and leaked"))
    assert _matches(old_workspace, "jammed") == [4]
    old_workspace.execute("UPDATE comments SET text = 'Pen cracked' WHERE id = 4")
    assert _matches(old_workspace, "jammed") == []
    assert _matches(old_workspace, "cracked") == [4]
    old_workspace.execute("DELETE FROM comments WHERE id = 4")
    assert _matches(old_workspace, "cracked") == []
    # A status change must not touch the full-text entry (and must not fail).
    old_workspace.execute("UPDATE comments SET status = 'reviewed' WHERE id = 1")
    assert _matches(old_workspace, "terrible") == [1]


def test_thread_lookup_uses_the_reply_index(old_workspace, tmp_path):
    migrate(old_workspace, tmp_path / "backups")
    sql = old_workspace.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'comments_parent'"
    ).fetchone()[0]
    assert "WHERE parent_platform_id IS NOT NULL" in sql
    plan = " ".join(
        str(r[-1])
        for r in old_workspace.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM comments "
            "WHERE platform = ? AND parent_platform_id = ?",
            ["facebook", "c1"],
        )
    )
    assert "comments_parent" in plan
    rows = old_workspace.execute(
        "SELECT id FROM comments WHERE platform = ? AND parent_platform_id = ?",
        ["facebook", "c1"],
    ).fetchall()
    assert rows == [(2,)]
