"""The PV case record built from stored comments and hand-written detector verdicts."""

from __future__ import annotations

import hashlib
import json

import pytest

from moderator import settings
from moderator.escalation.provenance import CaseSourceError
from moderator.escalation.record import (
    age_group,
    build_case_record,
    outcome_cue,
    qualification_code,
)
from moderator.escalation.referrals import build_medinfo_record, build_quality_record
from moderator.models import AdverseEventDetails, Analysis, Evidence, Flag

from .conftest import AE_TEXT, DAY_ZERO, POST_TEXT, span_of


def test_provenance_section(store, ae_comment):
    record = build_case_record(store.db, ae_comment)
    pv = record["provenance"]
    assert pv["platform"] == "facebook"
    assert pv["page"] == {"id": "pg-1", "name": "Northwind Diabetes", "company_sponsored": True}
    assert pv["post"]["id"] == "post-1" and pv["post"]["text"] == POST_TEXT
    comment = pv["comment"]
    assert comment["id"] == "c-ae" and comment["author_handle"] == "Jane Doe"
    assert comment["permalink"] == "https://fb/p1?comment=c-ae"
    assert comment["text_verbatim"] == AE_TEXT
    assert comment["sha256"] == hashlib.sha256(AE_TEXT.encode("utf-8")).hexdigest()
    assert record["verbatim"] == {"text": AE_TEXT, "sha256": comment["sha256"]}
    assert comment["edited_on_platform"] is False and comment["deleted_on_platform"] is False
    assert pv["timestamps"]["day_zero"] == DAY_ZERO == pv["timestamps"]["first_seen_at"]
    assert pv["timestamps"]["posted_at"].startswith("2026-03-07T13:55")
    assert pv["report_type"] == "spontaneous"
    assert record["case"]["report_type_code"] == 1
    json.dumps(record)  # plain JSON data all the way down


def test_four_criteria_with_evidence(store, ae_comment):
    criteria = build_case_record(store.db, ae_comment)["criteria"]
    assert criteria["potentially_valid"] is True and criteria["missing"] == []
    reporter = criteria["identifiable_reporter"]
    assert reporter["present"] and reporter["value"]["handle"] == "Jane Doe"
    assert reporter["evidence"] is None and 0 < reporter["confidence"] < 1
    patient = criteria["identifiable_patient"]
    assert patient["value"] == {"who": "mother", "age": 72.0, "sex": "F"}
    start, end = span_of(AE_TEXT, "My mum (72)")
    assert patient["evidence"] == {"start": start, "end": end, "text": "My mum (72)"}
    product = criteria["suspect_product"]
    assert product["value"] == "Ozempic"
    assert product["evidence"] == {
        "start": AE_TEXT.index("Ozempic"),
        "end": AE_TEXT.index("Ozempic") + 7,
        "text": "Ozempic",
    }
    event = criteria["adverse_event"]
    assert event["value"] == ["pancreatitis"] and event["confidence"] == 0.95
    assert AE_TEXT[event["evidence"]["start"] : event["evidence"]["end"]] == "pancreatitis"


def test_missing_criteria_are_explicit(store):
    cid = store.add("c-none", "Great post, thanks!", author=None)
    record = build_case_record(store.db, cid)
    criteria = record["criteria"]
    assert criteria["potentially_valid"] is False
    assert criteria["missing"] == [
        "identifiable_reporter",
        "identifiable_patient",
        "suspect_product",
        "adverse_event",
    ]
    for name in criteria["missing"]:
        assert criteria[name] == {
            "value": None,
            "evidence": None,
            "confidence": 0.0,
            "present": False,
            "source": None,
        }
    assert "Not found in the comment" in record["narrative"]


def test_reporter_patient_products_events(store, ae_comment):
    record = build_case_record(store.db, ae_comment)
    reporter = record["reporter"]
    assert reporter["qualification_code"] == 5 and reporter["type"] == "consumer"
    assert reporter["country"] == "UNK"
    assert reporter["relationship_to_patient"] == "mother"
    assert reporter["reporter_is_patient"] is False
    patient = record["patient"]
    assert patient["identifier"] == "MSK" and patient["age"] == 72.0
    assert (patient["age_group_code"], patient["age_group"]) == (6, "elderly")
    assert (patient["sex"], patient["sex_code"]) == ("F", 2)
    assert patient["pregnancy"] is False
    (product,) = record["products"]
    assert product["name_as_reported"] == "Ozempic" and product["generic"] == "semaglutide"
    assert product["in_catalog"] is True and product["role_code"] == 1
    assert product["lot"] == "AB1234"  # from the complaint flag's lot evidence
    (event,) = record["events"]
    assert event["text_verbatim"] == "pancreatitis"
    assert sorted(event["seriousness_cues"]) == ["hospitalisation", "other_medically_important"]
    assert (event["outcome"], event["outcome_code"]) == ("not_recovered", 3)
    assert event["outcome_evidence"]["text"] == "still in"
    seriousness = record["seriousness"]
    assert record["serious"] is seriousness["serious"] is True
    assert seriousness["criteria"]["hospitalisation"]["present"] is True
    assert seriousness["criteria"]["hospitalisation"]["evidence"]["text"] == "hospitalised"
    assert seriousness["criteria"]["death"] == {
        "present": False,
        "label": "results in death",
        "evidence": None,
    }
    kinds = [s["kind"] for s in record["special_situations"]]
    assert kinds == ["elderly", "product_quality_complaint"]


