"""Checks on the bundled demo page and the approved reply templates.

The demo page is hand-written, so nothing but these checks keeps it consistent: the demo
connector, the queue and the detector sanity checks all assume ids resolve, replies follow
their parents and every flag kind is represented often enough to show up in the console.
"""

from __future__ import annotations

import json
import re
import string
import tomllib
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from moderator.models import FLAG_KINDS

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
DEMO = RESOURCES / "demo"
ALLOWED_PLACEHOLDERS = {
    "product",
    "safety_phone",
    "safety_email",
    "medinfo_phone",
    "quality_phone",
    "authority",
    "company",
}
TEMPLATE_KINDS = set(FLAG_KINDS) | {"general"}
# The demo is "last night's comments": everything falls in the three days before this moment.
DEMO_NOW = datetime(2026, 11, 22, tzinfo=UTC)
SAMPLE_VALUES = {
    "product": "Effexor XR",
    "safety_phone": "1-800-555-0199",
    "safety_email": "drugsafety@northwind.example.com",
    "medinfo_phone": "1-800-555-0198",
    "quality_phone": "1-800-555-0197",
    "authority": "the FDA (MedWatch, 1-800-FDA-1088) or your national authority",
    "company": "Northwind Health",
}


@cache
def page() -> dict[str, Any]:
    """The demo page document, parsed once per test session."""
    return json.loads((DEMO / "page.json").read_text(encoding="utf-8"))


@cache
def expected_flags() -> dict[str, list[str]]:
    """Comment id -> flag kinds a good detector should raise."""
    return json.loads((DEMO / "expected_flags.json").read_text(encoding="utf-8"))


@cache
def templates() -> list[dict[str, Any]]:
    """The approved reply templates."""
    with (RESOURCES / "templates.toml").open("rb") as handle:
        return tomllib.load(handle)["template"]


def comments() -> list[dict[str, Any]]:
    return page()["comments"]


def when(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, f"naive timestamp {value!r}"
    return moment


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


# -- the page --------------------------------------------------------------------------------


def test_page_identity() -> None:
    assert page()["page"] == {
        "id": "demo-northwind",
        "name": "Northwind Health",
        "platform": "demo",
    }


def test_post_and_comment_counts() -> None:
    assert 6 <= len(page()["posts"]) <= 10
    assert 150 <= len(comments()) <= 300


@pytest.mark.parametrize("section", ["posts", "comments"])
def test_ids_are_unique(section: str) -> None:
    ids = [item["id"] for item in page()[section]]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates


def test_every_reference_exists() -> None:
    post_ids = {p["id"] for p in page()["posts"]}
    comment_ids = {c["id"] for c in comments()}
    dangling = [
        c["id"]
        for c in comments()
        if c["post_id"] not in post_ids
        or (c["parent_id"] is not None and c["parent_id"] not in comment_ids)
    ]
    assert not dangling


def test_replies_sit_under_their_parents_post() -> None:
    by_id = {c["id"]: c for c in comments()}
    wrong = [
        c["id"]
        for c in comments()
        if c["parent_id"] and by_id[c["parent_id"]]["post_id"] != c["post_id"]
    ]
    assert not wrong


def test_replies_are_created_after_their_parent() -> None:
    by_id = {c["id"]: c for c in comments()}
    early = [
        c["id"]
        for c in comments()
        if c["parent_id"] and when(c["created_at"]) <= when(by_id[c["parent_id"]]["created_at"])
    ]
    assert not early


def test_comments_fall_in_the_three_days_before_the_demo() -> None:
    posted = {p["id"]: when(p["created_at"]) for p in page()["posts"]}
    outside = [
        c["id"]
        for c in comments()
        if not DEMO_NOW - timedelta(days=3) <= when(c["created_at"]) < DEMO_NOW
        or when(c["created_at"]) <= posted[c["post_id"]]
    ]
    assert not outside


def test_threads_are_two_to_four_deep() -> None:
    by_id = {c["id"]: c for c in comments()}

    def depth(comment: dict[str, Any]) -> int:
        return 1 if comment["parent_id"] is None else 1 + depth(by_id[comment["parent_id"]])

    depths = Counter(depth(c) for c in comments())
    assert max(depths) == 4
    assert depths[2] >= 10 and depths[3] >= 3


def test_many_distinct_authors_some_posting_often() -> None:
    per_author = Counter(c["author_id"] for c in comments())
    assert 45 <= len(per_author) <= 80
    assert sum(1 for n in per_author.values() if n >= 3) >= 10


@pytest.mark.parametrize(
    ("label", "matches"),
    [
        ("html and script", lambda t: "<script>" in t and "<b>" in t),
        ("right-to-left override", lambda t: "\u202e" in t),
        ("zero-width space", lambda t: "\u200b" in t),
        ("very long rant", lambda t: len(t) >= 2500),
        ("arabic", lambda t: re.search("[\u0600-\u06ff]", t) is not None),
        ("all-caps rant", lambda t: len(t) > 40 and t.upper() == t),
    ],
)
def test_hostile_but_legitimate_texts_are_present(label: str, matches: Any) -> None:
    assert any(matches(c["text"]) for c in comments()), label


EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
US_PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}-\d{4}\b")
UK_MOBILE = re.compile(r"(?:\+44 ?|\b0)7\d{3} ?\d{6}\b")


