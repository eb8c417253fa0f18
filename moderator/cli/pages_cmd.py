"""``moderator pages add|list|remove``: connect pages; tokens go to the keyring only."""

from __future__ import annotations

import argparse
import sys

from moderator.cli import CliContext, CliError
from moderator.models import PLATFORMS
from moderator.store.pages import add_page, get_page, list_pages, remove_page


def register(subparsers: argparse._SubParsersAction) -> None:
    pages = subparsers.add_parser("pages", help="connect, list and remove pages")
    sub = pages.add_subparsers(dest="pages_command", required=True, metavar="ACTION")

    add = sub.add_parser("add", help="connect a page")
    add.add_argument("--platform", required=True, choices=PLATFORMS)
    add.add_argument("--id", required=True, dest="page_id", help="the platform's page id")
    add.add_argument("--name", required=True)
    add.add_argument("--api-base", default=None, help="another API host (proxy or test server)")
    add.add_argument("--token-stdin", action="store_true", help="read the page token from stdin")
    add.set_defaults(handler=_add)

    show = sub.add_parser("list", help="list connected pages")
    show.set_defaults(handler=_list)

    remove = sub.add_parser("remove", help="disconnect a page and delete its token")
    remove.add_argument("page_id")
    remove.set_defaults(handler=_remove)


def _add(args: argparse.Namespace, ctx: CliContext) -> int:
    token = None
    if args.token_stdin:
        token = sys.stdin.readline().strip()
        if not token:
            raise CliError("No token on standard input.")
    if args.platform != "demo" and token is None:
        raise CliError(f"A {args.platform} page needs a token: pass --token-stdin.")
    if token is not None:
        _validate_and_store(args, token)
    page = add_page(
        ctx.db,
        platform=args.platform,
        platform_id=args.page_id,
        name=args.name,
        api_base=args.api_base,
        actor=ctx.actor,
    )
    ctx.emit(
        _public(page), f"Connected {page['platform']} page {page['name']} ({page['platform_id']})."
    )
    return 0


def _validate_and_store(args: argparse.Namespace, token: str) -> None:
    """Check the token against the platform, then keep it in the keyring (never the db)."""
    from moderator import credentials
    from moderator.connectors import make_connector
    from moderator.connectors.base import ConnectorError

    page_row = {"platform": args.platform, "platform_id": args.page_id, "api_base": args.api_base}
    try:
        make_connector(page_row, token).validate()
    except ConnectorError as error:
        raise CliError(f"The token was not accepted: {error}") from None
    try:
        credentials.store_token(args.platform, args.page_id, token)
    except credentials.CredentialsUnavailableError as error:
        raise CliError(f"{error} The page was not added.") from None


def _public(page: dict) -> dict:
    keys = (
        "platform",
        "platform_id",
        "name",
        "api_base",
        "last_sync_at",
        "last_sync_status",
        "last_error",
        "platform_comment_count",
        "stored_comments",
    )
    return {key: page.get(key) for key in keys}


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    pages = list_pages(ctx.db)
    lines = []
    for page in pages:
        total = page["platform_comment_count"]
        coverage = (
            f"{page['stored_comments']:,} of {total:,}"
            if total is not None
            else (f"{page['stored_comments']:,}")
        )
        lines.append(
            f"{page['platform']:<10} {page['platform_id']:<24} {page['name']:<28} "
            f"{coverage} comments  last sync: {page['last_sync_at'] or 'never'}"
            + (f"  error: {page['last_error']}" if page["last_error"] else "")
        )
    ctx.emit([_public(p) for p in pages], "\n".join(lines) or "No pages connected.")
    return 0


def _remove(args: argparse.Namespace, ctx: CliContext) -> int:
    page = get_page(ctx.db, args.page_id)
    if page["platform"] != "demo":
        from moderator import credentials

        credentials.delete_token(page["platform"], page["platform_id"])
    remove_page(ctx.db, page["id"], ctx.actor)
    ctx.emit(_public(page), f"Removed page {page['name']} and its token.")
    return 0
