"""Round 12 off-label and medical-inquiry mechanisms (rules alone): positives and hard negatives.

Each row names one general mechanism behind a miss or a false flag on the tenth evaluation set,
written for the mechanism in other words, products, people and languages (not copied from that
set). ``True`` rows must carry the flag, ``False`` rows (the hard negatives next to them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import flag_kinds

ELIQUIS_POST = "Eliquis treats DVT and PE and lowers stroke risk in AFib."
XARELTO_POST = "Xarelto lowers the risk of stroke in AFib."
HUMIRA_POST = "Humira for moderate to severe rheumatoid arthritis."
CYMBALTA_POST = "Cymbalta is approved to manage fibromyalgia."


OFF_LABEL: list[tuple[str, str, str | None, bool]] = [
    # clot prevention on a DOAC after an injury or a scope, not a joint replacement
    (
        "injury-no-surgery",
        "The ortho gave me Eliquis after I broke my ankle, it's just in a cast. Normal?",
        None,
        True,
    ),
    (
        "injury-other-language",
        "Der Arzt gab mir Xarelto nach einer Handgelenksfraktur, ohne Operation.",
        None,
        True,
    ),
    (
        "scope-not-replacement",
        "They started him on Xarelto after his knee arthroscopy to prevent clots.",
        None,
        True,
    ),
    # hard negatives: the labelled operation, and a fracture told as an event on the drug
    ("knee-replacement", "Put on Xarelto for two weeks after my knee replacement.", None, False),
    (
        "fracture-while-on-it",
        "Fell and fractured my wrist while on Eliquis, the bruising was huge.",
        None,
        False,
    ),
    # a prescriber's planned dose above the labelled maximum, given as a bare number
    (
        "planned-increase-bare",
        "On Cymbalta 120 and my doctor wants to go to 150 next month.",
        None,
        True,
    ),
    ("planned-increase-within", "On Cymbalta 60 and my doctor wants to go to 90.", None, False),
    # a total over the maximum by mistake is a medication error, not an intended dose
    (
        "forgot-and-took",
        "I forgot and took my evening Eliquis twice, 20mg plus another 10mg today.",
        None,
        False,
    ),
    ("deliberate-over", "I take 30mg of Eliquis a day because 20 felt too weak.", None, True),
    # the writer says the use is off-label
    ("stated-off-label", "My neurologist has me on Lamictal off label for nerve pain.", None, True),
    (
        "stated-off-label-general",
        "Lots of doctors use Humira off label these days, it's common.",
        None,
        False,
    ),
    # purposes the table now maps: a chemo neuropathy is not the labelled diabetic one
    ("chemo-neuropathy", "My oncologist put me on Cymbalta for chemo neuropathy.", None, True),
    ("diabetic-neuropathy", "Cymbalta for my diabetic nerve pain works well.", None, False),
    # on-label purposes named in other languages are no longer "unlisted" diseases
    (
        "spondylitis-spanish",
        "Mi padre usa Humira para la espondilitis desde hace un año.",
        HUMIRA_POST,
        False,
    ),
    ("social-anxiety-italian", "Prendo Zoloft per l'ansia sociale da mesi.", None, False),
    # a condition describing a body part, or a weakened defence, is not a purpose
    (
        "condition-as-adjective",
        "Hard to twist the cap off with my arthritis fingers.",
        ELIQUIS_POST,
        False,
    ),
    (
        "ability-to-fight",
        "The ad says it lowers your ability to fight infections, and I got shingles.",
        HUMIRA_POST,
        False,
    ),
    # weight loss without diabetes in Dutch (and the on-label sister brand in English)
    (
        "dutch-weight-loss",
        "Mijn arts gaf me Ozempic om af te vallen, ik heb geen diabetes.",
        None,
        True,
    ),
    (
        "sister-brand-label",
        "Our doctor suggested Wegovy for my 13 year old's obesity.",
        None,
        False,
    ),
    # a lead-in before the verb still leaves the writer taking someone else's pills
    (
        "borrowed-with-lead-in",
        "Exam week: took two of my roommate's adderall to stay up.",
        None,
        True,
    ),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("name", "text", "post", "expected"), OFF_LABEL, ids=[r[0] for r in OFF_LABEL]
)
def test_round12_off_label(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("off_label" in flag_kinds(rules, text, post)) is expected, name


INQUIRY: list[tuple[str, str, str | None, bool]] = [
    # what to watch for after a dosing mistake
    (
        "watch-for",
        "Doubled my Lexapro by accident this morning. What should I look out for?",
        None,
        True,
    ),
    # restarting after surgery
    ("restart", "Stopped Eliquis for my colonoscopy. When can I resume it?", None, True),
    # stopping, worry and "is it common" in other languages
    ("french-stop", "Ma mère a des crampes avec le Lipitor. Doit-elle arrêter ?", None, True),
    (
        "italian-worry",
        "Mio padre prende Xarelto e sanguina dal naso. Devo preoccuparmi?",
        None,
        True,
    ),
    ("swedish-common", "Jag tar Zoloft och sover dåligt. Är det vanligt?", None, True),
    # hearsay about an effect, asked back
    ("hearsay-check", "A coworker said Ozempic makes your hair thin. Is that so?", None, True),
    # an off-label comment whose question names no topic
    (
        "off-label-bare-question",
        "Eliquis rather than a baby aspirin?? The neuro prescribed it after a mini stroke, and I"
        " have no AF.",
        None,
        True,
    ),
    # hard negatives: a short question after money or coverage, a mix-up question about the
    # pack, a strength in a defect question, a peer question
    (
        "short-after-money",
        "My Eliquis went from $25 to $90 with the card. Why the jump?",
        None,
        False,
    ),
    (
        "short-after-coverage",
        "Insurance stopped covering my Xarelto. Can anyone help?",
        None,
        False,
    ),
    (
        "mix-up-question",
        "The label says Lipitor 40 but the pills are stamped 20. Factory mix-up?",
        None,
        False,
    ),
    (
        "switching-maker",
        "My Eliquis 5mg tablets look smaller now. Did they switch manufacturers?",
        None,
        False,
    ),
    ("peer-question", "Started Humira last month for my RA. Anyone else on it?", None, False),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "post", "expected"), INQUIRY, ids=[r[0] for r in INQUIRY])
def test_round12_inquiry(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("medical_inquiry" in flag_kinds(rules, text, post)) is expected, name
