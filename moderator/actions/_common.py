"""Shared pieces of the action modules: errors, comment look-up, the state snapshot.

The snapshot is what every audit entry of an action records as ``before``/``after``,
so it is built in one place and always has the same keys.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

COMMENT_STATUSES: tuple[str, ...] = ("new", "reviewed", "escalated", "dismissed")
ACTION_KINDS: tuple[str, ...] = ("hide", "unhide", "reply", "delete")
ACTION_STATUSES: tuple[str, ...] = (
    "pending",
    "in_progress",
    "done",
    "failed",
    "unknown",
    "cancelled",
)


class ActionError(ValueError):
    """The action cannot be taken as asked; the message tells the moderator why."""


class CommentNotFoundError(LookupError):
    """No stored comment matches the id the user gave."""


class ActionNotFoundError(LookupError):
    """No outbox row has the id the user gave."""


def get_comment(db: Database, comment_id: int) -> dict[str, Any]:
    """The stored comment row with local id ``comment_id``."""
    rows = list(db.query("SELECT * FROM comments WHERE id = ?", [comment_id]))
    if not rows:
        raise CommentNotFoundError(f"No stored comment with local id {comment_id}.")
    return rows[0]


def find_comment(db: Database, ref: str, platform: str | None = None) -> dict[str, Any]:
    """Look a comment up by its platform id, the id moderators see and type.

    Platform ids are unique per platform only, so an id shared by two platforms is
    refused rather than guessed.
    """
    sql = "SELECT * FROM comments WHERE platform_id = ?"
    params: list[Any] = [str(ref)]
    if platform:
        sql += " AND platform = ?"
        params.append(platform)
    rows = list(db.query(sql, params))
    if not rows:
        raise CommentNotFoundError(
            f"No stored comment with id {ref!r}; run `moderator sync` or check "
            "`moderator comments`."
        )
    if len(rows) > 1:
        platforms = ", ".join(sorted(r["platform"] for r in rows))
        raise ActionError(f"Comment id {ref!r} exists on several platforms ({platforms}).")
    return rows[0]


def comment_state(comment: dict[str, Any]) -> dict[str, Any]:
    """The parts of a comment that moderation changes, as recorded in the audit log."""
    return {
        "status": comment["status"],
        "hidden": bool(comment["hidden"]),
        "deleted_on_platform": bool(comment["deleted_on_platform"]),
    }
