"""Medical record / patient / hospital numbers, recognised only after their label.

An MRN has no checksum or fixed shape; what makes "483920" an MRN is the "MRN" in front of
it, so the label is part of the pattern and only the identifier is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer

_PATTERN = re.compile(
    r"\b(?:mrn|medical[ -]record(?:s)?(?:[ -](?:number|num|no|id))?|patient[ -](?:id|number|no)|"
    r"hospital[ -](?:number|no|id)|chart[ -](?:number|no))"
    r"\s*(?:#|no\.?|number)?\s*(?:is|:|=|-)?\s*#?\s*"
    r"(?P<id>[A-Z]{0,4}-?\d[\d-]{3,14}[A-Z]?)(?![\w-])",
    re.IGNORECASE,
)


class MedicalRecordNumberRecognizer(OwnRecognizer):
    """Labelled medical record numbers."""

    ENTITY = "MEDICAL_RECORD_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield the identifier after an MRN / patient-id label."""
        for m in _PATTERN.finditer(text):
            if sum(c.isdigit() for c in m.group("id")) >= 4:
                yield m.start("id"), m.end("id"), 0.85, "identifier labelled as medical record"
