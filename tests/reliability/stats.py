"""What the reliability suite tried, for the one-line summary printed at the end of a run.

Tests call :func:`record` with a label and a count; ``conftest.py`` prints the totals, so a
CI log shows at a glance how many kill points and hostile inputs were exercised (and with
which seed) rather than only "passed".
"""

from __future__ import annotations

import os
import random
from collections import Counter

SEED = int(os.environ.get("RELIABILITY_SEED", "20240917"))
TOTALS: Counter[str] = Counter()
ORDER: list[str] = []


def record(label: str, count: int = 1) -> None:
    """Add ``count`` to the total for ``label`` (e.g. "sync kill points")."""
    if label not in TOTALS:
        ORDER.append(label)
    TOTALS[label] += count


def rng(name: str) -> random.Random:
    """A generator seeded from the suite seed and ``name``: each test is reproducible alone."""
    return random.Random(f"{SEED}:{name}")


def summary() -> str:
    """``reliability: seed 123, 24 sync kill points, ...`` (empty when nothing ran)."""
    if not ORDER:
        return ""
    parts = [f"{TOTALS[label]} {label}" for label in ORDER]
    return f"reliability (seed {SEED}; set RELIABILITY_SEED to vary): " + ", ".join(parts)
