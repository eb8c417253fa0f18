"""Find medicine mentions: catalogue products (incl. misspellings) and any other drug.

Why three layers: commenters misspell brands ("ozempik", "xeralto", "lexapr0"), so exact lookup of
the catalogue terms is followed by a bounded fuzzy match against the same (small) term set; and an
AE with a competitor's or a concomitant medicine still matters, so every other token n-gram is
looked up in the offline dictionary of the ``drug-named-entity-recognition`` package (107k surface
forms). All lookups are dict/set operations over tokens: no per-term regexes.
"""

from __future__ import annotations

import bz2
import pickle
import re
import threading
import unicodedata
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from moderator.detect.catalog import Catalog, Product
from moderator.detect.text import Prepared, Token

# French and Italian elide the article into the next word: "l'amoxicilline", "d'Ozempic",
# "dell'ibuprofene". The drug is the part after the apostrophe.
_ELISION = re.compile(r"^(?:l|d|j|qu|s|n|c|m|t|dell|all|dall|nell|sull)'(?=\w{4})")
# "citrate-free", "latex-free", "sugar-free": a formulation without the substance, not a mention.
_FREE_OF = re.compile(r"-free\b")
_DIGIT_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "@": "a"})
_NER_MAX_TOKENS = 4
_NER_MIN_LEN = 5
# Dictionary entries that are drug classes, body chemicals or everyday words, not products.
_NER_STOP: frozenset[str] = frozenset(
    [
        "antidepressant",
        "antidepressants",
        "generic",
        "generics",
        "caps",
        "capsule",
        "capsules",
        "serotonin",
        "dopamine",
        "pecans",
        "pecan",
        "narcotic",
        "narcotics",
        "snri",
        "ssri",
        "ssris",
        "maoi",
        "steroid",
        "steroids",
        "hormone",
        "hormones",
        "vitamin",
        "vitamins",
        "sleeping",
        "pills",
        "painkiller",
        "painkillers",
        "antibiotic",
        "antibiotics",
        "water",
        "sugar",
        "oxygen",
        "alcohol",
        "stimulant",
        "stimulants",
        "opioid",
        "opioids",
        "antipsychotic",
        "neuroleptic",
        "flax",
        "seed",
        "benzo",
        "benzos",
        "medicine",
        "medication",
        "placebo",
        "insulin",
        "glucose",
        # round 14: body chemistry, lab tests, foods and words of other languages that the
        # dictionary lists as substances ("my LDL cholesterol", "o plano não cobre", "kalma lang")
        "ldl cholesterol",
        "hdl cholesterol",
        "cholesterol",
        "antibodies",
        "antibody",
        "calprotectin",
        "cortisol",
        "citrate",
        "sulfur",
        "cashew",
        "cashews",
        "toronja",
        "fargo",
        "glucosa",
        "dopamina",
        "alkohol",
        "etanol",
        "cobre",
        "cuivre",
        "kupfer",
        "eisen",
        "calcio",
        "platino",
        "cobalto",
        "kobalt",
        "chrom",
        "cromo",
        "cloro",
        "aluminio",
        "titanio",
        "titane",
        "silicio",
        "carbono",
        "indio",
        "zeven",
        "provas",
        "kalma",
        "cambia",
        "rhein",
        "talen",
        "rufen",
        "voren",
        "hemel",
        "geminin",
        "sular",
        "rayos",
        "modus",
        "camila",
        "dilin",
        "promet",
        "bilimin",
        "consensi",
        "buche",
        "safra",
        "armin",
        "armour",
        "versene",
        "pegada",
        "geram",
        "cortan",
        "vasten",
        "angelica",
        "opino",
        "nadide",
        "selen",
        "sevin",
        "filipin",
        "kendrick",
        "renova",
        "soluna",
        "diskin",
        "banan",
        "prent",
        "esclama",
        "palin",
        "vitae",
        "pulsar",
        "vanos",
        "stimate",
        "lastet",
        "captan",
        "ovide",
        "diamonds",
        "indicators",
        "buffers",
        "fertilizers",
        "insecticides",
        "sunscreen",
        "parabens",
        "gelatina",
        "gelatine",
        "madrine",
        "catenin",
        "testolin",
        "sparine",
        "ukrain",
        "all clear",
        "special k",
        "light green",
        "heavy water",
        "table salt",
        "sea salt",
        "egg white",
        "brown rice",
        "white fish",
        "house dust",
        "dog hair",
        "cat hair",
        "dry ice",
        "blood group",
    ]
)
# round 14: lab and research codes written as a short word and a number or letter ("at 10",
# "po 12", "sin 10", "sam e") are everyday phrases in comments ("at 10 am", Polish "po 12
# godzinach", Spanish "sin 10 días"), never a medicine a commenter takes; the few real products of
# that shape ("plan b", "dolo 650") are in ``extra_products.txt``, which is added afterwards.
_CODE_LIKE = re.compile(r"^[a-z]{1,5} (?:\d{1,3}|[a-z])$")
_FUZZY_STOP: frozenset[str] = frozenset(
    [
        "liquids",
        "liquid",
        "lexical",
        "humor",
        "human",
        "humid",
        "humidity",
        "zealot",
        "symbol",
        "cymbal",
        "cymbals",
        "simple",
        "sample",
        "adderly",
        "added",
        "adder",
        "laptop",
        "lipstick",
        "sertain",
        "certain",
        "ozone",
    ]
)


