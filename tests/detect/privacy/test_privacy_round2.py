"""Round 2: labelled identifiers, phone formats, named-person health links, DOB languages.

Tables of positives and hard negatives per mechanism, all through the whole detector.
"""

from __future__ import annotations

import pytest

from moderator.detect.privacy import PrivacyDetector
from moderator.detect.privacy.detector import could_disclose, needs_ner
from moderator.detect.privacy.lexicon import health_terms_in, is_health_word

LABELLED_IDS = [
    (
        "my insurance ID is UHC 9087 6654 321 and still no refill",
        "INSURANCE_NUMBER",
        "9087 6654 321",
    ),
    ("my insurance (Aetna ID W4410-88213) denied it again", "INSURANCE_NUMBER", "W4410-88213"),
    ("Cigna ID U7730-21145", "INSURANCE_NUMBER", "U7730-21145"),
    ("member # is BCBS 908812345", "INSURANCE_NUMBER", "908812345"),
    ("subscriber number: 77123409", "INSURANCE_NUMBER", "77123409"),
    ("Medicare number 1EG4-TE5-MK73 if that helps", "INSURANCE_NUMBER", "1EG4-TE5-MK73"),
    ("my Medicaid id is 55-221-0934", "INSURANCE_NUMBER", "55-221-0934"),
    ("group # 00812 on the card", "INSURANCE_NUMBER", "00812"),
    ("health card number is 1234-567-890-KL (Ontario)", "INSURANCE_NUMBER", "1234-567-890-KL"),
    ("my policy number is 8834-221-09", "INSURANCE_NUMBER", "8834-221-09"),
    ("acct #PSP-5520981, ask for the team", "INSURANCE_NUMBER", "PSP-5520981"),
    ("his MRN at Mercy is 22-901-3385", "MEDICAL_RECORD_NUMBER", "22-901-3385"),
    ("patient ID at the clinic is ABC-0011223", "MEDICAL_RECORD_NUMBER", "ABC-0011223"),
    ("medical record number at Kaiser is 11-203-4457", "MEDICAL_RECORD_NUMBER", "11-203-4457"),
    ("chart # 4471902", "MEDICAL_RECORD_NUMBER", "4471902"),
    ("SSN ending 4471, he needs the form", "US_SSN", "4471"),
    ("social security number is 123 45 6789", "US_SSN", "123 45 6789"),
    ("my driver's licence is D1234-56789", "ID_DOCUMENT_NUMBER", "D1234-56789"),
    ("CPF 123.456.789-09 e preciso do reembolso", "ID_DOCUMENT_NUMBER", "123.456.789-09"),
]


@pytest.mark.parametrize(("text", "label", "span"), LABELLED_IDS)
def test_labelled_identifiers(
    detector: PrivacyDetector, labels, text: str, label: str, span: str
) -> None:
    assert (label, span) in labels(detector, text)


ID_NEGATIVES = [
    "member of the group since 2019",
    "I've been a member for 2000 days",
    "Medicare paid $1200 for it",
    "my plan covers 3000 mg a day",
    "a group of 1500 people",
    "insurance since 2015 has been great",
    "The insurance paid 4500 dollars",
    "policy changed on 12/03/2022",
    "Lot 3G882B, exp 2025-04, box was crushed",
    "El bolígrafo se rompió. Lote: LP7Y004",
    "Call the 988 crisis line if you need it",
    "the 800 number on the card didn't work",
]


@pytest.mark.parametrize("text", ID_NEGATIVES)
def test_not_an_identifier(detector: PrivacyDetector, text: str) -> None:
    assert detector.analyze(text) == []


