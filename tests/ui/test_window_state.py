"""Window layout survives a restart; the demo start fills the queue in the background."""

from __future__ import annotations

import pytest

from moderator.workspace import Workspace
from tests.ui.fakes import keyword_analyzer
from ui import jobs

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


def test_geometry_and_splitter_are_restored(make_window, workspace, qtbot):
    first = make_window(workspace)
    first.resize(760, 520)  # the offscreen screen is 800x600; restoring clamps to it
    first.splitter.setSizes([300, 460])
    sizes = first.splitter.sizes()
    first.close()
    second = make_window(workspace)
    assert (second.size().width(), second.size().height()) == (760, 520)
    assert second.splitter.sizes() == sizes


def test_settings_go_to_the_given_file(make_window, workspace, qsettings):
    make_window(workspace).close()
    assert qsettings.value("window/geometry") is not None
    assert qsettings.fileName().endswith("console.ini")


NOTE = "Names are not detected: spaCy model en_core_web_sm is not installed."


def fake_loader(workspace, ctx):
    return jobs.Detectors(keyword_analyzer, status=NOTE)


def test_demo_start_syncs_then_flags_in_the_background(make_window, tmp_path, page_file, qtbot):
    window = make_window(Workspace.at(tmp_path / "fresh"), detector_loader=fake_loader)
    assert window.model.rowCount() == 0
    window.start(demo=True, demo_document=page_file)
    qtbot.waitUntil(lambda: window.model.rowCount() == 7, timeout=10_000)
    assert window.model.row_data(0)["platform_id"] == "c-0006"
    qtbot.waitUntil(lambda: window.detector_label.text() == NOTE, timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)
    assert window.progress_holder.isHidden()
    assert window.last_error is None


def test_missing_detectors_are_reported_not_fatal(make_window, workspace, qtbot):
    def broken_loader(workspace, ctx):
        raise ImportError("No module named 'moderator.detection'", name="moderator.detection")

    window = make_window(workspace, detector_loader=broken_loader)
    window.start()
    qtbot.waitUntil(lambda: "not installed" in window.detector_label.text(), timeout=10_000)
    assert window.model.rowCount() == 7


def test_sync_now_with_the_demo_page(make_window, workspace, qtbot):
    window = make_window(workspace)
    window.sync_now()
    qtbot.waitUntil(lambda: not window.runner.active(), timeout=10_000)
    assert "Synced: 0 new" in window.statusBar().currentMessage()
    assert window.last_error is None
