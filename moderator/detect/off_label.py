"""Off-label use: a catalogue product used (or asked about) outside its approved label.

Three checks against the catalogue entry: indication (a purpose such as "for weight loss" mapped
through the lay-term table onto a condition the label does not list; or "I'm not diabetic" with a
diabetes-only product), population (a child younger than any approved age) and dose (more mg
than the labelled maximum, or a weekly product taken daily). Questions about such use are flagged
too; the suite adds a medical-inquiry flag for them because they need a private MI referral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from moderator.detect import context
from moderator.detect.catalog import Catalog, Product
from moderator.detect.context import Person
from moderator.detect.lexicon import Hit, conditions
from moderator.detect.products import ProductMention
from moderator.detect.text import Prepared, Sentence

_PURPOSE_CUE = re.compile(
    r"(?:\bfor|\bto|\bto treat|\bto help(?: with)?|\bhelps? with|\bhelped with|\bas an?"
    r"|\bprescribed(?: it| me| him| her)?(?: for)?|\busing it for|\btaking it for|\bon it for"
    r"|\bfor treating|\btreat(?:ing)?|\bfor my|\bcontrol|\bmanage|\bmanaging|\boff[\s-]label for"
    r"|\bbecause of)\s+(?:my\s+|his\s+|her\s+|their\s+|the\s+|some\s+|a\s+little\s+|a\s+bit\s+"
    r"of\s+|help\s+|with\s+)*$"
)
_NOT_DIABETIC = re.compile(
    r"\b(?:not (?:a )?diabetic|non[\s-]?diabetic|not diabetes|don't have (?:type 2 )?diabetes|"
    r"do not have (?:type 2 )?diabetes|no diabetes|without diabetes|i'm not even diabetic|"
    r"never been diabetic|not pre-?diabetic)\b"
)
_ACCIDENTAL = re.compile(
    r"\b(?:by (?:mistake|accident)|accidental(?:ly)?|got into|found (?:him|her|them) with"
    r"|swallowed one of)\b"
)
_GIVEN = re.compile(
    r"\b(?:gave|give|giving|given|prescribed|put (?:him|her|them) on|started (?:him|her|them)"
    r"|takes|taking|is on|has been on|been on|on|use|using|inject\w*|dose|dosing)\b"
)
_DOSE = re.compile(r"\b(\d{1,4}(?:\.\d{1,2})?)\s*(?:mg|milligrams?)\b")
_TIMES_A_DAY = re.compile(
    r"\b(twice|two times|2 times|2x|three times|3 times|3x|four times|4 times)\s+(?:a|per|each)"
    r"\s+day\b"
)
_DAILY = re.compile(
    r"\b(?:every day|daily|each day|a day|per day|every other day|twice a week"
    r"|2x a week|two times a week|three times a week)\b"
)
_FREQ = {
    "twice": 2,
    "two times": 2,
    "2 times": 2,
    "2x": 2,
    "three times": 3,
    "3 times": 3,
    "3x": 3,
    "four times": 4,
    "4 times": 4,
}


@dataclass
class OffLabelResult:
    """Off-label reasons for one comment (evidence offsets index the original text)."""

    is_off_label: bool = False
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int, str, str]] = field(default_factory=list)
    question: bool = False
    explanation: str = ""


class OffLabelDetector:
    """Checks catalogue products against their label; build once per catalogue."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        lex = conditions()
        self._approved: dict[str, frozenset[str]] = {
            p.name: frozenset(h.value for h in lex.find(Prepared(" ; ".join(p.indications))))
            for p in catalog
        }

    def approved_conditions(self, product: Product) -> frozenset[str]:
        """Condition ids the label covers (as the lay-term table reads the indications)."""
        return self._approved.get(product.name, frozenset())

    def detect(
        self,
        prep: Prepared,
        mentions: list[ProductMention],
        post_mentions: list[ProductMention],
        patient: Person,
    ) -> OffLabelResult:
        res = OffLabelResult()
        catalogued = [m for m in mentions if m.product is not None]
        if not catalogued:
            catalogued = [m for m in post_mentions if m.product is not None]
            in_text = False
        else:
            in_text = True
        if not catalogued:
            return res
        cond_hits = conditions().find(prep)
        for sent in prep.sentences:
            product = self._product_for(sent, catalogued, in_text)
            if product is None:
                continue
            sent_hits = [h for h in cond_hits if sent.start <= h.start < sent.end]
            self._indication(prep, sent, product, sent_hits, res)
            self._dose(prep, sent, product, res)
        self._population(prep, catalogued[0].product, patient, res)
        res.is_off_label = bool(res.reasons)
        if res.is_off_label:
            res.score = 0.85 if "indication" in res.reasons else 0.8
            res.explanation = "outside the label: " + ", ".join(dict.fromkeys(res.reasons))
        return res

    @staticmethod
    def _product_for(
        sent: Sentence, mentions: list[ProductMention], in_text: bool
    ) -> Product | None:
        """The product a sentence is about: the last one named at or before it, else the first."""
        if not in_text:
            return mentions[0].product
        chosen = mentions[0].product
        for m in mentions:
            # Mentions carry original offsets; sentences cleaned ones. They differ only where
            # invisible characters were dropped, which is harmless for "at or before".
            if m.start <= sent.end:
                chosen = m.product
        return chosen

    def _add(
        self,
        prep: Prepared,
        res: OffLabelResult,
        sent: Sentence,
        start: int,
        end: int,
        reason: str,
        label: str,
    ) -> None:
        s, e, raw = prep.original_span(start, end)
        res.reasons.append(reason)
        res.evidence.append((s, e, raw, label))
        if context.is_question(sent):
            res.question = True

    def _indication(
        self,
        prep: Prepared,
        sent: Sentence,
        product: Product,
        hits: list[Hit],
        res: OffLabelResult,
    ) -> None:
        approved = self.approved_conditions(product)
        for hit in hits:
            if hit.value in approved:
                continue
            rel = hit.start - sent.start
            if not _PURPOSE_CUE.search(sent.text[max(0, rel - 45) : rel]):
                continue
            if context.is_negated(sent, rel, hit.end - sent.start):
                continue
            self._add(prep, res, sent, hit.start, hit.end, "indication", f"indication:{hit.value}")
        m = _NOT_DIABETIC.search(sent.text)
        if m and "type2_diabetes" in approved:
            others = approved - {"type2_diabetes", "cardiovascular"}
            if not any(h.value in others for h in hits):
                self._add(
                    prep,
                    res,
                    sent,
                    sent.start + m.start(),
                    sent.start + m.end(),
                    "indication",
                    "indication:not_diabetic",
                )

    def _dose(self, prep: Prepared, sent: Sentence, product: Product, res: OffLabelResult) -> None:
        limit = product.max_daily_mg
        if limit is None:
            return
        for m in _DOSE.finditer(sent.text):
            dose = float(m.group(1))
            tail = sent.text[m.end() : m.end() + 30]
            if product.is_weekly:
                over = dose > limit * 7 + 1e-9
                daily = _DAILY.search(tail)
                if daily:
                    over = True
            else:
                freq = _TIMES_A_DAY.search(tail)
                total = dose * _FREQ.get(freq.group(1), 1) if freq else dose
                over = total > limit + 1e-9
            if over and not context.is_hypothetical(sent, m.start()):
                self._add(
                    prep, res, sent, sent.start + m.start(), sent.start + m.end(), "dose", "dose"
                )

    def _population(
        self, prep: Prepared, product: Product | None, patient: Person, res: OffLabelResult
    ) -> None:
        if product is None or not patient.is_child or _ACCIDENTAL.search(prep.clean):
            return
        age = patient.age
        too_young = (
            age < product.min_age_years if age is not None else (product.min_age_years >= 18)
        )
        if not too_young:
            return
        window = prep.clean[max(0, patient.start - 60) : patient.end + 80]
        if not _GIVEN.search(window):
            return
        sent = prep.sentence_at(patient.start) or Sentence(0, len(prep.clean), prep.clean, False)
        self._add(prep, res, sent, patient.start, patient.end, "population", "population")
