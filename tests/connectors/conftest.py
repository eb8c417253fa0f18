"""Connector test fixtures: fake platforms on 127.0.0.1, an HTTP client that never sleeps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from moderator.connectors.http import HttpClient, RetryPolicy
from tests.fakes import (
    FakeGraphServer,
    FakeYouTubeServer,
    make_facebook_page,
    make_instagram_account,
    make_youtube_channel,
)
from tests.fakes.graph import DEFAULT_TOKEN as GRAPH_TOKEN
from tests.fakes.youtube import DEFAULT_TOKEN as YOUTUBE_TOKEN


class SleepRecorder:
    """Stands in for ``time.sleep``: records the delays instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def http(sleeps: SleepRecorder) -> Iterator[HttpClient]:
    """A client with the production policy but recorded sleeps and no jitter randomness."""
    client = HttpClient(timeout=5.0, policy=RetryPolicy(), sleep=sleeps, rng=lambda: 0.5)
    yield client
    client.close()


@pytest.fixture
def graph_token() -> str:
    return GRAPH_TOKEN


@pytest.fixture
def youtube_token() -> str:
    return YOUTUBE_TOKEN


@pytest.fixture
def fb_page():
    return make_facebook_page(230, n_posts=4)


@pytest.fixture
def ig_account():
    return make_instagram_account(180, n_media=4)


@pytest.fixture
def graph(fb_page, ig_account) -> Iterator[FakeGraphServer]:
    with FakeGraphServer(pages={fb_page.id: fb_page, ig_account.id: ig_account}) as server:
        yield server


@pytest.fixture
def yt_channel():
    return make_youtube_channel(260, n_videos=4)


@pytest.fixture
def youtube(yt_channel) -> Iterator[FakeYouTubeServer]:
    with FakeYouTubeServer(channels={yt_channel.id: yt_channel}) as server:
        yield server