PHONES = [
    ("text me on +44 7700 900456 please", "+44 7700 900456"),  # drama range: possible, not valid
    ("+44 7700 900456", "+44 7700 900456"),
    ("my cell is 0044 7700 900456", "0044 7700 900456"),
    ("call (212) 555-0147", "(212) 555-0147"),
    ("my number 212.555.0147", "212.555.0147"),
    ("ring me 07700 900123", "07700 900123"),
    ("call me 020 7946 0321", "020 7946 0321"),
    ("Tel: 030 901820", "030 901820"),
    ("+49 171 2345678", "+49 171 2345678"),
    ("appelez-moi au 06 12 34 56 78", "06 12 34 56 78"),
    ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("call me on 0412 556 098", "0412 556 098"),
    ("+61 412 556 098", "+61 412 556 098"),
    ("+91 98765 43210", "+91 98765 43210"),
    ("text 555 0119", "555 0119"),
    ("if anyone wants to start a support group text me 813-555-0187", "813-555-0187"),
]


@pytest.mark.parametrize(("text", "span"), PHONES)
def test_phone_formats(detector: PrivacyDetector, labels, text: str, span: str) -> None:
    assert ("PHONE_NUMBER", span) in labels(detector, text)


PERSON_HEALTH = [
    # (a) relation word + name (one or two tokens), any language
    "My granddad Walter Price has AFib and won't take his Eliquis",
    "my buddy Marcus Lee is on methotrexate for his RA",
    "My daughter Emma (14) has been on lexapro since October",
    "My sister Michelle has been on Lexapro for years",
    "my neighbour Kevin Doyle started Cymbalta last month",
    "my coworker Dana Whitfield had a panic attack at work",
    "My patient Daniel Hughes, 67, came in after a GI bleed",
    "My husband Greg, 54, just had his second stent.",
    "Any advice for my husband Greg Tanaka? He was diagnosed with an arrhythmia in June",
    "our doctor diagnosed my twins Mason and Ava with ADHD",
    "My brother-in-law Steve Nakamura has a cholesterol of 320",
    "Kathleen O'Brien (my mom) has been on Humira for RA",
    "mi tía Rosa López tiene artritis",
    "Mein Vater Klaus Becker nimmt Xarelto und ist gestürzt",
    "ma mère Sylvie a un cancer du sein",
    # (b) @-mention of a full name with health information
    "@Denise Okoro I hope your colitis flare settles soon",
    "@Tyler Reyes this is the one your psychiatrist put you on right??",
    "@Nina Park you were on effexor for like 5 years right?",
    "replying to @Gina Castellano same here, zoloft gave me night sweats too",
    # (c) a full name, the subject of the health clause
    "Rebecca Thornton from my church swears by this, she's been pain free for a year",
    "Danielle Ortiz has PTSD from the army",
    # self-introduction with own health
    "I'm Carla Mendes, I've had MS for 12 years",
]


@pytest.mark.parametrize("text", PERSON_HEALTH)
def test_named_person_with_health(detector: PrivacyDetector, labels, text: str) -> None:
    assert "PERSON_HEALTH" in [label for label, _ in labels(detector, text)]


PERSON_NEGATIVES = [
    "Thanks Dr Smith!",
    "Happy birthday to my amazing therapist Dr. Linda Okafor, you've helped so many people",
    "Shout out to Tom Reilly at the Walgreens, he fixed my Ozempic claim",
    "@Kevin Harper great post, totally agree",
    "@Mia Torres this is the ad I was telling you about lol",
    "@Greg same!! my dad's on it too and his bruises look like that",
    "@Linda I'm so sorry you went through that. Please talk to your doctor",
    "Don't be such a Karen about your meds",
    "my friend Sarah recommended this and my anxiety is gone",
    "My grandma took an aspirin every day of her life and lived to 98",
    "My husband has been on Xarelto for 2 years and bruises easily",
    "Mein Sohn (9) bekommt Effexor gegen seine Angst",
    "El bolígrafo de Ozempic se rompió al sacarlo de la caja",
    "I have RA and Humira changed my life",
    "Zoloft gave me awful depression",
]


