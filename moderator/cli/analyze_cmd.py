"""``moderator analyze``: JSON Lines in, one verdict per line out, in the same order."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from typing import IO

from moderator.cli import CliContext, CliError
from moderator.models import AnalysisInput

BATCH = 256


def register(subparsers: argparse._SubParsersAction) -> None:
    analyze = subparsers.add_parser(
        "analyze", help="flag comments given as JSON Lines (no workspace needed)"
    )
    analyze.add_argument("--catalog", default=None, help="product catalogue TOML")
    analyze.add_argument("--in", dest="input", default=None, help="input file (default stdin)")
    analyze.add_argument("--out", dest="output", default=None, help="output file (default stdout)")
    analyze.add_argument(
        "--spacy-model",
        default="en_core_web_sm",
        help="spaCy model for names (empty: patterns only)",
    )
    analyze.set_defaults(handler=_analyze)


def _read_items(stream: IO[str]) -> Iterator[AnalysisInput]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            raise CliError(f"input line {number} is empty; each line must be a JSON object")
        try:
            item = json.loads(line)
            text = item["text"]
            identifier = item["id"]
        except (ValueError, KeyError, TypeError) as error:
            raise CliError(f"input line {number} is not a comment object: {error}") from None
        if not isinstance(text, str) or not isinstance(identifier, str | int):
            raise CliError(f"input line {number}: 'id' and 'text' must be a string")
        post = item.get("post_text")
        yield AnalysisInput(str(identifier), text, post if isinstance(post, str) else None)


def _batches(items: Iterator[AnalysisInput]) -> Iterator[list[AnalysisInput]]:
    batch: list[AnalysisInput] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _analyze(args: argparse.Namespace, ctx: CliContext) -> int:
    from moderator.detect import analysis_to_json
    from moderator.detection import load_suite

    suite = load_suite(args.catalog, args.spacy_model or None)
    with contextlib.ExitStack() as stack:
        source = (
            stack.enter_context(open(args.input, encoding="utf-8")) if args.input else sys.stdin
        )
        target = (
            stack.enter_context(open(args.output, "w", encoding="utf-8"))
            if args.output
            else sys.stdout
        )
        for batch in _batches(_read_items(source)):
            for analysis in suite.analyze_batch(batch):
                target.write(json.dumps(analysis_to_json(analysis), ensure_ascii=False) + "\n")
            target.flush()
    return 0
