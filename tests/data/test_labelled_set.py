"""Format and coverage checks for the hand-labelled evaluation set.

The set (``labelled_comments.jsonl``, described in this folder's README) is what the detector
benchmarks score against, so a broken line, an unknown label or a category that silently shrank
would make every figure measured on it meaningless. The checks are plain functions that return
the problems they find; the tests run them on the real file and on deliberately broken lines, so
each check is shown to be able to fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from moderator.models import FLAG_KINDS

DATA_FILE = Path(__file__).with_name("labelled_comments.jsonl")

ALLOWED_LABELS = frozenset(
    {"adverse_event", "off_label", "privacy", "product_complaint", "medical_inquiry"}
)
REQUIRED_KEYS = frozenset({"id", "text", "post_text", "labels", "notes"})
ID_PATTERN = re.compile(r"^L\d{4}$")
TAG_PATTERN = re.compile(r"\[([a-z]+(?::[a-z]+)?(?:-[a-z]+)*)\]")

# Minimum number of rows per label (and of rows with no label at all).
MIN_PER_LABEL: dict[str, int] = {
    "adverse_event": 110,
    "off_label": 45,
    "privacy": 50,
    "product_complaint": 45,
    "medical_inquiry": 40,
}
MIN_BENIGN = 100
MIN_TOTAL = 360

# Minimum number of adverse-event rows carrying each sub-category tag in ``notes``.
MIN_AE_TAGS: dict[str, int] = {
    "serious": 20,
    "lack-of-effect": 15,
    "third-person": 10,
    "pregnancy": 8,
    "post-only": 15,
    "misspelled": 15,
}
MIN_AE_MISUSE = 8  # overdose + misuse + med-error together
MIN_DISTINCT_POSTS = 15
MIN_OTHER_LANGUAGE = 15

# Correct spellings of the catalogue brands and generics: a "[post-only]" row must name none of
# them (the product comes only from the post) and a "[misspelled]" row must not spell its brand
# correctly.
CATALOGUE_NAMES = (
    *("ozempic", "semaglutide", "xarelto", "rivaroxaban", "humira", "adalimumab"),
    *("zoloft", "sertraline", "lexapro", "escitalopram", "cymbalta", "duloxetine"),
    *("effexor", "venlafaxine", "adderall", "amphetamine", "eliquis", "apixaban"),
    *("lipitor", "atorvastatin", "jardiance", "empagliflozin", "dupixent", "dupilumab"),
)


def parse_lines(lines: list[str]) -> tuple[list[dict], list[str]]:
    """Parse JSON Lines, returning the records and one problem string per bad line."""
    records: list[dict] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            problems.append(f"line {number}: blank line")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            problems.append(f"line {number}: not an object")
            continue
        records.append(record)
    return records, problems


def record_problems(records: list[dict]) -> list[str]:
    """Schema problems: keys, types, id format, id and text uniqueness, label vocabulary."""
    problems: list[str] = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for index, rec in enumerate(records, start=1):
        where = f"record {index} ({rec.get('id')!r})"
        if set(rec) != REQUIRED_KEYS:
            problems.append(f"{where}: keys {sorted(rec)} != {sorted(REQUIRED_KEYS)}")
            continue
        if not isinstance(rec["id"], str) or not ID_PATTERN.match(rec["id"]):
            problems.append(f"{where}: id must look like L0001")
        elif rec["id"] in seen_ids:
            problems.append(f"{where}: duplicate id")
        else:
            seen_ids.add(rec["id"])
        for key in ("text", "notes"):
            if not isinstance(rec[key], str) or not rec[key].strip():
                problems.append(f"{where}: {key} must be a non-empty string")
        if not isinstance(rec["post_text"], str):
            problems.append(f"{where}: post_text must be a string (empty allowed)")
        labels = rec["labels"]
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            problems.append(f"{where}: labels must be a list of strings")
            continue
        unknown = set(labels) - ALLOWED_LABELS
        if unknown:
            problems.append(f"{where}: unknown labels {sorted(unknown)}")
        if len(labels) != len(set(labels)):
            problems.append(f"{where}: repeated label")
        if isinstance(rec["text"], str):
            key = " ".join(rec["text"].lower().split())
            if key in seen_texts:
                problems.append(f"{where}: duplicate text")
            seen_texts.add(key)
    return problems


def tags_of(record: dict) -> set[str]:
    """Sub-category tags written as ``[tag]`` in the notes (see README)."""
    return set(TAG_PATTERN.findall(record["notes"]))


def names_in(text: str) -> list[str]:
    """Correctly spelled catalogue brands or generics that occur as whole words."""
    low = text.lower()
    return [n for n in CATALOGUE_NAMES if re.search(rf"\b{n}\b", low)]


def tag_problems(records: list[dict]) -> list[str]:
    """Rows whose tags contradict their text or post."""
    problems: list[str] = []
    for rec in records:
        tags = tags_of(rec)
        if "post-only" in tags:
            if not rec["post_text"]:
                problems.append(f"{rec['id']}: [post-only] row without a post")
            if names_in(rec["text"]):
                problems.append(f"{rec['id']}: [post-only] row names {names_in(rec['text'])}")
        if "misspelled" in tags and names_in(rec["text"]):
            problems.append(f"{rec['id']}: [misspelled] row spells {names_in(rec['text'])}")
    return problems


def load_records() -> list[dict]:
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    records, problems = parse_lines(lines)
    assert not problems, problems[:10]
    return records


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_records()


def test_every_line_parses() -> None:
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()
    records, problems = parse_lines(lines)
    assert problems == []
    assert len(records) == len(lines)


def test_records_follow_the_schema(records: list[dict]) -> None:
    assert record_problems(records) == []


def test_allowed_labels_match_the_flag_kinds() -> None:
    # The set must score the same kinds the detectors emit; a renamed kind breaks both.
    assert set(FLAG_KINDS) == ALLOWED_LABELS


def test_total_size(records: list[dict]) -> None:
    assert len(records) >= MIN_TOTAL


@pytest.mark.parametrize(("label", "minimum"), sorted(MIN_PER_LABEL.items()))
def test_minimum_count_per_label(records: list[dict], label: str, minimum: int) -> None:
    count = sum(1 for r in records if label in r["labels"])
    assert count >= minimum, f"{label}: {count} < {minimum}"


def test_minimum_benign_rows(records: list[dict]) -> None:
    count = sum(1 for r in records if not r["labels"])
    assert count >= MIN_BENIGN


@pytest.mark.parametrize(("tag", "minimum"), sorted(MIN_AE_TAGS.items()))
def test_minimum_adverse_event_subcategories(records: list[dict], tag: str, minimum: int) -> None:
    count = sum(1 for r in records if "adverse_event" in r["labels"] and tag in tags_of(r))
    assert count >= minimum, f"[{tag}]: {count} < {minimum}"


def test_minimum_overdose_misuse_and_medication_errors(records: list[dict]) -> None:
    wanted = {"overdose", "misuse", "med-error"}
    count = sum(1 for r in records if "adverse_event" in r["labels"] and tags_of(r) & wanted)
    assert count >= MIN_AE_MISUSE


def test_serious_and_ae_only_tags_sit_on_adverse_events(records: list[dict]) -> None:
    ae_only = {"serious", "pregnancy", "lack-of-effect", "overdose", "med-error"}
    wrong = [
        r["id"] for r in records if tags_of(r) & ae_only and "adverse_event" not in r["labels"]
    ]
    assert wrong == []


def test_tags_agree_with_text(records: list[dict]) -> None:
    assert tag_problems(records) == []


def test_posts_and_languages_are_varied(records: list[dict]) -> None:
    posts = {r["post_text"] for r in records if r["post_text"]}
    assert len(posts) >= MIN_DISTINCT_POSTS
    assert any(not r["post_text"] for r in records)
    other_language = sum(1 for r in records if any(t.startswith("lang:") for t in tags_of(r)))
    assert other_language >= MIN_OTHER_LANGUAGE


GOOD = {"id": "L0001", "text": "pen leaked", "post_text": "", "labels": [], "notes": "x"}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["{not json"], "not JSON"),
        (["[1, 2]"], "not an object"),
        ([json.dumps(GOOD), ""], "blank line"),
    ],
)
def test_parse_lines_reports_broken_lines(lines: list[str], expected: str) -> None:
    _, problems = parse_lines(lines)
    assert len(problems) == 1
    assert expected in problems[0]


@pytest.mark.parametrize(
    ("records_in", "expected"),
    [
        ([GOOD, {**GOOD, "text": "other"}], "duplicate id"),
        ([GOOD, {**GOOD, "id": "L0002", "text": "Pen  LEAKED"}], "duplicate text"),
        ([{**GOOD, "labels": ["adverse_events"]}], "unknown labels"),
        ([{**GOOD, "labels": "privacy"}], "labels must be a list"),
        ([{**GOOD, "labels": ["privacy", "privacy"]}], "repeated label"),
        ([{**GOOD, "id": "X1"}], "id must look like"),
        ([{**GOOD, "text": " "}], "text must be a non-empty string"),
        ([{**GOOD, "post_text": None}], "post_text must be a string"),
        ([{k: v for k, v in GOOD.items() if k != "notes"}], "keys"),
    ],
)
def test_record_problems_catch_schema_errors(records_in: list[dict], expected: str) -> None:
    problems = record_problems(records_in)
    assert problems, "a broken record passed the schema check"
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            {**GOOD, "text": "Ozempic made me sick", "post_text": "p", "notes": "[post-only]"},
            "names",
        ),
        ({**GOOD, "text": "made me sick", "notes": "[post-only]"}, "without a post"),
        ({**GOOD, "text": "xarelto gave me a rash", "notes": "[misspelled]"}, "spells"),
    ],
)
def test_tag_problems_catch_contradictions(record: dict, expected: str) -> None:
    problems = tag_problems([record])
    assert any(expected in p for p in problems), problems
