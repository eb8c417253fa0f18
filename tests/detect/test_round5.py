"""Round 5 rule mechanisms (rules alone, comment model off): positives and hard negatives.

Phrasings are written for the mechanism, not copied from an evaluation set.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _ae(suite: DetectorSuite, text: str) -> tuple[bool, tuple[str, ...]]:
    a = suite.analyze(AnalysisInput("t", text, "Share your experience with Zoloft"))
    return a.adverse_event is not None, a.adverse_event.seriousness if a.adverse_event else ()


CASES = [
    # emotional blunting said without "numb"
    ("on zoloft a year now and I can't cry anymore, even at funerals", True),
    ("my husband says he is unable to cry since the dose went up", True),
    # an ache *in* a body part
    ("six weeks on it and aching in both calves every evening", True),
    ("stiffness in my jaw since the first week", True),
    # lack of effect: numbers creeping back, pain that stays
    ("three months in and my sugars crept back up to where they were", True),
    ("it's for my back and I still hurt every single day", True),
    # symptoms in other languages
    ("Desde que lo tomo tengo mareos todas las mañanas", True),
    ("Sinds ik het slik ben ik de hele dag misselijk", True),
    # hard negatives
    ("No side effects at all, two years on it", False),
    ("Is it true it can make you unable to cry?", False),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_round5_rules(rules: DetectorSuite, text: str, expected: bool) -> None:
    assert _ae(rules, text)[0] is expected


@pytest.mark.parametrize(
    "text",
    [
        "my brother was on it for 2 months before he took his own life",
        "she was on it and killed herself in March",
    ],
)
def test_suicide_is_death(rules: DetectorSuite, text: str) -> None:
    is_ae, seriousness = _ae(rules, text)
    assert is_ae and "death" in seriousness


def test_italian_hospital_stay_is_serious(rules: DetectorSuite) -> None:
    is_ae, seriousness = _ae(rules, "Emorragia allo stomaco, ricoverato tre giorni")
    assert is_ae and "hospitalisation" in seriousness
