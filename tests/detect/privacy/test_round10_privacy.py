"""Round 10: the privacy families fixed this round, each positive next to its hard negatives.

Families: hotlines and year spans that looked like phones, phone numbers after a
question, spelled-out e-mail addresses, French house-number-first addresses, bare postal
codes, programme reference numbers, birth dates in Dutch and Polish, foreign kinship
phrases (nl, pl, pt, it, bracketed names), family titles ("Aunt Rita"), honorifics
("Mrs Okafor"), "my <first name>", one-word @tags with a health detail put to the person,
commenters signing with their own full name, and names that are diseases or saints.
"""

from __future__ import annotations

import pytest

from moderator.detect.privacy import PrivacyDetector
from moderator.detect.privacy.detector import could_disclose
from moderator.detect.privacy.lexicon import health_terms_in
from tests.detect.kinds import evidence_labels

pytestmark = pytest.mark.timeout(120)


# (text, label the detector must report)
POSITIVES = [
    # phones: a question mark ends the "card" label; the number after it is a phone
    ("can someone ring me about the savings card? 555-0148 after six", "PHONE_NUMBER"),
    ("my cell is 1-888-555-0117 if the nurse wants to call", "PHONE_NUMBER"),
    ("Mon portable : 06 44 21 87 90, merci de rappeler", "PHONE_NUMBER"),
    ("Numero di cellulare 348 555 9012 per la segnalazione", "PHONE_NUMBER"),
    # spelled-out e-mail addresses
    ("write to me: kim_t (at) yahoo.com about the rash", "EMAIL_ADDRESS"),
    ("email me at paulo.s at gmail dot com", "EMAIL_ADDRESS"),
    ("contact me, j.ward [at] outlook [dot] com", "EMAIL_ADDRESS"),
    # addresses: French order, a possessive postal code
    ("envoyez la boîte au 9 rue des Tilleuls, 31000 Toulouse", "STREET_ADDRESS"),
    ("my zip code is 60614 and no pharmacy has it", "STREET_ADDRESS"),
    # programme references and labelled ids
    ("sent the patient assistance form in June, ref PX-4410932, no reply", "MEDICAL_RECORD_NUMBER"),
    ("my copay card application # 7710294 vanished", "MEDICAL_RECORD_NUMBER"),
    ("Prescription #RX 5530291 was filled with the wrong strength", "MEDICAL_RECORD_NUMBER"),
    ("mi número de historia clínica es 0077123", "MEDICAL_RECORD_NUMBER"),
    # dates of birth
    ("geboren op 03-09-1966, al jaren op insuline", "DATE_OF_BIRTH"),
    ("data urodzenia 14.02.1971, nikt nie odpowiada", "DATE_OF_BIRTH"),
    # foreign kinship phrases
    ("mijn vader Henk Jansen kreeg een beroerte na twee weken", "PERSON_HEALTH"),
    ("moja mama Halina ma zawroty głowy od tego leku", "PERSON_HEALTH"),
    ("meu irmão Tiago Lopes teve convulsões no segundo dia", "PERSON_HEALTH"),
    ("mio padre Franco Rossi è finito in ospedale per un'emorragia", "PERSON_HEALTH"),
    ("Meine Mutter (Ingrid Vogel, 80) ist im Krankenhaus", "PERSON_HEALTH"),
    # family titles, honorifics, "my <first name>"
    ("Uncle Dennis ended up on dialysis after two years of it", "PERSON_HEALTH"),
    ("Tía Lupe tiene diabetes desde hace años", "PERSON_HEALTH"),
    ("Mrs. Adeyemi in room 6 developed hives after the infusion", "PERSON_HEALTH"),
    ("our patient, Mr. Harold Quinn, became unresponsive after the shot", "PERSON_HEALTH"),
    ("@Dana my Chloe had the same vomiting for a week on it", "PERSON_HEALTH"),
    ("our Noah (5) broke out in a rash after the second dose", "PERSON_HEALTH"),
    # one-word tags with the health detail put to the person
    ("@maddie_r92 your migraines sound exactly like mine did", "PERSON_HEALTH"),
    ("@Brent you were shaking all through practice on that stuff", "PERSON_HEALTH"),
    # the commenter's own full name, as a signature or a greeting
    ("Harriet Stone, 66, Leeds. Three weeks of dizziness and nobody cares", "PERSON_HEALTH"),
    ("Marco Silva here, six months on Wegovy and the reflux is constant", "PERSON_HEALTH"),
    ("Greetings from Ines Carvalho, I have lupus and this helped", "PERSON_HEALTH"),
    ("the nausea never stopped and the clinic ignores me. - Trevor Hale", "PERSON_HEALTH"),
]

