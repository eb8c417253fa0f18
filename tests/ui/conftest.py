"""Qt test fixtures: offscreen, a synced demo workspace, a window with injected fakes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from moderator.demo_workspace import prepare_demo  # noqa: E402
from moderator.workspace import Workspace  # noqa: E402
from tests.conftest import make_comment, write_page_document  # noqa: E402
from tests.ui.fakes import keyword_analyzer  # noqa: E402

HTML_TEXT = "<b>x</b><script>alert(1)</script> gave me a rash"
EMOJI_TEXT = "😀😀 hives and a rash 😀"
TEXTS = {
    1: "This gave me hives after two doses",
    2: "Thanks for the info!",
    3: "My pen was leaking, lot AB1234",
    4: HTML_TEXT,
    5: "same here, a rash",
    6: "ended up in hospital with a rash",
    7: "call my phone 555 0100 please",
    8: EMOJI_TEXT,
}
# risk first, newest first inside a risk band
QUEUE_ORDER = ["c-0006", "c-0008", "c-0005", "c-0004", "c-0001", "c-0007", "c-0003"]


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    comments = [
        make_comment(n, text, parent_id="c-0001" if n == 5 else None) for n, text in TEXTS.items()
    ]
    return write_page_document(tmp_path / "demo-page.json", comments)


@pytest.fixture
def workspace(tmp_path: Path, page_file: Path) -> Workspace:
    """A workspace with the small demo page synced and flagged by the keyword analyzer."""
    workspace = Workspace.at(tmp_path / "ws")
    prepare_demo(workspace, keyword_analyzer, document=page_file)
    return workspace


@pytest.fixture
def qsettings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, qsettings):
    """Build (and show) a main window; the test's qtbot closes it at the end."""
    from ui.main_window import MainWindow

    def build(workspace: Workspace, **kwargs) -> MainWindow:
        kwargs.setdefault("settings", qsettings)
        kwargs.setdefault("actor", "alice")
        kwargs.setdefault("detector_loader", None)
        kwargs.setdefault("read_delay_ms", 0)
        window = MainWindow(workspace, **kwargs)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)
        return window

    return build


@pytest.fixture
def window(make_window, workspace):
    return make_window(workspace)
