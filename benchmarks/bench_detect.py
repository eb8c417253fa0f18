"""Detector throughput, each fast path against its baseline measured in the same run.

Privacy row: ``PrivacyDetector.analyze_batch`` against ``AnalyzerEngine.analyze`` called once
per comment with the same recognizers (what a straightforward Presidio integration does).
Other detectors can add rows: write a ``bench_<name>(texts, args) -> list[Row]`` and list it
in ``BENCHES``.

    .venv/bin/python benchmarks/bench_detect.py [--n 3000] [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from moderator.detect.privacy import PrivacyDetector  # noqa: E402
from moderator.detect.privacy.parallel import analyze_parallel  # noqa: E402

DATA = Path("/work/shared/data")


@dataclass
class Row:
    """One measured rate; ``ratio`` is against the row's baseline (None for a baseline)."""

    name: str
    per_second: float
    ratio: float | None = None


def comment_texts(n: int, seed: int = 7) -> list[str]:
    """Realistic comments: drug-review sentences (some joined), synthetic PII sentences."""
    with (DATA / "psytar" / "dev.tsv").open(encoding="utf-8") as f:
        reviews = [row["sentences"] for row in csv.DictReader(f, delimiter="\t")]
    synth = [
        r["full_text"]
        for r in json.loads((DATA / "presidio-synth" / "synth_dataset_v2.json").read_text())
    ]
    rng = random.Random(seed)
    texts = []
    while len(texts) < n:
        if rng.random() < 0.7:
            texts.append(" ".join(rng.sample(reviews, rng.randint(1, 3))))
        else:
            texts.append(rng.choice(synth))
    return texts


def _rate(fn: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    fn()
    return count / (time.perf_counter() - start)


def bench_privacy(texts: list[str], args: argparse.Namespace) -> list[Row]:
    """Per-comment Presidio against the batch path, plus process-pool rates if asked."""
    detector = PrivacyDetector()
    engine = detector.engine()
    detector.analyze_batch(texts[:50])  # warm up both paths
    for t in texts[:50]:
        engine.analyzer.analyze(text=t, language="en", score_threshold=0.5)
    base = _rate(
        lambda: [
            engine.analyzer.analyze(text=t, language="en", score_threshold=0.5) for t in texts
        ],
        len(texts),
    )
    fast = _rate(lambda: detector.analyze_batch(texts), len(texts))
    rows = [
        Row("privacy: AnalyzerEngine.analyze per comment", base),
        Row("privacy: PrivacyDetector.analyze_batch", fast, fast / base),
    ]
    if args.workers > 1:
        for w in (1, args.workers):
            rate = _rate(lambda w=w: analyze_parallel(texts, workers=w), len(texts))
            rows.append(
                Row(f"privacy: process pool, {w} worker(s) (incl. start-up)", rate, rate / base)
            )
    return rows


BENCHES: dict[str, Callable[[list[str], argparse.Namespace], list[Row]]] = {
    "privacy": bench_privacy,
}


def main(argv: list[str] | None = None) -> int:
    """Run the selected benches and print one line per row."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="number of comment texts")
    parser.add_argument("--workers", type=int, default=1, help="also time a process pool")
    parser.add_argument("--only", choices=sorted(BENCHES), action="append")
    args = parser.parse_args(argv)
    texts = comment_texts(args.n)
    print(f"{len(texts)} comment texts")
    for name in args.only or list(BENCHES):
        for row in BENCHES[name](texts, args):
            ratio = "" if row.ratio is None else f"  x{row.ratio:.2f} vs baseline"
            print(f"{row.name:<58}{row.per_second:>9.0f} texts/s{ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
