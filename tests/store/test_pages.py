"""Pages: a local (integer) id names exactly that row, never a platform-id lookalike."""

from __future__ import annotations

from moderator.store.pages import add_page, find_page, get_page, list_pages, remove_page


def _two_pages(db):
    first = add_page(
        db, platform="demo", platform_id="demo-page", name="First", api_base=None, actor="t"
    )
    # A second page whose platform id is the first page's local id ("1").
    second = add_page(
        db, platform="demo", platform_id=str(first["id"]), name="Second", api_base=None, actor="t"
    )
    return first, second


def test_local_int_id_finds_that_page_not_a_platform_id_lookalike(db):
    first, _second = _two_pages(db)
    assert find_page(db, first["id"])["name"] == "First"
    assert get_page(db, first["id"])["name"] == "First"


def test_platform_id_string_still_wins_for_typed_ids(db):
    first, _second = _two_pages(db)
    assert find_page(db, str(first["id"]))["name"] == "Second"


def test_remove_page_by_local_id_removes_that_page(db):
    first, _second = _two_pages(db)
    remove_page(db, first["id"], actor="t")
    assert [page["name"] for page in list_pages(db)] == ["Second"]


def test_list_pages_counts_stored_comments_only_when_asked(db):
    first, second = _two_pages(db)
    for k in range(3):
        db["comments"].insert(
            {
                "page_id": first["id"],
                "platform": "demo",
                "platform_id": f"c{k}",
                "post_platform_id": "p",
                "text": "hello",
                "created_at": "2026-01-01T00:00:00Z",
                "first_seen_at": "2026-01-01T00:00:00Z",
                "last_seen_at": "2026-01-01T00:00:00Z",
            }
        )
    counted = {page["name"]: page["stored_comments"] for page in list_pages(db)}
    assert counted == {"First": 3, "Second": 0}
    uncounted = list_pages(db, counts=False)
    assert [page["name"] for page in uncounted] == ["First", "Second"]
    assert all(page["stored_comments"] is None for page in uncounted)
