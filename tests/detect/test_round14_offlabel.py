"""Round 14 off-label mechanisms (rules alone): positives and the hard negatives next to them.

Each row names one general mechanism behind a miss or a false flag on the thirteenth evaluation
set (older writers and their families), written in other words, people and products. ``True``
rows must carry the off-label flag, ``False`` rows must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import flag_kinds

OZEMPIC_POST = "Ask your doctor if once-weekly Ozempic is right for your type 2 diabetes."
JARDIANCE_POST = "Jardiance is approved for heart failure in adults."


CASES: list[tuple[str, str, str | None, bool]] = [
    # population: a grown son or daughter with no age is an adult; an age said another way counts
    (
        "adult-daughter-helper",
        "Been on ozempic since spring, my daughter drives me to the pharmacy every month.",
        None,
        False,
    ),
    (
        "adult-son-bystander",
        "My son set up the pen for me the first time, the Ozempic click scared me half to death",
        OZEMPIC_POST,
        False,
    ),
    (
        "grandchild-age-after-prefix",
        "My great-grandson is 14 and the clinic has him on ozempic for his weight now",
        None,
        True,
    ),
    (
        "kin-age-sentence-opening",
        "granddaughter is 12 and they put her on effexor xr for her moods",
        None,
        True,
    ),
    (
        "ageless-son-with-school",
        "my son started effexor xr for anxiety, his school nurse keeps the pills",
        None,
        True,
    ),
    (
        "idiom-not-an-age",
        "Can someone explain my Eliquis copay like I'm 5? Tier 4 for my afib",
        None,
        False,
    ),
    # indication: lay names of on-label and off-label purposes
    (
        "sugar-pain-is-diabetic-nerve-pain",
        "cymbalta 60 for the sugar pain in my legs works, just makes me drowsy",
        None,
        False,
    ),
    (
        "superficial-vein-clot",
        "Can eliquis treat a superficial blood clot from an IV site?",
        None,
        True,
    ),
    (
        "dementia-calming",
        "The nursing home started Mom on Seroquel to keep her calm, she has dementia not bipolar",
        None,
        True,
    ),
    (
        "itch-from-dialysis",
        "Would Dupixent help the itching from dialysis? Nothing else has worked",
        None,
        True,
    ),
    (
        "type-1-for-years",
        "Her husband has been type 1 since he was a boy and the endo added Jardiance anyway",
        None,
        True,
    ),
    (
        "polish-purpose",
        "Czy mogę stosować Zoloft na bezsenność? Nie śpię od miesięcy",
        None,
        True,
    ),
    (
        "italian-circulation",
        "Posso prendere lo Xarelto per la circolazione delle gambe?",
        None,
        True,
    ),
    # a time word is not a purpose; negation stops at "so" with a new subject
    (
        "after-event-is-time",
        "They put my brother on Lexapro after his heart attack and he is calmer now",
        None,
        False,
    ),
    (
        "negation-stops-at-new-clause",
        "The doctor couldn't use hormones so my gyno put me on effexor for the hot flashes",
        None,
        True,
    ),
    # absent condition: optional, or a grumble with no use
    (
        "with-or-without-diabetes",
        "I'm not diabetic but I take Jardiance for heart failure, it's approved with or without "
        "diabetes",
        None,
        False,
    ),
    (
        "ad-grumble-no-use",
        "Why do I keep seeing these ads, I don't have diabetes",
        OZEMPIC_POST,
        False,
    ),
    (
        "denied-condition-with-use",
        "I don't have diabetes but my doctor put me on Ozempic anyway",
        None,
        True,
    ),
    (
        "stroke-no-af-with-clot-mention",
        "Mild stroke, no afib on the heart monitor, no clot in my legs, but I'm on Eliquis in "
        "case it was a clot",
        None,
        True,
    ),
    # dose: a raise named with the product between verb and number; a misread dial is an error
    (
        "raised-product-to-bare-number",
        "My wife is 60 and they raised her effexor to 375 a day last month",
        None,
        True,
    ),
    (
        "misread-dial",
        "I messed up without my glasses and went past the 0.5 to the 1 on my Ozempic pen",
        OZEMPIC_POST,
        False,
    ),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "post", "expected"), CASES, ids=[c[0] for c in CASES])
def test_round14_off_label(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("off_label" in flag_kinds(rules, text, post)) is expected, name
