"""E-mail addresses: Presidio's recognizer with an offline public-suffix check.

Presidio's ``EmailRecognizer.validate_result`` calls ``tldextract.extract``, whose module-level
extractor downloads the public suffix list on first use (and caches it under the home
directory). We validate with an extractor that has no suffix-list URLs and no cache
directory, so it uses the snapshot bundled with tldextract and never opens a socket.
"""

from __future__ import annotations

import threading

import tldextract
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer

_lock = threading.Lock()
_extractor: tldextract.TLDExtract | None = None


def offline_extractor() -> tldextract.TLDExtract:
    """Return the process-wide offline extractor (the bundled snapshot is parsed once)."""
    global _extractor
    with _lock:
        if _extractor is None:
            _extractor = tldextract.TLDExtract(
                cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True
            )
        return _extractor


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail regex, validated against the bundled public suffix list."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list:
        """Skip the regex entirely for the vast majority of comments that have no ``@``."""
        if "@" not in text:
            return []
        return super().analyze(text, entities, nlp_artifacts)

    def validate_result(self, pattern_text: str) -> bool:
        """Accept only domains ending in a known public suffix (``.com``, ``.co.uk``...)."""
        return offline_extractor()(pattern_text).fqdn != ""
