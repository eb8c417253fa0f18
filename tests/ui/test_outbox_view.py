"""The outbox window: its model, and retry / cancel / confirm through the buttons."""

from __future__ import annotations

import pytest

from moderator import actions, audit
from moderator.actions import find_comment
from ui.outbox_view import (
    COL_COMMENT,
    COL_MESSAGE,
    COL_STATUS,
    OutboxModel,
    platform_message,
)

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.timeout(60),
]


def _queue(window, platform_id: str, kind: str, status: str, error: str | None = None) -> int:
    """Enqueue an action, then put it in ``status`` as the worker would have."""
    comment = find_comment(window.db, platform_id)
    payload = {"text": "Thanks"} if kind == "reply" else None
    action_id = actions.enqueue(window.db, comment["id"], kind, "alice", payload=payload)
    window.db.execute(
        "UPDATE actions SET status = ?, attempts = 3, last_error = ? WHERE id = ?",
        [status, error, action_id],
    )
    window.db.conn.commit()
    return action_id


def _status(window, action_id: int) -> str:
    return actions.get_action(window.db, action_id)["status"]


def _open(window):
    return window.extensions["ui.outbox_view"].show()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"last_error": "Token expired.", "result": None}, "Token expired."),
        ({"last_error": None, "result": {"reply_id": "r-1"}}, "reply_id: r-1"),
        ({"last_error": None, "result": None}, ""),
    ],
)
def test_platform_message(row, expected):
    assert platform_message(row) == expected


def test_model_passes_the_model_tester(qtmodeltester, window):
    _queue(window, "c-0001", "hide", "failed", "The platform refused: <b>nope</b>.")
    _queue(window, "c-0003", "reply", "unknown")
    model = OutboxModel()
    model.set_rows(actions.list_actions(window.db))
    qtmodeltester.check(model)
    assert model.rowCount() == 2


def test_menu_command(window):
    controller = window.extensions["ui.outbox_view"]
    assert "Outbox" in [a.text() for a in window.menus["View"].actions()]
    assert controller.action.shortcut().toString() == "Ctrl+Shift+O"


def test_rows_show_status_and_platform_message(window):
    action_id = _queue(window, "c-0001", "hide", "failed", "The page token expired.")
    dialog = _open(window)
    row = dialog.model.row_for_id(action_id)
    assert dialog.model.index(row, COL_STATUS).data() == "Failed"
    assert dialog.model.index(row, COL_MESSAGE).data() == "The page token expired."
    assert dialog.model.index(row, COL_COMMENT).data().startswith("c-0001")


def test_retry_sends_the_failed_action_again(window, qtbot):
    action_id = _queue(window, "c-0001", "hide", "failed", "The platform was down.")
    dialog = _open(window)
    dialog.select_action(action_id)
    assert dialog.retry_button.isEnabled() and not dialog.confirm_button.isEnabled()
    dialog.retry_button.click()
    assert _status(window, action_id) in ("pending", "in_progress", "done")
    qtbot.waitUntil(lambda: dialog.sending == 0, timeout=10_000)
    assert _status(window, action_id) == "done"
    assert find_comment(window.db, "c-0001")["hidden"] == 1
    assert "applied on the platform" in dialog.message.text()
    trail = [e["action"] for e in audit.iter_entries(window.db)]
    assert trail.index("action.retry") < len(trail) - 1 - trail[::-1].index("action.applied")


def test_cancel_gives_up_on_the_action(window):
    action_id = _queue(window, "c-0003", "reply", "failed", "Rate limited.")
    dialog = _open(window)
    dialog.select_action(action_id)
    dialog.cancel_button.click()
    assert _status(window, action_id) == "cancelled"
    row = dialog.model.row_for_id(action_id)
    assert row < 0 or dialog.model.index(row, COL_STATUS).data() == "Cancelled"
    assert "cancelled" in dialog.message.text()
    last = list(audit.iter_entries(window.db))[-1]
    assert (last["action"], last["actor"]) == ("action.cancelled", "alice")


def test_confirm_marks_an_unknown_action_done(window):
    action_id = _queue(window, "c-0004", "hide", "unknown")
    dialog = _open(window)
    dialog.select_action(action_id)
    assert dialog.confirm_button.isEnabled()
    dialog.confirm_button.click()
    assert _status(window, action_id) == "done"
    assert find_comment(window.db, "c-0004")["hidden"] == 1


def test_done_actions_offer_no_buttons(window):
    action_id = _queue(window, "c-0004", "hide", "done")
    dialog = _open(window)
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findText("All"))
    dialog.select_action(action_id)
    buttons = (dialog.retry_button, dialog.cancel_button, dialog.confirm_button)
    assert not any(button.isEnabled() for button in buttons)
