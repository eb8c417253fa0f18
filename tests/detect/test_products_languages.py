"""Product lookup across spelling conventions: elided articles, accents, "-free" formulations.

French and Italian glue the article to the drug ("l'ibuprofène", "d'Eliquis"), Spanish and
Portuguese write accents the drug dictionary does not ("losartán"), and a "citrate-free" pen
names a formulation, not citric acid. Each case is one a comment in those languages really
needs; the negatives show the rules do not invent products.
"""

from __future__ import annotations

import pytest

from moderator.detect.catalog import load_catalog
from moderator.detect.products import ProductFinder
from moderator.detect.text import Prepared


@pytest.fixture(scope="module")
def finder() -> ProductFinder:
    return ProductFinder(load_catalog())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("allergie grave après l'ibuprofène", "Ibuprofen"),
        ("je prends d'Eliquis depuis mars", "Eliquis"),
        ("effetti collaterali dell'ibuprofene", "Ibuprofen"),
        ("me cambiaron a losartán en enero", "Losartan"),
        ("depuis le paracétamol j'ai des plaques", "Acetaminophen"),
        ("my shingles jab left my arm swollen", "Zoster Vaccine"),
        ("the citrate-free Humira still stings", "Humira"),
    ],
)
def test_a_product_is_found_whatever_the_spelling_convention(finder, text, name):
    names = [m.name for m in finder.find(Prepared(text))]
    assert name in names


@pytest.mark.parametrize(
    "text",
    [
        "this is the citrate-free one",
        "a latex-free pen cap please",
        "l'hôpital m'a appelé hier",
        "qu'est-ce que c'est",
    ],
)
def test_no_product_is_invented(finder, text):
    assert finder.find(Prepared(text)) == []
