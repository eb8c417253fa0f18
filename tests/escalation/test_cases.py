"""Opening, editing, acknowledging and listing cases; every change in the audit chain."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from moderator import audit, settings
from moderator.escalation import cases
from moderator.escalation.provenance import CaseSourceError, record_sha256
from moderator.timeutil import parse

from .conftest import AE_TEXT, DAY_ZERO, ae_analysis


def _entries(db, action):
    return [e for e in audit.iter_entries(db) if e["action"] == action]


def test_open_case_sets_clocks_status_and_audits(store, ae_comment):
    db = store.db
    case_id = cases.open_case(db, ae_comment, "alice", note="mother in hospital")
    case = cases.get_case(db, case_id)
    assert case["kind"] == "pv" and case["status"] == "open" and case["created_by"] == "alice"
    assert case["day_zero"] == DAY_ZERO
    day_zero = parse(DAY_ZERO)
    assert parse(case["internal_due_at"]) == day_zero + timedelta(hours=24)
    assert parse(case["regulatory_due_at"]) == day_zero + timedelta(days=15)  # serious
    record = case["record"]
    assert record["case"]["escalation_id"] == case_id
    assert record["moderation"]["moderator"] == "alice"
    assert record["moderation"]["note"] == "mother in hospital"
    assert record["provenance"]["timestamps"]["escalated_at"] == case["created_at"]
    comment = db["comments"].get(ae_comment)
    assert comment["status"] == "escalated" and comment["hidden"] == 0  # never hidden
    (entry,) = _entries(db, "escalation.open")
    assert entry["actor"] == "alice" and entry["comment_id"] == ae_comment
    assert json.loads(entry["before"]) == {"status": "new"}
    details = json.loads(entry["details"])
    assert details["escalation_id"] == case_id and details["serious"] is True
    assert details["record_sha256"] == record_sha256(record)
    assert audit.verify(db).ok


def test_non_serious_gets_90_days_and_internal_hours_setting(store):
    settings.put(store.db, "internal_deadline_hours", 8, actor="admin")
    cid = store.add("c-plain", "Ozempic gave me a headache")
    case = cases.get_case(store.db, cases.open_case(store.db, cid, "bob"))
    day_zero = parse(DAY_ZERO)
    assert parse(case["internal_due_at"]) == day_zero + timedelta(hours=8)
    assert parse(case["regulatory_due_at"]) == day_zero + timedelta(days=90)


def test_duplicate_active_case_is_refused_but_other_kinds_are_allowed(store, ae_comment):
    first = cases.open_case(store.db, ae_comment, "alice")
    with pytest.raises(cases.DuplicateCaseError) as caught:
        cases.open_case(store.db, ae_comment, "bob")
    assert caught.value.case_id == first
    quality = cases.open_quality_complaint(store.db, ae_comment, "alice", expiry="01/2027")
    record = cases.get_case(store.db, quality)["record"]
    assert record["complaint"]["expiry"] == "01/2027"
    assert cases.get_case(store.db, quality)["regulatory_due_at"] is None
    assert [c["id"] for c in record["case"]["linked_escalations"]] == [first]
    assert len(_entries(store.db, "escalation.open")) == 2


def test_unknown_comment_and_kind(store):
    with pytest.raises(CaseSourceError):
        cases.open_case(store.db, 12345, "alice")
    cid = store.add("c-x", "hello")
    with pytest.raises(cases.EscalationError, match="kind"):
        cases.open_case(store.db, cid, "alice", kind="legal")
    assert store.db["comments"].get(cid)["status"] == "new"
    assert store.db.execute("SELECT count(*) FROM escalations").fetchone()[0] == 0


def test_acknowledge_stops_the_internal_clock_and_is_audited(store, ae_comment):
    db = store.db
    case_id = cases.open_case(db, ae_comment, "alice")
    day_zero = parse(DAY_ZERO)
    ack_at = day_zero + timedelta(hours=20)
    case = cases.acknowledge(db, case_id[:6], "pv-officer", at=ack_at)
    assert case["status"] == "acknowledged" and case["acknowledged_by"] == "pv-officer"
    assert parse(case["acknowledged_at"]) == ack_at
    assert (
        case["record"]["provenance"]["timestamps"]["pv_acknowledged_at"] == case["acknowledged_at"]
    )
    (entry,) = _entries(db, "escalation.acknowledge")
    assert json.loads(entry["after"])["status"] == "acknowledged"
    assert json.loads(entry["details"])["within_internal_deadline"] is True
    # Long after the internal deadline the clock is stopped, not overdue.
    later = day_zero + timedelta(days=3)
    state = cases.clock_state(case, later)
    assert state["internal"]["stopped"] is True and state["internal"]["overdue"] is False
    assert state["internal"]["text"] == "acknowledged 4 h early"
    assert state["regulatory"]["text"] == "12 d left" and state["overdue"] is False
    with pytest.raises(cases.EscalationError, match="acknowledged"):
        cases.acknowledge(db, case_id, "pv-officer")
    assert audit.verify(db).ok


def test_late_acknowledgement_is_recorded_as_late(store, ae_comment):
    case_id = cases.open_case(store.db, ae_comment, "alice")
    late = parse(DAY_ZERO) + timedelta(hours=26)
    case = cases.acknowledge(store.db, case_id, "pv", at=late)
    state = cases.clock_state(case, late)
    assert state["internal"]["overdue"] is True
    assert state["internal"]["text"] == "acknowledged late (overdue by 2 h)"
    entry = _entries(store.db, "escalation.acknowledge")[0]
    assert json.loads(entry["details"])["within_internal_deadline"] is False


def test_open_clock_counts_down_and_goes_overdue(store, ae_comment):
    case = cases.get_case(store.db, cases.open_case(store.db, ae_comment, "alice"))
    day_zero = parse(DAY_ZERO)
    soon = cases.clock_state(case, day_zero + timedelta(hours=20, minutes=48))
    assert soon["internal"]["text"] == "3 h 12 min left" and soon["overdue"] is False
    late = cases.clock_state(case, day_zero + timedelta(hours=26))
    assert late["internal"]["text"] == "overdue by 2 h" and late["overdue"] is True


def test_edit_audits_before_and_after(store, ae_comment):
    db = store.db
    case_id = cases.open_case(db, ae_comment, "alice")
    narrative_before = cases.get_case(db, case_id)["record"]["narrative"]
    case = cases.edit_case(
        db,
        case_id,
        {"reporter.country": "US", "products.0.dose_text": "0.5 mg weekly", "note": "called"},
        "alice",
    )
    record = case["record"]
    assert record["reporter"]["country"] == "US"
    assert record["products"][0]["dose_text"] == "0.5 mg weekly"
    assert case["note"] == "called" and record["moderation"]["note"] == "called"
    assert record["case"]["revision"] == 1 and record["case"]["last_edited_by"] == "alice"
    assert record["narrative"] == narrative_before  # nothing in the narrative changed
    (entry,) = _entries(db, "escalation.edit")
    assert json.loads(entry["before"]) == {
        "reporter.country": "UNK",
        "products.0.dose_text": None,
        "note": None,
    }
    assert json.loads(entry["after"]) == {
        "reporter.country": "US",
        "products.0.dose_text": "0.5 mg weekly",
        "note": "called",
    }
    assert json.loads(entry["details"])["record_sha256"] == record_sha256(record)
    # An edit that changes nothing writes nothing.
    cases.edit_case(db, case_id, {"reporter.country": "US"}, "alice")
    assert len(_entries(db, "escalation.edit")) == 1
    assert audit.verify(db).ok


def test_edit_seriousness_moves_the_regulatory_deadline_and_narrative(store, ae_comment):
    db = store.db
    case_id = cases.open_case(db, ae_comment, "alice")
    case = cases.edit_case(db, case_id, {"serious": False}, "pv")
    assert parse(case["regulatory_due_at"]) == parse(DAY_ZERO) + timedelta(days=90)
    assert case["record"]["seriousness"]["serious"] is False
    assert case["record"]["case"]["regulatory_due_at"] == case["regulatory_due_at"]
    entry = _entries(db, "escalation.edit")[-1]
    assert set(json.loads(entry["after"])) == {"serious", "regulatory_due_at"}
    case = cases.edit_case(db, case_id, {"seriousness.criteria.death.present": True}, "pv")
    assert case["record"]["serious"] is True
    assert "death" in case["record"]["seriousness"]["named"]
    assert "results in death" in case["record"]["narrative"]
    assert parse(case["regulatory_due_at"]) == parse(DAY_ZERO) + timedelta(days=15)
    case = cases.edit_case(db, case_id, {"narrative": "Written by PV."}, "pv")
    case = cases.edit_case(db, case_id, {"patient.age": 73}, "pv")
    assert case["record"]["narrative"] == "Written by PV."  # hand-written text is kept


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("verbatim.text", "cannot change"),
        ("provenance.comment.text_verbatim", "cannot change"),
        ("provenance.timestamps.day_zero", "cannot change"),
        ("detection.flags", "cannot change"),
        ("nonsense", "No field"),
        ("products.5.lot", "No field"),
        ("reporter.country.code", "No field"),
    ],
)
def test_protected_or_unknown_fields_are_refused(store, ae_comment, path, message):
    case_id = cases.open_case(store.db, ae_comment, "alice")
    with pytest.raises(cases.EscalationError, match=message):
        cases.edit_case(store.db, case_id, {path: "x"}, "mallory")
    assert _entries(store.db, "escalation.edit") == []
    assert cases.get_case(store.db, case_id)["record"]["case"]["revision"] == 0


def test_closed_cases_cannot_be_edited(store, ae_comment):
    case_id = cases.open_case(store.db, ae_comment, "alice")
    cases.close_case(store.db, case_id, "pv", note="submitted")
    with pytest.raises(cases.EscalationError, match="closed"):
        cases.edit_case(store.db, case_id, {"reporter.country": "US"}, "pv")
    assert len(_entries(store.db, "escalation.close")) == 1


def test_list_overdue_first_and_filters(store, ae_comment):
    db = store.db
    late = store.add("c-late", "Ozempic made me dizzy", day_zero="2026-03-01T00:00:00+00:00")
    fresh = store.add("c-fresh", "Ozempic made me sick", day_zero="2026-03-07T20:00:00+00:00")
    medinfo = store.add("c-mi", "Can I take Ozempic while pregnant?")
    id_ae = cases.open_case(db, ae_comment, "a")
    id_fresh = cases.open_case(db, fresh, "a")
    id_late = cases.open_case(db, late, "a")
    id_mi = cases.open_medinfo_referral(db, medinfo, "a", requester_type="consumer")
    now = datetime(2026, 3, 8, 12, tzinfo=UTC)  # only c-late is past its 24 h
    listed = cases.list_cases(db, now=now)
    assert [c["id"] for c in listed] == [id_late, id_ae, id_mi, id_fresh]
    assert listed[0]["clock"]["overdue"] is True and listed[1]["clock"]["overdue"] is False
    assert [c["id"] for c in cases.list_cases(db, kind="medinfo", now=now)] == [id_mi]
    cases.acknowledge(db, id_ae, "pv", at=now)
    assert id_ae not in [c["id"] for c in cases.list_cases(db, status="open", now=now)]
    with pytest.raises(cases.EscalationError):
        cases.list_cases(db, status="lost")


def test_id_prefixes(store, ae_comment, monkeypatch):
    ids = iter(["aaaa1111-0000-4000-8000-000000000001", "aaaa2222-0000-4000-8000-000000000002"])
    monkeypatch.setattr(cases.uuid, "uuid4", lambda: next(ids))
    first = cases.open_case(store.db, ae_comment, "a")
    second = cases.open_case(store.db, store.add("c-2", "x"), "a", kind="quality")
    assert cases.resolve_case_id(store.db, "AAAA1") == first
    assert cases.resolve_case_id(store.db, second) == second
    with pytest.raises(cases.EscalationError, match="ambiguous"):
        cases.resolve_case_id(store.db, "aaaa")
    with pytest.raises(cases.CaseNotFoundError):
        cases.get_case(store.db, "bbbb")
    with pytest.raises(cases.CaseNotFoundError):
        cases.get_case(store.db, "aaaa%")  # LIKE wildcards are literal


def test_open_case_inside_an_outer_transaction_rolls_back_with_it(store, ae_comment):
    """The lead's actions.escalate will call open_case inside its own transaction."""
    db = store.db
    with pytest.raises(RuntimeError), db.atomic():
        cases.open_case(db, ae_comment, "alice")
        raise RuntimeError("outer failure")
    assert db.execute("SELECT count(*) FROM escalations").fetchone()[0] == 0
    assert db["comments"].get(ae_comment)["status"] == "new"
    assert _entries(db, "escalation.open") == []
    assert audit.verify(db).ok


