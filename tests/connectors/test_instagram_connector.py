"""InstagramConnector against the fake Graph server."""

from __future__ import annotations

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
from moderator.connectors.http import RetryPolicy
from moderator.connectors.instagram import InstagramConnector
from tests.fakes.synthetic import START


@pytest.fixture
def connector(graph, ig_account, graph_token, http) -> InstagramConnector:
    return InstagramConnector(ig_account.id, graph_token, graph.base_url, http, page_size=20)


def comments_of(batches) -> dict:
    return {c.platform_id: c for b in batches for c in b.comments}


def test_validate_returns_username(connector):
    assert connector.validate() == "example_pharma"


def test_full_fetch_matches_the_server(connector, graph, ig_account):
    batches = list(connector.fetch(None, None))
    got = comments_of(batches)
    expected = {c.id: c for c in graph.visible_comments(ig_account.id)}
    assert set(got) == set(expected)
    assert sum(len(b.comments) for b in batches) == len(expected)
    reply = next(c for c in expected.values() if c.parent_id)
    assert got[reply.id].parent_id == reply.parent_id
    assert got[reply.id].author_name == reply.author_name
    assert got[reply.id].created_at == reply.created_time
    media = [p for b in batches for p in b.posts]
    assert {m.platform_id for m in media} == {p.id for p in ig_account.posts}
    assert batches[-1].total_comments == len(expected)
    assert connector.platform_comment_count() == len(expected)


def test_replies_beyond_the_inline_ones_are_fetched(graph, ig_account, graph_token, http):
    graph.inline_replies = 2
    top = next(c for c in graph.visible_comments(ig_account.id) if c.parent_id is None)
    post = next(p for p in ig_account.posts if top in p.comments)
    from tests.fakes import FakeComment

    for n in range(7):
        post.comments.append(
            FakeComment(
                id=f"1799000000000{n:04d}",
                text=f"reply {n}",
                created_time=top.created_time + timedelta(minutes=n + 1),
                author_id="1",
                author_name="someone",
                parent_id=top.id,
            )
        )
    connector = InstagramConnector(ig_account.id, graph_token, graph.base_url, http)
    got = comments_of(connector.fetch(None, None))
    assert {f"1799000000000{n:04d}" for n in range(7)} <= set(got)
    assert any(r.path.endswith(f"/{top.id}/replies") for r in graph.requests)


def test_incremental_fetch_from_since(connector, graph, ig_account):
    since = START + timedelta(seconds=37 * 150)
    got = comments_of(connector.fetch(since, None))
    expected = {c.id for c in graph.visible_comments(ig_account.id) if c.created_time >= since}
    assert set(got) == expected and len(expected) == 30


def test_hidden_flag_is_read(connector, graph, ig_account):
    target = graph.visible_comments(ig_account.id)[5]
    target.hidden = True
    got = comments_of(connector.fetch(None, None))
    assert got[target.id].hidden is True


def test_resume_from_a_stored_cursor(connector, graph, ig_account):
    run = connector.fetch(None, None)
    stored: list[FetchBatch] = []
    for batch in run:
        stored.append(batch)
        if len(stored) == 4:
            break
    run.close()
    before = comments_of(stored)
    rest = comments_of(connector.fetch(None, stored[-1].cursor))
    assert set(before) | set(rest) == {c.id for c in graph.visible_comments(ig_account.id)}
    assert not set(before) & set(rest)


def test_80002_mid_pagination_backs_off_then_succeeds(connector, graph, ig_account, sleeps):
    graph.inject("rate_limit", match="/comments", skip=2, code=80002)
    got = comments_of(connector.fetch(None, None))
    assert len(got) == len(graph.visible_comments(ig_account.id))
    assert sleeps.calls == [RetryPolicy().rate_limit_wait]


def test_rate_limit_that_persists_raises(connector, graph):
    graph.inject("rate_limit", match="/comments", times=99, code=80002)
    with pytest.raises(RateLimitedError):
        list(connector.fetch(None, None))


def test_expired_token(connector, graph, graph_token, caplog):
    caplog.set_level(logging.DEBUG)
    graph.inject("expired_token", match="/media")
    with pytest.raises(TokenExpiredError) as info:
        list(connector.fetch(None, None))
    assert "reconnect" in str(info.value)
    assert graph_token not in str(info.value) + caplog.text


@pytest.mark.parametrize("kind", ["html", "truncated", "wrong_types", "bad_items"])
def test_malformed_pages(connector, graph, kind):
    graph.inject(kind, match="/comments", skip=1)
    with pytest.raises(MalformedResponseError):
        list(connector.fetch(None, None))


def test_hide_unhide_reply_delete_change_the_server(connector, graph, ig_account):
    target = next(c for c in graph.visible_comments(ig_account.id) if c.parent_id is None)
    connector.hide(target.id)
    assert graph.comment(target.id).hidden is True
    connector.unhide(target.id)
    assert graph.comment(target.id).hidden is False
    reply_id = connector.reply(target.id, "Thanks, we sent you a DM.")
    assert graph.comment(reply_id).parent_id == target.id
    connector.delete(reply_id)
    assert graph.comment(reply_id).deleted is True
    assert graph.actions == [
        ("hide", target.id),
        ("unhide", target.id),
        ("reply", target.id, "Thanks, we sent you a DM."),
        ("delete", reply_id),
    ]
    hide_requests = [r for r in graph.requests if r.method == "POST" and "hide" in r.params]
    assert [r.params["hide"] for r in hide_requests] == ["true", "false"]
    assert all("is_hidden" not in r.params for r in graph.requests)


def test_reply_to_hidden_comment_is_refused(connector, graph, ig_account):
    target = next(c for c in graph.visible_comments(ig_account.id) if c.parent_id is None)
    target.hidden = True
    with pytest.raises(PermanentError):
        connector.reply(target.id, "hi")
    assert graph.actions == []
