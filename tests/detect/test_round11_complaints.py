"""Round 11 product-complaint mechanisms (rules alone): positives and the hard negatives next to
them.

Each row names one general family behind a miss on the ninth evaluation set (short slangy
one-liners and non-English comments), written for the family with other products, languages and
wordings. ``True`` rows must be flagged ``product_complaint``, ``False`` rows must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _complaint(suite: DetectorSuite, text: str) -> bool:
    flags = suite.analyze(AnalysisInput("t", text)).flags
    return any(f.kind == "product_complaint" for f in flags)


COMPLAINT: list[tuple[str, str, bool]] = [
    # suspected counterfeits: spelling mistakes on the pack, missing security features, "fake??"
    ("counterfeit", "ordered trulicity from some website and the carton is full of typos", True),
    ("counterfeit", "misspelled words all over the leaflet of my jardiance, legit??", True),
    ("counterfeit", "la caja del Ozempic tiene errores de ortografía, lo compré en línea", True),
    ("counterfeit", "a embalagem do Mounjaro veio com erros de ortografia", True),
    ("counterfeit", "die Verpackung hat Tippfehler, online bestellt", True),
    ("counterfeit", "kutunun üstünde yazım hatası var, internetten aldım", True),
    ("counterfeit", "no hologram on the box of Wegovy pens from that online store", True),
    ("counterfeit", "got my pens from a cheap site last month. are these even fake?", True),
    ("counterfeit", "the tablets have no markings at all 👀 counterfeit??", True),
    ("counterfeit", "sorry for the typos, the box says take one daily with food", False),
    ("counterfeit", "i always misspell the name on the label haha", False),
    ("counterfeit", "is compounded tirzepatide fake? asking before I buy", False),
    ("counterfeit", "no serial number is needed to refill, my pharmacist said", False),
    # a pack without its leaflet, in the comment languages
    ("leaflet", "Jardiance kutusundan kullanma talimatı çıkmadı", True),
    ("leaflet", "prospektüs yok kutuda, normal mi?", True),
    ("leaflet", "no traía el prospecto la caja de Eliquis", True),
    ("leaflet", "a caixa do Xarelto não veio com bula", True),
    ("leaflet", "dans la boîte de Xarelto il manquait la notice", True),
    ("leaflet", "nie było ulotki w pudełku Eliquisu", True),
    ("leaflet", "the Trulicity box didn't come with a leaflet this time", True),
    ("leaflet", "the leaflet says to store it in the fridge, is that right?", False),
    ("leaflet", "prospektüsü okudum, yan etkiler korkutucu", False),
    # a smell told with the other languages' verbs
    ("smell", "los comprimidos de Crestor huelen fatal, a químico", True),
    ("smell", "as cápsulas do Cymbalta cheiram mal", True),
    ("smell", "ces comprimés de Lipitor sentent le vinaigre", True),
    ("smell", "die Kapseln riechen seltsam", True),
    ("smell", "bu hapların kokusu çok garip", True),
    ("smell", "el jarabe huele a fresa, a mi hija le encanta", False),
    ("smell", "je me sens bizarre depuis ces comprimés", False),
    ("smell", "I can't smell anything since starting these tablets", False),
    # caps that will not come off, dials that just spin
    ("cap", "trulicity cap wouldnt budge, needed a towel to grip it", True),
    ("cap", "couldnt pull the grey cap off my Aimovig pen at all", True),
    ("cap", "la tapa de la pluma no se quita", True),
    ("cap", "der Deckel vom Pen geht nicht ab", True),
    ("cap", "how do I take the cap off the pen? first time", False),
    ("spin", "mounjaro pen dial just spins and wont click into a dose", True),
    ("spin", "the selector on my Victoza keeps spinning, nothing locks", True),
    ("spin", "o seletor da caneta gira em falso", True),
    ("spin", "el botón de la pluma gira en vacío", True),
    ("spin", "my head just spins when I stand up on this pill", False),
    ("spin", "pen spinning tricks are my hobby lol", False),
    # received already expired
    ("expired", "insulin vials delivered yesterday with expiry date already crossed", True),
    ("expired", "got Trulicity from the chemist and its expiry is over, shocking", True),
    ("expired", "the pharmacy sent me expired pens again", True),
    ("expired", "the inhaler was already past its expiration date when it came", True),
    ("expired", "me llegaron las plumas de Ozempic ya caducadas", True),
    ("expired", "recebi a insulina já vencida", True),
    ("expired", "die Pens kamen schon abgelaufen an", True),
    ("expired", "son kullanma tarihi geçmiş ilaç gönderdiler", True),
    ("expired", "expiry date is over a year away, nice fresh stock", False),
    ("expired", "my prescription expired already, need a new one", False),
    ("expired", "la receta ya está vencida, tengo que ir al médico", False),
    ("expired", "the rebate deadline already expired", False),
    # cloudy liquid and a changed shade
    ("cloudy", "la solution dans mon stylo est devenue trouble", True),
    ("cloudy", "kalemdeki sıvı bulanık görünüyor", True),
    ("cloudy", "is the liquid supposed to be cloudy before mixing?", False),
    ("cloudy", "my vision went cloudy after the new eye drops", False),
    ("shade", "my refill of sertraline is a different shade than usual", True),
    ("shade", "las pastillas de Eliquis vienen de otro tono este mes", True),
    # Indian-English packaging and blisters that cannot be opened
    ("packing", "packing was not proper and two strips were torn", True),
    ("packing", "cant open the childproof cap on this bottle at all", True),
    ("packing", "how do I open the blister without crushing the tablet?", False),
    ("packing", "the packing list for my trip includes my pens", False),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("family", "text", "expected"), COMPLAINT, ids=[f"{r[0]}-{i}" for i, r in enumerate(COMPLAINT)]
)
def test_round11_complaint(rules: DetectorSuite, family: str, text: str, expected: bool) -> None:
    assert _complaint(rules, text) is expected, family
