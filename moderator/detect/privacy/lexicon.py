"""Word lists the privacy recognizers share: health terms, medicines, relations, titles.

Kept in one place so the "named person tied to a health detail" rule and its prefilter
agree on what counts as health information. Health information is a condition, procedure,
care setting, clinician, symptom (the adverse-event symptom list) or any medicine (the
offline drug dictionary the product finder uses). Terms are looked up per token n-gram in
one dict, never as one regex per term, so the lists can stay long and the lookup cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Conditions, procedures, care settings and clinicians whose mention next to a named person
#: is a health disclosure (English, Spanish, French, German, Portuguese, Italian). Lower case.
HEALTH_TERMS: tuple[str, ...] = (
    # cancer and its treatment
    "cancer",
    "tumor",
    "tumour",
    "leukemia",
    "leukaemia",
    "lymphoma",
    "melanoma",
    "carcinoma",
    "chemo",
    "chemotherapy",
    "radiotherapy",
    "radiation therapy",
    "radiation",
    "metastatic",
    "oncologist",
    "oncology",
    "mastectomy",
    "biopsy",
    "remission",
    "stage 4",
    "stage four",
    # infections
    "hiv",
    "hepatitis",
    "herpes",
    "syphilis",
    "chlamydia",
    "covid",
    "covid-19",
    "coronavirus",
    "tuberculosis",
    "pneumonia",
    "sepsis",
    "infection",
    "shingles",
    "uti",
    # metabolic, heart, kidney
    "diabetes",
    "diabetic",
    "prediabetes",
    "prediabetic",
    "type 2",
    "type 1",
    "type two",
    "type one",
    "t2d",
    "t1d",
    "a1c",
    "insulin",
    "obesity",
    "cholesterol",
    "high cholesterol",
    "blood pressure",
    "high blood pressure",
    "hypertension",
    "dialysis",
    "kidney failure",
    "kidney disease",
    "ckd",
    "transplant",
    "heart attack",
    "stroke",
    "heart failure",
    "cardiac arrest",
    "bypass surgery",
    "bypass",
    "stent",
    "pacemaker",
    "angina",
    "afib",
    "a-fib",
    "a fib",
    "atrial fibrillation",
    "arrhythmia",
    "heart rhythm",
    "heart condition",
    "cardiologist",
    "blood clot",
    "clot",
    "dvt",
    "embolism",
    "bleed",
    "gi bleed",
    "brain bleed",
    "hemorrhage",
    "haemorrhage",
    "thyroid",
    "hypothyroidism",
    "hyperthyroidism",
    "cirrhosis",
    "liver disease",
    "fatty liver",
    # neuro and mental health
    "dementia",
    "alzheimer's",
    "alzheimers",
    "alzheimer",
    "parkinson's",
    "parkinsons",
    "parkinson",
    "multiple sclerosis",
    "epilepsy",
    "seizure",
    "seizures",
    "convulsion",
    "migraine",
    "migraines",
    "neuropathy",
    "autism",
    "autistic",
    "depression",
    "depressed",
    "postpartum",
    "bipolar",
    "schizophrenia",
    "schizophrenic",
    "anxiety",
    "anxiety disorder",
    "panic attack",
    "panic attacks",
    "panic disorder",
    "ptsd",
    "ocd",
    "adhd",
    "eating disorder",
    "anorexia",
    "bulimia",
    "suicidal",
    "suicide",
    "self-harm",
    "self harm",
    "overdose",
    "overdosed",
    "addiction",
    "addicted",
    "rehab",
    "alcoholic",
    "psychosis",
    "breakdown",
    "mental health",
    "psychiatrist",
    "psychiatric",
    "therapy",
    "not wanting to be here",
    # immune, gut, skin, joints, lungs
    "copd",
    "asthma",
    "arthritis",
    "rheumatoid",
    "rheumatologist",
    "lupus",
    "crohn's",
    "crohns",
    "crohn",
    "colitis",
    "ulcerative colitis",
    "ibd",
    "ibs",
    "gerd",
    "celiac",
    "coeliac",
    "eczema",
    "dermatitis",
    "psoriasis",
    "hidradenitis",
    "fibromyalgia",
    "fibro",
    "anaphylaxis",
    "anaphylactic",
    "allergic reaction",
    "allergy",
    "allergies",
    "flare",
    "flare-up",
    "flare up",
    "flares",
    # reproductive
    "pregnant",
    "pregnancy",
    "miscarriage",
    "miscarried",
    "stillbirth",
    "ivf",
    "infertility",
    "abortion",
    "pcos",
    "endometriosis",
    "menopause",
    # care, procedures, clinical words
    "surgery",
    "operation",
    "hospital",
    "hospitalised",
    "hospitalized",
    "admitted",
    "intensive care",
    "emergency room",
    "urgent care",
    "a&e",
    "hospice",
    "palliative",
    "coma",
    "nursing home",
    "diagnosed",
    "diagnosis",
    "disease",
    "illness",
    "disorder",
    "syndrome",
    "symptoms",
    "side effect",
    "side effects",
    "paralysed",
    "paralyzed",
    "amputation",
    "mri",
    "prescribed",
    "prescription",
    "medication",
    "medications",
    "meds",
    "treatment",
    "antidepressant",
    "antidepressants",
    "pain free",
    "chronic pain",
    "hip replacement",
    "knee replacement",
    "broke her hip",
    "broke his hip",
    "infusion",
    # es / pt / it
    "cáncer",
    "cancro",
    "artritis",
    "artrite",
    "diabético",
    "diabética",
    "diabete",
    "depresión",
    "depressão",
    "depressione",
    "ansiedad",
    "ansiedade",
    "ansia",
    "embarazada",
    "grávida",
    "incinta",
    "hospitalizado",
    "hospitalizada",
    "internado",
    "internada",
    "ospedale",
    "cirugía",
    "cirurgia",
    "enfermedad",
    "doença",
    "malattia",
    "tratamiento",
    "tratamento",
    "diagnosticado",
    "diagnosticada",
    "convulsión",
    "convulsão",
    "derrame",
    "infarto",
    "demencia",
    "demência",
    # fr / de
    "arthrite",
    "diabète",
    "dépression",
    "anxiété",
    "enceinte",
    "hôpital",
    "hospitalisé",
    "hospitalisée",
    "chirurgie",
    "maladie",
    "traitement",
    "diagnostiqué",
    "diagnostiquée",
    "krebs",
    "arthritis",
    "depressionen",
    "schwanger",
    "krankenhaus",
    "klinik",
    "operation",
    "krankheit",
    "behandlung",
    "diagnose",
    "diagnostiziert",
    "schlaganfall",
    "herzinfarkt",
    "demenz",
    "gestürzt",
)

#: Acronyms and short words that are health terms only in upper case ("MS", not "ms").
CASE_SENSITIVE_TERMS: tuple[str, ...] = (
    "MS",
    "ALS",
    "AIDS",
    "STD",
    "STI",
    "ICU",
    "RA",
    "ER",
    "UC",
    "PE",
    "CF",
    "MDD",
    "GAD",
    "CHF",
    "CAD",
    "HS",
    "COPD",
    "HIV",
    "PTSD",
    "ADHD",
    "OCD",
    "IBS",
    "IBD",
    "PCOS",
    "CKD",
    "T2D",
    "T1D",
    "DVT",
    "GERD",
    "UTI",
    "AF",
    "PMDD",
    "ASD",
)

#: Relations that mark the next capitalised word as a real third person ("my sister Jane").
RELATIONS: tuple[str, ...] = (
    "sister",
    "brother",
    "mother",
    "mom",
    "mum",
    "mommy",
    "mummy",
    "mama",
    "momma",
    "father",
    "dad",
    "daddy",
    "papa",
    "pops",
    "son",
    "daughter",
    "wife",
    "husband",
    "hubby",
    "partner",
    "spouse",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancé",
    "fiancee",
    "fiancée",
    "aunt",
    "auntie",
    "aunty",
    "uncle",
    "cousin",
    "niece",
    "nephew",
    "grandma",
    "grandpa",
    "granny",
    "gran",
    "grandad",
    "granddad",
    "grandmother",
    "grandfather",
    "nana",
    "nan",
    "grandson",
    "granddaughter",
    "grandchild",
    "grandkid",
    "friend",
    "bestie",
    "buddy",
    "pal",
    "mate",
    "neighbour",
    "neighbor",
    "colleague",
    "coworker",
    "co-worker",
    "workmate",
    "boss",
    "roommate",
    "flatmate",
    "housemate",
    "classmate",
    "teammate",
    "stepson",
    "stepdaughter",
    "stepmom",
    "stepmum",
    "stepdad",
    "stepmother",
    "stepfather",
    "mother-in-law",
    "father-in-law",
    "sister-in-law",
    "brother-in-law",
    "son-in-law",
    "daughter-in-law",
    "baby",
    "child",
    "kid",
    "kids",
    "twins",
    "toddler",
    "teen",
    "patient",
    "client",
    "resident",
    "student",
    "pupil",
    "godson",
    "goddaughter",
    "ex",
)

#: Other-language relations, each with the possessive that introduces it.
FOREIGN_RELATIONS: tuple[str, ...] = (
    # es
    "madre",
    "padre",
    "mamá",
    "papá",
    "hijo",
    "hija",
    "hermano",
    "hermana",
    "esposo",
    "esposa",
    "marido",
    "mujer",
    "abuela",
    "abuelo",
    "tía",
    "tia",
    "tío",
    "tio",
    "primo",
    "prima",
    "amigo",
    "amiga",
    "vecino",
    "vecina",
    "sobrino",
    "sobrina",
    "novio",
    "novia",
    "suegra",
    "suegro",
    "nieto",
    "nieta",
    "paciente",
    # pt
    "mãe",
    "mae",
    "pai",
    "filho",
    "filha",
    "irmão",
    "irmã",
    "avó",
    "avô",
    "vizinho",
    "vizinha",
    "namorado",
    "namorada",
    # fr
    "mère",
    "père",
    "fils",
    "fille",
    "mari",
    "femme",
    "frère",
    "sœur",
    "soeur",
    "oncle",
    "tante",
    "cousine",
    "ami",
    "amie",
    "voisin",
    "voisine",
    "grand-mère",
    "grand-père",
    "copain",
    "copine",
    "patiente",
    "belle-mère",
    "beau-père",
    # de
    "vater",
    "mutter",
    "sohn",
    "tochter",
    "mann",
    "frau",
    "bruder",
    "schwester",
    "onkel",
    "oma",
    "opa",
    "großmutter",
    "großvater",
    "freund",
    "freundin",
    "nachbar",
    "nachbarin",
    "kollege",
    "kollegin",
    "enkel",
    "enkelin",
    "patientin",
    "schwiegermutter",
    "schwiegervater",
    # it
    "figlio",
    "figlia",
    "fratello",
    "sorella",
    "marito",
    "moglie",
    "nonna",
    "nonno",
    "zio",
    "zia",
    "cugino",
    "cugina",
    "amico",
    "amica",
    "vicino",
    "vicina",
    "mamma",
    "papà",
)
POSSESSIVES: tuple[str, ...] = ("my", "our", "his", "her", "their", "your")
FOREIGN_POSSESSIVES: tuple[str, ...] = (
    "mi",
    "mis",
    "nuestra",
    "nuestro",
    "su",
    "mon",
    "ma",
    "mes",
    "notre",
    "son",
    "sa",
    "mein",
    "meine",
    "meinem",
    "meiner",
    "meinen",
    "unser",
    "unsere",
    "meu",
    "minha",
    "nosso",
    "nossa",
    "mio",
    "mia",
    "il mio",
    "la mia",
    "o meu",
    "a minha",
)

#: Titles of carers: "Dr Smith" next to "cancer" is the clinician, not the patient.
CARER_TITLES: tuple[str, ...] = (
    "dr",
    "dr.",
    "doctor",
    "prof",
    "prof.",
    "professor",
    "nurse",
    "pharmacist",
    "surgeon",
    "dra",
    "dra.",
    "docteur",
    "doktor",
    "rn",
    "np",
    "pa",
)

_WORD = re.compile(r"[^\W_]+(?:['’&\-][^\W_]+)*")
_CASE_SENSITIVE = frozenset(CASE_SENSITIVE_TERMS)


def _key(words: list[str]) -> str:
    return " ".join(words)


def _table() -> dict[str, str]:
    table = {t.lower().replace("’", "'"): "health" for t in HEALTH_TERMS}
    return table


_HEALTH: dict[str, str] = _table()
_MAX_N = max(len(t.split()) for t in _HEALTH)


@dataclass(frozen=True)
class Term:
    """A health word or medicine found in a text (offsets index that text)."""

    start: int
    end: int
    text: str
    kind: str  # "health", "symptom" or "medicine"


@lru_cache(maxsize=1)
def _symptoms() -> frozenset[str]:
    """Adverse-event symptom phrases (the AE detector's list), lower case."""
    from moderator.detect.lexicon import DATA_DIR

    lines = (DATA_DIR / "symptoms.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def _medicines() -> dict[str, str]:
    """Variant -> canonical medicine name from the product finder's offline dictionary."""
    try:
        from moderator.detect.products import _load_ner  # one shared copy per process
    except ImportError:  # pragma: no cover - the package is part of the core
        return {}
    return _load_ner()


def _fold(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, int]]:
    """Every phrase -> kind, and per first word the longest phrase it starts.

    Health beats symptom beats medicine; the first-word table means most words cost one
    dict lookup.
    """
    table: dict[str, str] = {k: "medicine" for k in _medicines() if len(k) >= 5}
    table.update((k, "symptom") for k in _symptoms() if len(k) > 3)
    table.update((k, "health") for k in _HEALTH)
    longest: dict[str, int] = {}
    for key in table:
        head = key.split(" ", 1)[0]
        longest[head] = max(longest.get(head, 1), key.count(" ") + 1)
    return table, longest


def health_terms_in(text: str) -> list[Term]:
    """Health words, symptoms and medicine names in ``text``, in order.

    Longest match first at each word; acronyms only in upper case; a trailing "s" is
    folded so plurals match. The prefilter and the recognizer ask about the same text, so
    recent answers are cached.
    """
    return list(_health_terms_cached(text))


@lru_cache(maxsize=256)
def _health_terms_cached(text: str) -> tuple[Term, ...]:
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    if not words:
        return ()
    table, longest = _lexicon()
    lowered = [w[2].lower().replace("’", "'") for w in words]
    out: list[Term] = []
    i = 0
    count = len(words)
    while i < count:
        head = lowered[i]
        width = max(longest.get(head, 0), longest.get(_fold(head), 0))
        hit: tuple[int, str] | None = None
        if words[i][2] in _CASE_SENSITIVE:
            hit = (1, "health")
        for n in range(min(width, count - i), 0, -1):
            if hit:
                break
            key = head if n == 1 else _key(lowered[i : i + n])
            kind = table.get(key) or table.get(_fold(key))
            if kind:
                hit = (n, kind)
        if hit is None:
            i += 1
            continue
        n, _kind = hit
        start, end = words[i][0], words[i + n - 1][1]
        out.append(Term(start, end, text[start:end], hit[1]))
        i += n
    return tuple(out)


def is_health_word(word: str) -> bool:
    """Tell whether one word is a health term or a medicine (names are never these)."""
    low = word.lower().replace("’", "'").removesuffix("'s")
    return low in _HEALTH or low in _symptoms() or low in _medicines()
