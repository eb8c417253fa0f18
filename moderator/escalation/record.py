"""The pharmacovigilance case record: sections A-K of reference/pharmacovigilance.md §5.

Why so explicit: PV receives this record instead of the comment, so every minimum criterion is
spelled out with its value, the words that support it and a confidence, and a criterion the
comment does not meet is present as ``present: False`` rather than left out, so nobody mistakes
"not found" for "not looked at". The console fills *as-reported* values only: no MedDRA codes
and no causality (PV's job; spontaneous reports carry implied causality, GVP VI.A.1.1).

Record layout (top-level keys):

====================  ===  ===========================================================
key                   §5   content
====================  ===  ===========================================================
case                  A    escalation id, kind, report type (spontaneous = C.1.3 1), links
provenance            A    platform, page, post, comment, verbatim + SHA-256, thread, times
criteria              B    the four minimum criteria + ``potentially_valid`` + ``missing``
reporter              C    handle, qualification (E2B C.2.r.4 code), country (C.2.r.3)
patient               D    who, age, age group, sex, pregnancy (D.1, D.2.2, D.2.3, D.5)
products              E    as reported, matched, generic, dose/indication/lot (G.k)
events                F    verbatim + offsets, seriousness cues, outcome cue (E.i)
seriousness           F    serious flag and the six E.i.3.2 criteria with evidence
special_situations    G    pregnancy, overdose, off-label, quality complaint, ...
narrative             H    generated plain-language summary with the verbatim (H.1)
detection             I    flags, evidence, detector versions
moderation            J    moderator, note, routing, public action
privacy               K    PII found, PV gets the unredacted copy
====================  ===  ===========================================================
"""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from moderator import settings
from moderator.escalation import provenance as prov
from moderator.escalation.provenance import SourceData, span
from moderator.timeutil import parse

RECORD_SCHEMA = "moderation-console/pv-case/2"

# E2B(R3) E.i.3.2a-f, in the standard's order; FDA.E.i.3.2h is not a detector output.
SERIOUSNESS_CRITERIA: tuple[str, ...] = (
    "death",
    "life_threatening",
    "hospitalisation",
    "disability",
    "congenital_anomaly",
    "other_medically_important",
)
SERIOUSNESS_LABELS: dict[str, str] = {
    "death": "results in death",
    "life_threatening": "life-threatening",
    "hospitalisation": "caused or prolonged hospitalisation",
    "disability": "disabling or incapacitating",
    "congenital_anomaly": "congenital anomaly or birth defect",
    "other_medically_important": "other medically important condition",
}
# E2B(R3) E.i.7 outcome codes.
OUTCOME_CODES: dict[str, int] = {
    "unknown": 0,
    "recovered": 1,
    "recovering": 2,
    "not_recovered": 3,
    "recovered_with_sequelae": 4,
    "fatal": 5,
}
_OUTCOME_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "recovered_with_sequelae",
        re.compile(r"\b(?:permanent\w*|left (?:me|her|him) with|lasting damage|scarr?ed?)\b", re.I),
    ),
    (
        "recovering",
        re.compile(r"\b(?:getting better|improving|recovering|on the mend|slowly better)\b", re.I),
    ),
    (
        "not_recovered",
        re.compile(
            r"\b(?:still (?:have|having|got|suffer\w*|feel\w*|dealing|in|sick|ill|not)"
            r"|ongoing|won'?t go away|not going away|hasn'?t gone away|continues|persist\w*)\b",
            re.I,
        ),
    ),
    (
        "recovered",
        re.compile(
            r"\b(?:recovered|fully better|back to normal|fine now|ok now|went away|resolved"
            r"|cleared up|gone now|all better)\b",
            re.I,
        ),
    ),
)
# E2B(R3) C.2.r.4 qualification: 1 physician, 2 pharmacist, 3 other HCP, 4 lawyer, 5 consumer.
_PHYSICIAN = frozenset(
    [
        "doctor",
        "physician",
        "gp",
        "md",
        "prescriber",
        "psychiatrist",
        "endocrinologist",
        "cardiologist",
        "dermatologist",
    ]
)
_PHARMACIST = frozenset(["pharmacist"])
QUALIFICATION_NAMES: dict[int, str] = {
    1: "physician",
    2: "pharmacist",
    3: "other health professional",
    4: "lawyer",
    5: "consumer or other non health professional",
}
# E2B(R3) D.2.3 age groups (as per reporter), upper bounds in years.
_AGE_GROUPS: tuple[tuple[float, int, str], ...] = (
    (28 / 365.25, 1, "neonate"),
    (2, 2, "infant"),
    (12, 3, "child"),
    (18, 4, "adolescent"),
    (65, 5, "adult"),
)
# Confidence of each minimum criterion: how sure the console is that PV will accept it.
CONFIDENCE_STATED = 0.9  # the comment itself says it (span in the text)
CONFIDENCE_IMPLIED = 0.6  # implied by context (platform account, writer as patient, post)


