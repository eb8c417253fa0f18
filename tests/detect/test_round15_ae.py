"""Round 15 adverse-event mechanisms (rules alone, comment model off).

Each row names one general mechanism behind a miss or a false flag on the fourteenth evaluation
set (reply threads, healthcare workers in clinical shorthand, pasted labs, stacks, non-English
rows), written with other products, people and wordings, not copied from that set. ``True`` rows
must be flagged as an adverse event, ``False`` rows (the hard negatives next to them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import is_ae

STATIN_POST = "Know your numbers: Lipitor plus diet and exercise lowers LDL cholesterol."
ASTHMA_POST = "Dupixent is an add-on maintenance treatment for moderate-to-severe asthma."


CASES: list[tuple[str, str, str | None, bool]] = [
    # Clinical shorthand as a register: N/V, rxn, abd pain, charted vitals.
    (
        "shorthand n/v",
        "float nurse: pt started on Ozempic tues, N/V since, barely eating",
        None,
        True,
    ),
    (
        "shorthand rxn",
        "pharm student here, saw a bad rxn to amoxicillin on rotation, pt ok",
        None,
        True,
    ),
    ("shorthand abd pain", "my pt on metformin has abd pain every morning now", None, True),
    (
        "charted bradycardia",
        "medic: 82yo on metoprolol, HR 34 on arrival, got atropine",
        None,
        True,
    ),
    ("charted low sats", "pt on morphine PCA, sats dropped to 84% overnight", None, True),
    ("normal vitals", "on metoprolol 25 bid, HR 64 this morning", None, False),
    # Pasted lab slips: a value above its printed reference range with a product named.
    (
        "pasted lab above ref",
        "CK 4200 U/L (ref 30-200) two months after starting atorvastatin",
        None,
        True,
    ),
    ("lab without range", "on atorvastatin, my ALT 30 was normal at the check", None, False),
    # Non-English symptom words (es, de, tr, id, Franco Arabic).
    ("es hair loss", "A mi tía se le cae el pelo desde que usa Ozempic", None, True),
    ("de black stool", "Meine Oma nimmt Eliquis und hat schwarzen Stuhl seit Montag", None, True),
    ("tr joint pain", "Dupixent kullanıyorum, eklem ağrım çok arttı", None, True),
    ("id headache", "Sejak minum Zoloft saya sakit kepala terus dan mual", None, True),
    # Reply threads: "warning from me:" opens the writer's own report; a late dose as a habit.
    (
        "warning from me",
        "@Sam warning from me: two chest infections since starting, one put me in hospital",
        ASTHMA_POST,
        True,
    ),
    ("warning hypothetical", "@Sam warning: it may cause infections", ASTHMA_POST, False),
    ("late dose habit", "if im 4 hrs late with my Effexor i get brain zaps", None, True),
    (
        "late dose question",
        "if you're a day late with Effexor can it cause dizziness?",
        None,
        False,
    ),
    ("sweet simile", "@Lee year one was great, now Lexapro is like eating candy", None, True),
    # Supply, access, carers' career stories and prescribers' regimens are not events.
    ("card declined", "my savings card for Eliquis got declined again at the counter", None, False),
    ("shortage", "tech here: Adderall shortage again, calling around for every pt", None, False),
    (
        "child-proof cap",
        "the child-proof cap on my Lipitor is impossible for my hands",
        None,
        False,
    ),
    (
        "career story",
        "25 years a nurse, pushed more heparin than I can count, retired friday and they threw me "
        "a party",
        None,
        False,
    ),
    ("prescriber regimen", "my endo has me on 2 mg of Ozempic plus metformin, steady", None, False),
    # Relief told as a count that fell to nothing, a steroid left behind, a hard time got through.
    ("zero attacks", "since starting Dupixent: 0 attacks and off prednisone", ASTHMA_POST, False),
    (
        "got me through",
        "Lipitor got me through my bypass recovery, 10 years on it",
        STATIN_POST,
        False,
    ),
    ("halved", "my PCP put me on sertraline and the panic is halved", None, False),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "post", "expected"), CASES, ids=[c[0] for c in CASES])
def test_round15_ae(
    rules: DetectorSuite, name: str, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(rules, text, post) is expected, name
