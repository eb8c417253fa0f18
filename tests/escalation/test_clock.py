"""Deadline arithmetic: calendar days as 24 h periods in UTC, local display across DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from moderator.escalation import clock

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("serious", "hours", "internal", "regulatory"),
    [
        (True, 24, datetime(2026, 5, 2, 10, tzinfo=UTC), datetime(2026, 5, 16, 10, tzinfo=UTC)),
        (False, 24, datetime(2026, 5, 2, 10, tzinfo=UTC), datetime(2026, 7, 30, 10, tzinfo=UTC)),
        (True, 8, datetime(2026, 5, 1, 18, tzinfo=UTC), datetime(2026, 5, 16, 10, tzinfo=UTC)),
        (
            False,
            1.5,
            datetime(2026, 5, 1, 11, 30, tzinfo=UTC),
            datetime(2026, 7, 30, 10, tzinfo=UTC),
        ),
    ],
)
def test_deadlines_from_day_zero(serious, hours, internal, regulatory):
    due = clock.deadlines(datetime(2026, 5, 1, 10, tzinfo=UTC), serious, hours)
    assert due.internal_due_at == internal
    assert due.regulatory_due_at == regulatory


def test_new_york_day_zero_before_spring_forward_is_360_hours_later_in_utc():
    day_zero = datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK)  # EST, UTC-5
    assert day_zero.utcoffset() == timedelta(hours=-5)
    due = clock.deadlines(day_zero, serious=True, internal_hours=24)
    assert due.day_zero == datetime(2026, 3, 8, 4, 30, tzinfo=UTC)
    assert due.regulatory_due_at == datetime(2026, 3, 23, 4, 30, tzinfo=UTC)
    assert due.regulatory_due_at - due.day_zero == timedelta(hours=360)
    local = clock.to_local(due.regulatory_due_at, "America/New_York")
    # After the 2026-03-08 change New York is on EDT: the wall clock reads 00:30, not 23:30.
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2026, 3, 23, 0, 30)
    assert local.tzname() == "EDT"
    assert clock.format_local(due.regulatory_due_at, "America/New_York") == "2026-03-23 00:30 EDT"
    # The internal 24 h deadline also crosses the change: 23:30 EST + 24 h = 00:30 EDT.
    assert clock.format_local(due.internal_due_at, NEW_YORK) == "2026-03-09 00:30 EDT"


def test_london_day_zero_before_autumn_back():
    day_zero = datetime(2026, 10, 24, 12, 0, tzinfo=LONDON)  # BST, UTC+1
    due = clock.deadlines(day_zero, serious=False, internal_hours=24)
    assert due.internal_due_at == datetime(2026, 10, 25, 11, 0, tzinfo=UTC)
    # The clocks went back at 02:00 on 25 October: noon BST + 24 h is 11:00 GMT.
    assert clock.format_local(due.internal_due_at, "Europe/London") == "2026-10-25 11:00 GMT"
    assert due.regulatory_due_at - due.day_zero == timedelta(days=90)
    assert clock.format_local(due.regulatory_due_at, LONDON) == "2027-01-22 11:00 GMT"


def test_london_spring_forward_skips_an_hour_on_the_wall_clock():
    day_zero = datetime(2026, 3, 28, 1, 30, tzinfo=UTC)  # 01:30 GMT, the night before BST
    due = clock.deadlines(day_zero, serious=True, internal_hours=24)
    assert clock.format_local(due.internal_due_at, LONDON) == "2026-03-29 02:30 BST"
    assert clock.format_local(due.regulatory_due_at, LONDON) == "2026-04-12 02:30 BST"


def test_weekends_count_calendar_days_not_business_days():
    friday = datetime(2026, 5, 1, 17, tzinfo=UTC)  # a Friday
    due = clock.deadlines(friday, serious=True, internal_hours=24)
    assert due.internal_due_at.strftime("%A") == "Saturday"
    assert due.regulatory_due_at == friday + timedelta(days=15)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        clock.deadlines(datetime(2026, 5, 1, 10), True, 24)
    with pytest.raises(ValueError, match="positive"):
        clock.deadlines(datetime(2026, 5, 1, 10, tzinfo=UTC), True, 0)


def test_countdown_and_overdue():
    due = datetime(2026, 5, 2, 10, tzinfo=UTC)
    before = datetime(2026, 5, 2, 6, 48, tzinfo=UTC)
    after = datetime(2026, 5, 2, 12, 0, tzinfo=UTC)
    assert clock.countdown(due, before) == timedelta(hours=3, minutes=12)
    assert clock.countdown(due, after) == timedelta(hours=-2)
    assert not clock.is_overdue(due, before)
    assert not clock.is_overdue(due, due)  # exactly at the deadline is on time
    assert clock.is_overdue(due, after)
    # Aware datetimes in any zone compare as instants.
    assert clock.countdown(due, datetime(2026, 5, 2, 6, 0, tzinfo=NEW_YORK)) == timedelta(0)


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=3, minutes=12), "3 h 12 min left"),
        (timedelta(hours=-2), "overdue by 2 h"),
        (timedelta(minutes=-125), "overdue by 2 h 5 min"),
        (timedelta(minutes=45, seconds=30), "45 min left"),
        (timedelta(seconds=20), "< 1 min left"),
        (timedelta(days=14, hours=6, minutes=59), "14 d 6 h left"),
        (timedelta(days=2), "2 d left"),
        (timedelta(days=-1, hours=-3), "overdue by 1 d 3 h"),
        (timedelta(hours=5), "5 h left"),
    ],
)
def test_format_countdown(delta, text):
    assert clock.format_countdown(delta) == text
