"""A small linear text classifier for "this sentence describes an adverse reaction".

Why a model at all: patients describe side effects in open-ended lay language ("I need my brain
back", "felt like my blood had carbonation in it") that no lexicon covers. The model is TF-IDF
over word 1-2-grams and in-word character 3-5-grams + logistic regression, trained by
``benchmarks/train_ae_model.py`` on PsyTAR (CC BY 4.0) and shipped as a gzipped JSON table of
``feature -> [idf, weight]``. Scoring is pure Python (no scikit-learn or pickle at runtime), so it
loads offline in a few tens of milliseconds and cannot execute code from the data file.

``features`` is the single definition of the feature extraction: the training script uses it too,
which keeps training and runtime identical.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

MODEL_PATH = Path(__file__).resolve().parent / "data" / "ae_model.json.gz"
_WORD_RE = re.compile(r"[a-z0-9']+")
_NUM_RE = re.compile(r"\d+")
_MAX_SENTENCE_CHARS = 600


def features(text: str) -> list[str]:
    """Word uni/bi-grams ("w:") and in-word char 3-5-grams ("c:") of lower-cased text."""
    text = _NUM_RE.sub("0", text.lower()[:_MAX_SENTENCE_CHARS])
    words = _WORD_RE.findall(text)
    out = ["w:" + w for w in words]
    out += ["b:" + a + " " + b for a, b in zip(words, words[1:], strict=False)]
    for w in words:
        padded = f" {w} "
        n_chars = len(padded)
        for n in (3, 4, 5):
            if n_chars < n:
                break
            out += ["c:" + padded[i : i + n] for i in range(n_chars - n + 1)]
    return out


class AEModel:
    """Loaded model: ``score(sentence) -> probability`` that it describes an ADR."""

    def __init__(self, table: dict[str, list[float]], intercept: float, meta: dict) -> None:
        self._table = table
        self._intercept = intercept
        self.meta = meta
        self.version = str(meta.get("version", "unknown"))
        self.threshold = float(meta.get("threshold", 0.5))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AEModel:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        return cls(data["features"], float(data["intercept"]), data.get("meta", {}))

    def score(self, text: str) -> float:
        """Probability (0..1) that ``text`` describes an adverse reaction or withdrawal."""
        terms = features(text)
        if not terms:
            return 1.0 / (1.0 + math.exp(-self._intercept))
        z = self._intercept + tfidf_dot(self._table, terms)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))


def tfidf_dot(table: dict[str, tuple[float, float]], terms: list[str]) -> float:
    """Weights . the L2-normalised sublinear TF-IDF vector of ``terms`` (scikit-learn's scheme).

    ``table`` maps a feature to ``(idf, weight)``; unknown features are ignored, as the
    vectoriser ignores out-of-vocabulary words.
    """
    norm = 0.0
    dot = 0.0
    for feat, count in Counter(terms).items():
        entry = table.get(feat)
        if entry is None:
            continue
        value = (1.0 + math.log(count)) * entry[0]
        norm += value * value
        dot += value * entry[1]
    return dot / math.sqrt(norm) if norm > 0 else 0.0


T = TypeVar("T")


class LoadOnce(Generic[T]):
    """A shipped model file, loaded once per process on first use (thread-safe).

    Calling it returns the model, or ``None`` when the file is missing or unreadable (one
    of ``errors``): the detectors then run on their rules alone. ``reset()`` forgets the
    loaded model (tests point the loader at another file).
    """

    def __init__(self, load: Callable[[], T], errors: tuple[type[BaseException], ...]) -> None:
        self._load = load
        self._errors = errors
        self._lock = threading.Lock()
        self._loaded = False
        self._model: T | None = None

    def __call__(self) -> T | None:
        if self._loaded:
            return self._model
        with self._lock:
            if not self._loaded:
                try:
                    self._model = self._load()
                except self._errors:
                    self._model = None
                self._loaded = True
        return self._model

    def reset(self) -> None:
        with self._lock:
            self._loaded = False
            self._model = None


#: The shipped PsyTAR sentence model; ``None`` when the file is missing (rules still work).
get_model = LoadOnce(lambda: AEModel.load(), (OSError, ValueError, KeyError))
