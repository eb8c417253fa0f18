"""Round 15 product-complaint mechanisms (rules alone): positives and the hard negatives next to
them.

Families behind misses and false flags on the fourteenth evaluation set: counts told as "N, not
M" or "N in a box of M", empty blister bubbles, strengths mixed in one pack, the wrong dose form,
another brand inside the box, pens that exploded or whose dial did not click, labels in a
language the buyer cannot read, cracks and leaks in Dutch and Japanese; and, as false flags,
damage the writer caused (a cat, their own fridge) and "an opened pen" in use. ``True`` rows
must be flagged ``product_complaint``, ``False`` rows must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _complaint(suite: DetectorSuite, text: str) -> bool:
    flags = suite.analyze(AnalysisInput("t", text)).flags
    return any(f.kind == "product_complaint" for f in flags)


COMPLAINT: list[tuple[str, str, bool]] = [
    ("count", "the Lipitor bottle had 84 pills in it, not 90. third time now", True),
    ("count", "found 12 Eliquis tabs in a box of 28, foil punched through on one row", True),
    ("count", "I took 2 tablets in the morning, not 3 like last week", False),
    ("bubbles", "my weekly blister pack from the pharmacy had empty bubbles on Tuesday", True),
    ("bubbles", "the bubbles in my bath were gorgeous after a long shift", False),
    ("mixed", "Zoloft bottle was 100mg tablets mixed with some 50mg ones", True),
    ("form", "my Xarelto refill came as capsules, they're supposed to be tablets", True),
    ("brand", "the Eliquis carton contained strips of a different brand, never opened them", True),
    ("device", "the Humira pen exploded as I took the cap off, liquid everywhere", True),
    ("device", "the dial on the Ozempic pen didn't click at all when I turned it", True),
    ("device", "my head exploded with the migraine last night", False),
    ("label", "the box label was in a language I couldn't read, bought it online", True),
    ("dutch", "er zat een barst in het glazen patroon van de pen", True),
    ("japanese", "届いたペンから液漏れしていました", True),
    (
        "user_caused",
        "my dog knocked the pen off the table and the case cracked, my own fault",
        False,
    ),
    ("user_caused", "our freezer died overnight and the insulin froze in it", False),
    ("user_caused", "the vial arrived cloudy, kept it cold the whole time so not my fault", True),
    ("opened", "how long can an opened Ozempic pen stay out of the fridge?", False),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("family", "text", "expected"), COMPLAINT)
def test_round15_complaints(rules: DetectorSuite, family: str, text: str, expected: bool) -> None:
    assert _complaint(rules, text) is expected, family
