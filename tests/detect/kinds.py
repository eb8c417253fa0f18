"""Helpers for the round tables: which kinds of flag, and which privacy labels, a comment gets."""

from __future__ import annotations

from moderator.detect import DetectorSuite
from moderator.detect.privacy import PrivacyDetector
from moderator.models import AnalysisInput


def flag_kinds(suite: DetectorSuite, text: str, post: str | None = None) -> set[str]:
    """The kinds of flag the suite raises on ``text`` under a post with ``post`` as its text."""
    return {flag.kind for flag in suite.analyze(AnalysisInput("t", text, post)).flags}


def is_ae(suite: DetectorSuite, text: str, post: str | None = None) -> bool:
    """True when the suite flags ``text`` as an adverse event."""
    return "adverse_event" in flag_kinds(suite, text, post)


def evidence_labels(detector: PrivacyDetector, text: str) -> set[str]:
    """The evidence labels (PHONE_NUMBER, PERSON_HEALTH, ...) a privacy detector reports."""
    return {e.label for f in detector.analyze(text) for e in f.evidence}
