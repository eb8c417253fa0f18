"""Medical record / patient / chart / prescription numbers, recognised only after their label.

An MRN has no checksum or fixed shape; what makes "483920" an MRN is the "MRN" in front of
it ("MRN: 00483920", "my MRN at Kaiser is 11-482-9931", "patient ID at the clinic is
CMC-0098812"), so the label is required and only the identifier is reported.

A patient-support programme file (patient assistance, co-pay card, savings programme,
enrolment) is the patient's record with the maker: "ref PA-2093117" or "application #
55102" in a comment about that programme identifies the patient. The same words next to an
order, a shipment or a MedWatch report do not, so the programme must be named nearby.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer
from ._labelled import compile_labels, labelled_ids

_PATTERN = compile_labels(
    r"(?i:mrn|medical[ -]records?(?:[ -](?:number|num|no|id))?|patient[ -](?:id|number|no|#)|"
    r"hospital[ -](?:number|no|id)|chart[ -](?:number|no|#|id)|record[ -](?:number|no|#)|"
    r"rx[ -]?(?:number|no|#)|prescription[ -](?:number|no|#)|(?:rx|prescription)(?=[ \t]*#)|"
    r"historia[ -]clínica|n[º°]\s*de\s*paciente|"
    r"patientennummer|numéro de patient|número de (?:historia|paciente))"
)

_PROGRAMME_REF = compile_labels(
    r"(?i:ref|reference|application|app|enrol(?:l)?ment|case|file|claim|confirmation)"
)
_PROGRAMME = re.compile(
    r"(?i:patient[ -]assistance|assistance[ -]program|support[ -]program|\bpap\b|\bpsp\b|"
    r"co-?pay|savings[ -](?:card|program)|enrol(?:l)?(?:ment|ed)?\b|claim)"
)
#: How far before a programme reference its programme may be named.
_PROGRAMME_WINDOW = 200


class MedicalRecordNumberRecognizer(OwnRecognizer):
    """Labelled medical record numbers."""

    ENTITY = "MEDICAL_RECORD_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield the identifier after an MRN / patient-id label."""
        for found in labelled_ids(text, _PATTERN):
            yield found.start, found.end, 0.85, "identifier labelled as medical record"
        if _PROGRAMME.search(text) is None:
            return
        for found in labelled_ids(text, _PROGRAMME_REF):
            window = text[max(0, found.start - _PROGRAMME_WINDOW) : found.start]
            if _PROGRAMME.search(window) and (found.marked or not found.text.isdigit()):
                yield found.start, found.end, 0.7, "patient-support programme reference"
