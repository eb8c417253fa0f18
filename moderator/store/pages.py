"""Connected pages: add, list, find, remove, and their sync bookkeeping."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from moderator import audit
from moderator.models import PLATFORMS
from moderator.timeutil import now_text


class PageNotFoundError(LookupError):
    """No connected page matches the id the user gave."""


def add_page(
    db: Database,
    *,
    platform: str,
    platform_id: str,
    name: str,
    api_base: str | None,
    actor: str,
) -> dict[str, Any]:
    """Connect a page (or reconnect a removed one) and audit it."""
    if platform not in PLATFORMS:
        raise ValueError(f"Unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}.")
    with db.atomic():
        existing = find_page(db, platform_id, platform=platform, include_removed=True)
        row = {
            "platform": platform,
            "platform_id": platform_id,
            "name": name,
            "api_base": api_base,
            "removed_at": None,
        }
        if existing:
            db["pages"].update(existing["id"], row)
            page_id = existing["id"]
        else:
            row["added_at"] = now_text()
            page_id = db["pages"].insert(row).last_pk
        page = db["pages"].get(page_id)
        audit.append(
            db,
            actor=actor,
            action="page.add",
            page_id=page_id,
            after={k: page[k] for k in ("platform", "platform_id", "name", "api_base")},
        )
    return page


def list_pages(
    db: Database, include_removed: bool = False, *, counts: bool = True
) -> list[dict[str, Any]]:
    """Connected pages, oldest first, with the number of comments stored for each.

    ``counts=False`` leaves ``stored_comments`` out: counting reads a whole index (over a
    second at a million comments when the file is not cached), which the console's page
    filter and sync do not need.
    """
    where = "" if include_removed else "WHERE p.removed_at IS NULL"
    stored = (
        "(SELECT count(*) FROM comments c WHERE c.page_id = p.id) AS stored_comments"
        if counts
        else "NULL AS stored_comments"
    )
    sql = f"SELECT p.*, {stored} FROM pages p {where} ORDER BY p.id"
    return list(db.query(sql))


def find_page(
    db: Database, ref: str | int, platform: str | None = None, include_removed: bool = False
) -> dict[str, Any] | None:
    """Look a page up by its platform id (or local numeric id).

    An ``int`` is a local id (what the console and the CLI pass once they hold a row) and
    matches only that row: another page whose platform id is the same digits must never
    be synced or removed in its place. A typed string tries platform ids first.
    """
    if isinstance(ref, int):
        local = " AND removed_at IS NULL" if not include_removed else ""
        rows = list(db.query(f"SELECT * FROM pages WHERE id = ?{local}", [ref]))
        return rows[0] if rows else None
    clauses = ["platform_id = ?"]
    params: list[Any] = [str(ref)]
    if platform:
        clauses.append("platform = ?")
        params.append(platform)
    if not include_removed:
        clauses.append("removed_at IS NULL")
    rows = list(db.query(f"SELECT * FROM pages WHERE {' AND '.join(clauses)}", params))
    if not rows and str(ref).isdigit() and platform is None:
        rows = list(
            db.query(
                "SELECT * FROM pages WHERE id = ?"
                + ("" if include_removed else " AND removed_at IS NULL"),
                [int(ref)],
            )
        )
    return rows[0] if rows else None


def get_page(db: Database, ref: str | int) -> dict[str, Any]:
    """Like :func:`find_page` but raises a clear error when nothing matches."""
    page = find_page(db, ref)
    if page is None:
        raise PageNotFoundError(f"No connected page with id {ref!r}; see `moderator pages list`.")
    return page


def remove_page(db: Database, ref: str | int, actor: str) -> dict[str, Any]:
    """Disconnect a page; its stored comments and audit history stay (records are kept)."""
    page = get_page(db, ref)
    with db.atomic():
        db["pages"].update(page["id"], {"removed_at": now_text()})
        audit.append(
            db,
            actor=actor,
            action="page.remove",
            page_id=page["id"],
            before={"platform": page["platform"], "platform_id": page["platform_id"]},
        )
    return page


def record_sync_result(
    db: Database, page_id: int, *, status: str, error: str | None, finished_at: str
) -> None:
    """Remember how the last sync of a page ended (shown in the page manager)."""
    db["pages"].update(
        page_id, {"last_sync_at": finished_at, "last_sync_status": status, "last_error": error}
    )
