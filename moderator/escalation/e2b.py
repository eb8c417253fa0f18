"""An ICH E2B(R3) ICSR message (HL7 v3) for one PV case, with only the fields the console knows.

Why: PV systems import E2B(R3) XML, so an escalation that arrives in that shape is a case PV can
load instead of retyping. The console fills *as-reported* values; it never claims MedDRA codes,
causality, C.1.7 (expedited?) or the final C.1.1 numbering, which are PV's to add. Structure
follows the ICH E2B(R3) reference instance (batch wrapper ``MCCI_IN200100UV01`` holding one
``PORR_IN049016UV`` message, namespace ``urn:hl7-org:v3``); code systems are the ICH OIDs.

Element -> XPath (prefix ``hl7`` = ``urn:hl7-org:v3``; ``M`` = ``/hl7:MCCI_IN200100UV01/
hl7:PORR_IN049016UV``; ``I`` = ``M/hl7:controlActProcess/hl7:subject/hl7:investigationEvent``;
``P`` = ``I/hl7:component/hl7:adverseEventAssessment/hl7:subject1/hl7:primaryRole``;
``G`` = ``P/hl7:subjectOf2/hl7:organizer/hl7:component/hl7:substanceAdministration``;
``R`` = ``P/hl7:subjectOf2/hl7:observation[hl7:code/@code='29']`` (one per event)):

=================  ============================================================================
element            XPath
=================  ============================================================================
N.1.2 batch id     /hl7:MCCI_IN200100UV01/hl7:id/@extension
N.2.r.1 msg id     M/hl7:id/@extension
C.1.2 created      M/hl7:controlActProcess/hl7:effectiveTime/@value
C.1.1 report id    I/hl7:id[@root='2.16.840.1.113883.3.989.2.1.3.1']/@extension
C.1.8.1 wwuid      I/hl7:id[@root='2.16.840.1.113883.3.989.2.1.3.2']/@extension
H.1 narrative      I/hl7:text
C.1.4 day zero     I/hl7:effectiveTime/hl7:low/@value
C.1.5 latest info  I/hl7:availabilityTime/@value
C.1.3 report type  I/hl7:subjectOf2/hl7:investigationCharacteristic/hl7:value/@code  (1)
C.2.r.5 primary    I/hl7:outboundRelationship/hl7:priorityNumber/@value  (1)
C.2.r.4 qualif.    I/hl7:outboundRelationship/hl7:relatedInvestigation/hl7:subjectOf2/
                   hl7:controlActEvent/hl7:author/hl7:assignedEntity/hl7:assignedPerson/
                   hl7:asQualifiedEntity/hl7:code/@code  (5 consumer unless stated)
C.2.r.3 country    .../hl7:assignedPerson/hl7:asLocatedEntity/hl7:location/hl7:code/@code
                   (or @nullFlavor='UNK')
D.1 patient        P/hl7:player1/hl7:name/@nullFlavor  (MSK, or UNK when no patient found)
D.5 sex            P/hl7:player1/hl7:administrativeGenderCode/@code (1 M, 2 F) or @nullFlavor
D.2.2a/b age       P/hl7:subjectOf2/hl7:observation[hl7:code/@code='3']/hl7:value/@value, @unit
D.2.3 age group    P/hl7:subjectOf2/hl7:observation[hl7:code/@code='4']/hl7:value/@code
E.i.1.1a verbatim  R/hl7:value/hl7:originalText
E.i.1.1b language  R/hl7:value/hl7:originalText/@language  (ISO 639-2, "eng")
E.i.3.2a death     R/hl7:outboundRelationship2/hl7:observation[hl7:code/@code='34']/hl7:value
E.i.3.2b life-thr  ... code '21';  E.i.3.2c hospitalisation: '33';  E.i.3.2d disabling: '35';
E.i.3.2e congen.   ... code '12';  E.i.3.2f other medically important: '26'
                   (value @value='true', or @nullFlavor='NI' when not reported)
E.i.7 outcome      R/hl7:outboundRelationship2/hl7:observation[hl7:code/@code='27']/hl7:value/@code
G.k.2.2 product    G/hl7:consumable/hl7:instanceOfKind/hl7:kindOfProduct/hl7:name
G.k.2.3.r.1 subst  G/.../hl7:kindOfProduct/hl7:ingredient/hl7:ingredientSubstance/hl7:name
G.k.4.r.8 dose     G/hl7:outboundRelationship2/hl7:substanceAdministration/hl7:text
G.k.4.r.10.1 route G/hl7:outboundRelationship2/hl7:substanceAdministration/hl7:routeCode/
                   hl7:originalText
G.k.4.r.7 lot      G/hl7:outboundRelationship2/hl7:substanceAdministration/hl7:consumable/
                   hl7:instanceOfKind/hl7:productInstanceInstance/hl7:lotNumberText
G.k.7.r.1 indic.   G/hl7:inboundRelationship/hl7:observation[hl7:code/@code='19']/hl7:value/
                   hl7:originalText
G.k.1 drug role    I/hl7:component/hl7:adverseEventAssessment/hl7:component/
                   hl7:causalityAssessment[hl7:code/@code='20']/hl7:value/@code  (1 suspect),
                   linked to G by hl7:subject2/hl7:productUseReference/hl7:id/@root = G/hl7:id/@root
=================  ============================================================================

Dates are HL7 TS values in UTC: ``YYYYMMDDHHMMSS+0000``.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

from moderator.timeutil import parse, utc_now

HL7_NS = "urn:hl7-org:v3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NS = {"hl7": HL7_NS, "xsi": XSI_NS}

OID_CASE_ID = "2.16.840.1.113883.3.989.2.1.3.1"
OID_WORLDWIDE_ID = "2.16.840.1.113883.3.989.2.1.3.2"
OID_BATCH_ID = "2.16.840.1.113883.3.989.2.1.3.22"
OID_MESSAGE_ID = "2.16.840.1.113883.3.989.2.1.3.1"
OID_MSG_RECEIVER = "2.16.840.1.113883.3.989.2.1.3.12"
OID_MSG_SENDER = "2.16.840.1.113883.3.989.2.1.3.11"
OID_BATCH_RECEIVER = "2.16.840.1.113883.3.989.2.1.3.14"
OID_BATCH_SENDER = "2.16.840.1.113883.3.989.2.1.3.13"
OID_INTERACTION = "2.16.840.1.113883.1.6"
OID_TRIGGER = "2.16.840.1.113883.1.18"
CS_OBSERVATION = "2.16.840.1.113883.3.989.2.1.1.19"
CS_MESSAGE_TYPE = "2.16.840.1.113883.3.989.2.1.1.1"
CS_REPORT_TYPE = "2.16.840.1.113883.3.989.2.1.1.2"
CS_QUALIFICATION = "2.16.840.1.113883.3.989.2.1.1.6"
CS_AGE_GROUP = "2.16.840.1.113883.3.989.2.1.1.9"
CS_OUTCOME = "2.16.840.1.113883.3.989.2.1.1.11"
CS_DRUG_ROLE = "2.16.840.1.113883.3.989.2.1.1.13"
CS_ORGANIZER = "2.16.840.1.113883.3.989.2.1.1.20"
CS_SOURCE_REPORT = "2.16.840.1.113883.3.989.2.1.1.22"
CS_CHARACTERISTIC = "2.16.840.1.113883.3.989.2.1.1.23"
CS_SEX = "1.0.5218"
CS_COUNTRY = "1.0.3166.1.2.2"

# E.i.3.2a-f observation codes, in the record's criterion names.
SERIOUSNESS_CODES: dict[str, str] = {
    "death": "34",
    "life_threatening": "21",
    "hospitalisation": "33",
    "disability": "35",
    "congenital_anomaly": "12",
    "other_medically_important": "26",
}
LANGUAGE = "eng"  # E.i.1.1b, ISO 639-2: the detectors read English

ET.register_namespace("", HL7_NS)
ET.register_namespace("xsi", XSI_NS)


def _q(tag: str) -> str:
    return f"{{{HL7_NS}}}{tag}"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _typed(parent: ET.Element, xsi_type: str, **attrs: Any) -> ET.Element:
    value = _el(parent, "value", **attrs)
    value.set(f"{{{XSI_NS}}}type", xsi_type)
    return value


def hl7_time(moment: datetime | str) -> str:
    """HL7 TS in UTC: ``YYYYMMDDHHMMSS+0000``."""
    value = parse(moment) if isinstance(moment, str) else moment
    return value.strftime("%Y%m%d%H%M%S") + "+0000"


def _observation(parent: ET.Element, rel_tag: str, type_code: str, code: str) -> ET.Element:
    holder = _el(parent, rel_tag, typeCode=type_code)
    obs = _el(holder, "observation", classCode="OBS", moodCode="EVN")
    _el(obs, "code", code=code, codeSystem=CS_OBSERVATION)
    return obs


def _device(parent: ET.Element, tag: str, type_code: str, ident: str, root: str) -> None:
    holder = _el(parent, tag, typeCode=type_code)
    device = _el(holder, "device", classCode="DEV", determinerCode="INSTANCE")
    _el(device, "id", extension=ident, root=root)


def _patient(role: ET.Element, patient: dict[str, Any], found: bool) -> None:
    player = _el(role, "player1", classCode="PSN", determinerCode="INSTANCE")
    _el(player, "name", nullFlavor="MSK" if found else "UNK")
    sex_code = patient.get("sex_code")
    if sex_code in (1, 2):
        _el(player, "administrativeGenderCode", code=sex_code, codeSystem=CS_SEX)
    else:
        _el(player, "administrativeGenderCode", nullFlavor="UNK")
    if patient.get("age") is not None:
        obs = _observation(role, "subjectOf2", "SBJ", "3")
        _typed(obs, "PQ", value=f"{patient['age']:g}", unit=patient.get("age_unit") or "a")
    if patient.get("age_group_code") is not None:
        obs = _observation(role, "subjectOf2", "SBJ", "4")
        _typed(obs, "CE", code=patient["age_group_code"], codeSystem=CS_AGE_GROUP)


def _event_criteria(record: dict[str, Any]) -> list[set[str]]:
    """Seriousness criteria per event: each present criterion lands on at least one event."""
    events = record.get("events") or []
    criteria = (record.get("seriousness") or {}).get("criteria") or {}
    present = {n for n, c in criteria.items() if (c or {}).get("present")}
    per_event = [set(e.get("seriousness_cues") or []) & present for e in events]
    placed = set().union(*per_event) if per_event else set()
    if per_event:
        per_event[0] |= present - placed
    return per_event


def _reactions(role: ET.Element, record: dict[str, Any]) -> None:
    for event, criteria in zip(record.get("events") or [], _event_criteria(record), strict=True):
        obs = _observation(role, "subjectOf2", "SBJ", "29")
        obs.insert(0, ET.Element(_q("id"), {"root": str(uuid.uuid4())}))
        value = _typed(obs, "CE")
        _el(value, "originalText", event.get("text_verbatim") or "", language=LANGUAGE)
        for name, code in SERIOUSNESS_CODES.items():
            flag = _observation(obs, "outboundRelationship2", "PERT", code)
            if name in criteria:
                _typed(flag, "BL", value="true")
            else:
                _typed(flag, "BL", nullFlavor="NI")
        outcome = _observation(obs, "outboundRelationship2", "PERT", "27")
        _typed(outcome, "CE", code=int(event.get("outcome_code") or 0), codeSystem=CS_OUTCOME)


def _drugs(role: ET.Element, assessment: ET.Element, products: list[dict[str, Any]]) -> None:
    if not products:
        return
    holder = _el(role, "subjectOf2", typeCode="SBJ")
    organizer = _el(holder, "organizer", classCode="CATEGORY", moodCode="EVN")
    _el(organizer, "code", code="4", codeSystem=CS_ORGANIZER)
    for product in products:
        ref = str(uuid.uuid4())
        component = _el(organizer, "component", typeCode="COMP")
        admin = _el(component, "substanceAdministration", classCode="SBADM", moodCode="EVN")
        _el(admin, "id", root=ref)
        consumable = _el(admin, "consumable", typeCode="CSM")
        instance = _el(consumable, "instanceOfKind", classCode="INST")
        kind = _el(instance, "kindOfProduct", classCode="MMAT", determinerCode="KIND")
        reported = product.get("name_as_reported") or product.get("matched_product") or ""
        _el(kind, "name", reported)
        if product.get("generic"):
            ingredient = _el(kind, "ingredient", classCode="ACTI")
            substance = _el(
                ingredient, "ingredientSubstance", classCode="MMAT", determinerCode="KIND"
            )
            _el(substance, "name", product["generic"])
        if product.get("dose_text") or product.get("route") or product.get("lot"):
            rel = _el(admin, "outboundRelationship2", typeCode="COMP")
            dosage = _el(rel, "substanceAdministration", classCode="SBADM", moodCode="EVN")
            if product.get("dose_text"):
                _el(dosage, "text", product["dose_text"])
            if product.get("route"):
                route = _el(dosage, "routeCode")
                _el(route, "originalText", product["route"])
            if product.get("lot"):
                d_consumable = _el(dosage, "consumable", typeCode="CSM")
                d_instance = _el(d_consumable, "instanceOfKind", classCode="INST")
                batch = _el(
                    d_instance,
                    "productInstanceInstance",
                    classCode="MMAT",
                    determinerCode="INSTANCE",
                )
                _el(batch, "lotNumberText", product["lot"])
                _el(d_instance, "kindOfProduct", classCode="MMAT", determinerCode="KIND")
        if product.get("indication_as_reported"):
            inbound = _el(admin, "inboundRelationship", typeCode="RSON")
            obs = _el(inbound, "observation", classCode="OBS", moodCode="EVN")
            _el(obs, "code", code="19", codeSystem=CS_OBSERVATION)
            value = _typed(obs, "CE")
            _el(value, "originalText", product["indication_as_reported"])
        link = _el(assessment, "component", typeCode="COMP")
        causality = _el(link, "causalityAssessment", classCode="OBS", moodCode="EVN")
        _el(causality, "code", code="20", codeSystem=CS_OBSERVATION)
        _typed(causality, "CE", code=int(product.get("role_code") or 1), codeSystem=CS_DRUG_ROLE)
        subject = _el(causality, "subject2", typeCode="SUBJ")
        use = _el(subject, "productUseReference", classCode="SBADM", moodCode="EVN")
        _el(use, "id", root=ref)


def _reporter(event: ET.Element, reporter: dict[str, Any]) -> None:
    outbound = _el(event, "outboundRelationship", typeCode="SPRT")
    _el(outbound, "priorityNumber", value="1")
    related = _el(outbound, "relatedInvestigation", classCode="INVSTG", moodCode="EVN")
    _el(related, "code", code="2", codeSystem=CS_SOURCE_REPORT)
    subject = _el(related, "subjectOf2", typeCode="SUBJ")
    act = _el(subject, "controlActEvent", classCode="CACT", moodCode="EVN")
    author = _el(act, "author", typeCode="AUT")
    entity = _el(author, "assignedEntity", classCode="ASSIGNED")
    person = _el(entity, "assignedPerson", classCode="PSN", determinerCode="INSTANCE")
    qualified = _el(person, "asQualifiedEntity", classCode="QUAL")
    _el(
        qualified,
        "code",
        code=int(reporter.get("qualification_code") or 5),
        codeSystem=CS_QUALIFICATION,
    )
    located = _el(person, "asLocatedEntity", classCode="LOCE")
    place = _el(located, "location", classCode="COUNTRY", determinerCode="INSTANCE")
    country = str(reporter.get("country") or "UNK").upper()
    if len(country) == 2 and country.isalpha():
        _el(place, "code", code=country, codeSystem=CS_COUNTRY)
    else:
        _el(place, "code", nullFlavor="UNK")


def build_e2b(
    case: dict[str, Any],
    *,
    sender: str = "MODERATION-CONSOLE",
    receiver: str = "PV-INTAKE",
    now: datetime | None = None,
) -> bytes:
    """The ICSR XML (UTF-8 bytes with declaration) for a PV case row with its record."""
    if case.get("kind", "pv") != "pv":
        raise ValueError(f"Only PV cases are ICSRs; this is a {case.get('kind')} escalation.")
    record = case["record"]
    created = now or utc_now()
    case_id = case["id"]
    root = ET.Element(_q("MCCI_IN200100UV01"), {"ITSVersion": "XML_1.0"})
    _el(root, "id", extension=f"B-{case_id}", root=OID_BATCH_ID)
    _el(root, "creationTime", value=hl7_time(created))
    _el(root, "responseModeCode", code="D")
    _el(root, "interactionId", extension="MCCI_IN200100UV01", root=OID_INTERACTION)
    _el(root, "name", code="1", codeSystem=CS_MESSAGE_TYPE)
    message = _el(root, "PORR_IN049016UV")
    _el(message, "id", extension=f"M-{case_id}", root=OID_MESSAGE_ID)
    _el(message, "creationTime", value=hl7_time(created))
    _el(message, "interactionId", extension="PORR_IN049016UV", root=OID_INTERACTION)
    _el(message, "processingCode", code="P")
    _el(message, "processingModeCode", code="T")
    _el(message, "acceptAckCode", code="AL")
    _device(message, "receiver", "RCV", receiver, OID_MSG_RECEIVER)
    _device(message, "sender", "SND", sender, OID_MSG_SENDER)
    control = _el(message, "controlActProcess", classCode="CACT", moodCode="EVN")
    _el(control, "code", code="PORR_TE049016UV", codeSystem=OID_TRIGGER)
    _el(control, "effectiveTime", value=hl7_time(created))
    subject = _el(control, "subject", typeCode="SUBJ")
    event = _el(subject, "investigationEvent", classCode="INVSTG", moodCode="EVN")
    _el(event, "id", extension=case_id, root=OID_CASE_ID)
    _el(event, "id", extension=case_id, root=OID_WORLDWIDE_ID)
    _el(event, "code", code="PAT_ADV_EVNT", codeSystem="2.16.840.1.113883.5.4")
    _el(event, "text", record.get("narrative") or "")
    _el(event, "statusCode", code="active")
    window = _el(event, "effectiveTime")
    _el(window, "low", value=hl7_time(case["day_zero"]))
    latest = record.get("case", {}).get("most_recent_info_at") or case.get("created_at")
    _el(event, "availabilityTime", value=hl7_time(latest or created))
    component = _el(event, "component", typeCode="COMP")
    assessment = _el(component, "adverseEventAssessment", classCode="INVSTG", moodCode="EVN")
    subject1 = _el(assessment, "subject1", typeCode="SBJ")
    role = _el(subject1, "primaryRole", classCode="INVSBJ")
    criteria = record.get("criteria") or {}
    found = bool((criteria.get("identifiable_patient") or {}).get("present"))
    _patient(role, record.get("patient") or {}, found)
    _reactions(role, record)
    _drugs(role, assessment, record.get("products") or [])
    _reporter(event, record.get("reporter") or {})
    characteristic_holder = _el(event, "subjectOf2", typeCode="SUBJ")
    characteristic = _el(
        characteristic_holder, "investigationCharacteristic", classCode="OBS", moodCode="EVN"
    )
    _el(characteristic, "code", code="1", codeSystem=CS_CHARACTERISTIC)
    _typed(characteristic, "CE", code="1", codeSystem=CS_REPORT_TYPE)
    _device(root, "receiver", "RCV", receiver, OID_BATCH_RECEIVER)
    _device(root, "sender", "SND", sender, OID_BATCH_SENDER)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
