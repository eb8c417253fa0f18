"""Raw fetch rate: comments/second through ``FacebookConnector.fetch`` from the local fake.

The baseline, measured in the same run against the same server, is a bare httpx loop that
requests the same pages and follows ``paging.next`` without any parsing, validation, retry
logic or cursor bookkeeping; the ratio shows what the connector layer costs on top of the
wire. (Storing is timed elsewhere.)

    .venv/bin/python benchmarks/bench_ingest_http.py [--n 10000] [--posts 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from moderator.connectors.facebook import FacebookConnector  # noqa: E402
from moderator.connectors.http import HttpClient  # noqa: E402
from tests.fakes import FakeGraphServer, make_facebook_page  # noqa: E402

TOKEN = "EAAB-benchmark-token"


def bare_httpx(base_url: str, page_id: str, page_size: int) -> int:
    """Fetch every comment page with plain httpx; returns the number of comments seen."""
    seen = 0
    with httpx.Client(timeout=30) as client:
        posts_url: str | None = f"{base_url}/v25.0/{page_id}/posts"
        params: dict[str, str] | None = {"access_token": TOKEN, "limit": str(page_size)}
        while posts_url:
            body = client.get(posts_url, params=params).json()
            params = None
            for post in body["data"]:
                url: str | None = f"{base_url}/v25.0/{post['id']}/comments"
                query: dict[str, str] | None = {
                    "access_token": TOKEN,
                    "filter": "stream",
                    "order": "reverse_chronological",
                    "summary": "true",
                    "limit": str(page_size),
                    "fields": FacebookConnector.COMMENT_FIELDS,
                }
                while url:
                    page = client.get(url, params=query).json()
                    query = None
                    seen += len(page["data"])
                    url = page.get("paging", {}).get("next")
            posts_url = body.get("paging", {}).get("next")
    return seen


def connector_fetch(base_url: str, page_id: str, page_size: int) -> tuple[int, int]:
    """Fetch through the connector; returns (comments, batches)."""
    with HttpClient() as http:
        connector = FacebookConnector(page_id, TOKEN, base_url, http, page_size=page_size)
        comments = batches = 0
        for batch in connector.fetch(None, None):
            comments += len(batch.comments)
            batches += 1
    return comments, batches


def serve(n: int, posts: int, conn: Connection) -> None:
    """Run the fake in its own process so it does not compete with the client for the GIL."""
    page = make_facebook_page(n, n_posts=posts)
    with FakeGraphServer(pages={page.id: page}, token=TOKEN) as server:
        conn.send((server.base_url, page.id))
        conn.recv()  # wait for "stop"
        conn.send(len(server.requests))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="comments on the fake page")
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(args.n, args.posts, theirs), daemon=True)
    server.start()
    base_url, page_id = ours.recv()
    results: dict[str, float] = {}
    try:
        for name, run in (
            ("bare_httpx", lambda: (bare_httpx(base_url, page_id, args.page_size), 0)),
            ("connector", lambda: connector_fetch(base_url, page_id, args.page_size)),
        ):
            best = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                count, _batches = run()
                best = min(best, time.perf_counter() - started)
                if count != args.n:
                    raise SystemExit(f"{name} fetched {count} comments, expected {args.n}")
            results[name] = args.n / best
    finally:
        ours.send("stop")
        requests = ours.recv() // (2 * args.repeat)
        server.join(timeout=10)

    ratio = results["connector"] / results["bare_httpx"]
    if args.json:
        print(json.dumps({**results, "ratio": ratio, "requests_per_fetch": requests}))
        return
    print(f"comments: {args.n} over {args.posts} posts, {requests} requests per fetch")
    print(f"bare httpx (baseline):     {results['bare_httpx']:10.0f} comments/s")
    print(f"FacebookConnector.fetch:   {results['connector']:10.0f} comments/s")
    print(f"ratio connector/baseline:  {ratio:10.2f}")


if __name__ == "__main__":
    main()
