"""Identifiers announced by a label: "NHS no. 485 777 3456", "my MRN at Kaiser is 11-482-9931".

Health, insurance and ID-card numbers have no common shape or checksum (an NHS number has
one, but people mistype it); what makes "U7730-21145" an identifier is the label in front
of it. So each identifier recognizer gives a label pattern and this helper finds the id that
follows within a few tokens: filler such as "is", "#", ":", "no.", "at Kaiser", "(Cigna ID"
may stand between, never a sentence end or a word like "since". The id is an alphanumeric
token (or a few space/dash separated groups, "UHC 9087 6654 321", "4567-123-890-AB") with
at least four digits that is not a year, a dose or an amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Filler words allowed between a label and its id (lower case), plus capitalised words
#: (organisation names: "Kaiser", "Children's", "UHC").
_FILLER = (
    r"is|was|are|no\.?|nº|n°|nr\.?|num\.?|number|numbers|id|card|code|at|with|from|"
    r"for|the|my|his|her|our|their|on|file|ending|ends|in|clinic|hospital|office|pharmacy|"
    r"plan|es|est|ist|é|lautet|de|du|la|el|il|do|da|clínica|clinica|clinique|klinik"
)
_FILLER_TOKEN = rf"(?:[#:=(\-–]|(?i:{_FILLER})(?![\w])|[A-Z][A-Za-z'’&]*\.?(?=[ \t)]))"
_MARKER = re.compile(r"(?i:#|:|=|\bno\.?|\bnº|\bn°|\bnr\.?|\bnum\.?|\bnumber|\bid|\bis|\bending)")
#: One id: optional upper-case prefix word, then digit-bearing groups; >= 4 digits overall.
_ID = re.compile(
    r"(?:[A-Z]{1,5}[ \t-]?)?#?(?=[A-Z0-9]*\d)[A-Z0-9]+"
    r"(?:(?:[ \t]|[-./])(?=[A-Z0-9]*\d)[A-Z0-9]+|-[A-Z]{1,3}(?![\w]))*"
)
_NOT_AFTER = re.compile(
    r"[ \t]*(?:mg|mcg|µg|ml|units?|iu|%|lbs?|pounds|kg|years?|yrs?|days?|months?|weeks?|"
    r"hours?|hrs?|times|people|dollars|usd|eur|gbp|pills?|tablets?|am|pm)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")


@dataclass(frozen=True)
class LabelledId:
    """One id found after a label; ``strong`` when an explicit marker ("#", "is") precedes."""

    start: int
    end: int
    text: str
    label: str
    digits: str
    marked: bool


def compile_labels(labels: str) -> re.Pattern[str]:
    """Compile a label alternation into the label-filler-id finder."""
    return re.compile(
        rf"(?<![\w])(?P<label>{labels})(?![\w])"
        rf"(?P<gap>(?:[ \t]*{_FILLER_TOKEN}){{0,6}}[ \t]*)"
        rf"(?P<id>{_ID.pattern})",
    )


def labelled_ids(text: str, pattern: re.Pattern[str]) -> Iterator[LabelledId]:
    """Yield every plausible id that follows a label of ``pattern``."""
    for m in pattern.finditer(text):
        raw = m.group("id").rstrip(" \t.-/")
        start = m.start("id")
        if raw.startswith("#"):
            raw, start = raw[1:], start + 1
        # a trailing lone word-like group ("4471 and") never has digits: the grammar stops it
        digits = "".join(c for c in raw if c.isdigit())
        if len(digits) < 4 or len(digits) > 20:
            continue
        end = start + len(raw)
        if _YEAR.fullmatch(raw) or _DATE.fullmatch(raw) or _NOT_AFTER.match(text, end):
            continue
        if text[max(0, start - 1) : start] in ("$", "£", "€"):
            continue
        marked = bool(_MARKER.search(m.group("gap"))) or raw[:1].isalpha()
        yield LabelledId(start, end, raw, m.group("label"), digits, marked)
