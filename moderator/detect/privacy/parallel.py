"""Spread ``analyze_batch`` over worker processes, for big backfills on the 2-core machine.

Only worth it for thousands of comments: each worker loads its own spaCy model (about a
second) and results are pickled back. ``workers <= 1`` runs in this process.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from moderator.models import Flag

from .detector import PrivacyDetector

_worker_detector: PrivacyDetector | None = None


def _init_worker(model: str | None, score_threshold: float) -> None:
    global _worker_detector
    _worker_detector = PrivacyDetector(model=model, score_threshold=score_threshold)
    _worker_detector.engine()


def _run_chunk(texts: list[str]) -> list[list[Flag]]:
    assert _worker_detector is not None
    return _worker_detector.analyze_batch(texts)


def analyze_parallel(
    texts: list[str],
    workers: int = 2,
    model: str | None = "en_core_web_sm",
    score_threshold: float = 0.5,
    chunk: int = 256,
) -> list[list[Flag]]:
    """Like ``PrivacyDetector.analyze_batch`` but over ``workers`` processes."""
    if workers <= 1:
        return PrivacyDetector(model, score_threshold).analyze_batch(texts)
    chunks = [texts[i : i + chunk] for i in range(0, len(texts), chunk)]
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(model, score_threshold)
    ) as pool:
        return [flags for part in pool.map(_run_chunk, chunks) for flags in part]