def qualification_code(reporter: dict[str, Any] | None) -> int:
    """E2B C.2.r.4 code from the detector's reporter: consumer (5) unless an HCP said so."""
    if not reporter or reporter.get("type") != "hcp":
        return 5
    role = str(reporter.get("qualification") or "").lower()
    if role in _PHYSICIAN:
        return 1
    if role in _PHARMACIST:
        return 2
    return 3


def age_group(age_years: float | None) -> tuple[int | None, str | None]:
    """E2B D.2.3 group code and name for an age in years (None when the age is unknown)."""
    if age_years is None:
        return None, None
    for upper, code, name in _AGE_GROUPS:
        if age_years < upper:
            return code, name
    return 6, "elderly"


def outcome_cue(text: str, seriousness: list[str]) -> dict[str, Any]:
    """E.i.7 outcome as the words suggest; fatal when death is a seriousness cue, else unknown."""
    if "death" in seriousness:
        return {"outcome": "fatal", "code": OUTCOME_CODES["fatal"], "evidence": None}
    for name, rx in _OUTCOME_CUES:
        m = rx.search(text)
        if m:
            evidence = {"start": m.start(), "end": m.end(), "text": m.group(0)}
            return {"outcome": name, "code": OUTCOME_CODES[name], "evidence": evidence}
    return {"outcome": "unknown", "code": 0, "evidence": None}


def _criterion(
    value: Any, evidence: dict[str, Any] | None, confidence: float, source: str
) -> dict[str, Any]:
    present = value not in (None, "", [], {})
    return {
        "value": value if present else None,
        "evidence": evidence if present else None,
        "confidence": round(confidence, 3) if present else 0.0,
        "present": present,
        "source": source if present else None,
    }


def _reporter(src: SourceData, ae: dict[str, Any], country: str) -> dict[str, Any]:
    detected = ae.get("reporter") or {}
    code = qualification_code(detected)
    patient = ae.get("patient") or {}
    who = patient.get("who")
    return {
        "handle": src.comment["author_name"] or src.comment["author_id"],
        "platform_user_id": src.comment["author_id"],
        "contact_route": f"{src.comment['platform']} direct message or public reply",
        "type": "hcp" if code != 5 else "consumer",
        "qualification": detected.get("qualification") or "consumer",
        "qualification_code": code,
        "qualification_name": QUALIFICATION_NAMES[code],
        "qualification_stated": detected.get("type") == "hcp",
        "country": country,
        "country_source": "receipt country setting" if country != "UNK" else "unknown",
        "relationship_to_patient": "self" if who in (None, "self") else who,
        "reporter_is_patient": who in (None, "self") and bool(patient),
        "evidence": span(detected.get("evidence")),
    }


def _patient(ae: dict[str, Any], special: list[str]) -> dict[str, Any]:
    detected = ae.get("patient") or {}
    age = detected.get("age")
    group_code, group_name = age_group(age)
    sex = detected.get("sex")
    return {
        "who": detected.get("who"),
        "identifier": "MSK",  # D.1: known to the platform but withheld for privacy
        "age": age,
        "age_unit": "a" if age is not None else None,
        "age_group_code": group_code,
        "age_group": group_name,
        "sex": sex,
        "sex_code": {"M": 1, "F": 2}.get(sex or ""),
        "pregnancy": "pregnancy" in special,
        "history_text": None,
        "evidence": span(detected.get("evidence")),
    }


def _products(src: SourceData, ae: dict[str, Any]) -> list[dict[str, Any]]:
    doses = src.evidence("off_label", "dose")
    indications = src.evidence("off_label", "indication")
    lots = [e["text"] for e in src.evidence("product_complaint", "lot_number")]
    off_label = src.flag("off_label") is not None
    products = []
    for item in ae.get("products") or []:
        dose = item.get("dose") or item.get("dose_text") or (doses[0]["text"] if doses else None)
        indication = item.get("indication") or (indications[0]["text"] if indications else None)
        products.append(
            {
                "name_as_reported": item.get("as_reported"),
                "matched_product": item.get("name"),
                "generic": item.get("generic"),
                "in_catalog": bool(item.get("in_catalog")),
                "from_post": bool(item.get("from_post")),
                "evidence": span(item),
                "role": "suspect",
                "role_code": 1,
                "dose_text": dose,
                "route": item.get("route"),
                "indication_as_reported": indication,
                "off_label": off_label,
                "lot": item.get("lot") or (lots[0] if lots else None),
                "expiry": item.get("expiry"),
                "action_taken": None,
            }
        )
    return products


