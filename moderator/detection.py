"""One place that builds the detectors from workspace settings.

Sync, the CLI's ``analyze`` and the console all get their detectors here, so the
catalogue and the spaCy model are chosen the same way everywhere. Building is slow
(spaCy loads in seconds): the console calls this off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from moderator import settings
from moderator.models import Analysis, AnalysisInput

Analyzer = Callable[[list[AnalysisInput]], list[Analysis]]


def load_suite(catalog_path: str | Path | None = None, spacy_model: str | None = "en_core_web_sm"):
    """A :class:`DetectorSuite` over the given (or bundled) catalogue, with privacy."""
    from moderator.detect import DetectorSuite
    from moderator.detect.catalog import default_catalog_path, load_catalog
    from moderator.detect.privacy import PrivacyDetector

    catalog = load_catalog(Path(catalog_path) if catalog_path else default_catalog_path())
    return DetectorSuite(catalog=catalog, privacy=PrivacyDetector(model=spacy_model))


def load_analyzer(db: Database | None = None) -> Analyzer:
    """The batch analyzer configured by the workspace's settings (bundled defaults)."""
    catalog = settings.get(db, "catalog_path") if db is not None else None
    model = settings.get(db, "spacy_model") if db is not None else "en_core_web_sm"
    return load_suite(catalog or None, model or None).analyze_batch
