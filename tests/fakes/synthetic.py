"""Synthetic pages for load tests: N comments spread over posts, with replies.

Deterministic (no randomness): comment k on a page is created ``k * step`` seconds after
``start``, so "since" cut-offs in tests are easy to compute.
"""

from __future__ import annotations

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
    ids: dict[int, str] = {}
    for k, p, parent in _spread(n_comments, n_posts, reply_every):
        post_number = posts[p].id.rsplit("_", 1)[-1]
        ids[k] = f"{post_number}_{400000000000001 + k}"
        posts[p].comments.append(
            FakeComment(
                id=ids[k],
                text=_text(k),
                created_time=start + step * k,
                author_id=str(200000000000001 + k % 97),
                author_name=f"Test User {k % 97}",
                parent_id=ids[parent] if parent is not None else None,
            )
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
    ids: dict[int, str] = {}
    for k, p, parent in _spread(n_comments, n_media, reply_every):
        ids[k] = str(17858100000000001 + k)
        media[p].comments.append(
            FakeComment(
                id=ids[k],
                text=_text(k),
                created_time=start + step * k,
                author_id=str(17841400000001000 + k % 97),
                author_name=f"test_user_{k % 97}",
                parent_id=ids[parent] if parent is not None else None,
            )
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
    ids: dict[int, str] = {}
    for k, p, parent in _spread(n_comments, n_videos, reply_every):
        if parent is None:
            ids[k] = f"UgzFAKE{k:08d}AaABAg"
        else:
            ids[k] = f"{ids[parent]}.{k:08d}"
        videos[p].comments.append(
            FakeComment(
                id=ids[k],
                text=_text(k),
                created_time=start + step * k,
                author_id=f"UCfakeAuthor{k % 97:012d}",
                author_name=f"Test User {k % 97}",
                parent_id=ids[parent] if parent is not None else None,
            )
        )
    return FakeChannel(id=channel_id, title=title, videos=videos)
