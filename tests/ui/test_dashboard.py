"""The dashboard: charts built from the figures, opened from the menu, exported as PNG."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QStackedBarSeries
from PySide6.QtGui import QImage

from moderator import dashboard_data, escalation
from moderator.timeutil import to_text, utc_now
from ui.dashboard import BUCKET_COLOURS, Dashboard, activity_chart, deadlines_chart, speed_chart

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
    pytest.mark.timeout(60),
]
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def sample() -> dashboard_data.DashboardData:
    days = dashboard_data.day_list(NOW, 3)
    activity = dashboard_data.DailyActivity(
        days=days,
        comments=[4, 0, 7],
        flags={"adverse_event": [2, 0, 3], "privacy": [1, 0, 0]},
    )
    cases = [
        dashboard_data.DeadlineCase("a", "pv", "open", "x", -2.0),
        dashboard_data.DeadlineCase("b", "pv", "open", "x", 30.0),
    ]
    weekly = [dashboard_data.WeeklyMedian("2026-W47", "2026-11-16", 2, 5.5)]
    return dashboard_data.DashboardData(
        now=NOW.isoformat(),
        activity=activity,
        deadlines=cases,
        buckets=dashboard_data.deadline_buckets(cases),
        weekly=weekly,
    )


def test_activity_chart_stacks_flags_and_draws_comments(qtbot):
    chart = activity_chart(sample())
    bars, line = chart.series()
    assert isinstance(bars, QStackedBarSeries)
    assert [s.label() for s in bars.barSets()] == ["Adverse event", "Privacy"]
    assert [bars.barSets()[0].at(n) for n in range(3)] == [2, 0, 3]
    assert [p.y() for p in line.points()] == [4, 0, 7]
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["11-19", "11-20", "11-21"]


def test_deadline_chart_shows_overdue_in_red(qtbot):
    chart = deadlines_chart(sample())
    (series,) = chart.series()
    sets = {s.label(): s for s in series.barSets()}
    assert sets["overdue"].color().name() == BUCKET_COLOURS["overdue"]
    assert sets["overdue"].at(0) == 1
    assert sets["later"].at(3) == 1
    assert "2 active" in chart.title()


def test_speed_chart_plots_weekly_medians(qtbot):
    chart = speed_chart(sample())
    (series,) = chart.series()
    assert series.barSets()[0].at(0) == 5.5
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["W47"]


def test_export_png_writes_a_loadable_image(qtbot, tmp_path):
    view = Dashboard()
    qtbot.addWidget(view)
    view.show_data(sample())
    view.show()
    qtbot.waitExposed(view)
    path = view.export_png(tmp_path / "charts")
    assert path.suffix == ".png" and path.stat().st_size > 0
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() >= view.charts_widget.width()


def test_menu_opens_the_dashboard_with_live_figures(window, qtbot, tmp_path):
    db = window.db
    comment_id = db.execute("SELECT id FROM comments WHERE platform_id = 'c-0006'").fetchone()[0]
    case_id = escalation.open_case(db, comment_id, "alice")
    past = to_text(utc_now() - timedelta(hours=1))
    db.execute("UPDATE escalations SET internal_due_at = ? WHERE id = ?", [past, case_id])
    action = next(a for a in window.menus["View"].actions() if a.text() == "Dashboard")
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    action.trigger()
    controller = window.extensions["ui.dashboard"]
    qtbot.waitUntil(lambda: controller.view.data is not None, timeout=10_000)
    data = controller.view.data
    assert data.buckets["overdue"] == 1
    assert sum(data.activity.flags["adverse_event"]) == 5
    assert all(chart is not None for chart in controller.view.charts())
    assert "1 overdue" in controller.view.summary.text()
    path = controller.view.export_png(tmp_path / "dash.png")
    assert not QImage(str(path)).isNull()
