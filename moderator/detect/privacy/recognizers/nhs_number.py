"""NHS numbers: ten digits with a valid modulus-11 check digit *and* an NHS word nearby.

Any ten-digit run (a US phone number, an order number) passes the checksum about one time
in eleven, so the checksum alone is not enough: we also require "NHS" (or "health service")
in front of the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer, words_before

_NUMBER = re.compile(r"(?<![\w-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w-])")
_CONTEXT = re.compile(r"\b(?:nhs|national health service|health service|chi)\b")


def nhs_checksum_ok(digits: str) -> bool:
    """Modulus 11 over the first nine digits (weights 10..2); 10 is never valid."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


class NhsNumberRecognizer(OwnRecognizer):
    """UK NHS numbers with checksum and context."""

    ENTITY = "NHS_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield checksummed ten-digit numbers that follow an NHS word."""
        if "nhs" not in text.lower() and "health service" not in text.lower():
            return
        for m in _NUMBER.finditer(text):
            if not nhs_checksum_ok("".join(m.groups())):
                continue
            if _CONTEXT.search(words_before(text, m.start(), 50)):
                yield m.start(), m.end(), 0.95, "NHS number with valid check digit"
