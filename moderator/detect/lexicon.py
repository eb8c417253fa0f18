"""Phrase lexicons matched on token tuples (one dict lookup per n-gram, no per-term regexes).

Why: the symptom list and the lay-condition table hold hundreds of phrases; looping a regex per
phrase over every comment would be slow and easy to get wrong. Tokens get a light plural fold
("headaches" -> "headache") on both sides so one entry covers both forms.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from moderator.detect.text import Prepared

DATA_DIR = Path(__file__).resolve().parent / "data"
_CONTRACTIONS = frozenset(["i'll", "we'll", "he'll", "she'll", "you'll", "it'll", "they'll"])


def fold(word: str) -> str:
    """Light, consistent normalisation: apostrophes out, simple plural 's' dropped."""
    if word in _CONTRACTIONS:
        return word  # "i'll" is not "ill"
    word = word.replace("'", "")
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(fold(t.text) for t in Prepared(phrase).tokens)


@dataclass(frozen=True)
class Hit:
    """A lexicon phrase found in cleaned text (offsets index the cleaned text)."""

    value: str
    start: int
    end: int


class PhraseLexicon:
    """Longest-match phrase lookup over a prepared text's tokens."""

    def __init__(self, entries: dict[str, str]) -> None:
        self._table: dict[tuple[str, ...], str] = {}
        for phrase, value in entries.items():
            key = phrase_key(phrase)
            if key:
                self._table.setdefault(key, value)
        self._max_n = max((len(k) for k in self._table), default=1)

    def find(self, prep: Prepared, start: int = 0, end: int | None = None) -> list[Hit]:
        """Non-overlapping longest matches, optionally only within ``[start, end)`` (cleaned)."""
        toks = [t for t in prep.tokens if t.start >= start and (end is None or t.end <= end)]
        words = [fold(t.text) for t in toks]
        out: list[Hit] = []
        i = 0
        while i < len(toks):
            for n in range(min(self._max_n, len(toks) - i), 0, -1):
                value = self._table.get(tuple(words[i : i + n]))
                if value is not None:
                    out.append(Hit(value, toks[i].start, toks[i + n - 1].end))
                    i += n
                    break
            else:
                i += 1
        return out


@lru_cache(maxsize=1)
def symptoms() -> PhraseLexicon:
    """Adverse-event terms from data/symptoms.txt (value = the phrase itself)."""
    lines = (DATA_DIR / "symptoms.txt").read_text(encoding="utf-8").splitlines()
    terms = [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]
    return PhraseLexicon({t: t for t in terms})


@lru_cache(maxsize=1)
def conditions() -> PhraseLexicon:
    """Lay-term table from data/conditions.toml (value = condition id)."""
    data = tomllib.loads((DATA_DIR / "conditions.toml").read_text(encoding="utf-8"))
    entries: dict[str, str] = {}
    # Longer phrases first so that setdefault keeps the most specific mapping.
    # "<id>_extra" entries extend "<id>" (TOML keys must be unique; lists stay readable).
    pairs = [
        (p, cid.removesuffix("_extra"))
        for cid, phrases in data["conditions"].items()
        for p in phrases
    ]
    for phrase, cid in sorted(pairs, key=lambda pc: -len(pc[0])):
        entries.setdefault(phrase.lower(), cid)
    return PhraseLexicon(entries)
