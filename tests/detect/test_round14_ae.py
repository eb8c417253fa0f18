"""Round 14 adverse-event mechanisms (rules alone, comment model off).

Each row names one general mechanism behind a miss or a false flag on the twelfth evaluation set
(older adults and their families: non-English family reports, questions that mention an event in
passing, complaint stories, spam), written with other products, people and wordings, not copied
from that set. ``True`` rows must be flagged as an adverse event, ``False`` rows (the hard
negatives next to them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import is_ae

ANTICOAG_POST = "Living with AFib? ELIQUIS helps lower the risk of stroke."
DIABETES_POST = "Once-weekly Ozempic can help adults with type 2 diabetes lower their blood sugar."


CASES: list[tuple[str, str, str | None, bool]] = [
    # Non-English family reports: core signs told plainly in el, tl, vi, pl, es, it, pt.
    (
        "greek cough and fever",
        "Ο πατέρας μου κάνει humira και έχει πυρετό και βήχα δύο εβδομάδες.",
        None,
        True,
    ),
    ("tagalog bruise", "Si lolo naka xarelto, may pasa sa braso niya na malaki.", None, True),
    (
        "tagalog no sleep no appetite",
        "Ang anak ko naka adderall, hindi makatulog at pumayat siya.",
        None,
        True,
    ),
    ("vietnamese vomiting", "Mẹ tôi chích ozempic, ói nhiều và chóng mặt.", None, True),
    ("polish shingles", "Po roku na xeljanz dostałem półpaśca na brzuchu.", None, True),
    ("spanish nosebleed", "Mi papá toma eliquis y le salió sangre de la nariz ayer.", None, True),
    ("italian dry mouth", "Mio padre prende lo zoloft e ora ha la bocca secca.", None, True),
    ("portuguese head zaps", "Parei o effexor e tive choques na cabeça.", None, True),
    ("spanish no event", "Mi mamá toma eliquis desde hace un año y está muy bien.", None, False),
    # An event mentioned in passing while asking about timing: the asker is a user.
    (
        "duration then event then timing question",
        "Cymbalta 60 for three weeks now and I'm dizzy every morning. Should I take it at night?",
        None,
        True,
    ),
    (
        "use question about a condition",
        "Would cymbalta help my knees? Arthritis pain for 15 years.",
        None,
        False,
    ),
    # Complaint stories: the vague sentences around a defect are not an event...
    (
        "short count story",
        "My jardiance bottle had 80 tablets not 90. I counted them twice with my wife.",
        None,
        False,
    ),
    # ...unless the device hurt someone or the glucose went wrong.
    (
        "needle broke in skin",
        "The ozempic needle broke off in my belly, had to pull it out myself. Lot AB123.",
        None,
        True,
    ),
    (
        "frozen pen then sugars crazy",
        "My insulin pen froze in the fridge and after using it my sugars were crazy for days.",
        DIABETES_POST,
        True,
    ),
    # Spam under a post is not an event.
    ("spam", "Earn $300 a day from home!! Inbox me now", DIABETES_POST, False),
    # Still able to do what they love: a good outcome, not an event.
    (
        "still walking",
        "On eliquis since the valve surgery and I still walk 3 miles with my neighbour.",
        ANTICOAG_POST,
        False,
    ),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "post", "expected"), CASES, ids=[c[0] for c in CASES])
def test_round14_adverse_events(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(rules, text, post) is expected, name
