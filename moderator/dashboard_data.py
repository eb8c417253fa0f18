"""The numbers behind the dashboard charts: plain SQL over comments, flags and escalations.

Why a core module: the charts are only a picture of these figures, and the figures must be
testable without Qt (an in-memory store) and computed off the GUI thread. Every function
takes ``now`` so a test can pin the clock; days and weeks are UTC, like every stored stamp.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlite_utils import Database

from moderator.models import FLAG_KINDS
from moderator.timeutil import parse, utc_now

DEFAULT_DAYS = 30
DEFAULT_WEEKS = 12
# Buckets of time left on the deadline that is still running, in the order the chart shows.
DEADLINE_BUCKETS: tuple[str, ...] = ("overdue", "under 4 h", "under 24 h", "later")
ACTIVE_STATUSES: tuple[str, ...] = ("open", "acknowledged")


@dataclass(frozen=True)
class DailyActivity:
    """Comments posted and flags raised per UTC day, oldest day first."""

    days: list[str]
    comments: list[int]
    flags: dict[str, list[int]]


@dataclass(frozen=True)
class DeadlineCase:
    """One active case and the time left on the deadline that is still running."""

    case_id: str
    kind: str
    status: str
    due_at: str
    hours_left: float

    @property
    def overdue(self) -> bool:
        return self.hours_left < 0


@dataclass(frozen=True)
class WeeklyMedian:
    """Median hours from day zero to escalation for the PV cases opened in one ISO week."""

    week: str  # "2026-W47"
    week_start: str  # Monday, "2026-11-16"
    cases: int
    median_hours: float | None


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard draws, computed at ``now``."""

    now: str
    activity: DailyActivity
    deadlines: list[DeadlineCase]
    buckets: dict[str, int]
    weekly: list[WeeklyMedian] = field(default_factory=list)


def day_list(now: datetime, days: int) -> list[str]:
    """The last ``days`` UTC dates up to and including today's, oldest first."""
    today = now.date()
    return [(today - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]


def daily_activity(
    db: Database, now: datetime | None = None, days: int = DEFAULT_DAYS
) -> DailyActivity:
    """Comments per day of posting and flags per kind on the same comments, last ``days`` days.

    Days come from ``comments.created_at`` (when the person wrote it), so a backlog synced
    in one go still shows when the comments arrived on the page.
    """
    now = now or utc_now()
    labels = day_list(now, days)
    first, last = labels[0], labels[-1] + "\uffff"
    index = {day: n for n, day in enumerate(labels)}
    comments = [0] * days
    for day, count in db.execute(
        """SELECT substr(created_at, 1, 10) AS day, count(*) FROM comments
           WHERE created_at >= ? AND created_at < ? GROUP BY day""",
        [first, last],
    ):
        if day in index:
            comments[index[day]] = count
    flags = {kind: [0] * days for kind in FLAG_KINDS}
    for day, kind, count in db.execute(
        """SELECT substr(c.created_at, 1, 10) AS day, f.kind, count(*)
           FROM flags f JOIN comments c ON c.id = f.comment_id
           WHERE c.created_at >= ? AND c.created_at < ? GROUP BY day, f.kind""",
        [first, last],
    ):
        if day in index:
            flags.setdefault(kind, [0] * days)[index[day]] = count
    return DailyActivity(days=labels, comments=comments, flags=flags)


def bucket_of(hours_left: float) -> str:
    """Which deadline bucket ``hours_left`` falls in (negative: overdue)."""
    if hours_left < 0:
        return "overdue"
    if hours_left < 4:
        return "under 4 h"
    if hours_left < 24:
        return "under 24 h"
    return "later"


def active_deadlines(
    db: Database, now: datetime | None = None, kind: str = "pv"
) -> list[DeadlineCase]:
    """Active cases of ``kind`` with hours left, soonest first.

    An open case runs on its internal hand-over deadline; once PV acknowledged it, the
    regulatory deadline is the one left running.
    """
    now = now or utc_now()
    rows = db.execute(
        """SELECT id, kind, status,
                  CASE WHEN status = 'open' THEN internal_due_at
                       ELSE coalesce(regulatory_due_at, internal_due_at) END AS due
           FROM escalations WHERE kind = ? AND status IN (?, ?)""",
        [kind, *ACTIVE_STATUSES],
    ).fetchall()
    cases = [
        DeadlineCase(
            case_id=case_id,
            kind=case_kind,
            status=status,
            due_at=due,
            hours_left=(parse(due) - now).total_seconds() / 3600,
        )
        for case_id, case_kind, status, due in rows
    ]
    return sorted(cases, key=lambda c: c.hours_left)


def deadline_buckets(cases: list[DeadlineCase]) -> dict[str, int]:
    """How many cases fall in each bucket, every bucket present (zero included)."""
    counts = dict.fromkeys(DEADLINE_BUCKETS, 0)
    for case in cases:
        counts[bucket_of(case.hours_left)] += 1
    return counts


def week_of(moment: datetime) -> tuple[str, str]:
    """ISO week label ("2026-W47") and its Monday ("2026-11-16")."""
    year, week, _ = moment.isocalendar()
    monday = (moment - timedelta(days=moment.weekday())).date()
    return f"{year}-W{week:02d}", monday.isoformat()


def weekly_time_to_escalate(
    db: Database, now: datetime | None = None, weeks: int = DEFAULT_WEEKS
) -> list[WeeklyMedian]:
    """Median hours from day zero to escalation of PV cases, per ISO week of escalation.

    Every one of the last ``weeks`` weeks is present, with ``median_hours`` None when no
    case was opened that week, so the chart's axis does not skip quiet weeks.
    """
    now = now or utc_now()
    starts = [now - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    slots = [week_of(moment) for moment in starts]
    first_monday = slots[0][1]
    samples: dict[str, list[float]] = {label: [] for label, _ in slots}
    for created_at, day_zero in db.execute(
        "SELECT created_at, day_zero FROM escalations WHERE kind = 'pv' AND created_at >= ?",
        [first_monday],
    ):
        opened = parse(created_at)
        label, _ = week_of(opened)
        if label in samples:
            samples[label].append(max(0.0, (opened - parse(day_zero)).total_seconds() / 3600))
    return [
        WeeklyMedian(
            week=label,
            week_start=monday,
            cases=len(samples[label]),
            median_hours=statistics.median(samples[label]) if samples[label] else None,
        )
        for label, monday in slots
    ]


def load(
    db: Database,
    now: datetime | None = None,
    days: int = DEFAULT_DAYS,
    weeks: int = DEFAULT_WEEKS,
) -> DashboardData:
    """All dashboard figures at ``now`` (one call for the background task)."""
    now = now or utc_now()
    cases = active_deadlines(db, now)
    return DashboardData(
        now=now.isoformat(),
        activity=daily_activity(db, now, days),
        deadlines=cases,
        buckets=deadline_buckets(cases),
        weekly=weekly_time_to_escalate(db, now, weeks),
    )
