"""Round 9 mechanisms (rules alone, comment model off): positives and hard negatives.

Each case names one general mechanism behind a miss on the seventh evaluation set, tested with
phrasings written for the mechanism (other products, people and wordings), not copied from that
set. ``True`` rows must be flagged, ``False`` rows (hard negatives) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _kinds(suite: DetectorSuite, text: str, post: str | None = None) -> set[str]:
    return {f.kind for f in suite.analyze(AnalysisInput("t", text, post)).flags}


COMPLAINT: list[tuple[str, str, str | None, bool]] = [
    # a negation before a new clause does not reach the defect after it
    ("scope", "Lipitor bottle had no desiccant and the tablets were crumbly", None, True),
    ("scope", "the Zoloft box came without a leaflet and the seal was torn", None, True),
    ("scope", "no cotton in the Eliquis bottle but the pills were chipped", None, True),
    ("scope", "my Xarelto bottle had no cracks, all fine", None, False),
    ("scope", "no damaged pens this time, thanks Ozempic team", None, False),
    # things floating in the liquid
    ("particles", "there are white flakes floating in the Humira pen", None, True),
    ("particles", "little chunks in the vial of my Lantus, is that normal?", None, True),
    ("particles", "clear strands inside the syringe of my Enbrel", None, True),
    ("particles", "my scalp flakes so much since starting Dupixent", None, False),
    ("particles", "Humira got rid of the flakes in my eyebrows", None, False),
    # cold chain broken: shipped without cooling
    ("cold chain", "my Ozempic came in a box with no ice packs at all", None, True),
    ("cold chain", "Trulicity shipped without an ice pack in July", None, True),
    ("cold chain", "the insulin arrived missing the cold pack", "Lantus", True),
    ("cold chain", "Ozempic travel tip: no ice pack needed for the flight", None, False),
    ("cold chain", "I put an ice pack on my thigh before the Humira shot", None, False),
    # a seal or foil already lifted; swabs and patches dried out
    ("seal", "the foil on two pockets of my Eliquis pack was already peeled back", None, True),
    ("seal", "the seal under the Metformin lid was lifted when I got it", None, True),
    ("seal", "the alcohol wipes in the Enbrel kit were bone dry", None, True),
    ("seal", "my Butrans patches dried out in the pouch", None, True),
    ("seal", "my skin was peeling after the Elidel cream", None, False),
    ("seal", "Dupixent keeps my skin from getting dry", None, False),
    # a pack without its leaflet, in the languages comments use
    ("leaflet", "my Jardiance came without the patient leaflet", None, True),
    ("leaflet", "la caja de Xarelto vino sin prospecto", None, True),
    ("leaflet", "Packung Eliquis ohne Beipackzettel geliefert", None, True),
    ("leaflet", "confezione di Zoloft senza foglietto illustrativo", None, True),
    ("leaflet", "the leaflet says take Jardiance in the morning", None, False),
    # counts and decimals, and medicine classes that look like defects
    ("count", "set my Ozempic pen to 1 instead of 0.5 by accident", None, False),
    ("count", "missed 2 days of my blood thinner over the holiday", "Eliquis", False),
    ("count", "the Xarelto bottle had 26 instead of 30 tablets", None, True),
]


@pytest.mark.parametrize(("mechanism", "text", "post", "expected"), COMPLAINT)
def test_product_complaint(
    rules: DetectorSuite, mechanism: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("product_complaint" in _kinds(rules, text, post)) is expected, mechanism


AE: list[tuple[str, str, str | None, bool]] = [
    # a dose set or drawn wrongly
    (
        "dose error",
        "dialed the Ozempic pen to 1 instead of 0.25 and threw up all night",
        None,
        True,
    ),
    ("dose error", "drew up 40 units instead of 4 of my Lantus", None, True),
    ("dose error", "the nurse gave him 10 mg instead of 1 mg of Xarelto", None, True),
    ("dose error", "my doctor moved me to 1 instead of 0.5", "Ozempic", False),
    # agitation told as a state
    ("state", "Abilify made me so restless I paced all night", None, True),
    ("state", "Prednisone made her so irritable", None, True),
    ("state", "Wellbutrin makes me jumpy and wired", None, True),
    ("state", "Does Abilify make you restless?", None, False),
    ("state", "Humira made me so happy, finally clear skin", None, False),
    # no change after months, glucose out of range
    ("no change", "4 months of Dupixent and his eczema is exactly the same", None, True),
    ("no change", "on Wegovy since March and my weight is basically the same", None, True),
    ("no change", "Lantus and my sugars are all over the place", None, True),
    ("no change", "Trulicity 3 months, sugars running in the 300s", None, True),
    ("no change", "my sugars were in the 300s before Ozempic, now 110", None, False),
    ("no change", "the Jardiance box is exactly the same as last time", None, False),
    # lab results gone wrong
    ("labs", "on Lipitor a year and his liver enzymes came back elevated", None, True),
    ("labs", "my kidney numbers are off since starting Jardiance", None, True),
    ("labs", "her thyroid labs were abnormal after Keytruda", None, True),
    ("labs", "liver tests are fine, Lipitor is working great", None, False),
    # first-person reports and pregnancy in other languages
    ("foreign", "Seit ich Zoloft nehme, kann ich nicht mehr schlafen", None, True),
    ("foreign", "Ho preso tre pastiglie di Xanax per sbaglio, cosa faccio?", None, True),
    ("foreign", "Ik ben zwanger en gebruik Lexapro, is dat veilig?", None, True),
    ("foreign", "Sono incinta e prendo Zoloft, è sicuro?", None, True),
    ("foreign", "Seit ich Zoloft nehme, kann ich endlich schlafen", None, False),
    ("foreign", "Mag ik Lexapro gebruiken als ik zwanger wil worden?", None, False),
]


@pytest.mark.parametrize(("mechanism", "text", "post", "expected"), AE)
def test_adverse_event(
    rules: DetectorSuite, mechanism: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("adverse_event" in _kinds(rules, text, post)) is expected, mechanism