@pytest.mark.parametrize("text", PERSON_NEGATIVES)
def test_not_a_named_health_disclosure(detector: PrivacyDetector, text: str) -> None:
    assert detector.analyze(text) == []


DATES_OF_BIRTH = [
    ("Mein Vater, geb. 14.03.1950, nimmt Xarelto", "14.03.1950"),
    ("geboren am 3. März 1950", "3. März 1950"),
    ("je suis née le 3 mars 1980", "3 mars 1980"),
    ("né le 12/04/1975", "12/04/1975"),
    ("nacido el 5 de mayo de 1990", "5 de mayo de 1990"),
    ("nascido em 12/12/1970", "12/12/1970"),
    ("DOB: 3/4/85", "3/4/85"),
    ("born 3/4/85, on it since 2019", "3/4/85"),
]


@pytest.mark.parametrize(("text", "span"), DATES_OF_BIRTH)
def test_dates_of_birth_in_other_formats(
    detector: PrivacyDetector, labels, text: str, span: str
) -> None:
    assert ("DATE_OF_BIRTH", span) in labels(detector, text)


ADDRESSES = [
    ("I'm at 42 Elm St Apt 3, Springfield", "42 Elm St Apt 3, Springfield"),
    ("we're at 17 Maple Avenue, Leeds LS6 2QF", "17 Maple Avenue, Leeds LS6 2QF"),
]


@pytest.mark.parametrize(("text", "span"), ADDRESSES)
def test_addresses_in_comments(detector: PrivacyDetector, labels, text: str, span: str) -> None:
    assert ("STREET_ADDRESS", span) in labels(detector, text)


@pytest.mark.parametrize(
    "text", ["My grandma lived to 98", "We moved to 3 different cities", "Started on 03/14"]
)
def test_numbers_after_address_words_are_not_addresses(
    detector: PrivacyDetector, text: str
) -> None:
    assert detector.analyze(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My sister Michelle has been on Lexapro", True),  # no digit, no @: name + medicine
        ("my cancer is back", False),  # no capitalised word that could be a name
        ("Great video, love it", False),  # a name maybe, but no health word
        ("call 555-201-3344", True),
        ("@Sam hi", True),
    ],
)
def test_prefilter(text: str, expected: bool) -> None:
    assert could_disclose(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("I love Zoloft and my depression is gone", False), ("Jane Roe has lupus", True)],
)
def test_ner_only_for_real_name_candidates(text: str, expected: bool) -> None:
    assert needs_ner(text) is expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("she has AFib and RA", ["AFib", "RA"]),
        ("ra ra ra, ms marvel", []),  # acronyms only count in upper case
        ("on methotrexate for psoriasis", ["methotrexate", "psoriasis"]),
        ("full blown panic attacks", ["panic attacks"]),
        ("mi tía tiene artritis", ["artritis"]),
    ],
)
def test_health_lexicon(text: str, found: list[str]) -> None:
    assert [t.text for t in health_terms_in(text)] == found


@pytest.mark.parametrize(
    ("word", "expected"), [("Zoloft", True), ("AFib", True), ("Walter", False), ("Price", False)]
)
def test_health_words_are_never_names(word: str, expected: bool) -> None:
    assert is_health_word(word) is expected


@pytest.mark.timeout(60)
def test_one_megabyte_is_capped_and_still_scans_the_tail(detector: PrivacyDetector) -> None:
    text = ("lorem ipsum dolor, my sister Ann has cancer. call 555-201-3344 " * 20_000)[:999_000]
    text += " my insurance ID is UHC 9087 6654 321"
    [flag] = detector.analyze(text)  # ~5 s on the 2-core box (was ~25 s uncapped)
    assert all(text[e.start : e.end] == e.text for e in flag.evidence)
    tail = detector.analyze("x " * 60_000 + "my insurance ID is UHC 9087 6654 321")
    assert ("INSURANCE_NUMBER", "9087 6654 321") in [(e.label, e.text) for e in tail[0].evidence]
