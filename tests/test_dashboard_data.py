"""Dashboard figures over an in-memory store: daily activity, deadline buckets, weekly medians."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from moderator import dashboard_data as dd
from moderator.connectors.base import FetchBatch
from moderator.models import Analysis, Evidence, Flag, RemoteComment, RemotePost
from moderator.store.flags import save_analyses
from moderator.store.ingest import store_batch
from moderator.store.pages import add_page
from moderator.timeutil import to_text

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture
def page(db):
    return add_page(
        db, platform="demo", platform_id="pg", name="Demo", api_base=None, actor="tester"
    )


def add_comment(db, page, cid: str, posted: datetime, kinds: tuple[str, ...] = ()) -> int:
    post = RemotePost("post-1", "About Xarelto", posted)
    comment = RemoteComment(cid, "post-1", f"text {cid}", "u", "U", posted)
    store_batch(db, page, FetchBatch(posts=[post], comments=[comment]))
    (local,) = db.execute("SELECT id FROM comments WHERE platform_id = ?", [cid]).fetchone()
    if kinds:
        flags = tuple(Flag(k, 0.9, (Evidence(0, 4, "text", "x"),)) for k in kinds)
        save_analyses(db, [(local, Analysis(cid, flags))])
    return local


def add_case(
    db,
    comment_id: int,
    case_id: str,
    *,
    status: str = "open",
    day_zero: datetime,
    created: datetime,
    internal_due: datetime,
    regulatory_due: datetime | None = None,
    kind: str = "pv",
) -> None:
    db["escalations"].insert(
        {
            "id": case_id,
            "comment_id": comment_id,
            "kind": kind,
            "status": status,
            "record": "{}",
            "created_at": to_text(created),
            "created_by": "alice",
            "day_zero": to_text(day_zero),
            "internal_due_at": to_text(internal_due),
            "regulatory_due_at": to_text(regulatory_due) if regulatory_due else None,
        }
    )


def test_daily_activity_counts_comments_and_flags_per_day(db, page):
    add_comment(db, page, "a", NOW - timedelta(hours=1), ("adverse_event", "privacy"))
    add_comment(db, page, "b", NOW - timedelta(hours=2), ("adverse_event",))
    add_comment(db, page, "c", NOW - timedelta(days=1))
    add_comment(db, page, "old", NOW - timedelta(days=40), ("adverse_event",))
    activity = dd.daily_activity(db, NOW, days=30)
    assert len(activity.days) == 30
    assert activity.days[-1] == "2026-11-21"
    assert activity.days[0] == "2026-10-23"
    assert activity.comments[-1] == 2
    assert activity.comments[-2] == 1
    assert sum(activity.comments) == 3  # the 40-day-old comment is outside the window
    assert activity.flags["adverse_event"][-1] == 2
    assert activity.flags["privacy"][-1] == 1
    assert sum(activity.flags["adverse_event"]) == 2
    assert set(dd.FLAG_KINDS) <= set(activity.flags)


@pytest.mark.parametrize(
    ("hours", "bucket"),
    [
        (-0.1, "overdue"),
        (0, "under 4 h"),
        (3.9, "under 4 h"),
        (4, "under 24 h"),
        (23.9, "under 24 h"),
        (24, "later"),
    ],
)
def test_bucket_of(hours, bucket):
    assert dd.bucket_of(hours) == bucket


def test_active_deadlines_use_the_running_clock(db, page):
    cid = add_comment(db, page, "a", NOW - timedelta(hours=30), ("adverse_event",))
    zero = NOW - timedelta(hours=30)
    add_case(db, cid, "late", day_zero=zero, created=NOW, internal_due=NOW - timedelta(hours=6))
    add_case(db, cid, "soon", day_zero=zero, created=NOW, internal_due=NOW + timedelta(hours=2))
    add_case(
        db,
        cid,
        "acked",
        status="acknowledged",
        day_zero=zero,
        created=NOW,
        internal_due=NOW - timedelta(hours=6),  # stopped: the regulatory clock counts now
        regulatory_due=NOW + timedelta(days=14),
    )
    add_case(db, cid, "done", status="closed", day_zero=zero, created=NOW, internal_due=NOW)
    add_case(db, cid, "q", kind="quality", day_zero=zero, created=NOW, internal_due=NOW)
    cases = dd.active_deadlines(db, NOW)
    assert [c.case_id for c in cases] == ["late", "soon", "acked"]
    assert cases[0].overdue and not cases[1].overdue
    assert cases[0].hours_left == pytest.approx(-6)
    assert dd.deadline_buckets(cases) == {"overdue": 1, "under 4 h": 1, "under 24 h": 0, "later": 1}


def test_weekly_median_time_to_escalate(db, page):
    cid = add_comment(db, page, "a", NOW - timedelta(days=3), ("adverse_event",))
    zero = datetime(2026, 11, 17, 8, 0, tzinfo=UTC)  # Tuesday of 2026-W47
    for n, hours in enumerate((2, 4, 12)):
        add_case(
            db,
            cid,
            f"w47-{n}",
            status="closed",
            day_zero=zero,
            created=zero + timedelta(hours=hours),
            internal_due=zero + timedelta(hours=24),
        )
    earlier = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)  # 2026-W45
    add_case(
        db,
        cid,
        "w45",
        status="closed",
        day_zero=earlier,
        created=earlier + timedelta(hours=1),
        internal_due=earlier + timedelta(hours=24),
    )
    weeks = dd.weekly_time_to_escalate(db, NOW, weeks=4)
    assert [w.week for w in weeks] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert weeks[-1].week_start == "2026-11-16"
    assert weeks[-1].cases == 3
    assert weeks[-1].median_hours == pytest.approx(4)
    assert weeks[1].median_hours == pytest.approx(1)
    assert weeks[2].median_hours is None and weeks[2].cases == 0


def test_load_bundles_everything(db, page):
    cid = add_comment(db, page, "a", NOW - timedelta(hours=3), ("adverse_event",))
    add_case(
        db,
        cid,
        "x",
        day_zero=NOW - timedelta(hours=3),
        created=NOW - timedelta(hours=1),
        internal_due=NOW + timedelta(hours=21),
    )
    data = dd.load(db, NOW)
    assert data.buckets["under 24 h"] == 1
    assert data.activity.flags["adverse_event"][-1] == 1
    assert data.weekly[-1].median_hours == pytest.approx(2)
    assert len(data.weekly) == dd.DEFAULT_WEEKS
