"""Round 14 privacy: each family next to its hard negatives.

Families: a sentence end read as part of a street name ("... flat. Fever 101"), a European
street prefix that is also an English word ("his delivery route for 30 years"), an address
phrase whose digits are an age in the next sentence ("is on this pill at 91. Call your mum"),
a Tagalog relation with the possessive after it and the name after "si", and a tagged person
asked about a replaced joint. Real addresses with abbreviations ("St.") must still be found.
"""

from __future__ import annotations

import pytest

from moderator.detect.privacy import PrivacyDetector
from tests.detect.kinds import evidence_labels

pytestmark = pytest.mark.timeout(120)


CASES: list[tuple[str, str, str | None]] = [
    # a sentence end is not inside a street name
    ("sentence_end", "Dose 3 wiped me out. Chills 102, aching, slept all weekend", None),
    ("sentence_end", "Booster 2 hit hard today. Temp 100, headache, ok now", None),
    ("sentence_end", "send the refill to 48 Mt. Pleasant Road, Leeds LS6 2AB", "STREET_ADDRESS"),
    ("sentence_end", "I live at 7 Elm St. in Dayton", "STREET_ADDRESS"),
    # a prefix that is also an English word
    ("prefix", "he drove the same delivery route for 25 years on this pill", None),
    ("prefix", "got the results via text 2 days later", None),
    ("prefix", "mi dirección es Avenida Reforma 220, Ciudad de México", "STREET_ADDRESS"),
    ("prefix", "please post it to Route de Berne 14, Fribourg", "STREET_ADDRESS"),
    # an address phrase followed by an age and a new sentence
    ("age", "nobody warned us a fall is so dangerous on this pill at 91. Call your mum", None),
    ("age", "my office is at 210 Cedar Avenue, Suite 4 if you need the forms", "STREET_ADDRESS"),
    # Tagalog: relation, possessive, "si", name
    (
        "tagalog",
        "ang anak ko na si Carla, 12 taon, may hika at umiinom ng montelukast",
        "PERSON_HEALTH",
    ),
    ("tagalog", "yung asawa kong si Ramon, 70, may diabetes at nasa insulin", "PERSON_HEALTH"),
    ("tagalog", "yung lola ko masaya na, 80 na siya", None),
    # a tagged person asked about a replaced joint
    (
        "joint",
        "@Marjorie Quinn how is the new knee treating you? miss you at bowling",
        "PERSON_HEALTH",
    ),
    ("joint", "@Harold Beck how's that new hip holding up after the surgery?", "PERSON_HEALTH"),
    ("joint", "our new hip hop class starts Monday, bring water", None),
]


@pytest.mark.parametrize(("family", "text", "label"), CASES)
def test_round14_privacy(
    detector: PrivacyDetector, family: str, text: str, label: str | None
) -> None:
    labels = evidence_labels(detector, text)
    if label is None:
        assert not labels, (family, text, labels)
    else:
        assert label in labels, (family, text, labels)
