"""Round 12 product-complaint mechanisms (rules alone): positives and the hard negatives next to
them.

Each row names one general family behind a miss or a false flag on the tenth evaluation set
(devices that under-deliver, weak inhaler puffs, packs printed wrong or impossible to open, part
words that name something else, wishes for another design), written for the family with other
products, languages and wordings. ``True`` rows must be flagged ``product_complaint``, ``False``
rows must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _complaint(suite: DetectorSuite, text: str) -> bool:
    flags = suite.analyze(AnalysisInput("t", text)).flags
    return any(f.kind == "product_complaint" for f in flags)


COMPLAINT: list[tuple[str, str, bool]] = [
    # a pen that under-delivers: doses coming up short, "isn't working right"
    ("under_delivery", "my Humalog pen comes up 3 units short every single time", True),
    ("under_delivery", "Toujeo pens from this box keep giving short doses, I checked twice", True),
    ("under_delivery", "the diabetes nurse said the injector itself is not working", True),
    ("under_delivery", "second Ozempic pen this month and the dial isn't working properly", True),
    ("under_delivery", "la pluma de insulina no funciona bien desde ayer", True),
    ("under_delivery", "I'm 10 units short of my insulin this month because of insurance", False),
    ("under_delivery", "my insulin isn't working as well since summer, A1c went up", False),
    # a count of doses that ran out early
    ("ran_dry", "the Symbicort counter said 60 but it ran dry at 41", True),
    ("ran_dry", "Victoza pen says 15 doses, it went empty after 11 😤", True),
    ("ran_dry", "my inhaler ran dry after only 80 puffs", True),
    ("ran_dry", "el inhalador dice 120 dosis pero se vació después de 90", True),
    ("ran_dry", "le stylo affiche 4 doses mais il était vide après 3", True),
    ("ran_dry", "ran out of my pills after 3 weeks because I took extra", False),
    # weak puffs and sprays
    ("weak_spray", "new Ventolin inhaler barely sprays anything, tried priming it twice", True),
    ("weak_spray", "the nasal spray gives a weak little mist, nothing like the last bottle", True),
    ("weak_spray", "mi inhalador nuevo apenas sale nada cuando lo aprieto", True),
    ("weak_spray", "my legs are weak and I can barely walk since the new dose", False),
    ("weak_spray", "my son barely eats since starting the Vyvanse", False),
    # incomplete delivery: plunger or window
    ("incomplete", "the grey plunger never went all the way down on my Taltz pen", True),
    ("incomplete", "after the click the window stayed half yellow, lot 7AB21", True),
    ("incomplete", "there was still liquid left in the syringe after it clicked twice", True),
    ("incomplete", "did the plunger go all the way down? how do I check?", False),
    # packs printed wrong or impossible to open
    ("printing", "the calendar pack is printed wrong, Monday shows up twice", True),
    ("printing", "days on the blister don't match, there is no Sunday at all", True),
    ("printing", "la caja venía mal impresa, no se lee la dosis", True),
    ("printing", "I printed the savings card wrong, can you email it again?", False),
    ("cannot_open", "these new foil blisters are impossible to open without scissors", True),
    ("cannot_open", "el blíster es imposible de abrir, tuve que usar un cuchillo", True),
    ("cannot_open", "the jar was hard to open before I started Humira, now easy", False),
    # part words that name something else, and wishes for another design
    ("not_a_part", "Lyrica for nerve pain (off label) made me so wobbly I tripped twice", False),
    ("not_a_part", "dizzy on Entresto, grabbed the kitchen counter so I didn't go down", False),
    (
        "not_a_part",
        "bought the generic over the counter and it was damaged? no, just kidding",
        False,
    ),
    ("not_a_part", "the dose counter on my Flovent didn't go down after a puff", True),
    ("person", "when I came off Cymbalta the cap of my head felt like it was buzzing", False),
    ("person", "I didn't push for the Prozac pen, the doctor chose tablets", False),
    ("wish", "wish the Dupixent pen came in a smaller size for children", False),
    ("wish", "they should make the Mounjaro needle thinner for us needle-phobes", False),
    ("wish", "the new Mounjaro pens are smaller and the needle came bent", True),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("family", "text", "expected"), COMPLAINT)
def test_round12_complaints(rules: DetectorSuite, family: str, text: str, expected: bool) -> None:
    assert _complaint(rules, text) is expected, (family, text)
