"""The one interface every platform connector implements (demo, Facebook, Instagram, YouTube).

Sync only ever talks to this interface, so the demo page exercises the exact code path
the real platforms use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from moderator.models import RemoteComment, RemotePost


class ConnectorError(Exception):
    """A platform call failed; the message is one sentence a moderator can act on.

    Never put a token in the message.
    """

    retryable: bool = False


class TokenExpiredError(ConnectorError):
    """The page's token is invalid or expired: the page must be reconnected."""


class RateLimitedError(ConnectorError):
    """The platform asked us to slow down; ``retry_after`` is in seconds when known."""

    retryable = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TransientError(ConnectorError):
    """A 5xx or network fault that may succeed on retry."""

    retryable = True


class PermanentError(ConnectorError):
    """The platform refused the request for good (permission, missing object, policy)."""


class MalformedResponseError(ConnectorError):
    """The platform answered with something that is not the documented wire format."""


@dataclass
class FetchBatch:
    """One page of results from a platform.

    Sync stores each batch in its own transaction together with ``cursor``; after a
    crash the next sync resumes from the last stored cursor, so nothing already
    fetched is lost and nothing is stored twice.
    """

    posts: list[RemotePost] = field(default_factory=list)
    comments: list[RemoteComment] = field(default_factory=list)
    cursor: str | None = None  # opaque resume state, JSON text owned by the connector
    total_comments: int | None = None  # the platform's own count, when it reports one
    # platform ids of comments the platform reports as deleted since the last fetch
    deleted_ids: list[str] = field(default_factory=list)


class Connector(Protocol):
    """What sync and the outbox need from a platform."""

    platform: str

    def validate(self) -> str:
        """Check the token works; return the page's display name. Raises ConnectorError."""

    def fetch(self, since: datetime | None, cursor: str | None) -> Iterator[FetchBatch]:
        """Yield batches of posts and comments created or changed after ``since``.

        ``cursor`` is the last cursor stored by an interrupted sync, or None.
        """

    def hide(self, comment_id: str) -> None:
        """Hide a comment on the platform (it stays visible to its author)."""

    def unhide(self, comment_id: str) -> None:
        """Make a hidden comment public again."""

    def reply(self, comment_id: str, text: str) -> str:
        """Post a public reply; return the new comment's platform id."""

    def delete(self, comment_id: str) -> None:
        """Delete a comment (or reject it, where the platform calls it that)."""
