"""A named person tied to a health detail: the disclosure Presidio cannot find on its own.

"My sister Jane Doe has stage 4 breast cancer" discloses Jane's health; "Thanks Dr Smith!",
"my cancer is back" and "Shout out to Tom Reilly, he fixed my Ozempic claim" do not. A
person comes from one of four places, from surest to least sure:

* a relation word and a capitalised name ("my granddad Walter Price", "mi tía Rosa",
  "Kathleen O'Brien (my mom)"): a real third person even when it is one first name;
* an @-mention of a full name ("@Denise Okoro"): someone the writer addresses;
* a self-introduction ("I'm Carla Mendes", "my name is ..."): the writer named;
* spaCy NER (or, without a model, a first-and-last-name pattern) for any other name.

Health information is a health term, a symptom or any medicine (``lexicon``). It must be
about the named person, so a term the writer owns ("my Ozempic claim", "I have RA") does
not count unless the name is the writer's own. Relation names reach into the next sentence
when a pronoun carries them on ("my husband Greg Tanaka? He was diagnosed ..."); NER names
need the term in the same clause. Clinicians ("Dr Smith said my tumour...") are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import (
    CARER_TITLES,
    FOREIGN_POSSESSIVES,
    FOREIGN_RELATIONS,
    POSSESSIVES,
    RELATIONS,
    Term,
    health_terms_in,
    is_health_word,
)
from ._base import OwnRecognizer, alternation

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOW = "a-zß-öø-ÿā-ž"
NAME = rf"[{_UP}](?:[{_LOW}]+(?:[{_UP}][{_LOW}]+)?|(?=['’][{_UP}]))(?:[-'’][{_UP}]?[{_LOW}]+)?"
_NAMES = rf"{NAME}(?:[ \t]+{NAME})?(?:[ \t]+(?:and|&|y|et|und|e)[ \t]+{NAME})?"
_ADJ = r"(?:(?:little|big|older|younger|elder|best|late|dear|own|step|ex|amazing|sweet)[ -])"
_REL_EN = rf"(?:(?i:{alternation(POSSESSIVES)}))\s+{_ADJ}?(?i:{alternation(RELATIONS)})s?"
_REL_XX = (
    rf"(?:(?i:{alternation(FOREIGN_POSSESSIVES)}))\s+"
    rf"(?:(?i:querid[oa]|chère|cher|lieber?|liebe)\s+)?(?i:{alternation(FOREIGN_RELATIONS)})s?"
)
#: "my brother Tom", "my husband, Ahmed Khalil,", "my daughter Emma (14)", "mi tía Rosa López".
RELATION_NAME = re.compile(
    rf"(?<![\w@])(?:{_REL_EN}|{_REL_XX})(?:[ \t]*\([^()\n]{{0,20}}\))?,?[ \t]+(?P<name>{_NAMES})"
)
#: "Kathleen O'Brien (my mom)", "Jennifer Walsh (my sister, 43, Dallas)".
_NAME_THEN_RELATION = re.compile(
    rf"(?<![\w@])(?P<name>{NAME}[ \t]+{NAME})[ \t]*[(,][ \t]*(?:{_REL_EN}|{_REL_XX})\b"
)
MENTION = re.compile(rf"@(?P<name>{NAME}[ \t]+{NAME})(?![\w])")
_SELF = re.compile(
    rf"(?:\b(?i:i'm|i’m|i am|my name is|my name's|this is|me llamo|mi nombre es|je m'appelle|"
    rf"je suis|ich heiße|ich bin|meu nome é|eu sou|mi chiamo)|^(?i:it's|it’s))[ \t]+"
    rf"(?P<name>{NAME}[ \t]+{NAME})(?![\w])"
)
#: Any of the regex-found persons other than a bare relation name (for the prefilter).
PERSON_PATTERNS = re.compile(rf"(?<![\w@])(?:{NAME}[ \t]+{NAME})(?![\w])")
_FULL_NAME = re.compile(rf"(?<![\w.@])(?P<name>{NAME}[ \t]+{NAME})(?![\w])")
_TITLE_BEFORE = re.compile(
    rf"\b(?:{alternation(CARER_TITLES)})\s*$|\b(?i:dr|doctor|nurse|prof)\.?\s+{NAME}\s*$",
    re.IGNORECASE,
)
_TITLE_START = re.compile(rf"(?:{alternation(CARER_TITLES)})(?:\s|$)", re.IGNORECASE)
#: After an NER name or a bare full name: signs it is the subject of what follows.
_PERSON_VERB_AFTER = re.compile(
    r"(?:'s|’s)?[ \t]*(?:\([^()\n]{0,30}\)[ \t]*)?(?:,[ \t]*\d{1,3},?)?[ \t]*(?:\w+[ \t]+)?"
    r"(?:has|had|have|is|was|got|gets|been|battling|fighting|diagnosed|passed|died|suffers|"
    r"suffered|needs|started|starts|underwent|lost|beat|survived|went|takes|took|swears|"
    r"came|from\s+(?:my|our|the)|in\s+room|tiene|tuvo|está|a\s+eu|hat|ist|nimmt|tem|teve)\b"
    r"|(?:'s|’s)[ \t]",
    re.IGNORECASE,
)
#: Sentence ends (not "Dr." or "geb. 14.03.1950": the next word must start in upper case).
_SENTENCE_BREAK = re.compile(
    rf"(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)[.!?]+[\s\"')]+(?=[{_UP}¿¡\"'@])|\n+"
)
_CLAUSE_BREAK = re.compile(r"[.!?;\n]+(?:\s|$)|\s+(?:but|however|whereas|although)\s+")
_PRONOUN = re.compile(
    r"\b(?i:he|she|him|his|her|hers|they|them|their|he's|she's|él|ella|il|elle|lui|er|sie|"
    r"ihm|ihr|ele|ela|dele|dela|lei)\b"
)
#: A term the writer owns: "my Ozempic", "mi diabetes", "I have RA", "I was on Zoloft".
_WRITER_OWNED = re.compile(
    r"(?:\b(?i:my|mi|mis|mon|ma|mes|mein|meine|meinem|meiner|meu|minha|mio|mia)\s+"
    r"(?:[\w'’-]+\s+)?"
    r"|\bI(?:'m|’m|'ve|’ve| am| have| had| was| got| get| take| took| started)\b"
    r"(?:\s+(?:been|being|on|taking|had|a|an|the|my|this|some|with|severe|bad|awful|"
    r"diagnosed|just|also|still|really|so|terrible|horrible|got|gotten))*\s+)$"
)
_NOT_NAMES = frozenset(
    [
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
        "hey",
        "dear",
        "doctor",
        "nurse",
        "happy",
        "merry",
        "good",
        "great",
        "love",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "so",
        "same",
        "omg",
        "lol",
        "please",
        "ps",
        "pls",
        "yes",
        "no",
        "not",
        "the",
        "this",
        "that",
        "my",
        "our",
        "his",
        "her",
        "their",
        "your",
        "and",
        "update",
        "edit",
        "anyone",
        "everyone",
        "someone",
        "nobody",
    ]
)
_NOT_NAMES |= frozenset(
    w.lower() for w in (*POSSESSIVES, *FOREIGN_POSSESSIVES, *RELATIONS, *FOREIGN_RELATIONS)
)
_YOU = re.compile(r"\b(?i:you|your|you're|you've|u|ur)\b")
#: How far (characters) from a name its health term may be.
_WINDOW = 400
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "la",
        "le",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "al",
        "el",
        "y",
    ]
)


def _bad_name(name: str) -> bool:
    """Names are capitalised words that are neither stop words nor health words/medicines."""
    words = [w.strip(".,'’").removesuffix("'s").removesuffix("’s") for w in name.split()]
    words = [w for w in words if w.lower() not in ("and", "&", "y", "et", "und", "e")]
    if not words:
        return True
    for w in words:
        if w.lower() in _PARTICLES:
            continue
        if not w[:1].isupper() or w.lower() in _NOT_NAMES or w.isupper() and len(w) > 1:
            return True
        if is_health_word(w):
            return True
    return False


class PersonHealthRecognizer(OwnRecognizer):
    """A person's name and health information about that person."""

    ENTITY = "PERSON_HEALTH"

    def __init__(self, name_pattern_fallback: bool = False) -> None:
        """``name_pattern_fallback``: treat any "Firstname Lastname" as a person (no NER)."""
        super().__init__()
        self.name_pattern_fallback = name_pattern_fallback

    def _persons(self, text: str, nlp_artifacts: NlpArtifacts | None) -> list[tuple]:
        """``(start, end, kind)`` per person; kind is relation, mention, self or name."""
        spans: list[tuple[int, int, str]] = []
        for regex, kind in (
            (RELATION_NAME, "relation"),
            (_NAME_THEN_RELATION, "relation"),
            (MENTION, "mention"),
            (_SELF, "self"),
        ):
            spans += [(m.start("name"), m.end("name"), kind) for m in regex.finditer(text)]
        if nlp_artifacts is not None:
            for e in nlp_artifacts.entities:
                if e.label_ not in ("PERSON", "PER"):
                    continue
                if len(e.text.split()) > 1 or _PERSON_VERB_AFTER.match(text, e.end_char):
                    spans.append((e.start_char, e.end_char, "name"))
        for m in _FULL_NAME.finditer(text):
            if self.name_pattern_fallback or _PERSON_VERB_AFTER.match(text, m.end()):
                spans.append((m.start("name"), m.end("name"), "name"))
        kept = []
        for start, end, kind in spans:
            name = text[start:end]
            if _bad_name(name):
                continue
            if _TITLE_BEFORE.search(text[max(0, start - 30) : start]) or _TITLE_START.match(
                text, start
            ):
                continue
            kept.append((start, end, kind))
        return kept

    def find(self, text: str, nlp_artifacts: NlpArtifacts | None = None) -> Iterable[tuple]:
        """Yield person-to-health-term spans (one per person)."""
        terms = health_terms_in(text)
        if not terms:
            return
        persons = self._persons(text, nlp_artifacts)
        if not persons:
            return
        term_starts = [t.start for t in terms]
        owned = [bool(_WRITER_OWNED.search(text[max(0, t.start - 60) : t.start])) for t in terms]
        sentences = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        clauses = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)]
        best: dict[tuple[int, int], tuple[int, int, float, str]] = {}
        for p_start, p_end, kind in persons:
            hit = self._tie(
                text, p_start, p_end, kind, terms, owned, term_starts, sentences, clauses
            )
            if hit is None:
                continue
            term, score = hit
            span = (min(p_start, term.start), max(p_end, term.end))
            why = f"{text[p_start:p_end]} is named with a health detail ({term.text})"
            key = (p_start, p_end)
            if key not in best or best[key][2] < score:
                best[key] = (span[0], span[1], score, why)
        yield from best.values()

    @staticmethod
    def _tie(
        text: str,
        p_start: int,
        p_end: int,
        kind: str,
        terms: list[Term],
        owned: list[bool],
        term_starts: list[int],
        sentences: list[int],
        clauses: list[int],
    ) -> tuple[Term, float] | None:
        """The health term this person is tied to, with the score, or None."""
        p_sentence = bisect_right(sentences, p_start)
        p_clause = bisect_right(clauses, p_start)
        candidates: list[tuple[Term, float]] = []
        # only terms within a window of the name: bounded work per person on huge texts
        lo = bisect_right(term_starts, p_start - _WINDOW)
        hi = bisect_right(term_starts, p_end + _WINDOW)
        near_you = _YOU.search(text, max(0, p_start - _WINDOW), p_end + _WINDOW) is not None
        for term, is_owned in zip(terms[lo:hi], owned[lo:hi], strict=True):
            if term.start < p_end and term.end > p_start:
                continue  # the "name" is the health word itself
            if is_owned and kind != "self":
                continue  # the writer's own health, not the named person's
            same_sentence = bisect_right(sentences, term.start) == p_sentence
            if kind == "relation":
                after = term.start >= p_end and term.start - p_end <= 300
                carried = after and _PRONOUN.search(text, p_end, term.start) is not None
                if same_sentence or carried:
                    candidates.append((term, 0.85))
            elif kind == "mention":
                candidates.append((term, 0.8 if near_you else 0.65))
            elif kind == "self":
                candidates.append((term, 0.75))
            elif bisect_right(clauses, term.start) == p_clause:
                candidates.append((term, 0.7))
        if not candidates:
            return None
        return min(candidates, key=lambda c: (abs(c[0].start - p_end), -c[1]))
