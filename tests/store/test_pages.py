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
