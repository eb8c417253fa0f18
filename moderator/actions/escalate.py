"""Escalating a comment to pharmacovigilance: a case record with its deadlines.

Day zero is when the company first had the comment (``comments.first_seen_at``, the
moment the console ingested it), not when a moderator got to it: GVP VI counts from
receipt by anyone working for the company. Escalating never hides the comment.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

from sqlite_utils import Database

from moderator import audit, settings
from moderator.actions._common import ActionError, comment_state, get_comment
from moderator.actions.case_record import build_case_record, text_sha256
from moderator.timeutil import now_text, parse, to_text

DEFAULT_INTERNAL_DEADLINE_HOURS = 24.0
SERIOUS_REGULATORY_DAYS = 15  # Directive 2001/83/EC Art 107(3): serious ICSRs
NON_SERIOUS_REGULATORY_DAYS = 90


def internal_deadline_hours(db: Database) -> float:
    """Hours PV wants escalations within (setting ``internal_deadline_hours``, default 24)."""
    value = settings.get(db, "internal_deadline_hours")
    try:
        hours = float(value)
    except (TypeError, ValueError):
        return DEFAULT_INTERNAL_DEADLINE_HOURS
    return hours if hours > 0 else DEFAULT_INTERNAL_DEADLINE_HOURS


def escalate(db: Database, comment_id: int, actor: str, note: str | None = None) -> dict[str, Any]:
    """Open a PV escalation for a comment; returns the new ``escalations`` row.

    The comment's status becomes ``escalated``; its visibility is left alone.
    """
    with db.atomic():
        comment = get_comment(db, comment_id)
        if comment["status"] == "escalated":
            raise ActionError(f"Comment {comment['platform_id']} is already escalated.")
        record = build_case_record(db, comment_id)
        escalation_id = str(uuid.uuid4())
        stamp = now_text()
        day_zero = parse(comment["first_seen_at"])
        internal_due = to_text(day_zero + timedelta(hours=internal_deadline_hours(db)))
        days = SERIOUS_REGULATORY_DAYS if record["serious"] else NON_SERIOUS_REGULATORY_DAYS
        regulatory_due = to_text(day_zero + timedelta(days=days))
        record.update(
            {
                "escalation_id": escalation_id,
                "escalated_at": stamp,
                "escalated_by": actor,
                "note": note,
                "day_zero": comment["first_seen_at"],
                "internal_due_at": internal_due,
                "regulatory_due_at": regulatory_due,
            }
        )
        record_text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        row = {
            "id": escalation_id,
            "comment_id": comment_id,
            "kind": "pv",
            "status": "open",
            "record": record_text,
            "created_at": stamp,
            "created_by": actor,
            "day_zero": comment["first_seen_at"],
            "internal_due_at": internal_due,
            "regulatory_due_at": regulatory_due,
            "note": note,
        }
        db["escalations"].insert(row)
        db["comments"].update(comment_id, {"status": "escalated"})
        audit.append(
            db,
            actor=actor,
            action="comment.escalated",
            comment_id=comment_id,
            page_id=comment["page_id"],
            note=note,
            before=comment_state(comment),
            after=comment_state(get_comment(db, comment_id)),
            details={
                "escalation_id": escalation_id,
                "kind": "pv",
                "serious": record["serious"],
                "day_zero": comment["first_seen_at"],
                "internal_due_at": internal_due,
                "regulatory_due_at": regulatory_due,
                "record_sha256": text_sha256(record_text),
            },
            at=stamp,
        )
    return row