def _seriousness(src: SourceData, ae: dict[str, Any]) -> dict[str, Any]:
    cues = {
        str(e["label"]).split(":", 1)[1]: span(e)
        for e in src.evidence("adverse_event", "seriousness:")
    }
    named = list(dict.fromkeys([*(ae.get("seriousness") or []), *cues]))
    criteria = {
        name: {
            "present": name in named,
            "label": SERIOUSNESS_LABELS[name],
            "evidence": cues.get(name),
        }
        for name in SERIOUSNESS_CRITERIA
    }
    return {"serious": bool(ae.get("serious")) or bool(named), "named": named, "criteria": criteria}


def _events(
    src: SourceData, ae: dict[str, Any], seriousness: dict[str, Any]
) -> list[dict[str, Any]]:
    events = [dict(e) for e in ae.get("events") or []]
    outcome = outcome_cue(src.comment["text"], seriousness["named"])
    for event in events:
        event["seriousness_cues"] = []
    # Each seriousness cue goes to the nearest event, so PV sees which words made it serious.
    for name, item in seriousness["criteria"].items():
        if not item["present"] or not events:
            continue
        where = item["evidence"]["start"] if item["evidence"] else 0
        nearest = min(events, key=lambda e: abs(int(e.get("start") or 0) - where))
        nearest["seriousness_cues"].append(name)
    return [
        {
            "text_verbatim": e.get("text"),
            "start": e.get("start"),
            "end": e.get("end"),
            "source": e.get("source"),
            "seriousness_cues": e["seriousness_cues"],
            "outcome": outcome["outcome"],
            "outcome_code": outcome["code"],
            "outcome_evidence": outcome["evidence"],
            "negated_or_hypothetical": False,  # the detector drops those before reporting
        }
        for e in events
    ]


def _special_situations(src: SourceData, ae: dict[str, Any]) -> list[dict[str, Any]]:
    spans = {
        str(e["label"]).split(":", 1)[1]: span(e) for e in src.evidence("adverse_event", "special:")
    }
    names = list(dict.fromkeys(ae.get("special_situations") or []))
    if src.flag("off_label") and "off_label" not in names:
        names.append("off_label")
    items = [{"kind": n, "evidence": spans.get(n), "details": None} for n in names]
    complaint = src.flag("product_complaint")
    if complaint:
        categories = [
            str(e["label"]).split(":", 1)[1]
            for e in complaint["evidence"]
            if str(e.get("label", "")).startswith("complaint:")
        ]
        first = next((span(e) for e in complaint["evidence"]), None)
        items.append(
            {
                "kind": "product_quality_complaint",
                "evidence": first,
                "details": {"categories": categories, "explanation": complaint["explanation"]},
            }
        )
    return items