def test_narrative(store, ae_comment):
    narrative = build_case_record(store.db, ae_comment)["narrative"]
    assert narrative.startswith(
        'On 2026-03-07 a consumer posted on Facebook page "Northwind Diabetes" that their mother '
        '(aged 72, female) experienced "pancreatitis" after Ozempic (semaglutide).'
    )
    assert "Seriousness: serious (caused or prolonged hospitalisation, other medically" in narrative
    assert "Outcome: not recovered." in narrative
    assert "first received it on 2026-03-07 14:00 UTC (day zero)" in narrative
    assert narrative.endswith(f'Verbatim: "{AE_TEXT}"')


def test_detection_moderation_privacy_sections(store, ae_comment):
    record = build_case_record(store.db, ae_comment, detector_version="suite-9")
    detection = record["detection"]
    assert detection["detector_version"] == "suite-9"
    assert detection["analysis_detector_version"] == "rules-test+model-none"
    assert detection["labels"] == ["adverse_event", "product_complaint"]
    assert detection["flags"][0]["evidence"][0]["label"] == "event"
    assert record["moderation"]["routed_to"] == "pharmacovigilance"
    assert record["moderation"]["public_action"] == "visible"
    assert record["privacy"]["pii_detected"] is False


def test_thread_context_and_edits(store, ae_comment):
    store.add("c-sib", "Sorry to hear that", parent="c-parent")
    store.add("c-parent", "Has anyone had side effects?")
    store.add("c-reply", "Same thing happened to me", parent="c-ae2")
    cid = store.add("c-ae2", "Me too after Ozempic, awful nausea", parent="c-parent")
    thread = build_case_record(store.db, cid)["provenance"]["thread"]
    assert thread["parent"]["text"] == "Has anyone had side effects?"
    assert [s["comment_id"] for s in thread["siblings"]] == ["c-sib"]
    assert [r["text"] for r in thread["replies"]] == ["Same thing happened to me"]
    store.db.execute(
        "UPDATE comments SET updated_at = '2026-03-08T00:00:00+00:00', deleted_on_platform = 1 "
        "WHERE id = ?",
        [cid],
    )
    comment = build_case_record(store.db, cid)["provenance"]["comment"]
    assert comment["edited_on_platform"] is True and comment["deleted_on_platform"] is True


def _hcp_analysis(cid: str, text: str, role: str) -> Analysis:
    start, end = span_of(text, "Wegovy")
    e_start, e_end = span_of(text, "gallstones")
    h_start, h_end = span_of(text, f"As a {role}")
    details = AdverseEventDetails(
        serious=False,
        seriousness=(),
        patient={"who": "patient", "age": None, "sex": None, "evidence": None},
        reporter={
            "type": "hcp",
            "qualification": role,
            "evidence": {"start": h_start, "end": h_end, "text": f"As a {role}"},
        },
        products=(
            {
                "as_reported": "Wegovy",
                "name": "Wegovy",
                "generic": "semaglutide",
                "in_catalog": True,
                "start": start,
                "end": end,
                "from_post": False,
            },
        ),
        events=({"text": "gallstones", "start": e_start, "end": e_end, "source": "lexicon"},),
    )
    flag = Flag("adverse_event", 0.9, (Evidence(e_start, e_end, "gallstones", "event"),))
    return Analysis(cid, (flag,), details, "v")


@pytest.mark.parametrize(("role", "code"), [("pharmacist", 2), ("nurse", 3), ("physician", 1)])
def test_hcp_reporter_and_receipt_country(store, role, code):
    text = f"As a {role} I saw a patient get gallstones on Wegovy."
    cid = store.add(f"c-{role}", text, analysis=_hcp_analysis(f"c-{role}", text, role))
    settings.put(store.db, "receipt_country", "gb", actor="tester")
    record = build_case_record(store.db, cid)
    reporter = record["reporter"]
    assert reporter["qualification_code"] == code and reporter["type"] == "hcp"
    assert reporter["country"] == "GB" and reporter["country_source"] == "receipt country setting"
    assert record["criteria"]["identifiable_reporter"]["evidence"]["text"] == f"As a {role}"
    assert record["serious"] is False
    assert "a health professional posted" in record["narrative"]
    assert "no seriousness criterion mentioned" in record["narrative"]


