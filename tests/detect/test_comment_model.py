"""The comment-level AE scorer: loader, determinism, fallback, gates, and the suite's use of it."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest

from moderator.detect import DetectorSuite, comment_model
from moderator.detect.comment_model import (
    COMMENT_MODEL_PATH,
    SIGNAL_NAMES,
    CommentModel,
    decide,
)
from moderator.detect.text import Prepared
from moderator.models import AnalysisInput

ZOLOFT_POST = "Share your experience with Zoloft"


def _sig(**on: float) -> list[float]:
    unknown = set(on) - set(SIGNAL_NAMES)
    assert not unknown, unknown
    return [float(on.get(name, 0.0)) for name in SIGNAL_NAMES]


def _write_model(path: Path, features: dict, signals: dict, intercept: float, meta: dict) -> Path:
    payload = {"features": features, "signals": signals, "intercept": intercept, "meta": meta}
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh)
    return path


def test_tiny_model_scores_exactly(tmp_path: Path) -> None:
    """Known weights give a hand-computed probability: TF-IDF l2 part + signal part + bias."""
    path = _write_model(
        tmp_path / "m.json.gz",
        {"w:dizzy": [2.0, 3.0], "w:i": [1.0, -1.0]},
        {"lexicon_hit": 0.5},
        -1.0,
        {"version": "tiny", "t_high": 0.8, "t_low": 0.5},
    )
    model = CommentModel.load(path)
    # "i dizzy": values 1*1.0 and 1*2.0 (tf 1), norm sqrt(5), dot = -1 + 6 = 5.
    z = -1.0 + 5 / math.sqrt(5) + 0.5
    expected = 1 / (1 + math.exp(-z))
    got = model.score(Prepared("I dizzy"), _sig(lexicon_hit=1))
    assert got == pytest.approx(expected, abs=1e-12)
    assert model.version == "tiny" and (model.t_high, model.t_low) == (0.8, 0.5)


def test_shipped_model_is_deterministic() -> None:
    model = CommentModel.load(COMMENT_MODEL_PATH)
    prep = Prepared("Since starting Zoloft I get dizzy every morning and my hands shake")
    sig = _sig(lexicon_hit=1, first_person=1, product_in_comment=1)
    first = model.score(prep, sig)
    assert 0.0 <= first <= 1.0
    assert all(model.score(prep, sig) == first for _ in range(3))
    assert CommentModel.load(COMMENT_MODEL_PATH).score(prep, sig) == first
    benign = model.score(Prepared("What time does the pharmacy open on Sunday"), _sig())
    assert first > benign


@pytest.fixture(autouse=True)
def _fresh_comment_model_after_test():
    """Tests below point the loader at other files; later tests get the shipped model."""
    yield
    comment_model.get_comment_model.reset()


def test_missing_file_falls_back_to_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(comment_model, "COMMENT_MODEL_PATH", tmp_path / "absent.json.gz")
    comment_model.get_comment_model.reset()
    assert comment_model.get_comment_model() is None
    suite = DetectorSuite()
    assert suite.comment_model is None and suite.version.endswith("+comment-none")
    a = suite.analyze(AnalysisInput("x", "Zoloft gave me terrible nausea for a week"))
    assert a.adverse_event is not None


def test_corrupt_file_falls_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"not gzip at all")
    monkeypatch.setattr(comment_model, "COMMENT_MODEL_PATH", bad)
    comment_model.get_comment_model.reset()
    assert comment_model.get_comment_model() is None


DECISIONS = [
    # score, signals, expected (t_high 0.8, t_low 0.5)
    (0.85, {"product_in_comment": 1}, True),
    (0.6, {"product_in_comment": 1}, False),  # low score needs a cue
    (0.6, {"product_in_post_only": 1, "body_problem": 1}, True),
    (0.99, {"product_in_comment": 1, "lexicon_hit": 1}, False),  # the rules gated the words
    (0.6, {"product_in_comment": 1, "experience_clause": 1}, True),
    (0.4, {"product_in_comment": 1, "body_problem": 1}, False),
    (0.99, {"product_none": 1, "body_problem": 1}, False),  # no product: not an AE
    (0.99, {"product_in_comment": 1, "question_all": 1}, False),  # a question only
    (0.99, {"product_in_comment": 1, "question_all": 1, "rule_special": 1}, True),
    (0.99, {"product_in_comment": 1, "negation_only": 1}, False),  # "no side effects"
    (0.99, {"product_in_comment": 1, "negation_only": 1, "lexicon_hit": 1}, False),
    (0.99, {"product_in_comment": 1, "negation_only": 1, "body_problem": 1}, True),
]


@pytest.mark.parametrize(("score", "on", "expected"), DECISIONS)
def test_decide_gates(score: float, on: dict, expected: bool) -> None:
    assert decide(score, _sig(**on), 0.8, 0.5) is expected


class _AlwaysAE(CommentModel):
    """A model that scores every comment 1.0: isolates the suite's gates and record building."""

    def __init__(self) -> None:
        super().__init__({}, {}, 30.0, {"version": "always", "t_high": 0.5, "t_low": 0.5})


@pytest.fixture(scope="module")
def always_suite() -> DetectorSuite:
    return DetectorSuite(comment_model=_AlwaysAE())


MODEL_ONLY = [
    # (text, post, AE expected): the model fires on all; the gates decide.
    ("my whole week has been off since the second box, like walking in soup", ZOLOFT_POST, True),
    ("What time does the Zoloft savings line open?", None, False),  # a question only
    ("No side effects at all on Zoloft.", None, False),  # a denial only
    ("my whole week has been off, like walking through soup", None, False),  # no product
]


@pytest.mark.parametrize(("text", "post", "expected"), MODEL_ONLY)
def test_suite_model_only_gates(
    always_suite: DetectorSuite, text: str, post: str | None, expected: bool
) -> None:
    a = always_suite.analyze(AnalysisInput("x", text, post))
    assert (a.adverse_event is not None) is expected


def test_model_only_record_keeps_four_criteria(always_suite: DetectorSuite) -> None:
    text = "Zoloft week 3. Everything tastes like metal and the ER sent me home at 2am."
    a = always_suite.analyze(AnalysisInput("x", text, None))
    assert a.adverse_event is not None
    d = a.adverse_event
    assert d.products and d.events and d.reporter is not None and d.patient is not None
    flag = next(f for f in a.flags if f.kind == "adverse_event")
    for ev in flag.evidence:
        assert text[ev.start : ev.end] == ev.text


@pytest.mark.timeout(60)  # a hang guard (catastrophic backtracking), not a speed claim
def test_hostile_input_is_bounded(always_suite: DetectorSuite) -> None:
    text = ("Zoloft " + "a" * 50 + " ") * 2000 + "?" * 5000
    a = always_suite.analyze(AnalysisInput("x", text, ZOLOFT_POST))
    for flag in a.flags:
        assert all(text[e.start : e.end] == e.text for e in flag.evidence)
