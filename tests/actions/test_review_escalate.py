"""Local decisions (reviewed, dismissed, undo) and escalation to PV with its deadlines."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from moderator import audit, settings
from moderator.actions import (
    ActionError,
    dismiss,
    enqueue,
    escalate,
    get_comment,
    mark_reviewed,
    undo_dismiss,
)
from moderator.escalation.provenance import record_sha256
from moderator.timeutil import parse
from tests.actions.helpers import audit_actions, audit_count, seed


@pytest.fixture
def store(db):
    data = seed(db)
    data["db"] = db
    data["c1"] = data["comments"]["c-1"]["id"]
    return data


def _add_analysis(db, comment_id: int, serious: bool) -> None:
    ae = {
        "serious": serious,
        "seriousness": ["hospitalisation"] if serious else [],
        "patient": {"text": "me"},
        "reporter": {"text": "me"},
        "products": [{"as_reported": "xarelto", "name": "Xarelto", "generic": "rivaroxaban"}],
        "events": [{"text": "hives", "start": 13, "end": 18}],
        "special_situations": [],
    }
    db["analyses"].insert(
        {
            "comment_id": comment_id,
            "adverse_event": json.dumps(ae),
            "serious": int(serious),
            "detector_version": "test-1",
            "analysed_at": "2026-11-21T10:00:00.000000+00:00",
        }
    )
    db["flags"].insert(
        {
            "comment_id": comment_id,
            "kind": "adverse_event",
            "score": 0.9,
            "evidence": json.dumps([{"start": 13, "end": 18, "text": "hives", "label": "event"}]),
            "created_at": "2026-11-21T10:00:00.000000+00:00",
        }
    )


OPERATIONS = {
    "mark_reviewed": lambda db, cid: mark_reviewed(db, cid, "alice", "ok"),
    "dismiss": lambda db, cid: dismiss(db, cid, "alice", "false positive"),
    "escalate": lambda db, cid: escalate(db, cid, "alice", "AE"),
    "enqueue_hide": lambda db, cid: enqueue(db, cid, "hide", "alice"),
    "enqueue_reply": lambda db, cid: enqueue(db, cid, "reply", "alice", payload={"text": "hi"}),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_action_writes_exactly_one_audit_entry(store, name):
    db = store["db"]
    before = audit_count(db)
    OPERATIONS[name](db, store["c1"])
    assert audit_count(db) == before + 1
    entry = list(audit.iter_entries(db))[-1]
    assert entry["actor"] == "alice" and entry["comment_id"] == store["c1"]
    assert entry["before"] and entry["after"]
    assert audit.verify(db).ok


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_action_is_rolled_back_when_its_audit_entry_cannot_be_written(store, name):
    db = store["db"]
    db.execute("DROP TABLE audit_log")
    with pytest.raises(Exception, match="audit_log"):
        OPERATIONS[name](db, store["c1"])
    assert get_comment(db, store["c1"])["status"] == "new"
    assert db.execute("SELECT count(*) FROM actions").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM escalations").fetchone()[0] == 0


def test_dismiss_and_undo_restore_the_previous_status(store):
    db = store["db"]
    mark_reviewed(db, store["c1"], "alice")
    assert dismiss(db, store["c1"], "alice", "fp")["status"] == "dismissed"
    assert undo_dismiss(db, store["c1"], "bob")["status"] == "reviewed"
    assert audit_actions(db)[-3:] == [
        "comment.reviewed",
        "comment.dismissed",
        "comment.dismiss_undone",
    ]


@pytest.mark.parametrize(
    ("setup", "operation", "message"),
    [
        ([], undo_dismiss, "only dismissed"),
        ([mark_reviewed], mark_reviewed, "only new"),
        ([escalate], dismiss, "is escalated"),
        ([escalate], escalate, "already escalated"),
    ],
)
def test_invalid_transitions_are_refused(store, setup, operation, message):
    db = store["db"]
    for step in setup:
        step(db, store["c1"], "alice")
    count = audit_count(db)
    with pytest.raises(ActionError, match=message):
        operation(db, store["c1"], "alice")
    assert audit_count(db) == count


@pytest.mark.parametrize(
    ("serious", "hours_setting", "internal", "regulatory"),
    [
        (True, None, timedelta(hours=24), timedelta(days=15)),
        (False, None, timedelta(hours=24), timedelta(days=90)),
        (False, 8, timedelta(hours=8), timedelta(days=90)),
    ],
)
def test_escalation_deadlines_count_from_day_zero(
    store, serious, hours_setting, internal, regulatory
):
    db = store["db"]
    _add_analysis(db, store["c1"], serious)
    if hours_setting is not None:
        settings.put(db, "internal_deadline_hours", hours_setting, "admin")
    row = escalate(db, store["c1"], "alice", note="AE")
    comment = get_comment(db, store["c1"])
    day_zero = parse(comment["first_seen_at"])
    assert row["day_zero"] == comment["first_seen_at"]
    assert parse(row["internal_due_at"]) - day_zero == internal
    assert parse(row["regulatory_due_at"]) - day_zero == regulatory
    assert comment["status"] == "escalated" and comment["hidden"] == 0  # never hides
    stored = db["escalations"].get(row["id"])
    assert stored["kind"] == "pv" and stored["status"] == "open"
    record = json.loads(stored["record"])
    assert record["case"]["escalation_id"] == row["id"] and record["serious"] is serious
    entry = list(audit.iter_entries(db))[-1]
    assert entry["action"] == "escalation.open"
    assert json.loads(entry["details"])["record_sha256"] == record_sha256(record)