def _criteria(
    src: SourceData,
    reporter: dict[str, Any],
    patient: dict[str, Any],
    products: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> dict[str, Any]:
    ae_flag = src.flag("adverse_event")
    sections = {"reporter": reporter, "patient": patient, "products": products, "events": events}
    rep_ev = reporter["evidence"]
    reporter_c = _criterion(
        _criterion_value(sections, "identifiable_reporter"),
        rep_ev,
        CONFIDENCE_STATED if rep_ev else CONFIDENCE_IMPLIED,
        "comment text" if rep_ev else "platform account",
    )
    pat_ev = patient["evidence"]
    patient_c = _criterion(
        _criterion_value(sections, "identifiable_patient"),
        pat_ev,
        CONFIDENCE_STATED if pat_ev else CONFIDENCE_IMPLIED,
        "comment text" if pat_ev else "the writer",
    )
    first = products[0] if products else None
    product_c = _criterion(
        _criterion_value(sections, "suspect_product"),
        first and first["evidence"],
        CONFIDENCE_IMPLIED if first and first["from_post"] else CONFIDENCE_STATED,
        "the post" if first and first["from_post"] else "comment text",
    )
    first_event = events[0] if events else None
    event_c = _criterion(
        _criterion_value(sections, "adverse_event"),
        first_event and span({**first_event, "text": first_event["text_verbatim"]}),
        float(ae_flag["score"]) if ae_flag else 0.0,
        "comment text",
    )
    criteria = {
        "identifiable_reporter": reporter_c,
        "identifiable_patient": patient_c,
        "suspect_product": product_c,
        "adverse_event": event_c,
    }
    missing = [name for name, c in criteria.items() if not c["present"]]
    return {**criteria, "potentially_valid": not missing, "missing": missing}


# Every key a product or event entry carries, with the value an entry added by hand gets:
# exports and the narrative read these keys, so an edit may not leave any out.
PRODUCT_DEFAULTS: dict[str, Any] = {
    "name_as_reported": None,
    "matched_product": None,
    "generic": None,
    "in_catalog": False,
    "from_post": False,
    "evidence": None,
    "role": "suspect",
    "role_code": 1,
    "dose_text": None,
    "route": None,
    "indication_as_reported": None,
    "off_label": False,
    "lot": None,
    "expiry": None,
    "action_taken": None,
}
EVENT_DEFAULTS: dict[str, Any] = {
    "text_verbatim": None,
    "start": None,
    "end": None,
    "source": "moderator edit",
    "seriousness_cues": [],
    "outcome": "unknown",
    "outcome_code": 0,
    "outcome_evidence": None,
    "negated_or_hypothetical": False,
}


def complete_entries(record: dict[str, Any]) -> None:
    """Give hand-added product and event entries every key the exports read (defaults above)."""
    for section, defaults in (("products", PRODUCT_DEFAULTS), ("events", EVENT_DEFAULTS)):
        entries = record.get(section)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, str):  # "events": ["rash"] is the natural way to type one
                entry = (
                    {"text_verbatim": entry} if section == "events" else {"name_as_reported": entry}
                )
            if isinstance(entry, dict):
                entries[index] = {**defaults, **entry}


# The record sections each criterion is read from (edit paths under these re-derive it).
CRITERIA_SECTIONS: dict[str, str] = {
    "identifiable_reporter": "reporter",
    "identifiable_patient": "patient",
    "suspect_product": "products",
    "adverse_event": "events",
}
EDITED_SOURCE = "moderator edit"


def _criterion_value(record: dict[str, Any], name: str) -> Any:
    """A criterion's ``value`` from the record's four sections, as built or as edited.

    One definition for :func:`_criteria` (building) and :func:`refresh_criteria` (editing).
    """
    if name == "identifiable_reporter":
        reporter = record["reporter"]
        handle = reporter.get("handle")
        return handle and {"handle": handle, "qualification": reporter.get("type")}
    if name == "identifiable_patient":
        patient = record["patient"]
        if not patient.get("who"):
            return None
        return {k: patient[k] for k in ("who", "age", "sex") if patient.get(k) is not None}
    if name == "suspect_product":
        first = record["products"][0] if record["products"] else None
        return first and (first.get("matched_product") or first.get("name_as_reported"))
    return [e.get("text_verbatim") for e in record["events"] if e.get("text_verbatim")]


def refresh_criteria(record: dict[str, Any], edited_paths: list[str]) -> None:
    """Re-derive the four minimum criteria after a moderator edited the sections behind them.

    Why: PV reads "potentially valid / missing: patient" from the criteria block, so a
    moderator who supplies the missing patient (or removes a wrong product) must see the
    block follow. A criterion whose value changed is marked as the moderator's: the comment's
    evidence span no longer supports it, so it is dropped and the confidence is 1.0 (stated
    by a person). Untouched criteria keep the detector's evidence and confidence.
    """
    block = record.get("criteria")
    if not isinstance(block, dict):
        return
    touched = {
        name
        for name, section in CRITERIA_SECTIONS.items()
        if any(p == section or p.startswith(section + ".") for p in edited_paths)
    }
    for name in touched:
        value = _criterion_value(record, name)
        old = block.get(name) or {}
        if value == old.get("value") or (value in (None, "", []) and not old.get("present")):
            continue
        block[name] = _criterion(value, None, 1.0, EDITED_SOURCE)
    missing = [name for name in CRITERIA_SECTIONS if not (block.get(name) or {}).get("present")]
    block["missing"] = missing
    block["potentially_valid"] = not missing


