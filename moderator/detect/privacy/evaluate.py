"""Recall and precision of the privacy detector on presidio-research's synthetic PII set.

The set annotates generic PII only (no health disclosures), so it measures contact data
and identifiers. A gold span counts as found when a finding with a compatible label
overlaps it; a finding counts as correct when it overlaps a gold span it is compatible
with. Labels the set does not annotate (dates of birth, health ids) are left out of
precision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .detector import PrivacyDetector

DEFAULT_SYNTH = Path("/work/shared/data/presidio-synth/synth_dataset_v2.json")
#: Gold entity type -> our evidence labels that count as finding it.
COMPATIBLE: dict[str, frozenset[str]] = {
    "PHONE_NUMBER": frozenset({"PHONE_NUMBER"}),
    "EMAIL_ADDRESS": frozenset({"EMAIL_ADDRESS"}),
    "STREET_ADDRESS": frozenset({"STREET_ADDRESS"}),
    "ZIP_CODE": frozenset({"STREET_ADDRESS"}),
    "CREDIT_CARD": frozenset({"CREDIT_CARD"}),
    "US_SSN": frozenset({"US_SSN"}),
    "IBAN_CODE": frozenset({"IBAN_CODE"}),
    "IP_ADDRESS": frozenset({"IP_ADDRESS"}),
    "US_DRIVER_LICENSE": frozenset({"ID_DOCUMENT_NUMBER"}),
}
SCORED_LABELS: frozenset[str] = frozenset().union(*COMPATIBLE.values())


@dataclass
class Counts:
    """Hits and totals for one gold type (recall) or one label (precision)."""

    hit: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        """Return hit / total (1.0 when there is nothing to count)."""
        return self.hit / self.total if self.total else 1.0


@dataclass
class SynthReport:
    """Per-type recall, per-label precision and the overall figures."""

    recall: dict[str, Counts]
    precision: dict[str, Counts]
    overall_recall: Counts
    overall_precision: Counts
    texts: int

    def format(self) -> str:
        """Render a small plain-text table."""
        lines = [f"presidio-synth: {self.texts} texts", "gold type           recall   found/total"]
        for name, c in sorted(self.recall.items()):
            lines.append(f"{name:<20}{c.rate:>6.3f}   {c.hit}/{c.total}")
        lines.append(
            f"{'ALL':<20}{self.overall_recall.rate:>6.3f}   "
            f"{self.overall_recall.hit}/{self.overall_recall.total}"
        )
        lines.append("our label           precision correct/predicted")
        for name, c in sorted(self.precision.items()):
            lines.append(f"{name:<20}{c.rate:>6.3f}   {c.hit}/{c.total}")
        lines.append(
            f"{'ALL':<20}{self.overall_precision.rate:>6.3f}   "
            f"{self.overall_precision.hit}/{self.overall_precision.total}"
        )
        return "\n".join(lines)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_synth(
    path: Path | str = DEFAULT_SYNTH, detector: PrivacyDetector | None = None
) -> SynthReport:
    """Run the detector over the synthetic set and count span-overlap hits."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    detector = detector or PrivacyDetector()
    flags = detector.analyze_batch([r["full_text"] for r in records])
    recall: dict[str, Counts] = {t: Counts() for t in COMPATIBLE}
    precision: dict[str, Counts] = {}
    for record, found in zip(records, flags, strict=True):
        evidence = [e for f in found for e in f.evidence]
        gold = [
            (s["entity_type"], (s["start_position"], s["end_position"]))
            for s in record["spans"]
            if s["entity_type"] in COMPATIBLE
        ]
        for gtype, span in gold:
            recall[gtype].total += 1
            if any(
                e.label in COMPATIBLE[gtype] and _overlaps((e.start, e.end), span) for e in evidence
            ):
                recall[gtype].hit += 1
        for e in evidence:
            if e.label not in SCORED_LABELS:
                continue
            c = precision.setdefault(e.label, Counts())
            c.total += 1
            if any(e.label in COMPATIBLE[g] and _overlaps((e.start, e.end), s) for g, s in gold):
                c.hit += 1
    overall_r = Counts(sum(c.hit for c in recall.values()), sum(c.total for c in recall.values()))
    overall_p = Counts(
        sum(c.hit for c in precision.values()), sum(c.total for c in precision.values())
    )
    return SynthReport(recall, precision, overall_r, overall_p, len(records))
