"""Escalating a comment to pharmacovigilance from the moderation workflow.

The case record, its deadlines and its audit entry belong to :mod:`moderator.escalation`;
this module only adapts its errors to the moderation actions' :class:`ActionError` so the
CLI and the console treat "already escalated" like any other refused action.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from moderator.actions._common import ActionError, get_comment
from moderator.escalation import EscalationError, get_case, open_case


def escalate(db: Database, comment_id: int, actor: str, note: str | None = None) -> dict[str, Any]:
    """Open a PV case for a comment and return its ``escalations`` row.

    Day zero is when the console first ingested the comment; escalating never hides it.
    """
    comment = get_comment(db, comment_id)
    if comment["status"] == "escalated":
        raise ActionError(f"Comment {comment['platform_id']} is already escalated.")
    try:
        case_id = open_case(db, comment_id, actor, note=note)
    except EscalationError as error:
        raise ActionError(str(error)) from error
    return get_case(db, case_id)
