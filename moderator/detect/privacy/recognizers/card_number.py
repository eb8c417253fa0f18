"""Payment card numbers that Presidio's card regex misses.

Presidio's pattern covers the common 13-16 digit cards with known prefixes; people also
post 12-19 digit Maestro, Mastercard 2-series and UnionPay numbers. A Luhn-valid run of
12-19 digits after "card"/"cc" is a card number; without the word it needs a valid Luhn
check *and* 15-19 digits, which a phone number or an order number rarely has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer, words_before

_NUMBER = re.compile(r"(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w-])")
_LABEL = re.compile(r"\b(?:card|cc|visa|mastercard|amex|maestro|debit|credit)\b[^\d\n]{0,20}$")


def luhn_ok(digits: str) -> bool:
    """Run the Luhn (mod 10) check used by every payment card number."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class CardNumberRecognizer(OwnRecognizer):
    """Luhn-valid card numbers, with or without a card word in front."""

    ENTITY = "CREDIT_CARD"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield Luhn-valid digit runs that read as card numbers."""
        for m in _NUMBER.finditer(text):
            digits = re.sub(r"\D", "", m.group(0))
            labelled = bool(_LABEL.search(words_before(text, m.start(), 30)))
            if labelled and luhn_ok(digits):
                yield m.start(), m.end(), 0.95, "card number after a card word (Luhn valid)"
            elif labelled:
                yield m.start(), m.end(), 0.6, "number after a card word"
            elif len(digits) >= 15 and luhn_ok(digits):
                yield m.start(), m.end(), 0.6, "Luhn-valid 15-19 digit number"
