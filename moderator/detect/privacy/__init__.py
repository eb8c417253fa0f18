"""Privacy detector: Presidio patterns plus our own recognizers, as ``Flag(kind="privacy")``."""

from __future__ import annotations

from .detector import PrivacyDetector
from .engine import build_engine, get_engine

__all__ = ["PrivacyDetector", "build_engine", "get_engine"]
