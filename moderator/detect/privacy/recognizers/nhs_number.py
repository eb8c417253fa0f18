"""NHS numbers: ten digits after an NHS word, surest with a valid modulus-11 check digit.

Any ten-digit run (a US phone number, an order number) passes the checksum about one time
in eleven, so the checksum alone is not enough: we also require "NHS" (or "health
service", "CHI") in front of the number. The reverse also holds: a ten-digit number a
commenter *labels* as their NHS number is a disclosure even when they mistyped a digit and
the checksum fails ("NHS no. 485 777 3456"), so it is reported with a lower score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer, words_before
from ._labelled import compile_labels, labelled_ids

_NUMBER = re.compile(r"(?<![\w-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w-])")
_CONTEXT = re.compile(r"\b(?:nhs|national health service|health service|chi)\b")
_LABELLED = compile_labels(r"(?i:nhs|national health service|health service|chi)")


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
    """UK NHS numbers with context; checksum-valid ones score highest."""

    ENTITY = "NHS_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield ten-digit numbers that follow an NHS word."""
        lowered = text.lower()
        if "nhs" not in lowered and "health service" not in lowered and "chi" not in lowered:
            return
        seen: set[int] = set()
        for m in _NUMBER.finditer(text):
            if not nhs_checksum_ok("".join(m.groups())):
                continue
            if _CONTEXT.search(words_before(text, m.start(), 50)):
                seen.add(m.start())
                yield m.start(), m.end(), 0.95, "NHS number with valid check digit"
        for found in labelled_ids(text, _LABELLED):
            if found.start in seen or len(found.digits) != 10 or not found.text[:1].isdigit():
                continue
            yield found.start, found.end, 0.75, "ten-digit number labelled as NHS number"
