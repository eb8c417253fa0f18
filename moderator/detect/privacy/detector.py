"""``PrivacyDetector``: contact data, identifiers and named health disclosures as a Flag.

The batch path is why this is more than a call to ``AnalyzerEngine.analyze``: most comments
have no digit, no ``@`` and no health word, and then no recognizer can fire, so they cost
nothing. The rest are tokenised once; NER (the expensive part, needed only to tie a person
to a health detail) runs batched through the NER pipe alone, and only on texts that have a
health term and a capitalised word that could be a name. Precomputed ``NlpArtifacts`` are
handed to the analyzer so it never runs the full pipeline.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from moderator.models import Evidence, Flag

from .engine import DEFAULT_MODEL, PrivacyEngine, get_engine, resolve_model, status_for
from .lexicon import health_terms_in, is_health_word
from .recognizers.email import SPELLED_AT
from .recognizers.person_health import PERSON_HINTS, RELATION_NAME
from .text_prep import Piece, prepare

#: Human wording per label, for the flag's explanation.
LABEL_NAMES: dict[str, str] = {
    "PERSON_HEALTH": "a named person's health",
    "PHONE_NUMBER": "phone number",
    "EMAIL_ADDRESS": "e-mail address",
    "DATE_OF_BIRTH": "date of birth",
    "MEDICAL_RECORD_NUMBER": "medical record number",
    "INSURANCE_NUMBER": "insurance id",
    "NHS_NUMBER": "NHS number",
    "STREET_ADDRESS": "postal address",
    "CREDIT_CARD": "card number",
    "US_SSN": "social security number",
    "IBAN_CODE": "bank account (IBAN)",
    "IP_ADDRESS": "IP address",
    "ID_DOCUMENT_NUMBER": "licence or passport number",
}
MAX_EVIDENCE = 100
_DIGIT = re.compile(r"\d")
_NER_BATCH = 64
#: A capitalised word that is not the first of its sentence and not "I"/"I'm".
_NAME_CANDIDATE = re.compile(r"(?<![.!?\n]\s)(?<!^)(?<![.!?\n])\b(?!I\b)[A-Z][a-z]+")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
#: NER runs on at most this many leading characters of one text (it is ~100x slower than
#: the patterns); past it the relation-word pattern still ties names to health terms.
NER_BUDGET = 20_000
#: Past this many characters of one text only the cheap pattern recognizers run (chunked):
#: a 1 MB paste then costs seconds, not tens of seconds, and a phone number or identifier
#: hidden at its end is still found. Addresses and named-health links need the full run.
FULL_ANALYSIS_BUDGET = 100_000
TAIL_RECOGNIZERS: frozenset[str] = frozenset(
    {
        "PhoneNumberRecognizer",
        "OfflineEmailRecognizer",
        "DateOfBirthRecognizer",
        "NhsNumberRecognizer",
        "MedicalRecordNumberRecognizer",
        "InsuranceNumberRecognizer",
        "IdDocumentNumberRecognizer",
        "LabelledSsnRecognizer",
        "CardNumberRecognizer",
    }
)


def _name_candidate(text: str) -> bool:
    """A mid-sentence capitalised word that is not a health word or medicine ("I love Zoloft")."""
    return any(not is_health_word(m.group(0)) for m in _NAME_CANDIDATE.finditer(text))


def could_disclose(text: str) -> bool:
    """Tell whether any recognizer could fire.

    Every identifier has a digit, contact data a digit or an ``@`` (or one spelled out,
    "name (at) mail.com"); a named health
    disclosure needs something that reads as a person (a relation word before a name, a
    self-introduction, a full name, or a mid-sentence capitalised word that is no medicine)
    and a health word or medicine. Cheap regexes run first; the dict lookups only after.
    """
    if "@" in text or _DIGIT.search(text) is not None or SPELLED_AT.search(text):
        return True
    if _CAPITALISED.search(text) is None:
        return False
    if not (
        RELATION_NAME.search(text)
        or any(p.search(text) for p in PERSON_HINTS)
        or _name_candidate(text)
    ):
        return False
    return bool(health_terms_in(text))


def needs_ner(text: str) -> bool:
    """NER is only needed to find a person next to a health term.

    A mid-sentence capitalised word that is itself a health word or a medicine
    ("I love Zoloft") is no reason to run it.
    """
    return _name_candidate(text) and bool(health_terms_in(text))


def _resolve_overlaps(found: list[tuple[int, int, float, str]]) -> list[tuple]:
    """Keep the best-scored finding where two overlap (NHS over phone, card over phone).

    Kept spans never overlap, so they stay sorted by start and a new candidate only needs
    checking against its two neighbours: O(n log n) even for a megabyte of findings.
    """
    starts: list[int] = []
    kept: list[tuple[int, int, float, str]] = []
    for item in sorted(found, key=lambda f: (-f[2], -(f[1] - f[0]), f[0])):
        i = bisect_left(starts, item[0])
        if i > 0 and kept[i - 1][1] > item[0]:
            continue
        if i < len(kept) and kept[i][0] < item[1]:
            continue
        starts.insert(i, item[0])
        kept.insert(i, item)
    return kept


def make_flag(text: str, found: list[tuple[int, int, float, str]]) -> list[Flag]:
    """Zero or one privacy flag for ``text`` from ``(start, end, score, label)`` findings."""
    kept = _resolve_overlaps(found)[:MAX_EVIDENCE]
    if not kept:
        return []
    evidence = tuple(Evidence(s, e, text[s:e], label) for s, e, _, label in kept)
    labels = sorted({label for *_, label in kept}, key=lambda lb: LABEL_NAMES.get(lb, lb))
    explanation = "Privacy disclosure: " + ", ".join(LABEL_NAMES.get(lb, lb) for lb in labels)
    return [
        Flag(
            kind="privacy",
            score=round(max(k[2] for k in kept), 3),
            evidence=evidence,
            explanation=explanation,
        )
    ]


class PrivacyDetector:
    """Finds contact data, identifiers, dates of birth, addresses and named health details.

    Construction is cheap; the spaCy model loads on first analysis (once per process, shared
    by every detector with the same model name). ``model=None`` runs on patterns alone.
    """

    def __init__(self, model: str | None = DEFAULT_MODEL, score_threshold: float = 0.5) -> None:
        self.model = model
        self.score_threshold = score_threshold
        self.nlp_available: bool = resolve_model(model) is not None
        self.status: str = status_for(model, self.nlp_available)

    def engine(self) -> PrivacyEngine:
        """Return the loaded engine, loading it on first call (call off the GUI thread)."""
        engine = get_engine(self.model)
        self.nlp_available = engine.ner_available
        self.status = engine.status
        return engine

    def analyze(self, text: str) -> list[Flag]:
        """Zero or one privacy flag for one comment."""
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: list[str]) -> list[list[Flag]]:
        """One list of flags per text, same order; the fast path for many comments."""
        pieces = [p for p in prepare(list(texts)) if could_disclose(p.text)]
        found: list[list[tuple[int, int, float, str]]] = [[] for _ in texts]
        if pieces:
            engine = self.engine()
            for piece, results in zip(pieces, self._analyze_pieces(engine, pieces), strict=True):
                for r in results:
                    start, end = piece.to_original(r.start, r.end)
                    found[piece.index].append((start, end, r.score, r.entity_type))
        return [make_flag(text, f) for text, f in zip(texts, found, strict=True)]

    def _analyze_pieces(self, engine: PrivacyEngine, pieces: list[Piece]) -> list[list]:
        nlp = engine.nlp
        docs = [nlp.make_doc(p.text if p.offset < FULL_ANALYSIS_BUDGET else "") for p in pieces]
        if engine.ner_available:
            wanted = [
                i for i, p in enumerate(pieces) if p.offset < NER_BUDGET and needs_ner(p.text)
            ]
            if wanted:
                ner = nlp.get_pipe("ner")
                tagged = ner.pipe((docs[i] for i in wanted), batch_size=_NER_BATCH)
                for i, doc in zip(wanted, tagged, strict=True):
                    docs[i] = doc
        tail = [r for r in engine.analyzer.registry.recognizers if r.name in TAIL_RECOGNIZERS]
        out = []
        for piece, doc in zip(pieces, docs, strict=True):
            if piece.offset >= FULL_ANALYSIS_BUDGET:
                out.append(self._patterns_only(tail, piece.text))
                continue
            out.append(
                engine.analyzer.analyze(
                    text=piece.text,
                    language="en",
                    nlp_artifacts=engine.nlp_engine.artifacts(doc),
                    score_threshold=self.score_threshold,
                )
            )
        return out

    def _patterns_only(self, recognizers: list, text: str) -> list:
        """Run the cheap recognizers straight, without spaCy or Presidio's context pass."""
        results = []
        for recognizer in recognizers:
            found = recognizer.analyze(text, recognizer.supported_entities, None)
            results.extend(r for r in found if r.score >= self.score_threshold)
        return results
