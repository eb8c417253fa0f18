"""One spaCy-backed detector per test module: loading the model is the slow part."""

from __future__ import annotations

import pytest

from moderator.detect.privacy import PrivacyDetector


@pytest.fixture(scope="module")
def detector() -> PrivacyDetector:
    """The default detector (en_core_web_sm), engine loaded once."""
    d = PrivacyDetector()
    d.engine()
    return d


def evidence_of(detector: PrivacyDetector, text: str) -> list[tuple[str, str]]:
    """``(label, evidence text)`` pairs the detector reports for ``text``."""
    return [(e.label, e.text) for f in detector.analyze(text) for e in f.evidence]


@pytest.fixture(scope="module")
def labels():  # noqa: ANN201 - returns the helper above
    """The ``evidence_of`` helper, as a fixture so test modules need no imports."""
    return evidence_of
