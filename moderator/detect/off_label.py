"""Off-label use: a product used (or asked about) outside its approved label.

Four checks against the label (the catalogue entry, or for a few common non-catalogue medicines
the small reference table in ``data/reference_labels.toml``):

* indication: a purpose ("for weight loss", "to break my plateau", "para las várices") mapped
  through the lay-term table onto a condition the label does not list; or use with the approved
  condition explicitly absent ("I'm not diabetic", "no afib", "I don't have ADHD");
* population: a child younger than the label allows *for the condition in question* (Zoloft is
  approved from 6 only for OCD, so "Zoloft for my 12 yr old's depression" is off-label);
* dose: more mg than the labelled maximum, doubling, extra pens/pills, a weekly product daily;
* route: crushing, snorting or injecting a product that is not given that way.

Questions about such use are flagged too; the suite adds a medical-inquiry flag for them because
they need a private Medical Information referral.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from moderator.detect import context
from moderator.detect.catalog import _AGE_RE, Catalog, Product, _product
from moderator.detect.context import Person
from moderator.detect.lexicon import DATA_DIR, Hit, conditions
from moderator.detect.products import ProductMention
from moderator.detect.text import Prepared, Sentence

_PURPOSE_CUE = re.compile(
    r"(?:\bfor|\bto|\bto treat|\bto help(?: with)?|\bhelps? (?:with|me with)?|\bhelped with"
    r"|\bhelp|\bas an?|\bas my|\bis my|\bprescribed(?: it| me| him| her)?(?: for)?"
    r"|\busing it for|\btaking it for|\bon it for|\bfor treating|\btreat(?:ing)?|\bfor my"
    r"|\bcontrol|\bmanage|\bmanaging|\boff[\s-]label for|\bbecause of|\bto \w+"
    r"|\b(?:after|since) (?:my|his|her|a)|\bpara|\bpra|\bpour|\bfür|\bzum|\bzur|\bgegen|\bcontra"
    r"|\bagainst|\bto get through|\bget through|\bthrough|\bbefore (?:my|the|a|every))"
    r"\s+(?:my\s+|his\s+|her\s+|their\s+|the\s+|some\s+|a\s+little\s+|a\s+bit\s+of\s+|help\s+"
    r"|with\s+|las\s+|los\s+|la\s+|el\s+|les\s+|le\s+|du\s+|de\s+|a\s+|o\s+|die\s+|den\s+"
    r"|an?\s+|\d{1,2}\s*(?:yo|y/o|yr|year|years|-year-old|year old|month|months)(?:[\s-]old)?"
    r"(?:'s)?\s+|\w+'s\s+|(?:son|daughter|kid|child|baby|wife|husband|mom|dad)'?s?\s+)*"
    # qualifiers before the condition: "treatment resistant", "superficial", "hormonal"
    r"(?:(?!(?:and|but|then|got|had|has|have|now|i|was|is|it|so|because|since|after|with"
    r"|someone|somebody|people|patients?|anyone|who|on|in|at|of|from|into|off|up|down|out|over"
    r"|under|\d+)\b)[\w'-]+\s+){0,3}$"
)
# What ties a condition to the patient for the age check: "for", "with", "'s" ("my 8yo with FH",
# "my 3 month old's eczema").
_PATIENT_CONDITION_CUE = re.compile(r"(?:'s|\bwith|\bfor|\bhas|\bhave)\s+(?:[\w'-]+\s+)?$")
# Conditions that are lifestyle goals: the use itself is off-label, no "for" needed.
_LIFESTYLE = frozenset(["pre_workout", "hangover"])
# Statements that the approved condition is absent: "not diabetic", "I don't have ADHD".
_ABSENT_CUE = re.compile(
    r"(?:\b(?:don't|do not|doesn't|does not|didn't|did not|dont) (?:even |actually |really )?have"
    r"(?: any)?|\b(?:i'm|im|i am|she's|he's|she is|he is|not) (?:even |actually )?not(?: a| an)?"
    r"|\bnot(?: even)?(?: a| an)?|\bnon[\s-]?|\bnever (?:been|had)(?: a| an)?|\b(?:has|have) no"
    r"|\bwithout(?: any)?|\bno|\bno tengo|\bn[ãa]o tenho|\bn[ãa]o sou|\bne suis pas|\bn'ai pas"
    r"|\bkein|\bkeine|\bnicht)\s*$"
)
_NORMAL_LEVEL = re.compile(
    r"\b(?:sugar|sugars|a1c|glucose|cholesterol|blood pressure|heart rhythm|heart)\s+(?:is|was"
    r"|are|has always been|is totally|is perfectly)\s+(?:\w+\s+)?(?:normal|fine|perfect|good)\b"
)
# Conditions whose bare "no X" is an outcome of treatment ("no clots since"), not an absence.
_OUTCOME_CONDITIONS = frozenset(
    ["dvt", "pulmonary_embolism", "vte", "stroke_prevention", "cardiovascular", "panic", "migraine"]
)
# Confusable siblings: a product for type 2 diabetes used by someone with type 1.
_SIBLINGS = {"type1_diabetes": "type2_diabetes"}
_SELF_HAS = re.compile(
    r"\b(?:i'm|im|i am|i have|i've got|as a|she's|he's|she has|he has|my \w+ is|diagnosed)\s+"
    r"(?:a\s+)?$"
)
# Condition families the label may name by the wider term (VTE covers DVT and PE).
_COVERS = {"vte": frozenset(["dvt", "pulmonary_embolism"])}
_ACCIDENTAL = re.compile(
    r"\b(?:by (?:mistake|accident)|accidental(?:ly)?|got into|found (?:him|her|them) with"
    r"|swallowed one of|forgot (?:i|that i|if i)|mixed up|mix-up"
    r"|wrong (?:pen|pill|dose|strength))\b"
)
_VIA_PARENT = re.compile(r"\b(?:breast ?feeding|breast-feeding|breastfed|nursing|pregnan\w*)\b")
_GIVEN = re.compile(
    r"\b(?:gave|give|giving|given|prescribed|prescribe|put (?:him|her|them|me) on|started"
    r"|start|starting|takes|take|taking|took|is on|has been on|been on|on|use|using|used|try"
    r"|trying|tried|inject\w*|dose|dosing|for|help|helps|approved|me dio|m'a prescrit|tomar"
    r"|toma|tomando|usar|nehmen)\b"
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
# Posology outside the label without a number in mg: doubling, extra units, skipped schedule.
_POSOLOGY = re.compile(
    r"\b(?:double(?:d|s)? (?:up|it|the dose|my dose|dose)|doubling (?:up|my dose|the dose)"
    r"|twice the dose|two doses at once|(?:took|take|taking|do|did|doing|use|used) (?:two|2"
    r"|three|3|four|4) (?:pens|shots|injections|doses|pills|tablets|capsules|of (?:my|them|the))"
    r"|(?:two|2|three|3) (?:pens|shots|injections) (?:a|per|each) week"
    r"|(?:\d+(?:\.\d+)?\s*mg)\s*\+\s*(?:\d+(?:\.\d+)?\s*mg)"
    r"|(?:\d|two|three)\s+instead of\s+(?:\d|one)|(?:every other day|every few days|once a week"
    r"|half (?:a |the )?(?:dose|pill|tablet)) instead of|stretch(?:ing)? (?:out )?(?:my|the)"
    r" (?:pens|doses|pills)|(?:more|extra) (?:clicks|units) than"
    r"|micro[\s-]?dos\w+)\b"
)
# Crushing is not here: several labels allow it (apixaban may be crushed into water).
_ROUTE = re.compile(
    r"\b(?:snort\w*|(?:inject|injecting|injected) (?:the |my )?(?:pills?|tablets?|capsules?)"
    r"|boof\w*|smok(?:e|ed|ing) (?:it|them))\b"
)
# A purpose the lay-term table does not list but that is plainly a disease by its shape
# ("for my costochondritis", "para la gastritis", "to treat sarcopenia"): no label in the
# catalogue names a condition the table cannot map, so an unmapped disease word is off-label.
_UNLISTED_CONDITION = re.compile(
    r"\b(?:for|to treat|treating|para|pour|gegen|against|prescribed (?:it |me |him |her )?for"
    r"|(?:using|taking|on) (?:it|them|this) for)\s+(?:(?:my|his|her|their|the|la|el|le|les|a|an"
    r"|some|mild|chronic|bad|severe|superficial|early|recurring|recurrent)\s+){0,3}"
    r"(?P<cond>[a-zà-ü'-]{3,}(?:itis|osis|oses|emia|aemia|opathy|opathies|algia|algie"
    r"|iasis|ismo)|[a-zà-ü'-]{3,} (?:syndrome|disease|disorder|síndrome"
    r"|enfermedad|syndrom|maladie))\b"
)
_NOT_A_PURPOSE_TAIL = re.compile(
    r"\s*(?:warnings?|risks?|scare|labels?|box|boxed|black box|lawsuits?|study|studies|trials?"
    r"|patients|doctors?|specialists?|clinic|ward|unit|awareness|month|walk|research)\b"
)
# Round 7 (GVP Annex I): off-label is intentional use for a *medical* purpose outside the
# authorisation. Use to study, party or get high is misuse (an AE special situation), so these
# purposes, and a route or dose change made for them, are reported as misuse instead.
_NON_MEDICAL_PURPOSES = frozenset(["cognitive_enhancement"])
_RECREATION = re.compile(
    r"\b(?:for fun|to get high|get(?:ting)? high|got high|for (?:the|a) (?:high|buzz)"
    r"|recreational\w*|at (?:a |the )?(?:party|parties|rave|raves|festivals?|club|clubs)"
    r"|partying|to party|before (?:exams?|finals|tests?|a test|parties|going out)"
    r"|to (?:study|cram)|(?:for|while) (?:studying|cramming)|all[\s-]?nighters?)\b"
)
# "my kid's ritalin", "my son's pills": the child is the owner of the medicine, not the patient.
_OWNER_TAIL = re.compile(
    r"['’]s\s+(?:(pills?|meds|medications?|medicine|prescription|script|bottle|stash|supply)\b)?"
)
_GENERAL_SUBJECT = re.compile(r"\b(?:ppl|people|some|they|kids these days|folks|everyone)\b")
_ORAL_ROUTES = frozenset(["oral"])


@dataclass
class OffLabelResult:
    """Off-label reasons for one comment (evidence offsets index the original text)."""

    is_off_label: bool = False
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int, str, str]] = field(default_factory=list)
    question: bool = False
    explanation: str = ""
    # Non-medical use (study, party, high) told as a statement: misuse, for the AE record.
    misuse: list[tuple[int, int, str]] = field(default_factory=list)


@lru_cache(maxsize=1)
def reference_labels() -> dict[str, Product]:
    """Labels of common non-catalogue medicines, keyed by lower-case name, generic and alias."""
    path = DATA_DIR / "reference_labels.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, Product] = {}
    for i, raw in enumerate(data.get("product", [])):
        p = _product(raw, i, path)
        for key in (p.name, p.generic, *p.aliases):
            out.setdefault(key.lower(), p)
    return out


def _population_age(pop: str) -> float:
    """Youngest age one population string allows: "adults" 18, "children 6+" 6, "from birth" 0."""
    low = pop.lower()
    if "from birth" in low or "newborn" in low:
        return 0.0
    m = _AGE_RE.search(low)
    if m:
        value = float(m.group(1))
        return value / 12.0 if (m.group(2) or "").startswith("mo") else value
    return 18.0


def _expand(ids: frozenset[str]) -> frozenset[str]:
    extra: set[str] = set()
    for cid in ids:
        extra |= _COVERS.get(cid, frozenset())
    return ids | extra


class OffLabelDetector:
    """Checks products against their label; build once per catalogue."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._approved: dict[str, frozenset[str]] = {}
        self._populations: dict[str, list[tuple[float, frozenset[str] | None]]] = {}
        for p in [*catalog, *reference_labels().values()]:
            self._learn(p)

    def _learn(self, p: Product) -> None:
        if p.name in self._approved:
            return
        lex = conditions()
        ids = frozenset(h.value for h in lex.find(Prepared(" ; ".join(p.indications))))
        self._approved[p.name] = _expand(ids)
        pops: list[tuple[float, frozenset[str] | None]] = []
        for pop in p.populations:
            age = _population_age(pop)
            inner = pop[pop.find("(") + 1 : pop.rfind(")")] if "(" in pop else ""
            cids = frozenset(h.value for h in lex.find(Prepared(inner))) if inner else None
            if inner and not cids:
                cids = frozenset(["unmapped:" + inner.lower()])  # never matches a named condition
            pops.append((age, _expand(cids) if cids else None))
        self._populations[p.name] = pops

    def approved_conditions(self, product: Product) -> frozenset[str]:
        """Condition ids the label covers (as the lay-term table reads the indications)."""
        if product.name not in self._approved:
            self._learn(product)
        return self._approved.get(product.name, frozenset())

    def min_age(self, product: Product, condition_ids: frozenset[str]) -> float:
        """Youngest approved age for these conditions (any condition when none is named)."""
        if product.name not in self._populations:
            self._learn(product)
        pops = self._populations.get(product.name, [])
        ages = [
            age for age, cids in pops if cids is None or not condition_ids or cids & condition_ids
        ]
        if not ages:
            return 18.0
        return min(ages)

    def detect(
        self,
        prep: Prepared,
        mentions: list[ProductMention],
        post_mentions: list[ProductMention],
        patient: Person,
    ) -> OffLabelResult:
        res = OffLabelResult()
        labelled = [m for m in mentions if self._label(m) is not None]
        in_text = bool(labelled)
        if not labelled:
            labelled = [m for m in post_mentions if self._label(m) is not None]
        if not labelled:
            return res
        cond_hits = conditions().find(prep)
        recreational = _RECREATION.search(prep.clean) is not None or any(
            h.value in _NON_MEDICAL_PURPOSES for h in cond_hits
        )
        for sent in prep.sentences:
            product = self._product_for(sent, labelled, in_text)
            if product is None:
                continue
            sent_hits = [h for h in cond_hits if sent.start <= h.start < sent.end]
            others = [
                m.start
                for m in mentions
                if self._label(m) is None and sent.start <= m.start < sent.end
            ]
            # "Adderall for my depression, my psych added it to my lexapro": the purpose belongs
            # to the product named before it in the sentence, not to the last one named.
            before = [m for m in labelled if in_text and sent.start <= m.start < sent.end]
            if len(before) > 1:
                for hit in sent_hits:
                    owner = [m for m in before if m.start <= hit.start] or before[:1]
                    self._indication(
                        prep, sent, self._label(owner[-1]) or product, [hit], res, others
                    )
                self._indication(prep, sent, product, [], res, others)
            else:
                self._indication(prep, sent, product, sent_hits, res, others)
            self._dose(
                prep, sent, labelled if in_text else labelled[:1], product, res, recreational
            )
            self._route(prep, sent, product, res, recreational)
        first = self._label(labelled[0])
        self._population(prep, first, patient, cond_hits, res, [m.start for m in mentions])
        res.is_off_label = bool(res.reasons)
        if res.is_off_label:
            res.score = 0.85 if "indication" in res.reasons else 0.8
            res.explanation = "outside the label: " + ", ".join(dict.fromkeys(res.reasons))
        return res

    @staticmethod
    def _label(m: ProductMention) -> Product | None:
        if m.product is not None:
            return m.product
        refs = reference_labels()
        return refs.get(m.name.lower()) or refs.get(m.as_reported.lower())

    def _product_for(
        self, sent: Sentence, mentions: list[ProductMention], in_text: bool
    ) -> Product | None:
        """The product a sentence is about: the last one named at or before it, else the first."""
        if not in_text:
            return self._label(mentions[0])
        chosen = self._label(mentions[0])
        for m in mentions:
            # Mentions carry original offsets; sentences cleaned ones. They differ only where
            # invisible characters were dropped, which is harmless for "at or before".
            if m.start <= sent.end:
                chosen = self._label(m)
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

    @staticmethod
    def _misuse(prep: Prepared, res: OffLabelResult, sent: Sentence, start: int, end: int) -> None:
        """Non-medical use: an AE special situation, never off-label (questions stay inquiries)."""
        if context.is_question(sent) or context.is_hypothetical(sent, start - sent.start):
            return
        res.misuse.append(prep.original_span(start, end))

    def _indication(
        self,
        prep: Prepared,
        sent: Sentence,
        product: Product,
        hits: list[Hit],
        res: OffLabelResult,
        other_drugs: list[int] | None = None,
    ) -> None:
        """Purposes outside the label, and use with the approved condition absent.

        ``other_drugs``: offsets of unlabelled medicines in the sentence; a purpose named after
        one of them ("tylenol with Xarelto for a headache") is that medicine's.
        """
        approved = self.approved_conditions(product)
        affirmed: set[str] = set()
        absent: list[Hit] = []
        for hit in hits:
            rel = hit.start - sent.start
            before = sent.text[max(0, rel - 45) : rel]
            if _ABSENT_CUE.search(before):
                absent.append(hit)
                continue
            if hit.value in approved:
                affirmed.add(hit.value)
                continue
            sibling = _SIBLINGS.get(hit.value)
            if sibling in approved and _SELF_HAS.search(before):
                self._add(
                    prep, res, sent, hit.start, hit.end, "indication", f"indication:{hit.value}"
                )
                continue
            lifestyle = hit.value in _LIFESTYLE
            if other_drugs and any(o < hit.start for o in other_drugs):
                continue
            if not lifestyle and not _PURPOSE_CUE.search(before):
                continue
            if _NOT_A_PURPOSE_TAIL.match(sent.text, hit.end - sent.start):
                continue  # "because of the cancer warning": a label warning, not a use
            if context.is_negated(sent, rel, hit.end - sent.start):
                continue
            if lifestyle and context.is_hypothetical(sent, rel) and not context.is_question(sent):
                continue
            if hit.value in _NON_MEDICAL_PURPOSES:
                self._misuse(prep, res, sent, hit.start, hit.end)
                continue
            self._add(prep, res, sent, hit.start, hit.end, "indication", f"indication:{hit.value}")
        for hit in absent:
            if hit.value not in approved or approved & affirmed - {hit.value}:
                continue
            rel = hit.start - sent.start
            cue = _ABSENT_CUE.search(sent.text[max(0, rel - 45) : rel])
            bare_no = cue is not None and cue.group(0).strip() in ("no",)
            if bare_no and hit.value in _OUTCOME_CONDITIONS:
                continue
            self._add(
                prep, res, sent, hit.start, hit.end, "indication", f"indication:no_{hit.value}"
            )
        for m in _UNLISTED_CONDITION.finditer(sent.text):
            c_start = sent.start + m.start("cond")
            if any(h.start <= c_start < h.end for h in hits):
                continue  # the table knows this one and judged it above
            if other_drugs and any(o < c_start for o in other_drugs):
                continue
            if context.is_negated(sent, m.start("cond"), m.end("cond")):
                continue
            if context.is_hypothetical(sent, m.start()) and not context.is_question(sent):
                continue
            self._add(
                prep,
                res,
                sent,
                c_start,
                sent.start + m.end("cond"),
                "indication",
                "indication:unlisted",
            )
        m = _NORMAL_LEVEL.search(sent.text)
        if m and ("type2_diabetes" in approved or "hypercholesterolaemia" in approved):
            self._add(
                prep,
                res,
                sent,
                sent.start + m.start(),
                sent.start + m.end(),
                "indication",
                "indication:normal_levels",
            )

    def _dose(
        self,
        prep: Prepared,
        sent: Sentence,
        mentions: list[ProductMention],
        default: Product,
        res: OffLabelResult,
        recreational: bool = False,
    ) -> None:
        m = _POSOLOGY.search(sent.text)
        if m and _ACCIDENTAL.search(sent.text):
            m = None  # a double dose by mistake is a medication error, not an intended use
        if m and (context.is_question(sent) or not context.is_hypothetical(sent, m.start())):
            if recreational:
                self._misuse(prep, res, sent, sent.start + m.start(), sent.start + m.end())
            else:
                self._add(
                    prep, res, sent, sent.start + m.start(), sent.start + m.end(), "dose", "dose"
                )
        for m in _DOSE.finditer(sent.text):
            product = self._nearest(sent, m.start(), mentions) or default
            limit = product.max_daily_mg
            if limit is None:
                continue
            dose = float(m.group(1))
            tail = sent.text[m.end() : m.end() + 30]
            if product.is_weekly:
                over = dose > limit * 7 + 1e-9
                daily = _DAILY.search(tail)
                if daily and "every other day" not in daily.group(0):
                    over = True
            else:
                freq = _TIMES_A_DAY.search(tail)
                total = dose * _FREQ.get(freq.group(1), 1) if freq else dose
                over = total > limit + 1e-9
            if over and recreational:
                self._misuse(prep, res, sent, sent.start + m.start(), sent.start + m.end())
            elif over and not context.is_hypothetical(sent, m.start()):
                self._add(
                    prep, res, sent, sent.start + m.start(), sent.start + m.end(), "dose", "dose"
                )

    def _nearest(self, sent: Sentence, rel: int, mentions: list[ProductMention]) -> Product | None:
        """The labelled product named closest to a dose in the same sentence."""
        pos = sent.start + rel
        best: tuple[int, Product] | None = None
        for m in mentions:
            if not sent.start <= m.start < sent.end + 2:
                continue
            label = self._label(m)
            if label is None:
                continue
            dist = abs(m.start - pos) if m.start < pos else abs(m.start - pos) + 5
            if best is None or dist < best[0]:
                best = (dist, label)
        return best[1] if best else None

    def _route(
        self,
        prep: Prepared,
        sent: Sentence,
        product: Product,
        res: OffLabelResult,
        recreational: bool = False,
    ) -> None:
        if not (set(product.routes) & _ORAL_ROUTES):
            return
        m = _ROUTE.search(sent.text)
        if m and _GENERAL_SUBJECT.search(sent.text[: m.start()]):
            return  # "ppl crush and snort addy": a general remark, not a use
        if m and not context.is_negated(sent, m.start(), m.end()):
            if context.is_hypothetical(sent, m.start()) and not context.is_question(sent):
                return
            if recreational:  # "snorts his addys before exams": misuse, not off-label
                self._misuse(prep, res, sent, sent.start + m.start(), sent.start + m.end())
                return
            self._add(
                prep, res, sent, sent.start + m.start(), sent.start + m.end(), "route", "route"
            )

    def _population(
        self,
        prep: Prepared,
        product: Product | None,
        patient: Person,
        cond_hits: list[Hit],
        res: OffLabelResult,
        mention_starts: list[int] | None = None,
    ) -> None:
        if product is None or not patient.is_child or _ACCIDENTAL.search(prep.clean):
            return
        owner = _OWNER_TAIL.match(prep.clean, patient.end)
        if owner and (
            owner.group(1) is not None
            or any(0 <= o - owner.end() <= 2 for o in mention_starts or [])
        ):
            return  # "my kid's ritalin": the child owns the medicine, the writer would take it
        if _VIA_PARENT.search(prep.clean):  # a breastfed baby: the parent takes the product
            return
        named = frozenset(
            h.value
            for h in cond_hits
            if not self._denied(prep, h)
            and _PATIENT_CONDITION_CUE.search(prep.clean[max(0, h.start - 40) : h.start])
        )
        limit = self.min_age(product, _expand(named))
        age = patient.age
        too_young = age < limit if age is not None else limit >= 18
        if not too_young:
            return
        window = prep.clean[max(0, patient.start - 60) : patient.end + 80]
        if not _GIVEN.search(window) and not named:
            return
        sent = prep.sentence_at(patient.start) or Sentence(0, len(prep.clean), prep.clean, False)
        self._add(prep, res, sent, patient.start, patient.end, "population", "population")

    @staticmethod
    def _denied(prep: Prepared, hit: Hit) -> bool:
        sent = prep.sentence_at(hit.start)
        if sent is None:
            return False
        return context.is_negated(sent, hit.start - sent.start, hit.end - sent.start)
