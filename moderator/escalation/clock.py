"""Deadline arithmetic for escalations: pure functions over aware UTC datetimes.

Why a module of its own: the internal hand-over deadline (default 24 h) and the regulatory
deadline (15 calendar days for serious, 90 for non-serious ICSRs, GVP VI.B.7 / VI.C.3) are
what PV is measured on, so the arithmetic must be obvious, testable and identical everywhere.

Convention (documented because DST makes "15 days later" ambiguous):

* Every instant is stored and computed in UTC. Day zero is the instant the console first had
  the comment (``comments.first_seen_at``).
* A deadline of *N calendar days* is the instant ``day_zero + N * 24 h`` in UTC. Weekends and
  public holidays count (calendar days, not business days).
* Local time is display only. Across a DST change the deadline therefore shows one hour
  earlier or later on the wall clock than day zero did: day zero 2026-03-07 23:30 in New York
  (EST, UTC-5) is 2026-03-08 04:30 UTC; 15 days later is 2026-03-23 04:30 UTC, which New York
  shows as 2026-03-23 00:30 EDT. That is intended: the elapsed time is exactly 360 hours,
  which is the conservative reading of "within 15 days" whichever time zone reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

SERIOUS_REGULATORY_DAYS = 15  # Directive 2001/83/EC Art 107(3); 21 CFR 314.80(c)(1)(i)
NON_SERIOUS_REGULATORY_DAYS = 90  # Directive 2001/83/EC Art 107a(4)
DEFAULT_INTERNAL_HOURS = 24.0


@dataclass(frozen=True)
class Deadlines:
    """Day zero and the two clocks that start from it (all aware UTC)."""

    day_zero: datetime
    internal_due_at: datetime
    regulatory_due_at: datetime


def _utc(moment: datetime) -> datetime:
    """Aware UTC; a naive datetime is refused because its zone would be a guess."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: deadlines need an aware datetime (UTC or a zone)")
    return moment.astimezone(UTC)


def regulatory_days(serious: bool) -> int:
    """Calendar days PV has to submit: 15 when serious, else 90."""
    return SERIOUS_REGULATORY_DAYS if serious else NON_SERIOUS_REGULATORY_DAYS


def deadlines(day_zero: datetime, serious: bool, internal_hours: float) -> Deadlines:
    """Both due instants for a case whose day zero is ``day_zero`` (see module docstring)."""
    start = _utc(day_zero)
    hours = float(internal_hours)
    if hours <= 0:
        raise ValueError(f"internal deadline must be positive hours, not {internal_hours!r}")
    return Deadlines(
        day_zero=start,
        internal_due_at=start + timedelta(hours=hours),
        regulatory_due_at=start + timedelta(hours=24 * regulatory_days(serious)),
    )


def countdown(due_at: datetime, now: datetime) -> timedelta:
    """Time left until ``due_at``; negative once overdue."""
    return _utc(due_at) - _utc(now)


def is_overdue(due_at: datetime, now: datetime) -> bool:
    """True once ``now`` is past ``due_at`` (exactly at the deadline is still on time)."""
    return countdown(due_at, now) < timedelta(0)


def _span(delta: timedelta) -> str:
    """'2 d 3 h', '3 h 12 min', '45 min' or '< 1 min' for a non-negative span."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min" if mins else "< 1 min"


def format_countdown(remaining: timedelta) -> str:
    """Human countdown: '3 h 12 min left', 'overdue by 2 h', '14 d 6 h left'."""
    if remaining < timedelta(0):
        return f"overdue by {_span(-remaining)}"
    return f"{_span(remaining)} left"


def local_zone(name: str | None = None) -> tzinfo:
    """The named IANA zone, or the machine's local zone when ``name`` is empty."""
    if name:
        return ZoneInfo(name)
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def to_local(moment: datetime, zone: str | tzinfo | None = None) -> datetime:
    """``moment`` on the wall clock of ``zone`` (IANA name, tzinfo, or the local zone)."""
    tz = zone if isinstance(zone, tzinfo) else local_zone(zone)
    return _utc(moment).astimezone(tz)


def format_local(moment: datetime, zone: str | tzinfo | None = None) -> str:
    """'2026-03-23 00:30 EDT': a deadline as the reader's wall clock shows it."""
    local = to_local(moment, zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".rstrip()
