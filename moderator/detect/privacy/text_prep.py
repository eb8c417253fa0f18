"""Make hostile comment text safe to analyse while keeping offsets into the original.

Zero-width characters and bidi overrides are used to dodge filters ("555\u200b-201-3344");
we analyse the text without them and map every offset back. Very long texts are cut into
chunks at whitespace so spaCy (``max_length``) and the context enhancer (results x tokens)
stay bounded; each chunk carries its offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Invisible format characters: zero-width space/joiners, LRM/RLM, bidi embeddings,
#: overrides and isolates, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MAX_CHUNK = 5_000


@dataclass(frozen=True)
class Piece:
    """A cleaned piece of one input text and how to map its offsets back."""

    index: int  # which input text
    text: str  # cleaned chunk
    offset: int  # where the chunk starts in the cleaned text
    origin: tuple[int, ...] | None  # cleaned index -> original index (None: identical)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of this piece to the original input text."""
        start, end = start + self.offset, end + self.offset
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def clean(text: str) -> tuple[str, tuple[int, ...] | None]:
    """Drop invisible characters; return the clean text and an index map (or None)."""
    if not _INVISIBLE.search(text):
        return text, None
    keep = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[i] for i in keep), tuple(keep)


def split(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, chunk)`` pieces of at most ``limit`` characters."""
    if len(text) <= limit:
        return [(0, text)]
    pieces = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + limit)
        if end < len(text):
            cut = max(text.rfind("\n", pos, end), text.rfind(" ", pos, end))
            if cut > pos + limit // 2:
                end = cut + 1
        pieces.append((pos, text[pos:end]))
        pos = end
    return pieces


def prepare(texts: list[str]) -> list[Piece]:
    """Clean and chunk every input text."""
    pieces = []
    for index, text in enumerate(texts):
        cleaned, origin = clean(text)
        for offset, chunk in split(cleaned):
            pieces.append(Piece(index=index, text=chunk, offset=offset, origin=origin))
    return pieces
