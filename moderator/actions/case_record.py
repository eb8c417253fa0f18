"""The first, minimal pharmacovigilance case record built when a comment is escalated.

It freezes what the console knew at escalation time: provenance (platform, page, post,
permalink, comment id), the verbatim text with its SHA-256 (so PV can prove the text was
not altered), the stored flags with their evidence and the detector's adverse-event
details. Fields follow ``reference/pharmacovigilance.md`` section 5; the record is meant
to be extended (four-criteria evidence, narrative, E2B mapping) without changing callers.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlite_utils import Database

from moderator.actions._common import get_comment

RECORD_SCHEMA = "moderation-console/pv-case/1"


def text_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 text, hex; the fingerprint of the verbatim comment."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _criteria(adverse_event: dict[str, Any] | None) -> dict[str, bool | None]:
    """The four ICSR minimum criteria as the detector saw them (None: not analysed)."""
    if adverse_event is None:
        return dict.fromkeys(
            ("identifiable_reporter", "identifiable_patient", "suspect_product", "adverse_event")
        )
    return {
        "identifiable_reporter": adverse_event.get("reporter") is not None,
        "identifiable_patient": adverse_event.get("patient") is not None,
        "suspect_product": bool(adverse_event.get("products")),
        "adverse_event": bool(adverse_event.get("events")),
    }


def build_case_record(db: Database, comment_id: int) -> dict[str, Any]:
    """Everything PV needs to start a case from one stored comment, as plain JSON data."""
    comment = get_comment(db, comment_id)
    page = db["pages"].get(comment["page_id"])
    post = db["posts"].get(comment["post_id"]) if comment["post_id"] else None
    analysis_rows = list(db.query("SELECT * FROM analyses WHERE comment_id = ?", [comment_id]))
    analysis = analysis_rows[0] if analysis_rows else None
    adverse_event = (
        json.loads(analysis["adverse_event"]) if analysis and analysis["adverse_event"] else None
    )
    flags = [
        {
            "kind": row["kind"],
            "score": row["score"],
            "evidence": json.loads(row["evidence"]),
            "explanation": row["explanation"],
            "detector_version": row["detector_version"],
            "flagged_at": row["created_at"],
        }
        for row in db.query(
            "SELECT * FROM flags WHERE comment_id = ? ORDER BY score DESC, kind", [comment_id]
        )
    ]
    serious = (
        bool(analysis["serious"])
        if analysis
        else bool(adverse_event and adverse_event.get("serious"))
    )
    return {
        "schema": RECORD_SCHEMA,
        "report_type": "spontaneous",
        "source": {
            "platform": comment["platform"],
            "page_id": page["platform_id"],
            "page_name": page["name"],
            "post_id": comment["post_platform_id"],
            "post_text": post["text"] if post else None,
            "post_permalink": post["permalink"] if post else None,
            "comment_id": comment["platform_id"],
            "parent_comment_id": comment["parent_platform_id"],
            "permalink": comment["permalink"],
            "author_id": comment["author_id"],
            "author_name": comment["author_name"],
            "hidden": bool(comment["hidden"]),
            "deleted_on_platform": bool(comment["deleted_on_platform"]),
        },
        "verbatim": {"text": comment["text"], "sha256": text_sha256(comment["text"])},
        "timestamps": {
            "posted_at": comment["created_at"],
            "edited_at": comment["updated_at"],
            "first_seen_at": comment["first_seen_at"],
            "analysed_at": analysis["analysed_at"] if analysis else None,
        },
        "serious": serious,
        "criteria": _criteria(adverse_event),
        "adverse_event": adverse_event,
        "flags": flags,
        "detector_version": analysis["detector_version"] if analysis else None,
    }
