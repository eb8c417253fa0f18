"""Round 13 adverse-event and product-recognition mechanisms (rules alone, comment model off).

Each row names one general mechanism behind a miss or a false flag on the eleventh evaluation set
(regional Englishes, dictated text, regional brand names), written for the mechanism with other
products, people and wordings, not copied from that set. ``True`` rows must be flagged as an
adverse event, ``False`` rows (the hard negatives next to them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.detect.catalog import load_catalog
from moderator.detect.products import ProductFinder
from moderator.detect.text import Prepared
from tests.detect.kinds import is_ae

OZEMPIC_POST = "Once-weekly Ozempic can help adults with type 2 diabetes lower their blood sugar."
STATIN_POST = "September is Cholesterol Education Month. Know your numbers."


@pytest.fixture(scope="module")
def finder() -> ProductFinder:
    return ProductFinder(load_catalog(), use_dictionary=False)


AE: list[tuple[str, str, str | None, bool]] = [
    # dictated brands split into words, and dictated punctuation
    ("dictated brand", "been on zoe loft a month and I get the shakes every afternoon", None, True),
    ("dictated brand 2", "jar diane's gave me thrush twice since spring", None, True),
    (
        "dictated question mark",
        "my GP said take my lecks a pro in the morning but it gives me awful headaches question"
        " mark is that normal",
        None,
        True,
    ),
    # regional brand names the drug dictionary lacks
    ("regional brand", "Microgynon gave me migraines with aura, had to come off it", None, True),
    ("regional brand 2", "Utrogestan leaves me so dizzy I sway in the shower", None, True),
    ("regional brand benign", "Got my Microgynon repeat sorted at the chemist today", None, False),
    # Commonwealth spellings of clinical events
    ("uk spelling", "After a fall on apixaban I had a haematoma the size of a fist", None, True),
    (
        "lab event",
        "my dad's sodium dropped, hyponatraemia from the citalopram, kept in 3 days",
        None,
        True,
    ),
    # dialect inability told with "cain't hardly"
    ("dialect", "Crestor 20. Cain't hardly climb stairs for the ache in my thighs", None, True),
    ("purpose kept", "I take Crestor for the cholesterol my daddy passed on", None, False),
    # an event that made the writer stop the medicine
    ("stopped after", "Came off glipizide after the second bad hypo at the wheel", None, True),
    ("started after", "Started bisoprolol after my heart attack last year", None, False),
    # negation does not reach a new clause with a new subject
    (
        "new clause",
        "Didn't check the needle and it bled everywhere when I injected",
        OZEMPIC_POST,
        True,
    ),
    ("negated", "Checked the needle first and it didn't bleed at all", OZEMPIC_POST, False),
    # weight lost by a child is the event, not the benefit
    ("child weight", "My daughter is 7 and lost 2kg on it since September", None, False),
    (
        "child weight on drug",
        "My daughter's appetite is gone on Ritalin, she's 7 and lost 2kg since September",
        None,
        True,
    ),
    # lack of effect told by readings that will not move
    (
        "readings stuck",
        "sugars still sitting at 260 after three months on the 1mg",
        OZEMPIC_POST,
        True,
    ),
    ("readings fine", "sugars sitting at 6.1 most mornings now", OZEMPIC_POST, False),
    # Spanish and Turkish lay events
    ("spanish sores", "A mi hijo le salieron llagas en la boca con el Humira", None, True),
    ("turkish", "Concerta kullanmaya başladığımdan beri uyuyamıyorum", None, True),
    # hard negatives: numbers that improved, requests, contact lines, shares, logistics, purpose
    (
        "numbers improved",
        "My wife's A1c came down from 8.4 to 6.9 on Ozempic!",
        OZEMPIC_POST,
        False,
    ),
    (
        "numbers fine",
        "Just had bloods done: LDL 2.4. Doc's happy, no statin needed",
        STATIN_POST,
        False,
    ),
    (
        "request for advice",
        "Kindly advise whether Ozempic can be taken with liver disease. My ALT is high",
        OZEMPIC_POST,
        False,
    ),
    (
        "contact line",
        "Please help my aunty, she is on Ozempic for diabetes. Her number is 0802 555 0101",
        OZEMPIC_POST,
        False,
    ),
    ("share note", "Shared this with my cousins' group chat 👍", OZEMPIC_POST, False),
    (
        "delivery fault",
        "My Ozempic pens came warm. The courier left the parcel in the sun all afternoon",
        None,
        False,
    ),
    (
        "purpose",
        "Type 1 here, using Ozempic with my insulin to cut down my mealtime doses",
        None,
        False,
    ),
    (
        "before it existed",
        "If I ever needed it I'd try this, my nan had her stroke before these existed",
        None,
        False,
    ),
    ("german denial", "Nehme es seit 2 Jahren, keinerlei Nebenwirkungen.", STATIN_POST, False),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "post", "expected"), AE, ids=[r[0] for r in AE])
def test_round13_adverse_events(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(rules, text, post) is expected, name


SPOKEN: list[tuple[str, str | None]] = [
    ("I'm on zoe loft now", "Zoloft"),
    ("my lecks a pro dose", "Lexapro"),
    ("Jar Diane's again", "Jardiance"),
    # everyday phrases near a brand's sound stay words
    ("cereal in the morning", None),
    ("so loft apartments", None),
    ("the jar on the shelf", None),
]


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("text", "expected"), SPOKEN, ids=[r[0] for r in SPOKEN])
def test_round13_dictated_brands(finder: ProductFinder, text: str, expected: str | None) -> None:
    names = [m.name for m in finder.find(Prepared(text))]
    assert (names[:1] or [None])[0] == expected
