"""``moderator comments``: the queue from the command line, most urgent first."""

from __future__ import annotations

import argparse

from moderator.cli import CliContext
from moderator.models import FLAG_KINDS
from moderator.queue import QueueFilter, fetch_page
from moderator.store.flags import flags_for
from moderator.timeutil import now_text

STATUSES = ("new", "reviewed", "escalated", "dismissed")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("comments", help="list stored comments, most urgent first")
    parser.add_argument(
        "--kind", action="append", choices=FLAG_KINDS, help="flag kind (repeatable)"
    )
    parser.add_argument("--status", action="append", choices=STATUSES, help="status (repeatable)")
    parser.add_argument("--search", default="", help="full-text search in text and author")
    parser.add_argument("--page", default=None, help="only this page (platform id)")
    parser.add_argument(
        "--all", action="store_true", help="include comments the detectors did not flag"
    )
    parser.add_argument("--limit", type=int, default=None, help="at most this many comments")
    parser.set_defaults(handler=_comments)


def _comments(args: argparse.Namespace, ctx: CliContext) -> int:
    page_id = None
    if args.page:
        from moderator.store.pages import get_page

        page_id = get_page(ctx.db, args.page)["id"]
    queue_filter = QueueFilter(
        kinds=tuple(args.kind or ()),
        statuses=tuple(args.status or ()),
        page_id=page_id,
        search=args.search,
        # A kind filter implies flagged comments; otherwise --all shows everything.
        flagged_only=not args.all,
    )
    now = now_text()
    listed: list[dict] = []
    after = None
    while args.limit is None or len(listed) < args.limit:
        rows = fetch_page(ctx.db, queue_filter, 500, after, now=now)
        if not rows:
            break
        listed.extend(rows)
        after = rows[-1]
    if args.limit is not None:
        listed = listed[: args.limit]
    payload = [_comment_json(ctx, row) for row in listed]
    lines = [
        f"{c['id']:<24} {c['status']:<10} {','.join(f['kind'] for f in c['flags']) or '-':<32} "
        f"{c['text'][:80]!r}"
        for c in payload
    ]
    ctx.emit(payload, "\n".join(lines) or "No comments match.")
    return 0


def _comment_json(ctx: CliContext, row: dict) -> dict:
    text, created_at, hidden = ctx.db.execute(
        "SELECT text, created_at, hidden FROM comments WHERE id = ?", [row["id"]]
    ).fetchone()
    return {
        "id": row["platform_id"],
        "page": row["page_name"],
        "platform": row["platform"],
        "author": row["author_name"],
        "created_at": created_at,
        "text": text,
        "status": row["status"],
        "hidden": bool(hidden),
        "flags": [
            {"kind": flag["kind"], "score": flag["score"], "evidence": flag["evidence"]}
            for flag in flags_for(ctx.db, row["id"])
        ],
    }
