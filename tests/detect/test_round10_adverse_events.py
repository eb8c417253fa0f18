"""Round 10 adverse-event mechanisms (rules alone, comment model off): positives and negatives.

Each row names one general mechanism behind a miss or a false flag on the eighth evaluation set,
tested with phrasings written for the mechanism (other products, people, languages and wordings),
not copied from that set. ``True`` rows must be flagged as an adverse event, ``False`` rows (the
hard negatives next to them) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from tests.detect.kinds import is_ae

ESCITALOPRAM_POST = "Lexapro (escitalopram) is approved for major depression and anxiety."
OZEMPIC_POST = "Once-weekly Ozempic helps adults with type 2 diabetes."
XARELTO_POST = "Xarelto lowers the risk of stroke in AFib."
DUPIXENT_POST = "Dupixent is approved for moderate-to-severe eczema."
HUMIRA_POST = "The Humira Pen now has a thinner needle."


AE: list[tuple[str, str, str | None, bool]] = [
    # first-person and family reports in the other languages
    (
        "nl",
        "Sinds ik met sertraline ben begonnen heb ik rare dromen en zweet ik 's nachts",
        None,
        True,
    ),
    ("nl", "Mijn moeder slaapt bijna niet meer sinds de nieuwe tabletten", ESCITALOPRAM_POST, True),
    ("nl", "Sinds ik met escitalopram ben begonnen voel ik me veel beter", None, False),
    ("es", "Mi hermano toma sertralina y suda muchísimo por las noches", None, True),
    ("es", "Mi abuela no para de vomitar desde la segunda inyección", OZEMPIC_POST, True),
    ("es", "Mi abuela no vomita nada con esta inyección, todo bien", OZEMPIC_POST, False),
    ("pt", "Comecei a tomar e já tive duas infecções urinárias este mês", OZEMPIC_POST, True),
    ("fr", "Ma fille est sous Dupixent et elle a les yeux rouges tous les matins", None, True),
    ("de", "Meine Oma hatte unter Xarelto eine Magenblutung", None, True),
    ("de", "Er lag zwei Wochen lang im Krankenhaus nach der Spritze", XARELTO_POST, True),
    ("tr", "Babam metformin kullanmaya başladığından beri sürekli ishal oluyor", None, True),
    ("tr", "Metformin kullanıyorum, kan şekerim iyi", None, False),
    ("pl", "Moja córka połknęła trzy tabletki dziadka na serce, karetka przyjechała", None, True),
    # withdrawal after stopping or running out; a "when" clause is not a question
    ("withdrawal", "When my tramadol ran out I was sweating and shaking for days", None, True),
    ("withdrawal", "After I stopped my Effexor cold turkey I got brain zaps all week", None, True),
    ("withdrawal", "When should I take my Effexor, morning or night?", None, False),
    # lay idioms for signs
    ("idiom", "nifedipine gave me cankles, my shoes don't fit by the afternoon", None, True),
    ("idiom", "since the dose went up I've been peeing pink", XARELTO_POST, True),
    ("idiom", "grandad went all muddled after they added the bladder pill", None, False),
    ("idiom", "grandad went all muddled after they added oxybutynin", None, True),
    # a value that rose after the prescriber changed the dose
    (
        "dose bump",
        "My blood pressure went from normal to 160/100 after they upped my venlafaxine",
        None,
        True,
    ),
    (
        "dose bump",
        "my heart rate jumped from normal to 120 since they bumped me to 300mg",
        ESCITALOPRAM_POST,
        True,
    ),
    ("dose bump", "they bumped me to 20mg of Lexapro and I feel great", None, False),
    # hallucinations told by what was seen
    ("seen", "when they raised her ropinirole she started seeing cats on the ceiling", None, True),
    ("seen", "she started seeing a new therapist when she went on Zoloft", None, False),
    # needle-stick injuries
    ("needle", "pulled the cap and the needle stabbed my finger, bled a lot", HUMIRA_POST, True),
    ("needle", "the needle was bent so I used a new pen, no harm done", HUMIRA_POST, False),
    # deaths and overdoses from misuse
    ("death", "my cousin died last year from oxycodone he bought online", None, True),
    (
        "death",
        "tried to end it with a whole bottle of my sertraline, woke up in the ICU",
        None,
        True,
    ),
    ("death", "my uncle died of a heart attack, he was never on any medicine", None, False),
    # a product named only by its class
    ("unnamed", "My dad had a terrible reaction to his flu jab, his arm swelled up", None, True),
    (
        "unnamed",
        "my toddler swallowed some of grandma's blood pressure pills, we went to the ER",
        None,
        True,
    ),
    ("unnamed", "Got my flu jab today at the pharmacy, quick and easy", None, False),
    # an announced report ("fair warning") is not a possibility
    ("warning", "Fair warning, the first month on Cymbalta I was dizzy every morning", None, True),
    # positive experiences
    ("positive", "Humira has cut my flare ups in half since spring", None, False),
    ("positive", "Humira and I still get flare ups every week", None, True),
    ("positive", "Had my shingles shot at lunch, didn't even feel it", None, False),
    (
        "positive",
        "nurse came for my first Humira injection, I was shaking but she was lovely",
        None,
        False,
    ),
    ("positive", "since starting Humira my hands are shaking all day", None, True),
    ("positive", "works for me, 3 years on Lexapro and boring in the best way", None, False),
    ("positive", "Dupixent for 4 months and my eyebrows are growing back", None, False),
    # prescriber-directed off-label use with no harm
    (
        "off-label",
        "My neurologist put me on Humira after methotrexate stopped working, going well",
        None,
        False,
    ),
    ("off-label", "Humira stopped working after a year for my Crohn's", None, True),
    (
        "off-label",
        "her doctor prescribes Adderall for weight loss and she's never hungry now",
        None,
        False,
    ),
    (
        "off-label",
        "Ozempic and I'm never hungry, can't eat a full meal, constantly nauseous",
        None,
        True,
    ),
    (
        "off-label",
        "started him on guanfacine because he was hitting himself constantly",
        None,
        False,
    ),
    (
        "off-label",
        "my baby had a clot from her PICC line and she's on a tiny dose of Xarelto",
        None,
        False,
    ),
    ("off-label", "she had a clot in her leg from the pill", None, True),
    # product complaints and errands with no harm to anyone
    (
        "complaint",
        "Eliquis box says 2.5 but the blister inside is 5mg, caught it before she took one",
        None,
        False,
    ),
    (
        "complaint",
        "pharmacy was out of my Eliquis again, had to drive back twice this week",
        None,
        False,
    ),
    ("complaint", "the Zoloft liquid smelled weird so we didn't use it", None, False),
    # a question about whether a doctor would prescribe it, with the condition as context
    (
        "question",
        "my 9 year old can't fall asleep until midnight, would a doctor prescribe clonidine?",
        None,
        False,
    ),
    (
        "question",
        "my 9 year old can't fall asleep until midnight since starting Concerta",
        None,
        True,
    ),
    # figurative "tired of", fighting a condition, hearsay
    ("figurative", "Tired of influencers taking Ozempic while diabetics wait", None, False),
    (
        "figurative",
        "My sister has been fighting depression for years, please pray",
        ESCITALOPRAM_POST,
        False,
    ),
    ("figurative", "everyone knows someone who got sick from the flu shot", None, False),
    ("figurative", "the Lexapro made me so tired I slept through my alarm", None, True),
    # use planned after birth is not a pregnancy exposure
    (
        "pregnancy",
        "I'm 30 weeks pregnant; if I start Dupixent after the baby comes can I nurse?",
        DUPIXENT_POST,
        False,
    ),
    (
        "pregnancy",
        "I'm 30 weeks pregnant and have been on Dupixent the whole time",
        DUPIXENT_POST,
        True,
    ),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("mechanism", "text", "post", "expected"), AE)
def test_adverse_event(
    rules: DetectorSuite, mechanism: str, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(rules, text, post) is expected, f"{mechanism}: {text}"
