"""Flagging at scale: the detectors in a pool of worker processes.

spaCy and the rule detectors are CPU-bound Python, so threads do not help; each worker
process builds its own detector suite once (in the pool initializer) and then analyses
whole batches, so the cost of pickling is one list of short strings per batch.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from moderator.models import Analysis, AnalysisInput

_suite = None  # the worker process's own detector suite


def _init_worker(catalog_path: str | None, spacy_model: str | None) -> None:
    global _suite
    from moderator.detection import load_suite

    _suite = load_suite(catalog_path, spacy_model)


def _analyze_in_worker(items: list[AnalysisInput]) -> list[Analysis]:
    assert _suite is not None, "pool worker used before its initializer ran"
    return _suite.analyze_batch(items)


class AnalysisPool:
    """A callable ``list[AnalysisInput] -> list[Analysis]`` backed by worker processes.

    With ``workers=1`` it analyses in the calling process (no pool to start or feed).
    Use it as a context manager so the workers stop with it.
    """

    def __init__(
        self,
        workers: int,
        catalog_path: str | None = None,
        spacy_model: str | None = "en_core_web_sm",
        chunk: int = 64,
    ) -> None:
        self.workers = max(1, workers)
        self.chunk = chunk
        self._catalog_path = catalog_path
        self._spacy_model = spacy_model
        self._executor: ProcessPoolExecutor | None = None
        self._local = None

    def __enter__(self) -> AnalysisPool:
        if self.workers == 1:
            from moderator.detection import load_suite

            self._local = load_suite(self._catalog_path, self._spacy_model)
        else:
            # "spawn" never inherits the parent's threads, sockets or SQLite handles.
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self._catalog_path, self._spacy_model),
            )
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __call__(self, items: Sequence[AnalysisInput]) -> list[Analysis]:
        items = list(items)
        if self._local is not None:
            return self._local.analyze_batch(items)
        if self._executor is None:
            raise RuntimeError("AnalysisPool must be entered (with ...) before use")
        # Small batches are cut finer so every worker gets a share (200 items with the
        # default 64 would leave one worker idle for the last chunk).
        size = max(1, min(self.chunk, -(-len(items) // (2 * self.workers))))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        results: list[Analysis] = []
        for part in self._executor.map(_analyze_in_worker, chunks):
            results.extend(part)
        return results
