"""The state a fake platform holds: pages/accounts/channels, posts/videos and comments.

Mutable on purpose: the fake servers change ``hidden``/``deleted``/``moderation_status`` when
a connector moderates, and tests read the objects back to assert the effect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal


@dataclass
class FakeComment:
    """One comment or reply; ``parent_id`` is None for a top-level comment."""

    id: str
    text: str
    created_time: datetime
    author_id: str
    author_name: str
    parent_id: str | None = None
    hidden: bool = False
    deleted: bool = False
    # YouTube only: published | heldForReview | likelySpam | rejected
    moderation_status: str = "published"


@dataclass
class FakePost:
    """A Facebook post or an Instagram media item and the comments under it."""

    id: str
    text: str
    created_time: datetime
    comments: list[FakeComment] = field(default_factory=list)
    permalink: str | None = None


@dataclass
class FakePage:
    """A Facebook Page (``kind="facebook"``) or an Instagram professional account."""

    id: str
    name: str
    posts: list[FakePost] = field(default_factory=list)
    kind: Literal["facebook", "instagram"] = "facebook"


@dataclass
class FakeVideo:
    """A YouTube video and all its comments (top-level and replies, flat)."""

    id: str
    title: str
    published: datetime
    comments: list[FakeComment] = field(default_factory=list)


@dataclass
class FakeChannel:
    """A YouTube channel; its id is the connector's ``page_id``."""

    id: str
    title: str
    videos: list[FakeVideo] = field(default_factory=list)
