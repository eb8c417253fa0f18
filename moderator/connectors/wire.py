"""Wire-format checks the connectors apply to every platform answer.

A platform that sends a field in an unexpected shape must produce one readable
``MalformedResponseError``, never a ``KeyError`` or ``TypeError`` deep in a connector. These
helpers are the only place that decides what "unexpected" means, so every connector reads
JSON the same way. They are pure functions with no HTTP in them: the transport rules live in
``http.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from moderator.connectors.base import MalformedResponseError


def _bad(what: str) -> MalformedResponseError:
    return MalformedResponseError(f"The platform sent {what} in an unexpected format.")


def expect_dict(value: Any, what: str) -> dict[str, Any]:
    """``value`` must be a JSON object."""
    if not isinstance(value, dict):
        raise _bad(what)
    return value


def expect_list(value: Any, what: str) -> list[Any]:
    """``value`` must be a JSON array."""
    if not isinstance(value, list):
        raise _bad(what)
    return value


def expect_str(value: Any, what: str) -> str:
    """``value`` must be a non-empty string (ids, timestamps)."""
    if not isinstance(value, str) or not value:
        raise _bad(what)
    return value


def optional_str(value: Any, what: str) -> str | None:
    """``value`` may be absent/null, otherwise a string."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(what)
    return value


def optional_int(value: Any, what: str) -> int | None:
    """Return a count: absent, an integer, or (YouTube) a string of digits."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _bad(what)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise _bad(what)


def optional_bool(value: Any, what: str, default: bool = False) -> bool:
    """Return a flag such as ``is_hidden``."""
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _bad(what)
    return value


def parse_time(value: Any, what: str) -> datetime:
    """Meta (``+0000``) and Google (``Z``, fractional) timestamps to aware UTC datetimes."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=UTC)  # Meta webhooks send Unix seconds
        parsed = datetime.fromisoformat(expect_str(value, what))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        # Out-of-range years and timestamps are malformed data, not a crash.
        raise _bad(what) from None


def as_utc(value: datetime | None) -> datetime | None:
    """Treat naive datetimes as UTC so comparisons with platform times never raise."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def check_same_origin(url: str, base: str) -> str:
    """Only follow paging URLs on the API host: never send a token anywhere else."""
    try:
        same = _origin(url) == _origin(base)
    except ValueError:  # a malformed port
        raise _bad("a paging link") from None
    if not same:
        raise MalformedResponseError(
            "The platform sent a paging link to another host; refusing to follow it."
        )
    return url
