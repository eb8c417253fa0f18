"""Shared fixtures for the detector tests."""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite


@pytest.fixture(scope="session")
def rules() -> DetectorSuite:
    """The rule detectors as shipped (comment-level model off), built once for the session.

    Every round's table uses it, so building it per module only repeated the ~1 s start-up.
    """
    return DetectorSuite(comment_model=None)
