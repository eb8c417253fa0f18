"""Local-only decisions on a comment: mark reviewed, dismiss, undo a dismissal.

Nothing is sent to the platform; each change of ``comments.status`` is written with its
audit entry (who, why, status before and after) in one transaction.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from moderator import audit
from moderator.actions._common import ActionError, comment_state, get_comment


def _set_status(
    db: Database,
    comment_id: int,
    actor: str,
    note: str | None,
    *,
    allowed_from: tuple[str, ...],
    to: str | None,
    audit_action: str,
    verb: str,
) -> dict[str, Any]:
    """Move a comment to status ``to`` (None: back to the status before the last dismissal)."""
    with db.atomic():
        comment = get_comment(db, comment_id)
        if comment["status"] not in allowed_from:
            raise ActionError(
                f"Comment {comment['platform_id']} is {comment['status']}; only "
                f"{' or '.join(allowed_from)} comments can be {verb}."
            )
        target = to or _status_before_dismissal(db, comment_id)
        db["comments"].update(comment_id, {"status": target})
        after = get_comment(db, comment_id)
        audit.append(
            db,
            actor=actor,
            action=audit_action,
            comment_id=comment_id,
            page_id=comment["page_id"],
            note=note,
            before=comment_state(comment),
            after=comment_state(after),
        )
    return after


def _status_before_dismissal(db: Database, comment_id: int) -> str:
    row = db.execute(
        """SELECT before FROM audit_log WHERE comment_id = ? AND action = 'comment.dismissed'
           ORDER BY seq DESC LIMIT 1""",
        [comment_id],
    ).fetchone()
    if row and row[0]:
        status = json.loads(row[0]).get("status")
        if status in ("new", "reviewed"):
            return status
    return "new"


def mark_reviewed(
    db: Database, comment_id: int, actor: str, note: str | None = None
) -> dict[str, Any]:
    """The moderator has looked at a new comment and it needs nothing further."""
    return _set_status(
        db,
        comment_id,
        actor,
        note,
        allowed_from=("new",),
        to="reviewed",
        audit_action="comment.reviewed",
        verb="marked reviewed",
    )


def dismiss(db: Database, comment_id: int, actor: str, note: str | None = None) -> dict[str, Any]:
    """The flags do not apply (a false positive); the comment leaves the queue.

    An escalated comment cannot be dismissed: its case is PV's to close.
    """
    return _set_status(
        db,
        comment_id,
        actor,
        note,
        allowed_from=("new", "reviewed"),
        to="dismissed",
        audit_action="comment.dismissed",
        verb="dismissed",
    )


def undo_dismiss(
    db: Database, comment_id: int, actor: str, note: str | None = None
) -> dict[str, Any]:
    """Bring a dismissed comment back with the status it had before the dismissal."""
    return _set_status(
        db,
        comment_id,
        actor,
        note,
        allowed_from=("dismissed",),
        to=None,
        audit_action="comment.dismiss_undone",
        verb="un-dismissed",
    )
