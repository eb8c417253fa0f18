"""The E2B(R3) ICSR XML parsed back: each element we write, found by its XPath.

This test is the documentation of the structure ``moderator.escalation.e2b`` produces.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from moderator.escalation import cases
from moderator.escalation.e2b import build_e2b

from .conftest import AE_TEXT

NS = {"hl7": "urn:hl7-org:v3", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
M = "hl7:PORR_IN049016UV"
I = f"{M}/hl7:controlActProcess/hl7:subject/hl7:investigationEvent"  # noqa: E741
A = f"{I}/hl7:component/hl7:adverseEventAssessment"
P = f"{A}/hl7:subject1/hl7:primaryRole"
R = f"{P}/hl7:subjectOf2/hl7:observation/hl7:code[@code='29']/.."
G = f"{P}/hl7:subjectOf2/hl7:organizer/hl7:component/hl7:substanceAdministration"
REPORTER = (
    f"{I}/hl7:outboundRelationship/hl7:relatedInvestigation/hl7:subjectOf2/hl7:controlActEvent/"
    "hl7:author/hl7:assignedEntity/hl7:assignedPerson"
)


@pytest.fixture
def case(store, ae_comment):
    case_id = cases.open_case(store.db, ae_comment, "alice")
    cases.edit_case(store.db, case_id, {"reporter.country": "US"}, "alice")
    return cases.get_case(store.db, case_id)


@pytest.fixture
def root(case):
    data = build_e2b(case, sender="Northwind Health")
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(data)  # raises on XML that is not well-formed


def one(root, path):
    found = root.findall(path, NS)
    assert len(found) == 1, f"{path}: {len(found)} elements"
    return found[0]


def obs_value(parent, code):
    return one(
        parent, f"hl7:outboundRelationship2/hl7:observation/hl7:code[@code='{code}']/../hl7:value"
    )


def test_batch_wrapper_and_message(root, case):
    assert root.tag == "{urn:hl7-org:v3}MCCI_IN200100UV01"
    assert root.get("ITSVersion") == "XML_1.0"
    assert one(root, "hl7:interactionId").get("extension") == "MCCI_IN200100UV01"
    assert one(root, "hl7:name").get("code") == "1"  # N.1.1: ICSR batch
    assert one(root, f"{M}/hl7:interactionId").get("extension") == "PORR_IN049016UV"
    assert one(root, f"{M}/hl7:controlActProcess/hl7:code").get("code") == "PORR_TE049016UV"
    assert one(root, "hl7:sender/hl7:device/hl7:id").get("extension") == "Northwind Health"


def test_c_section(root, case):
    report_id = one(root, f"{I}/hl7:id[@root='2.16.840.1.113883.3.989.2.1.3.1']")
    assert report_id.get("extension") == case["id"]  # C.1.1
    assert (
        one(root, f"{I}/hl7:id[@root='2.16.840.1.113883.3.989.2.1.3.2']").get("extension")
        == case["id"]
    )  # C.1.8.1
    created = one(root, f"{M}/hl7:controlActProcess/hl7:effectiveTime").get("value")
    assert len(created) == 19 and created.endswith("+0000")  # C.1.2
    assert one(root, f"{I}/hl7:effectiveTime/hl7:low").get("value") == "20260307140000+0000"
    latest = one(root, f"{I}/hl7:availabilityTime").get("value")  # C.1.5: the edit
    assert latest >= "20260307140000+0000"
    report_type = one(root, f"{I}/hl7:subjectOf2/hl7:investigationCharacteristic/hl7:value")
    assert report_type.get("code") == "1" and report_type.get(XSI_TYPE) == "CE"  # C.1.3
    assert one(root, f"{I}/hl7:outboundRelationship/hl7:priorityNumber").get("value") == "1"
    qualification = one(root, f"{REPORTER}/hl7:asQualifiedEntity/hl7:code")
    assert qualification.get("code") == "5"  # C.2.r.4 consumer
    assert qualification.get("codeSystem") == "2.16.840.1.113883.3.989.2.1.1.6"
    country = one(root, f"{REPORTER}/hl7:asLocatedEntity/hl7:location/hl7:code")
    assert country.get("code") == "US"  # C.2.r.3 (edited)


def test_d_section_patient(root):
    assert one(root, f"{P}/hl7:player1/hl7:name").get("nullFlavor") == "MSK"  # D.1
    assert one(root, f"{P}/hl7:player1/hl7:administrativeGenderCode").get("code") == "2"  # D.5
    age = one(root, f"{P}/hl7:subjectOf2/hl7:observation/hl7:code[@code='3']/../hl7:value")
    assert (age.get("value"), age.get("unit"), age.get(XSI_TYPE)) == ("72", "a", "PQ")
    group = one(root, f"{P}/hl7:subjectOf2/hl7:observation/hl7:code[@code='4']/../hl7:value")
    assert group.get("code") == "6"  # D.2.3 elderly


def test_e_section_reaction(root):
    reaction = one(root, R)
    text = one(reaction, "hl7:value/hl7:originalText")
    assert text.text == "pancreatitis" and text.get("language") == "eng"  # E.i.1.1a/b
    assert reaction.find("hl7:value", NS).get("code") is None  # no MedDRA code claimed
    expected = {"34": None, "21": None, "33": "true", "35": None, "12": None, "26": "true"}
    for code, value in expected.items():  # E.i.3.2a-f
        element = obs_value(reaction, code)
        assert element.get(XSI_TYPE) == "BL"
        assert element.get("value") == value
        assert element.get("nullFlavor") == (None if value else "NI")
    outcome = obs_value(reaction, "27")  # E.i.7
    assert outcome.get("code") == "3"
    assert outcome.get("codeSystem") == "2.16.840.1.113883.3.989.2.1.1.11"


def test_g_and_h_sections(root):
    drug = one(root, G)
    kind = "hl7:consumable/hl7:instanceOfKind/hl7:kindOfProduct"
    assert one(drug, f"{kind}/hl7:name").text == "Ozempic"  # G.k.2.2
    assert one(drug, f"{kind}/hl7:ingredient/hl7:ingredientSubstance/hl7:name").text == (
        "semaglutide"
    )  # G.k.2.3.r.1
    lot = one(
        drug,
        "hl7:outboundRelationship2/hl7:substanceAdministration/hl7:consumable/"
        "hl7:instanceOfKind/hl7:productInstanceInstance/hl7:lotNumberText",
    )
    assert lot.text == "AB1234"  # G.k.4.r.7
    role = one(root, f"{A}/hl7:component/hl7:causalityAssessment/hl7:code[@code='20']/..")
    assert one(role, "hl7:value").get("code") == "1"  # G.k.1 suspect
    link = one(role, "hl7:subject2/hl7:productUseReference/hl7:id").get("root")
    assert link == one(drug, "hl7:id").get("root")
    narrative = one(root, f"{I}/hl7:text").text  # H.1
    assert "pancreatitis" in narrative and AE_TEXT in narrative


def test_optional_elements_dose_route_indication(store, ae_comment):
    case_id = cases.open_case(store.db, ae_comment, "alice")
    case = cases.edit_case(
        store.db,
        case_id,
        {
            "products.0.dose_text": "1 mg weekly",
            "products.0.route": "subcutaneous",
            "products.0.indication_as_reported": "weight loss",
            "patient.sex_code": None,
        },
        "alice",
    )
    root = ET.fromstring(build_e2b(case))
    drug = one(root, G)
    dosage = "hl7:outboundRelationship2/hl7:substanceAdministration"
    assert one(drug, f"{dosage}/hl7:text").text == "1 mg weekly"  # G.k.4.r.8
    assert one(drug, f"{dosage}/hl7:routeCode/hl7:originalText").text == "subcutaneous"
    indication = one(
        drug, "hl7:inboundRelationship/hl7:observation/hl7:code[@code='19']/../hl7:value"
    )
    assert one(indication, "hl7:originalText").text == "weight loss"  # G.k.7.r.1
    gender = one(root, f"{P}/hl7:player1/hl7:administrativeGenderCode")
    assert gender.get("nullFlavor") == "UNK" and gender.get("code") is None


def test_minimal_case_without_ae_details(store):
    cid = store.add("c-min", "Something odd happened", author=None)
    case = cases.get_case(store.db, cases.open_case(store.db, cid, "alice"))
    root = ET.fromstring(build_e2b(case))
    assert one(root, f"{P}/hl7:player1/hl7:name").get("nullFlavor") == "UNK"
    assert root.findall(R, NS) == [] and root.findall(G, NS) == []
    country = one(root, f"{REPORTER}/hl7:asLocatedEntity/hl7:location/hl7:code")
    assert country.get("nullFlavor") == "UNK"


def test_non_pv_cases_are_not_icsrs(store, ae_comment):
    case = cases.get_case(store.db, cases.open_quality_complaint(store.db, ae_comment, "a"))
    with pytest.raises(ValueError, match="not|Only PV"):
        build_e2b(case)