def test_reopening_after_close_is_allowed(store):
    cid = store.add("c-r", AE_TEXT, analysis=ae_analysis("c-r"))
    first = cases.open_case(store.db, cid, "a")
    cases.close_case(store.db, first, "pv")
    second = cases.open_case(store.db, cid, "a")
    assert second != first


def test_editing_the_sections_behind_the_criteria_re_derives_them(store, ae_comment):
    db = store.db
    case_id = cases.open_case(db, ae_comment, "alice")
    record = cases.get_case(db, case_id)["record"]
    assert record["criteria"]["potentially_valid"] is True
    detector_reporter = record["criteria"]["identifiable_reporter"]

    case = cases.edit_case(db, case_id, {"products": []}, "pv")
    criteria = case["record"]["criteria"]
    assert criteria["missing"] == ["suspect_product"]
    assert criteria["potentially_valid"] is False
    assert criteria["suspect_product"]["present"] is False
    entry = _entries(db, "escalation.edit")[-1]
    assert json.loads(entry["before"])["criteria.missing"] == []
    assert json.loads(entry["after"])["criteria.missing"] == ["suspect_product"]

    case = cases.edit_case(
        db, case_id, {"products": [{"name_as_reported": "Wegovy", "matched_product": None}]}, "pv"
    )
    criteria = case["record"]["criteria"]
    assert criteria["missing"] == [] and criteria["potentially_valid"] is True
    assert criteria["suspect_product"] == {
        "value": "Wegovy",
        "evidence": None,
        "confidence": 1.0,
        "present": True,
        "source": "moderator edit",
    }

    case = cases.edit_case(db, case_id, {"patient.who": "father", "patient.sex": "M"}, "pv")
    patient = case["record"]["criteria"]["identifiable_patient"]
    assert patient["value"] == {"who": "father", "age": 72.0, "sex": "M"}
    assert patient["source"] == "moderator edit" and patient["evidence"] is None
    # A section nobody edited keeps the detector's evidence and confidence.
    assert case["record"]["criteria"]["identifiable_reporter"] == detector_reporter
    assert audit.verify(db).ok


def test_an_edit_elsewhere_leaves_the_criteria_alone(store, ae_comment):
    db = store.db
    case_id = cases.open_case(db, ae_comment, "alice")
    before = cases.get_case(db, case_id)["record"]["criteria"]
    case = cases.edit_case(db, case_id, {"reporter.country": "GB", "patient.age": 72.0}, "pv")
    assert case["record"]["criteria"] == before
    entry = _entries(db, "escalation.edit")[-1]
    assert "criteria.missing" not in json.loads(entry["after"])
