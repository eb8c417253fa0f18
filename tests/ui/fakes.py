"""A keyword analyzer standing in for the real detectors (which load spaCy for seconds)."""

from __future__ import annotations

import re

from moderator.models import AdverseEventDetails, Analysis, AnalysisInput, Evidence, Flag

# word -> (flag kind, evidence label)
KEYWORDS: dict[str, tuple[str, str]] = {
    "hives": ("adverse_event", "event"),
    "rash": ("adverse_event", "event"),
    "hospital": ("adverse_event", "seriousness"),
    "leaking": ("product_complaint", "defect"),
    "phone": ("privacy", "contact"),
    "kids": ("off_label", "population"),
}
SCORES = {"adverse_event": 0.9, "product_complaint": 0.7, "privacy": 0.8, "off_label": 0.6}


def keyword_analyzer(items: list[AnalysisInput]) -> list[Analysis]:
    """Flag each keyword found, with its span as evidence; "hospital" makes an AE serious."""
    results = []
    for item in items:
        spans: dict[str, list[Evidence]] = {}
        for word, (kind, label) in KEYWORDS.items():
            for match in re.finditer(rf"\b{word}\b", item.text, re.IGNORECASE):
                spans.setdefault(kind, []).append(
                    Evidence(match.start(), match.end(), match.group(), label)
                )
        flags = tuple(
            Flag(kind, SCORES[kind], tuple(ev), explanation=f"{kind} keyword")
            for kind, ev in spans.items()
        )
        ae = None
        if "adverse_event" in spans:
            serious = any(e.label == "seriousness" for e in spans["adverse_event"])
            ae = AdverseEventDetails(
                serious=serious,
                seriousness=("hospitalisation",) if serious else (),
                patient={"identifiable": True},
                reporter={"identifiable": True},
                products=({"name": "Xarelto"},),
                events=tuple({"text": e.text} for e in spans["adverse_event"]),
            )
        results.append(Analysis(id=item.id, flags=flags, adverse_event=ae, detector_version="kw-1"))
    return results
