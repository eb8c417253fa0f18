"""Round 14 product resolution: foreign generics and brands, vaccines by purpose, false hits.

Each row is a short comment in our own words; ``expected`` is the product names the finder must
report (empty: no product at all). Positives and the hard negatives next to them sit together.
"""

from __future__ import annotations

import pytest

from moderator.detect.catalog import load_catalog
from moderator.detect.products import ProductFinder
from moderator.detect.text import Prepared

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def finder() -> ProductFinder:
    f = ProductFinder(load_catalog())
    f.warm()
    return f


def _names(finder: ProductFinder, text: str) -> list[str]:
    return [m.name for m in finder.find(Prepared(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # generics written with a Spanish / Portuguese / Italian / German ending
        ("mi padre toma furosemida y losartana", ["Furosemide", "Losartan"]),
        ("meine Mutter nimmt Amlodipin seit Jahren", ["Amlodipine"]),
        ("ela toma rivaroxabana desde março", ["Xarelto"]),
        ("er bekommt Duloxetin 60", ["Cymbalta"]),
        ("il paracetamolo non basta", ["Acetaminophen"]),
        ("levotiroxina 50 en ayunas", ["Levothyroxine"]),
        # ... but everyday words with the same endings stay words
        ("la rutina de la madrina en la oficina", []),
        ("tomo mi medicina y la vitamina con proteina", []),
        # foreign brands of the catalogue's molecules resolve to the catalogue product
        ("mon médecin m'a mis sous Tahor 20", ["Lipitor"]),
        ("depuis le Seroplex je dors mal", ["Lexapro"]),
        ("meu filho toma Venvanse", ["Lisdexamfetamine"]),
        # short brands the dictionary drops
        ("they switched my Breo to another inhaler", ["Fluticasone Furoate And Vilanterol"]),
        ("chewing Tums all night for the heartburn", ["Calcium Carbonate"]),
        # vaccines named by what they prevent
        ("got the RSV shot at the pharmacy", ["Rsv Vaccine"]),
        ("my pneumonia shot made my arm sore", ["Pneumococcal Vaccine"]),
        ("shot alone is not a product: my knees are shot", []),
        ("the shot they gave me at the clinic", []),
        ("a pill box with AM and PM slots", []),
    ],
)
def test_products_found(finder: ProductFinder, text: str, expected: list[str]) -> None:
    assert _names(finder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # lab codes of the drug dictionary that are everyday phrases
        "I take it at 10 every morning",
        "po 12 godzinach zaczęła się wysypka",
        "sin 10 días de descanso",
        # body chemistry and lab tests, not medicines
        "my LDL cholesterol is still 160",
        "the GI says I made antibodies and my calprotectin is high",
        "these sulfur burps are awful",
        # words of other languages the dictionary lists as substances
        "parei porque o plano não cobre mais",
        "kalma lang po, okay na si lola",
        "Camila from church drove me to the pharmacy",
        "anyone in the Fargo area know a good clinic",
        "my son is allergic to cashews",
        # a misspelling alias plus another edit is an everyday word
        "this month the tablets are a lighter red",
    ],
)
def test_no_false_product(finder: ProductFinder, text: str) -> None:
    assert _names(finder, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # misspellings within the fuzzy rules still resolve
        ("my lipiter gave me leg cramps", ["Lipitor"]),
        ("been on elliquis since the stroke", ["Eliquis"]),
        ("the jardinance made me pee all night", ["Jardiance"]),
        ("xarrelto 20 with supper", ["Xarelto"]),
        ("dupixnet shots every two weeks", ["Dupixent"]),
    ],
)
def test_misspellings_still_found(finder: ProductFinder, text: str, expected: list[str]) -> None:
    assert _names(finder, text) == expected
