"""Round 10 product-complaint mechanisms (rules alone): positives and the hard negatives next to
them.

Each row names one general mechanism behind a miss or a false flag on the eighth evaluation set,
written for the mechanism with other products, people and wordings (not copied from that set).
``True`` rows must be flagged ``product_complaint``, ``False`` rows must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.detect.complaints import detect_complaint
from moderator.detect.text import Prepared
from moderator.models import AnalysisInput


def _complaint(suite: DetectorSuite, text: str, post: str | None = None) -> bool:
    flags = suite.analyze(AnalysisInput("t", text, post)).flags
    return any(f.kind == "product_complaint" for f in flags)


COMPLAINT: list[tuple[str, str, str | None, bool]] = [
    # needle covers, caps and needles that fail
    ("cap", "the grey cap on my Trulicity came off but the needle cover stayed inside", None, True),
    ("cap", "Aimovig: the needle won't screw on, it just spins loose", None, True),
    ("cap", "the safety release on his EpiPen was already gone when I took it out", None, True),
    ("cap", "the nurse showed my dad how to pull the cap off his Trulicity pen", None, False),
    (
        "bent",
        "new box of Victoza pen needles and two were bent out of the packet",
        None,
        True,
    ),
    ("bent", "la aguja de mi pluma de Saxenda venía doblada", None, True),
    ("bent", "I bent down to grab my Mounjaro pen from the fridge and pulled my back", None, False),
    # the pen fired early, never filled, or sputters
    ("misfire", "second Emgality pen that went off before I even pressed it to my leg", None, True),
    ("misfire", "the Humira pen fired while I was still pulling it out of the tray", None, True),
    (
        "misfire",
        "my Taltz window never went yellow though I held it for 15 s",
        None,
        True,
    ),
    ("misfire", "the Symbicort only sprays half a puff now and sputters", None, True),
    ("misfire", "Der Pen hat ausgelöst bevor ich ihn auf die Haut gesetzt habe", "Dupixent", True),
    ("misfire", "the pen clicked, the window went yellow, done, so easy", "Dupixent", False),
    # leaks in other languages
    ("leak", "Mój wstrzykiwacz przecieka przy igle", "Ozempic", True),
    ("leak", "la penna perdeva liquido dall'ago", "Ozempic", True),
    ("leak", "has anyone used Cymbalta for bladder leaking when laughing?", None, False),
    # cloudy, coloured, tinted liquids
    ("liquid", "the Lantus in this pen is cloudy and milky, it used to be clear", None, True),
    ("liquid", "the prefilled syringe of Cimzia looked yellowish this time", None, True),
    ("liquid", "the Epclusa liquid was brown instead of clear", None, True),
    ("liquid", "la jeringa de Humira traía el líquido turbio", None, True),
    ("liquid", "my eyes went cloudy for a day after the Lexapro dose went up", None, False),
    ("liquid", "my pee turned brownish after starting the nitrofurantoin", None, False),
    ("liquid", "does Lantus need to be cloudy or clear before I inject it?", None, False),
    # a reconstituted suspension that smells or looks wrong
    ("suspension", "once the pharmacy mixed the Augmentin it turned a greyish colour", None, True),
    ("suspension", "the cefdinir suspension smelled like rotten eggs after mixing", None, True),
    ("suspension", "O frasco de xarope veio com o lacre rompido", None, True),
    ("suspension", "my son's amoxicillin smells like bubblegum, he loves it", None, False),
    # things floating in the liquid
    ("particles", "there was a chunk of something white floating in my Enbrel syringe", None, True),
    ("particles", "a long hair floating inside the sealed vial of Lantus", None, True),
    ("particles", "since Ozempic my hair comes out in clumps in the shower", None, False),
    ("particles", "I see eye floaters since the Humira started", None, False),
    # expired before it was used
    ("expiry", "just picked up my Spiriva and it expires last month, how?", None, True),
    ("expiry", "the Trelegy box date says it expired three weeks ago", None, True),
    ("expiry", "my prescription for Spiriva expired last month, need a new one", None, False),
    ("expiry", "the pharmacy said the prior auth for my Trulicity expired", None, False),
    # labels that disagree with what is inside; strengths mixed; counts
    ("label", "box says Eliquis 5 mg but the blister inside is 2.5 mg", None, True),
    ("label", "the bottle had 25mg and 50mg pills mixed together", "Zoloft", True),
    ("label", "my Lexapro box had 26 tabs not 28", None, True),
    (
        "label",
        "the pharmacy label said 5 but the pills were the 10s, they filled it wrong",
        "Glucotrol",
        False,
    ),
    # parts that should come in the box
    ("component", "the Zoloft oral concentrate came without the dropper", None, True),
    ("component", "A caneta do Mounjaro veio sem a tampa", None, True),
    ("component", "the Dupixent kit was missing the alcohol swabs", None, True),
    ("component", "Ozempic pens need pen needles, which my pharmacy sells separately", None, False),
    # tablets that do not release, look off or are counterfeit
    ("form", "those Wellbutrin XL tablets from the new maker don't release properly", None, True),
    ("form", "the Lexapro pills are half the size of what I normally get", None, True),
    ("form", "got what were supposed to be Adderall tabs online, chalky and crumbly", None, True),
    ("form", "Flonase tip snapped off inside my nose", None, True),
    # pharmacy service, shipping, stock-outs and copay cards are not complaints
    ("service", "CVS says Wegovy is on backorder for three weeks again", None, False),
    ("service", "the mail order pharmacy lost my Humira shipment, UPS says delivered", None, False),
    ("service", "my Mounjaro savings card stopped working and now it's $1000", None, False),
    ("service", "the pharmacist was rude and made me wait 40 minutes for my Eliquis", None, False),
    ("service", "Die Apotheke hatte das Asthmaspray nicht vorrätig", None, False),
    # weak defect words that describe bodies, places and feelings
    ("weak word", "her thigh gets a red warm patch for a day after each Humira pen", None, False),
    (
        "weak word",
        "rash after the Dupixent pen, it was hot and itchy",
        None,
        False,
    ),
    (
        "weak word",
        "a frozen water bottle keeps my pen cold at the beach",
        None,
        False,
    ),
    ("weak word", "I've tried 3 different ADHD meds and Adderall did nothing", None, False),
    ("weak word", "the pill organizer was empty so she took her Lipitor twice", None, False),
    (
        "weak word",
        "funny how the same pill does different things",
        None,
        False,
    ),
    (
        "weak word",
        "3 mg now, two clicks past the 2 mg on the bigger pen",
        "Ozempic",
        False,
    ),
    ("weak word", "the Eliquis box is a different colour from her Xarelto box", None, False),
    (
        "weak word",
        "gallbladder had to come out months after the pen",
        "Ozempic",
        False,
    ),
    ("weak word", "My mom cracked her hip and the Prolia didn't help her bones", None, False),
    ("weak word", "can the Effexor capsule be opened and sprinkled on yogurt?", None, False),
    ("weak word", "the Ozempic pen arrived warm, the ice pack had melted", None, True),
    ("weak word", "the counter says 20 left but it's empty already", "Ventolin", True),
    ("weak word", "blister of my Yaz had two empty pockets and was still sealed", None, True),
]


@pytest.mark.parametrize(("mechanism", "text", "post", "expected"), COMPLAINT)
def test_product_complaint(
    rules: DetectorSuite, mechanism: str, text: str, post: str | None, expected: bool
) -> None:
    assert _complaint(rules, text, post) is expected, mechanism


CONTINUATION: list[tuple[str, bool]] = [
    # a sentence that goes on with "it" borrows the part named just before
    ("The Zoloft suspension looked fine. It was crumbling at the edges of the bottle cap.", True),
    ("My Jardiance savings card is great. It expired last month though.", False),
    ("I got my Humira pen. It was hot and swollen at the site after.", False),
]


@pytest.mark.parametrize(("text", "expected"), CONTINUATION)
def test_pronoun_continues_previous_sentence(text: str, expected: bool) -> None:
    prep = Prepared(text)
    assert detect_complaint(prep, has_product=True).is_complaint is expected


def test_category_names_the_new_mechanisms() -> None:
    cases = {
        "the Zoloft oral concentrate came without the dropper": "missing_part",
        "the bottle had 25mg and 50mg pills mixed together": "mix_up",
        "those Wellbutrin XL tablets don't release properly": "formulation",
    }
    for text, category in cases.items():
        res = detect_complaint(Prepared(text), has_product=True)
        assert category in res.categories, text