def test_contact_data_is_fictional() -> None:
    texts = [c["text"] for c in comments()]
    domains = {m.group(1) for t in texts for m in EMAIL.finditer(t)}
    us_numbers = [m.group(0) for t in texts for m in US_PHONE.finditer(t)]
    uk_numbers = [m.group(0) for t in texts for m in UK_MOBILE.finditer(t)]
    assert domains and all(d == "example.com" or d.endswith(".invalid") for d in domains)
    assert us_numbers and all("555-01" in n for n in us_numbers)
    assert uk_numbers and all("7700 900" in n for n in uk_numbers)


# -- expected flags --------------------------------------------------------------------------


def test_expected_flags_cover_exactly_the_comments() -> None:
    assert set(expected_flags()) == {c["id"] for c in comments()}


def test_expected_flags_use_known_kinds_once() -> None:
    for comment_id, kinds in expected_flags().items():
        assert set(kinds) <= set(FLAG_KINDS), comment_id
        assert len(kinds) == len(set(kinds)), comment_id


@pytest.mark.parametrize("kind", FLAG_KINDS)
def test_every_flag_kind_appears_often_enough(kind: str) -> None:
    count = sum(kind in kinds for kinds in expected_flags().values())
    assert count >= 8


def test_plenty_of_comments_need_no_flag() -> None:
    assert sum(not kinds for kinds in expected_flags().values()) >= 40


def test_page_replies_are_never_flagged() -> None:
    ours = [c["id"] for c in comments() if c["author_id"] == page()["page"]["id"]]
    assert ours
    assert all(expected_flags()[i] == [] for i in ours)


# -- reply templates -------------------------------------------------------------------------


def test_template_names_are_unique() -> None:
    names = [t["name"] for t in templates()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("template", templates(), ids=lambda t: t["name"])
def test_template_is_well_formed(template: dict[str, Any]) -> None:
    assert {"name", "title", "kind", "text"} <= set(template)
    assert template["kind"] in TEMPLATE_KINDS
    assert placeholders(template["text"]) <= ALLOWED_PLACEHOLDERS
    assert len(template["text"]) < 600
    rendered = template["text"].format(**SAMPLE_VALUES)
    assert len(rendered) < 600
    assert "{" not in rendered and "}" not in rendered


@pytest.mark.parametrize("kind", FLAG_KINDS)
def test_every_flag_kind_has_a_template(kind: str) -> None:
    assert any(t["kind"] == kind for t in templates())


@pytest.mark.parametrize(
    ("kind", "must_mention"),
    [
        ("adverse_event", "{safety_phone}"),
        ("off_label", "{medinfo_phone}"),
        ("medical_inquiry", "{medinfo_phone}"),
        ("product_complaint", "{quality_phone}"),
    ],
)
def test_templates_route_to_the_right_team(kind: str, must_mention: str) -> None:
    texts = [t["text"] for t in templates() if t["kind"] == kind]
    assert texts and all(must_mention in text for text in texts)


def test_the_console_loader_accepts_the_bundled_templates() -> None:
    from moderator.templates import load_templates

    loaded = load_templates()
    assert [t["name"] for t in templates()] == list(loaded)
    assert all(loaded[t["name"]].kind == t["kind"] for t in templates())
