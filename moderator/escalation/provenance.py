"""Section A of every escalation record: where the comment came from, verbatim and fingerprinted.

Why shared: PV cases, quality complaints and Medical Information referrals all have to prove
what was said, where, by whom and when the company first had it (day zero); building that
once keeps the three record kinds consistent and the verbatim hash computed one way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

THREAD_LIMIT = 20  # thread context is context, not an archive: cap parent/sibling/reply lists


class CaseSourceError(LookupError):
    """The comment an escalation should be built from is not in the store."""


def text_sha256(text: str) -> str:
    """SHA-256 of the UTF-8 text, hex: the fingerprint that proves the verbatim was not altered."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_sha256(record: dict[str, Any]) -> str:
    """SHA-256 of a record's canonical JSON (sorted keys), as written to the audit log."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text_sha256(canonical)


def span(value: Any) -> dict[str, Any] | None:
    """``{start, end, text}`` from an evidence-like dict, or None when there is no span."""
    if not isinstance(value, dict) or value.get("start") is None or value.get("end") is None:
        return None
    text = value.get("text")
    if text is None:
        text = value.get("as_reported", "")  # product mentions name their words so
    return {"start": int(value["start"]), "end": int(value["end"]), "text": text}


@dataclass
class SourceData:
    """Everything the store knows about one comment, loaded once for a record builder."""

    comment: dict[str, Any]
    page: dict[str, Any]
    post: dict[str, Any] | None
    analysis: dict[str, Any] | None
    adverse_event: dict[str, Any] | None
    flags: list[dict[str, Any]] = field(default_factory=list)
    revisions: int = 0

    def flag(self, kind: str) -> dict[str, Any] | None:
        """The stored flag of ``kind``, if the detectors raised one."""
        return next((f for f in self.flags if f["kind"] == kind), None)

    def evidence(self, kind: str, prefix: str = "") -> list[dict[str, Any]]:
        """Evidence spans of flag ``kind`` whose label starts with ``prefix``."""
        found = self.flag(kind)
        if not found:
            return []
        return [e for e in found["evidence"] if str(e.get("label", "")).startswith(prefix)]


def load_source(db: Database, comment_id: int) -> SourceData:
    """Read the comment, its page, post, analysis and flags (raises CaseSourceError)."""
    rows = list(db.query("SELECT * FROM comments WHERE id = ?", [comment_id]))
    if not rows:
        raise CaseSourceError(f"No stored comment with local id {comment_id}.")
    comment = rows[0]
    page = db["pages"].get(comment["page_id"])
    post = db["posts"].get(comment["post_id"]) if comment["post_id"] else None
    analyses = list(db.query("SELECT * FROM analyses WHERE comment_id = ?", [comment_id]))
    analysis = analyses[0] if analyses else None
    adverse_event = None
    if analysis and analysis["adverse_event"]:
        adverse_event = json.loads(analysis["adverse_event"])
    flags = []
    for row in db.query(
        "SELECT * FROM flags WHERE comment_id = ? ORDER BY score DESC, kind", [comment_id]
    ):
        flags.append(
            {
                "kind": row["kind"],
                "score": row["score"],
                "evidence": json.loads(row["evidence"] or "[]"),
                "explanation": row["explanation"],
                "detector_version": row["detector_version"],
                "flagged_at": row["created_at"],
            }
        )
    (revisions,) = db.execute(
        "SELECT count(*) FROM comment_revisions WHERE comment_id = ?", [comment_id]
    ).fetchone()
    return SourceData(comment, page, post, analysis, adverse_event, flags, revisions)


def _thread_entry(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "comment_id": row["platform_id"],
        "author_handle": row["author_name"] or row["author_id"],
        "text": row["text"],
        "posted_at": row["created_at"],
    }


def thread_context(db: Database, comment: dict[str, Any]) -> dict[str, Any]:
    """The parent comment, sibling replies and direct replies, oldest first (capped)."""
    platform = comment["platform"]
    parent = None
    siblings: list[dict[str, Any]] = []
    if comment["parent_platform_id"]:
        found = list(
            db.query(
                "SELECT * FROM comments WHERE platform = ? AND platform_id = ?",
                [platform, comment["parent_platform_id"]],
            )
        )
        parent = _thread_entry(found[0]) if found else None
        siblings = [
            _thread_entry(r)
            for r in db.query(
                """SELECT * FROM comments WHERE platform = ? AND parent_platform_id = ?
                   AND id != ? ORDER BY created_at, id LIMIT ?""",
                [platform, comment["parent_platform_id"], comment["id"], THREAD_LIMIT],
            )
        ]
    replies = [
        _thread_entry(r)
        for r in db.query(
            """SELECT * FROM comments WHERE platform = ? AND parent_platform_id = ?
               ORDER BY created_at, id LIMIT ?""",
            [platform, comment["platform_id"], THREAD_LIMIT],
        )
    ]
    return {"parent": parent, "siblings": siblings, "replies": replies}


def linked_escalations(db: Database, comment: dict[str, Any]) -> list[dict[str, Any]]:
    """Earlier escalations of the same comment or author: candidate duplicates [C.1.10.r]."""
    rows = db.query(
        """SELECT e.id, e.kind, e.status, c.platform_id AS comment_id
           FROM escalations e JOIN comments c ON c.id = e.comment_id
           WHERE e.comment_id = ?
              OR (c.platform = ? AND c.author_id IS NOT NULL AND c.author_id = ?)
           ORDER BY e.created_at""",
        [comment["id"], comment["platform"], comment["author_id"]],
    )
    return [dict(r) for r in rows]


def provenance(db: Database, source: SourceData) -> dict[str, Any]:
    """Section A: platform, page, post, comment, verbatim + SHA-256, thread, timestamps."""
    comment, page, post = source.comment, source.page, source.post
    edited = bool(comment["updated_at"]) or source.revisions > 0
    return {
        "platform": comment["platform"],
        "page": {
            "id": page["platform_id"],
            "name": page["name"],
            # Pages are connected by the company with its own token, so they are under its
            # management: company-sponsored media in the GVP VI.B.1.1.4 sense.
            "company_sponsored": True,
        },
        "post": {
            "id": comment["post_platform_id"],
            "text": post["text"] if post else None,
            "permalink": post["permalink"] if post else None,
            "posted_at": post["created_at"] if post else None,
        },
        "comment": {
            "id": comment["platform_id"],
            "local_id": comment["id"],
            "permalink": comment["permalink"],
            "parent_id": comment["parent_platform_id"],
            "author_handle": comment["author_name"] or comment["author_id"],
            "author_id": comment["author_id"],
            "text_verbatim": comment["text"],
            "sha256": text_sha256(comment["text"]),
            "language": "en",
            "edited_on_platform": edited,
            "earlier_versions_kept": source.revisions,
            "deleted_on_platform": bool(comment["deleted_on_platform"]),
            "hidden": bool(comment["hidden"]),
        },
        "thread": thread_context(db, comment),
        "timestamps": {
            "posted_at": comment["created_at"],
            "edited_at": comment["updated_at"],
            "first_seen_at": comment["first_seen_at"],
            "day_zero": comment["first_seen_at"],
            "flagged_at": min((f["flagged_at"] for f in source.flags), default=None),
            "analysed_at": source.analysis["analysed_at"] if source.analysis else None,
            "escalated_at": None,
            "pv_acknowledged_at": None,
        },
        "report_type": "spontaneous",
    }


def detection(source: SourceData, detector_version: str | None) -> dict[str, Any]:
    """Section I: the flags with their evidence and the versions that produced them."""
    versions = sorted({f["detector_version"] for f in source.flags if f["detector_version"]})
    analysed_with = source.analysis["detector_version"] if source.analysis else None
    return {
        "detector_version": detector_version or analysed_with,
        "analysis_detector_version": analysed_with,
        "flag_detector_versions": versions,
        "labels": [f["kind"] for f in source.flags],
        "flags": source.flags,
    }


def privacy(source: SourceData) -> dict[str, Any]:
    """Section K: PII found, and the rule that PV gets the unredacted copy it needs."""
    types = sorted({str(e.get("label", "")) for e in source.evidence("privacy") if e.get("label")})
    return {
        "pii_detected": source.flag("privacy") is not None,
        "pii_types": types,
        "redact_for_non_pv_viewers": source.flag("privacy") is not None,
        "pv_copy": "unredacted",
        "access": "pharmacovigilance and auditors only",
    }
