"""The audit log viewer: lazy paging, filters, chain verification, export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from moderator import audit
from tests.ui.conftest import HTML_TEXT
from ui.audit_view import (
    COL_ACTOR,
    COL_CHANGE,
    COL_SEQ,
    PAGE_SIZE,
    AuditFilter,
    AuditModel,
    change_text,
    fetch_entries,
)

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.timeout(60),
]
BIG = 1_000


def _fill(db, n: int, actor: str = "bot") -> None:
    with db.atomic():
        for i in range(n):
            audit.append(db, actor=actor, action="test.entry", note=f"entry number {i}")


def _total(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def _open(window):
    return window.extensions["ui.audit_view"].show()


def _shown_column(dialog, column: int) -> set[str]:
    model = dialog.model
    return {model.index(r, column).data() for r in range(model.rowCount())}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"before": '{"status":"new"}', "after": '{"status":"reviewed"}'},
            "status: new → status: reviewed",
        ),
        ({"before": None, "after": '{"name":"x"}'}, "— → name: x"),
        ({"before": None, "after": None}, ""),
        (
            {"before": '{"a":1,"b":2}', "after": '{"a":1,"b":3}'},
            "b: 2 → b: 3",
        ),
    ],
)
def test_change_text(row, expected):
    assert change_text(row) == expected


def test_model_passes_the_model_tester(qtmodeltester, window):
    _fill(window.db, 30)
    model = AuditModel(page_size=10)
    model.set_source(lambda after, limit: fetch_entries(window.db, AuditFilter(), after, limit))
    qtmodeltester.check(model)
    assert model.rowCount() >= 10


def test_menu_command(window):
    controller = window.extensions["ui.audit_view"]
    assert "Audit log" in [a.text() for a in window.menus["View"].actions()]
    assert controller.action.shortcut().toString() == "Ctrl+Shift+A"


def test_big_log_is_fetched_lazily(window):
    _fill(window.db, BIG)
    total = _total(window.db)
    dialog = _open(window)
    model = dialog.model
    assert model.rowCount() == PAGE_SIZE < total
    assert model.canFetchMore()
    newest = model.index(0, COL_SEQ).data()
    assert int(newest) == total
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    seqs = [int(model.index(r, COL_SEQ).data()) for r in range(model.rowCount())]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total


def test_filter_by_actor(window, qtbot):
    _fill(window.db, 5, actor="carol")
    dialog = _open(window)
    dialog.actor_edit.setText("carol")
    qtbot.waitUntil(lambda: dialog.filter.actor == "carol", timeout=10_000)
    assert dialog.model.rowCount() == 5
    assert _shown_column(dialog, COL_ACTOR) == {"carol"}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("action", "sync", {"sync.start", "sync.ok"}),
        ("text", "number 3", {"test.entry"}),
        ("comment", "c-0001", {"flags.raised"}),
        ("actor", "nobody", set()),
    ],
)
def test_filters(window, field, value, expected):
    _fill(window.db, 5)
    rows = fetch_entries(window.db, AuditFilter(**{field: value}), None, 100)
    assert {row["action"] for row in rows} == expected


def test_bad_date_shows_a_sentence(window):
    dialog = _open(window)
    dialog.since_edit.setText("yesterday-ish")
    dialog.apply_filters()
    assert dialog.model.rowCount() == 0
    assert "not a date" in dialog.message.text()


def test_comment_text_is_shown_as_plain_text(window):
    from moderator.actions import dismiss, find_comment

    comment = find_comment(window.db, "c-0004")
    dismiss(window.db, comment["id"], "alice", note="not an AE")
    dialog = _open(window)
    dialog.comment_edit.setText("c-0004")
    dialog.apply_filters()
    assert dialog.model.rowCount() >= 1
    dialog.table.selectRow(0)
    assert HTML_TEXT in dialog.detail.toPlainText()
    tip = dialog.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "<script>" not in tip and "&lt;script&gt;" in tip


def test_verify_reports_an_intact_chain(window, qtbot):
    dialog = _open(window)
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: not dialog.verifying, timeout=10_000)
    text = dialog.verify_label.text()
    assert text.startswith(f"Chain intact: {_total(window.db)} entries, head ")
    assert audit.head_hash(window.db) in text


def test_verify_detects_tampering(window, qtbot):
    _fill(window.db, 10)
    window.db.execute("UPDATE audit_log SET note = 'nothing happened' WHERE seq = 3")
    window.db.conn.commit()
    dialog = _open(window)
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: not dialog.verifying, timeout=10_000)
    assert dialog.verify_label.text() == (
        "Chain broken at entry 3: entry 3 was edited after it was written."
    )
    assert "c62828" in dialog.verify_label.styleSheet()
    assert dialog.model.bad_seq == 3
    while dialog.model.canFetchMore():
        dialog.model.fetchMore()
    row = [dialog.model.row_data(r)["seq"] for r in range(dialog.model.rowCount())].index(3)
    colour = dialog.model.index(row, COL_CHANGE).data(Qt.ItemDataRole.ForegroundRole)
    assert colour.name() == "#c62828"


def test_export_writes_a_csv_file(window, qtbot, tmp_path: Path):
    _fill(window.db, 4, actor="dave")
    out = tmp_path / "audit.csv"
    dialog = _open(window)
    dialog.choose_export_path = lambda fmt: out
    dialog.actor_edit.setText("dave")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10_000)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 and {row["actor"] for row in rows} == {"dave"}
    assert "Exported 4 entries" in dialog.message.text()
    last = list(audit.iter_entries(window.db))[-1]
    assert (last["action"], last["actor"]) == ("audit.export", "alice")


def test_export_cancelled_in_the_file_picker_writes_nothing(window, tmp_path: Path):
    dialog = _open(window)
    before = _total(window.db)
    dialog.choose_export_path = lambda fmt: None
    dialog.export_button.click()
    assert not dialog.exporting and _total(window.db) == before
