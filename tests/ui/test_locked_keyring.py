"""A locked keyring: the console still opens and shows the queue; syncing a real
platform page says so in one sentence; the demo page keeps working."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import Qt

from moderator.store.pages import add_page
from tests.fakes.memory_keyring import LockedKeyring


@pytest.fixture
def locked_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    yield
    keyring.set_keyring(previous)


def test_console_opens_and_explains_a_locked_keyring(make_window, workspace, qtbot, locked_keyring):
    db = workspace.open()
    add_page(
        db,
        platform="facebook",
        platform_id="123",
        name="Brand page",
        api_base="http://127.0.0.1:9",
        actor="alice",
    )
    db.close()
    window = make_window(workspace)
    assert window.model.rowCount() > 0  # the stored queue is there without any token
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)
    assert window.last_error is not None
    assert "keyring" in window.last_error.lower()
    assert "\n" not in window.last_error and "Traceback" not in window.last_error
    statuses = dict(window.db.execute("SELECT platform, last_sync_status FROM pages").fetchall())
    assert statuses == {"demo": "ok", "facebook": "failed"}
