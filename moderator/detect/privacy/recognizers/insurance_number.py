"""Health-insurance policy, member and subscriber ids, recognised after their label.

Like MRNs these have no universal shape, so the label ("policy number", "member ID",
"Medicare number") is required and only the identifier is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer

_PATTERN = re.compile(
    r"\b(?:(?:health[ -])?insurance(?:[ -](?:policy|member|card))?|policy|member(?:ship)?|"
    r"subscriber|medicare|medicaid|group|plan|beneficiary)"
    r"[ -]?(?:id|number|num|no\.?|#)\s*(?:is|:|=|-)?\s*#?\s*"
    r"(?P<id>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,19})(?![\w-])",
    re.IGNORECASE,
)


class InsuranceNumberRecognizer(OwnRecognizer):
    """Labelled insurance policy / member ids."""

    ENTITY = "INSURANCE_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield ids that follow an insurance, policy or member label."""
        for m in _PATTERN.finditer(text):
            if sum(c.isdigit() for c in m.group("id")) >= 4:
                yield m.start("id"), m.end("id"), 0.85, "identifier labelled as insurance id"
