"""A two-worker AnalysisPool gives the same analyses, in the same order, as in-process.

Both sides run without the spaCy model (patterns only): each spawned worker builds its own
suite, and loading spaCy three times would make this the slowest test for no extra cover.
"""

from __future__ import annotations

import pytest

from moderator.analysis_pool import AnalysisPool
from moderator.detection import load_suite
from moderator.models import AnalysisInput

TEXTS = [
    ("I started Ozempic last month and was hospitalised with pancreatitis", None),
    ("Can Xarelto cause nosebleeds?", None),
    ("Call me on 555-0100, my daughter Anna has epilepsy", None),
    ("The pen was broken when it arrived", "Our new Ozempic pen"),
    ("Great post!", None),
    ("My son is 12, can he take it?", "Ozempic for adults with type 2 diabetes"),
    ("no side effects at all, love it", None),
    ("I took two doses by mistake and threw up all night", "Xarelto safety information"),
] * 3  # 24 items over chunks of 5: several chunks per worker, order must survive


def _items() -> list[AnalysisInput]:
    return [AnalysisInput(id=str(i), text=t, post_text=p) for i, (t, p) in enumerate(TEXTS)]


@pytest.mark.timeout(60)
def test_two_workers_match_in_process() -> None:
    items = _items()
    expected = load_suite(spacy_model=None).analyze_batch(items)
    with AnalysisPool(2, spacy_model=None, chunk=5) as analyze:
        got = analyze(items)
    assert [a.id for a in got] == [item.id for item in items]
    assert got == expected
    assert any(a.flags for a in got)  # the sample does exercise the detectors


def test_one_worker_runs_in_process() -> None:
    with AnalysisPool(1) as analyze:
        got = analyze(_items()[:4])
    assert analyze._executor is None
    assert [a.id for a in got] == ["0", "1", "2", "3"]


def test_pool_must_be_entered() -> None:
    with pytest.raises(RuntimeError, match="entered"):
        AnalysisPool(2)(_items()[:1])
