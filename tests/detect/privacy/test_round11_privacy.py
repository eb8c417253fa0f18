"""Round 11: @handles tied to a health detail, each positive next to its hard negatives.

Families: a name-like tag ("@first.last", "@name_x_surname", "@name.s.22") with the health
detail put to the person (contracted and slang second person, "you told me", "made you"),
about the addressee's relative ("your mom", "ur brother", "tu mamá", "twoja mama"), a tag
talked about mid-sentence ("my friend @x who ..."), well-wishes ("hope the chemo ..."),
everyday condition words in other languages next to a named relative, a first-person
"I have" outside English, and a title-cased symptom list that NER reads as names.
"""

from __future__ import annotations

import pytest

from moderator.detect.privacy import PrivacyDetector
from moderator.detect.privacy.lexicon import health_terms_in
from tests.detect.kinds import evidence_labels

pytestmark = pytest.mark.timeout(120)


POSITIVES = [
    # second person, slang and contracted, put to a name-like tag
    "@dana_w88 youre on the 20mg of sertraline now right",
    "@leo.fischer91 u said ur on methotrexate for the arthritis",
    "@nora.b.19 you told me the prednisone made you gain a ton of weight",
    "@pat_kim sis it made you break out in hives too, tell them",
    # the addressee's relative
    "@omar.haddad your dad had the same stroke scare on warfarin didn't he",
    "@lena_b ur brother still on the adderall?",
    "hey @tess.m.walker is this what your grandma takes for her heart failure",
    "@lu.fernandez tu mamá tuvo el mismo sangrado con xarelto",
    "@kasia.n twoja mama też ma zawroty głowy po tym leku?",
    "@gabi.souza sua mãe ainda tem aquela enxaqueca?",
    "@jonas.k deine Schwester hat doch auch Migräne",
    # a tag talked about, not addressed
    "so proud of my bestie @mara.j.lopez who just finished chemo 💪",
    "tagging @jo.ann.b because she got shingles right after the shot",
    # well-wishes and asking after it
    "@mia.kowalski hope the chemo goes ok this week 🙏",
    "@tom.h sorry about your dad's stroke man",
    "@rita_g congrats on finishing radiation!!",
    # condition words in other languages next to a named relative
    "mi hermana Lucía tiene migraña todos los días con esto",
    "Mio fratello Paolo Neri ha l'asma da bambino",
    "meu filho Davi foi diagnosticado com TDAH ano passado",
]

NEGATIVES = [
    # the health detail is the writer's own
    "@kim.o.22 mine too!! the enbrel pens from that box leak",
    "@tay.lor.made same here!! the night sweats on effexor are insane, i sleep on a towel",
    "@marisol_fit omg YES the yawning!! i yawn like 30x a day on prozac lol",
    "@kev same thing happened to my dad on xarelto",
    "@lucy.m this is the one that gave me hives",
    # an inverted question asks, it does not tell
    "@jules_88 did you get nausea on ozempic? i did",
    "@nick.p have you tried zyrtec for that",
    "@carla.m do you take it with food? my stomach hates metformin",
    "@dan_w88 are you on the 10mg or the 20?",
    # second person with no health state of the addressee
    "@pete_92 you were right about the ozempic shortage",
    "@pharmacist_joe you said to take it at night, thanks",
    "@x your post made me cry, my mom had chemo last year",
    # foreign words that look like "your" but are not
    "@kasia.n ta tabletka dała mi mdłości",
    "@paulo_r sua opinião sobre o ozempic?",
    "@x a ton of nausea on this one lol",
    # a first-person report outside English after a capitalised drug name
    "Po Sertralinie mam takie zawroty głowy że nie śpię",
    "Con Ozempic tengo náuseas todo el día",
    # a title-cased symptom list
    "Night Sweats, Insomnia, Vivid Dreams, Weight Gain, Dry Mouth.",
]


@pytest.mark.parametrize("text", POSITIVES)
def test_handle_and_named_health_found(detector: PrivacyDetector, text: str) -> None:
    assert "PERSON_HEALTH" in evidence_labels(detector, text)


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_flagged(detector: PrivacyDetector, text: str) -> None:
    assert detector.analyze(text) == []


@pytest.mark.parametrize(
    "word",
    ["migraña", "enxaqueca", "emicrania", "migrena", "câncer", "kanser", "asma", "TDAH", "AVC"],
)
def test_foreign_condition_words_are_health_terms(word: str) -> None:
    assert [t.text for t in health_terms_in(f"x {word} y")] == [word]


@pytest.mark.parametrize("word", ["tdah", "avc"])
def test_foreign_acronyms_only_in_upper_case(word: str) -> None:
    assert health_terms_in(f"x {word} y") == []
