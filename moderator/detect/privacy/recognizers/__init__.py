"""Our own privacy recognizers, one per module, plus the list the engine registers."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    IpRecognizer,
    UsSsnRecognizer,
)

from .card_number import CardNumberRecognizer
from .date_of_birth import DateOfBirthRecognizer
from .email import OfflineEmailRecognizer
from .id_document_number import IdDocumentNumberRecognizer
from .insurance_number import InsuranceNumberRecognizer
from .medical_record_number import MedicalRecordNumberRecognizer
from .nhs_number import NhsNumberRecognizer
from .person_health import PersonHealthRecognizer
from .phone import PhoneNumberRecognizer
from .social_security import LabelledSsnRecognizer
from .street_address import StreetAddressRecognizer

__all__ = [
    "CardNumberRecognizer",
    "DateOfBirthRecognizer",
    "IdDocumentNumberRecognizer",
    "InsuranceNumberRecognizer",
    "LabelledSsnRecognizer",
    "MedicalRecordNumberRecognizer",
    "NhsNumberRecognizer",
    "OfflineEmailRecognizer",
    "PersonHealthRecognizer",
    "PhoneNumberRecognizer",
    "StreetAddressRecognizer",
    "build_recognizers",
]


def build_recognizers(nlp_available: bool) -> list[EntityRecognizer]:
    """Every recognizer the privacy detector uses, fresh instances each call.

    Presidio's credit-card (Luhn), SSN, IBAN (checksum) and IP recognizers are kept as
    they are; our own cover phones, e-mail (offline), dates of birth, health identifiers,
    addresses and the person-health link.
    """
    return [
        PhoneNumberRecognizer(),
        OfflineEmailRecognizer(),
        DateOfBirthRecognizer(),
        NhsNumberRecognizer(),
        MedicalRecordNumberRecognizer(),
        InsuranceNumberRecognizer(),
        IdDocumentNumberRecognizer(),
        StreetAddressRecognizer(),
        PersonHealthRecognizer(name_pattern_fallback=not nlp_available),
        CardNumberRecognizer(),
        CreditCardRecognizer(),
        UsSsnRecognizer(),
        LabelledSsnRecognizer(),
        IbanRecognizer(),
        IpRecognizer(),
    ]