@pytest.mark.parametrize(
    ("reporter", "code"),
    [
        (None, 5),
        ({"type": "consumer", "qualification": "consumer"}, 5),
        ({"type": "hcp", "qualification": "gp"}, 1),
        ({"type": "hcp", "qualification": "midwife"}, 3),
        ({"type": "hcp", "qualification": "hcp"}, 3),
    ],
)
def test_qualification_code(reporter, code):
    assert qualification_code(reporter) == code


@pytest.mark.parametrize(
    ("age", "group"),
    [(None, None), (0.05, 1), (1.5, 2), (6, 3), (15, 4), (40, 5), (64.9, 5), (65, 6), (90, 6)],
)
def test_age_group(age, group):
    assert age_group(age)[0] == group


@pytest.mark.parametrize(
    ("text", "serious", "outcome"),
    [
        ("I feel fine now", [], "recovered"),
        ("slowly getting better", [], "recovering"),
        ("I still have the rash", [], "not_recovered"),
        ("it left me with permanent damage", [], "recovered_with_sequelae"),
        ("he passed away", ["death"], "fatal"),
        ("terrible nausea", [], "unknown"),
    ],
)
def test_outcome_cue(text, serious, outcome):
    assert outcome_cue(text, serious)["outcome"] == outcome


def test_product_from_the_post_has_no_span(store):
    text = "This gave me awful headaches"
    s, e = span_of(text, "awful headaches")
    details = AdverseEventDetails(
        serious=False,
        seriousness=(),
        patient={"who": "self", "age": None, "sex": None, "evidence": None},
        reporter={"type": "consumer", "qualification": "consumer", "evidence": None},
        products=(
            {
                "as_reported": "Ozempic",
                "name": "Ozempic",
                "generic": "semaglutide",
                "in_catalog": True,
                "start": None,
                "end": None,
                "from_post": True,
            },
        ),
        events=({"text": "awful headaches", "start": s, "end": e, "source": "lexicon"},),
    )
    flag = Flag("adverse_event", 0.9, (Evidence(s, e, "awful headaches", "event"),))
    cid = store.add("c-post", text, analysis=Analysis("c-post", (flag,), details, "v"))
    record = build_case_record(store.db, cid)
    product = record["criteria"]["suspect_product"]
    assert product["present"] and product["evidence"] is None and product["source"] == "the post"
    assert record["reporter"]["reporter_is_patient"] is True
    assert "Ozempic (semaglutide) (named in the post)" in record["narrative"]
    assert "that they experienced" in record["narrative"]


def test_unknown_comment_raises(db):
    with pytest.raises(CaseSourceError):
        build_case_record(db, 999)


def test_quality_record(store, ae_comment):
    record = build_quality_record(store.db, ae_comment, expiry="03/2027")
    complaint = record["complaint"]
    assert complaint["lot"] == "AB1234" and complaint["lot_evidence"]["text"] == "AB1234"
    assert complaint["expiry"] == "03/2027" and complaint["expiry_evidence"] is None
    assert complaint["ae_linked"] is True and complaint["also_route_to_pv"] is True
    assert complaint["product"]["matched_product"] == "Ozempic"
    assert complaint["defect"] == "quality complaint: lot AB1234"
    assert record["verbatim"]["text"] == AE_TEXT


def test_quality_record_finds_expiry_and_allows_overrides(store):
    cid = store.add("c-q", "The pen arrived cracked, exp 04/2027, lot ZX99")
    record = build_quality_record(
        store.db, cid, product="Ozempic pen", lot="ZX99", defect="cracked"
    )
    complaint = record["complaint"]
    assert complaint["expiry"] == "04/2027" and complaint["expiry_evidence"]["text"] == "04/2027"
    assert complaint["product"]["name_as_reported"] == "Ozempic pen"
    assert complaint["lot"] == "ZX99" and complaint["ae_linked"] is False


def test_medinfo_record(store):
    text = "Can I take Ozempic for weight loss if I'm not diabetic?"
    flags = (
        Flag("medical_inquiry", 0.8, (Evidence(0, len(text), text, "question"),)),
        Flag("off_label", 0.85, (), "outside the label: indication"),
    )
    cid = store.add("c-mi", text, analysis=Analysis("c-mi", flags, None, "v"))
    record = build_medinfo_record(store.db, cid)
    referral = record["referral"]
    assert referral["question_verbatim"] == text
    assert referral["requester_type"] == "consumer" and referral["off_label"] is True
    assert referral["off_label_topic"] == "outside the label: indication"
    assert "direct message" in referral["private_response_route"]
    assert referral["public_answer"].startswith("none")
    with pytest.raises(ValueError, match="requester type"):
        build_medinfo_record(store.db, cid, requester_type="robot")
