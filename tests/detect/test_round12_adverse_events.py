"""Round 12 adverse-event mechanisms (rules alone, comment model off): positives and negatives.

Each row names one general mechanism behind a miss or a false flag on the tenth evaluation set,
written for the mechanism (other products, people, languages and wordings), not copied from that
set. ``True`` rows must be flagged as an adverse event, ``False`` rows (the hard negatives next to
them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import is_ae

FLU_POST = "Flu season is here. Have you had your flu shot yet?"
HUMIRA_POST = "Humira is approved for rheumatoid arthritis."


AE: list[tuple[str, str, str | None, bool]] = [
    # lay injury told by what gave way
    (
        "tendon gave way",
        "Two weeks on levofloxacin and my hamstring snapped on the stairs",
        None,
        True,
    ),
    ("tendon fine", "On levofloxacin for a week, my tendons feel fine so far", None, False),
    # tolerance told by the dose it now takes
    ("tolerance", "On tramadol since 2019 and now I need 3 to get any relief", None, True),
    ("dose, no tolerance", "I need to take tramadol with food", None, False),
    # organ harm over years
    ("organ over years", "Ten years of lithium and my kidneys are now stage 4", None, True),
    ("organ took a hit", "Methotrexate for RA, my liver took a hit last spring", None, True),
    # a repeat dose after forgetting the first
    (
        "double dose",
        "Forgot I had my Eliquis at 8 and took another one at noon, should I worry?",
        None,
        True,
    ),
    # short names and other languages for the product or the event
    ("z-pak", "The zpak gave me awful cramps and the runs for a week", None, True),
    ("turkish vaccine", "Grip aşısı oldum ve ertesi gün kolum şişti", FLU_POST, True),
    ("spanish tics", "Mi hija toma Ritalin y ahora tiene tics en los ojos", None, True),
    ("rhabdo", "Simvastatin plus clarithromycin gave my dad rhabdo", None, True),
    # denials and good outcomes with a lead-in or a figure of speech
    (
        "denial lead-in",
        "Two years on Humira, no infections, no injection pain, nothing. Lucky me.",
        HUMIRA_POST,
        False,
    ),
    ("given back", "Humira gave her her dancing back, she performed last week", HUMIRA_POST, False),
    # a device fault, logistics and a warning with no person are not events
    ("device fault", "My Humira pen itself isn't working right, the button sticks", None, False),
    ("logistics", "My address is 4 Elm Road, please send the Humira there", HUMIRA_POST, False),
    (
        "access hold-up",
        "Two weeks without my Humira because of a prior authorization mess",
        HUMIRA_POST,
        False,
    ),
    (
        "warning",
        "Never mix ibuprofen and alcohol, my doctor said it can wreck your stomach",
        None,
        False,
    ),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "post", "expected"), AE, ids=[r[0] for r in AE])
def test_round12_adverse_events(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(rules, text, post) is expected, name
