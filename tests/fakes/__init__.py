"""Local stand-ins for the platforms, usable from tests and from plain scripts.

Each fake speaks the documented wire format on 127.0.0.1 with an ephemeral port, keeps the
moderation actions it received so tests can assert exactly-once, and can inject the faults
the real platforms produce (rate limits, quota, expired tokens, 5xx, malformed pages).
"""

from tests.fakes.graph import FakeGraphServer
from tests.fakes.models import FakeChannel, FakeComment, FakePage, FakePost, FakeVideo
from tests.fakes.server import Fault
from tests.fakes.synthetic import (
    make_facebook_page,
    make_instagram_account,
    make_youtube_channel,
)
from tests.fakes.youtube import FakeYouTubeServer

__all__ = [
    "FakeChannel",
    "FakeComment",
    "FakeGraphServer",
    "FakePage",
    "FakePost",
    "FakeVideo",
    "FakeYouTubeServer",
    "Fault",
    "make_facebook_page",
    "make_instagram_account",
    "make_youtube_channel",
]
