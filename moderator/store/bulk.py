"""The store's bulk path: many new comments in one transaction at close to raw insert speed.

What makes plain inserts slow at scale is the full-text index: the ``comments_ai`` trigger
feeds FTS5 one row at a time, which costs more than the row and its eight B-tree indexes
together (DESIGN.md, "Pitfalls"). Here the trigger is dropped *inside* the write
transaction, the rows go in with ``INSERT ... ON CONFLICT DO NOTHING`` (the secondary
indexes dropped and rebuilt when the load dwarfs the table), the new rows are added to
FTS5 with one ``INSERT ... SELECT`` and the trigger is recreated from its own stored SQL
before the transaction commits. Other connections never see the trigger missing (DDL is
transactional and writers are serialised), and a crash rolls everything back together.

Three standard bulk-load measures, each measured in ``benchmarks/bench_store.py``:
rows given as a list are sorted by the ``(platform, platform_id)`` key first, so the UNIQUE
index grows at its right edge instead of splitting pages all over (insert phase 15-30 % less
at 1 M rows); a big load gets a page cache sized to it (index rebuilds read the table from
memory); and FTS5 may hold up to 64 MiB of pending terms before it flushes a segment (its
default is 1 MiB, so a million comments made hundreds of small segments to merge; the FTS
phase halves). The FTS setting is put back before commit.

Idempotent on ``(platform, platform_id)``: a row that already exists is left alone, as
:func:`moderator.store.ingest.store_batch` does for an unchanged comment. Edits, hides and
deletions are not this module's job; ``store_batch`` handles them and calls
:func:`insert_comment_rows` for its new comments when a batch is big enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from contextlib import contextmanager
from itertools import islice
from operator import itemgetter
from time import perf_counter
from typing import Any

from sqlite_utils import Database

from moderator.models import RemoteComment
from moderator.timeutil import now_text, to_text

# The columns store_batch writes for a new comment, in its order.
COMMENT_COLUMNS: tuple[str, ...] = (
    "page_id",
    "post_id",
    "platform",
    "platform_id",
    "post_platform_id",
    "parent_platform_id",
    "author_id",
    "author_name",
    "text",
    "created_at",
    "updated_at",
    "permalink",
    "hidden",
    "first_seen_at",
    "last_seen_at",
)
FTS_TRIGGER = "comments_ai"
# One row per statement through executemany measured as fast as 200-row VALUES lists here
# (the cost is in the indexes and FTS, not in statement dispatch); both are kept.
ROWS_PER_STATEMENT = 1
REBUILD_MIN_ROWS = 10_000
BULK_CACHE_KIB = 256 * 1024  # page cache while loading: index pages stay in memory
# A rebuild load gets about this much page cache per row (capped): the table and the index
# being built stay in memory while eight CREATE INDEX statements each read the whole table.
LOAD_CACHE_KIB_PER_ROW = 1
LOAD_CACHE_MAX_KIB = 1024 * 1024
# FTS5's "hashsize": pending terms held in memory before a segment is written.
FTS_LOAD_HASH_BYTES = 64 * 1024 * 1024
FTS_DEFAULT_HASH_BYTES = 1024 * 1024


def comment_row(
    page: Mapping[str, Any],
    post_ids: Mapping[str, int],
    comment: RemoteComment,
    seen: str,
) -> tuple:
    """A new comment as the tuple of :data:`COMMENT_COLUMNS` (exactly as store_batch builds it)."""
    return (
        page["id"],
        post_ids.get(comment.post_id),
        page["platform"],
        comment.platform_id,
        comment.post_id,
        comment.parent_id,
        comment.author_id,
        comment.author_name,
        comment.text,
        to_text(comment.created_at),
        to_text(comment.updated_at) if comment.updated_at else None,
        comment.permalink,
        1 if comment.hidden else 0,
        seen,
        seen,
    )


def _chunks(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _insert_sql(columns: Sequence[str], n_rows: int) -> str:
    one = "(" + ",".join("?" * len(columns)) + ")"
    return (
        f"INSERT INTO comments ({', '.join(columns)}) VALUES {','.join([one] * n_rows)} "
        "ON CONFLICT (platform, platform_id) DO NOTHING"
    )


def _trigger_sql(db: Database) -> str | None:
    row = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [FTS_TRIGGER]
    ).fetchone()
    return row[0] if row else None


def _secondary_indexes(db: Database) -> list[tuple[str, str]]:
    """(name, CREATE sql) of the comments table's own indexes (not the UNIQUE key's)."""
    return db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'comments' "
        "AND sql IS NOT NULL ORDER BY name"
    ).fetchall()


def _stored(db: Database) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM comments").fetchone()[0]


def insert_comment_rows(
    db: Database,
    rows: Iterable[Sequence[Any]],
    columns: Sequence[str] = COMMENT_COLUMNS,
    *,
    rows_per_statement: int = ROWS_PER_STATEMENT,
    rebuild_indexes: bool | None = None,
    timings: dict[str, float] | None = None,
) -> int:
    """Insert comment rows (tuples over ``columns``); existing ones are skipped. Returns new rows.

    ``columns`` must include ``platform`` and ``platform_id``; extra columns such as
    ``status``, ``risk`` or ``analysed_at`` are allowed (the workspace builder sets them).
    Runs in the caller's transaction when there is one, else in its own.

    ``rebuild_indexes`` drops the secondary indexes for the load and recreates them after
    (one sort each instead of a random B-tree insert per row and index). That only pays
    when the load is large against what the table already holds; ``None`` decides so for
    a sized ``rows`` (at least 10,000 rows and twice as many as already stored).

    ``timings``, when given, receives the seconds spent per phase (``insert``, ``indexes``,
    ``fts``): the benchmark reports where a load's time goes.
    """
    clock = _Phases(timings)
    if "platform" not in columns or "platform_id" not in columns:
        raise ValueError("bulk rows need platform and platform_id (the idempotency key)")
    width = len(columns)
    full_sql = _insert_sql(columns, rows_per_statement)
    size = len(rows) if isinstance(rows, Sized) else 0
    if isinstance(rows, Sequence):
        # Stable: of two rows with one key, the first still wins (ON CONFLICT DO NOTHING).
        key = itemgetter(columns.index("platform"), columns.index("platform_id"))
        rows = sorted(rows, key=key)
    conn = db.conn
    if rebuild_indexes is None:
        rebuild_indexes = size >= REBUILD_MIN_ROWS and size >= 2 * _stored(db)
    load_kib = min(LOAD_CACHE_MAX_KIB, size * LOAD_CACHE_KIB_PER_ROW) if rebuild_indexes else 0
    with _page_cache_at_least(db, load_kib), db.atomic():
        indexes = _secondary_indexes(db) if rebuild_indexes else []
        for name, _sql in indexes:
            db.execute(f'DROP INDEX "{name}"')
        trigger = _trigger_sql(db)
        if trigger is not None:
            db.execute(f'DROP TRIGGER "{FTS_TRIGGER}"')
        before = _stored(db)
        clock.start()
        changes_before = conn.total_changes
        if rows_per_statement == 1:
            conn.executemany(_insert_sql(columns, 1), rows)
        for chunk in _chunks(rows, rows_per_statement) if rows_per_statement > 1 else ():
            params = [value for row in chunk for value in row]
            if len(params) != width * len(chunk):
                raise ValueError(f"every row needs {width} values ({', '.join(columns)})")
            sql = full_sql if len(chunk) == rows_per_statement else _insert_sql(columns, len(chunk))
            conn.execute(sql, params)
        # No trigger fires during the load, so the change count is exactly the new rows.
        inserted = conn.total_changes - changes_before
        clock.lap("insert")
        for _name, sql in indexes:
            db.execute(sql)
        clock.lap("indexes")
        if trigger is not None:
            if inserted:
                _index_new_rows(db, before, big=rebuild_indexes)
            db.execute(trigger)
        clock.lap("fts")
    return inserted


@contextmanager
def _page_cache_at_least(db: Database, kib: int) -> Iterator[None]:
    """Raise this connection's page cache to ``kib`` for a block, then put it back."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    # Negative values are KiB, positive ones pages (of ~4 KiB).
    if kib <= (-before if before < 0 else before * 4):
        yield
        return
    db.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")


