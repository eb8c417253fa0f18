"""Product (technical / quality) complaints: the product itself is alleged to be deficient.

Why separate from AEs: a complaint goes to Quality (and to PV too when someone was harmed), and
Quality needs the lot/batch number to trace the batch, so it is captured verbatim. Categories
follow the usual PQC list: device fault, damaged packaging, wrong count, changed appearance,
contamination, suspected counterfeit, labelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from moderator.detect import context
from moderator.detect.text import Prepared

_DEVICE = (
    r"(?:pen|pens|injector|auto-?injector|needle|needles|syringe|cartridge|dial|plunger|cap"
    r"|button|device|inhaler)"
)
_CATEGORIES: dict[str, re.Pattern[str]] = {
    "device_fault": re.compile(
        r"\b" + _DEVICE + r"\s+(?:\w+\s+){0,3}?(?:is|was|were|are|keeps|kept|just|has|had)?\s*"
        r"(?:broke|broken|breaks|cracked|leak\w*|jammed|jams|stuck|faulty|defective|malfunction\w*"
        r"|won't (?:click|dial|inject|work|turn|prime)"
        r"|wouldn't (?:click|dial|inject|work|turn|prime)"
        r"|didn't (?:click|inject|dispense|work)|doesn't (?:click|inject|work|dispense)|not working"
        r"|bent|blocked|clogged|fell apart|came apart|snapped|empty)\b"
        r"|\b(?:broken|cracked|leaking|leaky|faulty|defective|jammed|bent|blocked|dud)\s+"
        + _DEVICE
        + r"\b|\b(?:medicine|medication|liquid|drug|dose)\s+(?:\w+\s+){0,2}(?:leaked|leaking|"
        r"sprayed|squirted) (?:out|everywhere)\b|\bwasted (?:a|the|my) (?:whole )?(?:dose|pen)\b"
        r"|\bno (?:needle|click)\b"
    ),
    "packaging": re.compile(
        r"\b(?:packag\w*|box|seal|blister|carton|bottle|foil|vial)\s+(?:\w+\s+){0,2}?"
        r"(?:was|were|is|came|arrived)?\s*(?:damaged|open|opened|torn|broken|crushed|tampered"
        r"|missing|unsealed|ripped)\b|\b(?:broken|missing|damaged) seal\b"
        r"|\b(?:seal|safety seal) (?:was )?(?:broken|missing)\b|\btamper\w*\b"
    ),
    "wrong_count": re.compile(
        r"\b(?:missing (?:\d+ |a few |some |two |three )?(?:pills|tablets|capsules|pens|doses)"
        r"|(?:only|just) (?:had |got |contained |came with )?\d{1,3} (?:pills|tablets|capsules|"
        r"pens)(?: in)?|short (?:by )?(?:\d+|a few|some|two|three) (?:pills|tablets|capsules)"
        r"|wrong (?:count|number of (?:pills|tablets))|(?:box|bottle|pack) (?:was|is|came) empty"
        r"|fewer (?:pills|tablets)|pill count)\b"
    ),
    "appearance": re.compile(
        r"\b(?:pills?|tablets?|capsules?|medicine|medication|liquid|solution|it|they|these|this "
        r"batch)\s+(?:\w+\s+){0,2}?(?:look|looks|looked|are|were|is|was|seem|seems|came)\s+"
        r"(?:\w+\s+)?(?:different|weird|off|odd|discolou?red|cloudy|darker|lighter|smaller|bigger"
        r"|chalky|crumbly|crumbling|broken|yellow|brown|pink|blue|a different colou?r)\b"
        r"|\b(?:different|wrong|new|weird|odd) (?:colou?r|shape|size|markings?|imprint|smell|taste)"
        r"\b|\bdiscolou?r\w*|\bcrumbl\w+ (?:pills?|tablets?)|\b(?:smells?|tastes?) (?:weird|funny"
        r"|strange|different|off|bad|like)\b|\bcloudy\b"
    ),
    "contamination": re.compile(
        r"\b(?:contaminat\w*|particles?|floaters?|floating (?:bits|stuff|things|particles)"
        r"|specks?|mou?ld|mou?ldy|hair in|glass in|something (?:floating|inside|in the)"
        r"|foreign (?:object|body|matter)|black (?:spots|dots|bits)|debris)\b"
    ),
    "counterfeit": re.compile(
        r"\b(?:fake|counterfeit\w*|knock-?offs?|not (?:genuine|real|authentic)|bootleg"
        r"|bought (?:it |them )?(?:online|off (?:a website|the internet|instagram|facebook))"
        r"|from an online pharmacy|compounded (?:version|semaglutide))\b"
    ),
    "labelling": re.compile(
        r"\b(?:wrong|missing|no|incorrect|misprinted|smudged|mislabel\w*) (?:label|labels|leaflet"
        r"|insert|instructions|strength|expiry|expiration date|lot number)\b|\bmislabel\w*\b"
        r"|\b(?:already )?expired\b|\bwrong (?:dose|strength) (?:on|in) the (?:box|label|pack)\b"
    ),
}
_LOT = re.compile(
    r"\b(?:lot|batch|lot\s*no|batch\s*no|lot\s*number|batch\s*number|lot\s*#|batch\s*#)"
    r"[\s.:#-]{0,4}(?:number|no|num)?[\s.:#-]{0,3}([a-z0-9][a-z0-9-]{2,15})\b"
)


@dataclass
class ComplaintResult:
    """Complaint categories and lot numbers found (evidence offsets index the original text)."""

    is_complaint: bool = False
    score: float = 0.0
    categories: list[str] = field(default_factory=list)
    lots: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int, str, str]] = field(default_factory=list)
    explanation: str = ""


def detect_complaint(prep: Prepared, has_product: bool) -> ComplaintResult:
    """Find quality complaints; a lot number alone is evidence only alongside a complaint."""
    res = ComplaintResult()
    for sent in prep.sentences:
        for category, rx in _CATEGORIES.items():
            for m in rx.finditer(sent.text):
                if context.is_hypothetical(sent, m.start()):
                    continue
                if category != "wrong_count" and context.is_negated(sent, m.start(), m.end()):
                    continue
                s, e, raw = prep.original_span(sent.start + m.start(), sent.start + m.end())
                res.evidence.append((s, e, raw, f"complaint:{category}"))
                if category not in res.categories:
                    res.categories.append(category)
                break
    for m in _LOT.finditer(prep.clean):
        code = m.group(1)
        if not any(c.isdigit() for c in code):
            continue
        s, e, raw = prep.original_span(m.start(1), m.end(1))
        res.lots.append(raw)
        res.evidence.append((s, e, raw, "lot_number"))
    res.is_complaint = bool(res.categories)
    if res.is_complaint:
        res.score = 0.9 if (has_product or res.lots) else 0.7
        res.explanation = "quality complaint: " + ", ".join(res.categories)
        if res.lots:
            res.explanation += "; lot " + ", ".join(res.lots)
    return res
