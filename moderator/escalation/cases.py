"""Escalation cases: open, edit, acknowledge, close, list; every change audited in its transaction.

Why here and not in the actions: an escalation is a record with two clocks (the internal
hand-over deadline and the regulatory one) that lives on after the moderator is done with the
comment. Day zero is when the company first had the comment (``comments.first_seen_at``), not
when someone escalated it (GVP VI.B.7), so a comment that waited in the queue escalates with
less time left. Opening a case never hides the comment: hiding is a separate, audited action.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from moderator import audit, settings
from moderator.escalation import clock
from moderator.escalation.provenance import CaseSourceError, record_sha256
from moderator.escalation.record import (
    SERIOUSNESS_CRITERIA,
    build_case_record,
    complete_entries,
    narrative,
    refresh_criteria,
)
from moderator.escalation.referrals import build_medinfo_record, build_quality_record
from moderator.store.like import like_escape
from moderator.timeutil import parse, to_text, utc_now

KINDS: tuple[str, ...] = ("pv", "quality", "medinfo")
STATUSES: tuple[str, ...] = ("open", "acknowledged", "closed")
ACTIVE_STATUSES: tuple[str, ...] = ("open", "acknowledged")
# Fields that prove what was received and when: nobody edits them after the fact.
PROTECTED_PATHS: tuple[str, ...] = (
    "schema",
    "kind",
    "verbatim",
    "case.escalation_id",
    "provenance.comment.text_verbatim",
    "provenance.comment.sha256",
    "provenance.timestamps",
    "detection",
)


class EscalationError(ValueError):
    """The escalation cannot be changed as asked; the message says why."""


class CaseNotFoundError(LookupError):
    """No escalation matches the id (or id prefix) the user gave."""


class DuplicateCaseError(EscalationError):
    """The comment already has an active case of this kind."""

    def __init__(self, message: str, case_id: str) -> None:
        super().__init__(message)
        self.case_id = case_id


def internal_hours(db: Database) -> float:
    """The internal hand-over deadline in hours (setting ``internal_deadline_hours``)."""
    try:
        hours = float(settings.get(db, "internal_deadline_hours"))
    except (TypeError, ValueError):
        return clock.DEFAULT_INTERNAL_HOURS
    return hours if hours > 0 else clock.DEFAULT_INTERNAL_HOURS


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    case = dict(row)
    case["record"] = json.loads(case["record"])
    return case


def resolve_case_id(db: Database, ref: str) -> str:
    """The full id of the case whose id is ``ref`` or starts with it (unique prefix)."""
    ref = (ref or "").strip().lower()
    if not ref:
        raise CaseNotFoundError("No escalation id given.")
    ids = [
        r[0]
        for r in db.execute(
            "SELECT id FROM escalations WHERE id = ? OR id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 3",
            [ref, like_escape(ref) + "%"],
        )
    ]
    if ref in ids:
        return ref
    if not ids:
        raise CaseNotFoundError(f"No escalation with id {ref!r}; see `moderator escalations list`.")
    if len(ids) > 1:
        raise EscalationError(f"Escalation id {ref!r} is ambiguous; type more characters.")
    return ids[0]


def get_case(db: Database, case_id: str) -> dict[str, Any]:
    """One escalation row with its record decoded; ``case_id`` may be a unique prefix."""
    full = resolve_case_id(db, case_id)
    return _decode(db["escalations"].get(full))


def _active_case(db: Database, comment_id: int, kind: str) -> str | None:
    row = db.execute(
        "SELECT id FROM escalations WHERE comment_id = ? AND kind = ? AND status IN (?, ?)",
        [comment_id, kind, *ACTIVE_STATUSES],
    ).fetchone()
    return row[0] if row else None


def _open(
    db: Database,
    comment_id: int,
    actor: str,
    kind: str,
    note: str | None,
    build: Callable[[], dict[str, Any]],
) -> str:
    """Insert a case built by ``build``, mark the comment escalated, audit, in one transaction."""
    if kind not in KINDS:
        raise EscalationError(
            f"Unknown escalation kind {kind!r}; choose one of {', '.join(KINDS)}."
        )
    with db.atomic():
        comment_rows = list(db.query("SELECT * FROM comments WHERE id = ?", [comment_id]))
        if not comment_rows:
            raise CaseSourceError(f"No stored comment with local id {comment_id}.")
        comment = comment_rows[0]
        existing = _active_case(db, comment_id, kind)
        if existing:
            raise DuplicateCaseError(
                f"Comment {comment['platform_id']} already has an active {kind} case "
                f"({existing[:8]}).",
                existing,
            )
        record = build()
        case_id = str(uuid.uuid4())
        stamp = to_text(utc_now())
        serious = bool(record.get("serious"))
        due = clock.deadlines(parse(comment["first_seen_at"]), serious, internal_hours(db))
        regulatory = to_text(due.regulatory_due_at) if kind == "pv" else None
        record["case"].update(
            {
                "escalation_id": case_id,
                "created_at": stamp,
                "most_recent_info_at": stamp,
                "internal_due_at": to_text(due.internal_due_at),
                "regulatory_due_at": regulatory,
            }
        )
        record["provenance"]["timestamps"]["escalated_at"] = stamp
        record["moderation"].update(
            {"moderator": actor, "note": note, "comment_status": "escalated"}
        )
        db["escalations"].insert(
            {
                "id": case_id,
                "comment_id": comment_id,
                "kind": kind,
                "status": "open",
                "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
                "created_at": stamp,
                "created_by": actor,
                "day_zero": comment["first_seen_at"],
                "internal_due_at": to_text(due.internal_due_at),
                "regulatory_due_at": regulatory,
                "note": note,
            }
        )
        db.execute("UPDATE comments SET status = 'escalated' WHERE id = ?", [comment_id])
        audit.append(
            db,
            actor=actor,
            action="escalation.open",
            comment_id=comment_id,
            page_id=comment["page_id"],
            note=note,
            before={"status": comment["status"]},
            after={"status": "escalated", "escalation_id": case_id},
            details={
                "escalation_id": case_id,
                "kind": kind,
                "serious": serious,
                "day_zero": comment["first_seen_at"],
                "internal_due_at": to_text(due.internal_due_at),
                "regulatory_due_at": regulatory,
                "record_sha256": record_sha256(record),
                "verbatim_sha256": record["verbatim"]["sha256"],
            },
            at=stamp,
        )
    return case_id


def open_case(
    db: Database, comment_id: int, actor: str, note: str | None = None, kind: str = "pv"
) -> str:
    """Escalate a stored comment; returns the new case id (uuid4).

    Builds the record of ``kind`` (pv, quality or medinfo with detector defaults), sets the
    deadlines from day zero, marks the comment ``escalated`` (never hides it) and writes one
    ``escalation.open`` audit entry with the record's SHA-256, all in one transaction.
    Raises :class:`DuplicateCaseError` when the comment already has an active case of ``kind``.
    """
    builders: dict[str, Callable[[], dict[str, Any]]] = {
        "pv": lambda: build_case_record(db, comment_id),
        "quality": lambda: build_quality_record(db, comment_id),
        "medinfo": lambda: build_medinfo_record(db, comment_id),
    }
    if kind not in builders:
        raise EscalationError(
            f"Unknown escalation kind {kind!r}; choose one of {', '.join(KINDS)}."
        )
    return _open(db, comment_id, actor, kind, note, builders[kind])


def open_quality_complaint(
    db: Database,
    comment_id: int,
    actor: str,
    *,
    product: str | None = None,
    lot: str | None = None,
    expiry: str | None = None,
    defect: str | None = None,
    ae_linked: bool | None = None,
    available_for_evaluation: bool | None = None,
    note: str | None = None,
) -> str:
    """Route a product quality complaint to Quality; arguments override detected values."""
    return _open(
        db,
        comment_id,
        actor,
        "quality",
        note,
        lambda: build_quality_record(
            db,
            comment_id,
            product=product,
            lot=lot,
            expiry=expiry,
            defect=defect,
            ae_linked=ae_linked,
            available_for_evaluation=available_for_evaluation,
        ),
    )


def open_medinfo_referral(
    db: Database,
    comment_id: int,
    actor: str,
    *,
    question: str | None = None,
    requester_type: str | None = None,
    product: str | None = None,
    off_label_topic: str | None = None,
    response_route: str | None = None,
    note: str | None = None,
) -> str:
    """Refer a medical question to Medical Information for a private answer."""
    return _open(
        db,
        comment_id,
        actor,
        "medinfo",
        note,
        lambda: build_medinfo_record(
            db,
            comment_id,
            question=question,
            requester_type=requester_type,
            product=product,
            off_label_topic=off_label_topic,
            response_route=response_route,
        ),
    )


# ---- editing ---------------------------------------------------------------------------------

_MISSING = object()


def _split(path: str) -> list[str]:
    parts = [p for p in path.strip().split(".") if p]
    if not parts:
        raise EscalationError("Empty field name.")
    return parts


def _is_protected(path: str) -> bool:
    return any(path == p or path.startswith(p + ".") for p in PROTECTED_PATHS)


def _container(record: dict[str, Any], parts: list[str]) -> tuple[Any, str | int]:
    """The dict/list that holds ``parts[-1]``, and the key or index within it."""
    node: Any = record
    for part in parts[:-1]:
        if isinstance(node, dict) and part in node and isinstance(node[part], dict | list):
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise EscalationError(f"No field {'.'.join(parts)!r} in this case record.")
    last = parts[-1]
    if isinstance(node, list):
        if not last.isdigit() or int(last) >= len(node):
            raise EscalationError(f"No field {'.'.join(parts)!r} in this case record.")
        return node, int(last)
    if node is record and last not in record and last != "note":
        raise EscalationError(f"No field {last!r} in this case record.")
    return node, last


def get_field(record: dict[str, Any], path: str) -> Any:
    """The value at dotted ``path`` ("patient.age", "products.0.lot"); missing raises."""
    container, key = _container(record, _split(path))
    if isinstance(container, list):
        return container[key]  # type: ignore[index]
    if key not in container:
        return None
    return container[key]


def _sync_seriousness(record: dict[str, Any], changed: dict[str, Any]) -> None:
    """Keep ``serious``, ``seriousness.serious`` and the named criteria consistent after edits."""
    block = record.get("seriousness")
    if not isinstance(block, dict):
        return
    criteria = block.get("criteria") or {}
    named = [n for n in SERIOUSNESS_CRITERIA if (criteria.get(n) or {}).get("present")]
    block["named"] = named
    explicit = changed.get("serious", changed.get("seriousness.serious", _MISSING))
    serious = bool(explicit) if explicit is not _MISSING else bool(named)
    record["serious"] = block["serious"] = serious


def edit_case(db: Database, case_id: str, changes: dict[str, Any], actor: str) -> dict[str, Any]:
    """Change fields of a case record before PV sends it; one audit entry with before/after.

    ``changes`` maps dotted paths ("reporter.country", "products.0.lot", "note") to new values.
    The verbatim text, its hash, the timestamps and the detector output cannot be edited.
    Editing seriousness recomputes the regulatory deadline; editing the reporter, patient,
    products or events re-derives the four minimum criteria; the narrative is regenerated
    unless the moderator has written it by hand.
    """
    if not changes:
        raise EscalationError("Nothing to change.")
    with db.atomic():
        case = get_case(db, case_id)
        if case["status"] == "closed":
            raise EscalationError(
                f"Escalation {case['id'][:8]} is closed; it can no longer change."
            )
        record = case["record"]
        was_serious = bool(record.get("serious"))
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for path, value in changes.items():
            if _is_protected(path):
                raise EscalationError(
                    f"{path!r} is evidence of what was received; it cannot change."
                )
            old = get_field(record, path) if path != "note" else case["note"]
            if old == value:
                continue
            before[path], after[path] = old, value
            if path == "note":
                record["moderation"]["note"] = value
                continue
            container, key = _container(record, _split(path))
            container[key] = value
        if not after:
            return case
        stamp = to_text(utc_now())
        columns: dict[str, Any] = {}
        if "note" in after:
            columns["note"] = after["note"]
        if case["kind"] == "pv":
            if any(p == "serious" or p.startswith("seriousness") for p in after):
                _sync_seriousness(record, after)
                if bool(record["serious"]) != was_serious or "serious" in after:
                    due = clock.deadlines(
                        parse(case["day_zero"]), bool(record["serious"]), internal_hours(db)
                    )
                    regulatory = to_text(due.regulatory_due_at)
                    if regulatory != case["regulatory_due_at"]:
                        before["regulatory_due_at"] = case["regulatory_due_at"]
                        after["regulatory_due_at"] = regulatory
                        columns["regulatory_due_at"] = regulatory
                        record["case"]["regulatory_due_at"] = regulatory
            complete_entries(record)
            criteria_before = record["criteria"].get("missing")
            refresh_criteria(record, list(after))
            if record["criteria"].get("missing") != criteria_before:
                before["criteria.missing"] = criteria_before
                after["criteria.missing"] = record["criteria"]["missing"]
            if "narrative" in after:
                record["case"]["narrative_edited"] = True
            elif not record["case"].get("narrative_edited"):
                record["narrative"] = narrative(record)
        record["case"]["revision"] = int(record["case"].get("revision") or 0) + 1
        record["case"]["most_recent_info_at"] = stamp
        record["case"]["last_edited_by"] = actor
        columns["record"] = json.dumps(record, ensure_ascii=False, sort_keys=True)
        db["escalations"].update(case["id"], columns)
        audit.append(
            db,
            actor=actor,
            action="escalation.edit",
            comment_id=case["comment_id"],
            note=", ".join(sorted(after)),
            before=before,
            after=after,
            details={"escalation_id": case["id"], "record_sha256": record_sha256(record)},
            at=stamp,
        )
    return get_case(db, case["id"])


# ---- status ----------------------------------------------------------------------------------


def acknowledge(
    db: Database, case_id: str, actor: str, at: datetime | None = None
) -> dict[str, Any]:
    """PV has the case: stop the internal clock (the regulatory one keeps running)."""
    moment = at or utc_now()
    with db.atomic():
        case = get_case(db, case_id)
        if case["status"] != "open":
            raise EscalationError(
                f"Escalation {case['id'][:8]} is {case['status']}; "
                "only open cases can be acknowledged."
            )
        stamp = to_text(moment)
        on_time = not clock.is_overdue(parse(case["internal_due_at"]), moment)
        record = case["record"]
        record["provenance"]["timestamps"]["pv_acknowledged_at"] = stamp
        db["escalations"].update(
            case["id"],
            {
                "status": "acknowledged",
                "acknowledged_at": stamp,
                "acknowledged_by": actor,
                "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
            },
        )
        audit.append(
            db,
            actor=actor,
            action="escalation.acknowledge",
            comment_id=case["comment_id"],
            before={"status": "open"},
            after={"status": "acknowledged", "acknowledged_at": stamp},
            details={
                "escalation_id": case["id"],
                "internal_due_at": case["internal_due_at"],
                "within_internal_deadline": on_time,
            },
            at=stamp,
        )
    return get_case(db, case["id"])


def close_case(db: Database, case_id: str, actor: str, note: str | None = None) -> dict[str, Any]:
    """PV is done with the case (submitted, or judged not reportable); audited with the reason."""
    with db.atomic():
        case = get_case(db, case_id)
        if case["status"] == "closed":
            raise EscalationError(f"Escalation {case['id'][:8]} is already closed.")
        stamp = to_text(utc_now())
        db["escalations"].update(case["id"], {"status": "closed"})
        audit.append(
            db,
            actor=actor,
            action="escalation.close",
            comment_id=case["comment_id"],
            note=note,
            before={"status": case["status"]},
            after={"status": "closed"},
            details={"escalation_id": case["id"]},
            at=stamp,
        )
    return get_case(db, case["id"])


# ---- reading ---------------------------------------------------------------------------------


def clock_state(case: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    """Both clocks of a case at ``now``: due instants, time left, overdue, stopped, text."""
    now = now or utc_now()
    internal_due = parse(case["internal_due_at"])
    acknowledged = case.get("acknowledged_at")
    if acknowledged:
        margin = clock.countdown(internal_due, parse(acknowledged))
        internal = {
            "due_at": case["internal_due_at"],
            "stopped": True,
            "remaining_seconds": None,
            "overdue": margin < timedelta(0),
            "text": (
                f"acknowledged {clock.format_countdown(margin).replace(' left', '')} early"
                if margin >= timedelta(0)
                else f"acknowledged late ({clock.format_countdown(margin)})"
            ),
        }
    else:
        left = clock.countdown(internal_due, now)
        internal = {
            "due_at": case["internal_due_at"],
            "stopped": case["status"] == "closed",
            "remaining_seconds": int(left.total_seconds()),
            "overdue": left < timedelta(0),
            "text": clock.format_countdown(left),
        }
    regulatory = None
    if case.get("regulatory_due_at"):
        left = clock.countdown(parse(case["regulatory_due_at"]), now)
        regulatory = {
            "due_at": case["regulatory_due_at"],
            "stopped": case["status"] == "closed",
            "remaining_seconds": int(left.total_seconds()),
            "overdue": left < timedelta(0) and case["status"] != "closed",
            "text": clock.format_countdown(left),
        }
    running = [c for c in (internal, regulatory) if c and not c["stopped"]]
    return {
        "internal": internal,
        "regulatory": regulatory,
        "overdue": any(c["overdue"] for c in running),
    }


def _active_due(case: dict[str, Any]) -> str:
    if case["status"] == "open":
        return case["internal_due_at"]
    return case.get("regulatory_due_at") or case["internal_due_at"]


def list_cases(
    db: Database,
    status: str | None = None,
    kind: str | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Cases with their clocks, overdue first, then by the deadline that is still running."""
    if status is not None and status not in STATUSES:
        raise EscalationError(f"Unknown status {status!r}; choose one of {', '.join(STATUSES)}.")
    if kind is not None and kind not in KINDS:
        raise EscalationError(f"Unknown kind {kind!r}; choose one of {', '.join(KINDS)}.")
    clauses, params = [], []
    if status:
        clauses.append("status = ?")
        params.append(status)
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    cases = [_decode(r) for r in db.query(f"SELECT * FROM escalations {where}", params)]
    for case in cases:
        case["clock"] = clock_state(case, now)
    cases.sort(
        key=lambda c: (
            c["status"] == "closed",
            not c["clock"]["overdue"],
            _active_due(c),
            c["created_at"],
        )
    )
    return cases
