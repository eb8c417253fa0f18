"""A named person tied to a health detail in the same sentence or clause.

"My sister Jane Doe has stage 4 breast cancer" discloses Jane's health; "Thanks Dr Smith!"
and "my cancer is back" do not. Persons come from spaCy NER when a model is loaded, plus
a pattern that is sure of itself even without NER: a relation word followed by a
capitalised name ("my brother Tom"). With no NER at all a capitalised first-and-last name
pattern stands in. Clinicians ("Dr Smith said my tumour...") and drug or disease names
that NER mistakes for people are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import CARER_TITLES, HEALTH_TERMS, RELATIONS, health_terms_in
from ._base import OwnRecognizer, alternation

_CLAUSE_BREAK = re.compile(r"[.!?;\n]+(?:\s|$)|\s+(?:but|however|whereas|although)\s+")
_NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_RELATION_NAME = re.compile(
    rf"\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Yy]our)\s+(?:(?:little|big|older|younger|"
    rf"best|late|dear|step|ex)[ -])?(?:{alternation(RELATIONS)})s?,?\s+(?P<name>{_NAME}"
    rf"(?:\s+{_NAME})?)"
)
_FULL_NAME = re.compile(rf"(?<![\w.])(?P<name>{_NAME}\s+{_NAME})(?![\w])")
_TITLE_BEFORE = re.compile(rf"(?:{alternation(CARER_TITLES)})\s*$", re.IGNORECASE)
_TITLE_START = re.compile(rf"(?:{alternation(CARER_TITLES)})(?:\s|$)", re.IGNORECASE)
_PERSON_VERB_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:\w+\s+)?(?:has|had|have|is|was|got|gets|been|battling|fighting|"
    r"diagnosed|passed|died|suffers|suffered|needs|started|starts|underwent|lost|beat|"
    r"survived|went)\b|(?:'s|’s)\s",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    {
        "i",
        "im",
        "god",
        "jesus",
        "lord",
        "mom",
        "mum",
        "dad",
        "thanks",
        "thank",
        "hi",
        "hello",
        "dear",
        "doctor",
        "nurse",
        "happy",
        "merry",
        "good",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
) | frozenset(HEALTH_TERMS)


def _is_drug(name: str) -> bool:
    """Tell whether NER's "person" is really a drug name (Zoloft, Effexor XR)."""
    try:
        from drug_named_entity_recognition import find_drugs
    except ImportError:  # optional: without it only the single-word rule applies
        return False
    return bool(find_drugs(name.split()))


class PersonHealthRecognizer(OwnRecognizer):
    """A person's name and a health term in the same clause."""

    ENTITY = "PERSON_HEALTH"

    def __init__(self, name_pattern_fallback: bool = False) -> None:
        """``name_pattern_fallback``: treat "Firstname Lastname" as a person (no NER)."""
        super().__init__()
        self.name_pattern_fallback = name_pattern_fallback

    def _persons(self, text: str, nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        if nlp_artifacts is not None:
            for e in nlp_artifacts.entities:
                if e.label_ not in ("PERSON", "PER") or _is_drug(e.text):
                    continue
                # NER often calls a lone brand name a person ("Effexor did work for my
                # depression"): a single-word name needs a person verb right after it.
                if len(e.text.split()) > 1 or _PERSON_VERB_AFTER.match(text, e.end_char):
                    spans.append((e.start_char, e.end_char))
        spans += [(m.start("name"), m.end("name")) for m in _RELATION_NAME.finditer(text)]
        if self.name_pattern_fallback:
            spans += [(m.start("name"), m.end("name")) for m in _FULL_NAME.finditer(text)]
        kept = []
        for start, end in spans:
            words = text[start:end].lower().replace("'s", "").split()
            if not words or any(w.strip(".,") in _NOT_NAMES for w in words):
                continue
            if _TITLE_BEFORE.search(text[max(0, start - 12) : start]) or _TITLE_START.match(
                text, start
            ):
                continue
            kept.append((start, end))
        return kept

    def find(self, text: str, nlp_artifacts: NlpArtifacts | None = None) -> Iterable[tuple]:
        """Yield person-to-health-term spans within one clause."""
        terms = health_terms_in(text)
        if not terms:
            return
        persons = self._persons(text, nlp_artifacts)
        if not persons:
            return
        breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)]
        first_term: dict[int, list[re.Match[str]]] = {}
        for term in terms:
            first_term.setdefault(bisect_right(breaks, term.start()), []).append(term)
        seen: set[tuple[int, int]] = set()
        for p_start, p_end in sorted(set(persons)):
            for term in first_term.get(bisect_right(breaks, p_start), ()):
                if term.start() < p_end and term.end() > p_start:
                    continue  # the "name" is the health word itself
                span = (min(p_start, term.start()), max(p_end, term.end()))
                if span not in seen:
                    seen.add(span)
                    relation = bool(_RELATION_NAME.search(text[max(0, p_start - 40) : p_end]))
                    score = 0.85 if relation else 0.7
                    why = f"{text[p_start:p_end]} is named with a health detail ({term.group(0)})"
                    yield span[0], span[1], score, why
                break
