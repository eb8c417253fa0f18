"""E-mail addresses: Presidio's recognizer with an offline public-suffix check.

People also spell the ``@`` out to dodge scrapers ("rosa.d (at) yahoo.com", "tom at gmail
dot com"); that is still their address, so a second pattern reads the spelled-out forms. A
bare " at " is a common word, so that form needs a well-known mail provider as the domain.

Presidio's ``EmailRecognizer.validate_result`` calls ``tldextract.extract``, whose module-level
extractor downloads the public suffix list on first use (and caches it under the home
directory). We validate with an extractor that has no suffix-list URLs and no cache
directory, so it uses the snapshot bundled with tldextract and never opens a socket.
"""

from __future__ import annotations

import re
import threading

import tldextract
from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer

_TLD = (
    r"(?:com|net|org|edu|gov|info|co\.uk|org\.uk|ie|ca|au|de|fr|es|it|nl|be|ch|at|pt|br|mx|"
    r"in|me|io)"
)
_PROVIDERS = (
    r"gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|icloud|me|mac|aol|proton(?:mail)?|"
    r"pm|gmx|web|mail|orange|wanadoo|free|sfr|libero|virgilio|uol|bol|terra|comcast|att|"
    r"verizon|sbcglobal|btinternet|sky|shaw|rogers|telus|bigpond|optusnet|t-online"
)
_LOCAL = r"(?<![\w.@])(?P<local>[A-Za-z0-9](?:[\w.+\-]{0,40}[A-Za-z0-9])?)"
_DOT = r"(?:[ \t]*(?:\.|[(\[{]dot[)\]}])[ \t]*|[ \t]+dot[ \t]+)"
#: "name (at) domain.com", "name [at] domain [dot] com", "name AT domain DOT org".
_BRACKETED = re.compile(
    rf"{_LOCAL}[ \t]*(?:(?i:[(\[{{]at[)\]}}])|[ \t]AT[ \t])[ \t]*[A-Za-z0-9\-]{{2,40}}"
    rf"(?i:{_DOT}{_TLD})\b"
)
#: "rosa.delgado at gmail dot com", "tom_b at yahoo": a plain " at " needs a mail provider.
_PLAIN = re.compile(
    rf"{_LOCAL}[ \t]+(?i:at)[ \t]+(?i:{_PROVIDERS})(?:{_DOT}(?i:{_TLD}))?(?![\w@])",
)

#: Cheap test for the prefilter: a spelled-out "@" could be here.
SPELLED_AT = re.compile(rf"(?i:[(\[{{]at[)\]}}]|[ \t]at[ \t]+(?:{_PROVIDERS})\b)|[ \t]AT[ \t]")
#: Before a plain " at ": words that announce an address ("email me", "contact:").
_MAIL_CONTEXT = re.compile(r"(?:e-?mail|mail|contact|write|reach|dm)(?:[ \t]+(?:me|us))?\W{0,12}$")
_PRONOUNS = frozenset({"me", "us", "you", "him", "her", "them", "it", "i", "we", "someone"})

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
        results = self._spelled_out(text)
        if "@" not in text:
            return results
        return super().analyze(text, entities, nlp_artifacts) + results

    def _spelled_out(self, text: str) -> list[RecognizerResult]:
        """Addresses with the ``@`` written as "(at)" or "at"; the local part must look real."""
        lowered = text.lower()
        if "at" not in lowered:
            return []
        out = []
        seen: set[int] = set()
        for regex, score in ((_BRACKETED, 0.8), (_PLAIN, 0.7)):
            for m in regex.finditer(text):
                local = m.group("local")
                if m.start() in seen or local.lower() in _PRONOUNS:
                    continue
                # a bare "at" ("met at Web.com"): a handle has a digit, a dot or an
                # underscore, or comes after "email me" / "contact:"
                bare = regex is _PLAIN or "(" not in m.group(0) and "[" not in m.group(0)
                if bare and not (
                    re.search(r"[\d._+\-]", local) or _MAIL_CONTEXT.search(lowered, 0, m.start())
                ):
                    continue
                seen.add(m.start())
                out.append(
                    RecognizerResult(
                        entity_type="EMAIL_ADDRESS",
                        start=m.start(),
                        end=m.end(),
                        score=score,
                        analysis_explanation=AnalysisExplanation(
                            recognizer=self.name,
                            original_score=score,
                            textual_explanation="e-mail address with the @ spelled out",
                        ),
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return out

    def validate_result(self, pattern_text: str) -> bool:
        """Accept only domains ending in a known public suffix (``.com``, ``.co.uk``...)."""
        return offline_extractor()(pattern_text).fqdn != ""
