"""Print the privacy detector's recall and precision on the synthetic PII set.

.venv/bin/python benchmarks/eval_privacy.py [--data FILE] [--model NAME|none]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from moderator.detect.privacy import PrivacyDetector  # noqa: E402
from moderator.detect.privacy.evaluate import DEFAULT_SYNTH, evaluate_synth  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Evaluate and print the table; exit 1 when overall recall is under 0.95."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_SYNTH)
    parser.add_argument("--model", default="en_core_web_sm", help='spaCy model or "none"')
    args = parser.parse_args(argv)
    detector = PrivacyDetector(model=None if args.model == "none" else args.model)
    report = evaluate_synth(args.data, detector)
    print(detector.status)
    print(report.format())
    return 0 if report.overall_recall.rate >= 0.95 else 1


if __name__ == "__main__":
    raise SystemExit(main())
