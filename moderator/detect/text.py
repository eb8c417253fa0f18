"""Text preparation shared by every detector: bounded, cleaned, tokenised, with offset mapping.

Comments are hostile input (1 MB pastes, zero-width joiners inside brand names, RTL marks, HTML).
Detectors work on a *cleaned* copy of at most ``MAX_CHARS`` characters: invisible format
characters are dropped and letters lower-cased one for one, and ``to_original`` maps any cleaned
offset back to the comment's own offsets so evidence always indexes the original ``text``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

MAX_CHARS = 20_000


def _mark_ranges() -> str:
    r"""Every combining mark (Unicode M*) of the Basic Multilingual Plane as a regex class body.

    Python's ``\w`` leaves out combining marks, so Devanagari, Bengali or Thai words, whose
    vowel signs are marks ("पैरों"), and Arabic with its vowel points fell apart into letters.
    """
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# Tokens: letters/digits with inner apostrophes or combining marks ("don't", "पैरों");
# bounded, linear.
_TOKEN_RE = re.compile(r"[^\W_](?:[\w'’" + _mark_ranges() + r"]{0,60})", re.UNICODE)
# Sentence ends: ! ? ; line breaks, spaced dashes, and a full stop that is not inside a number,
# an e-mail address or a web address ("9.2", "jo.smith@x.com", "www.x.biz" stay whole).
_SENT_END_RE = re.compile(r"(?:[!?;\n]|(?<!\.)\.(?![a-z0-9.]))+|\s[-–—]\s")


@dataclass(frozen=True)
class Token:
    """A word in the cleaned text; ``start``/``end`` index the cleaned text."""

    text: str
    start: int
    end: int
    index: int


@dataclass(frozen=True)
class Sentence:
    """A sentence span in the cleaned text plus whether it reads as a question."""

    start: int
    end: int
    text: str
    is_question: bool


def _clean(text: str) -> tuple[str, list[int]]:
    """Drop format characters (Cf: zero-width, bidi marks), lower-case, keep an offset map."""
    chars: list[str] = []
    mapping: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            chars.append(ch.lower())
            mapping.append(i)
            continue
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        if ch in "’‘`´":
            ch = "'"
        elif cat.startswith("Z"):
            ch = " "
        low = ch.lower()
        chars.append(low if len(low) == 1 else ch)
        mapping.append(i)
    return "".join(chars), mapping


class Prepared:
    """A comment made ready for the detectors; build once and share between them."""

    def __init__(self, text: str, limit: int = MAX_CHARS) -> None:
        self.original = text or ""
        self.truncated = len(self.original) > limit
        self.clean, self._map = _clean(self.original[:limit])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned span to offsets in the original text (end exclusive)."""
        if not self._map:
            return 0, 0
        start = min(max(start, 0), len(self._map) - 1)
        end = min(max(end, start + 1), len(self._map))
        return self._map[start], self._map[end - 1] + 1

    def original_span(self, start: int, end: int) -> tuple[int, int, str]:
        """Original offsets and the original text of a cleaned span."""
        s, e = self.to_original(start, end)
        return s, e, self.original[s:e]

    @cached_property
    def tokens(self) -> list[Token]:
        return [
            Token(m.group(0).strip("'"), m.start(), m.start() + len(m.group(0).rstrip("'")), i)
            for i, m in enumerate(_TOKEN_RE.finditer(self.clean))
        ]

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        pos = 0
        clean = self.clean
        for m in _SENT_END_RE.finditer(clean):
            if m.start() > pos:
                out.append(_sentence(clean, pos, m.start(), "?" in m.group(0)))
            pos = m.end()
        if pos < len(clean):
            out.append(_sentence(clean, pos, len(clean), False))
        return [s for s in out if s.text.strip()]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing a cleaned offset."""
        idx = bisect_right(self._sentence_starts, offset) - 1
        if idx >= 0 and offset < self.sentences[idx].end:
            return self.sentences[idx]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]


def _sentence(clean: str, start: int, end: int, question: bool) -> Sentence:
    while start < end and clean[start].isspace():
        start += 1
    return Sentence(start, end, clean[start:end], question)
