"""Medical record / patient / chart / prescription numbers, recognised only after their label.

An MRN has no checksum or fixed shape; what makes "483920" an MRN is the "MRN" in front of
it ("MRN: 00483920", "my MRN at Kaiser is 11-482-9931", "patient ID at the clinic is
CMC-0098812"), so the label is required and only the identifier is reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._base import OwnRecognizer
from ._labelled import compile_labels, labelled_ids

_PATTERN = compile_labels(
    r"(?i:mrn|medical[ -]records?(?:[ -](?:number|num|no|id))?|patient[ -](?:id|number|no|#)|"
    r"hospital[ -](?:number|no|id)|chart[ -](?:number|no|#|id)|record[ -](?:number|no|#)|"
    r"rx[ -]?(?:number|no|#)|prescription[ -](?:number|no|#)|n[º°]\s*de\s*paciente|"
    r"patientennummer|numéro de patient|número de (?:historia|paciente))"
)


class MedicalRecordNumberRecognizer(OwnRecognizer):
    """Labelled medical record numbers."""

    ENTITY = "MEDICAL_RECORD_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield the identifier after an MRN / patient-id label."""
        for found in labelled_ids(text, _PATTERN):
            yield found.start, found.end, 0.85, "identifier labelled as medical record"
