"""Round 11 off-label and medical-inquiry mechanisms (rules alone): positives and hard negatives.

Each row names one general mechanism behind a miss or a false flag on the ninth evaluation set,
written for the mechanism in other words, products, people and languages (not copied from that
set). ``True`` rows must carry the flag, ``False`` rows (the hard negatives next to them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import flag_kinds

ELIQUIS_POST = "Eliquis treats DVT and PE and lowers stroke risk in AFib."
XARELTO_POST = "Xarelto lowers the risk of stroke in AFib."
OZEMPIC_POST = "Once-weekly Ozempic helps adults with type 2 diabetes."
LIPITOR_POST = "Know your cholesterol numbers. Ask about Lipitor."


OFF_LABEL: list[tuple[str, str, str | None, bool]] = [
    # someone else's prescription taken by the writer for a purpose outside the label
    ("borrowed-stimulant", "been popping my bf's vyvanse to get my thesis done", None, True),
    (
        "borrowed-giver",
        "my flatmate hands me a couple of her adderall before deadlines",
        None,
        True,
    ),
    ("borrowed-glp1", "took a few of my sister's ozempic pens to drop weight for prom", None, True),
    # a question about it stays an inquiry only (round 7 tests; see the round-11 report)
    ("borrowed-question", "can I try my brother's adderall to study tonight?", None, False),
    # hard negatives: approved purpose, a mix-up, carrying it, the relative is the user
    ("borrowed-approved", "I use my dad's Lipitor since my LDL came back high", None, False),
    ("mix-up", "took my wife's lipitor instead of my own pill, bottles look the same", None, False),
    ("carried", "I take my son's adderall to the school nurse every monday", None, False),
    ("relative-user", "my husband takes his adderall every morning before work", None, False),
    # stroke prevention with the required condition explicitly absent
    (
        "stroke-no-af",
        "should my dad take xarelto to prevent a stroke if he has no afib?",
        None,
        True,
    ),
    ("stroke-with-af", "my dad takes xarelto to prevent a stroke because of his afib", None, False),
    # clot prevention for a flight or an operation other than hip or knee replacement
    (
        "travel",
        "can I take a few eliquis to prevent clots on my long flight to Sydney?",
        None,
        True,
    ),
    ("travel-es", "¿puedo tomar xarelto para prevenir trombosis en un vuelo largo?", None, True),
    (
        "surgery",
        "my surgeon put me on xarelto after my hernia operation as a precaution",
        None,
        True,
    ),
    (
        "surgery-knee",
        "they put me on xarelto after my knee replacement as a precaution",
        None,
        False,
    ),
    ("travel-af", "on eliquis for my afib, flying next week, how do I prevent clots?", None, False),
    (
        "travel-no-cue",
        "flying to Rome next week, can I bring my eliquis in my carry-on?",
        None,
        False,
    ),
    # purposes named in other languages
    ("migraine-pt", "meu médico receitou cymbalta para enxaqueca", None, True),
    ("food-allergy-fr", "est-ce que le dupixent marche pour l'allergie aux arachides?", None, True),
    ("allergy-on-label", "Dupixent for my chronic hives has been great", None, False),
    # a device named after another medicine does not take the purpose ("insulin pump")
    ("device-not-drug", "my endo added jardiance to my insulin pump for my type 1", None, True),
]


@pytest.mark.parametrize(("name", "text", "post", "expected"), OFF_LABEL, ids=lambda v: str(v))
def test_round11_off_label(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("off_label" in flag_kinds(rules, text, post)) is expected, name


def test_borrowed_supply_is_also_misuse(rules: DetectorSuite) -> None:
    """Non-prescribed use told as a statement is off-label and misuse (an AE record)."""
    kinds = flag_kinds(rules, "been popping my bf's vyvanse to get my thesis done", None)
    assert {"off_label", "adverse_event"} <= kinds


INQUIRY: list[tuple[str, str, str | None, bool]] = [
    # splitting, opening and crushing doses
    ("split", "is it ok to snap a 40mg crestor in two", None, True),
    ("halve", "can I cut my xarelto in half?", None, True),
    ("sprinkle", "can the lexapro tablet be crushed into yogurt?", None, True),
    # comparisons
    ("compare", "eliquis or xarelto, which one is better for an 80 year old?", None, True),
    (
        "compare-unmarked",
        "whats the difference between ozempic and mounjaro for type 2",
        None,
        True,
    ),
    # whether an effect passes, after the event
    (
        "passes",
        "week 2 on ozempic and so nauseous, does it settle or is it permanent??",
        None,
        True,
    ),
    ("passes-unmarked", "started lexapro, dizzy all day 😵 does it go away", None, True),
    # other languages
    ("it", "qualcuno sa se il Dupixent funziona per la dermatite?", None, True),
    ("es", "¿el xarelto sirve si tengo trombosis?", None, True),
    # hard negatives: peer questions in other languages, dropped-subject statements, defects,
    # rhetorical waiting, replies to another commenter
    ("peer-es", "tomo sertralina y tengo mareos, ¿a alguien más le pasa?", None, False),
    ("peer-pt", "comecei o ozempic e vomito todo dia, mais alguém?", None, False),
    (
        "dropped-subject",
        "pharmacy filled 20mg lexapro instead of 10. was dizzy and couldnt focus",
        None,
        False,
    ),
    ("fake", "ordered ozempic online and the label is misspelled, counterfeit???", None, False),
    ("expired", "my xarelto came already EXPIRED?? date on the carton was june", None, False),
    (
        "appearance",
        "my lipitor tablets are a new shape and colour this month, is this even the same drug??",
        None,
        False,
    ),
    ("device", "my ozempic pen arrived with the needle cap cracked?? not using it", None, False),
    (
        "wait",
        "MY DAUGHTER CRIES ALL DAY ON ZOLOFT. DOC SAYS BE PATIENT. HOW LONG??",
        None,
        False,
    ),
    (
        "reply",
        "hey @mike.r isnt this the pill your dad takes for his heart? 😅",
        ELIQUIS_POST,
        False,
    ),
    ("access", "does medicare part d cover eliquis?", None, False),
]


@pytest.mark.parametrize(("name", "text", "post", "expected"), INQUIRY, ids=lambda v: str(v))
def test_round11_inquiry(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("medical_inquiry" in flag_kinds(rules, text, post)) is expected, name