# Vaccines, contraceptives, brands and supplements the drug dictionary lacks (or drops for being
# shorter than ``_NER_MIN_LEN``): ``data/extra_products.txt``, "surface form | canonical" lines.
_EXTRA_PATH = Path(__file__).resolve().parent / "data" / "extra_products.txt"
# Inflected catalogue brands ("Cymbalcie", "Xarelcie", "Humiry"): Slavic and other case endings
# replace the brand's last letters, so a word that keeps all but the last two letters of a brand of
# 6+ letters (at least 5 of them) and adds at most three is the brand.
_INFLECT_MIN_TERM = 6
# Round 13: dictated brands split into words; see ``ProductFinder._spoken``.
_SPOKEN_MIN_LEN = 6
_SPOKEN_MAX_WORD = 6
_SPOKEN_STOP: frozenset[str] = frozenset(
    re.findall(
        r"\w+",
        "a an the my your his her our their this that it is was to of on in and or for with at by"
        " i me we you he she they so but not no do did has had have be been",
    )
)
_SOUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?:ck|k|c)s"), "x"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"(?<=\w)e(?=s?$)"), ""),
)
_INFLECT_MAX_EXTRA = 3


def _extra_products() -> dict[str, str]:
    """The curated table; a missing or unreadable file only loses these extra names."""
    table: dict[str, str] = {}
    try:
        lines = _EXTRA_PATH.read_text(encoding="utf-8").splitlines()
    except OSError:
        return table
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "|" not in line:
            continue
        surface, canonical = (part.strip() for part in line.split("|", 1))
        key = " ".join(_term_tokens(surface))
        if key and canonical:
            table[key] = canonical
    return table


@dataclass(frozen=True)
class ProductMention:
    """One medicine mention; ``start``/``end`` index the original comment text."""

    as_reported: str
    start: int
    end: int
    name: str
    generic: str
    in_catalog: bool
    fuzzy: bool = False
    product: Product | None = None

    def to_dict(self, from_post: bool = False) -> dict:
        """The shape the AE record and ``moderator analyze`` use."""
        return {
            "as_reported": self.as_reported,
            "name": self.name,
            "generic": self.generic,
            "in_catalog": self.in_catalog,
            "start": self.start,
            "end": self.end,
            "from_post": from_post,
        }


# ---- the drug dictionary (loaded once, lazily, thread-safe) ---------------------------------
_NER_LOCK = threading.Lock()
_NER: dict[str, str] | None = None


