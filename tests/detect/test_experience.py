"""Table tests for round-3 AE mechanisms: experience shapes, broad lexicon, other languages and
the false-alarm controls. Sentences are new (not copied from any evaluation set), so they check
that each mechanism generalises rather than that one comment was memorised."""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite, experience
from moderator.models import AnalysisInput

pytestmark = pytest.mark.timeout(60)

POST = "Ask us anything about Lexapro (escitalopram)"


@pytest.fixture(scope="module")
def suite() -> DetectorSuite:
    return DetectorSuite()


def is_ae(suite: DetectorSuite, text: str, post: str | None = POST) -> bool:
    a = suite.analyze(AnalysisInput("x", text, post))
    return any(f.kind == "adverse_event" for f in a.flags)


# Causal / temporal anchors on a product: the symptom word need not be listed anywhere.
CAUSAL_POSITIVE = [
    "lexapro makes me clench so hard my molars crack",
    "this stuff gave me the weirdest hiccups that last hours",
    "since starting it my ears feel full and crackly all the time",
    "ever since the second shot my knees ache when it rains",
    "after my first dose my pee turned a weird orange",
    "on lexapro for 3 weeks and now i can't stop yawning",
    "started escitalopram in june and now my periods are all over the place",
    "6 weeks in and my jaw is killing me",
    "the lexapro yawns are real, i yawn like 50 times a day",
    "it made my husband so mean we barely talk now",
]
CAUSAL_NEGATIVE = [
    "lexapro made me feel like myself again",
    "since starting it my headaches are so much better",
    "on lexapro for 3 weeks and now i finally sleep through the night",
    "it never made me sick at all",
    "after my first dose i felt totally fine",
    "this video made me laugh so hard lol",
    "this post gave me a headache lol too much fine print",
]


@pytest.mark.parametrize("text", CAUSAL_POSITIVE)
def test_causal_anchor_positive(suite: DetectorSuite, text: str) -> None:
    assert is_ae(suite, text)


@pytest.mark.parametrize("text", CAUSAL_NEGATIVE)
def test_causal_anchor_hard_negative(suite: DetectorSuite, text: str) -> None:
    assert not is_ae(suite, text)


# Broad lay vocabulary by body system, body part + problem, other languages.
LEXICON_POSITIVE = [
    "lexapro and my gums bleed every time i brush",  # bleeding
    "on lexapro, so backed up i haven't gone in 5 days",  # GI
    "my ankles swelled up like balloons on this",  # body part + problem
    "my scalp is so itchy since the dose went up",  # skin
    "i'm losing so much hair on this med",  # hair
    "i'm on it and i wake up drenched in night sweats",  # sleep / sweat
    "lexapro: everything tastes like metal",  # taste
    "on this med and my vision went blurry for a day",  # vision
    "i take lexapro and i've been getting charley horses every night",  # pain
    "desde que tomo lexapro tengo mareos todo el día",  # es
    "depuis que je prends lexapro j'ai des cauchemars",  # fr
    "seit ich Lexapro nehme habe ich Kopfschmerzen",  # de
    "da quando prendo lexapro ho sempre mal di testa",  # it
    "desde que comecei lexapro fico enjoada",  # pt
]


@pytest.mark.parametrize("text", LEXICON_POSITIVE)
def test_broad_lexicon_positive(suite: DetectorSuite, text: str) -> None:
    assert is_ae(suite, text)


# Lack of effect, overdose / error, death, hospital, infection.
SPECIAL_POSITIVE = [
    "3 months on lexapro and i feel exactly the same as before",
    "my LDL went from 130 to 162 on this statin",
    "still just as bad as before, 10 weeks at 20mg",
    "my toddler swallowed a few of my lexapro and we called poison control",
    "the pharmacy gave me the wrong strength and i took it for a week",
    "my brother passed away after a bleed while on his blood thinner",
    "after the lexapro increase she was admitted to the psych unit",
    "caught pneumonia twice since starting this injection",
]


@pytest.mark.parametrize("text", SPECIAL_POSITIVE)
def test_special_forms_positive(suite: DetectorSuite, text: str) -> None:
    assert is_ae(suite, text)


# False-alarm controls: no medicine, denial in any form, anticipation, benefit, praise, service.
CONTROL_NEGATIVE = [
    ("got a migraine from staring at spreadsheets all day", None),
    ("the dizziness people warned me about never happened to me", POST),
    ("three months in and zero nausea", POST),
    ("no stomach issues at all, down 12 lbs", POST),
    ("my pharmacist said insomnia is common so i'm watching out for it", POST),
    ("first dose today, feel totally normal so far", POST),
    ("lexapro cleared my brain fog from the depression, grateful", POST),
    ("shoutout to the nurse who saved my dad's life when he had a stroke", POST),
    ("the customer service line kept me on hold for an hour then hung up", POST),
    ("the school drop-off line was a nightmare today", POST),
    ("need my yellow fever shot before the trip, ok with lexapro?", POST),
]


@pytest.mark.parametrize(("text", "post"), CONTROL_NEGATIVE)
def test_false_alarm_controls(suite: DetectorSuite, text: str, post: str | None) -> None:
    assert not is_ae(suite, text, post)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my A1c went from 7.1 to 7.9", True),
        ("my A1c went from 8.2 to 6.9", False),
        ("I feel exactly the same", True),
        ("I feel so much better", False),
    ],
)
def test_no_effect_helper(text: str, expected: bool) -> None:
    assert (experience.no_effect(text.lower()) is not None) is expected


@pytest.mark.parametrize(
    ("text", "clause_found"),
    [
        ("§§§§ gave me awful hiccups", True),
        ("since starting it i yawn nonstop", True),
        ("3 weeks in and my jaw aches", True),
        ("i bought it at the store", False),
    ],
)
def test_causal_clauses_helper(text: str, clause_found: bool) -> None:
    assert bool(experience.causal_clauses(text)) is clause_found


def test_masked_keeps_offsets() -> None:
    text = "zoloft gave me hives"
    out = experience.masked(text, ["zoloft"])
    assert len(out) == len(text) and out.startswith("§§§§§§ ")


@pytest.mark.parametrize(
    "text",
    [
        "since starting " + "it " * 5000 + "and now",
        "my " + "face " * 5000 + "got",
        "gave me " * 3000,
        "(" * 10000 + "lexapro made me",
        "took 1 of my " * 2000,
    ],
)
@pytest.mark.timeout(60)  # a hang guard (catastrophic backtracking), not a speed claim
def test_experience_patterns_are_bounded(suite: DetectorSuite, text: str) -> None:
    a = suite.analyze(AnalysisInput("x", text, POST))
    for flag in a.flags:
        assert all(text[e.start : e.end] == e.text for e in flag.evidence)
