"""FacebookConnector against the fake Graph server."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest

from moderator.connectors.base import (
    FetchBatch,
    MalformedResponseError,
    PermanentError,
    RateLimitedError,
    TokenExpiredError,
)
from moderator.connectors.facebook import FacebookConnector
from moderator.connectors.http import HttpClient, RetryPolicy
from tests.fakes import FakeGraphServer, make_facebook_page
from tests.fakes.synthetic import START


@pytest.fixture
def connector(graph, fb_page, graph_token, http) -> FacebookConnector:
    return FacebookConnector(fb_page.id, graph_token, graph.base_url, http, page_size=25)


def collect(batches) -> tuple[list[FetchBatch], dict[str, object]]:
    batches = list(batches)
    comments = {c.platform_id: c for b in batches for c in b.comments}
    return batches, comments


def test_validate_returns_page_name(connector):
    assert connector.validate() == "Example Pharma"


def test_full_fetch_matches_the_server(connector, graph, fb_page):
    batches, comments = collect(connector.fetch(None, None))
    expected = {c.id: c for c in graph.visible_comments(fb_page.id)}
    assert set(comments) == set(expected)
    assert sum(len(b.comments) for b in batches) == len(expected)  # nothing twice
    sample = next(c for c in expected.values() if c.parent_id)
    got = comments[sample.id]
    assert got.parent_id == sample.parent_id is not None
    assert got.text == sample.text
    assert got.author_name == sample.author_name
    assert got.created_at == sample.created_time
    assert got.post_id == next(p.id for p in fb_page.posts if sample in p.comments)
    assert got.permalink and "reply_comment_id" in got.permalink
    posts = [p for b in batches for p in b.posts]
    assert {p.platform_id for p in posts} == {p.id for p in fb_page.posts}
    assert sum(p.comment_count for p in posts) == len(expected)
    assert batches[-1].cursor is None
    assert batches[-1].total_comments == len(expected)
    assert connector.platform_comment_count() == len(expected)


def test_pagination_follows_next_and_cursors_never_hold_the_token(connector, graph, graph_token):
    batches = list(connector.fetch(None, None))
    comment_pages = [b for b in batches if b.comments]
    assert len(comment_pages) >= 4 * 2  # 230 comments over 4 posts at 25 per page
    followed = [r for r in graph.requests if "after" in r.params]
    assert followed, "paging.next was never followed"
    for batch in batches:
        assert batch.cursor is None or graph_token not in batch.cursor
    # every request carried the token, re-added at request time
    assert all(r.params.get("access_token") == graph_token for r in graph.requests)


def test_hidden_state_is_reported(connector, graph, fb_page):
    target = graph.visible_comments(fb_page.id)[3]
    target.hidden = True
    _, comments = collect(connector.fetch(None, None))
    assert comments[target.id].hidden is True
    assert sum(c.hidden for c in comments.values()) == 1


def test_incremental_fetch_from_since(connector, graph, fb_page):
    since = START + timedelta(seconds=37 * 200)  # comments 200.. are new
    batches, comments = collect(connector.fetch(since, None))
    expected = {c.id for c in graph.visible_comments(fb_page.id) if c.created_time >= since}
    assert set(comments) == expected
    assert len(expected) == 30
    # it stopped early: far fewer comment pages than a full fetch
    comment_requests = [r for r in graph.requests if r.path.endswith("/comments")]
    assert len(comment_requests) <= 4


def test_old_posts_without_new_comments_are_not_opened(graph, graph_token, http):
    page = make_facebook_page(40, n_posts=4, page_id="100000000000777")
    # post 0 gets no comment after `since`
    page.posts[0].comments = [c for c in page.posts[0].comments if c.created_time < START]
    graph.add_page(page)
    connector = FacebookConnector(page.id, graph_token, graph.base_url, http)
    since = START + timedelta(seconds=37 * 20)
    list(connector.fetch(since, None))
    opened = {r.path.split("/")[2] for r in graph.requests if r.path.endswith("/comments")}
    assert page.posts[0].id not in opened
    assert page.posts[1].id in opened


def test_resume_from_a_stored_cursor(connector, graph, fb_page):
    full = {c.id for c in graph.visible_comments(fb_page.id)}
    first_run = connector.fetch(None, None)
    seen: set[str] = set()
    stored_cursor = None
    for index, batch in enumerate(first_run):
        seen.update(c.platform_id for c in batch.comments)
        stored_cursor = batch.cursor
        if index == 4:
            break  # the app crashed here; the cursor of the last stored batch survives
    first_run.close()
    assert stored_cursor and json.loads(stored_cursor)["pending"]
    requests_before = len(graph.requests)
    _, resumed = collect(connector.fetch(None, stored_cursor))
    assert seen | set(resumed) == full
    assert not seen & set(resumed), "a resumed fetch re-read what was already stored"
    first_resumed = graph.requests[requests_before]
    assert not first_resumed.path.endswith("/posts"), "resume started over from the posts"


@pytest.mark.parametrize("bad_cursor", ["not json", '{"v": 99}', "[]", '{"v":1,"pending":5}'])
def test_unreadable_cursor_starts_over(connector, graph, fb_page, bad_cursor):
    _, comments = collect(connector.fetch(None, bad_cursor))
    assert len(comments) == len(graph.visible_comments(fb_page.id))


def test_cursor_with_a_token_is_not_trusted(connector, graph, fb_page, graph_token):
    url = f"{graph.base_url}/v25.0/elsewhere/comments?access_token={graph_token}"
    cursor = json.dumps({"v": 1, "pending": ["x"], "comments_next": url, "posts_done": True})
    _, comments = collect(connector.fetch(None, cursor))
    assert len(comments) == len(graph.visible_comments(fb_page.id))


@pytest.mark.parametrize("code", [613, 4, 17, 32, 80001])
def test_rate_limit_mid_pagination_backs_off_then_succeeds(connector, graph, fb_page, sleeps, code):
    graph.inject(
        "rate_limit",
        match="/comments",
        skip=3,
        code=code,
        regain_minutes=1,
        app_usage={"call_count": 100, "total_time": 20, "total_cputime": 10},
    )
    _, comments = collect(connector.fetch(None, None))
    assert len(comments) == len(graph.visible_comments(fb_page.id))
    assert 60.0 in sleeps.calls  # estimated_time_to_regain_access, in minutes


def test_rate_limit_that_persists_raises_and_keeps_what_was_yielded(
    connector, graph, fb_page, sleeps
):
    graph.inject("rate_limit", match="/comments", skip=2, times=100, code=613)
    stored: list[FetchBatch] = []
    with pytest.raises(RateLimitedError) as info:
        for batch in connector.fetch(None, None):
            stored.append(batch)
    assert sum(len(b.comments) for b in stored) == 50  # two pages of 25 were stored
    assert len(sleeps.calls) == RetryPolicy().rate_limit_retries
    # and the last stored cursor resumes the rest once the limit lifts
    graph.clear_faults()
    _, rest = collect(connector.fetch(None, stored[-1].cursor))
    got = {c.platform_id for b in stored for c in b.comments} | set(rest)
    assert got == {c.id for c in graph.visible_comments(fb_page.id)}
    assert info.value.retry_after


def test_server_errors_are_retried(connector, graph, fb_page, sleeps):
    graph.inject("server_error", match="/comments", skip=1, times=2)
    graph.inject("transient", match="/posts")
    _, comments = collect(connector.fetch(None, None))
    assert len(comments) == len(graph.visible_comments(fb_page.id))
    assert len(sleeps.calls) == 3


def test_dropped_connection_is_retried(connector, graph, fb_page):
    graph.inject("disconnect", match="/comments", skip=2)
    _, comments = collect(connector.fetch(None, None))
    assert len(comments) == len(graph.visible_comments(fb_page.id))


@pytest.mark.parametrize("subcode", [463, 460, 467])
def test_expired_token_asks_to_reconnect(connector, graph, graph_token, caplog, subcode):
    caplog.set_level(logging.DEBUG)
    graph.inject("expired_token", match="/comments", skip=1, subcode=subcode)
    with pytest.raises(TokenExpiredError) as info:
        list(connector.fetch(None, None))
    assert "reconnect" in str(info.value)
    assert graph_token not in str(info.value)
    assert graph_token not in caplog.text
    assert len([r for r in graph.requests if r.path.endswith("/comments")]) == 2  # no retry


def test_expired_token_on_validate(connector, graph, graph_token):
    graph.expire_token()
    with pytest.raises(TokenExpiredError) as info:
        connector.validate()
    assert "reconnect this page" in str(info.value)
    assert graph_token not in repr(info.value)


def test_permission_error_is_permanent_and_redacted(connector, graph, graph_token):
    graph.inject("permission", code=200, match="/posts")
    with pytest.raises(PermanentError) as info:
        list(connector.fetch(None, None))
    assert "Permissions error" in str(info.value)
    assert graph_token not in str(info.value)


@pytest.mark.parametrize(
    "kind", ["html", "truncated", "not_object", "wrong_types", "bad_items", "huge"]
)
def test_malformed_pages(connector, graph, graph_token, kind, caplog):
    caplog.set_level(logging.DEBUG)
    graph.inject(kind, match="/comments", skip=1)
    with pytest.raises(MalformedResponseError) as info:
        list(connector.fetch(None, None))
    assert graph_token not in str(info.value) + caplog.text


def test_repeated_paging_link_is_caught(connector, graph, monkeypatch):
    original = graph._next_url

    def stuck(request, **changes):
        changes.pop("after", None)
        return original(request, after="c3R1Y2s")  # always the same "next"

    monkeypatch.setattr(graph, "_next_url", stuck)
    monkeypatch.setattr(graph, "_cursor_page", lambda req, pool, limit: (pool[:2], "x", "y"))
    with pytest.raises(MalformedResponseError, match="same page twice"):
        list(connector.fetch(None, None))


def test_paging_link_to_another_host_is_refused(connector, graph, monkeypatch, graph_token):
    monkeypatch.setattr(
        graph, "_next_url", lambda request, **c: "https://evil.example/next?access_token=x"
    )
    with pytest.raises(MalformedResponseError, match="another host"):
        list(connector.fetch(None, None))
    assert all(r.path.startswith("/v25.0/") for r in graph.requests)


def test_hide_unhide_reply_delete_change_the_server(connector, graph, fb_page):
    target = graph.visible_comments(fb_page.id)[0]
    connector.hide(target.id)
    assert graph.comment(target.id).hidden is True
    connector.unhide(target.id)
    assert graph.comment(target.id).hidden is False
    reply_id = connector.reply(target.id, "Please contact our medical information team.")
    reply = graph.comment(reply_id)
    assert reply.parent_id == target.id
    assert reply.text == "Please contact our medical information team."
    connector.delete(target.id)
    assert graph.comment(target.id).deleted is True
    assert graph.actions == [
        ("hide", target.id),
        ("unhide", target.id),
        ("reply", target.id, "Please contact our medical information team."),
        ("delete", target.id),
    ]
    # and a later fetch sees the reply but not the deleted comment
    _, comments = collect(connector.fetch(None, None))
    assert reply_id in comments and target.id not in comments


def test_reply_is_posted_exactly_once_even_when_the_server_fails(connector, graph, fb_page):
    target = graph.visible_comments(fb_page.id)[0]
    graph.inject("server_error", method="POST")
    with pytest.raises(Exception):  # noqa: B017 - TransientError; the point is the count
        connector.reply(target.id, "hello")
    assert [a for a in graph.actions if a[0] == "reply"] == []
    graph.inject("rate_limit", method="POST", code=613)
    connector.reply(target.id, "hello")
    assert [a for a in graph.actions if a[0] == "reply"] == [("reply", target.id, "hello")]


def test_hide_on_a_missing_comment_is_permanent(connector):
    with pytest.raises(PermanentError):
        connector.hide("999_999")


def test_repr_has_no_token(connector, graph_token):
    assert graph_token not in repr(connector) + repr(connector.api) + repr(connector.api.http)


def test_usable_outside_pytest_with_default_http():
    page = make_facebook_page(12, n_posts=2)
    with FakeGraphServer(pages={page.id: page}, token="tok-1234") as server:
        connector = FacebookConnector(page.id, "tok-1234", server.base_url)
        assert connector.validate() == page.name
        assert len([c for b in connector.fetch(None, None) for c in b.comments]) == 12
        connector.api.http.close()
    with pytest.raises(RuntimeError):
        _ = server.base_url


def test_slow_down_when_usage_is_high(graph, fb_page, graph_token, sleeps):
    graph.usage = {"call_count": 97, "total_time": 10, "total_cputime": 10}
    http = HttpClient(policy=RetryPolicy(slow_down_delay=3.0), sleep=sleeps)
    connector = FacebookConnector(fb_page.id, graph_token, graph.base_url, http)
    connector.validate()
    connector.validate()
    assert sleeps.calls == [3.0]