def _list_words(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _when(stamp: str | None) -> str:
    """'2026-03-07 14:00 UTC' from a stored timestamp (narratives are read by people)."""
    if not stamp:
        return "an unknown time"
    return f"{parse(stamp):%Y-%m-%d %H:%M} UTC"


def narrative(record: dict[str, Any]) -> str:
    """H.1: a plain-language summary built from the record, ending with the verbatim text."""
    pv = record["provenance"]
    reporter, patient = record["reporter"], record["patient"]
    posted = (pv["timestamps"]["posted_at"] or "")[:10] or "an unknown date"
    who = "a health professional" if reporter["type"] == "hcp" else "a consumer"
    subject = "they" if patient["who"] in (None, "self") else f"their {patient['who']}"
    traits = []
    if patient["age"] is not None:
        traits.append(f"aged {patient['age']:g}")
    if patient["sex"]:
        traits.append({"M": "male", "F": "female"}.get(patient["sex"], patient["sex"]))
    if traits:
        subject += f" ({', '.join(traits)})"
    events = [f'"{e["text_verbatim"]}"' for e in record["events"]]
    names = []
    for p in record["products"]:
        name = p["matched_product"] or p["name_as_reported"] or "a product"
        if p["generic"] and p["generic"].lower() != name.lower():
            name += f" ({p['generic']})"
        if p["from_post"]:
            name += " (named in the post)"
        names.append(name)
    what = (
        f"{subject} experienced {_list_words(events)}"
        if events
        else f"{subject} had a problem the console could not pin to an event"
    )
    after = f" after {_list_words(names)}" if names else " (no product named)"
    seriousness = record["seriousness"]
    if seriousness["serious"]:
        serious_text = (
            "serious ("
            + ", ".join(SERIOUSNESS_LABELS.get(n, n) for n in seriousness["named"])
            + ")"
        )
    else:
        serious_text = "no seriousness criterion mentioned"
    parts = [
        f"On {posted} {who} posted on {pv['platform'].capitalize()} page "
        f'"{pv["page"]["name"]}" that {what}{after}.',
        f"Seriousness: {serious_text}.",
    ]
    outcome = record["events"][0]["outcome"] if record["events"] else "unknown"
    parts.append(f"Outcome: {outcome.replace('_', ' ')}.")
    special = [s["kind"].replace("_", " ") for s in record["special_situations"]]
    if special:
        parts.append(f"Special situations: {', '.join(special)}.")
    if record["criteria"]["missing"]:
        missing = ", ".join(m.replace("_", " ") for m in record["criteria"]["missing"])
        parts.append(f"Not found in the comment: {missing}.")
    parts.append(
        f"The company first received it on {_when(pv['timestamps']['day_zero'])} (day zero)."
    )
    parts.append(f'Verbatim: "{pv["comment"]["text_verbatim"]}"')
    return " ".join(parts)


def build_case_record(
    db: Database, comment_id: int, detector_version: str | None = None
) -> dict[str, Any]:
    """The PV case record for one stored comment (sections A-K; see module docstring)."""
    src = prov.load_source(db, comment_id)
    ae = src.adverse_event or {}
    country = str(settings.get(db, "receipt_country") or "UNK").upper()
    special = _special_situations(src, ae)
    reporter = _reporter(src, ae, country)
    patient = _patient(ae, [s["kind"] for s in special])
    products = _products(src, ae)
    seriousness = _seriousness(src, ae)
    events = _events(src, ae, seriousness)
    provenance = prov.provenance(db, src)
    record: dict[str, Any] = {
        "schema": RECORD_SCHEMA,
        "kind": "pv",
        "case": {
            "escalation_id": None,
            "report_type": "spontaneous",
            "report_type_code": 1,
            "report_source": "social media (company-sponsored page)",
            "linked_escalations": prov.linked_escalations(db, src.comment),
            "revision": 0,
        },
        "serious": seriousness["serious"],
        "verbatim": {
            "text": provenance["comment"]["text_verbatim"],
            "sha256": provenance["comment"]["sha256"],
        },
        "provenance": provenance,
        "criteria": _criteria(src, reporter, patient, products, events),
        "reporter": reporter,
        "patient": patient,
        "products": products,
        "events": events,
        "seriousness": seriousness,
        "special_situations": special,
        "narrative": "",
        "detection": prov.detection(src, detector_version),
        "moderation": {
            "moderator": None,
            "note": None,
            "decision": "escalate",
            "routed_to": "pharmacovigilance",
            "public_action": "hidden" if src.comment["hidden"] else "visible",
            "original_retained": True,
            "comment_status": src.comment["status"],
        },
        "privacy": prov.privacy(src),
    }
    record["narrative"] = narrative(record)
    return record
