"""Bulk store rate against a raw ``sqlite3`` insert of the same rows, measured in the same run.

Baseline: ``executemany`` of ``INSERT INTO plain VALUES (...)`` with the very same tuples into
a table with the same 15 columns and no key, index, trigger or FTS, in one transaction, in a
fresh WAL file opened like a workspace (``synchronous=NORMAL``, same page cache). That is
the fastest SQLite can take these rows from Python; the store does more (a UNIQUE key,
eight secondary indexes, the FTS5 index), so the ratio says what all that costs.

Rows under test: ``moderator.store.bulk.insert_comment_rows`` into a real, migrated
workspace database, one transaction, then the FTS row count is checked; the same rows
stored again must add nothing (idempotence). For comparison the plain ``store_batch`` path
(1,000-comment batches, each its own transaction, FTS through the trigger) is timed on
``--store-batch-n`` rows.

    .venv/bin/python benchmarks/bench_store.py [--n 1000000] [--store-batch-n 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlite_utils import Database  # noqa: E402

from benchmarks.make_workspace import START, TextPool  # noqa: E402
from moderator.connectors.base import FetchBatch  # noqa: E402
from moderator.models import RemoteComment, RemotePost  # noqa: E402
from moderator.store.bulk import (  # noqa: E402
    COMMENT_COLUMNS,
    comment_row,
    fast_load_pragmas,
    insert_comment_rows,
)
from moderator.store.database import connect, open_database  # noqa: E402
from moderator.store.ingest import store_batch  # noqa: E402
from moderator.timeutil import now_text  # noqa: E402

N_POSTS = 50


def make_comments(n: int, seed: int = 11) -> list[RemoteComment]:
    """``n`` comments over 50 posts, a quarter of them replies, 5,000 authors."""
    pool = TextPool.load(seed=seed)
    comments = []
    for k in range(n):
        post = k % N_POSTS
        parent = f"c{k - N_POSTS}" if k >= N_POSTS and k % 4 == 3 else None
        author = (k * 7919) % 5000
        comments.append(
            RemoteComment(
                platform_id=f"c{k}",
                post_id=f"p{post}",
                text=pool.text(k),
                author_id=f"u{author}",
                author_name=pool.author(author),
                created_at=START + timedelta(seconds=13 * k),
                parent_id=parent,
            )
        )
    return comments


def _page(db: Database) -> dict:
    db["pages"].insert(
        {
            "platform": "facebook",
            "platform_id": "bench-page",
            "name": "Bench",
            "added_at": now_text(),
        }
    )
    return next(db.query("SELECT * FROM pages"))


def _posts() -> list[RemotePost]:
    return [
        RemotePost(platform_id=f"p{i}", text=f"Post {i}", created_at=START) for i in range(N_POSTS)
    ]


def _fresh(directory: Path, name: str) -> tuple[Database, dict, dict[str, int]]:
    db = open_database(directory / name)
    fast_load_pragmas(db)
    page = _page(db)
    store_batch(db, page, FetchBatch(posts=_posts(), comments=[], cursor=None))
    post_ids = dict(db.execute("SELECT platform_id, id FROM posts").fetchall())
    return db, page, post_ids


def _raw_insert_rate(db: Database, table: str, rows: list[tuple]) -> float:
    """One transaction of ``executemany`` INSERTs into ``table``, then close; rows per second."""
    marks = ",".join("?" * len(COMMENT_COLUMNS))
    started = time.perf_counter()
    db.execute("BEGIN")
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(COMMENT_COLUMNS)}) VALUES ({marks})", rows
    )
    db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return len(rows) / elapsed


def baseline(directory: Path, rows: list[tuple]) -> float:
    """Raw executemany into an unindexed table with the same columns; rows per second."""
    db = connect(directory / "baseline.db")
    fast_load_pragmas(db)
    db.execute(f"CREATE TABLE plain ({', '.join(COMMENT_COLUMNS)})")
    return _raw_insert_rate(db, "plain", rows)


def raw_into_store(directory: Path, rows: list[tuple]) -> float:
    """Raw executemany INSERT of the same tuples into a migrated workspace's comments table.

    The second baseline: what a plain insert costs with the store's own UNIQUE key, eight
    indexes and the live FTS5 trigger, i.e. the schema's price without the bulk path's tricks.
    """
    db, _page_row, _ = _fresh(directory, "raw_store.db")
    return _raw_insert_rate(db, "comments", rows)


def bulk(
    directory: Path, rows: list[tuple], phases: dict[str, float] | None = None
) -> tuple[float, float, int]:
    """insert_comment_rows into a workspace database; (rows/s, re-run rows/s, FTS hits).

    ``phases`` receives the seconds per phase (insert, indexes, fts, other = commit etc.).
    """
    db, _page_row, _ = _fresh(directory, "bulk.db")
    timings: dict[str, float] = {}
    started = time.perf_counter()
    inserted = insert_comment_rows(db, rows, timings=timings)
    elapsed = time.perf_counter() - started
    if phases is not None:
        phases.update(timings)
        phases["other"] = elapsed - sum(timings.values())
    if inserted != len(rows):
        raise SystemExit(f"bulk inserted {inserted} rows, expected {len(rows)}")
    started = time.perf_counter()
    again = insert_comment_rows(db, rows)
    rerun = time.perf_counter() - started
    if again != 0:
        raise SystemExit(f"re-running the bulk insert added {again} rows")
    fts_rows = db.execute("SELECT count(*) FROM comments_fts").fetchone()[0]
    if fts_rows != len(rows):
        raise SystemExit(f"FTS has {fts_rows} rows, expected {len(rows)}")
    word = rows[-1][COMMENT_COLUMNS.index("platform_id")]
    hits = db.execute(
        "SELECT count(*) FROM comments_fts WHERE comments_fts MATCH ?", ['"nausea"']
    ).fetchone()[0]
    assert word
    db.close()
    return len(rows) / elapsed, len(rows) / rerun, hits


def plain_store_batch(directory: Path, comments: list[RemoteComment], batch: int) -> float:
    """The ordinary sync path: store_batch per 1,000 comments with the live FTS trigger."""
    from moderator.store import ingest

    db, page, _ = _fresh(directory, "store_batch.db")
    threshold = getattr(ingest, "BULK_THRESHOLD", None)
    if threshold is not None:
        ingest.BULK_THRESHOLD = 10**12  # time the row-at-a-time path, not the bulk one
    try:
        started = time.perf_counter()
        for start in range(0, len(comments), batch):
            store_batch(db, page, FetchBatch(comments=comments[start : start + batch]))
        elapsed = time.perf_counter() - started
    finally:
        if threshold is not None:
            ingest.BULK_THRESHOLD = threshold
    db.close()
    return len(comments) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows for baseline and bulk")
    parser.add_argument("--store-batch-n", type=int, default=100_000)
    parser.add_argument(
        "--raw-store-n", type=int, default=100_000, help="rows for the same-schema baseline"
    )
    parser.add_argument("--batch", type=int, default=1000, help="store_batch batch size")
    parser.add_argument("--dir", type=Path, default=None, help="scratch folder (default: tmp)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    comments = make_comments(args.n)
    seen = now_text()
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        directory = Path(scratch)
        # Post ids of a fresh workspace are 1..50 in insertion order.
        post_ids = {f"p{i}": i + 1 for i in range(N_POSTS)}
        rows = [comment_row({"id": 1, "platform": "facebook"}, post_ids, c, seen) for c in comments]
        load_before = os.getloadavg()[0]
        raw = baseline(directory, rows)
        subset = rows[: args.raw_store_n]
        raw_store = raw_into_store(directory, subset)
        (directory / "subset").mkdir()
        bulk_subset = bulk(directory / "subset", subset)[0]
        phases: dict[str, float] = {}
        fast, rerun, hits = bulk(directory, rows, phases)
        plain = plain_store_batch(directory, comments[: args.store_batch_n], args.batch)
    result = {
        "rows": args.n,
        "baseline_rows_per_s": raw,
        "bulk_rows_per_s": fast,
        "ratio": fast / raw,
        "raw_into_store_rows": len(rows[: args.raw_store_n]),
        "raw_into_store_rows_per_s": raw_store,
        "ratio_vs_raw_into_store": bulk_subset / raw_store,
        "bulk_rerun_rows_per_s": rerun,
        "store_batch_rows": min(args.store_batch_n, args.n),
        "store_batch_rows_per_s": plain,
        "fts_hits_nausea": hits,
        "bulk_phases_s": {k: round(v, 2) for k, v in phases.items()},
        "raw_s": args.n / raw,
        "load_average": [load_before, os.getloadavg()[0]],
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"rows: {args.n:,} comments (15 columns), one transaction each; nproc "
        f"{os.cpu_count()}, load average {result['load_average'][0]:.1f} before, "
        f"{result['load_average'][1]:.1f} after"
    )
    print(
        "baseline: raw sqlite3 executemany INSERT of the same tuples into a table with the "
        "same columns, no key/index/trigger/FTS"
    )
    print(f"  baseline raw executemany:        {raw:10.0f} rows/s")
    print(f"  bulk.insert_comment_rows:        {fast:10.0f} rows/s  (UNIQUE + 8 indexes + FTS5)")
    print(f"  ratio bulk/baseline:             {fast / raw:10.2f}")
    print(
        f"  raw executemany into the store:  {raw_store:10.0f} rows/s  (first "
        f"{result['raw_into_store_rows']:,} rows, same schema, FTS trigger live; bulk of the "
        f"same rows x{result['ratio_vs_raw_into_store']:.2f})"
    )
    raw_s = result["raw_s"]
    print(
        "  bulk phases (s, and x the raw insert's time): "
        + ", ".join(f"{k} {v:.1f} (x{v / raw_s:.2f})" for k, v in phases.items())
    )
    print(f"  bulk again (all skipped):        {rerun:10.0f} rows/s")
    print(
        f"  store_batch, {args.batch}-row batches:   {plain:10.0f} rows/s  "
        f"({result['store_batch_rows']:,} rows, FTS trigger per row)"
    )
    print(f"  FTS check: {hits:,} bulk rows match 'nausea'")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