# Texts that must not be flagged at all.
NEGATIVES = [
    # hotlines and year spans
    "Report problems to the maker at 1-877-555-0142, they answer fast",
    "For card issues call the number on the back, 1-844-555-0190",
    "I was on it from 2016-2019 and again in 2022",
    "NDC 0002-1433-80 printed on the carton",
    "Reference number 2023-00417 from my MedWatch report",
    # a postal code that is only a place to shop
    "Zip code 10027 has zero stock anywhere",
    # "at" in ordinary prose
    "We met at Target.com pickup and she told me about it",
    "my kids are at school so I can finally post",
    # programme words without an identifier of a patient
    "The copay card saved me $300 this month, case closed",
    # clinicians, public figures, eponyms, saints
    "Mrs. Lin, the pharmacist, explained the side effects so clearly",
    "Our school nurse Mrs. Doyle is the kindest person",
    "Lady Gaga spoke about fibromyalgia in an interview",
    "Fournier's gangrene is listed as a rare risk on the label",
    "Is it safe to take it with St John's wort?",
    # brand-shaped words after "my"
    "The dose dial on my KwikPen is stuck at 20",
    "my FlexTouch was leaking again this morning",
    # tags of pages, bare tags, quoted advice answered for oneself
    "@NovoCareUS your hold times are awful",
    "@Jasmine thanks, that video was helpful",
    '@Helen Ward "the nausea stops after a month" well it did not for me, 3 months of it',
    # German capitalised nouns that NER takes for people
    "Seit ich die Tabletten nehme, schwitze ich so stark, dass ich das Bett wechseln muss",
]


@pytest.mark.parametrize(("text", "label"), POSITIVES)
def test_round10_positive(detector: PrivacyDetector, text: str, label: str) -> None:
    assert label in evidence_labels(detector, text)


@pytest.mark.parametrize("text", NEGATIVES)
def test_round10_negative(detector: PrivacyDetector, text: str) -> None:
    assert detector.analyze(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to me: kim_t (at) yahoo.com", True),
        ("Mrs. Adeyemi has a rash", True),
        ("thanks for the great video everyone", False),
    ],
)
def test_round10_prefilter(text: str, expected: bool) -> None:
    """Texts with no digit or ``@`` still reach the recognizers when a new family could fire."""
    assert could_disclose(text) is expected


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("ha avuto un'emorragia", "emorragia"),
        ("à l'hôpital depuis hier", "hôpital"),
        ("she couldn't keep any food down", "keep any food down"),
        ("this is the shot for your sugar", "your sugar"),
    ],
)
def test_round10_health_terms(text: str, term: str) -> None:
    """Elided articles are split off, and the lay phrases are terms."""
    assert term in [t.text for t in health_terms_in(text)]


def test_round10_no_model_still_finds_families() -> None:
    """Without a spaCy model the regex families still fire (nothing here needs NER)."""
    plain = PrivacyDetector(model=None)
    assert evidence_labels(plain, "Uncle Dennis ended up on dialysis") == {"PERSON_HEALTH"}
    assert evidence_labels(plain, "write to me: kim_t (at) yahoo.com") == {"EMAIL_ADDRESS"}
    assert plain.analyze("Report problems at 1-877-555-0142") == []
