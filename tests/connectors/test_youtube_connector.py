"""YouTubeConnector against the fake YouTube Data API."""

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
from moderator.connectors.youtube import YouTubeConnector
from tests.fakes import FakeYouTubeServer, make_youtube_channel
from tests.fakes.synthetic import START


@pytest.fixture
def connector(youtube, yt_channel, youtube_token, http) -> YouTubeConnector:
    return YouTubeConnector(yt_channel.id, youtube_token, youtube.base_url, http, page_size=20)


def live(channel) -> dict:
    return {
        c.id: c
        for v in channel.videos
        for c in v.comments
        if not c.deleted and c.moderation_status in ("published", "heldForReview")
    }


def comments_of(batches) -> dict:
    return {c.platform_id: c for b in batches for c in b.comments}


def test_validate_returns_channel_title(connector):
    assert connector.validate() == "Example Pharma"


def test_validate_unknown_channel(youtube, youtube_token, http):
    with pytest.raises(PermanentError):
        YouTubeConnector("UCnope", youtube_token, youtube.base_url, http).validate()


def test_full_fetch_matches_the_server(connector, youtube, yt_channel):
    batches = list(connector.fetch(None, None))
    got = comments_of(batches)
    expected = live(yt_channel)
    assert set(got) == set(expected)
    assert sum(len(b.comments) for b in batches) == len(expected)
    reply = next(c for c in expected.values() if c.parent_id)
    assert got[reply.id].parent_id == reply.parent_id
    assert got[reply.id].text == reply.text
    assert got[reply.id].author_id == reply.author_id
    assert got[reply.id].post_id.startswith("FAKEvid")
    assert f"lc={reply.id}" in got[reply.id].permalink
    videos = {p.platform_id: p for b in batches for p in b.posts}
    assert set(videos) == {v.id for v in yt_channel.videos}
    assert videos["FAKEvid0000"].text == "Video 0"
    assert batches[-1].cursor is None
    # the connector counted the same units the server charged
    assert connector.quota_used == youtube.quota_used > 0


def test_more_replies_than_inline_are_listed(connector, youtube, yt_channel):
    youtube.inline_replies = 1
    video = yt_channel.videos[0]
    top = next(c for c in video.comments if c.parent_id is None)
    from tests.fakes import FakeComment

    for n in range(130):  # more than one page of comments.list
        video.comments.append(
            FakeComment(
                id=f"{top.id}.extra{n:04d}",
                text=f"extra {n}",
                created_time=top.created_time + timedelta(seconds=n + 1),
                author_id="UCx",
                author_name="x",
                parent_id=top.id,
            )
        )
    got = comments_of(connector.fetch(None, None))
    assert {f"{top.id}.extra{n:04d}" for n in range(130)} <= set(got)
    assert any(r.params.get("parentId") == top.id for r in youtube.requests)


def test_held_comments_are_fetched_as_hidden(connector, youtube, yt_channel):
    target = next(c for c in yt_channel.videos[1].comments if c.parent_id is None)
    target.moderation_status = "heldForReview"
    got = comments_of(connector.fetch(None, None))
    assert got[target.id].hidden is True
    assert sum(c.hidden for c in got.values()) == 1


def test_incremental_fetch_from_since(connector, youtube, yt_channel):
    since = START + timedelta(seconds=37 * 200)
    got = comments_of(connector.fetch(since, None))
    expected = {i for i, c in live(yt_channel).items() if c.created_time >= since}
    assert set(got) == expected and len(expected) == 60


def test_incremental_fetch_stops_paging_past_the_reply_lookback(
    youtube, yt_channel, youtube_token, http
):
    connector = YouTubeConnector(
        yt_channel.id,
        youtube_token,
        youtube.base_url,
        http,
        page_size=20,
        reply_lookback=timedelta(minutes=10),
    )
    since = START + timedelta(seconds=37 * 200)
    got = comments_of(connector.fetch(since, None))
    expected = {i for i, c in live(yt_channel).items() if c.created_time >= since}
    assert set(got) == expected
    published_pages = [
        r
        for r in youtube.requests
        if r.path.endswith("/commentThreads") and r.params["moderationStatus"] == "published"
    ]
    assert len(published_pages) <= 4  # not all 10 pages of threads


def test_new_reply_on_an_old_thread_is_found(connector, youtube, yt_channel):
    from tests.fakes import FakeComment

    oldest = min(
        (c for v in yt_channel.videos for c in v.comments if c.parent_id is None),
        key=lambda c: c.created_time,
    )
    video = next(v for v in yt_channel.videos if oldest in v.comments)
    since = START + timedelta(days=1)
    video.comments.append(
        FakeComment(
            id=f"{oldest.id}.late",
            text="late reply",
            created_time=since + timedelta(hours=1),
            author_id="UCy",
            author_name="y",
            parent_id=oldest.id,
        )
    )
    got = comments_of(connector.fetch(since, None))
    assert set(got) == {f"{oldest.id}.late"}


def test_resume_from_a_stored_cursor(connector, youtube, yt_channel):
    run = connector.fetch(None, None)
    stored: list[FetchBatch] = []
    for batch in run:
        stored.append(batch)
        if len(stored) == 3:
            break
    run.close()
    rest = list(connector.fetch(None, stored[-1].cursor))
    before, after = comments_of(stored), comments_of(rest)
    assert set(before) | set(after) == set(live(yt_channel))
    assert not set(before) & set(after)


