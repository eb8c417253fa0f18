"""The main window on a synced demo workspace: queue order, detail pane, keys, search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from moderator import queue
from tests.ui.conftest import EMOJI_TEXT, HTML_TEXT, QUEUE_ORDER
from ui.queue_model import COL_RISK, QueueModel

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says this for every top-level window; harmless
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def _platform_ids(window) -> list[str]:
    return [window.model.row_data(r)["platform_id"] for r in range(window.model.rowCount())]


def _select(window, platform_id: str) -> None:
    window.select_row(_platform_ids(window).index(platform_id))


def test_window_shows_the_queue_sorted_by_risk(window):
    assert _platform_ids(window) == QUEUE_ORDER
    first = window.model.index(0, COL_RISK)
    assert window.model.data(first) == "Serious AE"
    assert window.table.currentIndex().row() == 0
    assert window.count_label.text() == "7 comments"


def test_kind_buttons_show_counts(window, qtbot):
    qtbot.waitUntil(lambda: "5" in window.kind_buttons["adverse_event"].text(), timeout=10_000)
    assert window.kind_buttons["privacy"].text().endswith("1")
    window.kind_buttons["privacy"].setChecked(True)
    assert _platform_ids(window) == ["c-0007"]


def test_detail_pane_shows_html_literally(window):
    _select(window, "c-0004")
    view = window.detail.text_view
    assert view.toPlainText() == HTML_TEXT
    # the document holds the raw characters, not rendered markup
    assert "<script>" in view.document().toPlainText()
    assert view.document().toRawText() == HTML_TEXT
    assert not view.document().toHtml().count("<b>x</b>")
    header_labels = [window.detail.header, window.detail.flag_summary, window.detail.evidence_list]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in header_labels)


def test_evidence_spans_are_highlighted_and_labelled(window):
    _select(window, "c-0006")
    view = window.detail.text_view
    selections = view.extraSelections()
    covered = {(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in selections}
    text = view.toPlainText()
    assert {text[a:b] for a, b in covered} == {"hospital", "rash"}
    assert all(s.format.background().color().isValid() for s in selections)
    assert window.detail.evidence_list.text().splitlines() == [
        "“hospital”: Adverse event (seriousness)",
        "“rash”: Adverse event (event)",
    ]
    assert "Adverse event: score 0.90" in window.detail.flags_view.toPlainText()


def test_evidence_after_emoji_lands_on_the_right_characters(window):
    _select(window, "c-0008")
    view = window.detail.text_view
    doc_text = view.document().toPlainText()
    assert doc_text == EMOJI_TEXT
    spans = sorted(
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in view.extraSelections()
    )
    # Qt positions are UTF-16 units: slice the UTF-16 encoding to read what is highlighted
    utf16 = doc_text.encode("utf-16-le")
    words = [utf16[2 * a : 2 * b].decode("utf-16-le") for a, b in spans]
    assert words == ["hives", "rash"]


def test_detail_shows_post_thread_and_history(window):
    _select(window, "c-0001")
    thread = window.detail.thread_view.toPlainText()
    assert "Talk to your doctor about Xarelto." in thread
    assert "same here, a rash" in thread
    assert "flags.raised" in window.detail.history_view.toPlainText()


def test_j_and_k_move_the_selection(window, qtbot):
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_J)
    assert window.table.currentIndex().row() == 1
    qtbot.keyClick(window.table, Qt.Key.Key_J)
    assert window.table.currentIndex().row() == 2
    qtbot.keyClick(window.table, Qt.Key.Key_K)
    assert window.table.currentIndex().row() == 1
    assert window.detail.detail.comment["platform_id"] == QUEUE_ORDER[1]


def test_d_dismisses_the_current_comment(window, qtbot):
    window.table.setFocus()
    comment_id = window.current_comment_id()
    qtbot.keyClick(window.table, Qt.Key.Key_D)
    status = window.db.execute("SELECT status FROM comments WHERE id = ?", [comment_id])
    assert status.fetchone()[0] == "dismissed"
    assert window.model.row_data(0)["status"] == "dismissed"
    assert window.table.currentIndex().row() == 1  # moved on to the next comment
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    status = window.db.execute("SELECT status FROM comments WHERE id = ?", [comment_id])
    assert status.fetchone()[0] == "new"


def test_selecting_a_comment_marks_it_read(window, qtbot):
    _select(window, "c-0005")
    comment_id = window.current_comment_id()
    qtbot.waitUntil(lambda: window.model.row_data(2)["read_at"] is not None, timeout=10_000)
    assert window.db["comments"].get(comment_id)["read_at"] is not None
    assert window.model.data(window.model.index(2, 0), Qt.ItemDataRole.FontRole) is None
    unread = window.model.data(window.model.index(4, 0), Qt.ItemDataRole.FontRole)
    assert unread is not None and unread.bold()


def test_slash_focuses_search_and_typing_filters_with_fts(window, qtbot):
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Slash)
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "hosp")
    qtbot.waitUntil(lambda: _platform_ids(window) == ["c-0006"], timeout=10_000)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_J)  # typing j in the box is not "next"
    assert window.search_edit.text() == "hospj"
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, 'rash (AND"')  # FTS syntax is searched as words
    qtbot.waitUntil(lambda: _platform_ids(window) == ["c-0008"], timeout=10_000)
    window.search_edit.setText("zzz")
    qtbot.waitUntil(lambda: _platform_ids(window) == [], timeout=10_000)
    assert window.empty_label.isVisible() and "zzz" in window.empty_label.text()
    assert window.last_error is None


def test_question_mark_lists_every_shortcut(window, qtbot):
    window.table.setFocus()
    qtbot.keyClicks(window.table, "?")
    qtbot.waitUntil(lambda: window.shortcuts_dialog is not None, timeout=10_000)
    table = window.shortcuts_dialog.table
    keys = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert {"J", "K", "H", "U", "R", "E", "D", "/", "F5"} <= keys
    window.shortcuts_dialog.close()


def test_escalate_asks_for_a_note_then_escalates(window, qtbot):
    comment_id = window.current_comment_id()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    dialog = window.open_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.note.setPlainText("patient hospitalised")
    dialog.accept()
    row = window.db["comments"].get(comment_id)
    assert row["status"] == "escalated"
    assert (
        window.db.execute(
            "SELECT note FROM escalations WHERE comment_id = ?", [comment_id]
        ).fetchone()[0]
        == "patient hospitalised"
    )


def test_hide_applies_on_the_platform_in_the_background(window, qtbot):
    _select(window, "c-0003")
    comment_id = window.current_comment_id()
    window.hide_selected()
    qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)
    diagnosis = (list(window.db.query("SELECT * FROM actions")), window.last_error)
    assert window.db["comments"].get(comment_id)["hidden"] == 1, diagnosis
    assert window.last_error is None
    (action,) = window.db.query("SELECT * FROM actions WHERE comment_id = ?", [comment_id])
    assert action["kind"] == "hide" and action["status"] == "done"


def test_errors_are_one_sentence_not_a_traceback(window, qtbot):
    window.db.execute("DROP TABLE comments_fts")  # break search on purpose
    window.search_edit.setText("rash")
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=10_000)
    assert "Traceback" not in window.last_error
    assert window.last_error.count("\n") == 0
    assert window.error_box is not None and window.error_box.isVisible()


def test_model_rows_match_the_core_query(window):
    rows = queue.fetch_page(window.db, window.filter)
    assert [r["id"] for r in rows] == [
        window.model.data(window.model.index(r, 0), QueueModel.CommentIdRole)
        for r in range(window.model.rowCount())
    ]


def test_page_and_period_filters_narrow_the_queue(window, qtbot):
    from moderator.timeutil import to_text, utc_now

    everything = window.model.rowCount()
    assert everything > 0
    platform_index = window.page_combo.findData("platform:demo")
    assert platform_index > 0
    window.page_combo.setCurrentIndex(platform_index)
    qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)
    assert window.filter.platform == "demo" and window.model.rowCount() == everything
    # Age one comment beyond the period: "Last 24 hours" must drop exactly that one.
    window.db.execute(
        "UPDATE comments SET created_at = ? WHERE platform_id = 'c-0006'",
        [to_text(utc_now().replace(year=2020))],
    )
    window.db.execute(
        "UPDATE comments SET created_at = ? WHERE platform_id != 'c-0006'", [to_text(utc_now())]
    )
    window.period_combo.setCurrentIndex(window.period_combo.findData(24))
    qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)
    assert window.filter.date_from is not None
    assert window.model.rowCount() == everything - 1
