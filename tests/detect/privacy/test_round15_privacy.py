"""Round 15 privacy: who a reply tag ties a health detail to.

A tagged first name followed by the first word of a sentence ("@Maya Does ...") is a one-word
tag, so it is privacy only when the detail is put to that person; the tagged person's own words
quoted and agreed with ("@Josie "the headaches were worst in week one" same here") are their
health detail, while a quoted question or quoted advice answered for oneself are not.
"""

from __future__ import annotations

import pytest

from moderator.detect.privacy import PrivacyDetector

pytestmark = pytest.mark.timeout(120)


CASES: list[tuple[str, str, bool]] = [
    ("starter-word", "@Maya Does metformin give you a stomach ache? I start next week", False),
    ("starter-word", "@Omar Thanks, my rash cleared up after two weeks off it", False),
    ("starter-word-yours", "@Maya Does your migraine still come back every Monday?", True),
    ("full-name", "@Maya Brooks your migraine sounds exactly like mine did", True),
    (
        "quote-agreed",
        '@Josie "the headaches were worst in week one" same here, week two was fine',
        True,
    ),
    (
        "quote-question",
        '@Josie "does anyone else get headaches?" yep, every afternoon for me',
        False,
    ),
    ("quote-advice", '@Josie "the nausea settles after a month" well it never did for me', False),
]


@pytest.mark.parametrize(("family", "text", "expected"), CASES)
def test_round15_privacy(detector: PrivacyDetector, family: str, text: str, expected: bool) -> None:
    flagged = bool(list(detector.analyze(text)))
    assert flagged is expected, (family, text)