def _load_ner() -> dict[str, str]:
    """Variant -> canonical name from the package's bundled pickle (offline, ~0.7 s once)."""
    global _NER
    if _NER is not None:
        return _NER
    with _NER_LOCK:
        if _NER is None:
            table: dict[str, str] = {}
            try:
                # find_spec does not import the package: its __init__ would load the same
                # pickle again and build fuzzy n-gram tables we do not use (~4 s).
                spec = find_spec("drug_named_entity_recognition")
                if spec is None or not spec.submodule_search_locations:
                    raise FileNotFoundError("drug_named_entity_recognition")
                folder = Path(next(iter(spec.submodule_search_locations)))
                with bz2.open(folder / "drug_ner_dictionary.pkl.bz2", "rb") as fh:
                    data = pickle.load(fh)  # noqa: S301 - file shipped inside a pinned package
                variants = data.get("drug_variant_to_canonical", {})
                canon = data.get("drug_canonical_to_data", {})
                for variant, canonicals in variants.items():
                    if not canonicals or variant in _NER_STOP or _CODE_LIKE.match(variant):
                        continue
                    if len(variant) < _NER_MIN_LEN or not any(c.isalpha() for c in variant):
                        continue
                    c0 = canonicals[0]
                    table[variant] = canon.get(c0, {}).get("name", c0)
            except (ModuleNotFoundError, FileNotFoundError, OSError, pickle.UnpicklingError):
                table = {}  # the catalogue still works without the wider dictionary
            table.update(_extra_products())
            _NER = table
    return _NER


