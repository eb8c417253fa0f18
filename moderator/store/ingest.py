"""Storing what a connector fetched: idempotent upserts keyed on (platform, platform id).

One call stores one :class:`FetchBatch` and the page's resume cursor in a single
transaction, so a crash between batches loses nothing already stored and the next
sync resumes after the last stored batch. Storing the same batch twice changes
nothing; an edited comment is updated in place and its previous text is kept in
``comment_revisions``; a comment deleted on the platform is marked, never erased.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from moderator.connectors.base import FetchBatch
from moderator.models import RemoteComment, RemotePost
from moderator.store.bulk import insert_comment_rows
from moderator.timeutil import now_text, to_text

_CHUNK = 500  # SQLite's variable limit is far above 500 x 1, and it keeps IN() lists short
# From this many new comments in one batch on, the bulk path (moderator.store.bulk) pays for
# its schema change (trigger dropped and recreated); a 100-comment page is faster without.
BULK_THRESHOLD = 1000


@dataclass
class IngestCounts:
    """How many comments a sync added, changed, left alone or saw deleted."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def add(self, other: IngestCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.deleted += other.deleted


def _upsert_posts(db: Database, page: dict, posts: Sequence[RemotePost], seen: str) -> None:
    db.conn.executemany(
        """
        INSERT INTO posts (page_id, platform, platform_id, text, created_at, permalink,
                           comment_count, first_seen_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (platform, platform_id) DO UPDATE SET
            text = excluded.text,
            permalink = coalesce(excluded.permalink, posts.permalink),
            comment_count = coalesce(excluded.comment_count, posts.comment_count)
        WHERE posts.text IS NOT excluded.text
           OR posts.comment_count IS NOT coalesce(excluded.comment_count, posts.comment_count)
           OR posts.permalink IS NOT coalesce(excluded.permalink, posts.permalink)
        """,
        [
            (
                page["id"],
                page["platform"],
                p.platform_id,
                p.text or "",
                to_text(p.created_at),
                p.permalink,
                p.comment_count,
                seen,
            )
            for p in posts
        ],
    )
    # Comments that arrived before their post (another batch) get linked now.
    db.conn.executemany(
        """UPDATE comments
           SET post_id = (SELECT id FROM posts WHERE platform = ? AND platform_id = ?)
           WHERE post_id IS NULL AND platform = ? AND post_platform_id = ?""",
        [(page["platform"], p.platform_id, page["platform"], p.platform_id) for p in posts],
    )


def _post_ids(db: Database, platform: str, post_platform_ids: set[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    keys = sorted(post_platform_ids)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row_id, platform_id in db.execute(
            f"SELECT id, platform_id FROM posts WHERE platform = ? AND platform_id IN ({marks})",
            [platform, *chunk],
        ):
            ids[platform_id] = row_id
    return ids


def _existing(db: Database, platform: str, comment_ids: list[str]) -> dict[str, tuple]:
    found: dict[str, tuple] = {}
    for start in range(0, len(comment_ids), _CHUNK):
        chunk = comment_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            f"""SELECT platform_id, id, text, updated_at, hidden, deleted_on_platform
                FROM comments WHERE platform = ? AND platform_id IN ({marks})""",
            [platform, *chunk],
        ):
            found[row[0]] = row[1:]
    return found


def _upsert_comments(
    db: Database, page: dict, comments: Sequence[RemoteComment], seen: str
) -> IngestCounts:
    counts = IngestCounts()
    platform = page["platform"]
    unique: dict[str, RemoteComment] = {c.platform_id: c for c in comments}
    existing = _existing(db, platform, list(unique))
    post_ids = _post_ids(db, platform, {c.post_id for c in unique.values()})
    inserts, updates, revisions = [], [], []
    for comment in unique.values():
        hidden = 1 if comment.hidden else 0
        updated_at = to_text(comment.updated_at) if comment.updated_at else None
        old = existing.get(comment.platform_id)
        if old is None:
            counts.new += 1
            inserts.append(
                (
                    page["id"],
                    post_ids.get(comment.post_id),
                    platform,
                    comment.platform_id,
                    comment.post_id,
                    comment.parent_id,
                    comment.author_id,
                    comment.author_name,
                    comment.text,
                    to_text(comment.created_at),
                    updated_at,
                    comment.permalink,
                    hidden,
                    seen,
                    seen,
                )
            )
            continue
        row_id, old_text, _old_updated, old_hidden, old_deleted = old
        text_changed = old_text != comment.text
        if text_changed or old_hidden != hidden or old_deleted:
            counts.updated += 1
            if text_changed:
                revisions.append((row_id, old_text, _old_updated, seen))
            updates.append((comment.text, updated_at, hidden, seen, int(text_changed), row_id))
        else:
            counts.unchanged += 1
    if len(inserts) >= BULK_THRESHOLD:
        # Big batches skip the per-row FTS trigger: rows first, FTS in one statement after.
        insert_comment_rows(db, inserts)
    elif inserts:
        db.conn.executemany(
            """INSERT INTO comments (page_id, post_id, platform, platform_id, post_platform_id,
                   parent_platform_id, author_id, author_name, text, created_at, updated_at,
                   permalink, hidden, first_seen_at, last_seen_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            inserts,
        )
    if revisions:
        db.conn.executemany(
            "INSERT INTO comment_revisions (comment_id, text, updated_at, replaced_at) "
            "VALUES (?, ?, ?, ?)",
            revisions,
        )
    if updates:
        # An edited text must be analysed again: clear analysed_at so the flagger picks it up.
        db.conn.executemany(
            """UPDATE comments SET text = ?, updated_at = ?, hidden = ?, last_seen_at = ?,
                   deleted_on_platform = 0,
                   analysed_at = CASE WHEN ? THEN NULL ELSE analysed_at END
               WHERE id = ?""",
            updates,
        )
    return counts


def _mark_deleted(db: Database, platform: str, deleted_ids: Sequence[str], seen: str) -> int:
    marked = 0
    for start in range(0, len(deleted_ids), _CHUNK):
        chunk = list(deleted_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        cursor = db.execute(
            f"""UPDATE comments SET deleted_on_platform = 1, last_seen_at = ?
                WHERE platform = ? AND deleted_on_platform = 0 AND platform_id IN ({marks})""",
            [seen, platform, *chunk],
        )
        marked += cursor.rowcount
    return marked


def store_batch(db: Database, page: dict, batch: FetchBatch) -> IngestCounts:
    """Store one fetched batch and the page's resume cursor in one transaction."""
    seen = now_text()
    with db.atomic():
        if batch.posts:
            _upsert_posts(db, page, batch.posts, seen)
        counts = (
            _upsert_comments(db, page, batch.comments, seen) if batch.comments else IngestCounts()
        )
        counts.deleted = _mark_deleted(db, page["platform"], batch.deleted_ids, seen)
        changes: dict = {"sync_cursor": batch.cursor}
        if batch.total_comments is not None:
            changes["platform_comment_count"] = batch.total_comments
        db["pages"].update(page["id"], changes)
    return counts
