"""The queue: order, keyset paging, filters, safe full-text search, detail and read marks."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderator import audit, queue
from moderator.connectors import make_connector
from moderator.queue import QueueFilter
from moderator.store.pages import add_page
from moderator.sync import flag_pending, sync_page
from tests.conftest import make_comment, write_page_document
from tests.ui.fakes import keyword_analyzer

TEXTS = {
    1: "This gave me hives after two doses",
    2: "Thanks for the info!",
    3: "My pen was leaking, lot AB1234",
    4: "<b>bold</b><script>alert(1)</script>",
    5: "same here, a rash",
    6: "ended up in hospital with a rash",
    7: "call my phone\n\n555 0100   please",
    8: "rash again " + "x" * 300,
}
FLAGGED_ORDER = ["c-0006", "c-0008", "c-0005", "c-0001", "c-0007", "c-0003"]


@pytest.fixture
def queue_db(db, tmp_path):
    comments = [
        make_comment(n, text, parent_id="c-0001" if n == 5 else None) for n, text in TEXTS.items()
    ]
    document = write_page_document(tmp_path / "page.json", comments)
    page = add_page(
        db,
        platform="demo",
        platform_id="demo-test",
        name="Test Page",
        api_base=str(document),
        actor="t",
    )
    sync_page(db, page, make_connector(page, None, state_dir=tmp_path))
    flag_pending(db, keyword_analyzer)
    return db


def _id(db, platform_id: str) -> int:
    return db.execute("SELECT id FROM comments WHERE platform_id = ?", [platform_id]).fetchone()[0]


def _escalate_overdue(db, platform_id: str, due: str = "2000-01-01T00:00:00.000000+00:00"):
    db["escalations"].insert(
        {
            "id": f"esc-{platform_id}",
            "comment_id": _id(db, platform_id),
            "kind": "ae",
            "status": "open",
            "record": "{}",
            "created_at": due,
            "created_by": "t",
            "day_zero": due,
            "internal_due_at": due,
        }
    )


def _all(db, f: QueueFilter, limit: int = 200, now: str | None = None) -> list[dict]:
    rows: list[dict] = []
    after = None
    while True:
        page = queue.fetch_page(db, f, limit, after, now=now)
        rows += page
        if len(page) < limit:
            return rows
        after = page[-1]


def test_queue_is_sorted_by_risk_then_newest(queue_db):
    rows = queue.fetch_page(queue_db, QueueFilter())
    assert [r["platform_id"] for r in rows] == FLAGGED_ORDER
    assert [r["risk"] for r in rows] == [600, 500, 500, 500, 400, 300]
    assert rows[0]["page_name"] == "Test Page" and rows[0]["top_kind"] == "adverse_event"


def test_overdue_open_escalations_come_first(queue_db):
    _escalate_overdue(queue_db, "c-0003")
    rows = queue.fetch_page(queue_db, QueueFilter())
    assert rows[0]["platform_id"] == "c-0003" and rows[0]["overdue"] is True
    assert [r["platform_id"] for r in rows[1:]] == [p for p in FLAGGED_ORDER if p != "c-0003"]


def test_escalation_not_yet_due_is_not_boosted(queue_db):
    _escalate_overdue(queue_db, "c-0003", due="2999-01-01T00:00:00.000000+00:00")
    rows = queue.fetch_page(queue_db, QueueFilter())
    assert [r["platform_id"] for r in rows] == FLAGGED_ORDER


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 100])
@pytest.mark.parametrize("overdue", [False, True])
def test_keyset_pages_join_to_the_full_listing(queue_db, limit, overdue):
    if overdue:
        _escalate_overdue(queue_db, "c-0001")
        _escalate_overdue(queue_db, "c-0007")
    f = QueueFilter(flagged_only=False)
    full = queue.fetch_page(queue_db, f, 1000)
    paged = _all(queue_db, f, limit)
    assert [r["id"] for r in paged] == [r["id"] for r in full]
    assert len({r["id"] for r in paged}) == len(TEXTS)


def test_paging_never_uses_offset(queue_db):
    statements: list[str] = []
    queue_db.conn.set_trace_callback(statements.append)
    try:
        _all(queue_db, QueueFilter(flagged_only=False), 2)
    finally:
        queue_db.conn.set_trace_callback(None)
    selects = [s for s in statements if "FROM comments c" in s]
    assert len(selects) >= 4
    assert not any("OFFSET" in s.upper() for s in selects)


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (QueueFilter(kinds=("adverse_event",)), ["c-0006", "c-0008", "c-0005", "c-0001"]),
        (QueueFilter(kinds=("privacy", "product_complaint")), ["c-0007", "c-0003"]),
        (QueueFilter(flagged_only=False, search="bold"), ["c-0004"]),
        (QueueFilter(search="rash"), ["c-0006", "c-0008", "c-0005"]),
        (QueueFilter(search="RAS"), ["c-0006", "c-0008", "c-0005"]),  # prefix, any case
        (QueueFilter(search="rash hospital"), ["c-0006"]),  # words are ANDed
        (QueueFilter(search="Person 1"), ["c-0008", "c-0001"]),  # author names too
        (QueueFilter(statuses=("dismissed",)), []),
        (QueueFilter(platform="facebook"), []),
        (QueueFilter(page_id=999), []),
        (
            QueueFilter(
                date_from=datetime(2026, 11, 21, 0, 5, tzinfo=UTC),
                date_to=datetime(2026, 11, 21, 0, 8, tzinfo=UTC),
            ),
            ["c-0006", "c-0005", "c-0007"],
        ),
        (QueueFilter(flagged_only=False, kinds=()), None),  # None: every comment
    ],
)
def test_filters(queue_db, f, expected):
    rows = queue.fetch_page(queue_db, f)
    ids = [r["platform_id"] for r in rows]
    if expected is None:
        assert len(ids) == len(TEXTS)
    else:
        assert ids == expected
    assert queue.count(queue_db, f) == len(ids)


def test_unread_only_and_status(queue_db):
    queue.mark_read(queue_db, _id(queue_db, "c-0006"), "alice")
    rows = queue.fetch_page(queue_db, QueueFilter(unread_only=True))
    assert "c-0006" not in [r["platform_id"] for r in rows] and len(rows) == 5
    queue_db.execute("UPDATE comments SET status = 'dismissed' WHERE platform_id = 'c-0003'")
    rows = queue.fetch_page(queue_db, QueueFilter(statuses=("new",)))
    assert "c-0003" not in [r["platform_id"] for r in rows]


@pytest.mark.parametrize(
    "text",
    [
        "(",
        ")",
        "AND",
        "rash AND",
        "OR OR",
        '"',
        '"rash',
        "NEAR(a b)",
        "*",
        "a:b",
        "-rash",
        "^rash",
        "text:rash",
        "'",
        "{",
        "+",
        "NOT",
        "",
        "   ",
        'rash"*',
    ],
)
def test_search_never_passes_fts_syntax_through(queue_db, text):
    rows = queue.fetch_page(queue_db, QueueFilter(search=text))
    assert isinstance(rows, list)
    assert queue.count(queue_db, QueueFilter(search=text)) == len(rows)


@pytest.fixture(scope="module")
def empty_db():
    from moderator.store.database import open_database

    database = open_database(None)
    yield database
    database.close()


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=40))
def test_any_search_text_is_a_valid_query(empty_db, text):
    assert queue.fetch_page(empty_db, QueueFilter(search=text, flagged_only=False)) == []
    assert queue.count(empty_db, QueueFilter(search=text)) == 0


def test_fts_query_quotes_each_word_as_prefix():
    assert queue.fts_query('rash (AND "hives') == '"rash"* "AND"* "hives"*'
    assert queue.fts_query("((( ***") is None


def test_preview_is_short_and_on_one_line(queue_db):
    rows = {r["platform_id"]: r for r in queue.fetch_page(queue_db, QueueFilter())}
    assert rows["c-0007"]["preview"] == "call my phone 555 0100 please"
    assert len(rows["c-0008"]["preview"]) == 200


def test_counts_by_kind(queue_db):
    counts = queue.counts_by_kind(queue_db, QueueFilter())
    assert counts == {
        "adverse_event": 4,
        "privacy": 1,
        "product_complaint": 1,
        "off_label": 0,
        "medical_inquiry": 0,
    }
    # the kind filter itself does not narrow its own badges, the search does
    assert queue.counts_by_kind(queue_db, QueueFilter(kinds=("privacy",))) == counts
    assert queue.counts_by_kind(queue_db, QueueFilter(search="hospital"))["adverse_event"] == 1


def test_comment_detail_has_thread_post_flags_and_history(queue_db):
    detail = queue.comment_detail(queue_db, _id(queue_db, "c-0001"))
    assert detail.comment["text"] == TEXTS[1]
    assert detail.comment["page_name"] == "Test Page"
    assert detail.post["text"] == "Talk to your doctor about Xarelto."
    assert detail.parent is None
    assert [r["platform_id"] for r in detail.replies] == ["c-0005"]
    assert [r["platform_id"] for r in detail.author_comments] == ["c-0008"]
    (flag,) = detail.flags
    assert flag["kind"] == "adverse_event"
    assert flag["evidence"] == [{"start": 13, "end": 18, "text": "hives", "label": "event"}]
    assert detail.analysis["adverse_event"]["products"] == [{"name": "Xarelto"}]
    assert [h["action"] for h in detail.history] == ["flags.raised"]
    reply = queue.comment_detail(queue_db, _id(queue_db, "c-0005"))
    assert reply.parent["platform_id"] == "c-0001"


def test_comment_detail_of_unknown_comment(queue_db):
    with pytest.raises(queue.CommentNotFoundError):
        queue.comment_detail(queue_db, 424242)


def _views(db, comment_id):
    return [
        (e["actor"], json.loads(e["details"])["first_viewer"])
        for e in audit.iter_entries(db)
        if e["action"] == "comment.viewed" and e["comment_id"] == comment_id
    ]


def test_mark_read_audits_first_view_of_an_adverse_event_per_moderator(queue_db):
    comment_id = _id(queue_db, "c-0001")
    assert queue.mark_read(queue_db, comment_id, "alice") is True
    first_read = queue_db["comments"].get(comment_id)["read_at"]
    assert first_read is not None
    assert queue.mark_read(queue_db, comment_id, "alice") is False
    assert queue.mark_read(queue_db, comment_id, "bob") is True
    assert queue_db["comments"].get(comment_id)["read_at"] == first_read
    assert _views(queue_db, comment_id) == [("alice", True), ("bob", False)]
    assert audit.verify(queue_db).ok


def test_mark_read_of_a_non_ae_comment_writes_no_audit_entry(queue_db):
    comment_id = _id(queue_db, "c-0003")
    assert queue.mark_read(queue_db, comment_id, "alice") is True
    assert queue_db["comments"].get(comment_id)["read_at"] is not None
    assert _views(queue_db, comment_id) == []


PLAN_FILTERS = [
    QueueFilter(),
    QueueFilter(flagged_only=False),
    QueueFilter(statuses=("new", "escalated")),
    QueueFilter(statuses=("new",), search="rash"),
    QueueFilter(statuses=("new", "escalated"), search="rash", kinds=("adverse_event",)),
    QueueFilter(flagged_only=False, search="a"),
    QueueFilter(statuses=("escalated",)),
]


@pytest.mark.parametrize("f", PLAN_FILTERS)
@pytest.mark.parametrize(
    ("search_min", "status_min", "max_ids"),
    [(10**9, 10**9, 500), (1, 1, 500), (1, 10**9, 0), (10**9, 1, 0)],
)
def test_every_query_plan_lists_the_same_rows(
    queue_db, monkeypatch, f, search_min, status_min, max_ids
):
    """Walk or list, status index or queue index, ids bound or re-read: same rows, same order."""
    _escalate_overdue(queue_db, "c-0007")
    queue_db.execute("UPDATE comments SET status = 'escalated' WHERE platform_id = 'c-0007'")
    now = "2026-12-01T00:00:00.000000+00:00"
    expected = _all(queue_db, f, 1000, now=now)
    monkeypatch.setattr(queue, "SEARCH_WALK_MIN_MATCHES", search_min)
    monkeypatch.setattr(queue, "STATUS_WALK_MIN_ROWS", status_min)
    monkeypatch.setattr(queue, "MAX_LISTED_IDS", max_ids)
    for limit in (1, 2, 1000):
        rows = _all(queue_db, f, limit, now=now)
        assert [(r["id"], r["overdue"]) for r in rows] == [
            (r["id"], r["overdue"]) for r in expected
        ]


@pytest.mark.parametrize(
    ("search_min", "status_min", "expected", "absent"),
    [
        (1, 1, ["+c.id IN", "+c.status IN"], ["INDEXED BY"]),
        (10**9, 10**9, ["INDEXED BY comments_status", " c.id IN (SELECT rowid"], ["+c."]),
    ],
)
def test_plan_follows_the_probes(queue_db, monkeypatch, search_min, status_min, expected, absent):
    monkeypatch.setattr(queue, "SEARCH_WALK_MIN_MATCHES", search_min)
    monkeypatch.setattr(queue, "STATUS_WALK_MIN_ROWS", status_min)
    sql, _params = queue.page_sql(queue_db, QueueFilter(statuses=("new", "escalated"), search="a"))
    for part in expected:
        assert part in sql
    for part in absent:
        assert part not in sql


def test_counts_by_kind_match_a_count_per_kind(queue_db):
    f = QueueFilter(statuses=("new",))
    by_kind = queue.counts_by_kind(queue_db, f)
    for kind, n in by_kind.items():
        assert n == queue.count(queue_db, QueueFilter(statuses=("new",), kinds=(kind,)))
    assert sum(by_kind.values()) > 0


@pytest.mark.parametrize(
    ("search", "first", "overdue_shown"),
    [("rash", "c-0005", True), ("hospital", "c-0006", False), ("phone", "c-0007", False)],
)
def test_search_keeps_a_matching_overdue_escalation_first(queue_db, search, first, overdue_shown):
    _escalate_overdue(queue_db, "c-0005")  # "same here, a rash"
    rows = queue.fetch_page(queue_db, QueueFilter(search=search))
    assert rows[0]["platform_id"] == first
    assert rows[0]["overdue"] is overdue_shown
    assert ("c-0005" in [r["platform_id"] for r in rows]) is (search == "rash")
