"""Synthetic pages for load tests: N comments spread over posts, with replies.

Deterministic (no randomness): comment k on a page is created ``k * step`` seconds after
``start``, so "since" cut-offs in tests are easy to compute.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from tests.fakes.models import FakeChannel, FakeComment, FakePage, FakePost, FakeVideo

START = datetime(2024, 1, 1, tzinfo=UTC)
_TEXTS = (
    "Love this, thanks for sharing",
    "I started Ozempic last month and felt nauseous for days",
    "Where can I buy this near me?",
    "My son is 12, can he take it?",
    "Call me on 555-0100 if you want details",
    "The pen was broken when it arrived",
    "Great post!",
)


def _text(k: int) -> str:
    return f"{_TEXTS[k % len(_TEXTS)]} (#{k})"


def _spread(n_comments: int, n_posts: int, reply_every: int) -> list[tuple[int, int, int | None]]:
    """(comment index, post index, parent comment index or None), oldest first."""
    rows: list[tuple[int, int, int | None]] = []
    last_top: dict[int, int] = {}
    for k in range(n_comments):
        post = k % n_posts
        parent = None
        round_ = k // n_posts  # each post gets every reply_every-th of its comments as a reply
        if reply_every and round_ % reply_every == reply_every - 1 and post in last_top:
            parent = last_top[post]
        else:
            last_top[post] = k
        rows.append((k, post, parent))
    return rows


def _fill(
    posts: list,
    n_comments: int,
    reply_every: int,
    start: datetime,
    step: timedelta,
    comment_id: Callable[[int, int, str | None], str],
    author: Callable[[int], tuple[str, str]],
) -> None:
    """Append ``n_comments`` comments to ``posts`` (each has ``.comments``), platform-shaped.

    ``comment_id(k, post_index, parent_id)`` and ``author(k) -> (id, name)`` give the
    platform's id formats; everything else (spread, replies, times, texts) is shared.
    """
    ids: dict[int, str] = {}
    for k, p, parent in _spread(n_comments, len(posts), reply_every):
        parent_id = ids[parent] if parent is not None else None
        ids[k] = comment_id(k, p, parent_id)
        author_id, author_name = author(k)
        posts[p].comments.append(
            FakeComment(
                id=ids[k],
                text=_text(k),
                created_time=start + step * k,
                author_id=author_id,
                author_name=author_name,
                parent_id=parent_id,
            )
        )


def make_facebook_page(
    n_comments: int,
    n_posts: int = 10,
    *,
    page_id: str = "100000000000001",
    name: str = "Example Pharma",
    reply_every: int = 4,
    start: datetime = START,
    step: timedelta = timedelta(seconds=37),
) -> FakePage:
    """A Facebook Page with ``n_comments`` comments (every ``reply_every``-th is a reply)."""
    posts = [
        FakePost(
            id=f"{page_id}_{300000000000001 + p}",
            text=f"Post number {p}",
            created_time=start - timedelta(days=n_posts - p),
            permalink=f"https://www.facebook.com/{page_id}/posts/{300000000000001 + p}",
        )
        for p in range(n_posts)
    ]
    _fill(
        posts,
        n_comments,
        reply_every,
        start,
        step,
        lambda k, p, _parent: f"{posts[p].id.rsplit('_', 1)[-1]}_{400000000000001 + k}",
        lambda k: (str(200000000000001 + k % 97), f"Test User {k % 97}"),
    )
    return FakePage(id=page_id, name=name, posts=posts, kind="facebook")


def make_instagram_account(
    n_comments: int,
    n_media: int = 10,
    *,
    ig_user_id: str = "17841400000000001",
    username: str = "example_pharma",
    reply_every: int = 4,
    start: datetime = START,
    step: timedelta = timedelta(seconds=37),
) -> FakePage:
    """An Instagram professional account with ``n_comments`` comments over ``n_media`` items."""
    media = [
        FakePost(
            id=str(17895700000000001 + p),
            text=f"Caption {p}",
            created_time=start - timedelta(days=n_media - p),
            permalink=f"https://www.instagram.com/p/FAKE{p:04d}/",
        )
        for p in range(n_media)
    ]
    _fill(
        media,
        n_comments,
        reply_every,
        start,
        step,
        lambda k, _p, _parent: str(17858100000000001 + k),
        lambda k: (str(17841400000001000 + k % 97), f"test_user_{k % 97}"),
    )
    return FakePage(id=ig_user_id, name=username, posts=media, kind="instagram")


def make_youtube_channel(
    n_comments: int,
    n_videos: int = 10,
    *,
    channel_id: str = "UCfakeChannel0000000001",
    title: str = "Example Pharma",
    reply_every: int = 4,
    start: datetime = START,
    step: timedelta = timedelta(seconds=37),
) -> FakeChannel:
    """A YouTube channel with ``n_comments`` comments over ``n_videos`` videos."""
    videos = [
        FakeVideo(
            id=f"FAKEvid{p:04d}",
            title=f"Video {p}",
            published=start - timedelta(days=n_videos - p),
        )
        for p in range(n_videos)
    ]
    # A reply's id is its thread's id + "." + its own, as the Data API returns them.
    _fill(
        videos,
        n_comments,
        reply_every,
        start,
        step,
        lambda k, _p, parent: f"{parent}.{k:08d}" if parent else f"UgzFAKE{k:08d}AaABAg",
        lambda k: (f"UCfakeAuthor{k % 97:012d}", f"Test User {k % 97}"),
    )
    return FakeChannel(id=channel_id, title=title, videos=videos)
