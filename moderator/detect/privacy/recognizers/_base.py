"""Shared plumbing for our own recognizers (not a recognizer itself).

Presidio's ``PatternRecognizer`` reports the whole regex match and can only *raise* a score
when context words are near; several of our identifiers are only identifiers *because* of
the words in front of them ("NHS number", "MRN"), so our recognizers check their own context
in plain ``re`` and report just the identifying group. That also keeps them working when no
spaCy model (and so no lemmas for Presidio's context enhancer) is installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts


class OwnRecognizer(LocalRecognizer):
    """A local recognizer for one entity that yields ``(start, end, score, why)`` spans."""

    ENTITY: str = ""

    def __init__(self) -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language="en")

    def load(self) -> None:
        """Nothing to load: patterns are compiled at import time."""

    def find(self, text: str, nlp_artifacts: NlpArtifacts | None) -> Iterable[tuple]:
        """Yield ``(start, end, score, explanation)`` for each finding."""
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Presidio entry point: wrap :meth:`find` results as ``RecognizerResult``."""
        if entities and self.ENTITY not in entities:
            return []
        results = []
        for start, end, score, why in self.find(text, nlp_artifacts):
            results.append(
                RecognizerResult(
                    entity_type=self.ENTITY,
                    start=start,
                    end=end,
                    score=score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name, original_score=score, textual_explanation=why
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results


def words_before(text: str, start: int, width: int = 40) -> str:
    """Lower-cased text in the ``width`` characters before ``start`` (the context window)."""
    return text[max(0, start - width) : start].lower()


def alternation(words: Iterable[str]) -> str:
    """Build a regex alternation of literal words, longest first so prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
