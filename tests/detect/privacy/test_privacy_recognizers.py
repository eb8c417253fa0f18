"""Table tests per recognizer: positives and hard negatives through the whole detector."""

from __future__ import annotations

import pytest

from moderator.detect.privacy import PrivacyDetector
from moderator.detect.privacy.recognizers.card_number import luhn_ok
from moderator.detect.privacy.recognizers.nhs_number import nhs_checksum_ok

PHONES = [
    ("call me at 555-201-3344", "555-201-3344"),
    ("ring me on +44 20 7946 0958 after six", "+44 20 7946 0958"),
    ("meine Nummer: +49 30 901820", "+49 30 901820"),
    ("whatsapp +91 98765 43210", "+91 98765 43210"),
    ("Phone: 0490 75 40 81", "0490 75 40 81"),
    ("They're not answering at (602) 272-9781", "(602) 272-9781"),
    ("Fax: 345-899-3560x4587", "345-899-3560x4587"),
    ("mobile 07700 900123", "07700 900123"),
]


@pytest.mark.parametrize(("text", "span"), PHONES)
def test_phone_numbers(detector: PrivacyDetector, labels, text: str, span: str) -> None:
    assert ("PHONE_NUMBER", span) in labels(detector, text)


def test_us_phone_is_not_an_nhs_number(detector: PrivacyDetector, labels) -> None:
    found = labels(detector, "call me at 555-201-3344")
    assert found == [("PHONE_NUMBER", "555-201-3344")]


NHS = [
    ("my NHS number is 943 476 5919", "943 476 5919"),
    ("NHS no: 9434765919", "9434765919"),
]


@pytest.mark.parametrize(("text", "span"), NHS)
def test_nhs_numbers(detector: PrivacyDetector, labels, text: str, span: str) -> None:
    assert labels(detector, text) == [("NHS_NUMBER", span)]


@pytest.mark.parametrize(
    "text",
    [
        "order 943 476 5919 arrived",  # valid checksum, no NHS word
        "NHS waiting list is 18 months",  # NHS word, no number
    ],
)
def test_nhs_negatives(detector: PrivacyDetector, labels, text: str) -> None:
    assert "NHS_NUMBER" not in [label for label, _ in labels(detector, text)]


# A labelled ten-digit NHS number is a disclosure even with a mistyped check digit; it scores
# lower than a checksum-valid one. (This used to be a negative: that contradicted the rule.)
@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("my NHS number is 943 476 5918", "943 476 5918"),
        ("NHS number 401 823 6650 — I was given Zoloft", "401 823 6650"),
        ("NHS no. 485 777 3456 - can you send me the leaflet", "485 777 3456"),
    ],
)
def test_nhs_number_with_failing_checksum(detector: PrivacyDetector, text: str, span: str) -> None:
    [flag] = detector.analyze(text)
    assert [(e.label, e.text) for e in flag.evidence] == [("NHS_NUMBER", span)]
    assert 0.5 < flag.score < 0.95


# 555-201-3344 passes the checksum too: that is why the recognizer also needs "NHS" nearby.
@pytest.mark.parametrize(
    ("digits", "ok"), [("9434765919", True), ("9434765918", False), ("5552013344", True)]
)
def test_nhs_checksum(digits: str, ok: bool) -> None:
    assert nhs_checksum_ok(digits) is ok


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("DOB 03/04/1985", "DATE_OF_BIRTH", "03/04/1985"),
        ("I was born on 12 May 1990 in Leeds", "DATE_OF_BIRTH", "12 May 1990"),
        ("my birthday is May 12th, so treat me", "DATE_OF_BIRTH", "May 12th"),
        ("Date of birth: 1985-04-03", "DATE_OF_BIRTH", "1985-04-03"),
        ("MRN: 00483920 at St Mary's", "MEDICAL_RECORD_NUMBER", "00483920"),
        ("my medical record number is A123456", "MEDICAL_RECORD_NUMBER", "A123456"),
        ("policy number ABC1234567", "INSURANCE_NUMBER", "ABC1234567"),
        ("Member ID: XYZ98765432", "INSURANCE_NUMBER", "XYZ98765432"),
        ("my driver's license number is F162823540116", "ID_DOCUMENT_NUMBER", "F162823540116"),
        ("mail me: jane.doe@example.co.uk", "EMAIL_ADDRESS", "jane.doe@example.co.uk"),
        ("my card 4111 1111 1111 1111 was charged twice", "CREDIT_CARD", "4111 1111 1111 1111"),
        ("card number 630427373398 is lost", "CREDIT_CARD", "630427373398"),
        ("my ssn is 460-89-9847", "US_SSN", "460-89-9847"),
        ("my iban is GB56HXDO88167774656119", "IBAN_CODE", "GB56HXDO88167774656119"),
    ],
)
def test_identifiers(detector: PrivacyDetector, labels, text: str, label: str, span: str) -> None:
    assert (label, span) in labels(detector, text)


ADDRESSES = [
    ("I live at 221B Baker Street, London NW1 6XE", "221B Baker Street, London NW1 6XE"),
    ("send it to 1600 Pennsylvania Ave NW, Washington", "1600 Pennsylvania Ave NW, Washington"),
    ("12 High St, London SW1A 1AA", "12 High St, London SW1A 1AA"),
    ("PSC 0729, Box 5797\nAPO AP 96854", "PSC 0729, Box 5797\nAPO AP 96854"),
    ("write to P.O. Box 149", "P.O. Box 149"),
    ("meet me at Rue de la Gare 12", "Rue de la Gare 12"),
    ("28245 Puruntie 82 Apt. 595\nLAPPEENRANTA", "28245 Puruntie 82 Apt. 595\nLAPPEENRANTA"),
]


@pytest.mark.parametrize(("text", "span"), ADDRESSES)
def test_street_addresses(detector: PrivacyDetector, labels, text: str, span: str) -> None:
    assert ("STREET_ADDRESS", span) in labels(detector, text)


PERSON_HEALTH = [
    "my brother Tom has HIV",
    "My sister Jane Doe has stage 4 breast cancer",
    "John Smith from our church is on chemo",
    "please pray for my mum Margaret, she had a stroke last night",
]


@pytest.mark.parametrize("text", PERSON_HEALTH)
def test_person_tied_to_health(detector: PrivacyDetector, labels, text: str) -> None:
    assert "PERSON_HEALTH" in [label for label, _ in labels(detector, text)]


NOTHING = [
    "Thanks Dr Smith!",
    "Love this, Maria",
    "I moved to Chicago last year and love it",
    "I was in Paris on 12 May 2020",
    "my cancer is back and the chemo is rough",
    "Dr Patel said my tumour is shrinking",
    "Took 20 mg for 3 weeks, then 40 mg",
    "Zoloft gave me awful depression",
    "I walked 5 miles down the road today",
    "John Smith posted a great video",
    "member of the group since 2019",
    "We ordered 3 boxes on 2021-04-03",
    "<b>Great</b> product &amp; fast delivery!",
]


@pytest.mark.parametrize("text", NOTHING)
def test_not_a_disclosure(detector: PrivacyDetector, text: str) -> None:
    assert detector.analyze(text) == []


@pytest.mark.parametrize(
    ("digits", "ok"), [("4111111111111111", True), ("4111111111111112", False)]
)
def test_luhn(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok
