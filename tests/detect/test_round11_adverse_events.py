"""Round 11 adverse-event mechanisms (rules alone, comment model off): positives and negatives.

Each row names one general mechanism behind a miss or a false flag on the ninth evaluation set,
written for the mechanism with other products, people and wordings (not copied from that set).
``True`` rows must be flagged as an adverse event; ``False`` rows, the hard negatives next to
them, must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import is_ae

SERTRALINE_POST = "Zoloft (sertraline) is approved for depression, OCD and panic disorder."
OZEMPIC_POST = "Once-weekly Ozempic helps adults with type 2 diabetes."
ELIQUIS_POST = "Eliquis lowers the risk of stroke in AFib."
JARDIANCE_POST = "Jardiance is approved for heart failure and type 2 diabetes."


AE: list[tuple[str, str, str | None, bool]] = [
    # short street / pharmacy names outside the catalogue
    ("short name doxy", "took doxy for my acne and now my skin blisters in the sun", None, True),
    ("short name oxy", "was on oxy for my back and ended up addicted to it", None, True),
    ("short name spiro", "spiro made me so dizzy i had to sit on the floor", None, True),
    ("bare insulin", "my insulin sat in a hot car, used it anyway and sugars were 350", None, True),
    # a product named as the cause, though the place sounds like a non-drug subject
    ("cause + meeting", "benadryl makes me so drowsy i fell asleep in class", None, True),
    ("meeting joke", "so boring, i fell asleep in the meeting again lol", SERTRALINE_POST, False),
    # a verdict against is not praise
    ("not recommend", "the copper iud perforated my uterus. would not recommend", None, True),
    # first-person reports in other languages asked as "is this normal?"
    (
        "es question",
        "Empecé el ozempic y tengo diarrea todos los días, ¿es normal?",
        None,
        True,
    ),
    ("es conditional", "¿Puedo usar ozempic si tengo gastritis?", None, False),
    (
        "fr-ca question",
        "Depuis que je prends le Lexapro j'ai des nausées le matin, c'est tu normal?",
        None,
        True,
    ),
    ("pt device + pain", "apliquei o ozempic e fiquei com dor no local a semana toda", None, True),
    ("pt child rash", "meu filho tomou ibuprofeno e ficou cheio de manchas vermelhas", None, True),
    ("tr hair loss", "Zoloft kullanıyorum, saçlarım dökülüyor", None, True),
    # medication errors told plainly
    (
        "dispensing error",
        "the pharmacy gave me 100mg zoloft instead of 50 and i was jittery for days",
        None,
        True,
    ),
    (
        "insulin mix-up",
        "i gave myself novolog instead of my lantus last night, sugar dropped to 45",
        None,
        True,
    ),
    (
        "count, not a strength",
        "mail order gave me 30 tablets instead of 90, now i have to call them",
        ELIQUIS_POST,
        False,
    ),
    (
        "underdose from device",
        "the pen clicked but i didnt get the full dose, sugars 280 since",
        OZEMPIC_POST,
        True,
    ),
    # suicide attempt
    ("suicide attempt", "tried to end it all a month after starting prozac", None, True),
    # misuse of someone else's medicine
    ("relative's pills", "been taking my brothers adderall to pull all nighters", None, True),
    ("pt relative's pen", "tô usando a caneta de ozempic da minha irmã", None, True),
    # an event told about a tagged friend
    (
        "tagged friend weight gain",
        "@kay.m remember the mirtazapine made you gain 25 lbs? post it",
        None,
        True,
    ),
    # jokes, pets and expectations
    ("copay joke", "this deductible is giving me a stroke fr", JARDIANCE_POST, False),
    ("pet name", "my dog is named Xanax because he is so chill and sleepy", None, False),
    ("preference", "i'd take a bit of nausea over daily insulin shots any day", None, False),
    (
        "not started yet",
        "my doctor warned me about the nausea on ozempic but i haven't started it yet",
        None,
        False,
    ),
    ("I'll, not ill", "insurance said no to ozempic so ill never find out", None, False),
    # reply stubs and contact lines carry no event
    ("reply stub", "@dana_r same here!!", SERTRALINE_POST, False),
    (
        "contact line",
        "box arrived crushed. order for Sam Lee, sam.lee@example.com, please contact me",
        OZEMPIC_POST,
        False,
    ),
    # a preventive course told by its purpose
    (
        "prophylaxis purpose",
        "urgent care gave me doxy to take after the tick bite as lyme prevention",
        None,
        False,
    ),
]


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("name", "text", "post", "expected"), AE, ids=[r[0] for r in AE])
def test_round11_adverse_events(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(rules, text, post) is expected, name
