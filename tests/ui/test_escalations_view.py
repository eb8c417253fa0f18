"""The Escalations view: overdue first and red, filters, counts, double-click, batch export."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from moderator import escalation
from moderator.timeutil import to_text, utc_now
from ui.escalations_view import (
    COL_CASE,
    COL_INTERNAL,
    COL_KIND,
    COL_STATUS,
    OVERDUE_TEXT,
    EscalationsModel,
    case_rows,
)

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
    pytest.mark.timeout(60),
]


def local_id(window, platform_id: str) -> int:
    row = window.db.execute("SELECT id FROM comments WHERE platform_id = ?", [platform_id])
    return row.fetchone()[0]


@pytest.fixture
def cases(window) -> dict[str, str]:
    """Three cases: a fresh PV case, an overdue PV case and a quality complaint."""
    fresh = escalation.open_case(window.db, local_id(window, "c-0001"), "alice")
    late = escalation.open_case(window.db, local_id(window, "c-0006"), "alice")
    quality = escalation.open_case(window.db, local_id(window, "c-0003"), "alice", kind="quality")
    past = to_text(utc_now() - timedelta(hours=2))
    window.db.execute("UPDATE escalations SET internal_due_at = ? WHERE id = ?", [past, late])
    return {"fresh": fresh, "late": late, "quality": quality}


def show_view(window, qtbot, rows: int):
    action = next(a for a in window.menus["View"].actions() if a.text() == "Escalations")
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    action.trigger()
    view = window.extensions["ui.escalations_view"].view
    qtbot.waitUntil(lambda: view.model.rowCount() == rows, timeout=10_000)
    return view


def test_overdue_cases_come_first_in_red(window, qtbot, qtmodeltester, cases):
    view = show_view(window, qtbot, 3)
    model = view.model
    assert model.data(model.index(0, COL_CASE)) == cases["late"][:8]
    assert model.data(model.index(0, COL_STATUS)) == "Overdue · Open"
    assert model.data(model.index(0, COL_INTERNAL)).startswith("overdue by")
    red = model.data(model.index(0, COL_KIND), Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.color() == OVERDUE_TEXT
    assert model.data(model.index(1, COL_KIND), Qt.ItemDataRole.ForegroundRole) is None
    assert view.counts_label.text() == "3 open · 0 acknowledged · 1 overdue"
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("status_label", "kind_label", "expected"),
    [
        ("Open + acknowledged", "PV", ["late", "fresh"]),
        ("Overdue", "All kinds", ["late"]),
        ("Open", "Quality", ["quality"]),
        ("Acknowledged", "All kinds", ["fresh"]),
        ("Closed", "All kinds", []),
    ],
)
def test_filters(window, qtbot, cases, status_label, kind_label, expected):
    escalation.acknowledge(window.db, cases["fresh"], "pv-officer")
    view = show_view(window, qtbot, 3)
    view.kind_combo.setCurrentIndex(view.kind_combo.findText(kind_label))
    view.status_combo.setCurrentIndex(view.status_combo.findText(status_label))
    want = [cases[name] for name in expected]

    def shown() -> list[str]:
        rows = view.model.rowCount()
        return [
            view.model.data(view.model.index(r, 0), EscalationsModel.CaseIdRole)
            for r in range(rows)
        ]

    qtbot.waitUntil(lambda: shown() == want, timeout=10_000)


def test_double_click_opens_the_form_on_that_case(window, qtbot, cases):
    view = show_view(window, qtbot, 3)
    index = view.model.index(0, COL_CASE)
    view.table.doubleClicked.emit(index)
    form = window.extensions["ui.escalation_form"].form
    assert form is not None and form.case["id"] == cases["late"]
    assert "overdue" in form.internal_label.text()


def test_acknowledging_in_the_form_refreshes_the_view(window, qtbot, cases):
    view = show_view(window, qtbot, 3)
    view.table.doubleClicked.emit(view.model.index(0, COL_CASE))
    form = window.extensions["ui.escalation_form"].form
    assert form.acknowledge()
    qtbot.waitUntil(lambda: "1 acknowledged" in view.counts_label.text(), timeout=10_000)


def test_export_open_cases(window, qtbot, cases, tmp_path):
    controller = window.extensions["ui.escalations_view"]
    show_view(window, qtbot, 3)
    controller.export_open(str(tmp_path / "out"), "json")
    qtbot.waitUntil(lambda: len(controller.last_export) == 3, timeout=10_000)
    names = sorted(p.name for p in controller.last_export)
    assert names == sorted(
        f"{kind}-{cases[key]}.json"
        for kind, key in (("pv", "fresh"), ("pv", "late"), ("quality", "quality"))
    )
    assert all(p.stat().st_size > 0 for p in controller.last_export)


def test_case_rows_shows_the_comment_excerpt(window, cases):
    rows = case_rows(window.db)
    assert [r["id"] for r in rows][0] == cases["late"]
    assert rows[0]["text"] == "ended up in hospital with a rash"
    assert rows[0]["serious"] is True
    quality = next(r for r in rows if r["kind"] == "quality")
    assert quality["serious"] is None and quality["regulatory"] == ""
