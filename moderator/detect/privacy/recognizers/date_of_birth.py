"""Dates of birth: a date that follows "DOB", "date of birth", "born (on)" or "birthday".

A bare date is not a disclosure (people date their reviews); a date someone says they
were born on is. A full date scores high; a birthday without a year, lower but still over
the default threshold because it is a common security question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    # fr / es / pt / de / it month names
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|"
    r"outubro|novembro|dezembro|januar|februar|märz|juni|juli|oktober|dezember|gennaio|"
    r"febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\.?"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE = (
    rf"(?P<date>\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})"
    rf"|{_YEAR}-\d{{1,2}}-\d{{1,2}}"
    rf"|{_DAY}\.?\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}"
    rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR}"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z])"
    rf"|{_MONTH}\s+{_DAY}(?![\d:])"
    rf"|(?:in\s+)?{_YEAR})"
)
_LABEL = (
    r"(?:\bd\.?o\.?b\.?|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthdate|\bbirthday"
    r"|\bborn|\bgeb\.|\bgeboren|\bgeburtsdatum|\bgeburtstag|\bnée?\b|\bdate\s+de\s+naissance"
    r"|\bnacid[oa]s?|\bfecha\s+de\s+nacimiento|\bf\.\s?nac\.|\bnascid[oa]|\bdata\s+de\s+nascimento"
    r"|\bnat[oa]|\bdata\s+di\s+nascita|\bgeboortedatum|\burodzon[ya]|\bdata\s+urodzenia)"
)
_PATTERN = re.compile(
    rf"{_LABEL}\s*(?:is|was|es|est|ist|é|è|:|-|=)?\s*(?:on|in|am|le|el|em|il|a|à|en|op)?\s*"
    rf"(?:the\s+)?{_DATE}(?![\w/])",
    re.IGNORECASE,
)
#: Cheap gate: any of these substrings must occur before the regex runs.
_GATE = (
    "born",
    "birth",
    "dob",
    "d.o.b",
    "geb",
    "né",
    "nacid",
    "nacimiento",
    "nascid",
    "nascimento",
    "nat",
    "naissance",
    "nascita",
    "geboorte",
    "urodz",
)
_HAS_YEAR = re.compile(rf"{_YEAR}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2}}")


class DateOfBirthRecognizer(OwnRecognizer):
    """Dates introduced as a date of birth."""

    ENTITY = "DATE_OF_BIRTH"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield the date part after a birth label."""
        lowered = text.lower()
        if not any(word in lowered for word in _GATE):
            return
        for m in _PATTERN.finditer(text):
            date = m.group("date")
            start = m.start("date")
            if date.lower().startswith("in "):  # "born in 1990": an age, not a birth date
                yield start + 3, m.end("date"), 0.4, "birth year only"
                continue
            if re.fullmatch(_YEAR, date):
                yield start, m.end("date"), 0.4, "birth year only"
                continue
            full = bool(_HAS_YEAR.search(date))
            score = 0.9 if full else 0.65
            yield start, m.end("date"), score, "date given as a date of birth"
