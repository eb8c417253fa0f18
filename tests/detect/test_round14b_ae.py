"""Round 14b adverse-event mechanisms (rules alone, comment model off).

Each row names one general mechanism behind a miss or a false flag on the thirteenth evaluation
set (older adults and their families): the reason a medicine was started told as a condition,
lay idioms for organ failure and suicide attempts, pregnancy told as "expecting", gates that
dropped real events (a thank-you to staff, a counterfactual complaint, Spanish "no sabía") and
false events (fewer nightmares, a peeling tablet coating, a bereavement used as a time mark).
Rows are written with other products, people and wordings. ``True`` rows must be flagged as an
adverse event, ``False`` rows (the hard negatives next to them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import is_ae

ANTICOAG_POST = "Living with AFib? ELIQUIS helps lower the risk of stroke."
DEPRESSION_POST = "Depression is not a normal part of ageing. Ask about ZOLOFT."


CASES: list[tuple[str, str, str | None, bool]] = [
    # 1. The condition is why the prescription was started: the indication, not an event.
    (
        "condition then prescriber starts it",
        "My aunt had a mini stroke last fall and the neurologist put her on Plavix.",
        None,
        False,
    ),
    (
        "condition with a relative clause naming the start",
        "Grandpa has bad swelling in his ankles, so his cardiologist started him on Lasix.",
        None,
        False,
    ),
    (
        "sign after the start is an event",
        "My mother started bruising all over after they put her on Plavix.",
        None,
        True,
    ),
    (
        "sign within a week of the start is an event",
        "My feet swelled up within a week when the doctor put me on amlodipine.",
        None,
        True,
    ),
    (
        "sign on another drug before a new start stays an event",
        "I got terrible swelling on amlodipine so the doctor put me on Lasix.",
        None,
        True,
    ),
    # 2. Events told by lay idiom.
    (
        "suicide attempt in lay words",
        "They doubled her Effexor and two weeks later she tried to take her own life.",
        None,
        True,
    ),
    (
        "organ failure idiom",
        "Dad was on lithium for decades and now his kidneys are shot.",
        None,
        True,
    ),
    (
        "lab numbers down the drain",
        "My kidney numbers went down the drain after a month of Celebrex.",
        None,
        True,
    ),
    (
        "gut gone haywire",
        "When I started the Jardiance my stomach went haywire for weeks.",
        None,
        True,
    ),
    (
        "pregnancy told as expecting",
        "My niece kept taking Zoloft the whole time she was expecting, baby is healthy.",
        None,
        True,
    ),
    (
        "appetite loss told by the plate",
        "Since the Adderall my son barely touches his dinner.",
        None,
        True,
    ),
    # 3. Gates that dropped real events.
    (
        "thank-you to staff that tells an onset",
        "Thank you to the nurses who saw my dad was bleeding from his nose after they started "
        "him on Xarelto.",
        None,
        True,
    ),
    (
        "plain praise of staff",
        "Thank you to the nurses at the clinic, they explained Xarelto so well.",
        None,
        False,
    ),
    (
        "counterfactual complaint",
        "I'd like my walks more if this pill didn't make me so dizzy.",
        ANTICOAG_POST,
        True,
    ),
    (
        "plain denial stays a denial",
        "This pill doesn't make me dizzy at all.",
        ANTICOAG_POST,
        False,
    ),
    (
        "spanish no sabía does not negate",
        "Me puse la inyección de Ozempic porque no sabía y me salió una roncha en la panza.",
        None,
        True,
    ),
    # 4. False events.
    (
        "fewer nightmares is the medicine working",
        "Zoloft for ten years now, I sleep better and have fewer nightmares.",
        None,
        False,
    ),
    (
        "tablet coating peeling",
        "The coating on my Xarelto is peeling off in little flakes.",
        None,
        False,
    ),
    (
        "skin peeling stays an event",
        "Since Xarelto my skin is peeling on my hands.",
        None,
        True,
    ),
    (
        "bereavement as a time mark",
        "I'll pass this on to my neighbour who has been low since her husband died.",
        DEPRESSION_POST,
        False,
    ),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "post", "expected"), CASES, ids=[c[0] for c in CASES])
def test_round14b_ae(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(rules, text, post) is expected, name
