"""Moderation actions: platform actions through the outbox, local decisions, escalation.

* :mod:`.outbox` queues hide/unhide/reply/delete requests (row + audit entry in one
  transaction) and lets a moderator retry, cancel or confirm them.
* :mod:`.worker` sends them to the platform exactly once, with back-off.
* :mod:`.review` holds the local-only decisions (reviewed, dismissed, undo).
* :mod:`.escalate` opens a PV case through :mod:`moderator.escalation`.
"""

from moderator.actions._common import (
    ACTION_KINDS,
    ACTION_STATUSES,
    COMMENT_STATUSES,
    ActionError,
    ActionNotFoundError,
    CommentNotFoundError,
    comment_state,
    find_comment,
    get_comment,
)
from moderator.actions.escalate import escalate
from moderator.actions.outbox import (
    cancel,
    confirm,
    enqueue,
    get_action,
    list_actions,
    retry,
)
from moderator.actions.review import dismiss, mark_reviewed, undo_dismiss
from moderator.actions.worker import ActionResult, OutboxWorker

__all__ = [
    "ACTION_KINDS",
    "ACTION_STATUSES",
    "COMMENT_STATUSES",
    "ActionError",
    "ActionNotFoundError",
    "ActionResult",
    "CommentNotFoundError",
    "OutboxWorker",
    "cancel",
    "comment_state",
    "confirm",
    "dismiss",
    "enqueue",
    "escalate",
    "find_comment",
    "get_action",
    "get_comment",
    "list_actions",
    "mark_reviewed",
    "retry",
    "undo_dismiss",
]
