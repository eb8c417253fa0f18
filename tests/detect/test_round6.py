"""Round 6 mechanisms (rules alone, comment model off): positives and hard negatives.

Categories from a blind set's misses, each exercised with phrasings written for the mechanism
(other products, languages and wordings), not copied from the evaluation set.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.detect.catalog import load_catalog
from moderator.detect.products import ProductFinder
from moderator.detect.text import Prepared
from moderator.models import AnalysisInput


@pytest.fixture(scope="module")
def finder() -> ProductFinder:
    return ProductFinder(load_catalog())


def _ae(suite: DetectorSuite, text: str, post: str | None = None) -> bool:
    a = suite.analyze(AnalysisInput("t", text, post))
    return a.adverse_event is not None


# ---- 1. products: misspelt / inflected catalogue brands and common non-catalogue medicines ----
PRODUCTS = [
    ("Po Cymbalcie mam nudności", "Cymbalta"),
    ("Po Xarelcie mam siniaki", "Xarelto"),
    ("nie biorę już Humiry", "Humira"),
    ("took zollof for a year", "Zoloft"),
    ("lipiter 20mg daily", "Lipitor"),
    ("Augmentin gave me hives", "Amoxicillin And Clavulanate"),
    ("Nexplanon arm is sore", "Etonogestrel Implant"),
    ("on yaz since 2019", "Drospirenone And Ethinylestradiol"),
    ("Got the Moderna booster friday", "Covid-19 Vaccine (Moderna)"),
    ("the pfizer shot wiped me out", "Covid-19 Vaccine (Pfizer)"),
    ("ashwagandha every night", "Ashwagandha (Supplement)"),
    ("my baby's vaccines yesterday", "Vaccine"),
    ("Claritin stopped working", "Loratadine"),
    ("Mounjaro week 4", "Tirzepatide"),
]


@pytest.mark.parametrize(("text", "name"), PRODUCTS)
def test_products_recognised(finder: ProductFinder, text: str, name: str) -> None:
    assert name in [m.name for m in finder.find(Prepared(text))]


@pytest.mark.parametrize(
    "text",
    [
        "cymbals at the concert",
        "the humidity is awful",
        "Pfizer stock went up",
        "retinol serum every night",
        "new subs on my channel",
    ],
)
def test_not_products(finder: ProductFinder, text: str) -> None:
    assert finder.find(Prepared(text)) == []


# ---- 2-7. events: positives and hard negatives --------------------------------------------------
CASES = [
    # 1. products outside the catalogue carry an AE
    ("Augmentin gave my son terrible diarrhea for a week", None, True),
    ("my Nexplanon made me spot every single day", None, True),
    ("Got the Pfizer booster and my arm swelled up like a balloon", None, True),
    ("Po Xarelcie mam straszne siniaki", None, True),
    # 2. denials, also in other languages
    ("No nausea, no headaches, nothing. Been on it a year", "Zoloft", False),
    ("Two years on it. No side effects at all.", "Lexapro", False),
    ("Je prends Xarelto depuis 2 ans, aucun effet indésirable", None, False),
    ("Llevo un año con Ozempic, ningún efecto secundario", None, False),
    ("Nehme Eliquis seit Jahren, keine Nebenwirkungen", None, False),
    ("Prendo Lexapro da un anno, nessun effetto collaterale", None, False),
    ("Biorę Zoloft od roku, żadnych skutków ubocznych", None, False),
    ("fine on it. I had panic attacks before I started it, not since", "Zoloft", False),
    # 3. other languages: anchors, symptoms, hospital, lack of effect
    ("Sinds ik Ozempic gebruik heb ik steeds buikpijn", None, True),
    ("Dopo il vaccino ho avuto la febbre alta", "Shingrix protects against shingles", True),
    ("Mein Vater nimmt Xarelto und liegt jetzt im Krankenhaus", None, True),
    ("Zyrtec ne marche plus du tout", None, True),
    ("Lexapro funktioniert nicht mehr bei mir", None, True),
    ("Mi hija toma Adderall y no come nada", None, True),
    ("Ozempic werkt niet meer", None, True),
    ("Po Ozempicu mam wymioty codziennie", None, True),
    ("Ho preso Zoloft due volte per sbaglio", None, True),
    # 4. reports inside questions and @replies
    ("Can it raise your pulse? Mine's been climbing up since I started", "Cymbalta", True),
    ("@Tom Reyes you said you got gallstones on this stuff right?", "Ozempic", True),
    ("@Ana isn't this what your dad was on when he had the brain bleed?", "Xarelto", True),
    (
        "@Jo no, it is not normal to have diarrhea for two weeks on it, call your doctor",
        "Ozempic",
        True,
    ),
    ("Can it cause gallstones?", "Ozempic", False),
    # 5. HCP reports and vaccines in babies
    ("Pharmacist here. Had a patient on Eliquis with a GI bleed last month", None, True),
    ("after my 2 month old's vaccines he had a fever of 102 all night", None, True),
    # 6. lack of effect with numbers / still
    ("on Lipitor 6 months and my cholesterol is still 260", None, True),
    ("my a1c was 9 and 3 months later it's 9.4 on Jardiance", None, True),
    ("Cymbalta doesn't even give me any relief anymore", None, True),
    # 7. false alarms: use questions, benefit, jokes, a relative's death from the disease
    ("Does it help with eczema too? I've had eczema on my hands for years", "Dupixent", False),
    ("my 10 yo has bad acne, can he use this?", "Differin gel for acne", False),
    ("Can I get it at 45? My mum had shingles and it was awful", "Shingrix", False),
    ("It works!!! Down 30 lbs and off my cholesterol meds", "Ozempic", False),
    ("my wallet had a heart attack at the pharmacy counter lol", "Humira", False),
    ("Dad fell asleep during the Eliquis ad again", None, False),
    ("we lost my grandma to a stroke in 2019, get checked for afib everyone", "Eliquis", False),
    ("My sister's doctor told her this drug can cause yeast infections. True?", "Jardiance", False),
    # the use-question gate does not hide a user's own report
    ("I've been on it a month and my hands are numb. Can I take B12 with it?", "Cymbalta", True),
]


@pytest.mark.parametrize(("text", "post", "expected"), CASES)
def test_round6_rules(rules: DetectorSuite, text: str, post: str | None, expected: bool) -> None:
    assert _ae(rules, text, post) is expected


@pytest.mark.timeout(10)
def test_hostile_input_stays_bounded(rules: DetectorSuite) -> None:
    """Long runs of the new cue words must not blow up the (linear) patterns."""
    text = ("no bleeding, " * 400) + ("sinds ik " * 300) + ("@x you said you got " * 200)
    a = rules.analyze(AnalysisInput("t", text, "Xarelto"))
    assert a.id == "t"


# ---- medical inquiries: other languages, cause/age/ER questions; not quotes or replies ---------
INQUIRIES = [
    ("Po Lexapro mam bóle głowy. Czy to minie?", "Lexapro", True),
    ("Darf mein Sohn (10) Dupixent bekommen?", "Dupixent", True),
    ("My mum took her Xarelto twice by mistake. Should we go to the ER?", None, True),
    ("Started it and my pulse is 120. Is that from the Cymbalta?", None, True),
    ("@Sam how did you come off Effexor without the zaps?", None, True),
    ("When is the generic coming out?", "Lipitor", False),
    ("> anyone else get weird dreams?\nyes every night", "Zoloft", False),
    ("You know what gave me a headache? This thread 😂", "Zoloft", False),
    ("@Kim you said you got gallstones on this stuff right?", "Ozempic", False),
    ("¿Dónde puedo conseguir la tarjeta de ahorro?", "Ozempic", False),
]


@pytest.mark.parametrize(("text", "post", "expected"), INQUIRIES)
def test_round6_inquiries(
    rules: DetectorSuite, text: str, post: str | None, expected: bool
) -> None:
    a = rules.analyze(AnalysisInput("t", text, post))
    assert any(f.kind == "medical_inquiry" for f in a.flags) is expected
