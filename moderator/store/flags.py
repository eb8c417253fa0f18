"""Reading comments that still need analysis and storing the detectors' verdicts.

Flags are written with the comment's risk and an audit entry per flagged comment in
one transaction, so the queue, the flags and the audit trail always agree.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from moderator import audit
from moderator.models import Analysis, AnalysisInput
from moderator.risk import RISK_BY_KIND, risk_of, top_kind
from moderator.timeutil import now_text

DETECTOR_ACTOR = "detector"


def pending_analysis(db: Database, limit: int = 500) -> list[tuple[int, AnalysisInput]]:
    """Comments not yet analysed (new, or edited since), oldest first, with their post text."""
    rows = db.execute(
        """SELECT c.id, c.platform_id, c.text, p.text
           FROM comments c LEFT JOIN posts p ON p.id = c.post_id
           WHERE c.analysed_at IS NULL ORDER BY c.id LIMIT ?""",
        [limit],
    ).fetchall()
    return [
        (row_id, AnalysisInput(id=platform_id, text=text, post_text=post_text))
        for row_id, platform_id, text, post_text in rows
    ]


def evidence_json(analysis_flag: Any) -> str:
    """Evidence spans as the JSON list the `analyze` contract uses."""
    return json.dumps([asdict(e) for e in analysis_flag.evidence], ensure_ascii=False)


def save_analyses(db: Database, results: Sequence[tuple[int, Analysis]]) -> int:
    """Store flags and adverse-event details; returns how many comments got flags."""
    stamp = now_text()
    flagged = 0
    with db.atomic():
        for comment_id, analysis in results:
            previous = {
                kind
                for (kind,) in db.execute(
                    "SELECT kind FROM flags WHERE comment_id = ?", [comment_id]
                )
            }
            db.execute("DELETE FROM flags WHERE comment_id = ?", [comment_id])
            kinds = [flag.kind for flag in analysis.flags]
            if analysis.flags:
                db.conn.executemany(
                    """INSERT INTO flags (comment_id, kind, score, evidence, explanation,
                           detector_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    [
                        (
                            comment_id,
                            f.kind,
                            float(f.score),
                            evidence_json(f),
                            f.explanation,
                            analysis.detector_version,
                            stamp,
                        )
                        for f in analysis.flags
                    ],
                )
            ae = analysis.adverse_event
            serious = bool(ae and ae.serious)
            db.execute(
                """INSERT INTO analyses (comment_id, adverse_event, serious, detector_version,
                       analysed_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (comment_id) DO UPDATE SET adverse_event = excluded.adverse_event,
                       serious = excluded.serious, detector_version = excluded.detector_version,
                       analysed_at = excluded.analysed_at""",
                [
                    comment_id,
                    json.dumps(asdict(ae), ensure_ascii=False) if ae else None,
                    int(serious),
                    analysis.detector_version,
                    stamp,
                ],
            )
            db.execute(
                "UPDATE comments SET analysed_at = ?, risk = ?, top_kind = ? WHERE id = ?",
                [stamp, risk_of(kinds, serious), top_kind(kinds), comment_id],
            )
            if set(kinds) != previous:
                if kinds:
                    flagged += 1
                audit.append(
                    db,
                    actor=DETECTOR_ACTOR,
                    action="flags.raised",
                    comment_id=comment_id,
                    before=sorted(previous) or None,
                    after={"kinds": sorted(kinds), "serious": serious},
                    details={"detector_version": analysis.detector_version},
                    at=stamp,
                )
    return flagged


def flags_for(db: Database, comment_id: int) -> list[dict[str, Any]]:
    """The flags of one comment with evidence decoded, most urgent kind first."""
    rows = list(db.query("SELECT * FROM flags WHERE comment_id = ?", [comment_id]))
    for row in rows:
        row["evidence"] = json.loads(row["evidence"])
    rows.sort(key=lambda r: RISK_BY_KIND.get(r["kind"], 0), reverse=True)
    return rows
