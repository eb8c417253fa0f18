"""The recall target on the synthetic PII set, and the process-pool helper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator.detect.privacy import PrivacyDetector
from moderator.detect.privacy.evaluate import DEFAULT_SYNTH, evaluate_synth
from moderator.detect.privacy.parallel import analyze_parallel


@pytest.mark.skipif(not DEFAULT_SYNTH.exists(), reason="shared synthetic data not present")
@pytest.mark.timeout(300)
def test_contact_data_and_identifier_recall(detector: PrivacyDetector) -> None:
    report = evaluate_synth(detector=detector)
    assert report.overall_recall.rate >= 0.95, report.format()
    for name in ("PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "CREDIT_CARD", "US_SSN"):
        assert report.recall[name].rate >= 0.9, report.format()
    assert report.overall_precision.rate >= 0.95, report.format()


def test_evaluate_counts_overlaps(tmp_path: Path, detector: PrivacyDetector) -> None:
    data = [
        {
            "full_text": "call me at 555-201-3344",
            "spans": [{"entity_type": "PHONE_NUMBER", "start_position": 11, "end_position": 17}],
        },
        {
            "full_text": "nothing here",
            "spans": [{"entity_type": "EMAIL_ADDRESS", "start_position": 0, "end_position": 7}],
        },
    ]
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(data))
    report = evaluate_synth(path, detector)
    assert (report.recall["PHONE_NUMBER"].hit, report.recall["PHONE_NUMBER"].total) == (1, 1)
    assert (report.recall["EMAIL_ADDRESS"].hit, report.recall["EMAIL_ADDRESS"].total) == (0, 1)
    assert report.overall_recall.rate == 0.5


@pytest.mark.timeout(120)
def test_process_pool_matches_in_process() -> None:
    texts = ["call me at 555-201-3344", "nice", "DOB 03/04/1985"] * 4
    expected = PrivacyDetector(model=None).analyze_batch(texts)
    assert analyze_parallel(texts, workers=2, model=None, chunk=5) == expected


PSYTAR = Path("/work/shared/data/psytar/dev.tsv")


@pytest.mark.skipif(not PSYTAR.exists(), reason="shared review data not present")
@pytest.mark.timeout(300)
def test_drug_reviews_are_rarely_flagged(detector: PrivacyDetector) -> None:
    """First-person drug reviews name drugs, not people: under 1% may be flagged."""
    import csv

    with PSYTAR.open(encoding="utf-8") as f:
        texts = [row["sentences"] for row in csv.DictReader(f, delimiter="\t")]
    flagged = [t for t, flags in zip(texts, detector.analyze_batch(texts), strict=True) if flags]
    assert len(flagged) <= 0.01 * len(texts), flagged
