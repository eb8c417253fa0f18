"""Health-insurance policy, member, subscriber and health-card ids, recognised after a label.

Like MRNs these have no universal shape, so the label ("policy number", "member #",
"Medicare number", "insurance ID is UHC 9087 6654 321", "health card number") is required
and only the identifier is reported. Words that are labels only sometimes ("member",
"group", "plan", "policy") also need a marker ("#", "ID", "number", "is", ":") or an id
that starts with letters, so "member of the group since 2019" stays clean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer
from ._labelled import compile_labels, labelled_ids

_STRONG = (
    r"(?:health[ -])?insurance|insurer|subscriber|medicare|medicaid|beneficiary|health[ -]card|"
    r"health[ -]plan|ohip|uhc|cigna|aetna|bcbs|humana|anthem|tricare|optum|"
    r"united[ -]?healthcare|blue[ -]cross|blue[ -]shield|carte[ -]vitale|tarjeta[ -]sanitaria|"
    r"versichertennummer|krankenkasse|krankenversicherung|cartão sus"
)
_WEAK = r"policy|member(?:ship)?|group|plan|account|acct|benefits?"
_PATTERN = compile_labels(rf"(?i:(?P<strong>{_STRONG})|{_WEAK})")
_STRONG_RE = re.compile(rf"(?i:{_STRONG})")


class InsuranceNumberRecognizer(OwnRecognizer):
    """Labelled insurance policy / member ids."""

    ENTITY = "INSURANCE_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield ids that follow an insurance, policy or member label."""
        for found in labelled_ids(text, _PATTERN):
            strong = _STRONG_RE.fullmatch(found.label) is not None
            if strong or found.marked:
                yield found.start, found.end, 0.85, "identifier labelled as insurance id"
