"""Driver's licence and passport numbers, recognised only after their label.

Presidio's US driver-licence patterns match almost any word with digits (score 0.01-0.3)
and lean on context to climb; a labelled pattern is both stricter and surer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer

_PATTERN = re.compile(
    r"(?:\b(?:driver'?s?'?|driving)[ -]licen[cs]e|\bpassport|\bDL)"
    r"(?:[ -](?:number|num|no\.?|#|id))?\s*(?:is|:|=|-)?\s*#?\s*"
    r"(?P<id>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,19})(?![\w-])",
    re.IGNORECASE,
)


class IdDocumentNumberRecognizer(OwnRecognizer):
    """Labelled driver's licence and passport numbers."""

    ENTITY = "ID_DOCUMENT_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield the id after a licence or passport label."""
        for m in _PATTERN.finditer(text):
            if sum(c.isdigit() for c in m.group("id")) >= 4:
                yield m.start("id"), m.end("id"), 0.85, "identifier labelled as licence/passport"
