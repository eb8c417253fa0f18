"""``moderator sync``: fetch new and changed comments, store them, flag them."""

from __future__ import annotations

import argparse
import sys

from moderator.cli import CliContext, CliError
from moderator.store.pages import get_page, list_pages
from moderator.sync import SyncReport, flag_pending, sync_connected_page


def register(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help="fetch new and changed comments and flag them")
    sync.add_argument("--page", default=None, help="only this page (platform id)")
    sync.add_argument("--no-flag", action="store_true", help="store only; flag later")
    sync.set_defaults(handler=_sync)


def _progress(message: str, done: int, total: int | None) -> None:
    if sys.stderr.isatty():
        suffix = f"/{total}" if total else ""
        print(f"\r{message}: {done}{suffix}", end="", file=sys.stderr, flush=True)


def _sync(args: argparse.Namespace, ctx: CliContext) -> int:
    pages = [get_page(ctx.db, args.page)] if args.page else list_pages(ctx.db, counts=False)
    if not pages:
        raise CliError("No pages connected; add one with `moderator pages add`.")
    # One page's missing token or a locked keyring must not stop the other pages.
    reports: list[SyncReport] = [
        sync_connected_page(ctx.db, page, ctx.workspace.root, progress=_progress) for page in pages
    ]
    flagged = 0
    if not args.no_flag:
        from moderator.detection import load_analyzer

        flagged = flag_pending(ctx.db, load_analyzer(ctx.db), progress=_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    payload = {"pages": [r.as_dict() for r in reports], "flagged": flagged}
    lines = [
        f"{r.page_name}: {r.status}, {r.counts.new} new, {r.counts.updated} updated, "
        f"{r.counts.unchanged} unchanged, {r.counts.deleted} deleted"
        + (f" ({r.error})" if r.error else "")
        for r in reports
    ]
    lines.append(f"{flagged} comments flagged.")
    ctx.emit(payload, "\n".join(lines))
    failed = [r for r in reports if r.status == "failed"]
    if failed:
        print(
            f"moderator: sync failed for {', '.join(r.page_name for r in failed)}: "
            f"{failed[0].error}",
            file=sys.stderr,
        )
        return 1
    return 0
