"""One helper for the round tables: does the suite raise this kind of flag on this comment?"""

from __future__ import annotations

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def flag_kinds(suite: DetectorSuite, text: str, post: str | None = None) -> set[str]:
    """The kinds of flag the suite raises on ``text`` under a post with ``post`` as its text."""
    return {flag.kind for flag in suite.analyze(AnalysisInput("t", text, post)).flags}


def is_ae(suite: DetectorSuite, text: str, post: str | None = None) -> bool:
    """True when the suite flags ``text`` as an adverse event."""
    return "adverse_event" in flag_kinds(suite, text, post)