def _index_new_rows(db: Database, before: int, *, big: bool) -> None:
    """Add the rows above id ``before`` to FTS5 in one statement.

    New rows are exactly those: we hold the write lock. A big load lets FTS5 buffer more
    terms before it writes a segment.
    """
    if big:
        _set_fts_hash(db, FTS_LOAD_HASH_BYTES)
    db.execute(
        "INSERT INTO comments_fts (rowid, text, author_name) "
        "SELECT id, text, author_name FROM comments WHERE id > ?",
        [before],
    )
    if big:
        _set_fts_hash(db, FTS_DEFAULT_HASH_BYTES)


def _set_fts_hash(db: Database, size: int) -> None:
    db.execute("INSERT INTO comments_fts (comments_fts, rank) VALUES ('hashsize', ?)", [size])


class _Phases:
    """Adds the seconds since the previous lap to ``timings[name]`` (no-op without a dict)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = perf_counter()

    def start(self) -> None:
        self.last = perf_counter()

    def lap(self, name: str) -> None:
        now = perf_counter()
        if self.timings is not None:
            self.timings[name] = self.timings.get(name, 0.0) + now - self.last
        self.last = now


def bulk_insert_comments(
    db: Database,
    page: Mapping[str, Any],
    comments: Iterable[RemoteComment],
    *,
    seen: str | None = None,
    rows_per_statement: int = ROWS_PER_STATEMENT,
) -> int:
    """Insert new comments of one page (its posts already stored); returns how many were new.

    The same rows as :func:`store_batch` writes for new comments: post ids are looked up
    by the post's platform id, ``first_seen_at`` and ``last_seen_at`` are ``seen``.
    """
    seen = seen or now_text()
    post_ids = dict(
        db.execute(
            "SELECT platform_id, id FROM posts WHERE platform = ? AND page_id = ?",
            [page["platform"], page["id"]],
        ).fetchall()
    )
    rows = (comment_row(page, post_ids, comment, seen) for comment in comments)
    return insert_comment_rows(db, rows, rows_per_statement=rows_per_statement)


def fast_load_pragmas(db: Database, cache_kib: int = BULK_CACHE_KIB) -> None:
    """A bigger page cache for a long load on this connection (index pages stay resident)."""
    db.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
