"""The queue model: thin, lazy (keyset pages on demand), formatted, qtmodeltester-clean."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QTableView

from ui.queue_model import (
    COL_AUTHOR,
    COL_PREVIEW,
    COL_RISK,
    COL_STATUS,
    COL_TIME,
    RISK_COLOURS,
    QueueModel,
    plain_tooltip,
)

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def _row(n: int, **extra) -> dict:
    row = {
        "id": n,
        "platform_id": f"c-{n}",
        "page_name": "Test Page",
        "platform": "demo",
        "author_name": f"Person {n}",
        "created_at": "2026-11-21T10:00:00.000000+00:00",
        "first_seen_at": "2026-11-21T10:05:00.000000+00:00",
        "risk": 500,
        "top_kind": "adverse_event",
        "status": "new",
        "hidden": False,
        "read_at": None,
        "preview": f"comment {n}",
        "overdue": False,
    }
    row.update(extra)
    return row


class FakeSource:
    """A keyset fetcher over a list, recording every call."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows
        self.calls: list[tuple[int | None, int]] = []

    def __call__(self, after, limit):
        self.calls.append((after["id"] if after else None, limit))
        start = 0 if after is None else self.rows.index(after) + 1
        return [dict(r) for r in self.rows[start : start + limit]]


@pytest.fixture
def source():
    return FakeSource([_row(n) for n in range(450)])


def test_model_passes_qtmodeltester(qtmodeltester, source):
    model = QueueModel(page_size=200)
    model.set_source(source)
    qtmodeltester.check(model)
    assert model.rowCount() >= 200


def test_empty_model_passes_qtmodeltester(qtmodeltester):
    model = QueueModel()
    model.set_source(None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_rows_are_fetched_in_keyset_pages_on_demand(source):
    model = QueueModel(page_size=200)
    model.set_source(source)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450 and not model.canFetchMore(QModelIndex())
    # each page starts after the last row of the previous one; never an offset
    assert source.calls == [(None, 200), (199, 200), (399, 200)]


def test_a_view_loads_only_the_first_page(qtbot):
    source = FakeSource([_row(n) for n in range(10_000)])
    model = QueueModel(page_size=200)
    model.set_source(source)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() < 1000
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() >= 400, timeout=10_000)


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        (_row(1, risk=600), COL_RISK, "Serious AE"),
        (_row(1, risk=400, overdue=True), COL_RISK, "Overdue · Privacy"),
        (_row(1, risk=0, top_kind=None), COL_RISK, ""),
        (_row(1, author_name=None), COL_AUTHOR, "(unknown)"),
        (_row(1, status="dismissed"), COL_STATUS, "Dismissed"),
        (_row(1, status="reviewed", hidden=True), COL_STATUS, "Reviewed · hidden"),
        (_row(1, preview="<b>x</b>"), COL_PREVIEW, "<b>x</b>"),
    ],
)
def test_display_text(row, column, expected):
    model = QueueModel()
    model.set_source(lambda after, limit: [] if after else [row])
    assert model.data(model.index(0, column)) == expected


def test_time_is_shown_in_local_time_to_the_minute():
    model = QueueModel()
    model.set_source(lambda after, limit: [] if after else [_row(1)])
    text = model.data(model.index(0, COL_TIME))
    assert len(text) == len("2026-11-21 10:00") and text.startswith("2026-11-2")


def test_unread_rows_are_bold_and_risk_has_a_colour():
    model = QueueModel()
    rows = [_row(1, read_at=None, risk=600), _row(2, read_at="2026-11-21T11:00:00+00:00", risk=300)]
    model.set_source(lambda after, limit: [] if after else rows)
    unread = model.data(model.index(0, COL_PREVIEW), Qt.ItemDataRole.FontRole)
    assert isinstance(unread, QFont) and unread.bold()
    assert model.data(model.index(1, COL_PREVIEW), Qt.ItemDataRole.FontRole) is None
    colour = model.data(model.index(0, COL_RISK), Qt.ItemDataRole.DecorationRole)
    assert isinstance(colour, QColor) and colour == RISK_COLOURS[600]
    assert model.data(model.index(1, COL_RISK), Qt.ItemDataRole.DecorationRole) == RISK_COLOURS[300]


def test_update_row_changes_one_row_and_signals_it(qtbot):
    model = QueueModel()
    model.set_source(lambda after, limit: [] if after else [_row(1), _row(2)])
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as blocker:
        assert model.update_row(2, {"status": "dismissed"})
    assert blocker.args[0].row() == 1
    assert model.data(model.index(1, COL_STATUS)) == "Dismissed"
    assert not model.update_row(99, {"status": "dismissed"})


def test_preview_tooltip_shows_markup_literally():
    tip = plain_tooltip("<b>x</b>\nnext")
    assert "<b>" not in tip and "&lt;b&gt;x&lt;/b&gt;" in tip and "<br>" in tip