def _osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (transpositions count 1), cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        row_min = cur[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            row_min = min(row_min, v)
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _term_tokens(term: str) -> tuple[str, ...]:
    return tuple(t.text for t in Prepared(term).tokens)


class ProductFinder:
    """Finds product mentions in prepared text; build once per catalogue."""

    def __init__(self, catalog: Catalog, use_dictionary: bool = True) -> None:
        self.catalog = catalog
        self.use_dictionary = use_dictionary
        self._exact: dict[tuple[str, ...], Product] = {}
        self._fuzzy_terms: list[tuple[str, frozenset[str], Product]] = []
        # Round 14: the catalogue's misspelling aliases ("lipiter") are already one or two edits
        # from the brand; two more edits on top reach everyday words ("lighter"), so a word may
        # be only one edit from an alias. Brands and generics keep the two-edit allowance.
        self._alias_terms: set[str] = set()
        for product in catalog:
            proper = {_term_tokens(t) for t in (product.name, product.generic)}
            proper |= {t[:1] for t in proper}
            self._alias_terms.update(
                toks[0]
                for alias in product.aliases
                if len(toks := _term_tokens(alias)) == 1 and toks not in proper
            )
        for product in catalog:
            terms = [product.name, product.generic, *product.aliases]
            # "Effexor XR" is also written "Effexor"; "amphetamine mixed salts" as "amphetamine".
            terms += [product.name.split()[0], product.generic.split()[0]]
            for term in terms:
                toks = _term_tokens(term)
                if toks:
                    self._exact.setdefault(toks, product)
                if len(toks) == 1 and len(toks[0]) >= 5:
                    self._fuzzy_terms.append((toks[0], frozenset(toks[0]), product))
        self._max_n = max((len(k) for k in self._exact), default=1)
        # Brand names only: dictation mangles the coined brand, and the catalogue's generics and
        # misspelling aliases ("sertaline") sit too close to everyday phrases ("cereal in").
        self._spoken_terms = [
            (_sound_key(toks[0]), product)
            for product in catalog
            if (toks := _term_tokens(product.name))
            and len(toks[0]) >= _SPOKEN_MIN_LEN
            and toks[0].isalpha()
        ]
        self._fuzzy_cache: dict[str, Product | None] = {}

    def warm(self) -> None:
        """Load the drug dictionary now (e.g. on a worker thread) instead of on first use."""
        if self.use_dictionary:
            _load_ner()

    def _fuzzy(self, word: str) -> Product | None:
        if word in self._fuzzy_cache:
            return self._fuzzy_cache[word]
        found: Product | None = None
        if len(word) >= 5 and word not in _FUZZY_STOP and word.isalpha():
            chars = frozenset(word)
            best = 3
            for term, term_chars, product in self._fuzzy_terms:
                if abs(len(term) - len(word)) > 2 or len(chars & term_chars) < len(term_chars) - 2:
                    continue
                limit = 1 if len(term) < 7 or term in self._alias_terms else 2
                d = _osa_distance(word, term, limit)
                if d > limit or d >= best:
                    continue
                # Two edits are only trusted when the word ends like the brand ("xeralto").
                if d == 2 and word[-1] != term[-1]:
                    continue
                if d == 2 and word[0] != term[0] and {word[0], term[0]} != {"x", "z"}:
                    continue
                best, found = d, product
            if found is None:
                found = self._inflected(word)
        if len(self._fuzzy_cache) < 50_000:
            self._fuzzy_cache[word] = found
        return found

    def _inflected(self, word: str) -> Product | None:
        """A catalogue brand with a case ending in place of its last letters ("Cymbalcie")."""
        for term, _chars, product in self._fuzzy_terms:
            if len(term) < _INFLECT_MIN_TERM or len(word) > len(term) + _INFLECT_MAX_EXTRA:
                continue
            stem = term[: max(5, len(term) - 2)]
            if len(word) > len(stem) and word.startswith(stem):
                return product
        return None

    def find(self, prep: Prepared) -> list[ProductMention]:
        """All product mentions in order; catalogue matches win over dictionary matches."""
        tokens = prep.tokens
        words = [_normal_word(t) for t in tokens]
        ner = _load_ner() if self.use_dictionary else {}
        out: list[ProductMention] = []
        i = 0
        n_tok = len(tokens)
        while i < n_tok:
            hit = self._match_at(prep, tokens, words, i, ner)
            if hit is None:
                i += 1
                continue
            mention, width = hit
            out.append(mention)
            i += width
        return out

    def _match_at(
        self,
        prep: Prepared,
        tokens: list[Token],
        words: list[str],
        i: int,
        ner: dict[str, str],
    ) -> tuple[ProductMention, int] | None:
        n_tok = len(tokens)
        for n in range(min(self._max_n, n_tok - i), 0, -1):
            product = self._exact.get(tuple(words[i : i + n]))
            if product is not None:
                return self._mention(prep, tokens[i], tokens[i + n - 1], product, False), n
        for n in range(min(_NER_MAX_TOKENS, n_tok - i), 0, -1):
            key = " ".join(words[i : i + n])
            canonical = ner.get(key)
            if canonical is None and n == 1:
                canonical = _foreign_generic(key, ner)
            if canonical is None or _free_of(prep, tokens[i + n - 1]):
                continue
            product = self.catalog.get(canonical) or self.catalog.get(key)
            if product is not None:
                return self._mention(prep, tokens[i], tokens[i + n - 1], product, False), n
            s, e, raw = prep.original_span(tokens[i].start, tokens[i + n - 1].end)
            mention = ProductMention(raw, s, e, canonical.title(), canonical.lower(), False)
            return mention, n
        product = self._fuzzy(words[i])
        if product is not None:
            return self._mention(prep, tokens[i], tokens[i], product, True), 1
        spoken = self._spoken(words, i)
        if spoken is not None:
            product, n = spoken
            return self._mention(prep, tokens[i], tokens[i + n - 1], product, True), n
        product = self._hashtag(prep, tokens[i], words[i])
        if product is not None:
            return self._mention(prep, tokens[i], tokens[i], product, False), 1
        return None

    def _spoken(self, words: list[str], i: int) -> tuple[Product, int] | None:
        """Round 13: a brand that dictation split into words ("Zoe loft", "lecks a pro").

        Dictation spells a brand it does not know as the nearest run of common words, so two or
        three short alphabetic words, joined and reduced to a sound key, that are within one edit
        of a catalogue brand's key (6+ letters) are that brand. Function words never start a run,
        and the join must be 6+ letters, which keeps ordinary phrases from colliding.
        """
        if words[i] in _SPOKEN_STOP:
            return None
        for n in (3, 2):
            run = words[i : i + n]
            if len(run) < n or not all(w.isalpha() and len(w) <= _SPOKEN_MAX_WORD for w in run):
                continue
            key = _sound_key("".join(run))
            if len(key) < _SPOKEN_MIN_LEN:
                continue
            for term, product in self._spoken_terms:
                if key[0] == term[0] and _osa_distance(key, term, 1) <= 1:
                    return product, n
        return None

    def _hashtag(self, prep: Prepared, token: Token, word: str) -> Product | None:
        """Round 8: a campaign hashtag that starts with a brand ("#DupixentJourney") names it.

        Posts tag the product this way more often than they spell it out, and a comment under
        the post is about that product.
        """
        if token.start == 0 or prep.clean[token.start - 1] != "#" or not word.isalpha():
            return None
        for term, _chars, product in self._fuzzy_terms:
            if len(term) >= 5 and len(word) > len(term) and word.startswith(term):
                return product
        return None

    @staticmethod
    def _mention(
        prep: Prepared, first: Token, last: Token, product: Product, fuzzy: bool
    ) -> ProductMention:
        end = last.end - 2 if last.text.endswith("'s") else last.end
        s, e, raw = prep.original_span(first.start, end)
        return ProductMention(raw, s, e, product.name, product.generic, True, fuzzy, product)


def _sound_key(word: str) -> str:
    """A rough sound key, so "lecksapro" and "lexapro" or "jardiane" and "jardiance" meet."""
    for rx, rep in _SOUND_RULES:
        word = rx.sub(rep, word)
    return re.sub(r"(.)\1", r"\1", word)


# Round 14: generics spelt the way other languages write them. Spanish, Portuguese and Italian
# add a vowel ("levotiroxina", "losartana", "furosemida", "sinvastatina"); German and Dutch drop
# the final "e" ("amlodipin", "prednison"). One rewrite of the ending, then a dictionary lookup: a
# handful of dict probes per long word, and only words of 8+ letters, where the ending is a drug
# suffix rather than an everyday word ("rutina", "madrina" stay words).
_FOREIGN_MIN_LEN = 8
# Replacements are tried in order: the English form first ("tiroxina" -> "tiroxine" before
# "tiroxin"), so the dictionary's canonical name wins.
_FOREIGN_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ina", ("ine", "in")),
    ("ino", ("ine",)),
    ("ana", ("an",)),
    ("ida", ("ide",)),
    ("ona", ("one",)),
    ("olo", ("ol",)),
    ("ato", ("ate",)),
    ("in", ("ine",)),
    ("id", ("ide",)),
    ("on", ("one",)),
)


def _foreign_generic(word: str, ner: dict[str, str]) -> str | None:
    """The dictionary name of a generic written with a foreign ending or accents, if any."""
    if not word.isascii():
        plain = _without_accents(word)  # "losartán", "ibuprofène"
        found = ner.get(plain)
        if found is not None:
            return found
        word = plain
    if len(word) < _FOREIGN_MIN_LEN or not word.isalpha():
        return None
    for ending, replacements in _FOREIGN_ENDINGS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            for rep in replacements:
                found = ner.get(stem + rep)
                if found is not None:
                    return found
    return None


def _without_accents(word: str) -> str:
    """Strip diacritics ("losartán" -> "losartan"): the dictionary spells generics without."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _free_of(prep: Prepared, token: Token) -> bool:
    return _FREE_OF.match(prep.clean, token.end, token.end + 6) is not None


def _normal_word(token: Token) -> str:
    word = _ELISION.sub("", token.text)
    if word.endswith("'s"):
        word = word[:-2]
    if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
        swapped = word.translate(_DIGIT_LOOKALIKES)
        # "lexapr0" -> "lexapro", but keep doses such as "20mg" as they are.
        if swapped[-2:] != "mg" and sum(c.isalpha() for c in word) >= 4:
            word = swapped
    return word
