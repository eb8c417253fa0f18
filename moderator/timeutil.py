"""One way to write and read times: UTC, ISO 8601, second precision.

Every timestamp in the store is text in the same shape, so lexical order is time
order and SQL comparisons on the text are correct.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current time, aware, in UTC, truncated to microseconds."""
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """Render an aware datetime as ``YYYY-MM-DDTHH:MM:SS.ffffff+00:00`` in UTC.

    Naive datetimes are taken to be UTC (platforms that omit an offset mean UTC).
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse(text: str) -> datetime:
    """Parse any ISO 8601 form the platforms send (``+0000``, ``Z``, ``+00:00``) to aware UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def now_text() -> str:
    """``to_text(utc_now())``: the stamp written on every new row."""
    return to_text(utc_now())
