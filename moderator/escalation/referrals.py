"""The lightweight sibling records: product quality complaints, Medical Information referrals.

Why separate from the PV case: a quality complaint goes to Quality (which traces the batch, so
the lot and expiry matter most) and a medical question goes to Medical Information (which must
answer privately, never in public). Both keep the same provenance block as a PV case so the
verbatim text, its SHA-256 and day zero are proven the same way (§5 "Parallel records").
"""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from moderator.escalation import provenance as prov
from moderator.escalation.provenance import span

QUALITY_SCHEMA = "moderation-console/quality-complaint/1"
MEDINFO_SCHEMA = "moderation-console/medinfo-referral/1"
REQUESTER_TYPES: tuple[str, ...] = ("consumer", "hcp", "unknown")

_EXPIRY = re.compile(
    r"\b(?:exp(?:iry|iration)?(?:\s+date)?|use by|best before)[\s.:#-]{0,4}"
    r"(\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}(?:-\d{2})?|[a-z]{3,9}\.? \d{4})",
    re.IGNORECASE,
)


def _first_product(source: prov.SourceData) -> dict[str, Any] | None:
    products = (source.adverse_event or {}).get("products") or []
    if not products:
        return None
    item = products[0]
    return {
        "name_as_reported": item.get("as_reported"),
        "matched_product": item.get("name"),
        "generic": item.get("generic"),
        "from_post": bool(item.get("from_post")),
        "evidence": span(item),
    }


def _product_value(product: str | dict[str, Any] | None, found: dict[str, Any] | None) -> Any:
    if isinstance(product, str):
        return {
            "name_as_reported": product,
            "matched_product": None,
            "generic": None,
            "from_post": False,
            "evidence": None,
        }
    return product if product is not None else found


def find_expiry(text: str) -> dict[str, Any] | None:
    """An expiry date as written ("exp 03/2027"), with its span, or None."""
    m = _EXPIRY.search(text)
    if not m:
        return None
    return {"start": m.start(1), "end": m.end(1), "text": m.group(1)}


def _sibling_record(
    db: Database,
    src: prov.SourceData,
    schema: str,
    kind: str,
    section: str,
    body: dict[str, Any],
    routed_to: str,
) -> dict[str, Any]:
    """The envelope both sibling records share around their own ``section``.

    Case header, verbatim text with its SHA-256, provenance, detection, moderation and
    privacy blocks are built the same way for both, so they prove the same things.
    """
    provenance = prov.provenance(db, src)
    return {
        "schema": schema,
        "kind": kind,
        "case": {
            "escalation_id": None,
            "linked_escalations": prov.linked_escalations(db, src.comment),
            "revision": 0,
        },
        "verbatim": {
            "text": provenance["comment"]["text_verbatim"],
            "sha256": provenance["comment"]["sha256"],
        },
        "provenance": provenance,
        section: body,
        "detection": prov.detection(src, None),
        "moderation": {
            "moderator": None,
            "note": None,
            "routed_to": routed_to,
            "public_action": "hidden" if src.comment["hidden"] else "visible",
            "original_retained": True,
        },
        "privacy": prov.privacy(src),
    }


def build_quality_record(
    db: Database,
    comment_id: int,
    *,
    product: str | dict[str, Any] | None = None,
    lot: str | None = None,
    expiry: str | None = None,
    defect: str | None = None,
    ae_linked: bool | None = None,
    available_for_evaluation: bool | None = None,
) -> dict[str, Any]:
    """A product quality complaint: product, lot, expiry, defect, AE-linked or not.

    Arguments override what the detectors found; anything still unknown stays None so
    Quality sees what to follow up.
    """
    src = prov.load_source(db, comment_id)
    complaint = src.flag("product_complaint")
    lots = src.evidence("product_complaint", "lot_number")
    categories = [
        str(e["label"]).split(":", 1)[1] for e in src.evidence("product_complaint", "complaint:")
    ]
    defect_spans = [span(e) for e in src.evidence("product_complaint", "complaint:")]
    found_expiry = find_expiry(src.comment["text"])
    linked = src.flag("adverse_event") is not None if ae_linked is None else bool(ae_linked)
    complaint_section = {
        "product": _product_value(product, _first_product(src)),
        "lot": lot or (lots[0]["text"] if lots else None),
        "lot_evidence": None if lot else (span(lots[0]) if lots else None),
        "expiry": expiry or (found_expiry["text"] if found_expiry else None),
        "expiry_evidence": None if expiry else found_expiry,
        "defect": defect or (complaint["explanation"] if complaint else None),
        "defect_categories": categories,
        "defect_evidence": [s for s in defect_spans if s],
        "ae_linked": linked,
        "also_route_to_pv": linked,
        "available_for_evaluation": available_for_evaluation,
        "photo": None,
    }
    return _sibling_record(
        db, src, QUALITY_SCHEMA, "quality", "complaint", complaint_section, "quality"
    )


def build_medinfo_record(
    db: Database,
    comment_id: int,
    *,
    question: str | None = None,
    requester_type: str | None = None,
    product: str | dict[str, Any] | None = None,
    off_label_topic: str | None = None,
    response_route: str | None = None,
) -> dict[str, Any]:
    """A Medical Information referral: the question verbatim and how to answer it privately."""
    src = prov.load_source(db, comment_id)
    questions = src.evidence("medical_inquiry")
    off_label = src.flag("off_label")
    reporter = (src.adverse_event or {}).get("reporter") or {}
    if requester_type is None:
        requester_type = "hcp" if reporter.get("type") == "hcp" else "consumer"
    if requester_type not in REQUESTER_TYPES:
        raise ValueError(
            f"requester type must be one of {', '.join(REQUESTER_TYPES)}, not {requester_type!r}"
        )
    topic = off_label_topic
    if topic is None and off_label:
        topic = off_label["explanation"] or ", ".join(e["text"] for e in off_label["evidence"])
    referral = {
        "question_verbatim": question
        or (" ".join(e["text"] for e in questions) if questions else src.comment["text"]),
        "question_evidence": [span(e) for e in questions if span(e)],
        "requester_type": requester_type,
        "requester_handle": src.comment["author_name"] or src.comment["author_id"],
        "product": _product_value(product, _first_product(src)),
        "off_label": bool(off_label) or bool(off_label_topic),
        "off_label_topic": topic,
        "private_response_route": response_route
        or f"{src.comment['platform']} direct message to the requester",
        "public_answer": "none: the public reply gives only the Medical Information contact",
    }
    return _sibling_record(
        db, src, MEDINFO_SCHEMA, "medinfo", "referral", referral, "medical information"
    )
