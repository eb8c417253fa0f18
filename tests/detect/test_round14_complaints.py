"""Round 14 product-complaint mechanisms (rules alone): positives and the hard negatives next to
them.

Each row names one general family behind a miss or a false flag on the thirteenth evaluation set
(needle shields that do not slide back, pens that stop half way, coatings that peel, a colour
shade unlike the usual one, a label over tablets stamped with another strength, packs without
their instructions or already opened in the comment languages, print too small to tell two
strengths apart; and, as false flags, a head cracked in a fall, a medicine "since it came out",
and the thing a part is compared with). ``True`` rows must be flagged ``product_complaint``,
``False`` rows must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _complaint(suite: DetectorSuite, text: str) -> bool:
    flags = suite.analyze(AnalysisInput("t", text)).flags
    return any(f.kind == "product_complaint" for f in flags)


COMPLAINT: list[tuple[str, str, bool]] = [
    # a needle or its shield that did not slide back after the dose
    ("shield", "after the Enbrel shot the needle wouldn't slide back into the pen", True),
    ("shield", "the orange guard on my Taltz pen never snapped down over the needle", True),
    ("shield", "the Trulicity needle didn't retract and I poked my thumb on it", True),
    ("shield", "my blood sugar never went back down after the shot", False),
    # a pen that went only part of the way
    ("half_way", "my Aimovig pen clicked one time and then nothing, the plunger stayed put", True),
    ("half_way", "the grey stopper in the Emgality pen only moved about half way", True),
    ("half_way", "I'm only half way through the box of Ozempic pens and feel great", False),
    # a coating that comes away
    ("peeling", "the film coating on these metformin tablets is flaking off at the edges", True),
    ("peeling", "half the Eliquis tablets have the coating peeled back like a sunburn", True),
    ("peeling", "since starting the Accutane capsules my lips are peeling constantly", False),
    ("peeling", "my skin has been flaky ever since I began this pill", False),
    # a colour shade unlike the usual one
    ("shade", "this refill of Synthroid is a paler blue than usual", True),
    ("shade", "my Lexapro tablets are normally white but this bottle they are grey", True),
    ("shade", "the Brilinta came a funny yellow this time", True),
    ("shade", "my pee turned a darker yellow once I started the Jardiance", False),
    ("shade", "I take a white pill for pressure and a yellow pill for sugar", False),
    ("shade", "she takes a different white tablet for her thyroid", False),
    # a label that says one strength over tablets stamped with another
    ("mismatch", "the Coumadin box said 5 mg but the tablets were stamped 2", True),
    ("mismatch", "bottle reads metoprolol 25 but what's inside is printed 50", True),
    ("mismatch", "my doctor said 5 mg but the pharmacist said take two", False),
    # a pack without its instructions
    ("instructions", "the Eliquis carton did not include the patient leaflet this time", True),
    ("instructions", "our Humira pens didn't come with the instruction sheet", True),
    ("instructions", "I didn't have the instructions from my doctor so I guessed the dose", False),
    ("instructions", "mancava il bugiardino nella scatola dello Xarelto", True),
    # a pack already open, in the comment languages
    ("opened", "la scatola del Brilique era già aperta quando l'ho presa", True),
    ("opened", "la caja de Jardiance estaba ya abierta y faltaban pastillas", True),
    ("opened", "the Lipitor box was already opened when the pharmacist handed it over", True),
    ("opened", "la farmacia era aperta fino alle dieci, ho preso lo Xarelto", False),
    # print too small to tell strengths apart
    (
        "legibility",
        "Toujeo box lettering so faint I can't tell the 100 from 300",
        True,
    ),
    ("legibility", "the two Lyrica strengths look nearly identical on the shelf", True),
    ("legibility", "the print on the coupon is too small but the Eliquis works fine", False),
    # false flags: bodies in falls, a medicine on the market, a comparison
    ("not_defect", "grandpa took his Flomax, got dizzy and cracked his head on the sink", False),
    ("not_defect", "been on Synthroid since it first came out in the 90s", False),
    ("not_defect", "my weekly pill box is bigger than my sewing box these days", False),
    ("not_defect", "the new Ozempic box is bigger than the old box and it came crushed", True),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("family", "text", "expected"), COMPLAINT)
def test_round14_complaints(rules: DetectorSuite, family: str, text: str, expected: bool) -> None:
    assert _complaint(rules, text) is expected, (family, text)
