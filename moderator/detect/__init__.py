"""Detectors: adverse events, off-label use, product complaints, medical inquiries (+ privacy).

Use ``DetectorSuite().analyze_batch(items)``; ``analysis_to_json`` gives the ``moderator analyze``
output line. Privacy detection lives in ``moderator.detect.privacy`` and is passed in.
"""

from moderator.detect.catalog import (
    Catalog,
    CatalogError,
    Product,
    default_catalog_path,
    load_catalog,
)
from moderator.detect.suite import DetectorSuite, PrivacyDetectorLike, analysis_to_json

__all__ = [
    "Catalog",
    "CatalogError",
    "DetectorSuite",
    "PrivacyDetectorLike",
    "Product",
    "analysis_to_json",
    "default_catalog_path",
    "load_catalog",
]
