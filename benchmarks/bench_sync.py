"""Sync rate: comments/second from a local FakeGraphServer through FacebookConnector + sync_page.

Measured in the same run against the same server: the raw fetch rate (``connector.fetch``
with nothing stored), then ``sync_page`` into a fresh workspace file (every batch stored
with its resume cursor in its own transaction; big batches take the bulk path of
:mod:`moderator.store.bulk`). After the sync the comments must be stored and searchable
(FTS queries find the expected comments); flags are not computed here, as in the console
and ``moderator sync`` they come after storing. ``--plain`` also times the row-at-a-time
``store_batch`` path (bulk disabled) on the same server. Target: >= 2,000 comments/s.

    .venv/bin/python benchmarks/bench_sync.py [--n 100000] [--posts 20] [--plain] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_ingest_http import TOKEN, connector_fetch, serve  # noqa: E402
from moderator.connectors.facebook import FacebookConnector  # noqa: E402
from moderator.connectors.http import HttpClient  # noqa: E402
from moderator.store import ingest  # noqa: E402
from moderator.store.database import open_database  # noqa: E402
from moderator.store.pages import add_page  # noqa: E402
from moderator.sync import sync_page  # noqa: E402


def _search(db, query: str) -> int:
    return db.execute(
        "SELECT count(*) FROM comments_fts WHERE comments_fts MATCH ?", [query]
    ).fetchone()[0]


def timed_sync(base_url: str, page_id: str, page_size: int, folder: Path, name: str) -> dict:
    """sync_page into a fresh workspace database; returns rate and the checks."""
    db = open_database(folder / f"{name}.db")
    page = add_page(
        db, platform="facebook", platform_id=page_id, name="Bench", api_base=base_url, actor="b"
    )
    with HttpClient() as http:
        connector = FacebookConnector(page_id, TOKEN, base_url, http, page_size=page_size)
        started = time.perf_counter()
        report = sync_page(db, page, connector)
        elapsed = time.perf_counter() - started
    stored = db.execute("SELECT count(*) FROM comments").fetchone()[0]
    pending = db.execute("SELECT count(*) FROM comments WHERE analysed_at IS NULL").fetchone()[0]
    result = {
        "status": report.status,
        "new": report.counts.new,
        "stored": stored,
        "seconds": elapsed,
        "per_second": stored / elapsed,
        # make_facebook_page: every 7th text mentions "nauseous"; each carries "(#k)".
        "fts_nauseous": _search(db, '"nauseous"'),
        "fts_k_last": _search(db, f'"{stored - 1}"'),
        "pending_analysis": pending,
    }
    db.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--plain", action="store_true", help="also time bulk disabled")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(args.n, args.posts, theirs), daemon=True)
    server.start()
    base_url, page_id = ours.recv()
    results: dict = {"comments": args.n}
    try:
        started = time.perf_counter()
        fetched, batches = connector_fetch(base_url, page_id, args.page_size)
        results["fetch_per_second"] = fetched / (time.perf_counter() - started)
        results["batches"] = batches
        with tempfile.TemporaryDirectory() as scratch:
            results["sync"] = timed_sync(base_url, page_id, args.page_size, Path(scratch), "bulk")
            if args.plain:
                saved = ingest.BULK_THRESHOLD
                ingest.BULK_THRESHOLD = 10**12
                try:
                    results["sync_plain"] = timed_sync(
                        base_url, page_id, args.page_size, Path(scratch), "plain"
                    )
                finally:
                    ingest.BULK_THRESHOLD = saved
    finally:
        ours.send("stop")
        ours.recv()
        server.join(timeout=10)
    sync = results["sync"]
    results["ratio_to_fetch"] = sync["per_second"] / results["fetch_per_second"]
    if sync["stored"] != args.n or sync["fts_k_last"] < 1 or sync["fts_nauseous"] < args.n // 8:
        print(f"bench_sync: check failed: {sync}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"comments: {args.n:,} over {args.posts} posts, {results['batches']} batches")
    print(
        "raw fetch (FacebookConnector.fetch, nothing stored): "
        f"{results['fetch_per_second']:8.0f} /s"
    )
    print(f"sync_page (fetch + store + FTS):                    {sync['per_second']:8.0f} /s")
    if "sync_plain" in results:
        plain = results["sync_plain"]
        print(f"sync_page with bulk disabled (store_batch rows):    {plain['per_second']:8.0f} /s")
    print(f"sync / raw fetch:                                   {results['ratio_to_fetch']:8.2f}")
    print(
        f"stored {sync['stored']:,}; FTS finds 'nauseous' in {sync['fts_nauseous']:,} and the last "
        f"comment by its number; {sync['pending_analysis']:,} await flagging (done after storing)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
