"""The page manager through its widgets: add, test, sync, remove; tokens stay in the keyring."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from moderator import credentials
from moderator.demo_workspace import DEMO_PAGE_ID, DEMO_PAGE_NAME
from moderator.store.pages import find_page, list_pages
from tests.conftest import make_comment, write_page_document
from tests.fakes import FakeGraphServer, make_facebook_page
from ui.pages_dialog import (
    COL_COVERAGE,
    COL_NAME,
    COL_STATUS,
    SyncSummary,
    coverage_text,
    scrub,
)

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.timeout(60),
]
FB_TOKEN = "EAAB-SECRET-TOKEN-for-tests-42"


def _open(window, qtbot):
    controller = window.extensions["ui.pages_dialog"]
    dialog = controller.show()
    qtbot.waitUntil(lambda: dialog.loaded >= 1, timeout=10_000)
    return controller, dialog


def _idle(window, qtbot) -> None:
    qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)


def _all_widget_text(window) -> str:
    """Every piece of text any widget of the window shows or holds."""
    texts = []
    for widget in [window, *window.findChildren(QWidget)]:
        for getter in ("text", "toPlainText", "windowTitle", "toolTip", "placeholderText"):
            method = getattr(widget, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue
                if isinstance(value, str):
                    texts.append(value)
    return "\n".join(texts)


@pytest.mark.parametrize(
    ("stored", "total", "expected"),
    [
        (4812, 4812, "4,812 of 4,812 comments ingested"),
        (10, None, "10 comments ingested"),
        (0, 3, "0 of 3 comments ingested"),
    ],
)
def test_coverage_text(stored, total, expected):
    assert coverage_text(stored, total) == expected


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (SyncSummary(None, 0, 0), "No pages connected"),
        (SyncSummary(None, 2, 0), "Last sync never · 2 pages"),
        (SyncSummary(None, 1, 1), "Last sync never · 1 page · 1 error"),
    ],
)
def test_sync_summary_text(summary, expected):
    assert summary.text() == expected


def test_scrub_masks_the_secret():
    assert scrub(f"bad token {FB_TOKEN}", FB_TOKEN) == "bad token ••••"
    assert scrub("nothing", None) == "nothing"


def test_menu_command_and_status_label(window):
    controller = window.extensions["ui.pages_dialog"]
    assert "Pages…" in [a.text() for a in window.menus["File"].actions()]
    assert controller.action.shortcut().toString() == "Ctrl+P"
    text = controller.status_label.text()
    assert text.startswith("Last sync ") and text.endswith("· 1 page")


def test_table_lists_the_demo_page_with_coverage(window, qtbot):
    _, dialog = _open(window, qtbot)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, COL_NAME).text() == DEMO_PAGE_NAME
    assert dialog.table.item(0, COL_STATUS).text() == "OK"
    assert dialog.table.item(0, COL_COVERAGE).text() == "8 of 8 comments ingested"


def test_add_a_demo_page_and_sync_it(window, qtbot, tmp_path):
    document = write_page_document(
        tmp_path / "second.json",
        [make_comment(n, f"second page comment {n}") for n in range(101, 104)],
    )
    controller, dialog = _open(window, qtbot)
    add = dialog.add_page()
    add.platform_combo.setCurrentIndex(add.platform_combo.findData("demo"))
    add.id_edit.setText("demo-second")
    add.name_edit.setText("Second page")
    add.api_base_edit.setText(str(document))
    add.add_button.click()
    qtbot.waitUntil(lambda: add.result() == QMessageBox.DialogCode.Accepted.value, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    assert find_page(window.db, "demo-second") is not None
    assert controller.status_label.text().endswith("2 pages")

    dialog.select_page(find_page(window.db, "demo-second")["id"])
    with qtbot.waitSignal(window.events.sync_finished, timeout=10_000) as blocker:
        dialog.sync_button.click()
    assert blocker.args[0].status == "ok" and blocker.args[0].counts.new == 3
    _idle(window, qtbot)
    row = [p["platform_id"] for p in dialog.pages].index("demo-second")
    assert dialog.table.item(row, COL_COVERAGE).text() == "3 of 3 comments ingested"
    assert "Synced Second page: 3 new" in dialog.message.text()


def test_add_a_facebook_page_keeps_the_token_in_the_keyring_only(window, qtbot):
    page = make_facebook_page(6, n_posts=2)
    with FakeGraphServer({page.id: page}, token=FB_TOKEN) as graph:
        _, dialog = _open(window, qtbot)
        add = dialog.add_page()
        add.platform_combo.setCurrentIndex(add.platform_combo.findData("facebook"))
        add.id_edit.setText(page.id)
        add.api_base_edit.setText(graph.base_url)
        add.token_edit.setText(FB_TOKEN)
        add.test_button.click()
        assert add.token_edit.text() == ""  # cleared the moment it was used
        qtbot.waitUntil(lambda: add.result_label.text().startswith("Connected"), timeout=10_000)
        assert add.name_edit.text() == page.name  # filled in from the platform

        add.token_edit.setText(FB_TOKEN)
        add.add_button.click()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
        _idle(window, qtbot)

    assert credentials.get_token("facebook", page.id) == FB_TOKEN
    assert keyring.get_password(credentials.SERVICE, f"facebook:{page.id}") == FB_TOKEN
    assert FB_TOKEN not in _all_widget_text(window)
    dump = "\n".join(window.db.iterdump())
    assert FB_TOKEN not in dump


def test_test_connection_with_a_bad_token_shows_a_sentence_without_it(window, qtbot):
    page = make_facebook_page(2, n_posts=1)
    bad = "EAAB-WRONG-TOKEN-999"
    with FakeGraphServer({page.id: page}, token=FB_TOKEN) as graph:
        _, dialog = _open(window, qtbot)
        add = dialog.add_page()
        add.platform_combo.setCurrentIndex(add.platform_combo.findData("facebook"))
        add.id_edit.setText(page.id)
        add.api_base_edit.setText(graph.base_url)
        add.token_edit.setText(bad)
        add.test_button.click()
        qtbot.waitUntil(lambda: not add.busy, timeout=10_000)
    message = add.result_label.text()
    assert message and not message.startswith(("Connected", "Testing"))
    assert message.endswith((".", "!", "?"))
    assert bad not in message
    assert bad not in _all_widget_text(window)
    assert credentials.get_token("facebook", page.id) is None


def test_add_without_a_token_is_refused(window, qtbot):
    _, dialog = _open(window, qtbot)
    add = dialog.add_page()
    add.platform_combo.setCurrentIndex(add.platform_combo.findData("youtube"))
    add.id_edit.setText("UC123")
    add.name_edit.setText("Channel")
    add.add_button.click()
    assert add.result_label.text() == "A youtube page needs its access token."
    assert find_page(window.db, "UC123") is None


def test_remove_asks_then_deletes_the_page_and_its_token(window, qtbot):
    from moderator.store.pages import add_page

    add_page(window.db, platform="facebook", platform_id="123", name="FB", api_base=None, actor="a")
    credentials.store_token("facebook", "123", FB_TOKEN)
    _, dialog = _open(window, qtbot)
    dialog.select_page(find_page(window.db, "123")["id"])
    box = dialog.remove_selected()
    assert "FB" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    assert [p["platform_id"] for p in list_pages(window.db)] == [DEMO_PAGE_ID]
    assert credentials.get_token("facebook", "123") is None
    assert "Removed FB" in dialog.message.text()


def test_failed_sync_shows_in_the_table_and_the_status_bar(window, qtbot):
    from moderator.store.pages import add_page

    add_page(
        window.db, platform="youtube", platform_id="UCx", name="Tube", api_base=None, actor="a"
    )
    controller, dialog = _open(window, qtbot)
    dialog.select_page(find_page(window.db, "UCx")["id"])
    with qtbot.waitSignal(window.events.sync_finished, timeout=10_000) as blocker:
        dialog.sync_button.click()
    assert blocker.args[0].status == "failed"
    _idle(window, qtbot)
    row = [p["platform_id"] for p in dialog.pages].index("UCx")
    assert dialog.table.item(row, COL_STATUS).text() == "Failed"
    assert "No token is stored" in dialog.table.item(row, 6).text()
    assert controller.status_label.text().endswith("2 pages · 1 error")
