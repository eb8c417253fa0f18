"""Format checks for the blind held-out sets (``tests/data/heldout*/``).

Each set measures one round of detector work exactly once (README in this folder), so a line
that does not parse, a duplicated id or a label outside ``FLAG_KINDS`` would silently change
the only honest figure that round gets. The checks read structure only (keys, types, ids,
label names), never print a comment, so running them does not unblind a set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator.models import FLAG_KINDS

HERE = Path(__file__).parent
SETS = sorted(HERE.glob("heldout*/heldout*_comments.jsonl"))


def problems(lines: list[str]) -> list[str]:
    """What is wrong with a set's lines (line numbers only, no comment text)."""
    found: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            found.append(f"line {number}: not JSON")
            continue
        if not isinstance(row, dict):
            found.append(f"line {number}: not an object")
            continue
        if not isinstance(row.get("id"), str) or row["id"] in seen:
            found.append(f"line {number}: missing or repeated id")
        seen.add(str(row.get("id")))
        for key in ("text", "post_text"):
            if not isinstance(row.get(key), str):
                found.append(f"line {number}: {key} is not a string")
        if not row.get("text", "").strip():
            found.append(f"line {number}: empty text")
        labels = row.get("labels")
        if not isinstance(labels, list) or not set(labels) <= set(FLAG_KINDS):
            found.append(f"line {number}: labels must be a list of {', '.join(FLAG_KINDS)}")
        elif len(set(labels)) != len(labels):
            found.append(f"line {number}: a label is repeated")
    return found


def test_there_are_blind_sets():
    assert len(SETS) >= 9


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.parent.name)
def test_a_held_out_set_is_well_formed(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 200
    assert problems(lines) == []
    assert (path.parent / "README.md").is_file()


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (['{"id": "A1", "text": "x", "post_text": "", "labels": []}'], []),
        (["{not json"], ["line 1: not JSON"]),
        (
            ['{"id": "A1", "text": "x", "post_text": "", "labels": []}'] * 2,
            ["line 2: missing or repeated id"],
        ),
        (
            ['{"id": "A1", "text": "x", "post_text": "", "labels": ["spam"]}'],
            [f"line 1: labels must be a list of {', '.join(FLAG_KINDS)}"],
        ),
        (['{"id": "A1", "text": " ", "post_text": "", "labels": []}'], ["line 1: empty text"]),
        (
            ['{"id": "A1", "text": "x", "post_text": null, "labels": ["privacy", "privacy"]}'],
            ["line 1: post_text is not a string", "line 1: a label is repeated"],
        ),
    ],
)
def test_each_check_can_fail(lines: list[str], expected: list[str]):
    assert problems(lines) == expected