def test_quota_exceeded_mid_fetch_raises_at_once_and_keeps_yielded(
    connector, youtube, yt_channel, sleeps
):
    youtube.inject("quota_exceeded", match="/commentThreads", skip=2)
    stored: list[FetchBatch] = []
    with pytest.raises(RateLimitedError) as info:
        for batch in connector.fetch(None, None):
            stored.append(batch)
    assert len(stored) == 2
    assert all(len(b.comments) > 0 for b in stored)
    assert sleeps.calls == []  # quota resets daily: no retry
    assert info.value.retry_after and info.value.retry_after > 0
    youtube.clear_faults()
    rest = comments_of(connector.fetch(None, stored[-1].cursor))
    assert set(comments_of(stored)) | set(rest) == set(live(yt_channel))


def test_real_quota_limit_on_the_server(yt_channel, youtube_token, http):
    with FakeYouTubeServer(channels={yt_channel.id: yt_channel}, quota_limit=3) as server:
        connector = YouTubeConnector(yt_channel.id, youtube_token, server.base_url, http)
        with pytest.raises(RateLimitedError):
            list(connector.fetch(None, None))


def test_rate_limit_exceeded_backs_off_then_succeeds(connector, youtube, yt_channel, sleeps):
    youtube.inject("rate_limit_exceeded", match="/commentThreads", skip=1, times=2)
    got = comments_of(connector.fetch(None, None))
    assert set(got) == set(live(yt_channel))
    assert len(sleeps.calls) == 2


def test_server_errors_are_retried(connector, youtube, yt_channel):
    youtube.inject("server_error", match="/commentThreads", skip=1)
    assert set(comments_of(connector.fetch(None, None))) == set(live(yt_channel))


def test_expired_token(connector, youtube, youtube_token, caplog):
    caplog.set_level(logging.DEBUG)
    youtube.inject("auth_error", match="/commentThreads", skip=1)
    with pytest.raises(TokenExpiredError) as info:
        list(connector.fetch(None, None))
    assert "reconnect" in str(info.value)
    assert youtube_token not in str(info.value) + caplog.text
    assert len([r for r in youtube.requests if r.path.endswith("/commentThreads")]) == 2


def test_comments_disabled_is_permanent(connector, youtube):
    youtube.inject("comments_disabled", match="/commentThreads")
    with pytest.raises(PermanentError, match="disabled comments"):
        list(connector.fetch(None, None))


@pytest.mark.parametrize("kind", ["html", "truncated", "not_object", "wrong_types", "bad_items"])
def test_malformed_pages(connector, youtube, kind):
    youtube.inject(kind, match="/commentThreads", skip=1)
    with pytest.raises(MalformedResponseError):
        list(connector.fetch(None, None))


def test_hide_unhide_reject_reply_delete(connector, youtube, yt_channel):
    target = next(c for c in yt_channel.videos[0].comments if c.parent_id is None)
    connector.hide(target.id)
    assert youtube.comment(target.id).moderation_status == "heldForReview"
    connector.unhide(target.id)
    assert youtube.comment(target.id).moderation_status == "published"
    reply_id = connector.reply(target.id, "Please call our medical information line.")
    assert youtube.comment(reply_id).parent_id == target.id
    connector.delete(reply_id)  # our own reply: a real delete
    assert youtube.comment(reply_id).deleted is True
    connector.delete(target.id)  # someone else's comment: rejected instead
    assert youtube.comment(target.id).moderation_status == "rejected"
    assert youtube.actions == [
        ("setModerationStatus", target.id, "heldForReview"),
        ("setModerationStatus", target.id, "published"),
        ("reply", target.id, "Please call our medical information line."),
        ("delete", reply_id),
        ("setModerationStatus", target.id, "rejected"),
    ]
    # 1 unit per list, 50 per write: 5 writes + the refused delete
    assert connector.quota_used == 50 * 6


def test_reply_to_a_reply_goes_to_the_thread(connector, youtube, yt_channel):
    reply = next(c for c in yt_channel.videos[0].comments if c.parent_id)
    new_id = connector.reply(reply.id, "thanks")
    assert youtube.comment(new_id).parent_id == reply.parent_id


def test_unhide_of_rejected_comment_is_permanent(connector, youtube, yt_channel):
    target = next(c for c in yt_channel.videos[0].comments if c.parent_id is None)
    connector.reject(target.id)
    with pytest.raises(PermanentError):
        connector.unhide(target.id)


def test_rejected_comments_disappear_from_fetch(connector, youtube, yt_channel):
    target = next(c for c in yt_channel.videos[0].comments if c.parent_id is None)
    connector.reject(target.id, ban_author=True)
    assert target.id not in comments_of(connector.fetch(None, None))


def test_bearer_header_and_no_token_in_urls(connector, youtube, youtube_token):
    list(connector.fetch(None, None))
    assert all(youtube_token not in str(r.params) for r in youtube.requests)
    assert all(r.headers["authorization"] == f"Bearer {youtube_token}" for r in youtube.requests)


def test_large_channel(youtube_token, http):
    channel = make_youtube_channel(2000, n_videos=60)
    with FakeYouTubeServer(channels={channel.id: channel}) as server:
        connector = YouTubeConnector(channel.id, youtube_token, server.base_url, http)
        batches = list(connector.fetch(None, None))
    assert len(comments_of(batches)) == 2000
    assert len({p.platform_id for b in batches for p in b.posts}) == 60
