"""Queue order: how urgent a comment is, from its flags.

Serious adverse events first, then adverse events, privacy disclosures, product
complaints, off-label mentions, medical questions and the rest (DESIGN.md, "Users").
Overdue escalations are sorted above everything by the queue query itself, because
"overdue" changes with the clock while ``risk`` is stored.
"""

from __future__ import annotations

from collections.abc import Iterable

RISK_SERIOUS_AE = 600
RISK_BY_KIND: dict[str, int] = {
    "adverse_event": 500,
    "privacy": 400,
    "product_complaint": 300,
    "off_label": 200,
    "medical_inquiry": 100,
}
RISK_LABELS: dict[int, str] = {
    RISK_SERIOUS_AE: "Serious AE",
    500: "Adverse event",
    400: "Privacy",
    300: "Complaint",
    200: "Off-label",
    100: "Question",
    0: "",
}


def risk_of(kinds: Iterable[str], serious: bool) -> int:
    """The highest risk among ``kinds``; a serious adverse event outranks all."""
    kinds = list(kinds)
    if serious and "adverse_event" in kinds:
        return RISK_SERIOUS_AE
    return max((RISK_BY_KIND.get(kind, 0) for kind in kinds), default=0)


def top_kind(kinds: Iterable[str]) -> str | None:
    """The flag kind that sets the comment's place in the queue."""
    ranked = sorted(kinds, key=lambda kind: RISK_BY_KIND.get(kind, 0), reverse=True)
    return ranked[0] if ranked else None
