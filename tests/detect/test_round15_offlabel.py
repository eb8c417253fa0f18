"""Round 15 off-label dose totals (rules alone): prescriber shorthand and split daily doses.

A daily total over the labelled maximum is off-label however it is written: "30mg TID", "2 x
80mg", "15 mg in the morning and 10 at night", "15 twice a day plus my usual 20". The hard
negatives are the same shapes under the maximum, and a second dose of another medicine joined
with a bare "plus".
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _off_label(suite: DetectorSuite, text: str) -> bool:
    flags = suite.analyze(AnalysisInput("t", text)).flags
    return any(f.kind == "off_label" for f in flags)


CASES: list[tuple[str, str, bool]] = [
    ("tid", "my psychiatrist has me on Adderall 30mg TID for my ADHD", True),
    ("tid-under", "my psychiatrist has me on Adderall 10mg TID for my ADHD", False),
    ("bid", "cardiologist put me on Lipitor 60 mg bid after the stent", True),
    ("times-before", "I take 2 x 80mg Lipitor every night since my bypass", True),
    ("times-before-under", "I take 2 x 10mg Lipitor every night since my bypass", False),
    ("split", "Zoloft 150 mg in the morning and 100 mg at night, my doctor's idea", True),
    ("split-under", "Zoloft 50 mg in the morning and 50 at night, my doctor's idea", False),
    ("other-drug", "went from 10 to 20 mg of Lexapro plus 5 mg of melatonin to sleep", False),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_round15_off_label(rules: DetectorSuite, name: str, text: str, expected: bool) -> None:
    assert _off_label(rules, text) is expected, name
