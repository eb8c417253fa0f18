"""Social security numbers announced by their label, including partial ones.

Presidio's ``UsSsnRecognizer`` needs the full 3-2-4 shape; people also write "SSN ending
4471" or "social security number is 123 45 6789". The last four digits next to the label
still identify a person to anyone holding the rest of their record.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._base import OwnRecognizer
from ._labelled import compile_labels, labelled_ids

_PATTERN = compile_labels(
    r"(?i:ssn|social[ -]security(?:[ -](?:number|no\.?|#))?|soc\.?[ -]sec\.?|"
    r"social[ -]insurance[ -]number|numéro de sécu(?:rité sociale)?|"
    r"número de (?:la )?seguridad social)"
)


class LabelledSsnRecognizer(OwnRecognizer):
    """Full or partial social security numbers after an SSN label."""

    ENTITY = "US_SSN"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield the number (or its last digits) after an SSN label."""
        for found in labelled_ids(text, _PATTERN):
            if found.text[:1].isdigit():
                yield found.start, found.end, 0.85, "number labelled as social security number"
