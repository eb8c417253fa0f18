"""The outbox: moderation actions that must reach a platform (hide, unhide, reply, delete).

A moderator's request is written as an ``actions`` row together with its audit entry
in one transaction, and only then sent by :class:`~moderator.actions.worker.OutboxWorker`.
So a request is never lost (a crash or an offline platform leaves it pending) and never
applied without a record of who asked for it.

Row status life cycle::

    pending -> in_progress -> done
                           -> pending (retryable error, later ``next_attempt_at``)
                           -> failed  (permanent error, expired token, attempts exhausted)
                           -> unknown (a reply/delete interrupted by a crash; see worker)
    failed | unknown | pending --retry--> pending      (audited ``action.retry``)
    failed | unknown | pending --cancel--> cancelled   (audited ``action.cancelled``)
    unknown --confirm--> done                          (audited ``action.confirmed``)
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlite_utils import Database

from moderator import audit
from moderator.actions._common import (
    ACTION_KINDS,
    ActionError,
    ActionNotFoundError,
    comment_state,
    get_comment,
)
from moderator.timeutil import now_text

# Kinds for which a second identical request while one is still open adds nothing:
# pressing "hide" twice gives one platform call.
_COALESCED_KINDS = frozenset({"hide", "unhide", "delete"})
OPEN_STATUSES = ("pending", "in_progress")
# What a platform action changes on the stored comment once it is applied. The text is
# never touched: hiding or deleting keeps the original locally for PV and audit.
COMMENT_EFFECTS: dict[str, dict[str, int]] = {
    "hide": {"hidden": 1},
    "unhide": {"hidden": 0},
    "delete": {"deleted_on_platform": 1},
    "reply": {},
}


def get_action(db: Database, action_id: int) -> dict[str, Any]:
    """One outbox row, ``payload`` and ``result`` decoded."""
    rows = list(db.query("SELECT * FROM actions WHERE id = ?", [action_id]))
    if not rows:
        raise ActionNotFoundError(f"No outbox action with id {action_id}; see `moderator outbox`.")
    return _decoded(rows[0])


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["payload"] = json.loads(row["payload"]) if row["payload"] else {}
    row["result"] = json.loads(row["result"]) if row["result"] else None
    return row


def list_actions(
    db: Database, statuses: tuple[str, ...] | None = None, limit: int = 500
) -> list[dict[str, Any]]:
    """Outbox rows, newest first, with the comment's platform id and the page's name."""
    where = ""
    params: list[Any] = []
    if statuses:
        where = f"WHERE a.status IN ({','.join('?' * len(statuses))})"
        params.extend(statuses)
    sql = f"""
        SELECT a.*, c.platform_id AS comment_platform_id, c.platform AS platform,
               p.name AS page_name
        FROM actions a JOIN comments c ON c.id = a.comment_id
        JOIN pages p ON p.id = c.page_id
        {where} ORDER BY a.id DESC LIMIT ?
    """
    return [_decoded(row) for row in db.query(sql, [*params, limit])]


def _validate(kind: str, payload: dict[str, Any] | None) -> dict[str, Any]:
    if kind not in ACTION_KINDS:
        raise ActionError(f"Unknown action {kind!r}; choose one of {', '.join(ACTION_KINDS)}.")
    payload = dict(payload or {})
    if kind == "reply":
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ActionError("A reply needs a non-empty text.")
    return payload


def enqueue(
    db: Database,
    comment_id: int,
    kind: str,
    actor: str,
    note: str | None = None,
    payload: dict[str, Any] | None = None,
) -> int:
    """Queue a platform action for a comment and audit the request; returns the action id.

    A comment still ``new`` becomes ``reviewed``: a moderator who acts on it has seen it.
    A hide/unhide/delete identical to one still open returns the open action's id.
    """
    payload = _validate(kind, payload)
    with db.atomic():
        comment = get_comment(db, comment_id)
        if comment["deleted_on_platform"] and kind != "delete":
            raise ActionError(
                f"Comment {comment['platform_id']} was deleted on the platform; "
                f"it cannot be {'replied to' if kind == 'reply' else kind + 'd'}."
            )
        if kind in _COALESCED_KINDS:
            open_row = db.execute(
                f"SELECT id FROM actions WHERE comment_id = ? AND kind = ? "
                f"AND status IN {OPEN_STATUSES!r}",
                [comment_id, kind],
            ).fetchone()
            if open_row:
                return int(open_row[0])
        before = comment_state(comment)
        if comment["status"] == "new":
            db["comments"].update(comment_id, {"status": "reviewed"})
        key = str(uuid.uuid4())
        stamp = now_text()
        action_id = int(
            db["actions"]
            .insert(
                {
                    "comment_id": comment_id,
                    "kind": kind,
                    "payload": json.dumps(payload, ensure_ascii=False),
                    "status": "pending",
                    "attempts": 0,
                    "idempotency_key": key,
                    "created_at": stamp,
                    "created_by": actor,
                }
            )
            .last_pk
        )
        after = comment_state(get_comment(db, comment_id))
        audit.append(
            db,
            actor=actor,
            action="action.requested",
            comment_id=comment_id,
            page_id=comment["page_id"],
            note=note,
            before=before,
            after=after,
            details={
                "action_id": action_id,
                "kind": kind,
                "payload": payload,
                "idempotency_key": key,
            },
            at=stamp,
        )
    return action_id


def _transition(
    db: Database,
    action_id: int,
    actor: str,
    *,
    allowed: tuple[str, ...],
    changes: dict[str, Any],
    audit_action: str,
    verb: str,
    note: str | None = None,
    apply_effect: bool = False,
) -> dict[str, Any]:
    with db.atomic():
        row = get_action(db, action_id)
        if row["status"] not in allowed:
            raise ActionError(
                f"Action {action_id} is {row['status']}; only {', '.join(allowed)} actions "
                f"can be {verb}."
            )
        comment = get_comment(db, row["comment_id"])
        before = {**comment_state(comment), "action_status": row["status"]}
        db["actions"].update(action_id, changes)
        if apply_effect and COMMENT_EFFECTS[row["kind"]]:
            db["comments"].update(row["comment_id"], COMMENT_EFFECTS[row["kind"]])
        after = {
            **comment_state(get_comment(db, row["comment_id"])),
            "action_status": changes["status"],
        }
        audit.append(
            db,
            actor=actor,
            action=audit_action,
            comment_id=row["comment_id"],
            page_id=comment["page_id"],
            note=note,
            before=before,
            after=after,
            details={
                "action_id": action_id,
                "kind": row["kind"],
                "attempts": row["attempts"],
                "last_error": row["last_error"],
            },
        )
    return get_action(db, action_id)


def retry(db: Database, action_id: int, actor: str, note: str | None = None) -> dict[str, Any]:
    """Send a failed, unknown or waiting action again at the next worker run.

    The attempt counter restarts so a failed action gets the full back-off budget; the
    idempotency key stays, because it is still the same request.
    """
    return _transition(
        db,
        action_id,
        actor,
        allowed=("failed", "unknown", "pending"),
        changes={"status": "pending", "attempts": 0, "next_attempt_at": None},
        audit_action="action.retry",
        verb="retried",
        note=note,
    )


def cancel(db: Database, action_id: int, actor: str, note: str | None = None) -> dict[str, Any]:
    """Give up on an action that has not been applied (pending, failed or unknown)."""
    return _transition(
        db,
        action_id,
        actor,
        allowed=("pending", "failed", "unknown"),
        changes={"status": "cancelled", "next_attempt_at": None},
        audit_action="action.cancelled",
        verb="cancelled",
        note=note,
    )


def confirm(db: Database, action_id: int, actor: str, note: str | None = None) -> dict[str, Any]:
    """Record that an ``unknown`` action did reach the platform (the moderator checked)."""
    return _transition(
        db,
        action_id,
        actor,
        allowed=("unknown",),
        changes={"status": "done", "applied_at": now_text(), "next_attempt_at": None},
        audit_action="action.confirmed",
        verb="confirmed",
        note=note,
        apply_effect=True,
    )
