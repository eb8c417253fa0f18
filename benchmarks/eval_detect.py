"""Precision / recall / F1 of the detectors per flag kind on labelled comments.

Two sources:
  * PsyTAR dev (``--psytar``, default ../shared/data/psytar/dev.tsv): each sentence is scored as a
    comment under a post naming the reviewed medicine (rotating the four drugs, since the medicine
    is not a column). Gold AE = ADR or WD. PsyTAR does not count lack of effect (INF) as an AE
    while our domain rules do, so a second line also reports gold = ADR or WD or INF.
  * Labelled comments (``--labelled``, default tests/data/labelled_comments.jsonl, else the
    detector dev set tests/detect/dev_comments.jsonl): lines {"id","text","post_text","labels"}.

  * Blind held-out sets (``--heldout``, ``--heldout2`` ... one flag per ``tests/data/heldoutN/``
    folder): each written by someone who never saw the detectors, scored **once** while still
    blind, then opened as development data for the next round (protocol and per-round figures
    in tests/data/README.md). A flag scores that file alone and prints nothing else.

    .venv/bin/python benchmarks/eval_detect.py [--psytar PATH] [--labelled PATH] [--errors]
    .venv/bin/python benchmarks/eval_detect.py --heldout8 [PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moderator.detect import DetectorSuite  # noqa: E402
from moderator.detect.comment_model import get_comment_model  # noqa: E402
from moderator.models import AnalysisInput  # noqa: E402

# Blind sets in the order they were written (tests/data/README.md): heldout, heldout2, ...
HELDOUT_SETS = tuple(
    ["heldout"]
    + sorted(
        (p.name for p in (ROOT / "tests/data").glob("heldout[0-9]*") if p.is_dir()),
        key=lambda name: int(name.removeprefix("heldout")),
    )
)
KINDS = ("adverse_event", "off_label", "product_complaint", "medical_inquiry", "privacy")
DRUGS = ("Zoloft", "Lexapro", "Cymbalta", "Effexor XR")


def prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float, int]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, sum(gold)


def line(name: str, gold: list[bool], pred: list[bool]) -> str:
    p, r, f, n = prf(gold, pred)
    return f"  {name:<34} P={p:.3f} R={r:.3f} F1={f:.3f} (gold positives {n}/{len(gold)})"


def eval_psytar(suite: DetectorSuite, path: Path, errors: bool) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline=""), delimiter="\t"))
    items = [
        AnalysisInput(str(i), r["sentences"], f"Share your experience with {DRUGS[i % 4]}")
        for i, r in enumerate(rows)
    ]
    t0 = time.perf_counter()
    results = suite.analyze_batch(items)
    dt = time.perf_counter() - t0
    pred = [any(f.kind == "adverse_event" for f in a.flags) for a in results]
    gold = [r["ADR"] == "1" or r["WD"] == "1" for r in rows]
    gold_inf = [g or r["INF"] == "1" for g, r in zip(gold, rows, strict=True)]
    print(f"PsyTAR {path} ({len(rows)} sentences, {len(rows) / dt:.0f} comments/s)")
    print(line("adverse_event (gold ADR|WD)", gold, pred))
    print(line("adverse_event (gold ADR|WD|INF)", gold_inf, pred))
    if errors:
        for r, g, p in zip(rows, gold, pred, strict=True):
            if g != p:
                print(f"    {'FN' if g else 'FP'}: {r['sentences'][:150]}")


def eval_labelled(suite: DetectorSuite, path: Path, errors: bool) -> None:
    data = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    items = [AnalysisInput(str(d["id"]), d["text"], d.get("post_text")) for d in data]
    t0 = time.perf_counter()
    results = suite.analyze_batch(items)
    dt = time.perf_counter() - t0
    print(f"Labelled {path} ({len(data)} comments, {len(data) / dt:.0f} comments/s)")
    for kind in KINDS:
        gold = [kind in d["labels"] for d in data]
        if kind == "privacy" and suite.privacy is None:
            continue
        pred = [any(f.kind == kind for f in a.flags) for a in results]
        if not any(gold) and not any(pred):
            continue
        print(line(kind, gold, pred))
        if errors:
            for d, g, p in zip(data, gold, pred, strict=True):
                if g != p:
                    print(f"    {'FN' if g else 'FP'} [{d['id']}]: {d['text'][:150]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--psytar", type=Path, default=ROOT / "../shared/data/psytar/dev.tsv")
    parser.add_argument("--labelled", type=Path, default=None)
    parser.add_argument("--errors", action="store_true", help="list misclassified items")
    parser.add_argument("--no-psytar", action="store_true")
    parser.add_argument(
        "--no-privacy", action="store_true", help="skip the (slower) Presidio privacy detector"
    )
    for number, name in enumerate(HELDOUT_SETS, start=1):
        parser.add_argument(
            f"--{name}",
            nargs="?",
            type=Path,
            const=ROOT / f"tests/data/{name}/{name}_comments.jsonl",
            default=None,
            help=f"score only blind set {number} (default path if no PATH is given); run once",
        )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="rules alone (the default since round 7; kept for old command lines)",
    )
    parser.add_argument(
        "--comment-model",
        action="store_true",
        help="OR the comment-level model's verdict with the rules (off by default since round 7)",
    )
    args = parser.parse_args(argv)
    privacy = None
    if not args.no_privacy:
        from moderator.detect.privacy import PrivacyDetector

        privacy = PrivacyDetector()
    model = get_comment_model() if args.comment_model and not args.rules_only else None
    suite = DetectorSuite(privacy=privacy, comment_model=model)
    suite.warm()
    print(f"detector version {suite.version}")
    for blind in (getattr(args, name) for name in reversed(HELDOUT_SETS)):
        if blind is None:
            continue
        if not blind.exists():
            print(f"held-out comments not found: {blind}")
            return 1
        eval_labelled(suite, blind, args.errors)
        return 0
    if not args.no_psytar:
        if args.psytar.exists():
            eval_psytar(suite, args.psytar, args.errors)
        else:
            print(f"PsyTAR file not found: {args.psytar}")
    labelled = args.labelled
    if labelled is None:
        labelled = ROOT / "tests/data/labelled_comments.jsonl"
        if not labelled.exists():
            labelled = ROOT / "tests/detect/dev_comments.jsonl"
    if labelled.exists():
        eval_labelled(suite, labelled, args.errors)
    else:
        print(f"labelled comments not found: {labelled}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
