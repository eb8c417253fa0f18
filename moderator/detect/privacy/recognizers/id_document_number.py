"""Driver's licence, passport and national id numbers, recognised only after their label.

Presidio's US driver-licence patterns match almost any word with digits (score 0.01-0.3)
and lean on context to climb; a labelled pattern is both stricter and surer.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._base import OwnRecognizer
from ._labelled import compile_labels, labelled_ids

_PATTERN = compile_labels(
    r"(?i:(?:driver'?s?'?|driving)[ -]licen[cs]e|passport|licen[cs]e[ -](?:number|no|#)|"
    r"national[ -](?:insurance|id)|ni[ -]number|cpf|dni|nie|rg|curp|"
    r"numéro de sécurité sociale|sozialversicherungsnummer|steuer-?id|personalausweis)"
    r"|\bDL\b|\bSIN\b"
)


class IdDocumentNumberRecognizer(OwnRecognizer):
    """Labelled driver's licence, passport and national id numbers."""

    ENTITY = "ID_DOCUMENT_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield the id after a licence, passport or national-id label."""
        for found in labelled_ids(text, _PATTERN):
            yield found.start, found.end, 0.85, "identifier labelled as licence/passport/id"
