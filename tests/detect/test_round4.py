"""Round 4 mechanisms: each table has positives and hard negatives the mechanism must not catch.

Phrasings here are written for the mechanism, not copied from an evaluation set.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


@pytest.fixture(scope="module")
def suite() -> DetectorSuite:
    return DetectorSuite()


def kinds(suite: DetectorSuite, text: str, post: str | None = None) -> set[str]:
    return {f.kind for f in suite.analyze(AnalysisInput("t", text, post)).flags}


ZOLOFT_POST = "Share your experience with Zoloft"

# Contractions typed without an apostrophe ("isnt", "hasnt", "wasnt", "couldnt").
APOSTROPHE_FREE = [
    ("Zoloft isnt working anymore, same low mood every day", True),
    ("zoloft hasnt touched my anxiety in 2 months", True),
    ("2 months in and zoloft wasnt doing much for me", True),
    ("I havent had a single side effect on Zoloft", False),
    ("zoloft doesnt make me sleepy at all, love it", False),
]
# The drug did something to a body part, with any verb ("blurred my vision").
DRUG_VERB_BODY = [
    ("Zoloft blurred my vision for weeks", True),
    ("the pills dried out my skin so badly", True),
    ("zoloft wrecked my sleep, I wake up every night at 3am", True),
    ("Zoloft upset my stomach the first week", True),
    ("zoloft turned my mood around, I feel like me again", False),
    ("Zoloft cleared my head and I'm so much calmer", False),
]
# The experience told *before* a trailing anchor ("... since starting it").
TRAILING_ANCHOR = [
    ("my son barely eats anything since starting it", True),
    ("I sweat through my sheets every night ever since my second dose", True),
    ("I cry at everything since I started taking it", True),
    ("I've been so much happier since starting it", False),
    ("I was diagnosed with depression since starting college", False),
]
# Pain (or another sensation) *in* a body part.
PAIN_IN_BODY = [
    ("on zoloft 3 months and I have pain in both knees", True),
    ("she gets cramps in her calves at night since the first dose", True),
    ("zoloft for the burning nerve pain in my feet, it helps", False),
]
# Lack of effect without the word "work".
NO_EFFECT = [
    ("3 months on zoloft and literally nothing happened", True),
    ("might as well be taking tic tacs, zoloft does zilch", True),
    ("back to square one after a year on zoloft", True),
    ("I think I'm a non responder to zoloft", True),
]
# Overdose and repeated doses told as events.
OVERDOSE = [
    ("I tried to take all my zoloft at once last winter", True),
    ("grandpa took his zoloft 3 times yesterday because he forgot", True),
    ("I take zoloft 2 times a day as prescribed", False),
]
# Things that are not events about a person on the product.
NOT_AN_EVENT = [
    ("$300 a month for zoloft, shameful", False),
    ("zoloft zoloft zoloft 🎶 cant get it out of my head", False),
    ("Everyone online says zoloft makes you sick", False),
    ("People who complain about side effects should try untreated depression", False),
    ("My friend's doctor gave her zoloft for that", False),
    ("the pollen is destroying my sinuses, spring can leave", False),
    ("zero problems on zoloft for a year, walking daily now", False),
    ("I'm 20 weeks pregnant and my OB wants me on zoloft, is it covered?", False),
    ("I'm 20 weeks pregnant and have been taking zoloft the whole time", True),
]


@pytest.mark.parametrize(
    ("text", "is_ae"),
    APOSTROPHE_FREE
    + DRUG_VERB_BODY
    + TRAILING_ANCHOR
    + PAIN_IN_BODY
    + NO_EFFECT
    + OVERDOSE
    + NOT_AN_EVENT,
)
def test_adverse_event_mechanisms(suite: DetectorSuite, text: str, is_ae: bool) -> None:
    assert ("adverse_event" in kinds(suite, text, ZOLOFT_POST)) is is_ae


# Off-label: conditions by wider vocabulary, by disease-word shape, qualified conditions, the
# purpose owner in a two-product sentence, non-catalogue labels, ages with "a", microdosing.
OFF_LABEL = [
    ("Xarelto for my superficial thrombophlebitis?", True),
    ("my doctor put me on Eliquis for costochondritis", True),
    ("Cymbalta para la gastritis, funciona?", True),
    ("Lexapro para la fibromialgia", True),
    ("Humira for my treatment resistant depression", True),
    ("took ivermectin for covid last year", True),
    ("trazodone just for sleep, 50mg at bedtime", True),
    ("spironolactone for hormonal acne works for me", True),
    ("Ozempic microdosing for inflammation", True),
    ("Is Lexapro ok for a 9 year old with depression?", True),
    ("Adderall for a 2 and a half year old?", True),
    ("Dupixent for my eczema, skin is clear", False),
    ("Lexapro for my depression and it helps", False),
    ("Adderall has helped my ADHD, my psych added it to my lexapro", False),
    ("I'm terrified to start Humira because of the cancer warning", False),
    ("Lipitor cramps, had to stand on the cold bathroom floor", False),
    ("Is Jardiance better for someone with heart failure?", False),
    ("propranolol for my blood pressure", False),
]


@pytest.mark.parametrize(("text", "off"), OFF_LABEL)
def test_off_label_mechanisms(suite: DetectorSuite, text: str, off: bool) -> None:
    assert ("off_label" in kinds(suite, text)) is off


@pytest.mark.parametrize(
    "text",
    [
        "Zoloft " + "blurred my " * 3000,
        "since starting it " + "and " * 5000,
        "Xarelto for " + "superficial " * 3000 + "itis",
        "a " + "1 and a half " * 2000 + "year old",
    ],
)
@pytest.mark.timeout(60)  # a hang guard (catastrophic backtracking), not a speed claim
def test_round4_patterns_bounded_on_hostile_input(suite: DetectorSuite, text: str) -> None:
    a = suite.analyze(AnalysisInput("h", text, ZOLOFT_POST))
    assert a.id == "h"
    for flag in a.flags:
        assert all(text[e.start : e.end] == e.text for e in flag.evidence)
