"""The dashboard: activity, deadlines and escalation speed as three QtCharts.

Why these three: a team lead asks "how busy are our pages", "is anything about to miss its
deadline" and "are we getting faster at escalating". The figures come from
:mod:`moderator.dashboard_data` (plain SQL, tested without Qt), read on a worker thread with
its own connection; this module only draws them. "Export PNG…" saves what is on screen with
``QWidget.grab()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator import dashboard_data
from moderator.dashboard_data import DashboardData
from ui import jobs
from ui.detail_pane import kind_label
from ui.errors import describe_error

KIND_COLOURS: dict[str, str] = {
    "adverse_event": "#e53935",
    "privacy": "#8e24aa",
    "product_complaint": "#ef6c00",
    "off_label": "#f9a825",
    "medical_inquiry": "#1e88e5",
}
BUCKET_COLOURS: dict[str, str] = {
    "overdue": "#b71c1c",
    "under 4 h": "#ef6c00",
    "under 24 h": "#f9a825",
    "later": "#43a047",
}
COMMENTS_COLOUR = "#424242"
MEDIAN_COLOUR = "#1e88e5"


def _nice_max(value: float) -> float:
    """An axis maximum a little above ``value`` (at least 1) so bars never touch the top."""
    if value <= 0:
        return 1.0
    return float(int(value * 1.15) + 1)


def _count_axis(top: float, title: str) -> QValueAxis:
    """A value axis for counts: whole-number ticks only (no "0, 0, 1, 1" labels)."""
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setTitleText(title)
    highest = int(_nice_max(top))
    if highest <= 10:
        axis.setRange(0, highest)
        axis.setTickCount(highest + 1)
    else:
        axis.setRange(0, highest)
        axis.applyNiceNumbers()
    return axis


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def activity_chart(data: DashboardData) -> QChart:
    """Flags per day stacked by kind, with the number of comments as a line."""
    activity = data.activity
    chart = _chart(f"Comments and flags per day (last {len(activity.days)} days)")
    bars = QStackedBarSeries()
    for kind, values in activity.flags.items():
        bar_set = QBarSet(kind_label(kind))
        bar_set.setColor(QColor(KIND_COLOURS.get(kind, "#9e9e9e")))
        bar_set.setBorderColor(QColor(KIND_COLOURS.get(kind, "#9e9e9e")))
        bar_set.append([float(v) for v in values])
        bars.append(bar_set)
    bars.setBarWidth(0.8)
    line = QLineSeries()
    line.setName("Comments")
    line.setPen(QPen(QColor(COMMENTS_COLOUR), 2))
    for n, value in enumerate(activity.comments):
        line.append(float(n), float(value))
    chart.addSeries(bars)
    chart.addSeries(line)
    axis_x = QBarCategoryAxis()
    axis_x.append([day[5:] for day in activity.days])
    axis_x.setLabelsAngle(-90)
    axis_y = QValueAxis()
    stacked = [
        sum(values[n] for values in activity.flags.values()) for n in range(len(activity.days))
    ]
    axis_y.setRange(0, _nice_max(max([*stacked, *activity.comments, 0])))
    axis_y.setLabelFormat("%d")
    axis_y.setTitleText("count")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for series in (bars, line):
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    return chart


def deadlines_chart(data: DashboardData) -> QChart:
    """Active PV cases by time left on their running deadline; overdue in red."""
    total = sum(data.buckets.values())
    chart = _chart(f"Open adverse events against their deadlines ({total} active)")
    series = QStackedBarSeries()  # one set per bucket: each bar keeps its own colour
    buckets = list(dashboard_data.DEADLINE_BUCKETS)
    for n, bucket in enumerate(buckets):
        bar_set = QBarSet(bucket)
        bar_set.setColor(QColor(BUCKET_COLOURS[bucket]))
        bar_set.setBorderColor(QColor(BUCKET_COLOURS[bucket]))
        bar_set.append(
            [float(data.buckets[bucket]) if i == n else 0.0 for i in range(len(buckets))]
        )
        series.append(bar_set)
    series.setLabelsVisible(True)
    series.setBarWidth(0.6)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(buckets)
    axis_y = _count_axis(max(data.buckets.values(), default=0), "cases")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    chart.legend().hide()
    return chart


def speed_chart(data: DashboardData) -> QChart:
    """Median hours from day zero to escalation, per ISO week."""
    total = sum(w.cases for w in data.weekly)
    chart = _chart(
        f"Median hours from day zero to escalation, per week ({total} PV cases in "
        f"{len(data.weekly)} weeks)"
    )
    series = QBarSeries()
    bar_set = QBarSet("median hours")
    bar_set.setColor(QColor(MEDIAN_COLOUR))
    bar_set.setBorderColor(QColor(MEDIAN_COLOUR))
    bar_set.append([round(float(w.median_hours or 0.0), 1) for w in data.weekly])
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([w.week.split("-")[1] for w in data.weekly])
    axis_y = QValueAxis()
    axis_y.setRange(0, _nice_max(max((w.median_hours or 0 for w in data.weekly), default=0)))
    axis_y.applyNiceNumbers()
    axis_y.setTitleText("hours")
    axis_y.setLabelFormat("%.1f")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    chart.legend().hide()
    return chart


def summary_text(data: DashboardData) -> str:
    """One line of headline figures above the charts."""
    comments = sum(data.activity.comments)
    flagged_ae = sum(data.activity.flags.get("adverse_event", []))
    overdue = data.buckets.get("overdue", 0)
    recent = next((w for w in reversed(data.weekly) if w.median_hours is not None), None)
    speed = (
        f"{recent.median_hours:.1f} h median to escalate ({recent.week})"
        if recent
        else ("no escalations in the last weeks")
    )
    return (
        f"{comments} comments and {flagged_ae} adverse-event flags in {len(data.activity.days)} "
        f"days · {sum(data.buckets.values())} active PV cases, {overdue} overdue · {speed}"
    )


class Dashboard(QWidget):
    """A top-level window with the three charts and the Refresh and Export PNG buttons."""

    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("dashboard")
        self.setWindowTitle("Dashboard")
        self.data: DashboardData | None = None
        self.export_dialog: QFileDialog | None = None
        self.summary = QLabel("Loading…")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.export_button = QPushButton("Export PNG…")
        self.export_button.clicked.connect(self.choose_export)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        self.charts_widget = QWidget()
        self.charts_widget.setObjectName("charts")
        self.grid = QGridLayout(self.charts_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.views: list[QChartView] = []
        for position in ((0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            self.grid.addWidget(view, *position)
            self.views.append(view)
        self.grid.setRowStretch(0, 3)
        self.grid.setRowStretch(1, 2)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.charts_widget, 1)
        layout.addWidget(self.message)
        self.resize(1250, 820)

    def show_data(self, data: DashboardData) -> None:
        """Replace the three charts with ones drawn from ``data``."""
        self.data = data
        self.summary.setText(summary_text(data))
        for view, build in zip(
            self.views, (activity_chart, deadlines_chart, speed_chart), strict=True
        ):
            old = view.chart()
            view.setChart(build(data))
            if old is not None:
                old.deleteLater()

    def charts(self) -> list[QChart]:
        return [view.chart() for view in self.views]

    def export_png(self, path: str | Path) -> Path:
        """Save the charts as they are on screen; raises OSError when the file is not written."""
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        if not self.charts_widget.grab().save(str(target), "PNG"):
            raise OSError(f"Could not write {target}; choose a folder you can write to.")
        self.message.setText(f"Saved {target}")
        return target

    def choose_export(self) -> None:
        dialog = QFileDialog(self, "Export the dashboard as PNG")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("PNG image (*.png)")
        dialog.selectFile("dashboard.png")

        def chosen(path: str) -> None:
            try:
                self.export_png(path)
            except OSError as error:
                self.message.setText(str(error))

        dialog.fileSelected.connect(chosen)
        self.export_dialog = dialog
        dialog.open()


class DashboardController:
    """Builds the dashboard on first use and loads its figures off the GUI thread."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.view: Dashboard | None = None

    def show(self) -> Dashboard:
        if self.view is None:
            self.view = Dashboard(self.window)
            self.view.refresh_requested.connect(self.refresh)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        self.refresh()
        return self.view

    def refresh(self) -> None:
        workspace = self.window.workspace

        def work(_ctx: Any) -> DashboardData:
            db = jobs.open_db(workspace)
            try:
                return dashboard_data.load(db)
            finally:
                db.close()

        def done(data: DashboardData) -> None:
            if self.view is not None:
                self.view.show_data(data)

        def failed(error: BaseException) -> None:
            sentence = describe_error(error, "Reading the dashboard figures", workspace.logs_dir)
            if self.view is not None:
                self.view.summary.setText(sentence)
            self.window.show_error(sentence)

        self.window.runner.run(
            work,
            label="Reading dashboard figures",
            on_success=done,
            on_failure=failed,
            cancellable=False,
            silent=True,
        )


def install(window: Any) -> DashboardController:
    """View → Dashboard (Ctrl+Shift+D)."""
    controller = DashboardController(window)
    window.add_command(
        "View",
        "Dashboard",
        "Ctrl+Shift+D",
        controller.show,
        "Charts: activity per day, deadlines of open AEs, time to escalate",
    )
    return controller
